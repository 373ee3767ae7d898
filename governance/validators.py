"""Checks for uploaded files: extension, declared type, content and size.

An extension alone proves nothing, so the first bytes must match the type it claims; a file that
fails any check is a field error, never a server error.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.uploads import upload_limits

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
_ZIP = b"PK\x03\x04"
_OFFICE_TYPES = {"application/zip", "application/octet-stream", "application/x-zip-compressed"}

# extension -> (accepted declared content types, check of the first bytes)
EVIDENCE_TYPES: dict[str, tuple[set[str], Any]] = {
    "pdf": (
        {"application/pdf", "application/octet-stream"},
        lambda head: head.startswith(b"%PDF-"),
    ),
    "png": ({"image/png"}, lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpg": ({"image/jpeg"}, lambda head: head.startswith(b"\xff\xd8\xff")),
    "jpeg": ({"image/jpeg"}, lambda head: head.startswith(b"\xff\xd8\xff")),
    "docx": (
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"} | _OFFICE_TYPES,
        lambda head: head.startswith(_ZIP),
    ),
    "xlsx": (
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"} | _OFFICE_TYPES,
        lambda head: head.startswith(_ZIP),
    ),
    "csv": (
        {"text/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream"},
        lambda head: _looks_like_text(head),
    ),
    "txt": ({"text/plain", "application/octet-stream"}, lambda head: _looks_like_text(head)),
}

IMPORT_TYPES: dict[str, Any] = {
    "csv": lambda head: _looks_like_text(head),
    "json": lambda head: head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{"),
    "xlsx": lambda head: head.startswith(_ZIP),
}


def _looks_like_text(head: bytes) -> bool:
    """Text files hold no NUL bytes (binary formats nearly always do early on)."""
    return b"\x00" not in head


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _head(file: Any, size: int = 2048) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(size)
    file.seek(position)
    return head if isinstance(head, bytes) else head.encode()


def validate_evidence(file: Any) -> None:
    """Evidence of a review: PDF, Word, Excel, PNG, JPEG, CSV or text up to 10 MB."""
    extension = _extension(file.name or "")
    if extension not in EVIDENCE_TYPES:
        raise ValidationError(
            _("Upload a PDF, DOCX, XLSX, PNG, JPG, CSV or TXT file."), code="file_type"
        )
    if file.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(max)s MB.") % {"max": EVIDENCE_MAX_BYTES // 2**20},
            code="file_size",
        )
    content_types, sniff = EVIDENCE_TYPES[extension]
    declared = getattr(file, "content_type", None)
    if declared and declared not in content_types:
        raise ValidationError(
            _("The file says it is %(type)s, which does not match its name.") % {"type": declared},
            code="file_type",
        )
    if not sniff(_head(file)):
        raise ValidationError(
            _("The file's content is not a %(ext)s file.") % {"ext": extension.upper()},
            code="file_content",
        )


def validate_import_file(file: Any) -> str:
    """An inventory file: CSV, JSON or XLSX within the import size limit; returns its extension."""
    extension = _extension(file.name or "")
    if extension not in IMPORT_TYPES:
        raise ValidationError(_("Upload a CSV, JSON or XLSX file."), code="file_type")
    limit = upload_limits().max_bytes
    if file.size > limit:
        raise ValidationError(
            _("The file is larger than %(max)s MB.") % {"max": limit // 2**20}, code="file_size"
        )
    if not IMPORT_TYPES[extension](_head(file)):
        raise ValidationError(
            _("The file's content is not a %(ext)s file.") % {"ext": extension.upper()},
            code="file_content",
        )
    return extension
