"""Every own-data indicator definition, in catalogue order (ids shared with published values)."""

from __future__ import annotations

from lineofsight.indicators.define import Definition
from lineofsight.indicators.own import cin, ssda903, workforce

DEFINITIONS: list[Definition] = [*ssda903.DEFINITIONS, *cin.DEFINITIONS, *workforce.DEFINITIONS]
IDS: list[str] = [d.id for d in DEFINITIONS]
