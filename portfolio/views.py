"""The app shell's own pages: home, health check and error pages."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.roles import user_roles
from portfolio.home import home_for

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own work, with a part for each of their roles."""
    roles = user_roles(request.user)
    return render(
        request,
        "portfolio/home.html",
        {
            "home": home_for(user=request.user, today=timezone.localdate()),
            "roles": {role.value for role in roles},
        },
    )


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the database (and Redis, where configured) answers; 503 otherwise."""
    checks: dict[str, str] = {}
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:
        logger.exception("health check: database does not answer")
        checks["database"] = "unavailable"
        healthy = False
    if settings.REDIS_URL:
        try:
            import redis

            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
            checks["redis"] = "ok"
        except Exception:
            logger.exception("health check: redis does not answer")
            checks["redis"] = "unavailable"
            healthy = False
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


@login_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400 page."""
    return render(request, "400.html", status=400)


@login_not_required
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403 page; refused accesses are logged for the security trail."""
    logging.getLogger("portfolio.security").info(
        "page access refused: user=%s path=%s", getattr(request.user, "pk", None), request.path
    )
    return render(request, "403.html", status=403)


@login_not_required
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 page."""
    return render(request, "404.html", status=404)


def _database_unavailable() -> bool:
    """Whether the error being handled is the database not answering (restarted, failed over)."""
    import sys

    from django.db import InterfaceError, OperationalError

    error = sys.exc_info()[1]
    return isinstance(error, (OperationalError, InterfaceError))


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    """500 page, rendered without the request context, which may be what failed.

    When the database is what failed (a restart in progress), the answer is a 503 that says so;
    the next request opens a new connection (CONN_HEALTH_CHECKS) and succeeds once it is back.
    """
    from django.template import loader
    from django.utils.translation import gettext as _

    if _database_unavailable():
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "status": 503,
                    "code": "database_unavailable",
                    "detail": _("The database is not answering; try again in a moment."),
                    "errors": {},
                },
                status=503,
                headers={"Retry-After": "5"},
            )
        page = loader.get_template("503.html").render()
        return HttpResponse(page, status=503, headers={"Retry-After": "5"})
    return HttpResponse(loader.get_template("500.html").render(), status=500)
