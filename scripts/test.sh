#!/usr/bin/env bash
# Sets everything up (scripts/bootstrap.sh) and runs the whole test suite, real components included.
# As root with unshare available, the tests run in a network namespace that has only loopback, so no test
# can reach any address but 127.0.0.1. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh

export RADARR_SANDBOX_REQUIRE=1     # a missing qbittorrent-nox or ffmpeg fails the run instead of skipping
export PYTHONDONTWRITEBYTECODE=1
.venv/bin/ruff check --output-format concise .
.venv/bin/lint-imports --no-cache      # the layer stack ([tool.importlinter] in pyproject.toml)
.venv/bin/mypy                      # types ([tool.mypy] in pyproject.toml)
.venv/bin/deptry .                  # the declared dependencies are the imported ones ([tool.deptry])
.venv/bin/vulture                   # no dead code ([tool.vulture], names only frameworks use: vulture_whitelist.py)

pytest=(.venv/bin/python -m pytest -ra -p no:cacheprovider "$@")
if [[ $(id -u) -eq 0 ]] && command -v unshare >/dev/null && command -v ip >/dev/null && unshare -n true 2>/dev/null; then
    echo "test: running in a loopback-only network namespace"
    exec unshare -n bash -c 'ip link set lo up && exec "$@"' _ "${pytest[@]}"
fi
exec "${pytest[@]}"
