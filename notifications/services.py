"""Writes of the notifications app: deliver events, mark read, preferences, e-mail, webhooks."""

from __future__ import annotations

import datetime
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.events import Delivery, Event, describe_event, event_kind_get, followable_get
from core.exceptions import require
from core.roles import ROLE_CAPABILITIES, ROLE_GROUP_NAMES, Cap, Role
from notifications import domain
from notifications.models import (
    DeliveryStatus,
    Notification,
    NotificationPreference,
    Subscription,
    Webhook,
    WebhookDelivery,
)
from notifications.selectors import (
    content_type_of,
    delivery_for,
    follower_ids,
    preference_map,
)
from notifications.validators import webhook_url_validate

logger = logging.getLogger(__name__)

# --- Delivering events ------------------------------------------------------------------------


def _enqueue(task_path: str, pk: int) -> Callable[[], None]:
    """A callback that queues a task by ID once the transaction commits, never failing the write."""

    def send() -> None:
        from notifications import tasks

        try:
            getattr(tasks, task_path).delay(pk)
        except Exception:  # a broker that is down must not turn a committed change into a 500
            logger.exception("could not queue %s(%s)", task_path, pk)

    return send


def notify(
    *,
    recipient_ids: Iterable[int],
    kind: str,
    key: str,
    params: Mapping[str, Any],
    target_url: str = "",
    deliveries: Mapping[int, str] | None = None,
) -> None:
    """Tell each person once: a second delivery of the same key to a person adds nothing.

    `deliveries` says how each person hears of it (their preference; in the app by default);
    those who want an e-mail at once get it from a job queued when the transaction commits.
    """
    deliveries = deliveries or {}
    rows = [
        Notification(
            recipient_id=pk,
            key=key,
            kind=kind,
            params=dict(params),
            target_url=target_url,
            delivery=deliveries.get(pk, Delivery.IN_APP),
        )
        for pk in sorted(set(recipient_ids))
        if deliveries.get(pk) != Delivery.OFF
    ]
    if not rows:
        return
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    mailed = [row.recipient_id for row in rows if row.delivery == Delivery.EMAIL]
    if mailed:
        pending = Notification.objects.filter(
            key=key, recipient_id__in=mailed, delivery=Delivery.EMAIL, emailed_at__isnull=True
        ).values_list("pk", flat=True)
        for pk in pending:
            transaction.on_commit(_enqueue("notification_email_send_task", pk))


def _holders(cap: Cap) -> Q:
    """Who holds a capability, as a condition on users (roles are groups; see core.roles)."""
    roles = [role for role, caps in ROLE_CAPABILITIES.items() if cap in caps]
    condition = Q(groups__name__in=[ROLE_GROUP_NAMES[role] for role in roles])
    if Role.ADMIN in roles:
        condition |= Q(is_superuser=True)
    return condition


def event_deliver(event: Event) -> None:
    """Turn an event (core.events) into notifications, e-mails and webhook posts."""
    named = set(event.recipient_ids) | follower_ids(subjects=event.subjects)
    condition = Q(pk__in=sorted(named))
    if event.recipient_cap is not None:
        condition |= _holders(event.recipient_cap)
    people = get_user_model().objects.filter(condition, is_active=True)
    if event.actor_id is not None and not event.notify_actor:
        people = people.exclude(pk=event.actor_id)
    recipient_ids = list(people.values_list("pk", flat=True).distinct())
    notify(
        recipient_ids=recipient_ids,
        kind=event.kind,
        key=event.key,
        params=event.params,
        target_url=event.target_url,
        deliveries=delivery_for(user_ids=recipient_ids, kind=event.kind),
    )
    webhook_deliveries_create(event=event)


