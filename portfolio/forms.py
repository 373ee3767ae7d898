"""How forms render: one template for every form, with inline errors next to each field."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Render forms with the project's own field layout."""

    form_template_name = "components/form_div.html"
