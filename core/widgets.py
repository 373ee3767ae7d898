"""Form widgets every app may use.

`QuickSelect` renders a select with hundreds of options (every person, say) in one pass of
Python instead of a template per option: the same HTML as Django's Select, about a hundred
times faster, which is what keeps a list page's filter form cheap at any size.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


class QuickSelect(forms.Select):
    """A single-choice select rendered without a template per option."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = self.format_value(value)
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    "" if option is None else str(option),
                    " selected" if str("" if option is None else option) in chosen else "",
                    label,
                )
                for option, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    """A multiple-choice select rendered like QuickSelect."""

    def build_attrs(
        self, base_attrs: dict[str, Any], extra_attrs: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        return {**super().build_attrs(base_attrs, extra_attrs), "multiple": True}


class QuickInput(forms.widgets.Input):
    """An input rendered as Django's input template writes it, without the template."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        head: dict[str, Any] = {"type": self.input_type, "name": name}
        text = self.format_value(value)
        if text is not None:
            head["value"] = text
        # In the template's order (flatatt would sort them), booleans as bare names.
        pairs = {**head, **self.build_attrs(self.attrs, attrs)}.items()
        return format_html(
            "<input{}>",
            format_html_join(
                "",
                "{}{}",
                (
                    (format_html(" {}", key), "" if item is True else format_html('="{}"', item))
                    for key, item in pairs
                    if item is not False
                ),
            ),
        )


_TWINS: dict[type[forms.Widget], type[forms.Widget]] = {}


def quick_twin(widget_class: type[forms.Widget]) -> type[forms.Widget] | None:
    """The quick twin of a plain select or input class (None for any other widget)."""
    if widget_class not in _TWINS:
        if widget_class is forms.Select:
            _TWINS[widget_class] = QuickSelect
        elif widget_class is forms.SelectMultiple:
            _TWINS[widget_class] = QuickSelectMultiple
        elif widget_class in (forms.TextInput, forms.NumberInput, forms.HiddenInput):
            _TWINS[widget_class] = type(
                f"Quick{widget_class.__name__}", (QuickInput, widget_class), {}
            )
        else:
            return None
    return _TWINS[widget_class]


def quicken(form: forms.BaseForm) -> forms.BaseForm:
    """Give the form's plain selects and inputs their quick twins: the same HTML without a
    template render per option and per field. Each form holds its own widget copies."""
    for field in form.fields.values():
        widget_class = type(field.widget)
        twin = quick_twin(widget_class)
        if twin is not None:
            # The same widget object, rendered by the twin: choices, attrs and state are kept.
            field.widget.__class__ = twin
    return form


class SuggestInput(forms.TextInput):
    """A text box with suggestions: a `<datalist>` that htmx fills from `url` as one types.

    Without JavaScript it is a plain text box whose words the filter matches; with it, the
    browser's own list offers the matches (keyboard and screen readers know it as a combobox).
    `url` is a URL name, reversed when the box is drawn; the endpoint reads the typed text
    from the parameter named like the box and answers with `<option>` elements.
    """

    def __init__(
        self,
        url: str,
        url_kwargs: dict[str, Any] | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        self.url = url
        self.url_kwargs = url_kwargs or {}
        super().__init__(attrs)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        list_id = f"{final.get('id') or f'id_{name}'}-suggestions"
        final.update(
            {
                "type": "text",
                "name": name,
                "list": list_id,
                "autocomplete": "off",
                "hx-get": reverse(self.url, kwargs=self.url_kwargs),
                # The filter form above pushes its own address; a suggestion request must not.
                "hx-push-url": "false",
                "hx-trigger": "input changed delay:250ms, focus once",
                "hx-target": f"#{list_id}",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )
        text = self.format_value(value)
        if text is not None:
            final["value"] = text
        return format_html('<input{}><datalist id="{}"></datalist>', flatatt(final), list_id)