def webhook_deliveries_create(*, event: Event) -> list[WebhookDelivery]:
    """Log one delivery per active webhook that listens to the event's kind; post after commit."""
    # Few webhooks exist; filtering their event lists here works on every database.
    hooks = [h for h in Webhook.objects.filter(is_active=True) if event.kind in h.event_kinds]
    created = []
    for hook in hooks:
        delivery, is_new = WebhookDelivery.objects.get_or_create(
            webhook=hook,
            key=event.key,
            defaults={
                "kind": event.kind,
                "params": dict(event.params),
                "target_url": event.target_url,
            },
        )
        if is_new:
            created.append(delivery)
            transaction.on_commit(_enqueue("webhook_delivery_send_task", delivery.pk))
    return created


# --- Reading ----------------------------------------------------------------------------------


@transaction.atomic
def notification_read(*, actor: Any, notification: Notification) -> Notification:
    """Mark one of the actor's notifications read (reading it again keeps the first time)."""
    require(notification.recipient_id == actor.pk, _("This notification is someone else's."))
    if notification.read_at is None:
        now = timezone.now()
        marked = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=now
        )
        if marked:
            notification.read_at = now
        else:  # read meanwhile in another tab: keep that time
            notification.refresh_from_db(fields=["read_at"])
    return notification


@transaction.atomic
def notifications_read_all(*, actor: Any) -> int:
    """Mark all of the actor's unread notifications read; returns how many were unread."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- Following --------------------------------------------------------------------------------


@transaction.atomic
def following_set(*, actor: Any, label: str, pk: Any, following: bool) -> Any:
    """Follow an object, or stop following it; returns the object.

    An object outside the actor's scope answers 404 like its own page. People follow what they
    own without a row, so only a choice that differs from ownership is stored.
    """
    followable = followable_get(label)
    if followable is None:
        raise ValidationError({"object_type": [_("Objects of this kind cannot be followed.")]})
    try:
        object_id = int(pk)
    except (TypeError, ValueError):
        raise ValidationError({"object_id": [_("Give the number of the object.")]}) from None
    obj = get_object_or_404(followable.visible(actor), pk=object_id)
    owns = getattr(obj, "owner_id", None) == actor.pk
    where = {"user": actor, "content_type": content_type_of(label), "object_id": obj.pk}
    if following == owns:
        Subscription.objects.filter(**where).delete()
    else:
        Subscription.objects.update_or_create(**where, defaults={"following": following})
    return obj


def subscriptions_forget(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Drop the follow choices of an object that was deleted."""
    Subscription.objects.filter(
        content_type=content_type_of(instance._meta.label_lower), object_id=instance.pk
    ).delete()


# --- Preferences ------------------------------------------------------------------------------


@transaction.atomic
def preferences_update(*, actor: Any, preferences: Mapping[str, str]) -> dict[str, str]:
    """Save how the actor hears of each kind named; a choice equal to the default stores nothing."""
    errors = {}
    for code, value in preferences.items():
        if event_kind_get(code) is None:
            errors[code] = [_("There is no such event.")]
        elif value not in Delivery.values:
            errors[code] = [_("“%(value)s” is not one of the choices.") % {"value": value}]
    if errors:
        raise ValidationError(errors)
    for code, value in preferences.items():
        kind = event_kind_get(code)
        assert kind is not None  # checked above
        if value == kind.default_delivery:
            NotificationPreference.objects.filter(user=actor, kind=code).delete()
        else:
            NotificationPreference.objects.update_or_create(
                user=actor, kind=code, defaults={"delivery": value}
            )
    return {code: str(value) for code, value in preference_map(user=actor).items()}


# --- E-mail -----------------------------------------------------------------------------------


