"""Briefing packs: the quartet, scrutiny, corporate parenting and self-evaluation documents."""
