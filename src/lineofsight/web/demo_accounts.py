"""Demo accounts: one per role for a demo council, with published, deterministic passwords.

They exist so someone trying the service can sign in as each role; they are flagged ``is_demo``
and the production settings refuse to let them sign in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from lineofsight.errors import UserError
from lineofsight.web.accounts.models import User
from lineofsight.web.accounts.roles import ROLE_ORDER, Role


@dataclass(frozen=True, slots=True)
class DemoAccount:
    email: str
    password: str
    role: Role
    created: bool


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "council"


def demo_email(role: Role, council_name: str) -> str:
    """e.g. ``director@stoke-on-trent.example`` (``.example`` is reserved: it never delivers)."""
    return f"{role.value.replace('_', '-')}@{_slug(council_name)}.example"


def demo_password(role: Role) -> str:
    """Deterministic and printed on screen: acceptable for the demo only."""
    return f"demo-{role.value.replace('_', '-')}-line-of-sight"


def ensure_demo_accounts(la_code: str, council_name: str) -> list[DemoAccount]:
    """Create any missing demo account for each role; reset a changed demo password back."""
    if not getattr(settings, "DEMO_ACCOUNTS_ALLOWED", False):
        raise UserError(
            "Demo accounts are refused under these settings (production): "
            "create real accounts with 'lineofsight createuser'."
        )
    accounts = []
    with transaction.atomic():
        for role in ROLE_ORDER:
            email, password = demo_email(role, council_name), demo_password(role)
            user = User.objects.filter(email=email).first()
            created = user is None
            if user is None:
                user = User.objects.create_user(
                    email,
                    password,
                    role=role,
                    la_code=la_code,
                    full_name=f"Demo {role.label.lower()}",
                    is_demo=True,
                )
            elif not user.is_demo:
                raise UserError(
                    f"The account {email} exists and is not a demo account; "
                    "the demo will not change it."
                )
            elif not user.check_password(password) or user.la_code != la_code:
                user.set_password(password)
                user.la_code = la_code
                user.role = role
                user.is_active = True
                user.save()
            accounts.append(DemoAccount(email, password, role, created))
    return accounts