def _language(user: Any) -> str:
    """The person's saved language if the accounts app keeps one, else the installation's."""
    saved = getattr(user, "language", "") or ""
    return saved if saved in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def absolute_url(path: str) -> str:
    """A link for outside the browser (e-mail, chat), on the installation's public address."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.PORTFOLIO_SITE_URL.rstrip("/") + path


def _opening_link(notification: Notification) -> str:
    """The link an e-mail gives for a notification: through the app, which marks it read and
    goes on to the page it points at (or the inbox when it points nowhere)."""
    if not notification.target_url:
        return absolute_url(reverse("notifications:notification-list"))
    return absolute_url(reverse("notifications:notification-open", args=[notification.pk]))


def _mail(user: Any, template: str, context: dict[str, Any], subject: str) -> None:
    context = {
        **context,
        "user": user,
        "language": translation.get_language(),
        "settings_url": absolute_url(reverse("notifications:preferences")),
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"notifications/email/{template}.txt", context),
        to=[user.email],
    )
    message.attach_alternative(
        render_to_string(f"notifications/email/{template}.html", context), "text/html"
    )
    message.send()


def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one notification at once; True if this call sent it (a second call sends nothing)."""
    notification = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, delivery=Delivery.EMAIL, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not notification.recipient.email:
        return False
    now = timezone.now()
    # The claim: of two workers running this at once, one updates the row and the other none.
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=now
    )
    if not claimed:
        return False
    user = notification.recipient
    try:
        with translation.override(_language(user)):
            sentence = notification.sentence
            _mail(
                user,
                "notification",
                {"sentence": sentence, "link": _opening_link(notification)},
                _("Portfolio: %(sentence)s") % {"sentence": _subject(sentence)},
            )
    except Exception:
        # Not sent: give the claim back so the retry can send it.
        Notification.objects.filter(pk=notification.pk, emailed_at=now).update(emailed_at=None)
        raise
    return True


def _subject(sentence: str, limit: int = 120) -> str:
    line = " ".join(sentence.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


DIGESTS = (Delivery.DIGEST, Delivery.WEEKLY)


def notification_digest_send(
    *, delivery: Delivery = Delivery.DIGEST, user_id: int | None = None
) -> dict[str, int]:
    """E-mail each person one digest of their unread notifications that wait for this cadence."""
    if delivery not in DIGESTS:
        raise ValueError(f"{delivery!r} is not a digest")
    # A notification keeps the delivery chosen when it happened, so the daily and the weekly
    # run never take each other's rows.
    due = Notification.objects.filter(
        delivery=delivery, emailed_at__isnull=True, read_at__isnull=True
    ).exclude(recipient__email="")
    if user_id is not None:
        due = due.filter(recipient_id=user_id)
    people = sorted(set(due.values_list("recipient_id", flat=True)))
    sent = failed = 0
    for pk in people:
        try:
            sent += _digest_one(pk, delivery)
        except Exception:
            logger.exception("%s digest for user %s not sent; it stays due", delivery, pk)
            failed += 1
    return {"people": len(people), "sent": sent, "failed": failed}


def _digest_subject(delivery: Delivery, count: int) -> str:
    """The subject line of a digest of `count` notifications, in the active language."""
    if delivery == Delivery.WEEKLY:
        return _("Portfolio: your weekly digest (%(count)d)") % {"count": count}
    return _("Portfolio: your daily digest (%(count)d)") % {"count": count}


def _digest_one(user_id: int, delivery: Delivery = Delivery.DIGEST) -> int:
    """Claim one person's due notifications and mail them; 0 if another run took them."""
    with transaction.atomic():
        # The claim: rows another run has locked are skipped, rows it has mailed are no longer
        # due; a failed send rolls the claim back so the next run mails them.
        rows = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(
                recipient_id=user_id,
                delivery=delivery,
                emailed_at__isnull=True,
                read_at__isnull=True,
            )
            .order_by("created_at", "id")
        )
        if not rows:
            return 0
        Notification.objects.filter(pk__in=[r.pk for r in rows]).update(emailed_at=timezone.now())
        user = get_user_model().objects.get(pk=user_id)
        with translation.override(_language(user)):
            items = [
                {"sentence": r.sentence, "link": _opening_link(r), "when": r.created_at}
                for r in rows
            ]
            _mail(
                user,
                "digest",
                {
                    "items": items,
                    "weekly": delivery == Delivery.WEEKLY,
                    "inbox_url": absolute_url(reverse("notifications:notification-list")),
                },
                _digest_subject(delivery, len(rows)),
            )
    return 1


