"""Production: refuses to start with debug on or without a real secret key; HTTPS-only cookies and HSTS.

Everything deployment-specific comes from the environment: ``DJANGO_SECRET_KEY`` (required),
``DJANGO_ALLOWED_HOSTS``, ``DATABASE_URL``, ``LINEOFSIGHT_HOME``, ``DJANGO_CSRF_TRUSTED_ORIGINS``.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from lineofsight.web.settings.base import *  # noqa: F403
from lineofsight.web.settings.base import DEMO_SECRET_KEY, data_home, env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG", False)
DEMO_ACCOUNTS_ALLOWED = False

if DEBUG:
    raise ImproperlyConfigured(
        "Production settings refuse to start with DJANGO_DEBUG on: unset it or set it to 0."
    )
if not SECRET_KEY or SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 32:  # noqa: F405
    raise ImproperlyConfigured(
        "Production settings need DJANGO_SECRET_KEY set to a random value of at least 32 "
        "characters (the demo key is refused)."
    )

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
# HSTS preloading is a council's decision for its whole domain, not this service's.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
# ``lineofsight serve`` collects the packaged static files here, fingerprinted and compressed.
STATIC_ROOT = Path(os.environ.get("LINEOFSIGHT_STATIC_ROOT", str(data_home() / "static")))
