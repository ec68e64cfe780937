"""Kwartier settings: one module, configured by environment variables.

Every variable is documented in the README's configuration table. The helpers fail
loudly on a malformed value instead of guessing, and production refuses to start
without the secrets it needs.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value in (None, "") else value


def env_secret(name: str, default: str | None = None) -> str | None:
    """Read a secret from NAME, or from the file named by NAME_FILE (Docker/K8s secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return env_str(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "")
    if value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


ENVIRONMENT = env_str("KWARTIER_ENV", "development")
if ENVIRONMENT not in {"development", "production", "test"}:
    raise ImproperlyConfigured("KWARTIER_ENV must be development, test or production")
PRODUCTION = ENVIRONMENT == "production"

DATA_DIR = Path(env_str("KWARTIER_DATA_DIR", str(Path.cwd() / "var")) or "var").resolve()

DEBUG = env_bool("KWARTIER_DEBUG", False)

if PRODUCTION:
    SECRET_KEY = env_secret("KWARTIER_SECRET_KEY")
    if not SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("KWARTIER_SECRET_KEY (50+ characters) is required in production")
else:
    SECRET_KEY = env_secret("KWARTIER_SECRET_KEY") or "kwartier-development-only-" + "x" * 40

ALLOWED_HOSTS = (env_str("KWARTIER_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]") or "").split(",")
CSRF_TRUSTED_ORIGINS = [
    origin for origin in (env_str("KWARTIER_CSRF_TRUSTED_ORIGINS", "") or "").split(",") if origin
]

INSTALLED_APPS = [
    "kwartier.core",
    "kwartier.accounts",
    "kwartier.exploration",
    "kwartier.planning",
    "kwartier.knowledge",
    "kwartier.impact",
    "kwartier.collective",
    "kwartier.trust",
    "kwartier.workforce",
    "kwartier.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "auditlog",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kwartier.core.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kwartier.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kwartier.core.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "kwartier.core.middleware.AuditlogActorMiddleware",
    "kwartier.accounts.middleware.ActiveOrganisationMiddleware",
    "kwartier.accounts.middleware.RequireMfaMiddleware",
    "kwartier.core.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "kwartier.urls"
WSGI_APPLICATION = "kwartier.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

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
                "kwartier.core.context_processors.shell",
            ],
        },
    }
]

# --- Database ---------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "kwartier.sqlite3"),
            # WAL lets the worker and the web server work side by side; FULL sync
            # means a committed story survives a power cut.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True

CACHES = {
    # The database cache is shared by every process and web node, so login rate
    # limits hold across gunicorn workers without an extra server.
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kwartier_cache",
    },
    # Rendered PDFs (kwartier.core.pdf, decision 0118), in a table of their own so that
    # culling them never drops a rate-limit counter of the default cache.
    "pdf": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kwartier_pdf_cache",
        "TIMEOUT": 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

# --- Accounts ---------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "kwartier.accounts.adapters.AccountAdapter"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_RATE_LIMITS = {
    # Brute-force protection: at most 5 failed logins per account per 5 minutes and
    # 10 per minute per IP address; allauth answers with a Dutch error page (429).
    "login_failed": env_str("KWARTIER_LOGIN_RATE_LIMIT", "10/m/ip,5/5m/key"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kwartier"
SOCIALACCOUNT_ADAPTER = "kwartier.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True

OIDC_SERVER_URL = env_str("KWARTIER_OIDC_SERVER_URL")
SOCIALACCOUNT_PROVIDERS: dict[str, dict[str, object]] = {}
if OIDC_SERVER_URL:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": env_str("KWARTIER_OIDC_PROVIDER_ID", "organisatie"),
                "name": env_str("KWARTIER_OIDC_NAME", "Inloggen via uw organisatie"),
                "client_id": env_str("KWARTIER_OIDC_CLIENT_ID"),
                "secret": env_secret("KWARTIER_OIDC_CLIENT_SECRET"),
                "settings": {"server_url": OIDC_SERVER_URL},
            }
        ],
        "OAUTH_PKCE_ENABLED": True,
    }

# Sessions: an idle timeout and an absolute lifetime (ASVS 7.3).
SESSION_IDLE_TIMEOUT = env_int("KWARTIER_SESSION_IDLE_MINUTES", 30) * 60
SESSION_COOKIE_AGE = env_int("KWARTIER_SESSION_MAX_HOURS", 12) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Internationalisation ----------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

# --- Static and media ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# --- E-mail -------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("KWARTIER_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("KWARTIER_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("KWARTIER_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("KWARTIER_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_secret("KWARTIER_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("KWARTIER_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env_str("KWARTIER_FROM_EMAIL", "Kwartier <noreply@kwartier.localhost>")
# Where links in e-mails from background jobs point (no request to build them from).
SITE_URL = (env_str("KWARTIER_SITE_URL", "http://localhost:8000") or "").rstrip("/")

