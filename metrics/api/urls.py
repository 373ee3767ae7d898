"""API routes of the metrics app."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from metrics.api import views

router = SimpleRouter()
router.register("kpis", views.KpiViewSet, basename="kpi")
router.register("measurements", views.MeasurementViewSet, basename="measurement")
router.register("costs", views.CostItemViewSet, basename="cost")
router.register("benefits", views.BenefitViewSet, basename="benefit")
router.register("adoption", views.AdoptionRecordViewSet, basename="adoption")
router.register("training-costs", views.TrainingCostViewSet, basename="training-cost")

urlpatterns = [
    path("initiatives/<int:pk>/roi/", views.InitiativeRoiView.as_view(), name="initiative-roi"),
    *router.urls,
]
