#!/usr/bin/env bash
# The test suite, as `make test` and CI run it: lint, types, then pytest on SQLite and the
# database-backed tests again on PostgreSQL. Installs/starts what it needs when it can.
set -euo pipefail
cd "$(dirname "$0")/.."
UV="$(command -v uv 2>/dev/null || echo "python3 -m uv")"

# Debian's chromium for the browser tests (browser downloads are impossible here).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install chromium; browser tests will be skipped"
  else
    echo "note: chromium is not installed and this user cannot install it; browser tests will be skipped"
  fi
fi

# Java for the Spark engine's tests (Debian's OpenJDK), and the [spark] extra. Without Java those
# tests are skipped, saying why.
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null) \
      || echo "warning: could not install openjdk-17-jre-headless; the Spark tests will be skipped"
  else
    echo "note: java is not installed and this user cannot install it; the Spark tests will be skipped"
  fi
fi
$UV sync --frozen --quiet --extra spark
# Where PYTHONDONTWRITEBYTECODE is set (as on this machine) nothing imported writes bytecode, so
# every CLI subprocess a test starts would recompile our source (about 0.4 s of CPU each): compile
# it once here (site-packages are compiled by uv, UV_COMPILE_BYTECODE in the Makefile).
$UV run python -m compileall -q src >/dev/null

# PostgreSQL on 127.0.0.1:5432, started if installed and not running.
if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    for _ in $(seq 1 20); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
  fi
fi

$UV run ruff check src tests benchmarks
$UV run ruff format --check src tests benchmarks
$UV run mypy
$UV run lint-imports  # the layers (pyproject.toml [tool.importlinter])

# In parallel, one worker per core; tests marked xdist_group (the browser tests) share a worker.
XDIST=(-n "${PYTEST_WORKERS:-auto}" --dist loadgroup)

echo "== pytest (SQLite) =="
$UV run pytest -q -p no:cacheprovider "${XDIST[@]}" "$@"

# Only the tests that use the database (marked postgres by tests/conftest.py) can differ there;
# each worker gets its own test database (pytest-django adds the worker id to the name).
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "== pytest (PostgreSQL: the tests marked postgres) =="
  DATABASE_URL="${PG_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/lineofsight_test}" \
    $UV run pytest -q -p no:cacheprovider "${XDIST[@]}" -m "postgres and not browser" "$@" \
    || { status=$?; [ "$status" -eq 5 ] || exit "$status"; echo "(none of these tests uses the database)"; }
else
  echo "PostgreSQL is not reachable on 127.0.0.1:5432: the PostgreSQL run is skipped."
fi
