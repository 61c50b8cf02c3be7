# ruff: noqa: RUF012  (Django migration class attributes)
"""Give ``lineofsight load`` events the council they were about.

Command-line uploads and publications were recorded with no council (there is no signed-in user),
so every council's administrator saw them in the audit log. The upload or publication each event
names still says which council it was; events whose object has gone keep no council, and the log
now shows events without a council only for failed sign-ins and lockouts.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def council_from_object(apps: Any, schema_editor: Any) -> None:
    event_model = apps.get_model("audit", "AuditEvent")
    models = {
        "returns_upload": apps.get_model("returns_data", "Upload"),
        "returns_publication": apps.get_model("returns_data", "Publication"),
    }
    for object_type, model in models.items():
        events = event_model.objects.filter(la_code="", object_type=object_type)
        for event in events.only("pk", "object_id"):
            if not event.object_id.isascii() or not event.object_id.isdigit():
                continue
            found = model.objects.filter(pk=int(event.object_id)).values_list("la_code").first()
            if found:
                event_model.objects.filter(pk=event.pk).update(la_code=found[0])


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("returns_data", "0001_initial"),
    ]

    operations = [migrations.RunPython(council_from_object, migrations.RunPython.noop)]
