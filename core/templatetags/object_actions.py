"""`{% object_actions obj %}`: the controls other apps add to an object page's header."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from core.extensions import object_actions as registered_actions

register = template.Library()


@register.simple_tag(takes_context=True)
def object_actions(context: template.Context, obj: Any) -> SafeString:
    """Each registered control for the object, rendered by its app's template."""
    request = context.get("request")
    if request is None or obj is None:
        return SafeString("")
    rendered = []
    for action in registered_actions():
        extra = action.context(request, obj)
        if extra is None:
            continue
        rendered.append(
            (render_to_string(action.template_name, {"object": obj, **extra}, request=request),)
        )
    return format_html_join("", "{}", rendered)
