"""Routes of /api/v1/: each app adds its router here."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from portfolio.api.reports import ReportViewSet
from portfolio.api.views import FiguresView, MeView

router = SimpleRouter()
router.register("reports", ReportViewSet, basename="report")

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("figures/", FiguresView.as_view(), name="api-figures"),
    path("", include("initiatives.api.urls")),
    path("", include("metrics.api.urls")),
    path("", include("governance.api.urls")),
    path("", include("people.api.urls")),
    path("", include("notifications.api.urls")),
    *router.urls,
]
