"""URLs of the governance app (mounted at /register/)."""

from django.urls import path

from governance import views
from governance.views import (
    estate,
    literacy,
    questionnaires,
    suggestions,
    vendor_candidates,
    vendors,
)

app_name = "governance"

urlpatterns = [
    path("", views.system_list_view, name="system-list"),
    path("new/", views.system_edit_view, name="system-create"),
    path("export/", views.export_view, name="export"),
    path("<int:pk>/", views.system_detail_view, name="system-detail"),
    path("<int:pk>/edit/", views.system_edit_view, name="system-update"),
    path("<int:pk>/classify/", views.system_classify_view, name="system-classify"),
    path("<int:pk>/approval/<slug:action>/", views.system_approval_view, name="system-approval"),
    path("<int:pk>/adopt/", views.system_adopt_view, name="system-adopt"),
    path("<int:pk>/literacy/", literacy.system_literacy_view, name="system-literacy"),
    path("<int:system_pk>/risks/new/", views.risk_edit_view, name="risk-create"),
    path("<int:system_pk>/reviews/new/", views.review_edit_view, name="review-create"),
    path("risks/", views.risk_list_view, name="risk-list"),
    path("risks/<int:pk>/", views.risk_detail_view, name="risk-detail"),
    path("risks/<int:pk>/edit/", views.risk_edit_view, name="risk-update"),
    path("reviews/", views.review_list_view, name="review-list"),
    path("reviews/<int:pk>/", views.review_detail_view, name="review-detail"),
    path("reviews/<int:pk>/edit/", views.review_edit_view, name="review-update"),
    path("reviews/<int:pk>/complete/", views.review_complete_view, name="review-complete"),
    path("reviews/<int:pk>/evidence/", views.review_evidence_view, name="review-evidence"),
    path("import/", views.import_upload_view, name="import-upload"),
    path("import/<int:pk>/", views.import_preview_view, name="import-preview"),
    path("import/<int:pk>/commit/", views.import_commit_view, name="import-commit"),
    path("import/<int:pk>/job/", views.import_job_view, name="import-job"),
    # Suggestions for the owner and IT system boxes of the lists' filters.
    path(
        "suggest/owners/<slug:of>/",
        suggestions.owner_suggestions_view,
        name="owner-suggestions",
    ),
    path(
        "suggest/it-systems/",
        suggestions.it_system_suggestions_view,
        name="it-system-suggestions",
    ),
    # The estate: IT systems and data sources rated for AI, and the infrastructure check.
    path("estate/", estate.estate_view, name="estate"),
    path("estate/check/", estate.infrastructure_check_view, name="infrastructure-check"),
    path("estate/systems/", estate.it_system_list_view, name="it-system-list"),
    path("estate/systems/new/", estate.it_system_edit_view, name="it-system-create"),
    path("estate/systems/export/", estate.it_system_export_view, name="it-system-export"),
    path("estate/systems/<int:pk>/", estate.it_system_detail_view, name="it-system-detail"),
    path("estate/systems/<int:pk>/edit/", estate.it_system_edit_view, name="it-system-update"),
    path("estate/data/", estate.data_source_list_view, name="data-source-list"),
    path("estate/data/new/", estate.data_source_edit_view, name="data-source-create"),
    path("estate/data/export/", estate.data_source_export_view, name="data-source-export"),
    path("estate/data/<int:pk>/", estate.data_source_detail_view, name="data-source-detail"),
    path("estate/data/<int:pk>/edit/", estate.data_source_edit_view, name="data-source-update"),
    # A candidate's vendor questionnaires (the vendor answers at /vendor-questionnaire/<token>/).
    path(
        "evaluations/<int:evaluation_pk>/candidates/<int:candidate_pk>/questionnaires/",
        questionnaires.candidate_questionnaires_view,
        name="candidate-questionnaires",
    ),
    path(
        "evaluations/<int:evaluation_pk>/candidates/<int:candidate_pk>/questionnaires/<int:pk>/"
        "revoke/",
        questionnaires.questionnaire_revoke_view,
        name="questionnaire-revoke",
    ),
    # Vendors, their products, and evaluations of candidates for a use case.
    path("vendors/", vendors.vendor_list_view, name="vendor-list"),
    path("vendors/new/", vendors.vendor_edit_view, name="vendor-create"),
    path("vendors/export/", vendors.vendor_export_view, name="vendor-export"),
    path("vendors/<int:pk>/", vendors.vendor_detail_view, name="vendor-detail"),
    path("vendors/<int:pk>/edit/", vendors.vendor_edit_view, name="vendor-update"),
    path("vendors/<int:pk>/delete/", vendors.vendor_delete_view, name="vendor-delete"),
    path(
        "vendors/<int:vendor_pk>/products/new/",
        vendors.vendor_product_edit_view,
        name="vendor-product-create",
    ),
    path(
        "vendors/products/<int:pk>/edit/",
        vendors.vendor_product_edit_view,
        name="vendor-product-update",
    ),
    path(
        "vendors/products/<int:pk>/delete/",
        vendors.vendor_product_delete_view,
        name="vendor-product-delete",
    ),
    path("evaluations/", vendors.evaluation_list_view, name="evaluation-list"),
    path("evaluations/new/", vendors.evaluation_edit_view, name="evaluation-create"),
    path("evaluations/export/", vendors.evaluation_export_view, name="evaluation-export"),
    path("evaluations/<int:pk>/", vendors.evaluation_detail_view, name="evaluation-detail"),
    path("evaluations/<int:pk>/edit/", vendors.evaluation_edit_view, name="evaluation-update"),
    path(
        "evaluations/<int:pk>/weights/", vendors.evaluation_weights_view, name="evaluation-weights"
    ),
    path("evaluations/<int:pk>/decide/", vendors.evaluation_decide_view, name="evaluation-decide"),
    path("evaluations/<int:pk>/cancel/", vendors.evaluation_cancel_view, name="evaluation-cancel"),
    path("evaluations/<int:pk>/reopen/", vendors.evaluation_reopen_view, name="evaluation-reopen"),
    path("evaluations/<int:pk>/delete/", vendors.evaluation_delete_view, name="evaluation-delete"),
    path(
        "evaluations/<int:evaluation_pk>/candidates/new/",
        vendor_candidates.candidate_edit_view,
        name="candidate-create",
    ),
    path(
        "evaluations/<int:evaluation_pk>/candidates/<int:pk>/",
        vendor_candidates.candidate_detail_view,
        name="candidate-detail",
    ),
    path(
        "evaluations/<int:evaluation_pk>/candidates/<int:pk>/edit/",
        vendor_candidates.candidate_edit_view,
        name="candidate-update",
    ),
    path(
        "evaluations/<int:evaluation_pk>/candidates/<int:pk>/scores/",
        vendor_candidates.candidate_scores_view,
        name="candidate-scores",
    ),
    path(
        "evaluations/<int:evaluation_pk>/candidates/<int:pk>/remove/",
        vendor_candidates.candidate_remove_view,
        name="candidate-remove",
    ),
    path(
        "evaluations/<int:evaluation_pk>/candidates/<int:pk>/costs/new/",
        vendor_candidates.candidate_cost_edit_view,
        name="candidate-cost-create",
    ),
    path(
        "evaluations/<int:evaluation_pk>/candidates/<int:pk>/costs/<int:cost_pk>/edit/",
        vendor_candidates.candidate_cost_edit_view,
        name="candidate-cost-update",
    ),
    path(
        "evaluations/<int:evaluation_pk>/candidates/<int:pk>/costs/<int:cost_pk>/delete/",
        vendor_candidates.candidate_cost_delete_view,
        name="candidate-cost-delete",
    ),
]
