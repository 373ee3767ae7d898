"""URLs of the quarterly reports."""

from django.urls import path

from portfolio.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list_view, name="report-list"),
    path("<int:pk>/", views.report_detail_view, name="report-detail"),
    path("<int:pk>/pdf/", views.report_pdf_view, name="report-pdf"),
    path("<int:pk>/numbers.json", views.report_json_view, name="report-json"),
    path("<int:pk>/numbers.csv", views.report_csv_view, name="report-csv"),
]
