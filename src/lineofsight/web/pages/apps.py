"""Django app configuration for the service pages; registers the navigation entries this app owns."""

from django.apps import AppConfig


class PagesConfig(AppConfig):  # type: ignore[misc]  # Django has no type hints
    name = "lineofsight.web.pages"
    label = "pages"
    verbose_name = "Service pages"

    def ready(self) -> None:
        from lineofsight.web.accounts.navigation import register_page

        register_page(
            "pages:home",
            "Your council",
            "Start here: the pages your role can open for your council.",
            in_header=False,  # the service name links home; home may redirect to the overview
        )
        register_page(
            "accounts:list",
            "Accounts",
            "Everyone who can sign in for your council, with their roles.",
        )
        register_page(
            "audit:log",
            "Audit log",
            "Sign-ins, failed sign-ins, uploads, publications, exports and changes.",
        )
