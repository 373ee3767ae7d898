"""The dashboard's panels, each built from the figures of portfolio.figures."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any, TypedDict

from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext as _

from core import formatting
from initiatives.choices import FORWARD_STAGES, SIDE_STAGES
from initiatives.selectors import stage_counts
from metrics.domain.progress import Verdict
from metrics.domain.scaling import Trend
from portfolio.dashboard.filters import DashboardFilters
from portfolio.reports import charts
from portfolio.templatetags.portfolio_format import trend_label, verdict_label


class FunnelStage(TypedDict):
    """One stage of the funnel, with the link to its initiatives."""

    stage: str
    label: str
    count: int
    url: str
    forward: bool


def funnel_panel(filters: DashboardFilters) -> list[FunnelStage]:
    """Initiatives per stage in the chosen department, each linking to its list.

    The forward stages come first, in order (the funnel); on hold, stopped and retired follow,
    shown beside the funnel rather than below production as if they were later stages.
    """
    counts = stage_counts(queryset=filters.in_department)
    list_url = reverse("initiatives:initiative-list")
    return [
        {
            "stage": stage.value,
            "label": str(stage.label),
            "count": counts[stage.value],
            "url": list_url + "?" + urlencode({**filters.department_query, "stage": stage.value}),
            "forward": stage in FORWARD_STAGES,
        }
        for stage in (*FORWARD_STAGES, *SIDE_STAGES)
    ]


def kpi_attention(snapshot: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """The KPIs off track, then at risk, with links; and how many more there are."""
    detail_url = reverse("initiatives:initiative-detail", args=[0]).replace("/0/", "/{}/")
    shown = [
        {**kpi, "url": detail_url.format(kpi["initiative_id"])} for kpi in snapshot["kpi_attention"]
    ]
    return shown, max(0, snapshot["kpi_attention_total"] - len(shown))


def chart_figures(
    funnel: list[FunnelStage], snapshot: dict[str, Any], *, sees_money: bool
) -> dict[str, Any]:
    """The panels' charts as plotly.js figures; money charts only for those who see money."""
    figures = {
        "funnel": charts.stage_funnel(
            [(row["label"], row["count"]) for row in funnel if row["forward"]]
        )
    }
    if sees_money:
        figures["costs_vs_benefits"] = charts.costs_vs_benefits(snapshot["quarters"])
        figures["net_by_department"] = charts.net_by_department(snapshot["departments"])
    return figures


class Tile(TypedDict, total=False):
    """One figure tile (components/kpi_tile.html): the same fields, already formatted."""

    label: str
    value: str
    exact: str
    definition: str
    url: str
    hint: str
    tone: str


class Formats:
    """The page's numbers in one language and currency, looked up once for the whole body
    rather than once per figure (the tables list every department twice)."""

    def __init__(self, language: str | None, currency: str) -> None:
        self.language, self.currency = language, currency

    def money(self, value: Any) -> str:
        return formatting.money(value, language=self.language, currency=self.currency)

    def money_compact(self, value: Any) -> str:
        return formatting.money_compact(value, language=self.language, currency=self.currency)

    def percent(self, value: Any) -> str:
        return formatting.percent(value, language=self.language)

    def number(self, value: Any) -> str:
        return formatting.number(value, language=self.language)


def _of(part: Any, whole: Any) -> str:
    return _("%(n)s of %(den)s") % {"n": part, "den": whole}


def money_tiles(
    snapshot: dict[str, Any], definitions: dict[str, Any], fmt: Formats, *, list_url: str
) -> list[Tile]:
    """Invested, realised and net money, and the ROI, of the quarter and in total."""
    s, to_date = snapshot["summary"], snapshot["period"]["to_date"]

    def money_tile(label: str, key: str, definition: str) -> Tile:
        return {
            "label": label,
            "value": fmt.money_compact(s[key]),
            "exact": fmt.money(s[key]),
            "definition": str(definitions[definition].definition),
            "url": list_url,
        }

    return [
        money_tile(
            _("Invested this quarter to date") if to_date else _("Invested this quarter"),
            "invested_quarter",
            "invested_quarter",
        ),
        money_tile(_("Invested in total"), "invested_total", "invested_total"),
        money_tile(
            _("Realised benefits this quarter to date")
            if to_date
            else _("Realised benefits this quarter"),
            "benefits_quarter",
            "benefits_quarter",
        ),
        money_tile(_("Net benefit in total"), "net_total", "net_total"),
        {
            "label": _("ROI this quarter"),
            "value": fmt.percent(s["roi_quarter"]),
            "definition": str(definitions["roi"].definition),
        },
        {
            "label": _("ROI in total"),
            "value": fmt.percent(s["roi_total"]),
            "definition": str(definitions["roi"].definition),
        },
    ]


