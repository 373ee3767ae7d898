"""The money, KPI and scaling figures metrics owns, each with its one definition (DESIGN.md §3)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.figures import FigureDefinition, figure_book

_REPORTING = "metrics.selectors.reporting"

FIGURES = figure_book(
    FigureDefinition(
        "invested_quarter",
        _("Invested this quarter"),
        _(
            "Costs of the quarter: one-time costs dated in it, recurring costs pro rata by days "
            "covered; in the current quarter only up to today."
        ),
        _REPORTING,
    ),
    FigureDefinition(
        "invested_year",
        _("Invested this year"),
        _("Costs from 1 January to the end of the quarter (to today in the current quarter)."),
        _REPORTING,
    ),
    FigureDefinition(
        "invested_total",
        _("Invested in total"),
        _("Costs from each initiative's first cost or benefit to the end of the quarter."),
        _REPORTING,
    ),
    FigureDefinition(
        "benefits_quarter",
        _("Realised benefits this quarter"),
        _(
            "Direct benefits dated in the quarter plus KPI improvements valued in money, from the "
            "measurements logged; a worsening counts negative."
        ),
        _REPORTING,
    ),
    FigureDefinition(
        "benefits_year",
        _("Realised benefits this year"),
        _("Realised benefits from 1 January to the end of the quarter."),
        _REPORTING,
    ),
    FigureDefinition(
        "benefits_total",
        _("Realised benefits in total"),
        _("Realised benefits from each initiative's start to the end of the quarter."),
        _REPORTING,
    ),
    FigureDefinition(
        "net_total",
        _("Net benefit in total"),
        _("Realised benefits in total minus invested in total."),
        _REPORTING,
    ),
    FigureDefinition(
        "roi",
        _("ROI"),
        _("(Benefits − costs) ÷ costs × 100 %, with one decimal; “—” when there are no costs."),
        "core.money.roi_percent",
    ),
    FigureDefinition(
        "planned_benefits",
        _("Planned benefits"),
        _(
            "Benefits if every KPI reached its target on its target date, rising linearly from "
            "its baseline; may look ahead to the end of the quarter."
        ),
        _REPORTING,
    ),
    FigureDefinition(
        "payback_month",
        _("Payback month"),
        _("The first month whose cumulative benefits reach its cumulative costs."),
        "metrics.domain.roi.payback_month",
    ),
    FigureDefinition(
        "verdict",
        _("Verdict"),
        _(
            # xgettext:no-python-format  ("90 % or" is a percentage, not a format)
            "Paid off: cumulative benefits reach cumulative costs. On track: at least 90 % of the "
            "planned benefits and no KPI off track. Otherwise needs adjustment, with the reasons."
        ),
        "metrics.domain.progress.judge_investment",
    ),
    FigureDefinition(
        "kpi_track",
        _("KPI progress"),
        _(
            # xgettext:no-python-format  ("90 % or" is a percentage, not a format)
            "The latest measurement's improvement on the baseline against the improvement planned "
            "for its date: on track at 90 % or more, at risk at 50 % or more, else off track."
        ),
        "metrics.domain.progress.kpi_track",
    ),
    FigureDefinition(
        "breadth",
        _("Breadth"),
        _(
            "Departments with at least one initiative in pilot, scaling or production, of all "
            "departments."
        ),
        "metrics.domain.scaling",
    ),
    FigureDefinition(
        "depth",
        _("Depth"),
        _("Monthly active users ÷ headcount, per department."),
        "metrics.domain.scaling",
    ),
    FigureDefinition(
        "diversity",
        _("Diversity"),
        _("Distinct initiatives in production."),
        "metrics.domain.scaling",
    ),
    FigureDefinition(
        "sustainability",
        _("Sustainability"),
        _(
            "The trend of active users over the last three months: growing, flat within ±5 %, "
            "or declining."
        ),
        "metrics.domain.scaling",
    ),
)
