"""URLs of the OpenID Connect provider: /accounts/sso/<provider id>/login/(callback/)."""

from django.urls import include, path

from accounts.oidc import views

urlpatterns = [
    path(
        "sso/<str:provider_id>/",
        include(
            [
                path("login/", views.login, name="oidc_login"),
                path("login/callback/", views.callback, name="oidc_callback"),
            ]
        ),
    )
]
