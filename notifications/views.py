"""Pages of the notifications app: the person's own notifications only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from core.events import followable_get
from notifications import selectors, services
from notifications.filters import NotificationFilterSet
from notifications.forms import PreferencesForm

PAGE_SIZE = 25


def notification_list_view(request: HttpRequest) -> HttpResponse:
    """The person's notifications, newest first, unread ones marked."""
    filterset = NotificationFilterSet(
        request.GET, queryset=selectors.notification_list(user=request.user)
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    unread_only = filterset.form.is_valid() and filterset.form.cleaned_data.get("unread") is True
    return render(
        request,
        "notifications/notification_list.html",
        {"page_obj": page, "filterset": filterset, "unread_only": unread_only},
    )


@require_GET
def notification_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notification read and go where it points."""
    notification = selectors.notification_get(user=request.user, pk=pk)
    services.notification_read(actor=request.user, notification=notification)
    target = notification.target_url
    # Stored by our own code, but a redirect only ever goes to this site.
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:notification-list")


@require_POST
def notification_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and return to the list."""
    notification = selectors.notification_get(user=request.user, pk=pk)
    services.notification_read(actor=request.user, notification=notification)
    return redirect("notifications:notification-list")


@require_POST
def notification_read_all_view(request: HttpRequest) -> HttpResponse:
    """Mark every unread notification of the person read."""
    count = services.notifications_read_all(actor=request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d notification marked as read.",
                "%(count)d notifications marked as read.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("There was nothing unread."))
    return redirect("notifications:notification-list")


def preferences_view(request: HttpRequest) -> HttpResponse:
    """How the person hears of each kind of event."""
    current = selectors.preference_map(user=request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.preferences_update(actor=request.user, preferences=form.preferences())
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:preferences")
    status = 400 if request.method == "POST" else 200
    return render(request, "notifications/preferences.html", {"form": form}, status=status)


def _back(request: HttpRequest, fallback: str) -> str:
    """Where a form posted from a page returns to: that page, if it is on this site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def followed_view(request: HttpRequest) -> HttpResponse:
    """What the person follows, what they stopped following, and what they follow as owner."""
    rows, owned = selectors.followed_list(user=request.user)
    return render(request, "notifications/followed.html", {"followed": rows, "owned": owned})


@require_POST
def follow_view(request: HttpRequest) -> HttpResponse:
    """Follow an object, or stop following it, from its page or from the list."""
    label = request.POST.get("object_type", "")
    following = request.POST.get("following") == "1"
    try:
        obj = services.following_set(
            actor=request.user,
            label=label,
            pk=request.POST.get("object_id"),
            following=following,
        )
    except ValidationError as refused:
        rows, owned = selectors.followed_list(user=request.user)
        return render(
            request,
            "notifications/followed.html",
            {"followed": rows, "owned": owned, "errors": refused.messages},
            status=400,
        )
    followable = followable_get(label)
    assert followable is not None  # following_set refused unknown kinds
    if following:
        messages.success(request, _("You follow “%(name)s” now.") % {"name": obj})
    else:
        messages.success(request, _("You no longer follow “%(name)s”.") % {"name": obj})
    return redirect(_back(request, followable.url(obj)))
