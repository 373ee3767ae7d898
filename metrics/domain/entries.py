"""What people type or import before it becomes a cost, a benefit, a count or a KPI value.

The one place for the input rules of the metrics app: values as typed, as a file holds them or as
a form parsed them go in; clean values or problems come out. A problem names the field, what is
wrong (a code) and its parameters, and the services word it in the person's language
(metrics.services.field_errors). The database constraints on the models (cost_not_negative,
cost_dates_match_kind, benefit_not_negative, benefit_range_in_order) stay as the backstop.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from core.money import to_decimal

# Limits of the database columns (metrics.models.MONEY and KPI_VALUE).
MONEY_PLACES = 2
MONEY_LIMIT = Decimal("1e12")
KPI_VALUE_PLACES = 4
KPI_VALUE_LIMIT = Decimal("1e14")
DESCRIPTION_LENGTH = 200


class CostKind(StrEnum):
    """One-time costs count on their date, recurring ones per month between two dates."""

    ONE_TIME = "one_time"
    RECURRING = "recurring"


_COST_KINDS = tuple(kind.value for kind in CostKind)


class Problem(StrEnum):
    """What is wrong with one field of an entry."""

    AMOUNT_MISSING = "amount_missing"
    VALUE_MISSING = "value_missing"
    DATE_MISSING = "date_missing"
    NOT_A_NUMBER = "not_a_number"
    NEGATIVE_AMOUNT = "negative_amount"
    TOO_MANY_DECIMALS = "too_many_decimals"  # params: places
    TOO_LARGE = "too_large"
    NOT_A_DATE = "not_a_date"
    IN_THE_FUTURE = "in_the_future"
    NOT_A_WHOLE_NUMBER = "not_a_whole_number"
    NEGATIVE_NUMBER = "negative_number"
    KIND_UNKNOWN = "kind_unknown"
    CATEGORY_UNKNOWN = "category_unknown"
    END_MISSING = "end_missing"
    END_BEFORE_START = "end_before_start"
    END_ON_ONE_TIME = "end_on_one_time"
    DESCRIPTION_MISSING = "description_missing"
    DESCRIPTION_TOO_LONG = "description_too_long"


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one field, with the parameters its wording needs."""

    field: str
    problem: Problem
    params: Mapping[str, Any]


class Problems:
    """The problems found in one entry, per field in the order they were found."""

    def __init__(self) -> None:
        self._found: list[FieldProblem] = []

    def add(self, field: str, problem: Problem, **params: Any) -> None:
        """Record one problem of a field."""
        self._found.append(FieldProblem(field, problem, params))

    def __contains__(self, field: object) -> bool:
        return any(found.field == field for found in self._found)

    def __iter__(self) -> Iterator[FieldProblem]:
        return iter(self._found)

    def __bool__(self) -> bool:
        return bool(self._found)


class EntryInvalid(ValueError):
    """An entry broke one or more rules; `problems` says which fields and why."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(", ".join(f"{p.field}: {p.problem}" for p in problems))
        self.problems = problems


# --- Values ----------------------------------------------------------------------------------


def parse_decimal(value: Any) -> Decimal | None:
    """A finite Decimal from a Decimal, int or plain decimal text, or None if it is none."""
    if isinstance(value, float):
        # Spreadsheet cells arrive as floats; their shortest repr is what the person typed.
        value = repr(value)
    try:
        return to_decimal(value)
    except (TypeError, ValueError, InvalidOperation):
        return None


def _places_problem(
    problems: Problems, field: str, value: Decimal, places: int, limit: Decimal
) -> bool:
    """Record a problem when value has more decimals or digits than the column holds."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        problems.add(field, Problem.TOO_MANY_DECIMALS, places=places)
        return True
    if abs(value) >= limit:
        problems.add(field, Problem.TOO_LARGE)
        return True
    return False


def _number(
    problems: Problems, field: str, value: Any, *, required: bool, missing: Problem
) -> Decimal | None:
    """A number as typed, or None (with a problem when it is missing but required or unreadable)."""
    if value in (None, ""):
        if required:
            problems.add(field, missing)
        return None
    number = parse_decimal(value)
    if number is None:
        problems.add(field, Problem.NOT_A_NUMBER)
    return number


def money(problems: Problems, field: str, value: Any, *, required: bool = True) -> Decimal | None:
    """An amount of money: a number, not negative, in cents."""
    amount = _number(problems, field, value, required=required, missing=Problem.AMOUNT_MISSING)
    if amount is None:
        return None
    if amount < 0:
        problems.add(field, Problem.NEGATIVE_AMOUNT)
        return None
    if _places_problem(problems, field, amount, MONEY_PLACES, MONEY_LIMIT):
        return None
    return amount


