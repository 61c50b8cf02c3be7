"""Django app configuration for accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):  # type: ignore[misc]  # Django has no type hints
    name = "lineofsight.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"
