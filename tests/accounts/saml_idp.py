"""A real SAML 2.0 identity provider (pysaml2's IdP) answering the portfolio's AuthnRequests."""

from __future__ import annotations

import base64
import datetime
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

IDP_ENTITY_ID = "https://idp.example.test/saml/metadata"
IDP_SSO_URL = "https://idp.example.test/saml/sso"
SAML_SLUG = "corp-saml"
GROUPS_ATTRIBUTE = "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"
EMAIL_ATTRIBUTE = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"


def self_signed(folder: Path) -> tuple[Path, Path, str]:
    """A key and certificate for the IdP's signatures; returns (key, cert, cert base64 body)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.example.test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = folder / "idp.key", folder / "idp.crt"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    body = base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()
    return key_path, cert_path, body


@dataclass
class SamlPerson:
    """Someone at the identity provider."""

    name_id: str
    email: str
    groups: list[str] = field(default_factory=list)
    first_name: str = ""


@dataclass
class SamlIdp:
    """pysaml2's IdP, configured with the portfolio's own SP metadata."""

    folder: Path
    key: Path
    cert: Path
    cert_body: str
    people: dict[str, SamlPerson] = field(default_factory=dict)

    def person(
        self,
        username: str,
        *,
        groups: tuple[str, ...] | list[str] = (),
        email: str = "",
        name_id: str = "",
    ) -> SamlPerson:
        """Create or change a person at the provider (the NameID stays unless given)."""
        previous = self.people.get(username)
        self.people[username] = SamlPerson(
            name_id=name_id or (previous.name_id if previous else f"persistent-{username}-7f3a"),
            email=email or f"{username}@example.com",
            groups=list(groups),
            first_name=username.title(),
        )
        return self.people[username]

    def portfolio_app(self, **policy: object) -> dict[str, object]:
        """The PORTFOLIO_SSO_PROVIDERS entry an administrator writes for this IdP."""
        return {
            "id": SAML_SLUG,
            "protocol": "saml",
            "name": "Corp SAML",
            "idp": {"entity_id": IDP_ENTITY_ID, "sso_url": IDP_SSO_URL, "x509cert": self.cert_body},
            "groups_claim": GROUPS_ATTRIBUTE,
            **policy,
        }

    def server(self, sp_metadata: str, *, lifetime_minutes: int = 5) -> Server:
        """An IdP that knows the portfolio's SP from its published metadata."""
        config = IdPConfig()
        config.load(
            {
                "entityid": IDP_ENTITY_ID,
                "xmlsec_binary": shutil.which("xmlsec1"),
                "key_file": str(self.key),
                "cert_file": str(self.cert),
                "metadata": {"inline": [sp_metadata]},
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [(IDP_SSO_URL, BINDING_HTTP_REDIRECT)]
                        },
                        "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                        "policy": {
                            "default": {
                                "lifetime": {"minutes": lifetime_minutes},
                                "attribute_restrictions": None,
                                "name_form": "urn:oasis:names:tc:SAML:2.0:attrname-format:uri",
                            }
                        },
                        "sign_response": True,
                        "sign_assertion": True,
                    }
                },
            }
        )
        return Server(config=config)

    def answer(
        self, redirect_url: str, username: str, sp_metadata: str, *, lifetime_minutes: int = 5
    ) -> tuple[str, str, str]:
        """Answer an AuthnRequest (HTTP-Redirect) for a person; returns (ACS URL, XML, RelayState)."""
        query = parse_qs(urlsplit(redirect_url).query)
        server = self.server(sp_metadata, lifetime_minutes=lifetime_minutes)
        request = server.parse_authn_request(query["SAMLRequest"][0], BINDING_HTTP_REDIRECT)
        person = self.people[username]
        acs = request.message.assertion_consumer_service_url
        response = server.create_authn_response(
            identity={
                EMAIL_ATTRIBUTE: [person.email],
                GROUPS_ATTRIBUTE: person.groups,
                "urn:oid:2.5.4.42": [person.first_name],
            },
            in_response_to=request.message.id,
            destination=acs,
            sp_entity_id=request.message.issuer.text,
            name_id=NameID(
                format=NAMEID_FORMAT_PERSISTENT,
                sp_name_qualifier=request.message.issuer.text,
                text=person.name_id,
            ),
            authn={
                "class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
                "authn_auth": IDP_ENTITY_ID,
            },
            sign_response=True,
            sign_assertion=True,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
        )
        return acs, str(response), query.get("RelayState", [""])[0]

    def sign_in(self, client, username: str, *, tamper=None, lifetime_minutes: int = 5):  # type: ignore[no-untyped-def]
        """The SP-initiated flow through the Django test client; returns the portfolio's answer."""
        sp_metadata = client.get(f"/accounts/saml/{SAML_SLUG}/metadata/").content.decode()
        start = client.post(f"/accounts/saml/{SAML_SLUG}/login/", {"process": "login"})
        assert start.status_code == 302, start
        assert start["Location"].startswith(IDP_SSO_URL)
        acs, xml, relay_state = self.answer(
            start["Location"], username, sp_metadata, lifetime_minutes=lifetime_minutes
        )
        if tamper is not None:
            xml = tamper(xml)
        posted = client.post(
            urlsplit(acs).path,
            {
                "SAMLResponse": base64.b64encode(xml.encode()).decode(),
                **({"RelayState": relay_state} if relay_state else {}),
            },
        )
        assert posted.status_code == 302, posted
        return client.get(posted["Location"])
