"""Import problems in the person's language.

The pure inventory parsers (governance/domain/inventories) describe every problem with a stable
code and an English sentence. This module recognises each English sentence, takes its values
and words it again through gettext, so the preview, the job page and the row errors read in
Dutch, Swedish or German too. A sentence it does not recognise is shown as the parser wrote it.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_Q = r"'(?P<{}>.*?)'"

_PATTERNS: tuple[tuple[re.Pattern[str], Promise], ...] = tuple(
    (re.compile(f"^{pattern}$", re.DOTALL), text)
    for pattern, text in (
        (
            rf"Unparseable date {_Q.format('text')} in column {_Q.format('column')}; the text is kept as is\.",
            _("Unreadable date '%(text)s' in column '%(column)s'; the text is kept as is."),
        ),
        (
            rf"Value {_Q.format('text')} in column {_Q.format('column')} is not recognised; kept as text only\.",
            _("Value '%(text)s' in column '%(column)s' is not recognised; kept as text only."),
        ),
        (
            r"This is not a (?P<label>.+?) file: missing column\(s\) (?P<columns>.+)\.",
            _("This is not a %(label)s file: missing column(s) %(columns)s."),
        ),
        (
            r"Entry (?P<row>\d+) is not a record \(found '(?P<found>.*)'\)\.",
            _("Entry %(row)s is not a record (found '%(found)s')."),
        ),
        (
            r"The row has (?P<found>\d+) cells but the header has (?P<expected>\d+); the row is probably shifted\.",
            _(
                "The row has %(found)s cells but the header has %(expected)s; the row is probably shifted."
            ),
        ),
        (
            r"The row has (?P<found>\d+) cells but the header has (?P<expected>\d+); the missing cells are read as blank\.",
            _(
                "The row has %(found)s cells but the header has %(expected)s; the missing cells are read as blank."
            ),
        ),
        (
            r"The row has no key, so it cannot be matched\.",
            _("The row has no key, so it cannot be matched."),
        ),
        (
            r"(?P<count>\d+) empty row\(s\) inside the data were skipped\.",
            _("%(count)s empty row(s) inside the data were skipped."),
        ),
        (
            r"The file is not UTF-8; it was read as Windows-1252 \(cp1252\)\.",
            _("The file is not UTF-8; it was read as Windows-1252 (cp1252)."),
        ),
        (
            rf"Key {_Q.format('key')} is used by rows (?P<rows>.+?) with different content; none of them is imported until the file is corrected\.",
            _(
                "Key '%(key)s' is used by rows %(rows)s with different content; none of them is imported until the file is corrected."
            ),
        ),
        (
            rf"Exact copy of row (?P<row>\d+) \(key {_Q.format('key')}\); imported once\.",
            _("Exact copy of row %(row)s (key '%(key)s'); imported once."),
        ),
        (
            rf"Key {_Q.format('key')} is also used by row (?P<row>\d+) with different content; this row is imported under key {_Q.format('new_key')}\.",
            _(
                "Key '%(key)s' is also used by row %(row)s with different content; this row is imported under key '%(new_key)s'."
            ),
        ),
        (
            rf"Key {_Q.format('key')} is used by rows (?P<rows>.+?) with different content; this row is imported under key {_Q.format('new_key')}\.",
            _(
                "Key '%(key)s' is used by rows %(rows)s with different content; this row is imported under key '%(new_key)s'."
            ),
        ),
        (
            r"The file is not valid UTF-16: (?P<reason>.+)\.",
            _("The file is not valid UTF-16: %(reason)s."),
        ),
        (
            r"The file is neither UTF-8 nor Windows-1252 text \(byte (?P<position>\d+)\)\.",
            _("The file is neither UTF-8 nor Windows-1252 text (byte %(position)s)."),
        ),
        (r"The file has no header row\.", _("The file has no header row.")),
        (
            r"The file is not a readable XLSX workbook: (?P<reason>.+)\.",
            _("The file is not a readable XLSX workbook: %(reason)s."),
        ),
        (
            r"The workbook's first sheet has no header row\.",
            _("The workbook's first sheet has no header row."),
        ),
        (
            r"The JSON file cannot be read at line (?P<line>\d+): (?P<reason>.+)\.",
            _("The JSON file cannot be read at line %(line)s: %(reason)s."),
        ),
        (
            r"The JSON file does not hold a list of records\.",
            _("The JSON file does not hold a list of records."),
        ),
        (
            rf"Files of type {_Q.format('type')} cannot be imported\.",
            _("Files of type '%(type)s' cannot be imported."),
        ),
        (
            rf"Unknown import format {_Q.format('format')}; known: (?P<known>.+)\.",
            _("Unknown import format '%(format)s'; known: %(known)s."),
        ),
        (
            r"(?P<label>.+?) files cannot be imported from (?P<type>\w+); use (?P<allowed>.+)\.",
            _("%(label)s files cannot be imported from %(type)s; use %(allowed)s."),
        ),
        (
            r"The file says it holds (?P<declared>\d+) records but contains (?P<found>\d+)\.",
            _("The file says it holds %(declared)s records but contains %(found)s."),
        ),
        (
            r"This is not a US 2024 inventory file: the columns match neither OMB layout\.",
            _("This is not a US 2024 inventory file: the columns match neither OMB layout."),
        ),
        (
            r"Column (?P<column>\d+) of the header holds a character that cannot be stored, such as a NUL byte or another control character\.",
            _(
                "Column %(column)s of the header holds a character that cannot be stored, such as a NUL byte or another control character."
            ),
        ),
        (
            rf"Column {_Q.format('column')} holds a character that cannot be stored, such as a NUL byte or another control character\.",
            _(
                "Column '%(column)s' holds a character that cannot be stored, such as a NUL byte or another control character."
            ),
        ),
        (r"The use case has no name\.", _("The use case has no name.")),
        (
            rf"Id {_Q.format('id')} is a placeholder; the key is derived from bureau and name\.",
            _("Id '%(id)s' is a placeholder; the key is derived from bureau and name."),
        ),
    )
)


def translate_issue(message: Any) -> str:
    """The import problem in the active language; unknown sentences stay as they are."""
    text = str(message or "")
    for pattern, template in _PATTERNS:
        match = pattern.match(text)
        if match:
            return str(template) % match.groupdict()
    return text
