"""URLs of the accounts app (allauth's own live under /accounts/ too)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    # Before allauth's own login URL (same path), so SSO-only and the direct redirect apply.
    path("login/", login_not_required(views.SsoLoginView.as_view()), name="login"),
    path("tokens/", views.ApiTokenListView.as_view(), name="api-tokens"),
    path("tokens/<int:pk>/revoke/", views.ApiTokenRevokeView.as_view(), name="api-token-revoke"),
]
