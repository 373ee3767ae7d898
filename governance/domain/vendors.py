"""The figures of a vendor evaluation: weighted scores, three-year cost of ownership, ranking.

Pure functions over plain values (no ORM, no settings, no dates): governance.vendor_selectors
feeds them the rows of one evaluation, and every page, export and API answer reads the same
results. Money is Decimal; the weighted score is shown with one decimal, rounded half up.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

LOWEST_SCORE = 1
HIGHEST_SCORE = 5
MAX_WEIGHT = 100
YEARS = 3
_ONE_DECIMAL = Decimal("0.1")
_CENTS = Decimal("0.01")

# Recurrence codes of governance.choices.VendorCostRecurrence: how often a line is paid per year.
ONE_TIME, MONTHLY, YEARLY = "one_time", "monthly", "yearly"
_TIMES_PER_YEAR = {MONTHLY: 12, YEARLY: 1}


@dataclass(frozen=True)
class WeightedScore:
    """A candidate's weighted score (1–5, one decimal; None while nothing is scored) and how
    many criteria that count (weight above 0) are still unscored."""

    score: Decimal | None
    scored: int
    unscored: int


def weighted_score(pairs: Iterable[tuple[int, int | None]]) -> WeightedScore:
    """Σ weight × score ÷ Σ weight over the scored criteria; (weight, score or None) pairs.

    A criterion weighted 0 does not count at all: it is neither scored nor missing.
    """
    numerator = denominator = scored = unscored = 0
    for weight, score in pairs:
        if weight <= 0:
            continue
        if score is None:
            unscored += 1
            continue
        numerator += weight * score
        denominator += weight
        scored += 1
    if not denominator:
        return WeightedScore(None, scored, unscored)
    value = (Decimal(numerator) / Decimal(denominator)).quantize(_ONE_DECIMAL, ROUND_HALF_UP)
    return WeightedScore(value, scored, unscored)


@dataclass(frozen=True)
class CostLine:
    """One cost line: how often it is paid and its amount."""

    recurrence: str
    amount: Decimal


@dataclass(frozen=True)
class Tco:
    """The total cost of ownership per year of the three and in total."""

    years: tuple[Decimal, Decimal, Decimal]
    total: Decimal

    @property
    def year_1(self) -> Decimal:
        return self.years[0]

    @property
    def year_2(self) -> Decimal:
        return self.years[1]

    @property
    def year_3(self) -> Decimal:
        return self.years[2]


def three_year_tco(lines: Iterable[CostLine]) -> Tco:
    """One-time lines count once, in year 1; monthly lines 12 times a year; yearly once a year."""
    years = [Decimal(0)] * YEARS
    for line in lines:
        amount = Decimal(line.amount)
        if line.recurrence == ONE_TIME:
            years[0] += amount
            continue
        if line.recurrence not in _TIMES_PER_YEAR:
            raise ValueError(f"unknown recurrence {line.recurrence!r}")
        for year in range(YEARS):
            years[year] += amount * _TIMES_PER_YEAR[line.recurrence]
    rounded = tuple(year.quantize(_CENTS, ROUND_HALF_UP) for year in years)
    return Tco(years=rounded, total=sum(rounded, Decimal(0)))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Standing:
    """What a candidate is ranked on: its weighted score and (if known to the reader) its TCO."""

    key: Hashable
    score: Decimal | None
    tco_total: Decimal | None = None


def ranking(standings: Sequence[Standing]) -> dict[Hashable, int]:
    """Rank 1 for the best: the higher weighted score first, then the lower TCO.

    Candidates without a score come last, a missing TCO after a known one; candidates equal on
    both share a rank (1, 1, 3).
    """

    def order(standing: Standing) -> tuple[bool, Decimal, bool, Decimal]:
        return (
            standing.score is None,
            -(standing.score or Decimal(0)),
            standing.tco_total is None,
            standing.tco_total or Decimal(0),
        )

    ordered = sorted(standings, key=order)
    ranks: dict[Hashable, int] = {}
    previous: tuple[bool, Decimal, bool, Decimal] | None = None
    rank = 0
    for position, standing in enumerate(ordered, start=1):
        current = order(standing)
        if current != previous:
            rank = position
            previous = current
        ranks[standing.key] = rank
    return ranks


class DecisionProblem(enum.Enum):
    """Why a decision cannot be recorded as given."""

    NOT_OPEN = "not_open"
    NO_CANDIDATE = "no_candidate"
    NOT_A_CANDIDATE = "not_a_candidate"
    NO_RATIONALE = "no_rationale"


def decision_problems(
    *, is_open: bool, chosen: Hashable | None, candidates: Iterable[Hashable], rationale: str
) -> list[DecisionProblem]:
    """What keeps a decision from being recorded: the evaluation must be open, the chosen
    product one of its candidates, and the rationale written out."""
    problems = []
    if not is_open:
        problems.append(DecisionProblem.NOT_OPEN)
    if chosen is None:
        problems.append(DecisionProblem.NO_CANDIDATE)
    elif chosen not in set(candidates):
        problems.append(DecisionProblem.NOT_A_CANDIDATE)
    if not rationale.strip():
        problems.append(DecisionProblem.NO_RATIONALE)
    return problems
