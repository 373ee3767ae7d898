"""Field errors of the metrics services: the domain's entry problems in the person's language.

metrics.domain.entries decides what is wrong with an entry; this module only words it, and raises
every field's messages together as one ValidationError: pages show them next to the fields, the
API answers them as a 400 with field errors.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from metrics.domain.entries import FieldProblem, Problem, Problems

_Value = TypeVar("_Value")

_WORDING = {
    Problem.AMOUNT_MISSING: _("Enter an amount."),
    Problem.VALUE_MISSING: _("Enter a value."),
    Problem.DATE_MISSING: _("Enter a date."),
    Problem.NOT_A_NUMBER: _("Enter a plain number such as 1234.56."),
    Problem.NEGATIVE_AMOUNT: _("The amount must not be negative."),
    Problem.TOO_MANY_DECIMALS: _("Use at most %(places)d decimals."),
    Problem.TOO_LARGE: _("This number is too large."),
    Problem.NOT_A_DATE: _("Enter a date as YYYY-MM-DD."),
    Problem.IN_THE_FUTURE: _("The date must not be in the future."),
    Problem.NOT_A_WHOLE_NUMBER: _("Enter a whole number."),
    Problem.NEGATIVE_NUMBER: _("The number must not be negative."),
    Problem.KIND_UNKNOWN: _("Choose one-time or recurring."),
    Problem.CATEGORY_UNKNOWN: _("Choose a category."),
    Problem.END_MISSING: _(
        "A recurring cost needs an end date; enter the end of the contract or budget."
    ),
    Problem.END_BEFORE_START: _("The end date must not be before the start date."),
    Problem.END_ON_ONE_TIME: _("A one-time cost has one date; leave the end empty."),
    # Only a benefit must say what it is; a cost may go without a description.
    Problem.DESCRIPTION_MISSING: _("Say what the benefit is, for example avoided agency costs."),
    Problem.DESCRIPTION_TOO_LONG: _("Keep the description under 200 characters."),
}


# The same problems in a row of an imported file, quoting the cell so that it can be found.
_CELL_WORDING = {
    Problem.NOT_A_NUMBER: _(
        "%(column)s '%(value)s' is not a number; enter a plain number such as 1234.56."
    ),
    Problem.TOO_MANY_DECIMALS: _("%(column)s '%(value)s' has more than %(places)d decimals."),
    Problem.TOO_LARGE: _("%(column)s '%(value)s' is too large."),
    Problem.NOT_A_DATE: _("%(column)s '%(value)s' is not a date; enter it as YYYY-MM-DD."),
    Problem.IN_THE_FUTURE: _("%(column)s '%(value)s' is in the future; log what has happened."),
}
_QUOTED_LENGTH = 40


def word(found: FieldProblem) -> str:
    """One problem as the person reads it."""
    message = str(_WORDING[found.problem])
    return message % dict(found.params) if found.params else message


def quoted(value: Any) -> str:
    """A cell as the person typed it, short enough to quote in a message."""
    if isinstance(value, datetime) and value.time() == time():
        value = value.date()
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    return text if len(text) <= _QUOTED_LENGTH else text[: _QUOTED_LENGTH - 1] + "…"


def word_cell(found: FieldProblem, value: Any) -> str:
    """One problem of a file's cell, quoting the cell where it holds something."""
    wording = _CELL_WORDING.get(found.problem)
    if wording is None or value is None or not str(value).strip():
        return word(found)
    return str(wording) % {"column": found.field, "value": quoted(value), **found.params}


class FieldErrors:
    """Messages per field, in the order found, raised together as one ValidationError."""

    def __init__(self) -> None:
        self.messages: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        """Record one message for a field."""
        self.messages.setdefault(field, []).append(message)

    def add_problems(self, problems: Problems) -> None:
        """Record the domain's problems, worded."""
        for found in problems:
            self.add(found.field, word(found))

    def check(self, rule: Callable[..., _Value], field: str, value: Any, **options: Any) -> _Value:
        """Apply one of the domain's value rules (entries.money, entries.a_date, ...) to a field."""
        problems = Problems()
        result = rule(problems, field, value, **options)
        self.add_problems(problems)
        return result

    def check_cell(
        self, rule: Callable[..., _Value], field: str, value: Any, **options: Any
    ) -> _Value:
        """Like check, for a cell of an imported file: the messages quote the cell."""
        problems = Problems()
        result = rule(problems, field, value, **options)
        for found in problems:
            self.add(found.field, word_cell(found, value))
        return result

    def __contains__(self, field: object) -> bool:
        return field in self.messages

    def raise_if_any(self) -> None:
        """Raise a ValidationError with every recorded message, if there is one."""
        if self.messages:
            raise ValidationError(self.messages)


def entry_invalid(problems: Problems) -> ValidationError:
    """An entry's problems as one ValidationError with a list of messages per field."""
    errors = FieldErrors()
    errors.add_problems(problems)
    return ValidationError(errors.messages)
