"""The hook ``lineofsight demo`` calls to load a demo council's data into the service.

Features that hold data (published figures, synthetic returns) register a loader here; each loader
takes the council's E-code, must be safe to run again (reuse what exists), and returns one line
saying what it loaded::

    from lineofsight.web.demo_data import register_demo_loader

    @register_demo_loader
    def load_synthetic_returns(la_code: str) -> str: ...
"""

from __future__ import annotations

from collections.abc import Callable

DemoLoader = Callable[[str], str]

_LOADERS: list[DemoLoader] = []


def register_demo_loader(loader: DemoLoader) -> DemoLoader:
    """Add a loader (idempotent: registering the same function twice keeps one)."""
    if loader not in _LOADERS:
        _LOADERS.append(loader)
    return loader


def load_demo_data(la_code: str) -> list[str]:
    """Run every registered loader for this council; one line of report per loader."""
    return [loader(la_code) for loader in list(_LOADERS)]
