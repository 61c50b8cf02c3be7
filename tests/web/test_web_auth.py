"""Sign-in, sign-out, lockout, session expiry, CSRF and demo-account refusal, as a user meets them.

Why: these are the service's front door; each test drives the real sign-in form and checks what
the user sees (headings, error summary, redirects) and what the audit log recorded.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client, override_settings
from django.urls import reverse
from web_support import PASSWORD, STOKE

from lineofsight.web.audit.models import Action, AuditEvent

SIGN_IN = "/sign-in/"
ACCOUNTS = "/accounts/"  # an administrators' page: 200 while signed in, else the sign-in redirect


def _soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.content, "html.parser")


def _post_sign_in(client: Client, email: str, password: str, **extra: str):  # type: ignore[no-untyped-def]
    return client.post(SIGN_IN, {"username": email, "password": password, **extra})


def test_sign_in_lands_home_and_is_audited(client: Client, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("director")
    response = _post_sign_in(client, user.email.upper(), PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    page = _soup(client.get("/", follow=True))
    assert page.select_one(".govuk-generic-header__homepage-link").get_text(strip=True) == (
        "Stoke-on-Trent"
    )
    event = AuditEvent.objects.get(action=Action.SIGN_IN)
    assert (event.email, event.la_code, event.user_id) == (user.email, STOKE, user.pk)
    assert event.ip_address == "127.0.0.1"  # the test client's REMOTE_ADDR


def test_wrong_password_shows_error_summary_and_is_audited(client: Client, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("leader")
    response = _post_sign_in(client, user.email, "not-the-password")
    assert response.status_code == 400
    page = _soup(response)
    summary = page.select_one(".govuk-error-summary")
    assert summary is not None
    assert "Enter a correct email address and password" in summary.get_text()
    assert page.title.get_text().startswith("Error: Sign in")
    failed = AuditEvent.objects.get(action=Action.SIGN_IN_FAILED)
    assert failed.email == user.email and failed.la_code == STOKE


def test_empty_form_names_both_fields(client: Client) -> None:
    page = _soup(_post_sign_in(client, "", ""))
    links = [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")]
    assert links == ["Enter your email address", "Enter your password"]


@pytest.mark.django_db
def test_unknown_email_is_audited_without_a_council(client: Client) -> None:
    _post_sign_in(client, "nobody@example.org", "whatever-password")
    event = AuditEvent.objects.get(action=Action.SIGN_IN_FAILED)
    assert (event.email, event.la_code, event.user_id) == ("nobody@example.org", "", None)


def test_lockout_after_five_failures_even_with_the_right_password(
    client: Client, make_user
) -> None:  # type: ignore[no-untyped-def]
    user = make_user("analyst")
    statuses = [_post_sign_in(client, user.email, f"wrong-{i}").status_code for i in range(5)]
    assert statuses[:4] == [400, 400, 400, 400]
    assert statuses[4] == 429
    response = _post_sign_in(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert _soup(response).h1.get_text(strip=True) == "Sign-in blocked"
    assert client.get(ACCOUNTS).status_code == 302
    assert AuditEvent.objects.filter(action=Action.LOCKED_OUT, email=user.email).exists()


def test_lockout_is_per_account(client: Client, make_user) -> None:  # type: ignore[no-untyped-def]
    locked, other = make_user("analyst"), make_user("leader")
    for i in range(5):
        _post_sign_in(client, locked.email, f"wrong-{i}")
    assert _post_sign_in(client, other.email, PASSWORD).status_code == 302


def test_next_parameter_is_followed_only_on_this_site(client: Client, make_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("administrator")
    ok = _post_sign_in(client, admin.email, PASSWORD, next="/audit/")
    assert ok["Location"] == "/audit/"
    client.logout()
    evil = _post_sign_in(client, admin.email, PASSWORD, next="https://evil.example/")
    assert evil["Location"] == "/"


def test_sign_out_needs_a_post_and_ends_the_session(client: Client, make_user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(make_user("administrator"))
    confirm = client.get("/sign-out/")
    assert confirm.status_code == 200 and client.get(ACCOUNTS).status_code == 200
    done = client.post("/sign-out/")
    assert _soup(done).h1.get_text(strip=True) == "You have signed out"
    assert client.get(ACCOUNTS).status_code == 302
    assert AuditEvent.objects.filter(action=Action.SIGN_OUT).count() == 1


def test_csrf_is_enforced_on_sign_in(make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("leader")
    strict = Client(enforce_csrf_checks=True)
    assert _post_sign_in(strict, user.email, PASSWORD).status_code == 403
    page = _soup(strict.get(SIGN_IN))
    token = page.find("input", {"name": "csrfmiddlewaretoken"})["value"]
    response = strict.post(
        SIGN_IN, {"username": user.email, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("key", ["last_seen", "signed_in_at"])
def test_session_expires_when_idle_or_too_old(client: Client, make_user, key: str) -> None:  # type: ignore[no-untyped-def]
    from django.conf import settings

    client.force_login(make_user("administrator"))
    assert client.get(ACCOUNTS).status_code == 200
    session = client.session
    limit = (
        settings.SESSION_IDLE_SECONDS if key == "last_seen" else settings.SESSION_ABSOLUTE_SECONDS
    )
    session[key] = float(session[key]) - limit - 1
    session.save()
    response = client.get(ACCOUNTS)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:sign-in") + "?next=/accounts/"
    assert client.get(ACCOUNTS).status_code == 302  # signed out, not just redirected once


def test_session_within_limits_stays_signed_in(client: Client, make_user) -> None:  # type: ignore[no-untyped-def]
    from django.conf import settings

    client.force_login(make_user("administrator"))
    client.get(ACCOUNTS)
    session = client.session
    session["last_seen"] = float(session["last_seen"]) - settings.SESSION_IDLE_SECONDS + 60
    session.save()
    assert client.get(ACCOUNTS).status_code == 200


def test_demo_accounts_cannot_sign_in_where_refused(client: Client, make_user) -> None:  # type: ignore[no-untyped-def]
    demo = make_user("leader", is_demo=True)
    with override_settings(DEMO_ACCOUNTS_ALLOWED=False):
        assert _post_sign_in(client, demo.email, PASSWORD).status_code == 400
    assert _post_sign_in(client, demo.email, PASSWORD).status_code == 302


def test_inactive_account_cannot_sign_in(client: Client, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("leader", is_active=False)
    assert _post_sign_in(client, user.email, PASSWORD).status_code == 400
