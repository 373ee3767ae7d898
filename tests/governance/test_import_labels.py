"""Every inventory format has a translatable name in the import form."""

from __future__ import annotations

from django.utils import translation

from governance.domain.inventories import FORMATS
from governance.forms import FORMAT_LABELS, ImportUploadForm


def test_every_format_has_a_translatable_label() -> None:
    assert set(FORMAT_LABELS) == set(FORMATS)


def test_the_format_choice_speaks_the_persons_language() -> None:
    with translation.override("en"):
        english = dict(ImportUploadForm().fields["format"].choices)
    assert english["uk_atrs"] == "UK Algorithmic Transparency Recording Standard (records)"
