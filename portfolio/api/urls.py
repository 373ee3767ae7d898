"""Routes of /api/v1/: each app adds its router here."""

from django.urls import include, path

from portfolio.api.views import MeView

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("", include("initiatives.api.urls")),
    path("", include("metrics.api.urls")),
    path("", include("governance.api.urls")),
]
