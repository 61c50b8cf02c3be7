"""Django app configuration for regions: alliances of councils pooling their own figures;
registers the page and the demo loader."""

from django.apps import AppConfig


class RegionsConfig(AppConfig):  # type: ignore[misc]  # Django ships no type hints
    name = "lineofsight.web.regions"
    label = "regions"
    verbose_name = "Regions"

    def ready(self) -> None:
        from lineofsight.web.accounts.navigation import register_page
        from lineofsight.web.regions import demo  # noqa: F401  # registers the demo loader

        register_page(
            "regions:index",
            "Region",
            "Your regional alliance: members' own figures side by side, the regional median and "
            "the last published figures, as its data-sharing agreement allows.",
        )
