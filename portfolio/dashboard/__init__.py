"""The leadership dashboard: every portfolio view of DESIGN.md on one page, filtered together."""

from portfolio.dashboard.views import dashboard_view

__all__ = ["dashboard_view"]
