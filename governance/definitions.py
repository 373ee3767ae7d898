"""The register figures governance owns, each with its one definition."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.figures import FigureDefinition, figure_book

_STATUS = "governance.selectors.register_status"

FIGURES = figure_book(
    FigureDefinition(
        "register_coverage",
        _("Register coverage"),
        _(
            "Initiatives in pilot, scaling or production that have an entry of our own in the AI "
            "register, of all initiatives in those stages."
        ),
        _STATUS,
    ),
    FigureDefinition(
        "systems",
        _("AI systems"),
        _(
            "Our own register entries that are not retired; reference entries imported from "
            "public inventories count only once adopted."
        ),
        _STATUS,
    ),
    FigureDefinition(
        "high_risk_systems",
        _("High-risk systems"),
        _("Our own register entries, not retired, classified high-risk under the EU AI Act."),
        _STATUS,
    ),
    FigureDefinition(
        "unclassified_systems",
        _("Systems not yet classified"),
        _(
            "Our own register entries, not retired, whose EU AI Act questionnaire is not "
            "complete; reference entries imported from public inventories are not counted."
        ),
        _STATUS,
    ),
    FigureDefinition(
        "overdue_reviews",
        _("Overdue reviews"),
        _("Reviews not completed whose due date is before today (or the quarter's end)."),
        _STATUS,
    ),
    FigureDefinition(
        "open_high_risks",
        _("Open high risks"),
        _("Risks open or being mitigated whose score (likelihood × impact) is high or critical."),
        "governance.selectors.open_high_risk_list",
    ),
)
