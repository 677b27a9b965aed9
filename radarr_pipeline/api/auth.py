"""The API key: from the environment variable the configuration names, else generated on first start (32
random hex characters) and kept in a file only its owner can read. Compared in constant time; never logged."""

from __future__ import annotations

import hmac
import os
import re
import secrets
from pathlib import Path

from radarr_pipeline.config import read_secret
from radarr_pipeline.settings.api import ApiSettings

KEY_PATTERN = re.compile(r"[0-9a-f]{32}")


class ApiKeyError(ValueError):
    """The key file cannot be used; the message names the file, never the key."""


def _read_key_file(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ApiKeyError(f"cannot read the API key file {path}: {exc.__class__.__name__}") from None
    if not KEY_PATTERN.fullmatch(text):
        raise ApiKeyError(f"the API key file {path} does not hold a key (32 hex characters): remove it to have a "
                          "new one generated")
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    return text


def _new_key_file(path: Path) -> str:
    key = secrets.token_hex(16)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(key + "\n")
    return key


def api_key(settings: ApiSettings) -> tuple[str, str]:
    """The key and where it comes from (a sentence without the key)."""
    from_env = read_secret(settings.api_key_env, "api.api_key_env")
    if from_env is not None:
        if not from_env.strip():
            raise ApiKeyError(f"api.api_key_env: the environment variable {settings.api_key_env} is empty")
        return from_env.strip(), f"the environment variable {settings.api_key_env}"
    existing = _read_key_file(settings.key_file)
    if existing is not None:
        return existing, f"the key file {settings.key_file}"
    try:
        return _new_key_file(settings.key_file), f"the key file {settings.key_file} (generated now)"
    except FileExistsError:  # another process made it just now
        key = _read_key_file(settings.key_file)
        assert key is not None
        return key, f"the key file {settings.key_file}"


def key_matches(given: str | None, key: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode("utf-8", "replace"), key.encode("utf-8"))
