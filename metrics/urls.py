"""URLs of the metrics app."""

from django.urls import path

from metrics import views
from metrics.views import training

app_name = "metrics"

urlpatterns = [
    path("initiatives/<int:pk>/", views.initiative_metrics_view, name="initiative-metrics"),
    path("initiatives/<int:pk>/kpis/new/", views.kpi_create_view, name="kpi-create"),
    path(
        "initiatives/<int:pk>/financials/",
        views.initiative_financials_view,
        name="initiative-financials",
    ),
    path("initiatives/<int:pk>/costs/new/", views.cost_create_view, name="cost-create"),
    path("initiatives/<int:pk>/benefits/new/", views.benefit_create_view, name="benefit-create"),
    path(
        "initiatives/<int:pk>/scaling-cost/", views.scaling_estimate_view, name="scaling-estimate"
    ),
    path("kpis/<int:pk>/", views.kpi_detail_view, name="kpi-detail"),
    path("kpis/<int:pk>/edit/", views.kpi_update_view, name="kpi-update"),
    path("kpis/<int:pk>/delete/", views.kpi_delete_view, name="kpi-delete"),
    path(
        "kpis/<int:pk>/measurements/",
        views.measurement_quick_create_view,
        name="measurement-quick-create",
    ),
    path("measurements/<int:pk>/edit/", views.measurement_update_view, name="measurement-update"),
    path("measurements/<int:pk>/delete/", views.measurement_delete_view, name="measurement-delete"),
    path("measurements/import/", views.measurement_import_view, name="measurement-import"),
    path(
        "measurements/import/jobs/<int:pk>/",
        views.measurement_import_job_view,
        name="measurement-import-job",
    ),
    path(
        "measurements/import/template.<str:fmt>",
        views.import_template_view,
        name="measurement-import-template",
    ),
    path("financials/", views.financial_overview_view, name="financial-overview"),
    path("financials/training/", training.training_costs_view, name="training-costs"),
    path(
        "financials/training/export/",
        training.training_costs_export_view,
        name="training-costs-export",
    ),
    path(
        "financials/training/<int:pk>/",
        training.training_cost_book_view,
        name="training-cost-book",
    ),
    path("costs/<int:pk>/edit/", views.cost_update_view, name="cost-update"),
    path("costs/<int:pk>/delete/", views.cost_delete_view, name="cost-delete"),
    path("benefits/<int:pk>/edit/", views.benefit_update_view, name="benefit-update"),
    path("benefits/<int:pk>/delete/", views.benefit_delete_view, name="benefit-delete"),
    path("adoption/", views.adoption_view, name="adoption"),
    path("adoption/<int:pk>/delete/", views.adoption_delete_view, name="adoption-delete"),
]
