"""The sign-in form, with messages in plain English for the GOV.UK error summary."""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):  # type: ignore[misc]  # Django has no type hints
    """Email and password; errors say what to do, never which of the two was wrong."""

    username = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@council.gov.uk",
        },
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
    )

    error_messages: ClassVar[dict[str, str]] = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been switched off: ask your administrator",
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip().lower()
