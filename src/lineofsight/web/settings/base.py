"""Settings shared by every environment, read from the environment where a deployment differs.

The database is SQLite under the data directory unless ``DATABASE_URL`` names another (PostgreSQL in
production); ``LINEOFSIGHT_HOME`` moves the data directory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

WEB_DIR = Path(__file__).resolve().parents[1]

DEMO_SECRET_KEY = "lineofsight-demo-only-not-secret"  # noqa: S105 - demo only; production refuses it


def data_home() -> Path:
    """Where the service keeps its database and uploads: ``LINEOFSIGHT_HOME`` or the XDG data dir."""
    if home := os.environ.get("LINEOFSIGHT_HOME"):
        return Path(home).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "lineofsight"


def env_bool(name: str, default: bool) -> bool:
    """A boolean environment variable: 1/true/yes/on or 0/false/no/off."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated environment variable."""
    raw = os.environ.get(name)
    return [p.strip() for p in raw.split(",") if p.strip()] if raw else default


def database_config() -> dict[str, Any]:
    """``DATABASE_URL`` if set, else ``<data home>/lineofsight.sqlite3`` (created on first use)."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        home = data_home()
        home.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{home / 'lineofsight.sqlite3'}"
    config = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Readers do not wait for a writer (WAL), and a write takes its lock when the transaction
        # starts rather than failing half-way with "database is locked" under several workers.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    return config


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

# The council's name shown in the header when a user has none (e.g. signed out).
SERVICE_NAME = "Line of Sight"
COUNCIL_NAME = os.environ.get("LINEOFSIGHT_COUNCIL_NAME", "")
# Where the phase banner's "give your feedback" link goes (a form or mailto:); without it the
# banner asks people to tell their administrator.
FEEDBACK_URL = os.environ.get("LINEOFSIGHT_FEEDBACK_URL", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "lineofsight.web.accounts",
    "lineofsight.web.audit",
    "lineofsight.web.pages",
    "lineofsight.web.dashboard",
    "lineofsight.web.returns_data",
    "lineofsight.web.assessment",
    "lineofsight.web.governance",
    "lineofsight.web.packs",
    "lineofsight.web.finance",
    "lineofsight.web.forecast",
    "lineofsight.web.regions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lineofsight.web.security.ContentSecurityPolicyMiddleware",
    "lineofsight.web.security.DownloadsNotStoredMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lineofsight.web.security.SessionExpiryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "lineofsight.web.audit.atomic.AtomicWritesMiddleware",  # last: it runs the view
]

ROOT_URLCONF = "lineofsight.web.urls"
WSGI_APPLICATION = "lineofsight.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "lineofsight.web.jinja_env.environment",
            "autoescape": True,
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lineofsight.web.jinja_env.service_context",
            ],
        },
    },
]

DATABASES = {"default": database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "lineofsight.web.accounts.backends.AccountBackend",
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lockout: 5 failed sign-ins for one email from one address lock it for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_CALLABLE = "lineofsight.web.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Sessions: 8 hours at most from sign-in (absolute) and 30 minutes idle.
SESSION_ABSOLUTE_SECONDS = 8 * 60 * 60
SESSION_IDLE_SECONDS = 30 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "lineofsight_session"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Security headers (the CSP comes from lineofsight.web.security).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
# Served straight from the package (no collectstatic step); production collects and fingerprints.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LINEOFSIGHT_LOG_LEVEL", "WARNING")},
}

# Behind a reverse proxy, the client address is the last X-Forwarded-For entry (the proxy's own).
BEHIND_PROXY = env_bool("LINEOFSIGHT_BEHIND_PROXY", False)
AXES_CLIENT_IP_CALLABLE = "lineofsight.web.client_ip.client_ip"
