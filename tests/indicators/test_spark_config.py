"""spark.toml, the one file a platform team edits, and the reasons Spark cannot start.

None of these needs Spark or Java installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lineofsight.errors import UserError
from lineofsight.indicators import spark

SHIPPED = Path(__file__).resolve().parents[2] / "deploy" / "spark.toml"


def test_the_shipped_spark_toml_reads() -> None:
    conf = spark.read_config(SHIPPED)
    assert conf["master"] == "local[*]"
    assert conf["conf"]["spark.driver.memory"] == "4g"
    assert all(isinstance(v, str) for v in conf["conf"].values())


def test_settings_are_strings_for_spark(tmp_path: Path) -> None:
    path = tmp_path / "spark.toml"
    path.write_text('[conf]\n"spark.sql.adaptive.enabled" = true\n"spark.executor.instances" = 4\n')
    assert spark.read_config(path)["conf"] == {
        "spark.sql.adaptive.enabled": "true",
        "spark.executor.instances": "4",
    }


def test_a_broken_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "spark.toml"
    path.write_text("[conf\n")
    with pytest.raises(UserError, match=r"spark\.toml is not a readable TOML file"):
        spark.read_config(path)


def test_the_environment_names_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(spark.CONFIG_ENV, str(tmp_path / "missing.toml"))
    with pytest.raises(UserError, match="not a file"):
        spark.config_path()
    monkeypatch.setenv(spark.CONFIG_ENV, str(SHIPPED))
    assert spark.config_path() == SHIPPED
    monkeypatch.delenv(spark.CONFIG_ENV)
    assert spark.config_path() is None


def test_without_java_the_reason_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", "")
    assert "Java 17" in (spark.java_problem() or "")
