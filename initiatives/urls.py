"""URLs of the initiatives app."""

from django.urls import path

from initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list_view, name="initiative-list"),
    path("matrix/", views.initiative_matrix_view, name="initiative-matrix"),
    path("suggest/owners/", views.owner_suggestions_view, name="owner-suggestions"),
    path("new/", views.initiative_create_view, name="initiative-create"),
    path("duplicates/", views.initiative_duplicates_view, name="initiative-duplicates"),
    path("<int:pk>/", views.initiative_detail_view, name="initiative-detail"),
    path("<int:pk>/edit/", views.initiative_update_view, name="initiative-update"),
    path("<int:pk>/transition/", views.initiative_transition_view, name="initiative-transition"),
    path("<int:pk>/gate/", views.gate_decision_view, name="gate-decision"),
    path("<int:pk>/gate/request/", views.gate_request_view, name="gate-request"),
    path("gates/", views.gate_queue_view, name="gate-queue"),
    path(
        "gates/<int:pk>/withdraw/",
        views.gate_request_withdraw_view,
        name="gate-request-withdraw",
    ),
    path("<int:pk>/pilots/new/", views.pilot_edit_view, name="pilot-create"),
    path("<int:pk>/pilots/<int:pilot_pk>/edit/", views.pilot_edit_view, name="pilot-update"),
    path(
        "<int:pk>/readiness/<int:item_pk>/",
        views.readiness_item_view,
        name="readiness-item-update",
    ),
    path("<int:pk>/team/", views.team_role_add_view, name="team-role-add"),
    path(
        "<int:pk>/team/<int:role_pk>/remove/",
        views.team_role_remove_view,
        name="team-role-remove",
    ),
    path("team-roles/", views.team_role_list_view, name="team-role-list"),
    path("team-roles/export/", views.team_role_export_view, name="team-role-export"),
    path("departments/", views.department_list_view, name="department-list"),
    path("departments/<int:pk>/", views.department_detail_view, name="department-detail"),
]
