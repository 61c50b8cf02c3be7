"""Governance: boards and meetings, the action log, the statutory roles register, and corporate
parenting with the voices of children (issue 6). ``record.governance_record`` is the plain-data
view of it all that the overview and the briefing packs read."""
