"""The input rules of costs, benefits, counts and KPI values (no database)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from metrics.domain.entries import (
    COST_FIELDS,
    EntryInvalid,
    Problem,
    Problems,
    a_date,
    check_benefit,
    check_cost,
    kpi_value,
    money,
    not_in_future,
    whole_number,
)

CATEGORIES = ("licences", "cloud")
RECURRING = {
    "kind": "recurring",
    "category": "licences",
    "description": "Seats",
    "amount": "1000",
    "start_date": datetime.date(2026, 1, 15),
    "end_date": datetime.date(2026, 4, 14),
}


def problems_of(exc: pytest.ExceptionInfo[EntryInvalid]) -> list[tuple[str, Problem]]:
    return [(found.field, found.problem) for found in exc.value.problems]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("", Problem.AMOUNT_MISSING),
        (None, Problem.AMOUNT_MISSING),
        ("1,5", Problem.NOT_A_NUMBER),
        ("1E3", Problem.NOT_A_NUMBER),
        ("NaN", Problem.NOT_A_NUMBER),
        (True, Problem.NOT_A_NUMBER),
        ("-0.01", Problem.NEGATIVE_AMOUNT),
        ("1.005", Problem.TOO_MANY_DECIMALS),
        ("1000000000000", Problem.TOO_LARGE),
    ],
)
def test_amounts_that_are_refused(value, problem) -> None:
    problems = Problems()
    assert money(problems, "amount", value) is None
    assert [(p.field, p.problem) for p in problems] == [("amount", problem)]


def test_amounts_that_pass_keep_what_was_typed() -> None:
    problems = Problems()
    assert money(problems, "amount", " 999999999999.99 ") == Decimal("999999999999.99")
    assert money(problems, "amount", 2.5) == Decimal("2.5")  # a spreadsheet cell
    assert money(problems, "amount", "", required=False) is None
    assert not problems


def test_decimals_are_named_in_the_problem() -> None:
    problems = Problems()
    kpi_value(problems, "value", "1.23456")
    assert [(p.problem, dict(p.params)) for p in problems] == [
        (Problem.TOO_MANY_DECIMALS, {"places": 4})
    ]
    assert kpi_value(Problems(), "value", "-12.3456") == Decimal("-12.3456")


def test_dates_counts_and_the_future() -> None:
    problems = Problems()
    assert a_date(problems, "on", "2026-02-28") == datetime.date(2026, 2, 28)
    assert a_date(problems, "on", datetime.datetime(2026, 2, 28, 23, 0)) == datetime.date(
        2026, 2, 28
    )
    assert a_date(problems, "on", "31-01-2026") is None
    assert a_date(problems, "on", "2026-02-30") is None
    not_in_future(problems, "on", datetime.date(2026, 3, 2), today=datetime.date(2026, 3, 1))
    assert whole_number(problems, "users", "+40") == 40
    assert whole_number(problems, "users", "1.5") is None
    assert whole_number(problems, "users", "-3") is None
    assert [p.problem for p in problems] == [
        Problem.NOT_A_DATE,
        Problem.NOT_A_DATE,
        Problem.IN_THE_FUTURE,
        Problem.NOT_A_WHOLE_NUMBER,
        Problem.NEGATIVE_NUMBER,
    ]


def test_a_recurring_cost_runs_from_its_start_to_an_end() -> None:
    entry = check_cost(RECURRING, categories=CATEGORIES)
    assert (entry.amount, entry.end_date) == (Decimal("1000"), datetime.date(2026, 4, 14))
    assert COST_FIELDS == ("kind", "category", "description", "amount", "start_date", "end_date")
    with pytest.raises(EntryInvalid) as exc:
        check_cost({**RECURRING, "end_date": None}, categories=CATEGORIES)
    assert problems_of(exc) == [("end_date", Problem.END_MISSING)]
    with pytest.raises(EntryInvalid) as exc:
        check_cost({**RECURRING, "end_date": "2026-01-14"}, categories=CATEGORIES)
    assert problems_of(exc) == [("end_date", Problem.END_BEFORE_START)]


def test_a_one_time_cost_has_one_date() -> None:
    entry = check_cost({**RECURRING, "kind": "one_time", "end_date": None}, categories=CATEGORIES)
    assert entry.end_date is None
    with pytest.raises(EntryInvalid) as exc:
        check_cost({**RECURRING, "kind": "one_time"}, categories=CATEGORIES)
    assert problems_of(exc) == [("end_date", Problem.END_ON_ONE_TIME)]


def test_every_problem_of_a_cost_is_reported_at_once_in_field_order() -> None:
    values = {"kind": "weekly", "category": "snacks", "amount": "x", "description": "d" * 201}
    with pytest.raises(EntryInvalid) as exc:
        check_cost(values, categories=CATEGORIES)
    assert problems_of(exc) == [
        ("kind", Problem.KIND_UNKNOWN),
        ("category", Problem.CATEGORY_UNKNOWN),
        ("amount", Problem.NOT_A_NUMBER),
        ("start_date", Problem.DATE_MISSING),
        ("description", Problem.DESCRIPTION_TOO_LONG),
    ]


def test_a_benefit_says_what_it_is_and_keeps_its_range_in_order() -> None:
    entry = check_benefit(
        {"description": "  Avoided agency hours ", "amount": "1200", "start_date": "2026-02-01"}
    )
    assert entry.description == "Avoided agency hours" and entry.end_date is None
    with pytest.raises(EntryInvalid) as exc:
        check_benefit(
            {
                "description": " ",
                "amount": "-1",
                "start_date": "2026-03-01",
                "end_date": "2026-02-01",
            }
        )
    assert problems_of(exc) == [
        ("description", Problem.DESCRIPTION_MISSING),
        ("amount", Problem.NEGATIVE_AMOUNT),
        ("end_date", Problem.END_BEFORE_START),
    ]
