"""The navigation: each role sees its own work, declared in one list."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.roles import Cap, capabilities


@dataclass(frozen=True)
class NavItem:
    """A navigation entry shown to people holding the capability."""

    label: str | Promise
    url_name: str
    cap: Cap


NAVIGATION: tuple[NavItem, ...] = (
    NavItem(_("Home"), "home", Cap.VIEW_PORTFOLIO),
    NavItem(_("Dashboard"), "dashboard", Cap.VIEW_DASHBOARD),
    NavItem(_("Portfolio"), "initiatives:initiative-list", Cap.VIEW_PORTFOLIO),
    NavItem(_("Propose a use case"), "initiatives:initiative-create", Cap.PROPOSE_INITIATIVE),
    NavItem(_("Gate queue"), "initiatives:gate-queue", Cap.DECIDE_GATES),
    NavItem(_("Departments"), "initiatives:department-list", Cap.VIEW_PORTFOLIO),
    NavItem(_("AI register"), "governance:system-list", Cap.VIEW_REGISTER),
    NavItem(_("IT estate"), "governance:estate", Cap.VIEW_REGISTER),
    NavItem(_("Vendors"), "governance:vendor-list", Cap.VIEW_REGISTER),
    NavItem(_("Competence map"), "people:competence-map", Cap.VIEW_PORTFOLIO),
    NavItem(_("Training costs"), "metrics:training-costs", Cap.EDIT_FINANCIALS),
    NavItem(_("Costs & benefits"), "metrics:financial-overview", Cap.VIEW_FINANCIALS),
    NavItem(_("Adoption"), "metrics:adoption", Cap.VIEW_PORTFOLIO),
    NavItem(_("Import measurements"), "metrics:measurement-import", Cap.LOG_MEASUREMENTS),
    NavItem(_("Reports"), "reports:report-list", Cap.DOWNLOAD_REPORTS),
    NavItem(_("Administration"), "admin:index", Cap.ADMINISTER),
)


@dataclass(frozen=True)
class NavLink:
    """A resolved navigation entry."""

    label: str | Promise
    url: str
    active: bool


def navigation_for(user: object, current_path: str) -> list[NavLink]:
    """Return the entries this user may use, marking the one that best matches the page."""
    caps = capabilities(user)  # type: ignore[arg-type]
    entries = [(item.label, reverse(item.url_name)) for item in NAVIGATION if item.cap in caps]
    matching = [url for _label, url in entries if current_path.startswith(url) and url != "/"]
    best = max(matching, key=len) if matching else ("/" if current_path == "/" else "")
    return [NavLink(label, url, url == best) for label, url in entries]
