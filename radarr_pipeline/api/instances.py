"""The Radarr instances one server plays: the main URL base, and each second URL base (a "4K server") that
owns a root folder and a quality profile. A request is answered by the instance whose base its path starts with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from radarr_pipeline.config import AppConfig


@dataclass(frozen=True)
class Instance:
    url_base: str
    roots: tuple[Path, ...]  # the root folders it offers and sees movies in
    profiles: tuple[str, ...]  # the quality profiles it offers

    @property
    def root_texts(self) -> list[str]:
        return [str(root) for root in self.roots]


class InstanceSetupError(ValueError):
    """An instance names a root folder the configuration does not have."""


def instances(config: AppConfig) -> list[Instance]:
    """The main instance first (the configured root folders no other instance owns, every profile), then the
    others, each with its one (profile, root folder) pair."""
    owned: list[Path] = []
    others: list[Instance] = []
    for extra in config.api.instances:
        if extra.root_folder not in config.root_folders:
            raise InstanceSetupError(f"api.instances[{extra.url_base}]: {extra.root_folder} is not a configured "
                                     "root folder")
        owned.append(extra.root_folder)
        others.append(Instance(extra.url_base, (extra.root_folder,), (extra.quality_profile,)))
    main_roots = tuple(root for root in config.root_folders if root not in owned)
    if not main_roots:
        raise InstanceSetupError("every root folder belongs to a second API instance: keep one for the main one")
    main = Instance(config.api.url_base, main_roots, tuple(p.name for p in config.quality_profiles))
    return [main, *others]


def instance_for(path: str, known: list[Instance]) -> tuple[Instance, str] | None:
    """The instance a (lower-cased) path belongs to, and the path below its base."""
    for instance in sorted(known, key=lambda i: len(i.url_base), reverse=True):
        base = instance.url_base
        if path == base or path.startswith(base + "/"):
            return instance, path[len(base):] or "/"
    return None
