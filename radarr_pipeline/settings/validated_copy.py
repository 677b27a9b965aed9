"""The validated copy of the configuration a command line keeps beside the file, and its summary.

Every command of the command line is a new process. Validating the file again in each costs a tenth of a second
(pydantic's validators); importing the settings models alone costs about as much. So the first command after an
edit writes what it validated beside the file (``.config.yaml.validated``), in three parts:

1. the key the copy was made for: the file's text and path, the database override, and the package's code;
2. a :class:`ConfigSummary` as one JSON line: what a command that only reads the library needs (the lists), read
   back without importing pydantic or the settings models;
3. the key of the models' copy (the above, with the versions of Python and pydantic) and the pickled ``AppConfig``.

It holds what the file holds (no secret: those are only named, and read from the environment when used), and only
a copy its owner wrote, that no one else may write, is read: whoever can write there can already write the
configuration (and its custom scripts). This module imports nothing of the settings: ``config`` calls it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

CONFIG_ENV = "RADARR_PIPELINE_CONFIG"
DATABASE_ENV = "RADARR_PIPELINE_DB"
DEFAULT_CONFIG_PATH = Path("data/config.yaml")
_COPY_SUFFIX = ".validated"
_PACKAGE = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class LogTarget:
    """Where a process's log file goes (``logs`` in the configuration)."""

    folder: Path
    level: str
    max_bytes: int
    files: int


@dataclass(frozen=True)
class ConfigSummary:
    """What a command that only reads the library needs of the configuration: where the library is, the names of
    the quality profiles (a filter is checked against them), where the log goes, and the environment variables
    that hold the secrets the log must never show."""

    database: Path
    profile_names: tuple[str, ...]
    logs: LogTarget
    secret_envs: tuple[str, ...]

    def to_json(self) -> str:
        return json.dumps(asdict(self), default=str)

    @classmethod
    def from_json(cls, text: str | bytes) -> ConfigSummary:
        data = json.loads(text)
        logs = data["logs"]
        return cls(Path(data["database"]), tuple(data["profile_names"]),
                   LogTarget(Path(logs["folder"]), logs["level"], int(logs["max_bytes"]), int(logs["files"])),
                   tuple(data["secret_envs"]))


def config_path(path: str | Path | None = None) -> Path:
    return Path(path or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG_PATH)


def _copy_path(file: Path) -> Path:
    return file.with_name(f".{file.name}{_COPY_SUFFIX}")


def _code_fingerprint() -> str:
    """Every module of the package, by name, size and modification time: any change to the code (to a rule a
    setting is validated with, to a setting's shape) invalidates the copies."""
    package = str(_PACKAGE)
    entries = []
    for folder, _folders, names in os.walk(package):  # os.walk: a third of the time of Path.rglob
        for name in names:
            if name.endswith(".py"):
                stat = os.stat(os.path.join(folder, name))
                entries.append(f"{os.path.relpath(folder, package)}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(sorted(entries))


def _digest(*parts: str) -> str:
    import hashlib

    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def copy_key(file: Path, text: str) -> str:
    """The key of a copy of ``file`` read as ``text``: what the configuration validated to depends on."""
    return _digest(text, str(file.absolute()), os.environ.get(DATABASE_ENV) or "", _code_fingerprint())


def models_key(key: str, pydantic_version: str) -> str:
    """The pickled models' own key: a copy pickled by another Python or pydantic is not read back."""
    return _digest(key, sys.version, pydantic_version)


def _open_own_copy(file: Path) -> IO[bytes] | None:
    try:
        copy = open(_copy_path(file), "rb")  # noqa: SIM115 (returned to the caller, which closes it)
    except OSError:
        return None
    mode = os.fstat(copy.fileno())
    if mode.st_uid != os.getuid() or mode.st_mode & 0o022:
        copy.close()
        return None
    return copy


def _line(copy: IO[bytes]) -> bytes:
    return copy.readline().rstrip(b"\n")


def read_summary(file: Path) -> ConfigSummary | None:
    """The summary of the configuration ``file`` holds now, from its copy; None when there is no valid copy."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    copy = _open_own_copy(file)
    if copy is None:
        return None
    with copy:
        try:
            if _line(copy) != copy_key(file, text).encode():
                return None
            return ConfigSummary.from_json(_line(copy))
        except (OSError, ValueError, KeyError, TypeError):
            return None


def read_models(file: Path, key: str, pydantic_version: str) -> object | None:
    """The pickled configuration of the copy made for ``key``; None when there is none (the caller checks its
    type)."""
    import pickle

    copy = _open_own_copy(file)
    if copy is None:
        return None
    with copy:
        try:
            if _line(copy) != key.encode():
                return None
            _line(copy)  # the summary
            if _line(copy) != models_key(key, pydantic_version).encode():
                return None
            return pickle.load(copy)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None


def write_copy(file: Path, key: str, pydantic_version: str, summary: ConfigSummary, models: object) -> None:
    """Written whole then renamed over the old one; a folder that cannot be written keeps no copy."""
    import pickle

    def write(out: IO[bytes]) -> None:
        out.write(b"\n".join([key.encode(), summary.to_json().encode(),
                              models_key(key, pydantic_version).encode()]) + b"\n")
        pickle.dump(models, out, protocol=pickle.HIGHEST_PROTOCOL)

    with suppress(OSError, pickle.PicklingError):
        _replace(_copy_path(file), write)


def _replace(path: Path, write: Callable[[IO[bytes]], Any]) -> None:
    import tempfile

    handle, temporary = tempfile.mkstemp(prefix=path.name, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
