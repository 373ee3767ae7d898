"""A tiny, separate Django project: a real OpenID Connect provider (django-oauth-toolkit).

tests/accounts/conftest.py starts it in its own process on a free port; the portfolio under test
talks to it over HTTP exactly as it would to Entra ID or Keycloak.
"""

import os
from pathlib import Path

PORT = int(os.environ["SSO_PROVIDER_PORT"])
ISSUER = f"http://127.0.0.1:{PORT}/o"
SECRET_KEY = "sso-provider-test-key"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.sso_provider.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(Path(os.environ["SSO_PROVIDER_DIR"]) / "provider.sqlite3"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
LOGIN_URL = "/login/"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": Path(os.environ["SSO_PROVIDER_DIR"], "key.pem").read_text(),
    "OIDC_ISS_ENDPOINT": ISSUER,
    "PKCE_REQUIRED": True,
    "SCOPES": {"openid": "OpenID", "profile": "Profile", "email": "E-mail"},
    "OAUTH2_VALIDATOR_CLASS": "tests.sso_provider.validator.ClaimsValidator",
}
