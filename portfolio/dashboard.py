"""The leadership dashboard: every portfolio view of DESIGN.md on one page, filtered together."""

from __future__ import annotations

from typing import Any, TypedDict, cast

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.http import htmx_target
from core.periods import Period, PeriodKind
from core.roles import Cap, has_capability
from initiatives.choices import Stage
from initiatives.models import Department
from initiatives.selectors import initiative_list, stage_counts
from portfolio.reports import charts
from portfolio.reports.sections import governance_section, scaling_section
from portfolio.reports.snapshot import build_snapshot

QUARTERS_TO_CHOOSE = 8
TOP_INITIATIVES = 15
KPI_ATTENTION = 25


class _FunnelStage(TypedDict):
    """One bar of the stage funnel, with the link to its initiatives."""

    stage: str
    label: str
    count: int
    url: str


def _quarters(today: Any) -> list[Period]:
    current = Period.containing(PeriodKind.QUARTER, today)
    quarters = [current]
    for _index in range(QUARTERS_TO_CHOOSE - 1):
        quarters.append(quarters[-1].previous())
    return quarters


class DashboardFilterForm(forms.Form):
    """Department, quarter and stage; every chart follows them."""

    department = forms.ModelChoiceField(
        queryset=Department.objects.order_by("name"),
        required=False,
        label=gettext_lazy("Department"),
        empty_label=gettext_lazy("All departments"),
    )
    period = forms.ChoiceField(label=gettext_lazy("Quarter"), required=False)
    stage = forms.ChoiceField(label=gettext_lazy("Stage"), required=False)

    def __init__(self, *args: Any, quarters: list[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        period_field: Any = self.fields["period"]
        period_field.choices = [(q.label, q.label) for q in quarters]
        stage_field: Any = self.fields["stage"]
        stage_field.choices = [("", _("All stages")), *Stage.choices]


def dashboard_view(request: HttpRequest) -> HttpResponse:
    """Funnel, matrix, ROI, costs against benefits, KPIs, scaling and governance at a glance."""
    today = timezone.localdate()
    quarters = _quarters(today)
    form = DashboardFilterForm(request.GET or None, quarters=quarters)
    form.is_valid()
    data = form.cleaned_data if form.is_bound else {}
    period = next((q for q in quarters if q.label == data.get("period")), quarters[0])
    department = data.get("department")
    stage = data.get("stage") or ""

    scope = initiative_list(user=request.user)
    if department:
        scope = scope.filter(department=department)
    funnel_counts = stage_counts(queryset=scope)
    if stage:
        scope = scope.filter(stage=stage)

    sees_money = has_capability(request.user, Cap.VIEW_FINANCIALS)
    year, quarter = period.start.year, (period.start.month - 1) // 3 + 1
    snapshot = build_snapshot(
        year=year,
        quarter=quarter,
        scope=scope,
        scaling=scaling_section(actor=request.user, on=period.end),
        governance=governance_section(on=min(today, period.end), initiatives=scope),
    )
    currency = settings.PORTFOLIO_CURRENCY
    base_filter = {"department": department.pk} if department else {}
    funnel: list[_FunnelStage] = [
        {
            "stage": value,
            "label": str(label),
            "count": funnel_counts[value],
            "url": reverse("initiatives:initiative-list")
            + "?"
            + urlencode({**base_filter, "stage": value}),
        }
        for value, label in Stage.choices
    ]
    top = sorted(
        snapshot["initiatives"], key=lambda row: float(row["cumulative"]["net"]), reverse=True
    )[:TOP_INITIATIVES]
    detail_url = reverse("initiatives:initiative-detail", args=[0]).replace("/0/", "/{}/")
    attention = [k for k in snapshot["kpis"] if k["track"] in ("off_track", "at_risk")]
    attention.sort(key=lambda k: (k["track"] != "off_track", k["name"]))
    kpi_attention = [
        {**kpi, "url": detail_url.format(kpi["initiative_id"])} for kpi in attention[:KPI_ATTENTION]
    ]
    figures = {
        "funnel": charts.to_json(
            charts.stage_funnel([(row["label"], row["count"]) for row in funnel])
        ),
    }
    if sees_money:
        figures["costs_vs_benefits"] = charts.to_json(
            charts.costs_vs_benefits(snapshot["quarters"], currency)
        )
        figures["net_by_department"] = charts.to_json(
            charts.net_by_department(snapshot["departments"], currency)
        )
    context = {
        "form": form,
        "period": period,
        "snapshot": snapshot,
        "funnel": funnel,
        "top": top,
        "kpi_attention": kpi_attention,
        "kpi_attention_more": max(0, len(attention) - KPI_ATTENTION),
        "figures": figures,
        "sees_money": sees_money,
        "currency": currency,
        "matrix_url": reverse("initiatives:initiative-matrix") + "?" + urlencode(base_filter),
        "list_url": reverse("initiatives:initiative-list") + "?" + urlencode(base_filter),
        # QueryDict.items() gives each key's last value: a str (the stubs allow an empty list).
        "filters_query": urlencode(
            cast("dict[str, str]", {k: v for k, v in request.GET.items() if v})
        ),
    }
    template = "portfolio/dashboard.html"
    if htmx_target(request) == "dashboard-body":
        template = "portfolio/partials/dashboard_body.html"
    return render(request, template, context)
