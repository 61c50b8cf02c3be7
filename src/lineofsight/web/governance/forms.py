"""The governance forms. Labels and hints are what people read; error messages say what to do.

Every free-text field on a leadership page carries the same warning: no names or details that
could identify a child. Voices and commitments are summaries, never case records.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from lineofsight.assurance.records import ACTION_STATUS_LABELS
from lineofsight.web.date_input import joined
from lineofsight.web.governance.models import (
    Board,
    Commitment,
    Decision,
    Meeting,
    RoleRecord,
    Voice,
)
from lineofsight.wording import day_month_year

NO_CHILD_DATA = (
    "Do not include children's names or anything that could identify a child: "
    "leadership pages show summaries only."
)


class DateInput(forms.DateInput):  # type: ignore[misc]
    """Rendered as GOV.UK day, month and year boxes (``_date_input.html``); read back as one date."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        text = joined(data, name)
        return data.get(name) if text is None else text


def _date(label: str, hint: str = "", required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=hint or "For example, 27 3 2027",
        required=required,
        widget=DateInput(format="%Y-%m-%d"),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a real date",
        },
    )


class BoardForm(forms.ModelForm):  # type: ignore[misc]
    class Meta:
        model = Board
        fields: ClassVar[list[str]] = ["name", "purpose", "chair"]
        labels: ClassVar[dict[str, str]] = {
            "name": "Board name",
            "purpose": "What the board is for",
            "chair": "Chair",
        }
        help_texts: ClassVar[dict[str, str]] = {
            "chair": "Name and role, for example 'Councillor Demo Person, lead member'.",
        }
        error_messages: ClassVar[dict[str, dict[str, str]]] = {
            "name": {"required": "Enter the board's name"},
        }


