"""The packs as PDFs: the council's actual figures, codes for suppressed and missing values, the
sources and data dates on every page, a tagged structure, and byte-for-byte reproducibility.

Why: a pack is what leaders read on paper; a wrong or silently dropped figure there is worse than
on a web page, because nobody can click through to check it.
"""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from packs_support import CITY, RUTLAND, STOKE, built, pdf_of, pdf_pages, pdf_text

from lineofsight.benchmark.engine import get_benchmark
from lineofsight.packs.figures import cell, source_refs
from lineofsight.packs.render import render_html, render_pdf
from lineofsight.packs.sections.indicators import headline_ids
from lineofsight.wording import date_text

QUARTET_LAS = [STOKE, RUTLAND, CITY]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("la", QUARTET_LAS)
def test_quartet_pdf_shows_the_councils_figures_against_the_benchmark(la: str) -> None:
    text = pdf_text(pdf_of("quartet", la))
    b = get_benchmark()
    council = b.registry.get(la)
    checked = 0
    for entry in b.profile(council).entries:
        if entry.indicator.theme == "ofsted":
            continue
        shown = cell(entry.value, entry.indicator)
        assert _flat(shown) in text, f"{entry.indicator.id}: {shown!r} not in the PDF"
        if entry.indicator.unit == "count":  # counts are said, not set against region totals
            continue
        median = cell(entry.neighbours_median, entry.indicator)
        assert _flat(median) in text, f"{entry.indicator.id} neighbours: {median!r}"
        checked += 1
    assert checked >= 50
    assert council.name in text


def test_stoke_figures_read_as_published() -> None:
    """Spot values written out, so a formatting change that hides a number fails here."""
    text = pdf_text(pdf_of("quartet", STOKE))
    e = get_benchmark().entry(get_benchmark().registry.get(STOKE), "cla_rate_per_10k")
    assert e is not None and e.value.number == 170
    assert "Children looked after per 10,000 children (at 31 March 2025) 170" in text


def test_suppressed_values_keep_their_code_and_say_why() -> None:
    text = pdf_text(pdf_of("quartet", RUTLAND))
    row = re.search(r"placements in the year \(year to 31 March 2025\) \[c\] suppressed", text)
    assert row, "Rutland's suppressed placement stability figure lost its [c]"
    assert "[c] suppressed: DfE withholds a figure based on a small number" in text


def test_missing_and_unavailable_values_keep_their_codes() -> None:
    city = pdf_text(pdf_of("quartet", CITY))
    assert "[x] not available" in city
    assert "[z] not applicable" in city  # long-term placement stability
    assert "Codes: [c] suppressed" in city


def test_every_page_carries_the_council_data_date_sources_and_number() -> None:
    pages = pdf_pages(pdf_of("quartet", STOKE))
    assert len(pages) > 5
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
        assert "Sources: Department for Education" in page
        assert "Open Government Licence v3.0" in page
        if n > 1:  # the cover has the council and date in large type instead of the header
            assert "Stoke-on-Trent · Strategic quartet briefing · Data as at 1 April 2026" in page
    assert "Data as at 1 April 2026" in pages[0]


def test_contents_page_gives_page_numbers() -> None:
    pages = pdf_pages(pdf_of("quartet", STOKE))
    # The contents follow the cover summary on the first page and may run on to the second.
    contents = " ".join(pages[:2])
    assert "Contents" in pages[0]
    found = re.search(r"Sources and notes[ .]*?(\d+)", contents)
    assert found, contents
    target = int(found.group(1))
    assert "Sources and notes" in pages[target - 1]


def test_sources_listed_with_their_release_dates() -> None:
    text = pdf_text(pdf_of("quartet", STOKE))
    b = get_benchmark()
    council = b.registry.get(STOKE)
    ids = {e.source_id for e in b.profile(council).entries if e.source_id}
    refs = source_refs(ids)
    assert refs
    for ref in refs:
        assert _flat(ref.publication)[:40] in text
        assert date_text(ref.release) in text
    assert "Children looked after in England including adoptions" in text
    assert "Must know: The role of a council leader" in text  # the quoted guide


