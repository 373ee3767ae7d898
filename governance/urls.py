"""URLs of the governance app (mounted at /register/)."""

from django.urls import path

from governance import views
from governance.views import estate, literacy

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
]
