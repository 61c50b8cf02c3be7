"""Bundled published data: build step, loader, provenance."""
