from pathlib import Path

import pytest
import yaml

from radarr_pipeline.config import ConfigError, load_config

SAMPLE = Path(__file__).parents[1] / "data" / "config.sample.yaml"


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data) if not isinstance(data, str) else data)
    return path


def sample() -> dict:
    return yaml.safe_load(SAMPLE.read_text())


def test_sample_config_loads_with_paths_relative_to_the_file(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, sample()))
    assert config.database == tmp_path / "library.duckdb"
    assert config.root_folders == [tmp_path / "library" / "movies"]
    assert config.default_profile.name == "HD-1080p"
    assert config.importing.recycle_bin == tmp_path / "recycle"


def test_database_can_be_overridden_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RADARR_PIPELINE_DB", str(tmp_path / "elsewhere.duckdb"))
    assert load_config(write(tmp_path, sample())).database == tmp_path / "elsewhere.duckdb"


def test_unknown_key_is_named(tmp_path: Path) -> None:
    data = sample()
    data["download_client"]["pasword_env"] = "X"
    with pytest.raises(ConfigError, match=r"download_client\.qbittorrent\.pasword_env: unknown key"):
        load_config(write(tmp_path, data))


def test_wrong_value_names_key_and_expectation(tmp_path: Path) -> None:
    data = sample()
    data["indexers"][0]["url"] = "ftp://example"
    with pytest.raises(ConfigError, match=r"indexers\.0\.url: .*expected an http:// or https:// URL"):
        load_config(write(tmp_path, data))


def test_missing_required_key(tmp_path: Path) -> None:
    data = sample()
    del data["root_folders"]
    with pytest.raises(ConfigError, match=r"root_folders: required key is missing"):
        load_config(write(tmp_path, data))


def test_bad_yaml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(write(tmp_path, "root_folders: [unclosed"))
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.yaml")


def test_default_profile_must_exist(tmp_path: Path) -> None:
    data = sample()
    data["default_quality_profile"] = "Nope"
    with pytest.raises(ConfigError, match="default_quality_profile 'Nope' is not one of"):
        load_config(write(tmp_path, data))


def test_secret_comes_from_environment_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(write(tmp_path, sample()))
    monkeypatch.delenv("QBITTORRENT_PASSWORD", raising=False)
    with pytest.raises(ConfigError, match="QBITTORRENT_PASSWORD is not set"):
        config.download_client.password()
    monkeypatch.setenv("QBITTORRENT_PASSWORD", "s3cret-value")
    assert config.download_client.password() == "s3cret-value"
    assert "s3cret-value" not in repr(config)


def test_profile_problems_are_named_at_load(tmp_path: Path) -> None:
    data = sample()
    data["quality_profiles"][0]["cutoff"] = "Remux-2160p"
    with pytest.raises(ConfigError, match=r"quality_profiles\.0: .*cutoff 'Remux-2160p' is not among the allowed"):
        load_config(write(tmp_path, data))
    data = sample()
    data["quality_profiles"][0]["allowed"].append("Bluray-4K-Typo")
    with pytest.raises(ConfigError, match=r"quality_profiles\.0: .*Bluray-4K-Typo"):
        load_config(write(tmp_path, data))
