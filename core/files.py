"""Hand out a stored file only from a view that has checked who asks.

Uploaded evidence and generated reports never sit under a public URL. A view checks role and
scope, then calls `protected_file_response`. Behind nginx or Apache the file itself can be sent by
the proxy (PORTFOLIO_SENDFILE = "x-accel-redirect" or "x-sendfile"), so a large PDF does not hold
a Python worker; nginx must then mark the location internal (see SECURITY.md).
"""

from __future__ import annotations

import mimetypes
import uuid
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponse
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from django.utils.text import get_valid_filename

# Room for the folder and the random part inside a FileField's default 100 characters.
_NAME_CHARS = 40


@deconstructible
class UnguessablePath:
    """`upload_to` for stored uploads: `<folder>/<random 32 hex>/<cleaned original name>`.

    The random folder makes a stored file's path impossible to guess, so even a misconfigured
    proxy that served the media folder would not hand out evidence by enumeration; the original
    name stays last, for the download.
    """

    def __init__(self, folder: str) -> None:
        self.folder = folder.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        return f"{self.folder}/{uuid.uuid4().hex}/{shortened_name(filename)}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnguessablePath) and other.folder == self.folder


def shortened_name(filename: str) -> str:
    """A safe file name of at most 40 characters that keeps its extension ("file" if none)."""
    path = PurePath(PurePath(str(filename)).name)
    suffix = _valid(path.suffix[:10])
    stem = _valid(path.stem) or "file"
    return f"{stem[: _NAME_CHARS - len(suffix)]}{suffix if suffix.startswith('.') else ''}"


def _valid(text: str) -> str:
    try:
        return get_valid_filename(text)
    except SuspiciousFileOperation:
        return ""


def stored_name(stored: Any) -> str:
    """The file name a stored file is downloaded under (its last path part)."""
    return str(stored.name).rsplit("/", 1)[-1]


def guessed_type(filename: str) -> str:
    """The content type of a download from its name (octet-stream when unknown)."""
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


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


def stored_file_download(stored: Any) -> HttpResponse | FileResponse:
    """A stored upload as an attachment under its own name, or 404 when there is none.

    Call it only after the permission check of the object that holds the file.
    """
    if not stored:
        raise Http404
    filename = stored_name(stored)
    return protected_file_response(stored, filename=filename, content_type=guessed_type(filename))