# --- Webhooks ---------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is not followed: it could lead past the address check to the inner network."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _post(url: str, body: bytes, headers: Mapping[str, str]) -> int:
    """POST and return the HTTP status; raises OSError when there is no answer."""
    request = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")  # noqa: S310 - scheme checked by webhook_url_validate
    try:
        with _opener.open(request, timeout=settings.NOTIFICATIONS_WEBHOOK_TIMEOUT) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def webhook_delivery_send(*, delivery_id: int) -> float | None:
    """Post one delivery; returns seconds to wait before a retry, or None when it is settled."""
    stale = timezone.now() - datetime.timedelta(seconds=settings.NOTIFICATIONS_WEBHOOK_TIMEOUT * 6)
    now = timezone.now()
    # The claim: a delivery is taken by one worker at a time (one that died mid-post frees it
    # after a while), and a delivered or given-up one is never taken again.
    claimed = (
        WebhookDelivery.objects.filter(pk=delivery_id, webhook__is_active=True)
        .filter(
            Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING])
            | Q(status=DeliveryStatus.SENDING, last_attempt_at__lt=stale)
        )
        .update(status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, last_attempt_at=now)
    )
    if not claimed:
        return None
    delivery = WebhookDelivery.objects.select_related("webhook").get(pk=delivery_id)
    hook = delivery.webhook
    status_code: int | None = None
    error = ""
    try:
        webhook_url_validate(hook.url)
    except ValidationError as refused:
        _settle(delivery, DeliveryStatus.FAILED, None, " ".join(refused.messages))
        return None
    timestamp = int(time.time())
    with translation.override(settings.LANGUAGE_CODE):
        body = domain.webhook_body(
            webhook_kind=hook.kind,
            event=delivery.kind,
            key=delivery.key,
            text=describe_event(delivery.kind, delivery.params),
            url=absolute_url(delivery.target_url),
            params=delivery.params,
            timestamp=timestamp,
            link_label=_("Open"),
        )
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "ai-portfolio-webhooks/1",
        domain.EVENT_HEADER: delivery.kind,
        domain.TIMESTAMP_HEADER: str(timestamp),
        domain.SIGNATURE_HEADER: domain.webhook_signature(hook.secret, timestamp, body),
    }
    try:
        status_code = _post(hook.url, body, headers)
    except (OSError, ValueError) as failure:  # timeouts and refused connections are OSErrors
        error = f"{type(failure).__name__}: {failure}"[:1000]
    if status_code is not None and 200 <= status_code < 300:
        _settle(delivery, DeliveryStatus.SUCCEEDED, status_code, "")
        return None
    if not error:
        error = _("The receiver answered HTTP %(status)d.") % {"status": status_code}
    if domain.should_retry(status_code) and (
        delivery.attempts < settings.NOTIFICATIONS_WEBHOOK_MAX_ATTEMPTS
    ):
        _settle(delivery, DeliveryStatus.RETRYING, status_code, error)
        return domain.retry_delay(
            delivery.attempts, base=settings.NOTIFICATIONS_WEBHOOK_RETRY_BASE_SECONDS
        )
    _settle(delivery, DeliveryStatus.FAILED, status_code, error)
    return None


@transaction.atomic
def webhook_deliveries_resend(*, actor: Any, delivery_ids: Iterable[int]) -> int:
    """Give failed deliveries a fresh set of attempts (administrators only)."""
    require(bool(actor.is_superuser), _("Only administrators manage webhooks."))
    failed = list(
        WebhookDelivery.objects.filter(
            pk__in=list(delivery_ids), status=DeliveryStatus.FAILED
        ).values_list("pk", flat=True)
    )
    WebhookDelivery.objects.filter(pk__in=failed, status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.PENDING, attempts=0
    )
    for pk in failed:
        transaction.on_commit(_enqueue("webhook_delivery_send_task", pk))
    return len(failed)


def _settle(delivery: WebhookDelivery, status: str, status_code: int | None, error: str) -> None:
    """Record how the attempt ended in the delivery log."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=status,
        last_status_code=status_code,
        last_error=error,
        delivered_at=timezone.now() if status == DeliveryStatus.SUCCEEDED else None,
    )
