"""The questionnaire's texts in the person's language.

The English texts exist once, in governance.domain.classification, where they are marked for the
catalogues (governance.domain.i18n): makemessages extracts them there, so the Dutch, Swedish and
German translations hang on those strings. Here they are only looked up, lazily, when shown. The
labels of who bears an obligation are this layer's own: the domain names bearers by code only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy

from governance.domain import classification as domain

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

QUESTION_TEXTS: dict[str, StrPromise] = {
    key: gettext_lazy(text) for key, text in domain.QUESTION_TEXTS.items()
}
GROUP_TITLES: dict[str, StrPromise] = {
    group.value: gettext_lazy(title) for group, title in domain.GROUP_TITLES.items()
}
CONSEQUENCE_TEXTS: dict[str, StrPromise] = {
    consequence.value: gettext_lazy(text) for consequence, text in domain.CONSEQUENCE_TEXTS.items()
}
OBLIGATION_TITLES: dict[str, StrPromise] = {
    code.value: gettext_lazy(title) for code, (_article, title) in domain.OBLIGATION_TEXTS.items()
}
BEARER_LABELS: dict[str, StrPromise] = {
    "provider": gettext_lazy("Provider"),
    "deployer": gettext_lazy("Deployer"),
    "provider_and_deployer": gettext_lazy("Provider and deployer"),
    "gpai_model_provider": gettext_lazy("Provider of the general-purpose model"),
}
