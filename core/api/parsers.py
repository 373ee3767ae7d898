"""Request body parsers that bound what they read before they parse it."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from core.uploads import UploadLimits, UploadRefused, check_json_depth


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


class BoundedJSONParser(JSONParser):
    """JSON of at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes and PORTFOLIO_MAX_JSON_DEPTH levels.

    A body nested tens of thousands of levels deep would exhaust Python's recursion limit inside
    json.loads (a 500); it is refused with a 400 before parsing. NaN and Infinity are refused too:
    they are not JSON and no amount of money.
    """

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise ParseError(
                _("The request body is larger than %(size)s.") % {"size": filesizeformat(limit)}
            )
        limits = UploadLimits(max_json_depth=settings.PORTFOLIO_MAX_JSON_DEPTH)
        try:
            check_json_depth(raw, limits)
        except UploadRefused as exc:
            raise ParseError(exc.message) from exc
        try:
            text = raw.decode((parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET)
            return json.loads(text, parse_constant=_refuse_constant)
        except (ValueError, UnicodeDecodeError) as exc:
            message = _("The request body is not valid JSON: %(error)s") % {"error": exc}
            raise ParseError(message) from exc
