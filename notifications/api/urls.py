"""API routes of the notifications app."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from notifications.api import views

router = SimpleRouter(trailing_slash=True)
router.register("notifications", views.NotificationViewSet, basename="notification")
router.register("subscriptions", views.SubscriptionViewSet, basename="subscription")

urlpatterns = [
    # Before the router: its detail route would take "preferences" for a notification's id.
    path(
        "notifications/preferences/",
        views.PreferencesView.as_view(),
        name="notification-preferences",
    ),
    *router.urls,
]
