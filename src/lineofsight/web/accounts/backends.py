"""Sign-in backend: Django's, except demo accounts cannot sign in where settings forbid them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class AccountBackend(ModelBackend):  # type: ignore[misc]  # Django has no type hints
    """Refuses demo accounts (published passwords) unless ``DEMO_ACCOUNTS_ALLOWED`` is on."""

    def user_can_authenticate(self, user: Any) -> bool:
        if getattr(user, "is_demo", False) and not getattr(
            settings, "DEMO_ACCOUNTS_ALLOWED", False
        ):
            return False
        return bool(super().user_can_authenticate(user))
