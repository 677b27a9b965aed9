#!/usr/bin/env bash
# Installs everything the project needs on a Debian machine: system packages (qBittorrent, ffmpeg, a C compiler),
# a virtualenv in .venv with the project and its dev tools, the parser's compiled modules. Safe to run again: it
# skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v qbittorrent-nox >/dev/null || need_apt+=(qbittorrent-nox)
command -v ffmpeg >/dev/null || need_apt+=(ffmpeg)
command -v cc >/dev/null || need_apt+=(gcc libc6-dev)  # compiles the parser's hot modules (below)
# ... against Python's headers (a Debian python3 has them in python3-dev; a Python built from source has its own)
python3 -c 'import os, sysconfig, sys; sys.exit(not os.path.exists(sysconfig.get_paths()["include"] + "/Python.h"))' \
    || need_apt+=(python3-dev)
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
