#!/usr/bin/env bash
# Installs everything the project needs on a Debian machine: system packages (qBittorrent, ffmpeg),
# a virtualenv in .venv with the project and its dev tools. Safe to run again: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v qbittorrent-nox >/dev/null || need_apt+=(qbittorrent-nox)
command -v ffmpeg >/dev/null || need_apt+=(ffmpeg)
command -v cc >/dev/null || need_apt+=(gcc libc6-dev)  # compiles the parser's hot modules (below)
if ((${#need_apt[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "bootstrap: missing ${need_apt[*]}; run as root or install them with apt-get" >&2
        exit 1
    fi
    echo "bootstrap: apt-get install ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [[ ! -x .venv/bin/python ]]; then
    echo "bootstrap: creating .venv"
    python3 -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [[ ! -f $stamp ]]; then
    echo "bootstrap: pip install -e .[dev]"
    .venv/bin/pip install -q --disable-pip-version-check -e '.[dev]'
    rm -f .venv/.installed-*
    touch "$stamp"
fi

# The parser's hot modules compiled with mypyc (radarr_pipeline/parsing/native.py); only when their sources changed.
.venv/bin/python scripts/build_native_parser.py
