"""The user model: an email address, one role and one council (stored as its ONS E-code)."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from lineofsight.web.accounts.roles import ROLE_CHOICES, Role
from lineofsight.web.accounts.scope import Scope, ScopeKind, validate_la_code


def _validate_la(value: str) -> None:
    try:
        validate_la_code(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


class UserManager(BaseUserManager["User"]):  # type: ignore[misc]  # Django has no type hints
    """Creates users with a validated role and council; emails are stored lower-case."""

    def create_user(
        self,
        email: str,
        password: str | None = None,
        *,
        role: str,
        la_code: str,
        **extra: Any,
    ) -> User:
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(
            email=self.normalize_email(email).lower(),
            role=Role(role),
            la_code=validate_la_code(la_code),
            **extra,
        )
        user.set_password(password)
        user.save(using=self._db)
        return cast(User, user)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        """Django's ``createsuperuser``: an administrator (needs ``la_code``)."""
        extra.setdefault("role", Role.ADMINISTRATOR)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):  # type: ignore[misc]
    """A person who signs in. ``role`` decides the pages; ``scope`` decides the councils."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=32, choices=ROLE_CHOICES)
    scope_kind = models.CharField(
        max_length=16,
        choices=[(k.value, k.value) for k in ScopeKind],
        default=ScopeKind.COUNCIL.value,
    )
    la_code = models.CharField(
        "council E-code", max_length=9, validators=[_validate_la], db_index=True
    )
    is_active = models.BooleanField(default=True)
    is_demo = models.BooleanField(
        default=False, help_text="A demo account with a published password: refused in production."
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["role", "la_code"]

    class Meta:
        ordering = ("email",)

    def __str__(self) -> str:
        return str(self.email)

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    @property
    def scope(self) -> Scope:
        """The councils this user may see (one council for now)."""
        return Scope.council(self.la_code)

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in {str(r) for r in roles}
