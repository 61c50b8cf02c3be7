"""The regional tests' CLI fixture: the Typer app run in-process on the test database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result
from typer.testing import CliRunner

from lineofsight.cli import app


@pytest.fixture
def in_process(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """The CLI app in this process, on the test database (already set up and migrated)."""
    from lineofsight.web import commands

    monkeypatch.setattr(commands, "setup_django", lambda _settings: None)
    monkeypatch.setattr(commands, "migrate_database", lambda: None)
    monkeypatch.setenv("COLUMNS", "200")
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, (result.output, result.exception)
        return result

    return invoke
