"""Django app configuration for the governance pages; registers them in the navigation."""

from django.apps import AppConfig


class GovernanceConfig(AppConfig):  # type: ignore[misc]  # Django ships no type hints
    name = "lineofsight.web.governance"
    label = "governance"
    verbose_name = "Governance (boards, actions, statutory roles, corporate parenting)"

    def ready(self) -> None:
        from lineofsight.web.accounts.navigation import register_page
        from lineofsight.web.governance import demo  # noqa: F401  # registers the demo loader

        register_page(
            "governance:index",
            "Boards and meetings",
            "Boards and meetings: who attended, what was decided and the actions that followed.",
        )
        register_page(
            "governance:actions",
            "Action log",
            "The action log: every action, its owner and due date, and whether it was done.",
        )
        register_page(
            "governance:roles",
            "Statutory roles",
            "Who holds the DCS, lead member, chief executive and leader posts, and for how long.",
            in_header=False,
        )
        register_page(
            "governance:corporate-parenting",
            "Corporate parenting",
            "What children in care, care leavers and families said, and what the council did.",
            in_header=False,
        )
