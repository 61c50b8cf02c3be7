"""A pack to HTML (Jinja2 templates in ``templates/``) and to a tagged PDF (WeasyPrint, PDF/UA-1).

Reproducible by construction: the only date inside is the pack's "data as at" date, which also
sets the PDF's creation and modification dates, and the PDF's file identifier is a digest of the
HTML, so the same data and date give byte-identical files.
"""

from __future__ import annotations

import atexit
import datetime as dt
import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from lineofsight.packs.model import Pack, Section
from lineofsight.wording import date_text, day_month_year

FONT_FAMILY = "Line of Sight Sans"
FONTS = Path(__file__).resolve().parent / "fonts"
FONT_FILES = (
    ("LineOfSightSans-Regular.ttf", "normal", "normal"),
    ("LineOfSightSans-Bold.ttf", "bold", "normal"),
    ("LineOfSightSans-Italic.ttf", "normal", "italic"),
)


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
    return f"{day_month_year(when)}"


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


@cache
def _print_fonts() -> tuple[Any, Any]:
    """The bundled typeface as a WeasyPrint stylesheet, loaded once per process.

    Bundled so that a pack is the same document on every machine, whatever fonts it has; see
    ``fonts/README.md`` for where the font comes from and why it is a derivative.
    """
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    # Let it go before the interpreter tears WeasyPrint's modules down, or its finaliser fails.
    atexit.register(_print_fonts.cache_clear)
    faces = "".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; font-style: {style};'
        f" src: url({(FONTS / file).as_uri()}); }}\n"
        for file, weight, style in FONT_FILES
    )
    return CSS(string=faces, font_config=config), config


def render_pdf(pack: Pack, html: str | None = None) -> bytes:
    """The pack as a tagged PDF (PDF/UA-1: structure tree, document language, title)."""
    from weasyprint import HTML  # imported here: it takes a second or two to load

    text = html if html is not None else render_html(pack)
    identifier = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32].encode("ascii")
    fonts, config = _print_fonts()
    with _collector_paused():
        pdf: bytes = HTML(string=text).write_pdf(
            stylesheets=[fonts],
            font_config=config,
            pdf_variant="pdf/ua-1",
            pdf_identifier=identifier,
            custom_metadata=False,
            # The bundled faces are small (about 50 KB each), so they go in whole: subsetting
            # them for every pack cost time, and fontTools stamps each subset with the clock.
            full_fonts=True,
        )
    return pdf


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold Python's cyclic garbage collector while WeasyPrint typesets.

    Typesetting makes hundreds of thousands of short-lived objects, and each of them counts
    towards the collector's next pass over everything the process holds (the bundled data
    included): about 15% of a pack's time on a 2-core machine. The pause lasts one render (a
    pack peaks near 200 MB); reference counting still frees memory meanwhile, and the
    collector resumes where it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
