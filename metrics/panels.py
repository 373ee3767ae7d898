"""What the metrics app adds to the initiative page and to the stage gate."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core import formatting
from core.extensions import GateEvidence
from initiatives.models import Initiative
from metrics import rules, selectors
from metrics.forms import MeasurementForm, ScalingCostForm


def kpi_panel_context(
    request: Any, initiative: Initiative, *, bound: tuple[int, Any] | None = None
) -> dict[str, Any] | None:
    """KPIs with a quick-entry row, a chart each and overdue flags.

    bound is (kpi id, form) of a quick entry that failed, shown again with its errors.
    """
    statuses = selectors.kpi_statuses(user=request.user, initiative=initiative)
    charts = selectors.kpi_charts(kpis=[status.kpi for status in statuses])
    today = timezone.localdate()
    rows = []
    for status in statuses:
        pk = status.kpi.pk
        if bound is not None and bound[0] == pk:
            form = bound[1]
        else:
            form = MeasurementForm(prefix=f"kpi{pk}", initial={"measured_on": today})
        rows.append(
            {"status": status, "form": form, "chart": charts[pk], "chart_id": f"kpi-chart-{pk}"}
        )
    return {
        "rows": rows,
        "can_log": rules.can_log_measurements(request.user, initiative),
        "can_manage": rules.can_manage_kpis(request.user, initiative),
        "today": today,
        "overdue_count": sum(1 for status in statuses if status.overdue),
    }


def financial_panel_context(request: Any, initiative: Initiative) -> dict[str, Any] | None:
    """Costs and benefits with planned and realised ROI; hidden for roles without money."""
    if not rules.can_view_financials(request.user):
        return None
    summary = selectors.roi_summary_for(initiative)
    return {
        "summary": summary,
        "latest": summary.latest,
        "can_edit": rules.can_edit_financials(request.user),
        "cost_count": initiative.cost_items.count(),
        "benefit_count": initiative.benefits.count(),
    }


def scaling_panel_context(request: Any, initiative: Initiative) -> dict[str, Any] | None:
    """The scaling cost estimate, prefilled with the pilot's last twelve months of costs."""
    if not rules.can_view_financials(request.user):
        return None
    split = selectors.pilot_cost_split(initiative=initiative)
    form = ScalingCostForm(
        initial={"basis": "seats", "fixed": split["fixed"], "variable": split["variable"]},
        auto_id="scaling_%s",
    )
    return {"form": form, "split": split, "estimate": None}


def realised_roi_evidence(initiative: Initiative) -> GateEvidence:
    """Gate evidence: the realised cumulative ROI from the latest snapshot."""
    summary = selectors.roi_summary_for(initiative)
    url = reverse("metrics:initiative-financials", args=[initiative.pk])
    latest = summary.latest.realised if summary.latest else None
    if latest is None:
        return GateEvidence(
            label=gettext_lazy("Realised ROI"),
            value=gettext_lazy("not yet computed"),
            tone="warn",
            detail=gettext_lazy("No costs, benefits or valued KPIs recorded yet."),
            url=url,
            data={"slot": "realised_roi", "available": True, "quarter": None},
        )
    roi = latest.cumulative_roi
    language = get_language()
    value = formatting.percent(roi, language=language)
    tone = "bad" if roi is None or roi < 0 else "good"
    planned = summary.latest.planned if summary.latest else None
    detail = _("Cumulative to %(quarter)s; net benefit %(net)s; planned ROI %(planned)s.") % {
        "quarter": latest.period_label,
        "net": formatting.money(latest.cumulative_net, language=language),
        "planned": formatting.percent(
            None if planned is None else planned.cumulative_roi, language=language
        ),
    }
    if summary.computed_at:
        detail += " " + _("Computed %(when)s.") % {
            "when": formatting.datetime_local(
                timezone.localtime(summary.computed_at), language=language
            )
        }
    if roi is not None and roi >= 0 and planned is not None and planned.cumulative_roi is not None:
        tone = "good" if roi >= planned.cumulative_roi else "warn"
    return GateEvidence(
        label=gettext_lazy("Realised ROI"),
        value=value,
        tone=tone,
        detail=detail,
        url=url,
        data={
            "slot": "realised_roi",
            "available": True,
            "quarter": latest.period_label,
            "cumulative_roi": None if roi is None else str(roi),
            "cumulative_net": str(latest.cumulative_net),
            "cumulative_costs": str(latest.cumulative_costs),
            "cumulative_benefits": str(latest.cumulative_benefits),
        },
    )
