"""The Jinja2 environment: GOV.UK Frontend macros plus Django's url, static and CSRF helpers.

Templates live in ``web/jinja2/`` (ours) and ``govuk_frontend_jinja/`` (the GOV.UK macros, imported as
``govuk_frontend_jinja/components/<name>/macro.html``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import jinja2
from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from lineofsight.web.date_input import boxes
from lineofsight.web.settings.base import WEB_DIR
from lineofsight.wording import day_month_year


def loader() -> jinja2.BaseLoader:
    """Our templates first, then the GOV.UK Frontend macros from the installed package."""
    return jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(str(WEB_DIR / "jinja2")),
            jinja2.PrefixLoader(
                {"govuk_frontend_jinja": jinja2.PackageLoader("govuk_frontend_jinja", "templates")}
            ),
        ]
    )


def _url(name: str, *args: Any, **kwargs: Any) -> str:
    return str(reverse(name, args=args or None, kwargs=kwargs or None))


def localtime_text(value: datetime) -> str:
    """A date and time in UK local time, as GOV.UK writes them: 22 November 2026, 7:05am."""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    return f"{day_month_year(local)}, {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def _finance_block(la_code: str) -> Any:
    """The overview's Money block (``web/finance``), built when the template asks for it."""
    from lineofsight.web.finance.page import finance_block

    return finance_block(la_code)


def environment(**options: Any) -> jinja2.Environment:
    """Build the environment Django's Jinja2 backend uses (``TEMPLATES[...]['OPTIONS']['environment']``)."""
    options["loader"] = loader()
    env = jinja2.Environment(**options)  # noqa: S701 - Django's Jinja2 backend sets autoescape=True
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.globals.update(
        {"url": _url, "static": static, "finance_block": _finance_block, "date_boxes": boxes}
    )
    env.filters["localtime_text"] = localtime_text
    return env


def service_context(request: HttpRequest) -> dict[str, Any]:
    """Names the header shows, the navigation the user's role allows, and the signed-in user's council."""
    from lineofsight.web.accounts.navigation import navigation_for, subnavigation_for
    from lineofsight.web.demo_marks import for_request

    user = getattr(request, "user", None)
    council = ""
    if user is not None and user.is_authenticated:
        council = user.scope.label
    return {
        "service_name": settings.SERVICE_NAME,
        "feedback_url": getattr(settings, "FEEDBACK_URL", ""),
        "council_name": council or settings.COUNCIL_NAME,
        "navigation": navigation_for(request),
        "subnavigation": subnavigation_for(request),
        "demo_marks": for_request(request),
    }
