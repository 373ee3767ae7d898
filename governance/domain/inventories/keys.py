"""Source keys: derived keys, repeated keys and exact duplicate rows, per KeyPolicy."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from governance.domain.inventories.normalise import clean_line, option_key
from governance.domain.inventories.readers import RawRow
from governance.domain.inventories.records import Issue


class KeyPolicy(StrEnum):
    """What a blank or repeated source key means for a format."""

    # The source publishes a unique id: a blank id is a row error, and rows that repeat an id
    # with different content are all row errors, because picking one would merge silently.
    STRICT = "strict"
    # The source has no reliable id: the key is derived from content, and rows that repeat it
    # with different content get an occurrence suffix (#2, #3 …) and a warning.
    DERIVED = "derived"


def derived_key(scope: str, *parts: str) -> str:
    """A short, stable key from case- and whitespace-insensitive content, prefixed by its scope."""
    text = "\x1f".join(option_key(part) for part in parts)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"{clean_line(scope)}:~{digest}"


@dataclass
class Candidate:
    """A row that mapped cleanly and waits for key checks."""

    row: RawRow
    key: str
    fields: dict[str, Any]
    extra: dict[str, str]
    warnings: list[Issue]
    tiebreak: str = ""


def row_issue(row: RawRow, code: str, message: str, field: str = "", **params: str) -> Issue:
    """An issue located at a raw row."""
    return Issue(code, message, row.row_number, row.line_number, field, dict(params))


def resolve_keys(
    policy: KeyPolicy, candidates: list[Candidate]
) -> tuple[list[Candidate], list[Issue], list[Issue], list[Issue]]:
    """Split candidates into records, exact duplicates, key errors and key warnings."""
    groups: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(candidate.key, []).append(candidate)
    taken = set(groups)
    records: list[Candidate] = []
    duplicates: list[Issue] = []
    errors: list[Issue] = []
    warnings: list[Issue] = []
    for key, group in groups.items():
        distinct: list[Candidate] = []
        first_seen: dict[tuple[str, ...], Candidate] = {}
        copies: list[tuple[Candidate, Candidate]] = []
        for candidate in group:
            original = first_seen.get(candidate.row.values)
            if original is None:
                first_seen[candidate.row.values] = candidate
                distinct.append(candidate)
            else:
                copies.append((candidate, original))
        if len(distinct) > 1 and policy is KeyPolicy.STRICT:
            rows = ", ".join(str(c.row.row_number) for c in group)
            for candidate in group:
                errors.append(
                    row_issue(
                        candidate.row,
                        "repeated_key",
                        f"Key '{key}' is used by rows {rows} with different content; "
                        "none of them is imported until the file is corrected.",
                        key=key,
                        rows=rows,
                    )
                )
            continue
        for candidate, original in copies:
            duplicates.append(
                row_issue(
                    candidate.row,
                    "duplicate_row",
                    f"Exact copy of row {original.row.row_number} (key '{key}'); imported once.",
                    key=key,
                    first_row=str(original.row.row_number),
                )
            )
        if len(distinct) > 1 and _tell_apart(key, distinct, taken, warnings):
            records.extend(distinct)
            continue
        records.append(distinct[0])
        for occurrence, candidate in enumerate(distinct[1:], start=2):
            suffixed = f"{key}#{occurrence}"
            while suffixed in taken:
                occurrence += 100
                suffixed = f"{key}#{occurrence}"
            taken.add(suffixed)
            candidate.key = suffixed
            warnings.append(
                row_issue(
                    candidate.row,
                    "repeated_key",
                    f"Key '{key}' is also used by row {distinct[0].row.row_number} with "
                    f"different content; this row is imported under key '{suffixed}'.",
                    key=key,
                    new_key=suffixed,
                    first_row=str(distinct[0].row.row_number),
                )
            )
            records.append(candidate)
    return records, duplicates, errors, warnings


def _tell_apart(
    key: str, distinct: list[Candidate], taken: set[str], warnings: list[Issue]
) -> bool:
    """Give rows that share a derived key order-independent keys from their tie-break content.

    Returns False (leaving the keys alone) unless every row has its own tie-break, because a
    key that depends on row order changes when a newer file is sorted differently.
    """
    tiebreaks = [option_key(candidate.tiebreak) for candidate in distinct]
    if not all(tiebreaks) or len(set(tiebreaks)) < len(tiebreaks):
        return False
    keys = [f"{key}~{hashlib.sha256(t.encode('utf-8')).hexdigest()[:8]}" for t in tiebreaks]
    if len(set(keys)) < len(keys) or taken & set(keys):
        return False
    rows = ", ".join(str(candidate.row.row_number) for candidate in distinct)
    for candidate, new_key in zip(distinct, keys, strict=True):
        taken.add(new_key)
        candidate.key = new_key
        warnings.append(
            row_issue(
                candidate.row,
                "repeated_key",
                f"Key '{key}' is used by rows {rows} with different content; this row is "
                f"imported under key '{new_key}'.",
                key=key,
                new_key=new_key,
                rows=rows,
            )
        )
    return True
