"""One error format for the whole API.

Every error answers `{"status": 400, "code": "invalid", "detail": "...", "errors": {...}}`;
`errors` maps field names (or "non_field_errors") to lists of messages and is empty otherwise.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

security_log = logging.getLogger("portfolio.security")


class Conflict(exceptions.APIException):
    """A state conflict, such as an illegal stage change (409)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state."
    default_code = "conflict"


def _flatten(detail: Any) -> Any:
    """Turn DRF's ErrorDetail structures into plain strings, keeping the shape."""
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_flatten(item) for item in detail]
    return str(detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Render every API error in the one format; unknown exceptions stay 500s for logging."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            by_field = dict(exc.message_dict)
            if "__all__" in by_field:
                by_field["non_field_errors"] = by_field.pop("__all__")
            exc = exceptions.ValidationError(by_field)
        else:
            exc = exceptions.ValidationError({"non_field_errors": exc.messages})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = "error"
    errors: Any = {}
    if isinstance(exc, exceptions.ValidationError):
        detail = _("Some fields are not valid.")
        code = "invalid"
        flat = _flatten(exc.detail)
        errors = flat if isinstance(flat, dict) else {"non_field_errors": flat}
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else "error"
        detail = str(exc.detail) if not isinstance(exc.detail, (dict, list)) else str(exc)
        if isinstance(exc.detail, dict):
            errors = _flatten(exc.detail)
    else:  # pragma: no cover - DRF only handles APIException subclasses
        detail = str(exc)
    if response.status_code in (401, 403):
        request = context.get("request")
        security_log.info(
            "API access refused: status=%s user=%s path=%s",
            response.status_code,
            getattr(getattr(request, "user", None), "pk", None),
            getattr(request, "path", "?"),
        )
    response.data = {
        "status": response.status_code,
        "code": code,
        "detail": detail,
        "errors": errors,
    }
    return response
