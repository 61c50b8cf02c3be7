"""What each pack says, read from its HTML: every section is there even with nothing recorded,
a council's record (weak answers, overdue actions, roles, voices, the DCS's own text) shows, and
the scrutiny questions say where they come from.

Why: a section that silently vanishes reads as "nothing to worry about"; the packs must say
what is missing instead, and show what the council has recorded when it has.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from packs_support import AS_AT, CITY, RUTLAND, STOKE, built, pdf_text, with_record

from lineofsight.assurance.content import key_questions
from lineofsight.assurance.records import Action, Answer, GovernanceRecord, RoleHolder, Voice
from lineofsight.errors import UserError
from lineofsight.packs.catalogue import PACKS, build_pack
from lineofsight.packs.render import render_html, render_pdf

ISLES = "E06000053"  # Isles of Scilly: many figures not published


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _words(node: object) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ", strip=True)) if node else ""  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", list(PACKS))
@pytest.mark.parametrize("la", [STOKE, RUTLAND, CITY, ISLES])
def test_every_pack_renders_whole_for_several_councils(kind: str, la: str) -> None:
    pack, html = built(kind, la, "children_in_care" if kind == "scrutiny" else None)
    page = soup(html)
    assert page.html is not None and page.html["lang"] == "en-GB"
    assert page.title is not None and pack.la.name in page.title.get_text()
    assert not re.search(r"\b(None|nan|NaN|undefined)\b", _words(page.body))
    contents = [a["href"] for a in page.select("nav.contents a")]
    for section in pack.sections:
        assert f"#{section.id}" in contents
        assert page.find(id=section.id) is not None
    for fig in page.select("figure"):
        svg = fig.find("svg")
        assert svg is not None and svg.find("title") is not None
        assert fig.find("table", class_="chart-data") is not None, "a chart without its numbers"
    for table in page.select("main table"):
        assert table.caption is not None and table.caption.get_text(strip=True)


def test_empty_record_sections_say_so() -> None:
    _, html = built("quartet", STOKE)
    text = _words(soup(html))
    assert "No key questions have been assessed yet: all 25 questions" in text
    assert "No actions have been recorded yet" in text
    assert "No statutory roles have been recorded yet" in text
    assert "No one is recorded as director of children's services (DCS)." in text
    _, cp = built("corporate-parenting", STOKE)
    assert "No views from children and young people have been recorded yet" in _words(soup(cp))


def test_ofsted_position_and_time_since_the_last_inspection() -> None:
    _, html = built("quartet", STOKE)
    ofsted = _words(soup(html).find(id="ofsted"))
    assert "Ofsted last inspected Stoke-on-Trent's children's services" in ofsted
    assert re.search(
        r"That is \d+ years? and \d+ months? before this pack's date", ofsted
    ) or re.search(r"That is \d+ (years?|months?) before this pack's date", ofsted)
    assert "Overall effectiveness" in ofsted


def _record(la_code: str) -> GovernanceRecord:
    kq = key_questions().questions
    return GovernanceRecord(
        la_code=la_code,
        as_at=AS_AT,
        answers=(
            Answer(kq[0].id, "weak", owner="Chief executive", review_date=dt.date(2026, 6, 30)),
            Answer(kq[1].id, "strong", review_date=dt.date(2026, 1, 31)),  # review overdue
            Answer(kq[2].id, "adequate", review_date=dt.date(2026, 12, 31)),
        ),
        actions=(
            Action(
                "Recruit permanent team managers",
                "Director",
                "Improvement board",
                dt.date(2026, 2, 1),
                "in_progress",
                "Two offers made",
            ),
            Action(
                "Review sufficiency strategy",
                "Head of placements",
                "Corporate parenting board",
                dt.date(2026, 3, 1),
                "open",
            ),
            Action("Done already", "Leader", "Improvement board", dt.date(2025, 1, 1), "done"),
        ),
        roles=(
            RoleHolder(
                "dcs",
                "Alex Example",
                appointed=dt.date(2025, 10, 1),
                interim=True,
                additional_responsibilities="adult social care",
            ),
            RoleHolder("lmcs", "Sam Sample", appointed=dt.date(2020, 5, 1)),
            RoleHolder("leader", ""),
        ),
        voices=(
            Voice(
                dt.date(2026, 2, 10),
                "Children in care council",
                "Children in care",
                "We want to see our social worker more often.",
                response="Caseloads reduced in two teams; visits tracked monthly.",
                reported_to_council=True,
            ),
            Voice(dt.date(2026, 3, 5), "Survey", "Care leavers", "Housing is hard to find."),
        ),
        self_evaluation={"children_in_care": {"know": "Our own words about children in care."}},
    )


def test_recorded_governance_shows_in_the_quartet_pack() -> None:
    pack = with_record("quartet", STOKE, _record(STOKE))
    html = render_html(pack)
    page = soup(html)
    kq = key_questions().questions
    questions = _words(page.find(id="key-questions"))
    assert kq[0].text in questions and "Weak" in questions
    assert kq[1].text in questions and "Strong, review overdue" in questions
    assert kq[2].text not in questions  # adequate and in date
    actions = _words(page.find(id="actions"))
    assert "Recruit permanent team managers" in actions and "overdue by 59 days" in actions
    assert "Review sufficiency strategy" in actions and "overdue by 31 days" in actions
    assert "Done already" not in actions
    roles = _words(page.find(id="roles"))
    assert "Alex Example (interim)" in roles
    assert "Alex Example is interim director of children's services (DCS)." in roles
    assert "no test of assurance is recorded" in roles
    assert "The post of leader of the council is vacant." in roles
    assert "less than the three years or more" in roles
    text = pdf_text(render_pdf(pack, html))
    assert "Recruit permanent team managers" in text
    assert "Alex Example" in text


def test_corporate_parenting_pack_shows_voices_and_the_boards_actions() -> None:
    html = render_html(with_record("corporate-parenting", STOKE, _record(STOKE)))
    page = soup(html)
    voices = _words(page.find(id="voices"))
    assert "We want to see our social worker more often." in voices
    assert "Caseloads reduced in two teams" in voices
    assert "No response recorded yet" in voices  # the care leavers' housing point
    actions = _words(page.find(id="actions"))
    assert "Review sufficiency strategy" in actions
    assert "Recruit permanent team managers" not in actions  # another board's action


def test_self_evaluation_uses_the_directors_text_where_recorded() -> None:
    html = render_html(with_record("self-evaluation", STOKE, _record(STOKE)))
    page = soup(html)
    mine = _words(page.find(id="children_in_care-know"))
    assert "Our own words about children in care." in mine
    assert "Text as written by the director" in mine
    other = _words(page.find(id="help_and_protection-know"))
    assert "Drafted by Line of Sight from the published figures" in other
    assert "To add:" in _words(page.find(id="help_and_protection-how"))


def test_scrutiny_questions_are_quoted_with_their_sources() -> None:
    _, html = built("scrutiny", STOKE, "children_in_care")
    page = soup(html)
    questions = _words(page.find(id="questions"))
    assert "From the LGA guide's key questions for leaders" in questions
    assert "Quoted from Local Government Association (LGA)" in questions
    assert "The wording is Line of Sight's, not Ofsted's." in questions
    cp = next(t for t in key_questions().themes if t.id == "corporate_parenting")
    assert cp.questions[0].text in questions


def test_since_the_previous_pack_lists_newer_figures() -> None:
    pack = build_pack("quartet", STOKE, since=dt.date(2025, 6, 1))
    changes = _words(soup(render_html(pack)).find(id="changes"))
    assert "released after 1 June 2025, the data date of the previous pack" in changes
    assert "At the previous pack" in changes


def test_bad_choices_are_one_sentence_errors() -> None:
    with pytest.raises(UserError, match="Unknown theme 'nursery'"):
        build_pack("scrutiny", STOKE, theme="nursery")
    with pytest.raises(UserError, match="Only the scrutiny pack takes a theme"):
        build_pack("quartet", STOKE, theme="finance")
    with pytest.raises(UserError, match="Unknown pack"):
        build_pack("annual-report", STOKE)
    with pytest.raises(UserError, match="must be before"):
        build_pack("quartet", STOKE, since=dt.date(2030, 1, 1))
    with pytest.raises(UserError, match="no longer has children's services"):
        build_pack("quartet", "Northamptonshire")


def test_quartet_gives_every_signal_with_its_sentence_most_severe_first() -> None:
    from lineofsight.benchmark.engine import get_benchmark
    from lineofsight.signals.engine import signals_for

    b = get_benchmark()
    signals = signals_for(b.registry.get(STOKE), b)
    assert signals, "Stoke-on-Trent has signals in the bundled data"
    _, html = built("quartet", STOKE)
    section = _words(soup(html).find(id="signals"))
    positions = [section.find(_words(soup(s.sentence))) for s in signals]
    assert all(p >= 0 for p in positions), "a signal's sentence is missing from the pack"
    severities = [s.severity.label for s in signals]
    order = {"high": 0, "medium": 1, "low": 2}
    firsts = {
        lvl: min(p for p, s in zip(positions, severities, strict=True) if s == lvl)
        for lvl in set(severities)
    }
    assert sorted(firsts, key=firsts.__getitem__) == sorted(firsts, key=order.__getitem__)


def test_quartet_lists_what_got_worse_with_both_years() -> None:
    from lineofsight.benchmark.engine import get_benchmark
    from lineofsight.packs.figures import better_or_worse, cell

    b = get_benchmark()
    council = b.registry.get(STOKE)
    _, html = built("quartet", STOKE)
    changes = _words(soup(html).find(id="changes"))
    worse = [
        e
        for e in b.profile(council).entries
        if e.indicator.theme != "ofsted"
        and e.change is not None
        and e.previous_year is not None
        and better_or_worse(e.indicator, e.change) == "worse"
    ]
    assert worse
    assert f"Worse than the year before ({len(worse)}):" in changes
    for e in worse:
        line = (
            f"{e.indicator.title}: {cell(e.previous, e.indicator)} ({e.previous_year}) to "
            f"{cell(e.value, e.indicator)} ({e.year})"
        )
        assert _words(soup(line)) in changes


def test_quartet_opens_with_what_needs_attention() -> None:
    """The same judgements as the overview: at most seven, each with the question to ask."""
    _, html = built("quartet", STOKE)
    page = soup(html)
    section = page.find(id="attention")
    assert section is not None
    items = section.find_all("li")
    assert 1 <= len(items) <= 7
    text = _words(section)
    assert "Children looked after per 10,000 children was 170" in text
    assert "Ask:" in text
    headings = [h.get("id") for h in page.find_all(["section"]) if h.get("id")]
    if headings:
        assert headings.index("attention") < headings.index("signals")


def test_unassessed_key_questions_are_one_line_not_a_row_each() -> None:
    """A partly assessed record: the weak and overdue answers are rows; the 22 questions nobody
    has rated yet are one sentence, not 22 rows saying "no owner recorded"."""
    pack = with_record("quartet", STOKE, _record(STOKE))
    section = soup(render_html(pack)).find(id="key-questions")
    assert section is not None
    rows = section.select("tbody tr")
    assert len(rows) == 2  # weak, and strong but past its review date
    text = _words(section)
    assert "no owner recorded" not in text.replace("no owner recorded", "", 1)  # at most once
    assert "22 of 25 key questions have not been assessed yet:" in text


def test_a_command_line_pack_says_it_reads_published_data_only() -> None:
    _, html = built("quartet", STOKE)
    assert "This pack reads published data only" in _words(soup(html))
    web = with_record("quartet", STOKE, GovernanceRecord.empty(STOKE, AS_AT))
    text = _words(soup(render_html(web)))
    assert "This pack reads published data only" not in text
    assert "Nothing has been recorded in the service yet" in text


def _charted_themes(html: str) -> dict[str, str]:
    """Theme section id -> the title of the chart drawn in it."""
    out = {}
    for fig in soup(html).select("figure"):
        section = fig.find_parent("section")
        title = fig.select_one("svg title")
        assert section is not None and title is not None
        out[str(section["id"])] = title.get_text()
    return out


def test_the_quartet_pack_charts_every_theme_it_has_figures_for() -> None:
    """As the indicator pages draw them: every theme's lead indicator over time, its figures
    beneath (the chart-data table is checked for every pack above)."""
    from lineofsight.packs.sections.indicators import CHART_INDICATORS

    _, html = built("quartet", STOKE)
    charts = _charted_themes(html)
    assert set(charts) == {f"theme-{t}" for t in CHART_INDICATORS}
    assert charts["theme-send"].startswith("New EHC plans issued within 20 weeks")
    send = soup(html).select_one("#theme-send figure svg desc")
    assert send is not None and "Stoke-on-Trent's new EHC plans issued" in send.get_text()


def test_no_quartet_chart_for_a_theme_the_council_has_under_two_figures_of() -> None:
    """City of London has no youth justice or children-in-care attainment figure, and one year
    of child protection plans: lines for other councils alone would say nothing about it."""
    _, html = built("quartet", CITY)
    charts = _charted_themes(html)
    for theme in ("youth_justice", "education", "help_and_protection"):
        assert f"theme-{theme}" not in charts
        assert soup(html).find(id=f"theme-{theme}") is not None  # the table is still there
    assert {"theme-children_in_care", "theme-workforce", "theme-front_door"} <= set(charts)
