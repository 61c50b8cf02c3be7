# Line of Sight: the two commands are `make demo` (the main job) and `make test` (the test suite).
# Both bootstrap what they need on a fresh machine with Python 3.11: uv (from PyPI), the locked
# dependencies, and for the tests Debian's chromium and a running PostgreSQL.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
# Compile the installed packages once: some machines set PYTHONDONTWRITEBYTECODE, and without
# compiled bytecode every command would recompile pandas, DuckDB and Django as it starts.
export UV_COMPILE_BYTECODE := 1

.PHONY: demo test bootstrap lint check-types data assets bench

bootstrap:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@$(UV) sync --frozen --quiet

demo: bootstrap
	$(UV) run lineofsight demo

test: bootstrap
	bash scripts/test.sh

lint: bootstrap
	$(UV) run ruff check src tests benchmarks
	$(UV) run ruff format --check src tests benchmarks
	$(UV) run lint-imports

check-types: bootstrap
	$(UV) run mypy

# Rebuild the bundled published dataset from ../shared/data (developers only).
data: bootstrap
	$(UV) run python -m lineofsight.databuild.build

bench: bootstrap
	$(UV) run python benchmarks/bench_profiles.py
