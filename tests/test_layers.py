"""The layers contract (pyproject.toml [tool.importlinter]) holds on the tree and fails on a
backward import: a copy of the package with one injected upward import must break it.

Run as subprocesses, as `make lint` runs it. The copy is of the source only (a few MB), in a temp
folder, so the tree itself is never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = [str(Path(sys.executable).parent / "lint-imports")]  # the console script `make lint` runs


def _lint(src: Path, config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [*LINT, "--config", str(config), "--no-cache"],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copy(tmp: Path) -> tuple[Path, Path]:
    """The package and the import-linter table of pyproject.toml, copied into ``tmp``."""
    src = tmp / "src"
    shutil.copytree(
        ROOT / "src" / "lineofsight",
        src / "lineofsight",
        ignore=shutil.ignore_patterns("__pycache__", "data", "*.parquet", "static"),
    )
    config = tmp / "pyproject.toml"
    section = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    config.write_text(section[section.index("[tool.importlinter]") :], encoding="utf-8")
    tomllib.loads(config.read_text(encoding="utf-8"))  # still a whole TOML table
    return src, config


def test_the_tree_keeps_the_layers(tmp_path: Path) -> None:
    src, config = _copy(tmp_path)
    done = _lint(src, config)
    assert done.returncode == 0, done.stdout + done.stderr
    contracts = tomllib.loads(config.read_text(encoding="utf-8"))["tool"]["importlinter"][
        "contracts"
    ]
    assert f"{len(contracts)} kept, 0 broken" in done.stdout


def test_a_backward_import_breaks_the_layers(tmp_path: Path) -> None:
    """wording is the bottom layer: wording importing the indicators layer (as it once did for
    IndicatorMeta) is reported with the offending line."""
    src, config = _copy(tmp_path)
    numbers = src / "lineofsight" / "wording" / "numbers.py"
    numbers.write_text(
        numbers.read_text(encoding="utf-8")
        + "\n\ndef _meta() -> object:\n"
        + "    from lineofsight.indicators.meta import IndicatorMeta\n\n"
        + "    return IndicatorMeta\n",
        encoding="utf-8",
    )
    done = _lint(src, config)
    assert done.returncode != 0
    assert "BROKEN" in done.stdout
    assert "lineofsight.wording.numbers -> lineofsight.indicators.meta" in done.stdout


def test_the_engine_keeps_its_own_layers(tmp_path: Path) -> None:
    """Inside indicators, the reader tables sit below the engine that runs them: the tables module
    importing the engine (the loop the engine once closed through the definitions) is reported."""
    src, config = _copy(tmp_path)
    tables = src / "lineofsight" / "indicators" / "tables.py"
    tables.write_text(
        tables.read_text(encoding="utf-8")
        + "\n\ndef _engine() -> object:\n"
        + "    from lineofsight.indicators import engine\n\n"
        + "    return engine\n",
        encoding="utf-8",
    )
    done = _lint(src, config)
    assert done.returncode != 0
    assert "Own-data engine" in done.stdout and "BROKEN" in done.stdout
    assert "lineofsight.indicators.tables -> lineofsight.indicators.engine" in done.stdout


def test_an_app_importing_another_apps_page_breaks_the_web_contract(tmp_path: Path) -> None:
    """The finance page once took its rows from the overview page module; what pages share is a
    service (``dashboard.themes``), and going back to the page module is reported."""
    src, config = _copy(tmp_path)
    page = src / "lineofsight" / "web" / "finance" / "page.py"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n\ndef _rows() -> object:\n"
        + "    from lineofsight.web.dashboard.overview import overview\n\n"
        + "    return overview\n",
        encoding="utf-8",
    )
    done = _lint(src, config)
    assert done.returncode != 0
    assert "another app's page modules BROKEN" in done.stdout
    assert "lineofsight.web.finance.page -> lineofsight.web.dashboard.overview" in done.stdout
