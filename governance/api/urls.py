"""API routes of the governance app."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from governance.api import estate, literacy, questionnaires, vendor_candidates, vendors, views

router = SimpleRouter()
router.register(
    "vendor-questionnaires",
    questionnaires.VendorQuestionnaireViewSet,
    basename="vendor-questionnaire",
)
router.register("ai-systems", views.AISystemViewSet, basename="ai-system")
router.register("risks", views.RiskViewSet, basename="risk")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("it-systems", estate.ITSystemViewSet, basename="it-system")
router.register("data-sources", estate.EstateDataSourceViewSet, basename="data-source")
router.register(
    "infrastructure-checks", estate.InfrastructureCheckViewSet, basename="infrastructure-check"
)
router.register("vendors", vendors.VendorViewSet, basename="vendor")
router.register("vendor-products", vendors.VendorProductViewSet, basename="vendor-product")
router.register("vendor-evaluations", vendors.VendorEvaluationViewSet, basename="vendor-evaluation")
router.register(
    "evaluation-candidates",
    vendor_candidates.EvaluationCandidateViewSet,
    basename="evaluation-candidate",
)
router.register(
    "candidate-costs", vendor_candidates.CandidateCostViewSet, basename="candidate-cost"
)

urlpatterns = [
    path("register/import/", views.RegisterImportView.as_view(), name="register-import"),
    path(
        "register/import/<int:job_id>/",
        views.RegisterImportStatusView.as_view(),
        name="register-import-status",
    ),
    path(
        "register/import/runs/<int:pk>/",
        views.RegisterImportRunView.as_view(),
        name="register-import-run",
    ),
    path(
        "register/import/runs/<int:pk>/commit/",
        views.RegisterImportCommitView.as_view(),
        name="register-import-commit",
    ),
    path("register/export/", views.RegisterExportView.as_view(), name="register-export"),
    path(
        "ai-systems/<int:pk>/literacy/",
        literacy.SystemLiteracyView.as_view(),
        name="ai-system-literacy",
    ),
    *router.urls,
]
