"""Django app configuration for the data pages; registers them in the header navigation."""

from django.apps import AppConfig


class DashboardConfig(AppConfig):  # type: ignore[misc]  # Django ships no type hints
    name = "lineofsight.web.dashboard"
    label = "dashboard"
    verbose_name = "Council data pages"

    def ready(self) -> None:
        from lineofsight.web.accounts.navigation import register_page
        from lineofsight.web.dashboard.warming import warm_data_pages
        from lineofsight.web.warm import register_warmer

        register_warmer(self.label, warm_data_pages)

        register_page(
            "overview:index",
            "Overview",
            "Your council's headline indicators by theme, against neighbours, region and England.",
        )
        register_page(
            "overview:compare",
            "Compare",
            "Choose councils and indicators and see them side by side.",
        )
        register_page(
            "overview:ofsted",
            "Ofsted",
            "Latest inspection judgements, inspection history and what neighbours got.",
        )
        register_page(
            "overview:signals",
            "Signals",
            "Early-warning prompts from the figures, and the Ofsted risk model's estimate.",
        )
