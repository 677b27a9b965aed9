"""The validated copy of the configuration the command line reads back instead of validating the file again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from radarr_pipeline import config as config_module
from radarr_pipeline.config import ConfigError, load_config
from radarr_pipeline.settings import validated_copy
from radarr_pipeline.settings.validated_copy import read_summary

SAMPLE = Path(__file__).parents[1] / "data" / "config.sample.yaml"


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("RADARR_PIPELINE_DB", raising=False)
    path = tmp_path / "config.yaml"
    shutil.copyfile(SAMPLE, path)
    return path


def copy_of(config_file: Path) -> Path:
    return config_file.with_name(".config.yaml.validated")


def not_validated_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr(config_module, "parse_config", refuse)


def test_the_copy_read_back_is_the_configuration_validated(config_file: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    validated = load_config(config_file)
    assert load_config(config_file, cached=True) == validated
    assert copy_of(config_file).exists()
    assert copy_of(config_file).stat().st_mode & 0o077 == 0
    not_validated_again(monkeypatch)
    assert load_config(config_file, cached=True) == validated


def test_without_cached_nothing_is_written(config_file: Path) -> None:
    load_config(config_file)
    assert not copy_of(config_file).exists()


def test_a_changed_file_is_validated_again(config_file: Path) -> None:
    load_config(config_file, cached=True)
    config_file.write_text(config_file.read_text(encoding="utf-8") + "\nnot_a_setting: 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not_a_setting: unknown key"):
        load_config(config_file, cached=True)


def test_the_database_override_is_part_of_the_key(config_file: Path, monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    assert load_config(config_file, cached=True).database == tmp_path / "library.duckdb"
    monkeypatch.setenv("RADARR_PIPELINE_DB", str(tmp_path / "elsewhere.duckdb"))
    assert load_config(config_file, cached=True).database == tmp_path / "elsewhere.duckdb"


def test_a_copy_from_another_checkout_of_the_code_is_not_read(config_file: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    load_config(config_file, cached=True)
    monkeypatch.setattr(validated_copy, "_code_fingerprint", lambda: "other code")
    validations = []
    real_parse = config_module.parse_config
    monkeypatch.setattr(config_module, "parse_config", lambda *a, **k: validations.append(1) or real_parse(*a, **k))
    load_config(config_file, cached=True)
    assert validations == [1]


@pytest.mark.parametrize("spoil", ["group_writable", "other_key", "truncated"])
def test_a_copy_others_could_write_or_that_does_not_match_is_not_read(config_file: Path, spoil: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    validated = load_config(config_file, cached=True)
    copy = copy_of(config_file)
    if spoil == "group_writable":
        os.chmod(copy, 0o660)
    elif spoil == "other_key":
        key, _, rest = copy.read_bytes().partition(b"\n")
        copy.write_bytes(b"0" * len(key) + b"\n" + rest)
    else:
        copy.write_bytes(copy.read_bytes()[:200])
    validations = []
    real_parse = config_module.parse_config
    monkeypatch.setattr(config_module, "parse_config", lambda *a, **k: validations.append(1) or real_parse(*a, **k))
    assert load_config(config_file, cached=True) == validated
    assert validations == [1]


def test_the_summary_is_read_back_until_the_file_changes(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_summary(config_file) is None  # no copy yet
    monkeypatch.setenv("TEST_SUMMARY_PASSWORD_ENV", "x")
    config = load_config(config_file, cached=True)
    summary = read_summary(config_file)
    assert summary == config.summary()
    assert summary is not None and summary.database == config.database
    assert summary.profile_names == tuple(p.name for p in config.quality_profiles)
    assert summary.logs.folder == config.logs.folder and summary.logs.level == config.logs.level
    assert summary.secret_envs == tuple(i.api_key_env for i in config.indexers if i.api_key_env) + (
        (config.download_client.password_env,) if getattr(config.download_client, "password_env", None) else ())
    config_file.write_text(config_file.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert read_summary(config_file) is None


def test_a_summary_others_could_write_is_not_read(config_file: Path) -> None:
    load_config(config_file, cached=True)
    os.chmod(copy_of(config_file), 0o666)
    assert read_summary(config_file) is None


def test_a_list_command_reads_the_summary_without_the_settings_models(tmp_path: Path, config_file: Path) -> None:
    """The point of the summary: `movies list` answers without importing pydantic (a fifth of a second)."""
    load_config(config_file, cached=True)
    program = ("import sys\nfrom radarr_pipeline.cli import app\n"
               "app(['movies', 'list', '--format', 'json', '--config', sys.argv[1]], standalone_mode=False)\n"
               "assert 'pydantic' not in sys.modules, 'pydantic was imported'\n"
               "assert 'radarr_pipeline.config' not in sys.modules, 'the settings models were imported'\n")
    result = subprocess.run([sys.executable, "-c", program, str(config_file)], capture_output=True, text=True,
                            cwd=Path(__file__).parents[1], timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
