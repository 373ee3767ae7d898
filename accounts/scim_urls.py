"""SCIM 2.0 endpoints under /scim/v2/."""

from django.urls import path

from accounts import scim

app_name = "scim"

urlpatterns = [
    path("Users", scim.ScimUsersView.as_view(), name="users"),
    path("Users/<str:pk>", scim.ScimUserView.as_view(), name="user"),
    path("Groups", scim.ScimGroupsView.as_view(), name="groups"),
    path("Groups/<str:pk>", scim.ScimGroupView.as_view(), name="group"),
]
