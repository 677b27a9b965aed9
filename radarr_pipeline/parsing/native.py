"""The parser's hot modules compiled with mypyc, used when a build of exactly the sources on disk is present.

``scripts/build_native_parser.py`` (run by ``scripts/bootstrap.sh``) compiles :data:`COMPILED_MODULES` into
``build/native/`` beside the package: the same Python source, typed as mypy checks it, as C extensions, about a
third faster on a feed. A compiled module is one version of its source frozen: loaded after that source changed
it would run the old rules, and mypyc also bakes in what it read of the modules below (constants, types). So the
build is used only when its stamp holds the digest of every source it could have read, the layers at and below
the parser (:data:`DIGESTED`); otherwise the plain modules run, with the same results. ``RADARR_PIPELINE_NATIVE=0``
turns the build off (the tests compare both).

This module itself is never compiled: the package's ``__init__`` imports it first, and importing it decides, before
any module of the list loads.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import MutableSequence
from pathlib import Path

# Every function of these modules keeps its types exact at run time (mypyc checks them): the rest of the package
# (the model, the conformance tools, subtitles) is not on the hot path and stays plain Python.
COMPILED_MODULES = (
    "cached_parse",
    "extensions",
    "language_parser",
    "normalize",
    "plex_fast_path",
    "quality_parser",
    "regex_tools",
    "release_group",
    "scene_fast_path",
    "scene_tokens",
    "title_parser",
)
NATIVE_ENV = "RADARR_PIPELINE_NATIVE"
#: The extension modules' one shared library (mypyc's runtime for the group), a module of this package.
GROUP_NAME = "radarr_pipeline.parsing.compiled"

_PACKAGE = Path(__file__).resolve().parents[1]  # radarr_pipeline/
BUILD_DIR = _PACKAGE.parent / "build" / "native"
STAMP = BUILD_DIR / "STAMP"
#: What the compiled modules may read: the parser, the layers below it (the import contract allows no more) and the
#: root package's ``__init__``, which every import of the package runs.
DIGESTED = ("__init__.py", "parsing", "quality", "values", "models.py", "reports.py")


def sources_digest() -> str:
    """A digest of the Python version and every source in :data:`DIGESTED`, in a stable order."""
    digest = hashlib.sha256(f"{sys.implementation.cache_tag} {sys.version}".encode())
    for name in DIGESTED:
        path = _PACKAGE / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(_PACKAGE)).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def compiled_folder() -> Path:
    """Where the build puts this package's extension modules."""
    return BUILD_DIR / "radarr_pipeline" / "parsing"


def enable(package_path: MutableSequence[str]) -> bool:
    """Put the build first on the package's path when it was made from the sources on disk (and is not turned
    off); True when it is in use."""
    if os.environ.get(NATIVE_ENV, "1") == "0":
        return False
    try:
        built_from = STAMP.read_text().strip()
    except OSError:
        return False
    if built_from != sources_digest():
        return False
    package_path.insert(0, str(compiled_folder()))
    return True


#: Whether this process runs the compiled modules (decided once, when the package is first imported).
IN_USE = enable(sys.modules["radarr_pipeline.parsing"].__path__)