def test_chart_years_are_stated() -> None:
    text = pdf_text(pdf_of("quartet", STOKE))
    assert (
        "Children looked after per 10,000 children, Stoke-on-Trent, 2021 to 2025 (at 31 March)"
        in text
    )
    assert "The figures in the chart" in text


def test_pdf_is_tagged_with_language_title_and_structure() -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf_of("quartet", STOKE)))
    root = reader.trailer["/Root"].get_object()
    assert isinstance(root, pypdf.generic.DictionaryObject)
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]) == "en-GB"
    mark_info = root["/MarkInfo"].get_object()
    assert isinstance(mark_info, pypdf.generic.DictionaryObject)
    assert bool(mark_info["/Marked"]) is True
    assert reader.metadata is not None
    assert (
        reader.metadata.title
        == "Strategic quartet briefing: Stoke-on-Trent, data as at 1 April 2026"
    )
    assert str(reader.metadata.get("/CreationDate", "")).startswith("D:20260401")


def test_same_data_and_date_give_byte_identical_html_and_pdf() -> None:
    from lineofsight.packs.catalogue import build_pack

    first = build_pack("corporate-parenting", RUTLAND)
    second = build_pack("corporate-parenting", RUTLAND)
    html = render_html(first)
    assert html == render_html(second)
    assert render_pdf(first, html) == render_pdf(second)


def test_pdf_is_set_in_the_bundled_typeface_whatever_the_machine_has() -> None:
    """Every glyph of a pack comes from the bundled faces, embedded whole, so the document does
    not change with the fonts a machine happens to have (it did: DejaVu here, Liberation there)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf_of("quartet", STOKE)))
    faces = set()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font")
        for ref in (fonts.get_object() if fonts else {}).values():
            faces.add(str(ref.get_object()["/BaseFont"]).split("+")[-1])  # after the subset tag
    assert faces == {
        "Line-of-Sight-Sans",
        "Line-of-Sight-Sans-Bold",
        "Line-of-Sight-Sans-Italic",
    }, faces


def test_bundled_faces_carry_no_reserved_font_name() -> None:
    """The OFL forbids a modified font to use its Reserved Font Names (Liberation, Arimo...)."""
    from fontTools.ttLib import TTFont

    from lineofsight.packs.render import FONT_FAMILY, FONT_FILES, FONTS

    for file, _, _ in FONT_FILES:
        names = TTFont(FONTS / file)["name"]
        assert names.getDebugName(1) == FONT_FAMILY
        for name_id in (1, 3, 4, 6, 16):
            text = names.getDebugName(name_id) or ""
            assert not any(r in text for r in ("Liberation", "Arimo", "Tinos", "Cousine")), text
    assert (FONTS / "OFL.txt").read_text("utf-8").startswith("Digitized data copyright")


@pytest.mark.parametrize(
    ("kind", "la", "theme", "expect"),
    [
        ("scrutiny", RUTLAND, "care_leavers", "Questions scrutiny should ask"),
        ("corporate-parenting", CITY, None, "Placement stability and sufficiency"),
        ("self-evaluation", STOKE, None, "Ofsted's three questions"),
    ],
)
def test_other_packs_render_to_pdf_with_their_figures(
    kind: str, la: str, theme: str | None, expect: str
) -> None:
    pack, _ = built(kind, la, theme)
    text = pdf_text(pdf_of(kind, la, theme))
    assert expect in text
    assert pack.title.split(":")[0] in text
    council = get_benchmark().registry.get(la)
    from lineofsight.assurance.content import self_evaluation_template
    from lineofsight.packs.context import make_context

    ctx = make_context(council)
    if kind == "self-evaluation":
        section = next(s for s in self_evaluation_template().sections if s.id == "children_in_care")
        ids = [i for i in section.indicators if not i.startswith("ilacs_")]
    else:
        themes = {"care_leavers"} if kind == "scrutiny" else {"children_in_care", "care_leavers"}
        ids = headline_ids(ctx, themes)
    for ident in ids[:10]:
        e = ctx.entries[ident]
        assert _flat(cell(e.value, e.indicator)) in text, ident
