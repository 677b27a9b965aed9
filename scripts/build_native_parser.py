"""Compile the parser's hot modules with mypyc into build/native/ (run by scripts/bootstrap.sh; safe to run again).

    .venv/bin/python scripts/build_native_parser.py [--force]

Nothing is done when the build's stamp already holds the digest of the sources (see radarr_pipeline/parsing/native.py,
which decides at import whether the build is used). Without a C compiler the build is skipped with a warning: the
plain modules give the same results, slower. A compile that fails is an error (a source mypyc cannot take).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _compile(sources: list[str], build_dir: Path, group_name: str) -> None:
    """mypyc's C for ``sources`` (one group: calls between the modules stay native), built into ``build_dir``."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    with tempfile.TemporaryDirectory() as scratch:
        extensions = mypycify(sources, group_name=group_name, target_dir=str(Path(scratch) / "c"))
        distribution = Distribution({
            "name": "radarr-pipeline-native", "ext_modules": extensions,
            "script_args": ["-q", "build_ext", "--build-lib", str(build_dir), "--build-temp", scratch],
        })
        distribution.parse_command_line()
        distribution.run_commands()


def build(*, force: bool) -> int:
    os.environ["RADARR_PIPELINE_NATIVE"] = "0"  # this process imports the plain modules, whatever is built
    sys.path.insert(0, str(ROOT))
    from radarr_pipeline.parsing import native

    digest = native.sources_digest()
    if not force and native.STAMP.exists() and native.STAMP.read_text().strip() == digest:
        print("native parser: up to date")
        return 0
    shutil.rmtree(native.BUILD_DIR, ignore_errors=True)  # no stale module is ever left beside a new stamp
    headers = Path(sysconfig.get_paths()["include"], "Python.h")
    if shutil.which(os.environ.get("CC", "cc")) is None or not headers.exists():
        print("native parser: no C compiler (cc) or no Python headers: the parser runs as plain Python",
              file=sys.stderr)
        return 0
    os.chdir(ROOT)  # mypyc names the modules from paths relative to the project
    sources = [f"radarr_pipeline/parsing/{module}.py" for module in native.COMPILED_MODULES]
    _compile(sources, native.BUILD_DIR, native.GROUP_NAME)
    built = {path.name.split(".")[0] for path in native.compiled_folder().glob("*.so")}
    missing = sorted(set(native.COMPILED_MODULES) - built)
    if missing:
        shutil.rmtree(native.BUILD_DIR, ignore_errors=True)
        print(f"native parser: the build holds no module for {', '.join(missing)}", file=sys.stderr)
        return 1
    native.STAMP.write_text(digest + "\n")  # last: the stamp says the build is complete
    print(f"native parser: {len(native.COMPILED_MODULES)} modules compiled into {native.BUILD_DIR.relative_to(ROOT)}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="compile even when the build is up to date")
    return build(force=parser.parse_args().force)


if __name__ == "__main__":
    sys.exit(main())
