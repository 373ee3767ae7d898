"""URL configuration of the whole site."""

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.views import language_set
from governance.views.questionnaires import vendor_questionnaire_view
from portfolio import views
from portfolio.dashboard import dashboard_view

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", dashboard_view, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", language_set, name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("scim/v2/", include("accounts.scim_urls")),
    path("admin/", admin.site.urls),
    path("initiatives/", include("initiatives.urls")),
    path("metrics/", include("metrics.urls")),
    path("register/", include("governance.urls")),
    # A vendor answers its questionnaire here without an account (the token is the key).
    path(
        "vendor-questionnaire/<str:token>/",
        vendor_questionnaire_view,
        name="vendor-questionnaire",
    ),
    path("people/", include("people.urls")),
    path("reports/", include("portfolio.reports.urls")),
    path("notifications/", include("notifications.urls")),
    path("api/v1/", include("portfolio.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its init script as a file, so the docs work under the strict CSP.
    path(
        "api/docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
]

handler400 = "portfolio.views.bad_request"
handler403 = "portfolio.views.permission_denied"
handler404 = "portfolio.views.page_not_found"
handler500 = "portfolio.views.server_error"
# Uploaded and generated files are never served from /media/, not even with DEBUG on: only the
# views that check role and scope hand them out (core.files.protected_file_response).
