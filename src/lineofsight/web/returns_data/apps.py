"""Django app configuration for the Data pages; registers the page in the header navigation."""

from django.apps import AppConfig


class ReturnsDataConfig(AppConfig):  # type: ignore[misc]  # Django ships no type hints
    name = "lineofsight.web.returns_data"
    label = "returns_data"
    verbose_name = "Council returns (Data pages)"

    def ready(self) -> None:
        from lineofsight.web.accounts.navigation import register_page
        from lineofsight.web.returns_data import demo  # noqa: F401  # registers the demo loader

        register_page(
            "data:index",
            "Data",
            "Upload your council's returns, check the findings and publish the figures.",
        )
