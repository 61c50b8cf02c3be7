"""Development and ``lineofsight demo``: debug on, demo secret allowed, plain-HTTP cookies."""

from __future__ import annotations

from lineofsight.web.settings.base import *  # noqa: F403
from lineofsight.web.settings.base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
DEMO_ACCOUNTS_ALLOWED = True
