"""Template helpers of the design system."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from core.formatting import number

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context: dict[str, Any], **kwargs: Any) -> str:
    """Return the current query string with some parameters replaced (for pagination, sorting)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return str(query.urlencode())


@register.simple_tag
def verdict_sentence(paid_off: int, on_track: int, needs_adjustment: int) -> str:
    """“1 investment has paid off, 3 are on track and 2 need adjustment.”: each count agrees
    with its own verb in every language, which one sentence with three numbers cannot."""
    language = get_language()
    paid = int(paid_off or 0)
    track = int(on_track or 0)
    adjust = int(needs_adjustment or 0)
    return _("%(paid)s, %(track)s and %(adjust)s.") % {
        "paid": ngettext(
            "%(count)s investment has paid off", "%(count)s investments have paid off", paid
        )
        % {"count": number(paid, language=language)},
        "track": ngettext("%(count)s is on track", "%(count)s are on track", track)
        % {"count": number(track, language=language)},
        "adjust": ngettext("%(count)s needs adjustment", "%(count)s need adjustment", adjust)
        % {"count": number(adjust, language=language)},
    }
