"""A real OpenID Connect provider in a second process, and the portfolio configured for it."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

REPO_ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "portfolio-client"
CLIENT_SECRET = "portfolio-client-secret-0123456789"
PROVIDER_ID = "idp"
CALLBACK = f"http://testserver/accounts/sso/{PROVIDER_ID}/login/callback/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class OidcProvider:
    """The running provider: its issuer, and its own people administration."""

    base: str

    @property
    def issuer(self) -> str:
        return f"{self.base}/o"

    def person(self, username: str, *, groups: list[str] = (), **fields: object) -> None:  # type: ignore[assignment]
        """Create or change a person at the provider."""
        body = {"username": username, "password": "provider-pass", "groups": list(groups)}
        body.setdefault("email", f"{username}@example.com")
        body.update(fields)
        requests.post(f"{self.base}/testing/people/", json=body, timeout=10).raise_for_status()

    def sign_in(self, client, username: str, *, next_url: str = ""):  # type: ignore[no-untyped-def]
        """Go through the whole authorization-code flow; returns the portfolio's last answer."""
        start = client.post(
            f"/accounts/sso/{PROVIDER_ID}/login/",
            {"process": "login", **({"next": next_url} if next_url else {})},
        )
        assert start.status_code == 302, start
        authorize = start["Location"]
        assert authorize.startswith(f"{self.issuer}/authorize/")
        browser = requests.Session()
        signed_in = browser.post(
            f"{self.base}/login/",
            data={"username": username, "password": "provider-pass"},
            allow_redirects=False,
            timeout=10,
        )
        assert signed_in.status_code == 302, signed_in.text
        answer = browser.get(authorize, allow_redirects=False, timeout=10)
        assert answer.status_code == 302, answer.text
        back = urlsplit(answer.headers["Location"])
        assert f"http://{back.netloc}{back.path}" == CALLBACK
        return client.get(f"{back.path}?{back.query}")


@contextlib.contextmanager
def running_oidc_provider(folder: Path, redirect_uri: str) -> Iterator[OidcProvider]:
    """Start django-oauth-toolkit's OIDC provider (tests/sso_provider) on a free port."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    port = _free_port()
    env = {
        **os.environ,
        "SSO_PROVIDER_PORT": str(port),
        "SSO_PROVIDER_DIR": str(folder),
        "SSO_CLIENT_ID": CLIENT_ID,
        "SSO_CLIENT_SECRET": CLIENT_SECRET,
        "SSO_REDIRECT_URI": redirect_uri,
        "PYTHONPATH": str(REPO_ROOT),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    log = (folder / "provider.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.sso_provider.serve"],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            if process.poll() is not None:
                raise RuntimeError((folder / "provider.log").read_text())
            try:
                if requests.get(f"{base}/o/.well-known/openid-configuration", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        else:
            raise RuntimeError("the OIDC provider did not start")
        yield OidcProvider(base=base)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    """The OIDC provider for the Django test client's callback."""
    with running_oidc_provider(tmp_path_factory.mktemp("sso-provider"), CALLBACK) as provider:
        yield provider


def oidc_app(provider: OidcProvider, **policy: object) -> dict[str, object]:
    """The portfolio's settings for the provider, as PORTFOLIO_SSO_PROVIDERS would make them."""
    return {
        "oidc": {
            "APPS": [
                {
                    "provider_id": PROVIDER_ID,
                    "name": "Test IdP",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {
                        "server_url": provider.issuer,
                        "oauth_pkce_enabled": True,
                        "portfolio": policy,
                    },
                }
            ]
        },
        "saml": {"APPS": []},
    }


@pytest.fixture(scope="session")
def saml_idp(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """pysaml2 acting as the SAML identity provider, with its own signing key."""
    from tests.accounts.saml_idp import SamlIdp, self_signed

    folder = tmp_path_factory.mktemp("saml-idp")
    key, cert, body = self_signed(folder)
    return SamlIdp(folder=folder, key=key, cert=cert, cert_body=body)
