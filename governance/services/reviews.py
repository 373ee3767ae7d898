"""Writes of reviews: scheduling by cadence, completing with evidence, and the daily reminders.

Reminders are claimed per review with SELECT … FOR UPDATE and the stages re-read inside the lock,
so two reminder runs at once (two beat instances, a manual run) never mail the same stage twice.
The mail is sent inside the transaction that records the stage: if recording fails, the stage
stays unhandled and is retried the next day, which is better than a stage never sent.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Mapping
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from core.exceptions import require
from core.history import as_actor
from governance import events as governance_events
from governance import rules
from governance.choices import ReviewKind, RiskClass
from governance.domain import reviews as review_domain
from governance.models import AISystem, Review
from governance.selectors import cadence_months_for
from governance.services.systems import ApprovalConflict

logger = logging.getLogger(__name__)

REVIEW_FIELDS = ("kind", "due_date", "owner", "findings")
COMPLETE_FIELDS = ("completed_on", "outcome", "findings", "evidence")

_STAGE_SUBJECTS = {
    review_domain.ReminderStage.DAYS_30_BEFORE: gettext_lazy("Review due in 30 days: %(review)s"),
    review_domain.ReminderStage.DAYS_7_BEFORE: gettext_lazy("Review due in 7 days: %(review)s"),
    review_domain.ReminderStage.DUE: gettext_lazy("Review due today: %(review)s"),
    review_domain.ReminderStage.OVERDUE_7: gettext_lazy("Review overdue by 7 days: %(review)s"),
    review_domain.ReminderStage.OVERDUE_30: gettext_lazy("Review overdue by 30 days: %(review)s"),
}


def _save(review: Review, actor: Any) -> None:
    review.full_clean(exclude=["system"])
    as_actor(review, actor).save()


@transaction.atomic
def review_create(*, actor: Any, system: AISystem, data: Mapping[str, Any]) -> Review:
    """Plan a review; without a due date it is due by the cadence of the system's class."""
    require(rules.can_edit_system(actor, system), str(rules.EDITORS_ONLY))
    review = Review(system=system)
    for name in REVIEW_FIELDS:
        if name in data:
            setattr(review, name, data[name])
    if not review.due_date:
        months = cadence_months_for(system.risk_class, review.kind)
        if months is None:
            raise ValidationError(
                {
                    "due_date": [
                        _("This kind of review is not scheduled for the class; give a date.")
                    ]
                }
            )
        review.due_date = review_domain.add_months(timezone.localdate(), months)
    if review.owner is None:
        review.owner = system.owner
    _save(review, actor)
    return review


@transaction.atomic
def review_update(*, actor: Any, review: Review, data: Mapping[str, Any]) -> Review:
    """Change a review's plan; a new due date starts its reminders afresh."""
    require(rules.can_edit_review(actor, review), str(rules.EDITORS_ONLY))
    review = Review.objects.select_for_update().get(pk=review.pk)
    old_due = review.due_date
    for name in REVIEW_FIELDS + COMPLETE_FIELDS:
        if name in data:
            setattr(review, name, data[name])
    if review.due_date != old_due:
        review.reminders_sent = []
    _save(review, actor)
    return review


@transaction.atomic
def review_complete(*, actor: Any, review: Review, data: Mapping[str, Any]) -> Review:
    """Record the outcome of a review and schedule the next one of its kind by cadence."""
    require(rules.can_edit_review(actor, review), str(rules.EDITORS_ONLY))
    review = Review.objects.select_for_update().select_related("system").get(pk=review.pk)
    if review.completed_on is not None:
        raise ApprovalConflict(_("This review is already completed."))
    for name in COMPLETE_FIELDS:
        if name in data and data[name] is not None:
            setattr(review, name, data[name])
    errors = {}
    if not review.completed_on:
        errors["completed_on"] = [_("Say when the review was completed.")]
    if not review.outcome:
        errors["outcome"] = [_("Give the outcome.")]
    if errors:
        raise ValidationError(errors)
    _save(review, actor)
    system = review.system
    months = cadence_months_for(system.risk_class, review.kind)
    if months is not None and months > 0:
        _schedule(
            actor=actor,
            system=system,
            kind=review.kind,
            # Checked above; mypy still narrows it to None from the check before the setattr loop.
            due=review_domain.add_months(cast(datetime.date, review.completed_on), months),
            owner=review.owner,
        )
    return review


