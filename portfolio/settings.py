"""Settings for the AI-initiative portfolio, read from environment variables.

Nothing set means the embedded default: SQLite, jobs queued in files for the worker that
`make demo` starts, e-mail to the console, files on local disk, DEBUG off and a secret key made
on first run in the data folder. `DATABASE_URL` switches to PostgreSQL, `REDIS_URL` to a real
Celery broker and cache. With DEBUG off and a database server, the settings refuse a missing or
development secret key.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# openpyxl parses workbooks with lxml whenever lxml is installed (the SAML libraries bring it);
# keep it on defusedxml, which refuses DTDs and entities outright (SECURITY.md, core/checks.py).
# openpyxl reads this when it is first imported, which is after the settings.
os.environ.setdefault("OPENPYXL_LXML", "False")

BASE_DIR = Path(__file__).resolve().parent.parent

DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production"  # noqa: S105
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """Return a string variable, or the default when it is unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """Return a boolean variable; anything but a clear yes or no is a configuration error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    """Return an integer variable; a non-integer is a configuration error."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    """Return a comma-separated list variable with blanks removed."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# --- Core -------------------------------------------------------------------------------------

# Where the embedded default keeps its database, files, job queue and generated secret key.
DATA_DIR = Path(env_str("PORTFOLIO_DATA_DIR", str(BASE_DIR / "var")))
DATABASE_URL = env_str("DATABASE_URL")
# The embedded default: SQLite and files on this machine, no services to run (`make demo`).
PORTFOLIO_EMBEDDED = not DATABASE_URL

# DEBUG only when asked for: the embedded default serves a real small team, not a developer.
DEBUG = env_bool("DJANGO_DEBUG", False)


def _embedded_secret_key(folder: Path) -> str:
    """The embedded default's key: made once on first run, readable by its owner only."""
    import secrets

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secret_key"
    if not path.exists():
        key = secrets.token_urlsafe(64)
        # O_EXCL: two processes starting at once never write two different keys.
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(key)
    os.chmod(path, 0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY and PORTFOLIO_EMBEDDED:
    SECRET_KEY = _embedded_secret_key(DATA_DIR)
elif not SECRET_KEY and DEBUG:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
if not DEBUG and (not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50):
    # A guessable key lets anyone forge sessions and password-reset links.
    raise ImproperlyConfigured(
        "DJANGO_DEBUG is off but DJANGO_SECRET_KEY is missing, shorter than 50 characters "
        "or the development key. Set a long random DJANGO_SECRET_KEY."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.saml",
    "accounts.oidc",
    "simple_history",
    "import_export",
    "django_htmx",
    "csp",
    "django_celery_beat",
    "core",
    "accounts",
    "jobs",
    "people",
    "initiatives",
    "metrics",
    "governance",
    "notifications",
    "portfolio",
    "seeding",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portfolio.middleware.CompressTextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SavedLanguageMiddleware",
    "portfolio.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireLocalMfaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "portfolio.urls"
WSGI_APPLICATION = "portfolio.wsgi.application"
ASGI_APPLICATION = "portfolio.asgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "portfolio.context_processors.shell",
                "notifications.context_processors.bell",
            ],
        },
    },
]

FORM_RENDERER = "portfolio.forms.FormRenderer"

# --- Data -------------------------------------------------------------------------------------

if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "portfolio.sqlite3"),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Falls back to process memory while Redis is down (core/cache.py).
            "BACKEND": "core.cache.FallbackRedisCache",
            "LOCATION": env_str("REDIS_CACHE_URL", REDIS_URL),
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "portfolio"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

