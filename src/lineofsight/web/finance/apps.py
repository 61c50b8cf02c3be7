"""Django app configuration for the Finance page; registers the page and the demo loader."""

from django.apps import AppConfig


class FinanceConfig(AppConfig):  # type: ignore[misc]  # Django ships no type hints
    name = "lineofsight.web.finance"
    label = "finance"
    verbose_name = "Finance and budget monitoring"

    def ready(self) -> None:
        from lineofsight.web.accounts.navigation import register_page
        from lineofsight.web.finance import store  # noqa: F401  # registers the demo loader

        register_page(
            "finance:index",
            "Finance",
            "Spend, unit costs and the high needs position against neighbours, and the council's "
            "budget monitoring.",
        )
