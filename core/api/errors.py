"""One error format for the whole API.

Every error answers `{"status": 400, "code": "invalid", "detail": "...", "errors": {...}}`;
`errors` maps field names (or "non_field_errors") to lists of messages and is empty otherwise.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import Refused

security_log = logging.getLogger("portfolio.security")


class Conflict(exceptions.APIException):
    """A state conflict, such as an illegal stage change (409)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state."
    default_code = "conflict"


class _RefusedByService(exceptions.APIException):
    """A service's refusal (core.exceptions.Refused) with its own status and code."""

    def __init__(self, refused: Refused) -> None:
        super().__init__(refused.message, code=refused.code)
        self.status_code = refused.status_code


# The one error format, for the OpenAPI description of every endpoint.
ApiError = inline_serializer(
    name="ApiError",
    fields={
        "status": serializers.IntegerField(),
        "code": serializers.CharField(),
        "detail": serializers.CharField(),
        # A nested field (e.g. a pilot's participants) answers with an object of the same shape
        # per item or sub-field instead of a list of messages, so the value is any JSON.
        "errors": serializers.DictField(
            child=serializers.JSONField(),
            help_text="Field name (or non_field_errors) to messages; empty unless status is 400. "
            "Nested fields map to the same structure per item or sub-field.",
        ),
    },
)

_ERROR_DESCRIPTIONS = {
    400: "Bad input; `errors` names the fields.",
    403: "Your role may not do this.",
    404: "Not found, or outside what you may see.",
    409: "The object's state does not allow this; `detail` says why.",
}


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """OpenAPI responses in the one error format for the given status codes."""
    return {
        code: OpenApiResponse(ApiError, description=_ERROR_DESCRIPTIONS[code]) for code in codes
    }


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
        exc = exceptions.PermissionDenied(*exc.args[:1])
    elif isinstance(exc, Refused):
        exc = _RefusedByService(exc)
    elif isinstance(exc, RequestDataTooBig):
        exc = exceptions.ParseError(
            _("The request body is larger than %(size)s.")
            % {"size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
        )
    elif isinstance(exc, ProtectedError):
        exc = Conflict(_("Other records still refer to this; it cannot be deleted."))
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
