"""Which quarter a page or report is about, and which initiatives are in view."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from core.periods import Period, PeriodKind
from initiatives.models import Initiative
from metrics.selectors.reporting import Scope, Slice

QUARTERS_SHOWN = 8


def quarter_period(year: int, quarter: int) -> Period:
    """The calendar quarter `quarter` (1–4) of `year`."""
    return Period.containing(PeriodKind.QUARTER, datetime.date(year, 3 * quarter - 2, 1))


@dataclass(frozen=True)
class QuarterView:
    """One quarter, seen through a scope of initiatives (None: the whole portfolio; a slice:
    its department and stage; a queryset: those initiatives)."""

    year: int
    quarter: int
    period: Period
    scope: Scope
    # The day the figures are as of: today within the current quarter, else the quarter's end.
    as_of: datetime.date

    @classmethod
    def of(
        cls,
        year: int,
        quarter: int,
        *,
        scope: Scope = None,
        today: datetime.date | None = None,
    ) -> QuarterView:
        """The view of a quarter of a year, as of today (or the quarter's end if it is over)."""
        period = quarter_period(year, quarter)
        today = today or timezone.localdate()
        return cls(year, quarter, period, scope, min(today, period.end))

    @property
    def to_date(self) -> bool:
        """Whether the quarter has not ended yet: its realised figures say "to date"."""
        return self.as_of < self.period.end

    @property
    def initiatives(self) -> QuerySet[Initiative]:
        """The initiatives in view as a queryset (never a list of ids)."""
        if isinstance(self.scope, Slice):
            return self.scope.initiatives()
        return self.scope if self.scope is not None else Initiative.objects.all()

    def series(self) -> list[Period]:
        """The quarters the charts show, oldest first, ending with this one."""
        quarters = [self.period]
        for _index in range(QUARTERS_SHOWN - 1):
            quarters.insert(0, quarters[0].previous())
        return quarters

    def as_json(self) -> dict[str, Any]:
        """The period as the frozen report stores it."""
        return {
            "year": self.year,
            "quarter": self.quarter,
            "label": self.period.label,
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "to_date": self.to_date,
        }
