"""The estate's rules: AI-readiness of IT systems, quality of data sources, the infrastructure check.

Pure functions over plain values; the labels shown to people live in governance.choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

LOWEST, HIGHEST = 1, 5
# The source material: systems rated 4 or 5 suit early AI integration.
SUITED_FROM = 4
# Three of the four infrastructure questions answered yes: ready in principle.
READY_MIN_YES = 3


class InvalidRating(ValueError):
    """A rating outside 1–5."""

    def __init__(self, field: str, value: object) -> None:
        super().__init__(f"{field}: {value!r} is not a rating from 1 to 5")
        self.field = field
        self.value = value


class Readiness(StrEnum):
    """What an AI-readiness rating means for AI integration."""

    NOT_SUITED = "not_suited"
    NOT_YET_SUITED = "not_yet_suited"
    PARTLY_SUITED = "partly_suited"
    SUITED = "suited"
    WELL_SUITED = "well_suited"


_READINESS = {
    1: Readiness.NOT_SUITED,
    2: Readiness.NOT_YET_SUITED,
    3: Readiness.PARTLY_SUITED,
    4: Readiness.SUITED,
    5: Readiness.WELL_SUITED,
}


def check_rating(value: int, field: str = "rating") -> int:
    """The rating itself, or InvalidRating when it is not a whole number from 1 to 5."""
    if isinstance(value, bool) or not isinstance(value, int) or not LOWEST <= value <= HIGHEST:
        raise InvalidRating(field, value)
    return value


def readiness(rating: int) -> Readiness:
    """The meaning of an IT system's AI-readiness rating (1 not suited … 5 well suited)."""
    return _READINESS[check_rating(rating, "readiness")]


def suits_early_integration(rating: int) -> bool:
    """Whether a system rated so suits early AI integration (4 or 5)."""
    return check_rating(rating, "readiness") >= SUITED_FROM


def data_quality(completeness: int, timeliness: int, consistency: int) -> int:
    """A data source's overall quality: the lowest of its three ratings.

    The lowest, not the mean: data that is complete and consistent but a month late is not
    usable for a process that needs today's figures, so one weak dimension limits the whole
    source (ratings 5, 5 and 1 give 1, where the mean would claim a fair 3.7).
    """
    return min(
        check_rating(completeness, "completeness"),
        check_rating(timeliness, "timeliness"),
        check_rating(consistency, "consistency"),
    )


@dataclass(frozen=True)
class InfrastructureAnswers:
    """The four questions of the infrastructure check, answered yes (True) or no."""

    structured_databases_with_apis: bool
    stable_cloud_connectivity: bool
    modern_web_services: bool
    current_backup_and_security: bool

    def as_tuple(self) -> tuple[bool, bool, bool, bool]:
        """The answers in the order the check asks them."""
        return (
            self.structured_databases_with_apis,
            self.stable_cloud_connectivity,
            self.modern_web_services,
            self.current_backup_and_security,
        )


@dataclass(frozen=True)
class InfrastructureResult:
    """How many questions were answered yes and whether that is ready in principle."""

    yes_count: int
    ready: bool


def infrastructure_result(answers: InfrastructureAnswers) -> InfrastructureResult:
    """Ready in principle when at least three of the four answers are yes."""
    yes_count = sum(1 for answer in answers.as_tuple() if answer)
    return InfrastructureResult(yes_count=yes_count, ready=yes_count >= READY_MIN_YES)