def kpi_tiles(snapshot: dict[str, Any], definitions: dict[str, Any], fmt: Formats) -> list[Tile]:
    """KPIs on track, at risk, off track and without a measurement."""
    tracks, definition = snapshot["kpi_tracks"], str(definitions["kpi_track"].definition)
    return [
        {"label": _("On track"), "value": fmt.number(tracks["on_track"]), "tone": "good",
         "definition": definition},
        {"label": _("At risk"), "value": fmt.number(tracks["at_risk"]), "tone": "warn",
         "definition": definition},
        {"label": _("Off track"), "value": fmt.number(tracks["off_track"]), "tone": "bad",
         "definition": definition},
        {"label": _("No measurement"), "value": fmt.number(tracks["no_data"])},
    ]  # fmt: skip


def scaling_tiles(
    snapshot: dict[str, Any], definitions: dict[str, Any], fmt: Formats, *, sees_money: bool
) -> list[Tile]:
    """Breadth, diversity and (for those who see money) impact."""
    sc = snapshot["scaling"]
    tiles: list[Tile] = [
        {
            "label": _("Breadth"),
            "value": _of(sc["breadth"]["departments_using"], sc["breadth"]["departments"]),
            "hint": str(definitions["breadth"].definition),
        },
        {
            "label": _("Diversity"),
            "value": fmt.number(sc["diversity"]),
            "hint": str(definitions["diversity"].definition),
            "url": reverse("initiatives:initiative-list") + "?stage=production",
        },
    ]
    if sees_money:
        benefits = snapshot["summary"]["benefits_quarter"]
        tiles.append(
            {
                "label": _("Impact"),
                "value": fmt.money_compact(benefits),
                "exact": fmt.money(benefits),
                "hint": _("realised benefits this quarter"),
            }
        )
    return tiles


def governance_tiles(
    snapshot: dict[str, Any], definitions: dict[str, Any], fmt: Formats, *, high_risk_url: str
) -> list[Tile]:
    """Register coverage, high-risk systems, overdue reviews and open high risks."""
    g = snapshot["governance"]
    coverage = g["register_coverage"]
    return [
        {
            "label": _("Register coverage"),
            "value": _of(coverage["registered"], coverage["initiatives"]),
            "definition": str(definitions["register_coverage"].definition),
            "url": reverse("governance:system-list"),
        },
        {
            "label": _("High-risk systems"),
            "value": fmt.number(g["high_risk_systems"]),
            "definition": str(definitions["high_risk_systems"].definition),
            "url": high_risk_url,
            "tone": "warn",
        },
        {
            "label": _("Overdue reviews"),
            "value": fmt.number(g["overdue_reviews"]),
            "definition": str(definitions["overdue_reviews"].definition),
            "url": reverse("governance:review-list") + "?state=overdue",
            "tone": "bad",
        },
        {
            "label": _("Open high risks"),
            "value": fmt.number(g["open_high_risks"]),
            "definition": str(definitions["open_high_risks"].definition),
            "url": reverse("governance:risk-list")
            + "?band=high_or_critical&status=open&status=mitigating",
            "tone": "bad",
        },
    ]


def _badge(verdict: str) -> str:
    return {"paid_off": " badge--good", "on_track": " badge--warn"}.get(verdict, " badge--bad")


