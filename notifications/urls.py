"""URLs of the notifications app."""

from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list_view, name="notification-list"),
    path("settings/", views.preferences_view, name="preferences"),
    path("following/", views.followed_view, name="followed"),
    path("follow/", views.follow_view, name="follow"),
    path("read-all/", views.notification_read_all_view, name="notification-read-all"),
    path("<int:pk>/open/", views.notification_open_view, name="notification-open"),
    path("<int:pk>/read/", views.notification_read_view, name="notification-read"),
]
