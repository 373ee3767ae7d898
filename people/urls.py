"""URLs of the people app (mounted at /people/)."""

from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("", views.competence_map_view, name="competence-map"),
    path("export/", views.competence_export_view, name="competence-export"),
    path("new/", views.person_edit_view, name="person-create"),
    path("<int:pk>/", views.person_detail_view, name="person-detail"),
    path("<int:pk>/edit/", views.person_edit_view, name="person-update"),
    path("<int:pk>/delete/", views.person_delete_view, name="person-delete"),
    path(
        "<int:pk>/skills/<int:skill_pk>/delete/",
        views.person_skill_delete_view,
        name="skill-delete",
    ),
    path("training/", views.training_list_view, name="training-list"),
    path("training/export/", views.training_export_view, name="training-export"),
    path("training/new/", views.training_edit_view, name="training-create"),
    path("training/<int:pk>/edit/", views.training_edit_view, name="training-update"),
    path("training/<int:pk>/delete/", views.training_delete_view, name="training-delete"),
    path("literacy/", views.measure_list_view, name="measure-list"),
    path("literacy/new/", views.measure_edit_view, name="measure-create"),
    path("literacy/<int:pk>/", views.measure_detail_view, name="measure-detail"),
    path("literacy/<int:pk>/edit/", views.measure_edit_view, name="measure-update"),
    path("literacy/<int:pk>/delete/", views.measure_delete_view, name="measure-delete"),
]
