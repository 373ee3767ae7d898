"""People: who works on AI, what they can do, what they are trained in and which literacy they received."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """The people app."""

    name = "people"
    verbose_name = _("People")
