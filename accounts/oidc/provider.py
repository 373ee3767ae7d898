"""OpenID Connect for Entra ID, Google, Okta, Keycloak or any discovery URL.

allauth's own provider skips the ID token's signature when the token came straight from the
token endpoint, as the specification allows over TLS. This one always checks it against the
provider's published keys, so a token changed on the way (or by a misconfigured proxy) is refused.
"""

from __future__ import annotations

from typing import Any

from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from allauth.utils import build_absolute_uri
from django.urls import reverse


class EnterpriseOIDCAdapter(OpenIDConnectOAuth2Adapter):
    """The OpenID Connect flow, with the ID token's signature always verified."""

    def _decode_id_token(self, app: Any, id_token: str) -> dict[str, Any]:
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )

    def get_callback_url(self, request: Any, app: Any) -> str:
        callback_url = reverse("oidc_callback", kwargs={"provider_id": self.provider_id})
        return build_absolute_uri(request, callback_url, self.redirect_uri_protocol)


class EnterpriseOIDCProvider(OpenIDConnectProvider):
    """A configured OpenID Connect provider; each app (provider id) is one issuer."""

    id = "oidc"
    name = "OpenID Connect"
    oauth2_adapter_class = EnterpriseOIDCAdapter


provider_classes = [EnterpriseOIDCProvider]
