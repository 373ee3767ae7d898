"""Routes of /api/v1/: each app adds its router here."""

from django.urls import path

from portfolio.api.views import MeView

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
]
