"""GOV.UK tag colours for judgements: presentation, so it lives in web, not beside the data."""

from __future__ import annotations

TAG_COLOURS = {
    "Outstanding": "govuk-tag--green",
    "Good": "govuk-tag--teal",
    "Requires improvement to be good": "govuk-tag--yellow",
    "Inadequate": "govuk-tag--red",
    "Typically positive experiences and outcomes": "govuk-tag--green",
    "Inconsistent experiences and outcomes": "govuk-tag--yellow",
    "Widespread and/or systemic failings": "govuk-tag--red",
    "No written statement of action": "govuk-tag--green",
    "Written statement of action required": "govuk-tag--red",
}


def tag_class(judgement: str) -> str:
    """The govuk-tag modifier for an Ofsted judgement or SEND outcome; grey when it is not known."""
    return TAG_COLOURS.get(judgement, "govuk-tag--grey")
