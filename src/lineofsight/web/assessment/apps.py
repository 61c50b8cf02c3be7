"""Django app configuration for the assurance pages; registers them in the navigation."""

from django.apps import AppConfig


class AssessmentConfig(AppConfig):  # type: ignore[misc]  # Django ships no type hints
    name = "lineofsight.web.assessment"
    label = "assessment"
    verbose_name = "Assurance (key questions, enablers, self-evaluation)"

    def ready(self) -> None:
        from lineofsight.web.accounts.navigation import register_page
        from lineofsight.web.assessment import demo  # noqa: F401  # registers the demo loader

        register_page(
            "assessment:index",
            "Key questions",
            "Rate the council against the leader's key questions, with the evidence beside each.",
        )
        register_page(
            "assessment:enablers",
            "Enablers",
            "Rate the council's maturity on the seven key enablers of improvement.",
        )
        register_page(
            "assessment:self-evaluation",
            "Self-evaluation",
            "The Ofsted self-evaluation: drafted from the data, edited by the director.",
        )
