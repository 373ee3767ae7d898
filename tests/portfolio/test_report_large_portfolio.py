"""The quarterly PDF of a large portfolio: a limited appendix whose columns still add up.

Beyond PORTFOLIO_REPORT_APPENDIX_ROWS the appendix lists the largest investments; its totals
table shows the listed ones, all the others together and every initiative, so a reader can add
each column up. The department chart stops growing before it would run off its page.
"""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from core import formatting
from core.money import ZERO
from portfolio.figures import build_snapshot
from portfolio.reports import charts, layout
from portfolio.reports.pdf import department_chart_height, render_report
from tests.factories.accounts import UserFactory
from tests.portfolio.report_data import build_report_portfolio

pytestmark = pytest.mark.django_db

MM_PER_PIXEL = 180 / 900  # the chart's 900 px across the 180 mm between the portrait margins
PAGE_BODY_MM = 297 - 20 - 18  # A4 less the top and bottom margins of the report


def _current_quarter() -> tuple[int, int]:
    from django.utils import timezone

    today = timezone.localdate()
    return today.year, (today.month - 1) // 3 + 1


def _money(value: Decimal) -> str:
    return formatting.money(value, language="en", currency="EUR")


def _row(number: int, costs: str, q_costs: str, benefits: str) -> dict[str, object]:
    cumulative_net = Decimal(benefits) - Decimal(costs)
    return {
        "id": number,
        "title": f"Initiative {number}",
        "quarter": {
            "costs": q_costs,
            "benefits": "10.00",
            "net": str(Decimal("10.00") - Decimal(q_costs)),
        },
        "cumulative": {"costs": costs, "benefits": benefits, "net": str(cumulative_net)},
    }


def test_beyond_the_limit_the_largest_are_listed_and_listed_plus_others_are_the_totals(settings):
    settings.PORTFOLIO_REPORT_APPENDIX_ROWS = 2
    rows = [
        _row(1, "100.00", "1.00", "50.00"),
        _row(2, "900.00", "2.00", "1000.00"),
        _row(3, "300.00", "3.00", "0.00"),
        _row(4, "700.00", "4.00", "200.50"),
    ]
    appendix = layout.appendix(rows)
    # The two largest investments, kept in the order the snapshot lists them.
    assert [row["id"] for row in appendix["rows"]] == [2, 4]
    assert (appendix["count"], appendix["hidden"]) == (4, 2)
    assert appendix["others"] == {
        "quarter_costs": Decimal("4.00"),
        "quarter_benefits": Decimal("20.00"),
        "costs": Decimal("400.00"),
        "benefits": Decimal("50.00"),
        "net": Decimal("-350.00"),
        "roi": Decimal("-87.5"),
    }
    assert appendix["totals"]["costs"] == Decimal("2000.00")
    assert appendix["totals"]["net"] == Decimal("-749.50")
    for column, section, key in (
        ("quarter_costs", "quarter", "costs"),
        ("quarter_benefits", "quarter", "benefits"),
        ("costs", "cumulative", "costs"),
        ("benefits", "cumulative", "benefits"),
        ("net", "cumulative", "net"),
    ):
        listed = sum((Decimal(row[section][key]) for row in appendix["rows"]), ZERO)
        assert listed == appendix["listed"][column], column
        assert listed + appendix["others"][column] == appendix["totals"][column], column


def test_within_the_limit_every_initiative_is_listed(settings):
    settings.PORTFOLIO_REPORT_APPENDIX_ROWS = 4
    rows = [_row(n, f"{n}00.00", "1.00", "0.00") for n in range(1, 5)]
    appendix = layout.appendix(rows)
    assert [row["id"] for row in appendix["rows"]] == [1, 2, 3, 4]
    assert appendix["hidden"] == 0
    assert appendix["others"]["costs"] == ZERO


def test_the_department_chart_of_forty_departments_fits_on_one_page_below_its_heading():
    assert department_chart_height(3) == 220
    assert department_chart_height(12) == 540
    tallest = department_chart_height(40)
    assert tallest == 1100
    # 220 mm of chart leaves room for the section heading on a 259 mm page body.
    assert tallest * MM_PER_PIXEL <= PAGE_BODY_MM - 30
    assert department_chart_height(400) == tallest


def test_the_pdf_of_a_portfolio_beyond_the_limit_lists_the_largest_and_totals_every_one(
    settings, monkeypatch, tmp_path: Path
):
    settings.PORTFOLIO_REPORT_APPENDIX_ROWS = 5
    monkeypatch.setattr(layout, "ROWS_PER_VERDICT", 2)
    build_report_portfolio(12, UserFactory())
    year, quarter = _current_quarter()
    snapshot = build_snapshot(year=year, quarter=quarter)
    context = {
        "snapshot": snapshot,
        "report": type("R", (), {"version": 1})(),
        "generated_by": "Large portfolio test",
    }
    rendered = render_report(context)
    path = tmp_path / "report.pdf"
    path.write_bytes(rendered.pdf)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    rows = snapshot["initiatives"]
    assert len(rows) == 12
    largest = sorted(rows, key=lambda r: Decimal(r["cumulative"]["costs"]), reverse=True)
    others = largest[5:]
    others_costs = sum((Decimal(r["cumulative"]["costs"]) for r in others), ZERO)
    others_net = sum((Decimal(r["cumulative"]["net"]) for r in others), ZERO)
    others_quarter = sum((Decimal(r["quarter"]["costs"]) for r in others), ZERO)
    all_costs = sum((Decimal(r["cumulative"]["costs"]) for r in rows), ZERO)
    assert "The 5 largest of 12 initiatives by cumulative costs." in text
    # The verdict sections no longer promise that the appendix lists every initiative.
    assert "the CSV of this version every initiative." in text
    assert "the appendix lists every initiative." not in text
    assert "The 5 listed above" in text
    assert "The other 7, together" in text
    assert "All 12 initiatives" in text
    assert _money(others_costs) in text
    assert _money(others_net) in text
    assert _money(others_quarter) in text
    assert "Totals of all 12 initiatives" in text
    assert _money(all_costs) in text
    # The listed rows are the five largest investments: their exact costs stand in the table.
    for row in largest[:5]:
        assert _money(Decimal(row["cumulative"]["costs"])) in text
    assert _money(Decimal(largest[5]["cumulative"]["costs"])) not in text


def test_charts_are_drawn_with_the_dashboards_small_bundle_of_the_same_plotly_version():
    from plotly.offline import get_plotlyjs_version

    bundle = charts._plotly_bundle()
    assert bundle is not None
    assert bundle.endswith("vendor/plotly/plotly-cartesian.min.js")
    # The SVG is the full bundle's only while both are the same plotly.js release.
    assert (
        f"plotly.js (cartesian - minified) v{get_plotlyjs_version()}"
        in Path(bundle).read_text()[:200]
    )
