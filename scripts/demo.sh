#!/usr/bin/env bash
# Sets everything up (scripts/bootstrap.sh) and runs the demo: a seeding qBittorrent, the pipeline's own
# qBittorrent, a Torznab indexer, a TMDB-shaped metadata server and a list server on 127.0.0.1, two movies added
# by lookup and from a list, and `dagster dev` on
# http://127.0.0.1:3000. Watch them go from wanted to imported in a minute or two; Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/python -m radarr_sandbox.demo "$@"
