"""Serializers of the metrics API: input serializers parse, services decide, output ones show."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from core.api.fields import ScopedRelatedField
from metrics import selectors
from metrics.domain.entries import BENEFIT_FIELDS, COST_FIELDS
from metrics.models import (
    AdoptionRecord,
    Benefit,
    CostItem,
    Kpi,
    Measurement,
    RoiSnapshot,
    TrainingCost,
)
from metrics.selectors import training as training_selectors
from metrics.services.financials import ADOPTION_FIELDS
from metrics.services.kpis import KPI_FIELDS, MEASUREMENT_FIELDS


class _InitiativeEntryInputSerializer(serializers.ModelSerializer):
    """An entry of an initiative the requester may see; the initiative is fixed once set."""

    initiative = ScopedRelatedField(selector=selectors.initiative_list)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields["initiative"].read_only = True

    def get_validators(self) -> list[Any]:
        """Rules spanning fields live in metrics.domain.entries and the services, which name the
        field at fault."""
        return []


class KpiSerializer(serializers.ModelSerializer):
    """A KPI as the API shows it, with its latest measurement date."""

    last_measured = serializers.DateField(source="latest_on", read_only=True, allow_null=True)
    measurement_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Kpi
        fields = [
            "id",
            "initiative",
            *KPI_FIELDS,
            "latest_value",
            "last_measured",
            "measurement_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class KpiInputSerializer(_InitiativeEntryInputSerializer):
    """What a client sends to define or change a KPI; the initiative is fixed once set."""

    class Meta:
        model = Kpi
        fields = ["initiative", *KPI_FIELDS]
        extra_kwargs = {
            "baseline_value": {
                "error_messages": {
                    "required": "Enter the baseline: without a starting value, progress cannot "
                    "be measured."
                }
            },
            "target_date": {
                "error_messages": {
                    "required": "Enter a target date: a SMART goal says by when it is reached."
                }
            },
        }


class MeasurementSerializer(serializers.ModelSerializer):
    """A measurement as the API shows it."""

    initiative = serializers.IntegerField(source="kpi.initiative_id", read_only=True)
    logged_by = serializers.CharField(source="logged_by.username", read_only=True)

    class Meta:
        model = Measurement
        fields = [
            "id",
            "kpi",
            "initiative",
            *MEASUREMENT_FIELDS,
            "source",
            "logged_by",
            "created_at",
        ]
        read_only_fields = fields


class MeasurementInputSerializer(serializers.Serializer):
    """One value of a KPI to log or correct."""

    kpi = ScopedRelatedField(selector=selectors.kpi_list)
    value = serializers.DecimalField(max_digits=18, decimal_places=4)
    measured_on = serializers.DateField()
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields["kpi"].read_only = True


class MeasurementBulkItemSerializer(serializers.Serializer):
    """One row of a bulk request; checked row by row like an import."""

    kpi = serializers.IntegerField()
    value = serializers.CharField()
    measured_on = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ImportRequestSerializer(serializers.Serializer):
    """A CSV or XLSX upload, checked only (dry_run true, the default) or saved."""

    file = serializers.FileField()
    dry_run = serializers.BooleanField(default=True)


class ImportErrorSerializer(serializers.Serializer):
    """One problem in one row."""

    row = serializers.IntegerField()
    field = serializers.CharField()
    message = serializers.CharField()


class ImportCountsSerializer(serializers.Serializer):
    """How many rows were read, valid, invalid and saved."""

    rows = serializers.IntegerField()
    valid = serializers.IntegerField()
    invalid = serializers.IntegerField()
    created = serializers.IntegerField()


class ImportResultSerializer(serializers.Serializer):
    """The outcome of a dry run or commit."""

    counts = ImportCountsSerializer()
    committed = serializers.BooleanField()
    # DRF's serializer metaclass moves declared fields out of the class namespace, so this field
    # does not shadow Serializer.errors at runtime; the stubs see a plain class attribute.
    errors = ImportErrorSerializer(many=True)  # type: ignore[assignment]


class ImportJobSerializer(serializers.Serializer):
    """An import saved in the background: status, progress, and its outcome or row errors."""

    job_id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["queued", "running", "succeeded", "failed"])
    active = serializers.BooleanField()
    filename = serializers.CharField()
    done = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.IntegerField()
    message = serializers.CharField(allow_blank=True)
    committed = serializers.BooleanField()
    counts = ImportCountsSerializer(allow_null=True)
    errors = ImportErrorSerializer(many=True)  # type: ignore[assignment]  # output only
    error = serializers.CharField(allow_blank=True)
    status_url = serializers.CharField()


class CostItemSerializer(serializers.ModelSerializer):
    """A cost item as the API shows it."""

    class Meta:
        model = CostItem
        fields = ["id", "initiative", *COST_FIELDS, "created_at", "updated_at"]
        read_only_fields = fields


class CostItemInputSerializer(_InitiativeEntryInputSerializer):
    """A cost to book or change; amounts per month for recurring costs."""

    class Meta:
        model = CostItem
        fields = ["initiative", *COST_FIELDS]


class BenefitSerializer(serializers.ModelSerializer):
    """A direct benefit as the API shows it."""

    class Meta:
        model = Benefit
        fields = ["id", "initiative", *BENEFIT_FIELDS, "created_at", "updated_at"]
        read_only_fields = fields


class BenefitInputSerializer(_InitiativeEntryInputSerializer):
    """A direct benefit to record or change."""

    class Meta:
        model = Benefit
        fields = ["initiative", *BENEFIT_FIELDS]


class AdoptionRecordSerializer(serializers.ModelSerializer):
    """Monthly active users of a department; posting an existing month replaces it."""

    class Meta:
        model = AdoptionRecord
        fields = ["id", *ADOPTION_FIELDS, "updated_at"]
        read_only_fields = ["id", "updated_at"]

    def get_validators(self) -> list[Any]:
        """One record per department and month: the service replaces rather than refuses."""
        return []


class RoiFiguresSerializer(serializers.Serializer):
    """Figures of one period, planned or realised; money in cents, ROI in percent or null."""

    costs = serializers.DecimalField(max_digits=14, decimal_places=2)
    benefits = serializers.DecimalField(max_digits=14, decimal_places=2)
    net = serializers.DecimalField(max_digits=14, decimal_places=2)
    roi = serializers.DecimalField(max_digits=14, decimal_places=1, allow_null=True)
    cumulative_costs = serializers.DecimalField(max_digits=14, decimal_places=2)
    cumulative_benefits = serializers.DecimalField(max_digits=14, decimal_places=2)
    cumulative_net = serializers.DecimalField(max_digits=14, decimal_places=2)
    cumulative_roi = serializers.DecimalField(max_digits=14, decimal_places=1, allow_null=True)


class RoiPeriodSerializer(serializers.Serializer):
    """One period with its planned and realised figures side by side."""

    period = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    planned = RoiFiguresSerializer()
    realised = RoiFiguresSerializer()


class RoiSerializer(serializers.Serializer):
    """An initiative's ROI per period and cumulatively, planned beside realised."""

    initiative = serializers.IntegerField()
    grain = serializers.CharField()
    currency = serializers.CharField()
    computed_at = serializers.DateTimeField(allow_null=True)
    planned_payback_month = serializers.CharField(allow_null=True)
    realised_payback_month = serializers.CharField(allow_null=True)
    periods = RoiPeriodSerializer(many=True)


