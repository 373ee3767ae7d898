"""The navigation: each role sees its own work, declared in one list."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portfolio.lib.roles import Cap, capabilities


@dataclass(frozen=True)
class NavItem:
    """A navigation entry shown to people holding the capability."""

    label: str | Promise
    url_name: str
    cap: Cap


NAVIGATION: tuple[NavItem, ...] = (
    NavItem(_("Home"), "home", Cap.VIEW_PORTFOLIO),
    NavItem(_("Departments"), "initiatives:department-list", Cap.VIEW_PORTFOLIO),
    NavItem(_("Administration"), "admin:index", Cap.ADMINISTER),
)


@dataclass(frozen=True)
class NavLink:
    """A resolved navigation entry."""

    label: str | Promise
    url: str
    active: bool


def navigation_for(user: object, current_path: str) -> list[NavLink]:
    """Return the entries this user may use, marking the one for the current page."""
    caps = capabilities(user)  # type: ignore[arg-type]
    links: list[NavLink] = []
    for item in NAVIGATION:
        if item.cap not in caps:
            continue
        url = reverse(item.url_name)
        active = current_path == url if url == "/" else current_path.startswith(url)
        links.append(NavLink(item.label, url, active))
    return links
