"""Django app configuration for the briefing pack downloads; registers the page in the header."""

from django.apps import AppConfig


class PacksConfig(AppConfig):  # type: ignore[misc]  # Django ships no type hints
    name = "lineofsight.web.packs"
    label = "packs"
    verbose_name = "Briefing packs"

    def ready(self) -> None:
        from lineofsight.web.accounts.navigation import register_page

        register_page(
            "packs:index",
            "Packs",
            "Briefing packs for the quartet, scrutiny and the corporate parenting board, as PDF.",
        )
