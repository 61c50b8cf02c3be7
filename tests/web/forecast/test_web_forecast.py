"""The Forecast page as people see it: the published fan chart and its sentence for every reader,
the own-data section marked synthetic, and scenarios only the director can save (audited)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from lineofsight.forecast import own
from lineofsight.web.audit.models import Action, AuditEvent
from lineofsight.web.forecast.basis import rates_from_record, rates_record, save_basis
from lineofsight.web.forecast.models import SavedScenario

pytestmark = pytest.mark.django_db
STOKE = "E06000021"


def small_rates() -> own.Rates:
    """Aggregates as kept from a 903: 300 children in two states, arrivals and leavers."""
    fos = own.state_index(3, 0)  # 11-15, fostering
    res = own.state_index(3, 1)  # 11-15, residential
    exposure = np.zeros(own.N_STATES)
    exposure[[fos, res]] = [250 * 365, 50 * 365]
    moves = np.zeros((own.N_STATES, own.N_STATES + 1))
    moves[fos, own.EXIT], moves[res, own.EXIT], moves[res, fos] = 60, 10, 5
    entries = np.zeros(own.N_STATES)
    entries[[fos, res]] = [55, 10]
    opening = np.zeros(own.N_STATES)
    opening[[fos, res]] = [250, 50]
    return own.Rates(
        pd.Timestamp(2025, 4, 1), pd.Timestamp(2026, 3, 31), exposure, moves, entries, 0.6, opening
    )


def page(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.content, "html.parser")


def test_rates_survive_the_round_trip_through_json() -> None:
    r = small_rates()
    back = rates_from_record(rates_record(r))
    assert np.array_equal(back.moves, r.moves) and back.window_end == r.window_end


def test_a_reader_sees_the_published_fan_chart_with_its_sentence_and_no_form(signed_in) -> None:  # type: ignore[no-untyped-def]
    response = signed_in("leader").get(reverse("forecast:index"))
    assert response.status_code == 200
    soup = page(response)
    svg = soup.select_one("#published ~ figure svg")
    assert svg is not None and svg["role"] == "img"
    caption = soup.select_one("#published-sentence").get_text()  # type: ignore[union-attr]
    assert caption.startswith("Children looked after at 31 March was 1,063 in 2025")
    assert "80% chance" in caption
    assert "No forecast from the council's own returns yet" in soup.get_text()
    assert "--keep" in soup.get_text()
    assert soup.select("form[action$='scenarios/']") == []


def test_the_director_saves_a_scenario_and_it_is_compared_with_the_base(signed_in) -> None:  # type: ignore[no-untyped-def]
    save_basis(STOKE, small_rates(), "synthetic demo returns", synthetic=True)
    client = signed_in("director")
    soup = page(client.get(reverse("forecast:index")))
    assert "Synthetic" in soup.select_one(".govuk-inset-text").get_text()  # type: ignore[union-attr]
    assert soup.select_one("form[action$='scenarios/']") is not None
    response = client.post(
        reverse("forecast:scenario-save"),
        {"name": "More entering care", "entry_change": "20", "inflation": "4"},
    )
    assert response.status_code == 302
    saved = SavedScenario.objects.get(la_code=STOKE)
    assert saved.settings["entry_rate"] == pytest.approx(1.2)
    event = AuditEvent.objects.get(action=Action.CHANGE)
    assert (
        event.object_type == "forecast scenario" and event.details["name"] == "More entering care"
    )
    soup = page(client.get(reverse("forecast:index") + f"?scenario={saved.pk}"))
    rows = [
        [c.get_text(strip=True) for c in tr.select("td")]
        for tr in soup.select("#scenarios + .los-table-scroll table tbody tr")
    ]
    assert [r[0] for r in rows] == ["Base", "More entering care"]
    assert rows[0][2] == "+0" and rows[1][2].startswith("+") and rows[1][6].startswith("+£")
    assert "Scenario shown: More entering care" in soup.get_text()
    months = soup.select("#monthly tbody tr")
    assert len(months) == 36


def test_a_bad_form_is_shown_again_with_the_error_and_nothing_saved(signed_in) -> None:  # type: ignore[no-untyped-def]
    save_basis(STOKE, small_rates(), "synthetic demo returns", synthetic=True)
    client = signed_in("director")
    response = client.post(reverse("forecast:scenario-save"), {"name": "", "step_down": "lots"})
    assert response.status_code == 400
    text = page(response).get_text(" ", strip=True)
    assert "Enter a name for the scenario" in text and "must be a number" in text
    response = client.post(reverse("forecast:scenario-save"), {"name": "Far", "step_down": "90"})
    assert response.status_code == 400
    assert "must be between 0 and 0.5" in page(response).get_text()
    assert not SavedScenario.objects.exists()


def test_only_the_director_saves_or_deletes(signed_in) -> None:  # type: ignore[no-untyped-def]
    saved = SavedScenario.objects.create(la_code=STOKE, name="X", settings={"name": "X"})
    leader = signed_in("leader")
    assert leader.post(reverse("forecast:scenario-save"), {"name": "Y"}).status_code == 403
    url = reverse("forecast:scenario-delete", args=[saved.pk])
    assert leader.post(url).status_code == 403
    director = signed_in("director", email="director2@example.org")
    assert director.post(url).status_code == 302
    assert not SavedScenario.objects.exists()
