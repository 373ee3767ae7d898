"""Declarations of the metrics app: KPIs, measurements, costs, benefits, adoption, ROI snapshots."""

from __future__ import annotations

from typing import TypedDict

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from metrics.choices import (
    CostCategory,
    CostKind,
    Direction,
    Frequency,
    KpiCategory,
    KpiKind,
    MeasurementSource,
    SnapshotKind,
)


class _DecimalSize(TypedDict):
    """Keyword arguments fixing the size of a DecimalField column."""

    max_digits: int
    decimal_places: int


MONEY: _DecimalSize = {"max_digits": 14, "decimal_places": 2}
# KPI values are not money: response times in seconds, accuracies in percent, NPS points.
KPI_VALUE: _DecimalSize = {"max_digits": 18, "decimal_places": 4}


class Kpi(models.Model):
    """A SMART KPI of one initiative: baseline, target, direction, frequency, owner."""

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="kpis",
        verbose_name=_("initiative"),
    )
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=KpiKind.choices, default=KpiKind.OPERATIONAL
    )
    category = models.CharField(_("category"), max_length=30, choices=KpiCategory.choices)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("For example: minutes, %, EUR."))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    baseline_value = models.DecimalField(_("baseline value"), **KPI_VALUE)
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target value"), **KPI_VALUE)
    target_date = models.DateField(_("target date"))
    frequency = models.CharField(
        _("measurement frequency"), max_length=10, choices=Frequency.choices
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_kpis",
        verbose_name=_("owner"),
    )
    value_per_unit = models.DecimalField(
        _("money value per unit of improvement"),
        null=True,
        blank=True,
        help_text=_(
            "What one unit of improvement is worth per measurement period; turns the KPI into "
            "a benefit. Leave empty for KPIs that are not valued in money."
        ),
        **MONEY,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Kept by the measurement services (metrics.services.kpis.kpi_refresh_latest) so that lists
    # never count or scan measurements: the latest value, its date and how many there are.
    latest_value = models.DecimalField(_("latest value"), null=True, blank=True, **KPI_VALUE)
    latest_on = models.DateField(_("last measured"), null=True, blank=True)
    measurement_count = models.PositiveIntegerField(_("measurements"), default=0)
    history = HistoricalRecords(
        excluded_fields=["updated_at", "latest_value", "latest_on", "measurement_count"]
    )

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ["initiative_id", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_date__gt=models.F("baseline_date")),
                name="kpi_target_after_baseline",
            ),
            models.CheckConstraint(
                condition=models.Q(value_per_unit__isnull=True) | models.Q(value_per_unit__gte=0),
                name="kpi_value_per_unit_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Measurement(models.Model):
    """One value of a KPI on a date: who logged it, from where, and why."""

    kpi = models.ForeignKey(
        Kpi, on_delete=models.CASCADE, related_name="measurements", verbose_name=_("KPI")
    )
    value = models.DecimalField(_("value"), **KPI_VALUE)
    measured_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=MeasurementSource.choices, default="browser"
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("logged by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["kpi_id", "-measured_on", "-id"]
        indexes = [
            # The API lists measurements newest first over millions of rows.
            models.Index(fields=["-measured_on", "-id"], name="measurement_newest_first"),
        ]
        constraints = [
            # One value per KPI and day: a second value for the same day is a correction,
            # which is an edit (kept in the history), not a competing row.
            models.UniqueConstraint(fields=["kpi", "measured_on"], name="measurement_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.value} ({self.measured_on:%Y-%m-%d})"


class CostItem(models.Model):
    """A cost of an initiative: one-time on a date, or recurring per month between two dates."""

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="cost_items",
        verbose_name=_("initiative"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CostKind.choices)
    category = models.CharField(_("category"), max_length=20, choices=CostCategory.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.DecimalField(
        _("amount"), help_text=_("For a recurring cost: the amount per month."), **MONEY
    )
    start_date = models.DateField(_("date or start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")
        ordering = ["initiative_id", "start_date", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="cost_not_negative"),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="one_time", end_date__isnull=True)
                    | models.Q(kind="recurring", end_date__gte=models.F("start_date"))
                ),
                name="cost_dates_match_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.description or self.get_category_display()


class Benefit(models.Model):
    """A direct money benefit (revenue uplift, avoided cost) on a date or spread over a range."""

    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="benefits",
        verbose_name=_("initiative"),
    )
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount"), **MONEY)
    start_date = models.DateField(_("date or start"))
    end_date = models.DateField(
        _("end"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a benefit on one date; with an end it is spread evenly."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["initiative_id", "start_date", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="benefit_not_negative"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="benefit_range_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class AdoptionRecord(models.Model):
    """Monthly active users of AI tools in one department for one calendar month."""

    department = models.ForeignKey(
        "initiatives.Department",
        on_delete=models.CASCADE,
        related_name="adoption_records",
        verbose_name=_("department"),
    )
    # Always the first day of the month; the service normalises it.
    month = models.DateField(_("month"))
    active_users = models.PositiveIntegerField(_("monthly active users"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("adoption record")
        verbose_name_plural = _("adoption records")
        ordering = ["department_id", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["department", "month"], name="adoption_once_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.department_id} {self.month:%Y-%m}: {self.active_users}"


class RoiState(models.Model):
    """Per initiative: whether its ROI needs recomputing, and when it was last computed.

    Changes set `dirty`; the recompute task claims the work by flipping it back with a
    conditional update, so a burst of changes computes once and two workers never both do it.
    """

    initiative = models.OneToOneField(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="roi_state",
        verbose_name=_("initiative"),
    )
    dirty = models.BooleanField(_("needs recomputing"), default=False)
    dirty_since = models.DateTimeField(_("changed since"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True)
    runs = models.PositiveIntegerField(_("recomputations"), default=0)
    planned_payback_month = models.DateField(_("planned payback month"), null=True, blank=True)
    realised_payback_month = models.DateField(_("realised payback month"), null=True, blank=True)

    class Meta:
        verbose_name = _("ROI state")
        verbose_name_plural = _("ROI states")

    def __str__(self) -> str:
        return f"ROI state of {self.initiative_id}"


class RoiSnapshot(models.Model):
    """The ROI figures of one initiative for one quarter, planned or realised, stored in cents."""

    # No index of its own: roi_snapshot_once starts with the initiative. Every index is paid
    # for on each of the portfolio's snapshot writes.
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="roi_snapshots",
        verbose_name=_("initiative"),
        db_index=False,
    )
    kind = models.CharField(_("kind"), max_length=10, choices=SnapshotKind.choices)
    period_start = models.DateField(_("quarter start"))
    period_label = models.CharField(_("quarter"), max_length=10)
    costs = models.DecimalField(_("costs"), **MONEY)
    benefits = models.DecimalField(_("benefits"), **MONEY)
    net = models.DecimalField(_("net benefit"), **MONEY)
    roi = models.DecimalField(_("ROI %"), max_digits=14, decimal_places=1, null=True, blank=True)
    cumulative_costs = models.DecimalField(_("cumulative costs"), **MONEY)
    cumulative_benefits = models.DecimalField(_("cumulative benefits"), **MONEY)
    cumulative_net = models.DecimalField(_("cumulative net benefit"), **MONEY)
    cumulative_roi = models.DecimalField(
        _("cumulative ROI %"), max_digits=14, decimal_places=1, null=True, blank=True
    )
    # The payback month as known at the end of this quarter (None when not yet reached).
    payback_month = models.DateField(_("payback month"), null=True, blank=True)
    # Realised rows only: the quarter's verdict (metrics.domain.progress.judge_investment) and
    # what it was judged on, stored so that dashboards count and sort in SQL.
    verdict = models.CharField(_("verdict"), max_length=20, blank=True)
    verdict_reasons = models.JSONField(_("reasons"), default=list, blank=True)
    plan_share = models.DecimalField(
        _("share of plan %"), max_digits=14, decimal_places=1, null=True, blank=True
    )
    kpis_off_track = models.JSONField(_("KPIs off track"), default=list, blank=True)
    planned_cumulative_benefits = models.DecimalField(
        _("planned cumulative benefits"), null=True, blank=True, **MONEY
    )
    planned_cumulative_roi = models.DecimalField(
        _("planned cumulative ROI %"), max_digits=14, decimal_places=1, null=True, blank=True
    )
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("ROI snapshot")
        verbose_name_plural = _("ROI snapshots")
        ordering = ["initiative_id", "kind", "period_start"]
        indexes = [
            # The dashboard and the report read one quarter of one kind for many initiatives.
            models.Index(fields=["kind", "period_start", "initiative"], name="roi_quarter_rows"),
            # ... and the dashboard the largest net benefits of a quarter, first.
            models.Index(
                fields=["kind", "period_start", "-cumulative_net", "initiative"],
                name="roi_quarter_by_net",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "kind", "period_start"], name="roi_snapshot_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.period_label} {self.kind}"


class KpiQuarterStatus(models.Model):
    """A KPI's progress at the end of a quarter (or to date), stored when its data changes.

    One row per KPI and quarter from its baseline quarter to the current one: the latest
    measurement on or before the quarter's end (or today), the value planned for that date, and
    the track (metrics.domain.progress.kpi_track), so that dashboards count and sort in SQL.
    """

    # No index of its own: kpi_status_once starts with the KPI (see RoiSnapshot.initiative).
    kpi = models.ForeignKey(
        Kpi,
        on_delete=models.CASCADE,
        related_name="quarter_statuses",
        verbose_name=_("KPI"),
        db_index=False,
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="kpi_statuses",
        verbose_name=_("initiative"),
    )
    period_start = models.DateField(_("quarter start"))
    latest_value = models.DecimalField(_("latest value"), null=True, blank=True, **KPI_VALUE)
    latest_on = models.DateField(_("last measured"), null=True, blank=True)
    planned_value = models.DecimalField(_("planned value"), **KPI_VALUE)
    target_value = models.DecimalField(_("target value"), **KPI_VALUE)
    progress = models.DecimalField(
        _("progress %"), max_digits=14, decimal_places=1, null=True, blank=True
    )
    track = models.CharField(_("track"), max_length=10)

    class Meta:
        verbose_name = _("KPI quarter status")
        verbose_name_plural = _("KPI quarter statuses")
        ordering = ["initiative_id", "kpi_id", "period_start"]
        indexes = [
            # The dashboard's KPIs needing attention: furthest behind first, per track; its
            # first two columns also serve the counts per quarter and track.
            models.Index(
                fields=["period_start", "track", "progress", "kpi"], name="kpi_status_by_progress"
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "period_start"], name="kpi_status_once")
        ]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.period_start:%Y-%m} {self.track}"


# Sums of many initiatives' stored figures need more digits than one initiative's.
ROLLUP_MONEY: _DecimalSize = {"max_digits": 18, "decimal_places": 2}


class _RollupGroup(models.Model):
    """A quarter, department and stage: what the rollups sum the stored figures by."""

    period_start = models.DateField(_("quarter start"))
    department = models.ForeignKey(
        "initiatives.Department",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("department"),
    )
    stage = models.CharField(_("stage"), max_length=20)

    class Meta:
        abstract = True


class RoiRollup(_RollupGroup):
    """The realised ROI snapshots of one quarter summed per department and stage.

    Kept by database triggers (metrics.rollups) on every write to the snapshots and on every
    move of an initiative to another department or stage, so that the dashboard reads a few
    dozen rows instead of ten thousand. Never written by the application.
    """

    initiatives = models.IntegerField(_("initiatives"), default=0)
    costs = models.DecimalField(_("costs"), default=0, **ROLLUP_MONEY)
    benefits = models.DecimalField(_("benefits"), default=0, **ROLLUP_MONEY)
    cumulative_costs = models.DecimalField(_("cumulative costs"), default=0, **ROLLUP_MONEY)
    cumulative_benefits = models.DecimalField(_("cumulative benefits"), default=0, **ROLLUP_MONEY)
    paid_off = models.IntegerField(_("paid off"), default=0)
    on_track = models.IntegerField(_("on track"), default=0)
    needs_adjustment = models.IntegerField(_("needs adjustment"), default=0)

    class Meta:
        verbose_name = _("ROI rollup")
        verbose_name_plural = _("ROI rollups")
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "department", "stage"], name="roi_rollup_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period_start:%Y-%m} {self.department_id} {self.stage}"


class KpiRollup(_RollupGroup):
    """How many KPIs of one department and stage are on each track at a quarter (see RoiRollup)."""

    track = models.CharField(_("track"), max_length=10)
    kpis = models.IntegerField(_("KPIs"), default=0)

    class Meta:
        verbose_name = _("KPI rollup")
        verbose_name_plural = _("KPI rollups")
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "department", "stage", "track"], name="kpi_rollup_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period_start:%Y-%m} {self.department_id} {self.stage} {self.track}"


class TrainingCost(models.Model):
    """How a booked or completed training plan was booked as spend, one per plan: a training cost
    item of the initiative it serves, or training spend of the organisation as a whole.

    The link lives in metrics: the people app knows nothing of costs or initiatives (it depends
    on core only), and finance decides which initiative a training serves. Spend of the
    organisation has no cost item: an initiative's ROI counts only what that initiative spent,
    so the organisation's training shows beside the initiatives' figures, never inside them.
    """

    plan = models.OneToOneField(
        "people.TrainingPlan",
        on_delete=models.PROTECT,
        related_name="cost_link",
        verbose_name=_("training plan"),
    )
    cost = models.OneToOneField(
        CostItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="training_link",
        verbose_name=_("cost item"),
        help_text=_("Empty: training spend of the organisation, not of one initiative."),
    )
    amount = models.DecimalField(_("amount"), null=True, blank=True, **MONEY)
    spent_on = models.DateField(_("date"), null=True, blank=True)
    booked_at = models.DateTimeField(_("booked"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["booked_at"])

    class Meta:
        verbose_name = _("training cost")
        verbose_name_plural = _("training costs")
        constraints = [
            # Spend of the organisation carries its own amount and date; spend of an
            # initiative has them on its cost item.
            models.CheckConstraint(
                condition=models.Q(cost__isnull=False)
                | models.Q(amount__isnull=False, spent_on__isnull=False),
                name="trainingcost_organisation_has_amount",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="trainingcost_amount_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["spent_on"], name="trainingcost_spent_on")]

    def __str__(self) -> str:
        return f"{self.plan_id} → {self.cost_id or 'organisation'}"

    @property
    def for_organisation(self) -> bool:
        """Spend of the organisation as a whole, not of one initiative."""
        return self.cost_id is None