class RoiSnapshotSerializer(serializers.ModelSerializer):
    """A stored quarterly snapshot."""

    class Meta:
        model = RoiSnapshot
        fields = "__all__"


class TrainingCostSerializer(serializers.ModelSerializer):
    """A training booked as spend: on an initiative (its cost item) or of the organisation."""

    person = serializers.CharField(source="plan.person.name", read_only=True)
    title = serializers.CharField(source="plan.title", read_only=True)
    initiative = serializers.SerializerMethodField()
    for_organisation = serializers.BooleanField(read_only=True)
    amount = serializers.SerializerMethodField()
    date = serializers.SerializerMethodField()

    class Meta:
        model = TrainingCost
        fields = [
            "id",
            "plan",
            "person",
            "title",
            "initiative",
            "for_organisation",
            "cost",
            "amount",
            "date",
            "booked_at",
        ]
        read_only_fields = fields

    def get_initiative(self, obj: TrainingCost) -> int | None:
        return obj.cost.initiative_id if obj.cost is not None else None

    def get_amount(self, obj: TrainingCost) -> str:
        amount = obj.cost.amount if obj.cost is not None else obj.amount
        return f"{amount:.2f}"

    def get_date(self, obj: TrainingCost) -> str:
        day = obj.cost.start_date if obj.cost is not None else obj.spent_on
        return day.isoformat() if day else ""


class TrainingCostInputSerializer(serializers.Serializer):
    """Book a training plan (or book it again): the initiative it serves, or null for the
    organisation as a whole."""

    plan = ScopedRelatedField(selector=training_selectors.training_cost_plans)
    initiative = ScopedRelatedField(selector=selectors.initiative_list, allow_null=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields["plan"].read_only = True