def _join(template: str, rows: Iterable[tuple[Any, ...]], separator: str = "") -> SafeString:
    """format_html_join with the escaping inlined: the same escaped HTML (Django's escape is
    html.escape), without a format_html call and a SafeString per row."""
    return mark_safe(
        separator.join(
            template.format(
                *(
                    value if isinstance(value, SafeData) else html.escape(str(value))
                    for value in row
                )
            )
            for row in rows
        )
    )


def table_html(rows: dict[str, list[dict[str, Any]]], *, verdict_title: str) -> dict[str, str]:
    """The rows of the panels' tables and lists as escaped HTML, one join per table: the
    department tables alone are eighty rows, too many for a template loop on every first view
    after a change."""
    off_track = format_html(' <span class="badge badge--bad">{}</span>', _("Off track"))
    plan = _("plan")
    return {
        "funnel_side": _join(
            '{}: <a href="{}">{}</a>',
            ((row["label"], row["url"], row["count_text"]) for row in rows["funnel"]
             if not row["forward"]),
            " · ",
        ),
        "funnel": _join(
            '<tr><td>{}</td><td class="num"><a href="{}">{}</a></td></tr>',
            ((row["label"], row["url"], row["count_text"]) for row in rows["funnel"]),
        ),
        "quarters": _join(
            '<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>',
            ((q["label"], q["costs"], q["benefits"]) for q in rows["quarters"]),
        ),
        "top": _join(
            '<tr><td><a href="{}">{}</a></td><td class="num">{}</td><td class="num">{}</td>'
            '<td><span class="badge{}" title="{}">{}</span></td></tr>',
            ((row["url"], row["title"], row["net"], row["roi"], _badge(row["verdict"]),
              verdict_title, row["verdict_label"]) for row in rows["top"]),
        ),
        "departments": _join(
            '<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>',
            ((dep["name"], dep["net"], dep["roi"]) for dep in rows["departments"]),
        ),
        "kpis": _join(
            '<li><a href="{}">{}</a>: {} {} ({} {}){}</li>',
            ((kpi["url"], kpi["name"], kpi["latest"], kpi["unit"], plan, kpi["planned"],
              off_track if kpi["track"] == "off_track" else "") for kpi in rows["kpis"]),
        ),
        "scaling": _join(
            '<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>',
            ((dep["name"], dep["active_users"], dep["depth"], dep["trend"])
             for dep in rows["scaling"]),
        ),
    }  # fmt: skip


def table_rows(
    snapshot: dict[str, Any],
    funnel: list[FunnelStage],
    attention: list[dict[str, Any]],
    fmt: Formats,
) -> dict[str, list[dict[str, Any]]]:
    """The panels' tables with their figures formatted, so the template only places text."""
    detail_url = reverse("initiatives:initiative-detail", args=[0]).replace("/0/", "/{}/")
    # Each label translated once, not once per row.
    trends = {trend.value: trend_label(trend.value) for trend in Trend}
    verdicts = {verdict.value: verdict_label(verdict.value) for verdict in Verdict}
    return {
        "funnel": [{**row, "count_text": fmt.number(row["count"])} for row in funnel],
        "quarters": [
            {"label": q["label"], "costs": fmt.money(q["costs"]),
             "benefits": fmt.money(q["benefits"])}
            for q in snapshot["quarters"]
        ],
        "top": [
            {"url": detail_url.format(row["id"]), "title": row["title"],
             "net": fmt.money(row["cumulative"]["net"]),
             "roi": fmt.percent(row["cumulative"]["roi"]), "verdict": row["verdict"],
             "verdict_label": verdicts.get(row["verdict"], row["verdict"])}
            for row in snapshot["top"]
        ],
        "departments": [
            {"name": dep["name"], "net": fmt.money(dep["net"]), "roi": fmt.percent(dep["roi"])}
            for dep in snapshot["departments"]
        ],
        "kpis": [
            {**kpi, "latest": fmt.number(kpi["latest_value"]),
             "planned": fmt.number(kpi["planned_value"])}
            for kpi in attention
        ],
        "scaling": [
            {"name": dep["name"], "active_users": fmt.number(dep["active_users"]),
             "depth": fmt.percent(dep["depth_percent"]), "trend": trends[dep["trend"]]}
            for dep in snapshot["scaling"]["departments"]
        ],
    }  # fmt: skip
