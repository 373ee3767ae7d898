"""allauth's SAML provider, also keeping the assertion's authentication context (acr).

allauth imports `<app>.provider` of every installed app; "accounts" comes after allauth's SAML
app in INSTALLED_APPS, so this class replaces allauth's under the same id "saml".
"""

from __future__ import annotations

from typing import Any

from allauth.socialaccount.providers.saml.provider import SAMLProvider


class EnterpriseSAMLProvider(SAMLProvider):
    """The SAML provider; its extra data also holds the AuthnContextClassRef as "acr"."""

    # allauth's own URLs and views serve it.
    package = "allauth.socialaccount.providers.saml"

    def extract_extra_data(self, data: Any) -> dict[str, Any]:
        extra = dict(super().extract_extra_data(data))
        contexts = data.get_last_authn_contexts() or []
        if contexts:
            extra["acr"] = str(contexts[0])
        return extra


provider_classes = [EnterpriseSAMLProvider]
