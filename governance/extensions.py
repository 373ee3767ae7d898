"""What the register adds to initiative pages: panels of linked AI systems and of the estate
the initiative depends on, and gate evidence."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.extensions import (
    FeasibilityNote,
    GateEvidence,
    InitiativePanel,
    OptionalReadinessItem,
    register_feasibility_notes,
    register_gate_evidence,
    register_initiative_panel,
    register_optional_readiness_item,
)
from governance import estate_selectors, literacy_selectors, rules, vendor_selectors
from governance.choices import ApprovalStatus
from governance.models import AISystem, Risk
from governance.selectors import ai_system_list, open_high_risk_list


def _panel_context(request: Any, initiative: Any) -> dict[str, Any] | None:
    """The register entries linked to the initiative that this person may see."""
    systems = list(
        ai_system_list(user=request.user).filter(initiatives=initiative).order_by("name")
    )
    return {"linked_systems": systems}


def _estate_panel_context(request: Any, initiative: Any) -> dict[str, Any] | None:
    """The IT systems and data sources the initiative depends on, weakest first."""
    dependencies = estate_selectors.initiative_dependencies(
        initiative=initiative, user=request.user
    )
    return {
        "it_systems": dependencies.it_systems,
        "data_sources": dependencies.data_sources,
        "initiative": initiative,
    }


def _feasibility_notes(request: Any, initiative: Any) -> list[FeasibilityNote]:
    """The weakest IT system and data source the initiative builds on, as the priority's reason."""
    dependencies = estate_selectors.initiative_dependencies(
        initiative=initiative, user=request.user
    )
    notes = []
    if dependencies.it_systems:
        system = dependencies.it_systems[0]
        notes.append(
            FeasibilityNote(
                text=_("Depends on %(name)s, readiness %(n)s – %(label)s")
                % {
                    "name": system.name,
                    "n": system.readiness,
                    "label": system.get_readiness_display(),
                },
                tone=_rating_tone(system.readiness),
                url=reverse("governance:it-system-detail", args=[system.pk]),
            )
        )
    if dependencies.data_sources:
        source = dependencies.data_sources[0]
        notes.append(
            FeasibilityNote(
                text=_("Depends on %(name)s, data quality %(n)s – %(label)s")
                % {"name": source.name, "n": source.quality, "label": source.get_quality_display()},
                tone=_rating_tone(source.quality),
                url=reverse("governance:data-source-detail", args=[source.pk]),
            )
        )
    return notes


def _rating_tone(rating: int) -> str:
    # 4 and 5 suit early AI integration; 3 needs work; 1 and 2 hold the initiative back.
    return "good" if rating >= 4 else "warn" if rating == 3 else "bad"


def _vendor_panel_context(request: Any, initiative: Any) -> dict[str, Any] | None:
    """The vendor evaluations of the use case, with their status and choice."""
    return {
        "evaluations": vendor_selectors.initiative_evaluations(
            initiative=initiative, user=request.user
        ),
        "initiative": initiative,
        "can_edit": rules.can_edit_vendors(request.user),
    }


def open_high_risks(initiative: Any) -> GateEvidence:
    """Open risks scoring high or critical on the systems the initiative uses."""
    count = open_high_risk_list(risks=Risk.objects.filter(system__initiatives=initiative)).count()
    return GateEvidence(
        label=gettext_lazy("Open high risks"),
        value=str(count),
        tone="bad" if count else "good",
        detail=ngettext(
            "%(n)s open risk scores high or critical.",
            "%(n)s open risks score high or critical.",
            count,
        )
        % {"n": count},
        url=reverse("governance:risk-list") + "?status=open&status=mitigating&band=high",
        data={"slot": "open_high_risks", "count": count},
    )


def register_approval(initiative: Any) -> GateEvidence:
    """Whether every AI system the initiative uses is approved in the register."""
    totals = AISystem.objects.filter(initiatives=initiative).aggregate(
        total=Count("pk"),
        approved=Count("pk", filter=Q(approval_status=ApprovalStatus.APPROVED)),
    )
    total, approved = totals["total"], totals["approved"]
    if not total:
        value, tone = _("No register entry"), "warn"
    elif approved == total:
        value, tone = _("Approved"), "good"
    else:
        value, tone = _("%(approved)s of %(total)s approved") % totals, "bad"
    return GateEvidence(
        label=gettext_lazy("AI register approval"),
        value=value,
        tone=tone,
        url=reverse("governance:system-list") + f"?initiative={initiative.pk}",
        data={"slot": "register_approval", "total": total, "approved": approved},
    )


def ai_literacy_recorded(initiative: Any) -> OptionalReadinessItem:
    """AI literacy (EU AI Act Art. 4) of the systems the initiative uses: done when every one of
    them has its users recorded and each user took part in a current measure for it.

    Optional on the checklist: an initiative can be ready to scale before the training is
    recorded, but the decider should see how far it is.
    """
    systems = AISystem.objects.filter(initiatives=initiative)
    ids = list(systems.order_by().values_list("pk", flat=True))
    coverage = literacy_selectors.coverage_by_system(systems, today=timezone.localdate())
    trained = sum(c.trained for c in coverage.values())
    users = sum(c.users for c in coverage.values())
    without_users = sum(1 for pk in ids if pk not in coverage or not coverage[pk].users)
    complete = bool(ids) and all(pk in coverage and coverage[pk].complete for pk in ids)
    if not ids:
        value = _("No AI system linked")
    elif not users:
        value = _("No users recorded")
    else:
        value = ngettext(
            "%(trained)s of %(counter)s user trained",
            "%(trained)s of %(counter)s users trained",
            users,
        ) % {"trained": trained, "counter": users}
    detail = (
        ngettext(
            "%(n)s AI system has no users recorded.",
            "%(n)s AI systems have no users recorded.",
            without_users,
        )
        % {"n": without_users}
        if ids and without_users
        else ""
    )
    return OptionalReadinessItem(
        key="ai_literacy",
        label=gettext_lazy("AI literacy recorded"),
        status="done" if complete else "in_progress" if trained else "not_started",
        value=value,
        detail=detail,
        data={"systems": len(ids), "users": users, "trained": trained},
    )


def register() -> None:
    """Hook the register into the initiatives app (called from AppConfig.ready)."""
    register_initiative_panel(
        InitiativePanel(
            key="ai_systems",
            order=30,
            template_name="governance/partials/initiative_panel.html",
            context=_panel_context,
        )
    )
    # The feasibility of an initiative turns on what it builds on: the weakest of it is named
    # where the priority is explained, the whole list in this panel.
    register_initiative_panel(
        InitiativePanel(
            key="estate",
            order=35,
            template_name="governance/partials/estate_panel.html",
            context=_estate_panel_context,
        )
    )
    register_initiative_panel(
        InitiativePanel(
            key="vendor_evaluations",
            order=37,
            template_name="governance/partials/vendor_panel.html",
            context=_vendor_panel_context,
        )
    )
    register_gate_evidence("open_high_risks", open_high_risks)
    register_gate_evidence("register_approval", register_approval)
    register_optional_readiness_item("ai_literacy", ai_literacy_recorded)
    register_feasibility_notes("estate", _feasibility_notes)
