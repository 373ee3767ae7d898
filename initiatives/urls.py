"""URLs of the initiatives app."""

from django.urls import path

from initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("departments/", views.department_list_view, name="department-list"),
    path("departments/<int:pk>/", views.department_detail_view, name="department-detail"),
]
