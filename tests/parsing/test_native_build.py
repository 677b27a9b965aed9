"""The compiled parser (radarr_pipeline/parsing/native.py): used only when built from the sources on disk, and
giving the plain modules' results (bench/parser_differential.py, on a corpus of Radarr's cases, generated titles and
hostile mutations, in two processes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from radarr_pipeline.parsing import native

ROOT = Path(__file__).resolve().parents[2]


def _build_is_current() -> bool:
    return native.STAMP.exists() and native.STAMP.read_text().strip() == native.sources_digest()


def _after_loading_the_list(env_value: str, expression: str) -> Any:
    """``expression`` (JSON) in a fresh process, RADARR_PIPELINE_NATIVE set to ``env_value``, once it has imported
    every module of the compiled list (``modules``: name -> module)."""
    code = (
        "import importlib, json, sys, radarr_pipeline.parsing as p\n"
        "modules = {m: importlib.import_module('radarr_pipeline.parsing.' + m) for m in p.native.COMPILED_MODULES}\n"
        f"print(json.dumps({expression}))"
    )
    env = {**os.environ, native.NATIVE_ENV: env_value}
    return json.loads(subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                                     text=True).stdout)


def _loaded_files(env_value: str) -> dict[str, str]:
    """The file each module of the compiled list is loaded from."""
    loaded: dict[str, str] = _after_loading_the_list(env_value, "{m: module.__file__ for m, module in modules.items()}")
    return loaded


def test_the_build_is_current_where_the_project_is_set_up() -> None:
    """scripts/bootstrap.sh builds it (CI runs the tests after it): a missing or stale build there is a defect."""
    if not os.environ.get("RADARR_SANDBOX_REQUIRE") and not _build_is_current():
        pytest.skip("no current build (run scripts/build_native_parser.py); the plain modules run")
    assert _build_is_current(), "build/native is missing or older than the sources: scripts/build_native_parser.py"


def test_a_current_build_is_loaded_and_can_be_turned_off() -> None:
    if not _build_is_current():
        pytest.skip("no current build (run scripts/build_native_parser.py)")
    compiled = _loaded_files("1")
    assert all(file.endswith(".so") and "build/native" in file for file in compiled.values()), compiled
    plain = _loaded_files("0")
    assert all(file.endswith(".py") and "build/native" not in file for file in plain.values()), plain


def test_a_stale_build_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stamp that is not the digest of the sources on disk (a source changed since the build) leaves the package
    path alone: the plain modules run."""
    stamp = tmp_path / "STAMP"
    monkeypatch.setattr(native, "STAMP", stamp)
    monkeypatch.delenv(native.NATIVE_ENV, raising=False)
    path: list[str] = ["plain"]
    assert native.enable(path) is False  # no stamp at all
    stamp.write_text("0" * 64 + "\n")
    assert native.enable(path) is False
    assert path == ["plain"]
    stamp.write_text(native.sources_digest() + "\n")
    monkeypatch.setenv(native.NATIVE_ENV, "0")
    assert native.enable(path) is False
    monkeypatch.delenv(native.NATIVE_ENV)
    assert native.enable(path) is True
    assert path == [str(native.compiled_folder()), "plain"]


def test_the_digest_follows_every_source_below_the_parser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled modules read the layers below the parser too (constants, types): a change there is a change."""
    package = tmp_path / "radarr_pipeline"
    digested = ("__init__.py", "parsing/a.py", "quality/q.py", "values/v.py", "models.py", "reports.py")
    for relative in (*digested, "store/s.py"):
        (package / relative).parent.mkdir(parents=True, exist_ok=True)
        (package / relative).write_text("X = 1\n")
    monkeypatch.setattr(native, "_PACKAGE", package)
    before = native.sources_digest()
    for relative in digested:
        (package / relative).write_text("X = 2\n")
        assert native.sources_digest() != before, relative
        before = native.sources_digest()
    (package / "store/s.py").write_text("X = 2\n")  # above the parser: the compiled modules cannot read it
    assert native.sources_digest() == before


def test_every_project_module_the_compiled_ones_load_is_digested() -> None:
    """What the compiled modules import (the plain ones, in a fresh process) lies within DIGESTED: a source they
    read but the digest missed could change under a build that is still taken as current."""
    project = "[m.__file__ for n, m in sys.modules.items() if n.split('.')[0] == 'radarr_pipeline']"
    files = _after_loading_the_list("0", project)
    package = ROOT / "radarr_pipeline"
    for file in map(Path, files):
        relative = file.relative_to(package)
        assert relative.parts[0] in native.DIGESTED, f"{relative} is read by the compiled modules, not digested"


@pytest.mark.slow
def test_compiled_and_plain_parsers_agree() -> None:
    if not _build_is_current():
        pytest.skip("no current build (run scripts/build_native_parser.py)")
    result = subprocess.run(
        [sys.executable, "bench/parser_differential.py", "--titles", "4000", "--mutations", "4000"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 differences" in result.stdout
