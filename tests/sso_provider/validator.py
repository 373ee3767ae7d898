"""The provider's claims: groups, amr/acr, and two faults a test can switch on per person."""

import base64
import json
import time

from jwcrypto import jwt
from oauth2_provider.oauth2_validators import OAuth2Validator


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class ClaimsValidator(OAuth2Validator):
    """Adds the claims an enterprise provider sends; `last_name` picks a fault for a person."""

    oidc_claim_scope = None

    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "email_verified": True,
            "preferred_username": user.username,
            "given_name": user.first_name,
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "amr": ["pwd", "mfa"],
            "acr": "urn:example:mfa",
            "oid": f"object-{user.username}",
        }

    def finalize_id_token(self, id_token, token, token_handler, request):
        signed = super().finalize_id_token(id_token, token, token_handler, request)
        fault = request.user.last_name
        header, payload, signature = signed.split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        if fault == "tamper":
            # Someone on the way adds a group: the signature no longer matches the payload.
            claims["groups"] = [*claims.get("groups", []), "portfolio-admins"]
            return f"{header}.{_b64(json.dumps(claims).encode())}.{signature}"
        if fault == "expire":
            # Properly signed, but expired ten minutes ago.
            claims["iat"], claims["exp"] = int(time.time()) - 1200, int(time.time()) - 600
            token_ = jwt.JWT(
                header=json.loads(base64.urlsafe_b64decode(header + "==")), claims=claims
            )
            token_.make_signed_token(request.client.jwk_key)
            return token_.serialize()
        return signed