MEDIA_ROOT = Path(env_str("PORTFOLIO_MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "/media/"  # never routed: files go out only through permission-checked views
# Let the reverse proxy send stored files after our check: "" (Django sends them),
# "x-accel-redirect" (nginx; PORTFOLIO_SENDFILE_PREFIX is its internal location) or "x-sendfile".
PORTFOLIO_SENDFILE = env_str("PORTFOLIO_SENDFILE", "")
if PORTFOLIO_SENDFILE not in ("", "x-accel-redirect", "x-sendfile"):
    raise ImproperlyConfigured("PORTFOLIO_SENDFILE must be empty, x-accel-redirect or x-sendfile")
PORTFOLIO_SENDFILE_PREFIX = env_str("PORTFOLIO_SENDFILE_PREFIX", "/protected-files/")
STATIC_ROOT = Path(env_str("PORTFOLIO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("PORTFOLIO_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)

# --- Accounts ---------------------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    # Five failed logins per account in five minutes, twenty per address per minute.
    "login_failed": env_str("PORTFOLIO_LOGIN_RATE_LIMIT", "20/m/ip,5/300s/key"),
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# With SSO the provider's MFA counts; this makes TOTP compulsory for password sign-ins.
PORTFOLIO_REQUIRE_MFA_LOCAL = env_bool("PORTFOLIO_REQUIRE_MFA_LOCAL", False)
MFA_TOTP_ISSUER = env_str("PORTFOLIO_MFA_ISSUER", "AI portfolio")
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_COOKIE_AGE", 60 * 60 * 12)

# --- Single sign-on (OpenID Connect, SAML 2.0) and SCIM ---------------------------------------


def env_json_list(name: str) -> list[dict[str, object]]:
    """Return a JSON list of objects from a variable, or from the file `@path` names."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return []
    if raw.startswith("@"):
        raw = Path(raw[1:]).read_text(encoding="utf-8")
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a JSON list: {exc}") from exc
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ImproperlyConfigured(f"{name} must be a JSON list of objects")
    return value


_SSO_POLICY_KEYS = (
    "allow_signup",
    "email_domains",
    "groups_claim",
    "role_map",
    "default_roles",
    "scim_link_claim",
)


# SAML people are matched on the NameID (persistent), so no attribute is mapped to allauth's uid.
SAML_ATTRIBUTE_MAPPING = {
    "email": [
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "urn:oid:0.9.2342.19200300.100.1.3",
        "email",
        "mail",
    ],
    "first_name": [
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
        "urn:oid:2.5.4.42",
        "givenName",
    ],
    "last_name": [
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
        "urn:oid:2.5.4.4",
        "sn",
    ],
}
SAML_NAMEID_PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"


def saml_settings(entry: dict[str, object]) -> dict[str, object]:
    """allauth's SAML app settings for one provider: its IdP, our SP, and safe defaults."""
    idp = entry.get("idp")
    if not isinstance(idp, dict) or not idp.get("entity_id"):
        raise ImproperlyConfigured(
            f"PORTFOLIO_SSO_PROVIDERS: SAML provider {entry.get('id')!r} needs an idp with an "
            "entity_id and a metadata_url (or an sso_url and x509cert)"
        )
    advanced = {
        "name_id_format": SAML_NAMEID_PERSISTENT,
        "want_name_id": True,
        "reject_idp_initiated_sso": True,
        **dict(entry.get("advanced") or {}),  # type: ignore[call-overload]
    }
    return {
        "idp": idp,
        "sp": dict(entry.get("sp") or {}),  # type: ignore[call-overload]
        "advanced": advanced,
        "attribute_mapping": entry.get("attribute_mapping") or SAML_ATTRIBUTE_MAPPING,
    }


def sso_apps(entries: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    """Turn PORTFOLIO_SSO_PROVIDERS into allauth's SOCIALACCOUNT_PROVIDERS (see the README)."""
    providers: dict[str, dict[str, object]] = {"oidc": {"APPS": []}, "saml": {"APPS": []}}
    for entry in entries:
        protocol, provider_id = entry.get("protocol", "oidc"), entry.get("id")
        if protocol not in providers or not isinstance(provider_id, str) or not provider_id:
            raise ImproperlyConfigured(
                f"PORTFOLIO_SSO_PROVIDERS: each provider needs an id and a protocol of oidc or "
                f"saml, not {entry!r}"
            )
        secret = entry.get("secret", "")
        if isinstance(entry.get("secret_env"), str):
            secret = env_str(str(entry["secret_env"]))
        policy = {key: entry[key] for key in _SSO_POLICY_KEYS if key in entry}
        app_settings = {
            key: value for key, value in entry.items() if key in ("server_url", "scope")
        }
        if protocol == "saml":
            app_settings.update(saml_settings(entry))
        app_settings.update(entry.get("settings") or {})  # type: ignore[call-overload]
        app_settings["portfolio"] = policy
        app: dict[str, object] = {
            "provider_id": provider_id,
            "name": entry.get("name", provider_id),
            "client_id": entry.get("client_id", provider_id),
            "secret": secret,
            "settings": app_settings,
        }
        providers[str(protocol)]["APPS"].append(app)  # type: ignore[attr-defined]
    return providers


SOCIALACCOUNT_PROVIDERS = sso_apps(env_json_list("PORTFOLIO_SSO_PROVIDERS"))
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
# Never sign a person in, or attach a provider, because an e-mail address matches (issue 15).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_QUERY_EMAIL = True
# "SSO only" hides the password form for everyone but the break-glass administrators.
PORTFOLIO_SSO_ONLY = env_bool("PORTFOLIO_SSO_ONLY", False)
PORTFOLIO_BREAK_GLASS_USERS = env_list("PORTFOLIO_BREAK_GLASS_USERS", [])
# Send the sign-in page straight to this provider (its id); `?local=1` shows the page itself.
PORTFOLIO_SSO_AUTO_REDIRECT = env_str("PORTFOLIO_SSO_AUTO_REDIRECT")
# The direct redirect starts the provider's sign-in with a GET; the state parameter guards it.
SOCIALACCOUNT_LOGIN_ON_GET = bool(PORTFOLIO_SSO_AUTO_REDIRECT)
# SCIM 2.0 deprovisioning: the provider's bearer token, and whose group mapping SCIM groups use.
PORTFOLIO_SCIM_TOKEN = env_str("PORTFOLIO_SCIM_TOKEN")
PORTFOLIO_SCIM_PROVIDER = env_str("PORTFOLIO_SCIM_PROVIDER")

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "portfolio@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The public address of the installation: links in e-mails and chat messages start with it.
PORTFOLIO_SITE_URL = env_str("PORTFOLIO_SITE_URL", "http://localhost:8000")
# Outgoing webhooks: seconds to wait for an answer, attempts in all, first wait before a retry
# (doubling after each failed attempt).
NOTIFICATIONS_WEBHOOK_TIMEOUT = env_int("NOTIFICATIONS_WEBHOOK_TIMEOUT", 10)
NOTIFICATIONS_WEBHOOK_MAX_ATTEMPTS = env_int("NOTIFICATIONS_WEBHOOK_MAX_ATTEMPTS", 6)
NOTIFICATIONS_WEBHOOK_RETRY_BASE_SECONDS = env_int("NOTIFICATIONS_WEBHOOK_RETRY_BASE_SECONDS", 30)

# --- Internationalisation ---------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch")), ("sv", _("Swedish")), ("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("PORTFOLIO_TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
# English dates in the European order (core/formats/en); the other languages keep Django's.
FORMAT_MODULE_PATH = ["core.formats"]
USE_TZ = True
PORTFOLIO_CURRENCY = env_str("PORTFOLIO_CURRENCY", "EUR")
# The quarterly report's appendix lists at most this many initiatives (largest investments first);
# its totals and the version's CSV and JSON always cover every initiative. 500 rows are about 30
# landscape pages; each row costs layout time (portfolio/reports/layout.py).
PORTFOLIO_REPORT_APPENDIX_ROWS = env_int("PORTFOLIO_REPORT_APPENDIX_ROWS", 500)

# --- API --------------------------------------------------------------------------------------

# Deeper JSON than this is refused before parsing (a deep body would exhaust the recursion limit).
PORTFOLIO_MAX_JSON_DEPTH = env_int("PORTFOLIO_MAX_JSON_DEPTH", 64)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "core.api.throttling.TokenRateThrottle",
        "core.api.throttling.AddressRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": env_str("PORTFOLIO_API_RATE_PER_TOKEN", "600/min"),
        "address": env_str("PORTFOLIO_API_RATE_PER_IP", "1200/min"),
    },
    # Behind one reverse proxy, the client address is the last one it adds to X-Forwarded-For.
    "NUM_PROXIES": env_int("PORTFOLIO_API_NUM_PROXIES", 0) or None,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "AI-initiative portfolio API",
    "DESCRIPTION": (
        "Everything a person does in the browser, through a REST API. Authenticate with a "
        "session or a personal API token: `Authorization: Bearer <token>`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema (and the docs page reading it) need sign-in unless an administrator opens them.
    "SERVE_PERMISSIONS": [
        "rest_framework.permissions.AllowAny"
        if env_bool("PORTFOLIO_API_SCHEMA_PUBLIC", False)
        else "rest_framework.permissions.IsAuthenticated"
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several apps have choice sets named kind, category, status or role: name each one.
    "ENUM_NAME_OVERRIDES": {
        "SystemStatusEnum": "governance.choices.SystemStatus",
        "RiskStatusEnum": "governance.choices.RiskStatus",
        "ImportStatusEnum": "governance.choices.ImportStatus",
        "RiskCategoryEnum": "governance.choices.RiskCategory",
        "ReviewKindEnum": "governance.choices.ReviewKind",
        "ModelKindEnum": "governance.choices.ModelKind",
        "EURoleEnum": "governance.choices.EURole",
        "KpiKindEnum": "metrics.choices.KpiKind",
        "CostKindEnum": "metrics.choices.CostKind",
        "KpiCategoryEnum": "metrics.choices.KpiCategory",
        "CostCategoryEnum": "metrics.choices.CostCategory",
        "ReportStatusEnum": "portfolio.models.ReportStatus",
        "LikelihoodEnum": "governance.choices.Likelihood",
        "ImpactEnum": "governance.choices.Impact",
        "DeliveryEnum": "core.events.Delivery",
        "ITSystemKindEnum": "governance.choices.ITSystemKind",
        "QualityLevelEnum": "governance.choices.QualityLevel",
        # The register's data quality kept its published name when the estate's ratings came.
        "QualityEnum": "governance.choices.DataQuality",
        "ReadinessLevelEnum": "governance.choices.ReadinessLevel",
        "TrainingStatusEnum": "people.choices.TrainingStatus",
        "MeasureKindEnum": "people.choices.MeasureKind",
        "EvaluationCriterionKindEnum": "governance.choices.EvaluationCriterionKind",
        "EvaluationStatusEnum": "governance.choices.EvaluationStatus",
        "VendorCostCategoryEnum": "governance.choices.VendorCostCategory",
        "VendorCostRecurrenceEnum": "governance.choices.VendorCostRecurrence",
    },
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

# --- Jobs -------------------------------------------------------------------------------------

if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    # The embedded default queues jobs in files under DATA_DIR: no server, and the worker that
    # `make demo` starts beside the web server picks them up, so requests answer at once.
    # PORTFOLIO_JOBS_INLINE=true runs them in the request instead (for scripts and one-off use).
    _QUEUE_DIR = DATA_DIR / "queue"
    _QUEUE_DIR.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_TASK_ALWAYS_EAGER = env_bool("PORTFOLIO_JOBS_INLINE", False)
# Results live in the jobs table; a result backend would make every enqueue wait for Redis
# (and, with Redis down, for its connection retries) before the request can answer.
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 30 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 25 * 60)
# Tasks are idempotent, so a worker lost mid-task hands the message to another one.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message a lost worker never acknowledged goes to another worker after this many seconds;
# it must exceed the longest job, or a running job would be handed out twice.
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
    "visibility_timeout": env_int("CELERY_BROKER_VISIBILITY_TIMEOUT", 2 * 60 * 60),
    # Sending a job gives up after one quick retry: with the broker down the request answers
    # "queued" at once, and the worker sends the job again when the broker is back.
    "max_retries": 1,
    "interval_start": 0.1,
    "interval_step": 0.1,
    "interval_max": 0.2,
}
if not REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS.update(
        {
            "data_folder_in": str(_QUEUE_DIR),
            "data_folder_out": str(_QUEUE_DIR),
            "control_folder": str(_QUEUE_DIR / "control"),
        }
    )
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "portfolio")
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# The one schedule of the installation; beat copies it into the database at start.
CELERY_BEAT_SCHEDULE = {
    "metrics-roi-recompute-nightly": {
        "task": "metrics.roi_recompute_all_task",
        "schedule": crontab(hour=2, minute=30),
    },
    "notifications-digest-daily": {
        "task": "notifications.notification_digest_send_task",
        "schedule": crontab(hour=7, minute=15),
    },
    "notifications-digest-weekly": {
        "task": "notifications.notification_weekly_digest_send_task",
        "schedule": crontab(day_of_week="mon", hour=7, minute=15),
    },
    "governance-review-reminders-daily": {
        "task": "governance.review_reminders_task",
        "schedule": crontab(hour=7, minute=0),
    },
    # Before the daily digest (07:15), which carries these reminders by default.
    "metrics-kpi-overdue-daily": {
        "task": "metrics.kpi_overdue_notify_task",
        "schedule": crontab(hour=7, minute=5),
    },
    "portfolio-report-at-quarter-close": {
        "task": "portfolio.report_quarter_close_task",
        "schedule": crontab(day_of_month="1", month_of_year="1,4,7,10", hour=6, minute=0),
    },
    "jobs-requeue-stale": {"task": "jobs.job_requeue_stale_task", "schedule": 300.0},
    "portfolio-data-changes-prune": {
        "task": "portfolio.data_changes_prune_task",
        "schedule": crontab(minute=17),
    },
}
# A broker that is down must not hold a request for long: fail fast, the job stays queued.
CELERY_BROKER_CONNECTION_TIMEOUT = 2.0
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TIMEZONE = TIME_ZONE

# --- Security ---------------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    # Production sits behind a TLS proxy; the embedded default is served over plain HTTP on this
    # machine by `make demo`, so there these are off unless set (put TLS in front, then set them).
    _TLS = not PORTFOLIO_EMBEDDED
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", _TLS)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", _TLS)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365 if _TLS else 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", _TLS)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", _TLS)
    if env_bool("DJANGO_BEHIND_TLS_PROXY", _TLS):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Logging ----------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("PORTFOLIO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # The chart browser narrates every start and stop at INFO; only problems matter.
        "kaleido": {"level": "WARNING"},
        "choreographer": {"level": "WARNING"},
        "logistro": {"level": "WARNING"},
        "portfolio.security": {"level": "INFO"},
    },
}

# --- Product ----------------------------------------------------------------------------------

PORTFOLIO_DATASETS_DIR = Path(
    env_str("PORTFOLIO_DATASETS_DIR", str(BASE_DIR.parent / "shared" / "datasets"))
)