def kpi_value(
    problems: Problems, field: str, value: Any, *, required: bool = True
) -> Decimal | None:
    """A KPI value: any finite number with up to four decimals."""
    number = _number(problems, field, value, required=required, missing=Problem.VALUE_MISSING)
    if number is None:
        return None
    if _places_problem(problems, field, number, KPI_VALUE_PLACES, KPI_VALUE_LIMIT):
        return None
    return number


def a_date(problems: Problems, field: str, value: Any, *, required: bool = True) -> date | None:
    """A date given as a date or ISO text (YYYY-MM-DD)."""
    if value in (None, ""):
        if required:
            problems.add(field, Problem.DATE_MISSING)
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        problems.add(field, Problem.NOT_A_DATE)
        return None


def not_in_future(problems: Problems, field: str, value: date | None, *, today: date) -> None:
    """A measurement describes what happened, so it cannot be dated after today."""
    if value is not None and value > today:
        problems.add(field, Problem.IN_THE_FUTURE)


def whole_number(problems: Problems, field: str, value: Any) -> int | None:
    """A count of people: a whole number, not negative."""
    if isinstance(value, bool) or value in (None, ""):
        problems.add(field, Problem.NOT_A_WHOLE_NUMBER)
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        if not text.lstrip("+-").isdigit():
            problems.add(field, Problem.NOT_A_WHOLE_NUMBER)
            return None
        number = int(text)
    if number < 0:
        problems.add(field, Problem.NEGATIVE_NUMBER)
        return None
    return number


# --- Costs and benefits ----------------------------------------------------------------------


@dataclass(frozen=True)
class CostEntry:
    """A valid cost item: one-time on a date, or recurring per month between two dates."""

    kind: str
    category: str
    description: str
    amount: Decimal
    start_date: date
    end_date: date | None


@dataclass(frozen=True)
class BenefitEntry:
    """A valid direct benefit: on a date, or spread over an ordered range."""

    description: str
    amount: Decimal
    start_date: date
    end_date: date | None


# The fields a person enters, in the order forms and the API show them.
COST_FIELDS = tuple(f.name for f in fields(CostEntry))
BENEFIT_FIELDS = tuple(f.name for f in fields(BenefitEntry))


def check_cost(values: Mapping[str, Any], *, categories: Collection[str]) -> CostEntry:
    """A cost item from entered values, or EntryInvalid with every problem found.

    The kind decides the dates: a one-time cost has one date and no end; a recurring cost runs
    from its start to an end that is not before it (the end of the contract or budget).
    """
    problems = Problems()
    kind = values.get("kind")
    if kind not in _COST_KINDS:
        problems.add("kind", Problem.KIND_UNKNOWN)
    category = values.get("category")
    if category not in categories:
        problems.add("category", Problem.CATEGORY_UNKNOWN)
    amount = money(problems, "amount", values.get("amount"))
    start = a_date(problems, "start_date", values.get("start_date"))
    end = a_date(problems, "end_date", values.get("end_date"), required=False)
    if kind == CostKind.RECURRING:
        if end is None and "end_date" not in problems:
            problems.add("end_date", Problem.END_MISSING)
        elif start is not None and end is not None and end < start:
            problems.add("end_date", Problem.END_BEFORE_START)
    elif kind == CostKind.ONE_TIME and end is not None:
        problems.add("end_date", Problem.END_ON_ONE_TIME)
    description = str(values.get("description") or "")
    if len(description) > DESCRIPTION_LENGTH:
        problems.add("description", Problem.DESCRIPTION_TOO_LONG)
    if problems:
        raise EntryInvalid(problems)
    assert kind is not None and category is not None
    assert amount is not None and start is not None
    return CostEntry(kind, category, description, amount, start, end)


def check_benefit(values: Mapping[str, Any]) -> BenefitEntry:
    """A direct benefit from entered values, or EntryInvalid with every problem found."""
    problems = Problems()
    description = str(values.get("description") or "").strip()
    if not description:
        problems.add("description", Problem.DESCRIPTION_MISSING)
    elif len(description) > DESCRIPTION_LENGTH:
        problems.add("description", Problem.DESCRIPTION_TOO_LONG)
    amount = money(problems, "amount", values.get("amount"))
    start = a_date(problems, "start_date", values.get("start_date"))
    end = a_date(problems, "end_date", values.get("end_date"), required=False)
    if start is not None and end is not None and end < start:
        problems.add("end_date", Problem.END_BEFORE_START)
    if problems:
        raise EntryInvalid(problems)
    assert amount is not None and start is not None
    return BenefitEntry(description, amount, start, end)
