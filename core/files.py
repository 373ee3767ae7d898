"""Hand out a stored file only from a view that has checked who asks.

Uploaded evidence and generated reports never sit under a public URL. A view checks role and
scope, then calls `protected_file_response`. Behind nginx or Apache the file itself can be sent by
the proxy (PORTFOLIO_SENDFILE = "x-accel-redirect" or "x-sendfile"), so a large PDF does not hold
a Python worker; nginx must then mark the location internal (see SECURITY.md).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header


def protected_file_response(
    stored: Any, *, filename: str, content_type: str, as_attachment: bool = True
) -> HttpResponse | FileResponse:
    """The response that delivers a FieldFile (`stored`) after the caller's permission check."""
    mode = getattr(settings, "PORTFOLIO_SENDFILE", "")
    disposition = content_disposition_header(as_attachment, filename)
    if mode in ("x-accel-redirect", "x-sendfile"):
        response = HttpResponse(content_type=content_type)
        if mode == "x-accel-redirect":
            prefix = settings.PORTFOLIO_SENDFILE_PREFIX.rstrip("/")
            response["X-Accel-Redirect"] = f"{prefix}/{quote(stored.name)}"
        else:
            response["X-Sendfile"] = stored.path
        if disposition:
            response["Content-Disposition"] = disposition
        response["X-Content-Type-Options"] = "nosniff"
        return response
    response_file = FileResponse(
        stored.open("rb"), as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response_file["X-Content-Type-Options"] = "nosniff"
    return response_file