def _schedule(*, actor: Any, system: AISystem, kind: str, due: datetime.date, owner: Any) -> Review:
    review = Review(system=system, kind=kind, due_date=due, owner=owner or system.owner)
    _save(review, actor)
    return review


def review_schedule_for(*, actor: Any, system: AISystem) -> list[Review]:
    """Make sure every kind of review the class calls for has an open review planned."""
    if system.risk_class == RiskClass.UNCLASSIFIED:
        return []
    open_kinds = set(
        system.reviews.filter(completed_on__isnull=True).values_list("kind", flat=True)
    )
    registered_on = timezone.localdate(system.created_at) if system.created_at else None
    created = []
    for kind in ReviewKind.values:
        if kind in open_kinds:
            continue
        months = cadence_months_for(system.risk_class, kind)
        last = (
            system.reviews.filter(kind=kind, completed_on__isnull=False)
            .order_by("-completed_on")
            .values_list("completed_on", flat=True)
            .first()
        )
        due = review_domain.next_due_date(
            last_completed=last,
            cadence=months,
            registered_on=registered_on or timezone.localdate(),
        )
        if due is not None:
            created.append(_schedule(actor=actor, system=system, kind=kind, due=due, owner=None))
    return created


def _reminder_mail(review: Review, stage: review_domain.ReminderStage) -> tuple[str, str]:
    """Subject and body of one reminder, in the installation's default language."""
    with override(settings.LANGUAGE_CODE):
        label = f"{review.get_kind_display()} · {review.system.name}"
        subject = str(_STAGE_SUBJECTS[stage]) % {"review": label}
        body = _(
            "The %(kind)s review of %(system)s is due on %(due)s.\n\n"
            "Record its outcome and evidence in the AI register: %(path)s\n"
        ) % {
            "kind": review.get_kind_display().lower(),
            "system": review.system.name,
            "due": review.due_date.isoformat(),
            "path": reverse("governance:review-detail", args=[review.pk]),
        }
    return subject, body


def _recipient(review: Review) -> str:
    person = review.owner or review.system.owner
    return (person.email if person is not None else "") or ""


def review_reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Mail and notify owners of open reviews once per review and reminder stage; safe to rerun."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(
        days=-review_domain.REMINDER_OFFSETS[review_domain.ReminderStage.DAYS_30_BEFORE]
    )
    candidates = list(
        Review.objects.filter(completed_on__isnull=True, due_date__lte=horizon).values_list(
            "pk", "due_date", "reminders_sent"
        )
    )
    sent = skipped = 0
    for pk, due, handled in candidates:
        if not review_domain.reminders_to_send(due, today, handled or []).handled:
            continue
        with transaction.atomic():
            review = (
                Review.objects.select_for_update(of=("self",))
                .select_related("system__owner", "owner")
                .filter(pk=pk, completed_on__isnull=True)
                .first()
            )
            if review is None:
                continue
            # Re-read inside the lock: another run may have handled the stage meanwhile.
            plan = review_domain.reminders_to_send(review.due_date, today, review.reminders_sent)
            if not plan.handled:
                continue
            recipient = _recipient(review)
            for stage in plan.send:
                # The in-app notice reaches the owner even without an e-mail address.
                governance_events.emit_review_reminder(review, stage)
                if not recipient:
                    logger.warning("review %s has no owner with an e-mail address", pk)
                    skipped += 1
                    continue
                subject, body = _reminder_mail(review, stage)
                send_mail(subject, body, None, [recipient])
                sent += 1
            skipped += len(plan.skipped)
            review.reminders_sent = [*review.reminders_sent, *(s.value for s in plan.handled)]
            Review.objects.filter(pk=pk).update(reminders_sent=review.reminders_sent)
    return {"reviews": len(candidates), "sent": sent, "skipped": skipped}
