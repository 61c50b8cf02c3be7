"""Django app configuration for the audit log; connects the sign-in signal receivers."""

from django.apps import AppConfig


class AuditConfig(AppConfig):  # type: ignore[misc]  # Django has no type hints
    name = "lineofsight.web.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from lineofsight.web.audit import receivers  # noqa: F401
