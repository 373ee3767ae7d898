"""Request-wide rules: every page needs a signed-in person, except a few; text is compressed."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

security_log = logging.getLogger("portfolio.security")

# The API answers 401 itself (it also accepts tokens); static files and health checks are public.
# The docs page is a page: without a session it sends people to sign in.
_PUBLIC_PREFIXES = ("/api/v1/", "/api/schema/", "/static/", "/healthz")


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's login-required middleware, leaving the API and health check to themselves."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Any,
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponseBase | None:
        if request.path_info.startswith(_PUBLIC_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


# Text compresses five to ten times; PDFs, spreadsheets and images are compressed already.
_COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")


class CompressTextMiddleware(GZipMiddleware):
    """Gzip for HTML, JSON and other text answers, when the browser accepts it.

    Django masks the CSRF token afresh in every response, so compression does not leak it
    (BREACH); stored files and exports keep their own encoding.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not response.get("Content-Type", "").startswith(_COMPRESSIBLE):
            return response
        return super().process_response(request, response)