# --- API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kwartier.api.authentication.HashedTokenAuthentication",
        "kwartier.api.authentication.PolicySessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Size-limited parsers (Django's DATA_UPLOAD_MAX_MEMORY_SIZE also for JSON).
    "DEFAULT_PARSER_CLASSES": [
        "kwartier.api.parsers.JSONParser",
        "kwartier.api.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "token": env_str("KWARTIER_TOKEN_RATE_LIMIT", "10/min"),
        "search": env_str("KWARTIER_RATE_LIMIT_SEARCH", "60/min"),  # RATE_LIMITS below
    },
    # Rate limits count the client address the proxy saw, not a forgeable header.
    "NUM_PROXIES": env_int("KWARTIER_PROXY_COUNT", 1 if PRODUCTION else 0),
    "EXCEPTION_HANDLER": "kwartier.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kwartier API",
    "DESCRIPTION": "JSON API van Kwartier. Authenticatie: `Authorization: Token …`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Two choice sets are called "role": a membership's and an experience worker's.
    "ENUM_NAME_OVERRIDES": {"ExperienceRoleEnum": "kwartier.accounts.models.ExperienceRole"},
}

# --- Abuse limits (decision 0112) ---------------------------------------------------------
# Requests per client address (respondent, public), per link (respondent_link) or per
# signed-in reader (search); "N/s", "N/min", "N/hour" or "N/day". Over a limit: 429.
RATE_LIMITS = {
    "respondent": env_str("KWARTIER_RATE_LIMIT_RESPONDENT", "300/min"),
    "respondent_link": env_str("KWARTIER_RATE_LIMIT_RESPONDENT_LINK", "60/min"),
    "public": env_str("KWARTIER_RATE_LIMIT_PUBLIC", "120/min"),
    "search": env_str("KWARTIER_RATE_LIMIT_SEARCH", "60/min"),
}
for _scope, _rate in RATE_LIMITS.items():
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|m|min|h|hour|d|day)", _rate or ""):
        raise ImproperlyConfigured(f"Rate limit {_scope} must look like 60/min, not {_rate!r}")
# A request body larger than this is refused (413) before it is read; Django's own
# DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) still holds for form fields and JSON.
MAX_REQUEST_BYTES = env_int("KWARTIER_MAX_REQUEST_MB", 10) * 1_000_000

# --- Background jobs ------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str("KWARTIER_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- Audit --------------------------------------------------------------------------------
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = True  # NEN 7513 needs who, not where; keep no IP addresses.
ACCESS_LOG_RETENTION_DAYS = env_int("KWARTIER_ACCESS_LOG_RETENTION_DAYS", 5 * 365)

# --- Security -----------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("KWARTIER_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # __Host- cookies are bound to this exact host, over HTTPS, for path / (ASVS 3.3).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "kwartier.security": {"handlers": ["console"], "level": "INFO"},
        "django.security": {"handlers": ["console"], "level": "WARNING"},
    },
}

# --- Kwartier ---------------------------------------------------------------------------
DEMO_PASSWORD = env_secret("KWARTIER_DEMO_PASSWORD", "kwartier-demo-2026")

# Knowledge bank. The encryption key protects original (not yet de-identified) story
# text at rest; the embedded default generates one in the data folder, production
# must pass it (a Fernet key: 32 url-safe base64-encoded bytes).
ENCRYPTION_KEY = env_secret("KWARTIER_ENCRYPTION_KEY")
if PRODUCTION and not ENCRYPTION_KEY:
    raise ImproperlyConfigured("KWARTIER_ENCRYPTION_KEY is required in production")
# Key rotation (decision 0111): earlier keys, comma-separated, still read until
# `kwartier rotate-key` has re-encrypted everything with KWARTIER_ENCRYPTION_KEY.
ENCRYPTION_OLD_KEYS = [
    key.strip()
    for key in (env_secret("KWARTIER_ENCRYPTION_OLD_KEYS", "") or "").split(",")
    if key.strip()
]
SEARCH_BACKEND = env_str("KWARTIER_SEARCH_BACKEND", "tantivy")
if SEARCH_BACKEND not in {"tantivy", "postgres"}:
    raise ImproperlyConfigured("KWARTIER_SEARCH_BACKEND must be tantivy or postgres")
SEARCH_INDEX_DIR = DATA_DIR / "search"
# With the PostgreSQL backend each web node searches its own Tantivy copy, caught up from
# the database's change log before every search (decision 0123); "off" searches PostgreSQL.
SEARCH_REPLICA = env_str("KWARTIER_SEARCH_REPLICA", "tantivy")
if SEARCH_REPLICA not in {"tantivy", "off"}:
    raise ImproperlyConfigured("KWARTIER_SEARCH_REPLICA must be tantivy or off")
SEARCH_REPLICA_DIR = Path(
    env_str("KWARTIER_SEARCH_REPLICA_DIR", str(DATA_DIR / "search-replica")) or ""
).resolve()
DEID_CACHE_DIR = Path(env_str("KWARTIER_DEID_CACHE", str(DATA_DIR / "deid-cache")) or "")

# A RUNNING background task older than this is taken to be abandoned by a dead worker on
# another machine and is queued again when a worker starts (decision 0119).
TASK_LEASE_SECONDS = env_int("KWARTIER_TASK_LEASE_SECONDS", 4 * 3600)
