"""System checks of what the upload bounds rely on (`manage.py check` runs them at start-up)."""

from __future__ import annotations

from typing import Any

from django.core import checks


@checks.register(checks.Tags.security)
def openpyxl_uses_defusedxml(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """openpyxl must parse workbooks with defusedxml, so that no XML entity is ever expanded."""
    import openpyxl.xml

    if openpyxl.xml.DEFUSEDXML and not openpyxl.xml.LXML:
        return []
    return [
        checks.Error(
            "openpyxl parses Excel files without defusedxml.",
            hint=(
                "Install defusedxml (a dependency), leave OPENPYXL_DEFUSEDXML unset and "
                "OPENPYXL_LXML=False (the settings set it)."
            ),
            id="core.E001",
        )
    ]
