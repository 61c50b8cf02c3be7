"""Django forms described for the GOV.UK Frontend macros, so one template renders every
governance form with the design system's labels, hints, error messages and error summary."""

from __future__ import annotations

from typing import Any

from django import forms


def _kind(field: forms.BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.DateInput):
        return "date"
    return "input"


def _text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def fields(form: forms.Form) -> list[dict[str, Any]]:
    """One dict per visible field: kind, id, name, label, hint, error, value and (selects) items."""
    out = []
    for bf in form.visible_fields():
        kind = _kind(bf)
        value = bf.value()
        item: dict[str, Any] = {
            "kind": kind,
            "id": bf.id_for_label or f"id_{bf.html_name}",
            "name": bf.html_name,
            "label": str(bf.label),
            "hint": str(bf.help_text or ""),
            "error": str(bf.errors[0]) if bf.errors else "",
            "value": _text(value) if kind != "checkbox" else bool(value),
            "required": bf.field.required,
        }
        if kind == "select":
            chosen = _text(value)
            item["items"] = [
                {"value": _text(v), "text": str(t), "selected": _text(v) == chosen}
                for v, t in bf.field.choices
            ]
        out.append(item)
    return out


def error_list(form: forms.Form) -> list[dict[str, str]]:
    """The error summary: each message links to its field."""
    found: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        if name == "__all__":
            found.extend({"text": str(e), "href": "#main-content"} for e in errors)
            continue
        bf = form[name]
        found.extend({"text": str(e), "href": f"#{bf.id_for_label}"} for e in errors)
    return found
