"""Briefing packs to download: the quartet, scrutiny, corporate parenting and self-evaluation."""