class MeetingForm(forms.ModelForm):  # type: ignore[misc]
    date = _date("Meeting date")
    decisions_text = forms.CharField(
        label="Decisions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One decision per line, in the order the minutes give them. " + NO_CHILD_DATA,
    )

    class Meta:
        model = Meeting
        fields: ClassVar[list[str]] = ["date", "attendance", "apologies", "notes"]
        labels: ClassVar[dict[str, str]] = {
            "attendance": "Who attended",
            "apologies": "Apologies",
            "notes": "Notes",
        }
        help_texts: ClassVar[dict[str, str]] = {
            "attendance": "One person per line, with their role.",
            "apologies": "One person per line.",
            "notes": NO_CHILD_DATA,
        }
        widgets: ClassVar[dict[str, Any]] = {
            "attendance": forms.Textarea(attrs={"rows": 5}),
            "apologies": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["decisions_text"] = "\n".join(
                d.text for d in self.instance.decisions.all()
            )


class ActionForm(forms.Form):  # type: ignore[misc]
    """Adding or editing an action; the board list and the decisions are the council's own."""

    title = forms.CharField(
        label="Action",
        max_length=300,
        help_text="What is to be done, in a sentence. " + NO_CHILD_DATA,
        error_messages={"required": "Enter the action"},
    )
    owner = forms.CharField(
        label="Owner",
        max_length=200,
        help_text="The person or post responsible, for example 'Director of children's services'.",
        error_messages={"required": "Enter who owns the action"},
    )
    board = forms.ModelChoiceField(
        queryset=Board.objects.none(),
        label="Board",
        empty_label=None,
        error_messages={"required": "Select the board that agreed the action"},
    )
    decision = forms.ModelChoiceField(
        queryset=Decision.objects.none(),
        label="Decision it came from (optional)",
        required=False,
        empty_label="Not from a recorded decision",
    )
    due = _date("Due date", required=False)

    def __init__(self, *args: Any, la_code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = Board.objects.filter(la_code=la_code)
        decisions = Decision.objects.filter(meeting__board__la_code=la_code).select_related(
            "meeting__board"
        )
        self.fields["decision"].queryset = decisions
        self.fields["decision"].label_from_instance = _decision_label
        self.fields["due"].help_text = "Leave blank if there is no date. " + str(
            self.fields["due"].help_text
        )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        decision, board = data.get("decision"), data.get("board")
        if decision is not None and board is not None and decision.meeting.board_id != board.pk:
            self.add_error("decision", "Select a decision of the same board, or none")
        return data


def _decision_label(decision: Decision) -> str:
    text = decision.text if len(decision.text) <= 80 else decision.text[:77] + "..."
    return f"{decision.meeting.board.name}, {day_month_year(decision.meeting.date)}: {text}"


class ActionUpdateForm(forms.Form):  # type: ignore[misc]
    status = forms.ChoiceField(
        label="Status",
        choices=list(ACTION_STATUS_LABELS.items()),
        error_messages={"required": "Select the action's status"},
    )
    note = forms.CharField(
        label="Update",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What has happened since the last update. " + NO_CHILD_DATA,
    )

    def __init__(self, *args: Any, current: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current = current
        if current and not self.is_bound:
            self.initial["status"] = current

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        if data.get("status") == self.current and not str(data.get("note", "")).strip():
            self.add_error("note", "Write an update, or change the status")
        return data


class RoleForm(forms.ModelForm):  # type: ignore[misc]
    appointed = _date("Date appointed", required=False)
    assurance_test_date = _date(
        "Date of the test of assurance",
        hint="Only for a DCS with other duties: the statutory test of assurance must be done.",
        required=False,
    )

    class Meta:
        model = RoleRecord
        fields: ClassVar[list[str]] = [
            "name",
            "appointed",
            "interim",
            "additional_responsibilities",
            "assurance_test_date",
            "deputy",
            "portfolio",
        ]
        labels: ClassVar[dict[str, str]] = {
            "name": "Name",
            "interim": "Interim appointment",
            "additional_responsibilities": "Additional responsibilities",
            "deputy": "Deputy",
            "portfolio": "Portfolio holders",
        }
        help_texts: ClassVar[dict[str, str]] = {
            "name": "Leave blank if the post is vacant.",
            "additional_responsibilities": (
                "Other roles the post holder has, for example 'adult social care'."
            ),
            "portfolio": "Cabinet portfolio holders who share responsibility, one per line.",
        }
        widgets: ClassVar[dict[str, Any]] = {"portfolio": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        if not str(data.get("name", "")).strip() and data.get("interim"):
            self.add_error("interim", "A vacant post cannot be interim: enter a name or untick")
        return data


class VoiceForm(forms.ModelForm):  # type: ignore[misc]
    date = _date("Date")
    reported_on = _date("Date reported to full council", required=False)

    class Meta:
        model = Voice
        fields: ClassVar[list[str]] = [
            "date",
            "source",
            "group",
            "said",
            "themes",
            "response",
            "reported_to_council",
            "reported_on",
        ]
        labels: ClassVar[dict[str, str]] = {
            "source": "Where it was heard",
            "group": "Who said it",
            "said": "What they said",
            "themes": "Themes",
            "response": "What we did (\u201cyou said, we did\u201d)",
            "reported_to_council": "Reported to full council",
        }
        help_texts: ClassVar[dict[str, str]] = {
            "said": "A summary in their words where possible. " + NO_CHILD_DATA,
            "themes": "Separate themes with commas, for example 'contact, pocket money'.",
            "response": "Leave blank until there is a response. " + NO_CHILD_DATA,
        }
        error_messages: ClassVar[dict[str, dict[str, str]]] = {
            "said": {"required": "Enter what children or families said"},
            "source": {"required": "Select where it was heard"},
            "group": {"required": "Select who said it"},
        }
        widgets: ClassVar[dict[str, Any]] = {
            "said": forms.Textarea(attrs={"rows": 4}),
            "response": forms.Textarea(attrs={"rows": 4}),
        }


class CommitmentForm(forms.ModelForm):  # type: ignore[misc]
    class Meta:
        model = Commitment
        fields: ClassVar[list[str]] = ["kind", "text", "partner", "status", "note"]
        labels: ClassVar[dict[str, str]] = {
            "kind": "Type",
            "text": "Commitment",
            "partner": "Partner (optional)",
            "status": "Status",
            "note": "Note",
        }
        help_texts: ClassVar[dict[str, str]] = {
            "partner": "For a covenant commitment, the organisation that signed it.",
            "note": NO_CHILD_DATA,
        }
        error_messages: ClassVar[dict[str, dict[str, str]]] = {
            "text": {"required": "Enter the commitment"},
        }
        widgets: ClassVar[dict[str, Any]] = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
