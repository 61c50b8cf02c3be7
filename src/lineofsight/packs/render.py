"""A pack to HTML (Jinja2 templates in ``templates/``) and to a tagged PDF (WeasyPrint, PDF/UA-1).

Reproducible by construction: the only date inside is the pack's "data as at" date, which also
sets the PDF's creation and modification dates, and the PDF's file identifier is a digest of the
HTML, so the same data and date give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache
from importlib import resources

import jinja2

from lineofsight.packs.model import Pack, Section
from lineofsight.wording import date_text


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("lineofsight.packs", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["day"] = _day
    env.filters["iso_day"] = date_text
    return env


@cache
def _css() -> str:
    return resources.files("lineofsight.packs").joinpath("templates/pack.css").read_text("utf-8")


def _day(when: dt.date) -> str:
    return f"{when.day} {when:%B %Y}"


def _numbered(sections: tuple[Section, ...]) -> list[tuple[str, Section]]:
    return [(str(n), s) for n, s in enumerate(sections, start=1)]


def render_html(pack: Pack) -> str:
    """The pack as one self-contained HTML document (print CSS included)."""
    template = _environment().get_template("pack.html")
    return template.render(
        pack=pack,
        css=_css(),
        numbered=_numbered(pack.sections),
        stamp=f"{pack.as_at.isoformat()}T00:00:00Z",
    )


def render_pdf(pack: Pack, html: str | None = None) -> bytes:
    """The pack as a tagged PDF (PDF/UA-1: structure tree, document language, title)."""
    from weasyprint import HTML  # imported here: it takes a second or two to load

    text = html if html is not None else render_html(pack)
    identifier = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32].encode("ascii")
    pdf: bytes = HTML(string=text).write_pdf(
        pdf_variant="pdf/ua-1",
        pdf_identifier=identifier,
        custom_metadata=False,
    )
    return pdf
