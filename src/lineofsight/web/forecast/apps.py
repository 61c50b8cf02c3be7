"""Django app configuration for the Forecast page; registers the page and its demo loader."""

from django.apps import AppConfig


class ForecastConfig(AppConfig):  # type: ignore[misc]  # Django ships no type hints
    name = "lineofsight.web.forecast"
    label = "forecast"
    verbose_name = "Forecast"

    def ready(self) -> None:
        from lineofsight.web.accounts.navigation import register_page
        from lineofsight.web.forecast import basis  # noqa: F401  # registers the demo loader

        register_page(
            "forecast:index",
            "Forecast",
            "Children looked after and their cost next year and after, with scenarios.",
        )
