"""Marking English texts of the pure domain for the translation catalogues.

The domain stays free of Django: `gettext_noop` returns its text unchanged. Its name is one that
`makemessages` looks for, so the texts marked with it are extracted into the catalogues once,
where they are written; the Django layer translates them when it shows them
(governance.questionnaire_texts).
"""

from __future__ import annotations


def gettext_noop(text: str) -> str:
    """The text itself, marked for translation where it is shown."""
    return text
