#!/usr/bin/env bash
# Create the peers' virtual environments (two validators, the demand model), outside the repo.
#
# The peers (Data to Insight's csc-validator-be-903 and csc-validator-be-cin) pin pandas 1.x and
# import pytest at start-up, so they cannot share our environment. Idempotent: an environment
# whose peer already imports is left alone.
#
# Usage: benchmarks/peers/setup.sh          (root: ${LINEOFSIGHT_PEERS:-$HOME/.cache/lineofsight-peers})
set -euo pipefail

ROOT="${LINEOFSIGHT_PEERS:-$HOME/.cache/lineofsight-peers}"
mkdir -p "$ROOT"

make_env() {  # make_env NAME IMPORT PACKAGE...
    local name="$1" module="$2"
    shift 2
    local env="$ROOT/$name"
    if [ -x "$env/bin/python" ] && "$env/bin/python" -c "import $module" >/dev/null 2>&1; then
        echo "$env: $module already installed"
        return
    fi
    [ -x "$env/bin/python" ] || uv venv -q -p 3.11 "$env"
    # Compiled bytecode, as for our own environment: where PYTHONDONTWRITEBYTECODE is set, an
    # uncompiled environment recompiles every module on every run and the figures measure that.
    uv pip install -q --compile-bytecode --python "$env/bin/python" "$@"
    "$env/bin/python" -c "import $module"
    echo "$env: installed $*"
}

# pytest: both peers import it at start-up. numpy<2: the CIN peer's pandas 1.x breaks on numpy 2.
make_env v903 lac_validator csc-validator-be-903 pytest
make_env vcin cin_validator csc-validator-be-cin pytest "numpy<2"
# Social Finance's demand model (its CLI is `demand-model`; the sample ships as a package).
make_env vcsdemand cs_demand_model "cs-demand-model[cli]"
