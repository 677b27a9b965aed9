"""Quality profiles: ordered allowed qualities and groups, cutoff, upgrade and custom-format score rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from radarr_pipeline.quality.qualities import Quality, QualityModel, quality_by_name


class ProfileError(ValueError):
    """A quality profile that cannot be built; the message names the problem."""


@dataclass(frozen=True)
class ProfileItem:
    """One rung of a profile: a single quality, or a named group whose qualities rank equally."""

    name: str
    qualities: tuple[Quality, ...]

    def contains(self, quality: Quality) -> bool:
        return any(member.id == quality.id for member in self.qualities)


@dataclass(frozen=True)
class QualityProfile:
    """Radarr's quality profile. ``items`` are ordered worst first; a later item is preferred."""

    name: str
    items: tuple[ProfileItem, ...]
    cutoff: str
    upgrade_allowed: bool = True
    min_format_score: int = 0
    cutoff_format_score: int = 0
    min_upgrade_format_score: int = 1
    format_scores: Mapping[str, int] = field(default_factory=dict)

    def allows(self, quality: Quality) -> bool:
        """Whether the profile accepts ``quality`` at all."""
        return any(item.contains(quality) for item in self.items)

    def index_of(self, quality: Quality) -> int:
        """Preference position (higher = better; grouped qualities share one); -1 when not allowed."""
        for position, item in enumerate(self.items):
            if item.contains(quality):
                return position
        return -1

    def cutoff_index(self) -> int:
        for position, item in enumerate(self.items):
            if item.name.lower() == self.cutoff.lower():
                return position
        raise ProfileError(f"profile {self.name!r}: cutoff {self.cutoff!r} is not one of its items")

    def compare_qualities(self, left: Quality, right: Quality) -> int:
        """<0, 0, >0 as ``left`` ranks below, with or above ``right`` in this profile."""
        return self.index_of(left) - self.index_of(right)

    def format_score(self, format_names: Sequence[str]) -> int:
        """Sum of this profile's scores for the matched custom formats (unscored formats count 0)."""
        return sum(self.format_scores.get(name, 0) for name in format_names)

    def cutoff_met(self, quality_model: QualityModel, format_score: int) -> bool:
        """True when quality has reached the cutoff and the format score the cutoff format score."""
        quality_met = self.index_of(quality_model.quality) >= self.cutoff_index()
        threshold = self.cutoff_format_score if self.upgrade_allowed else self.min_format_score
        return quality_met and format_score >= threshold


def _item_from_spec(spec: str | Mapping[str, object]) -> ProfileItem:
    if isinstance(spec, str):
        try:
            quality = quality_by_name(spec)
        except KeyError as error:
            raise ProfileError(str(error.args[0])) from None
        return ProfileItem(quality.name, (quality,))
    if isinstance(spec, Mapping):
        name = spec.get("name")
        members = spec.get("qualities")
        if not isinstance(name, str) or not name.strip():
            raise ProfileError(f"a quality group needs a non-empty name, got {name!r}")
        if not isinstance(members, list | tuple) or not members:
            raise ProfileError(f"quality group {name!r} lists no qualities")
        qualities = []
        for member in members:
            if not isinstance(member, str):
                raise ProfileError(f"quality group {name!r}: {member!r} is not a quality name")
            try:
                qualities.append(quality_by_name(member))
            except KeyError as error:
                raise ProfileError(f"quality group {name!r}: {error.args[0]}") from None
        return ProfileItem(name.strip(), tuple(qualities))
    raise ProfileError(f"an allowed item must be a quality name or a group mapping, got {spec!r}")


def _check_duplicates(items: Sequence[ProfileItem]) -> None:
    seen: dict[int, str] = {}
    names: set[str] = set()
    for item in items:
        if item.name.lower() in names:
            raise ProfileError(f"item name {item.name!r} appears twice")
        names.add(item.name.lower())
        for quality in item.qualities:
            if quality.id in seen:
                raise ProfileError(f"duplicate quality {quality.name!r} (in {seen[quality.id]!r} and {item.name!r})")
            seen[quality.id] = item.name


def build_quality_profile(
    name: str,
    allowed: Sequence[str | Mapping[str, object]],
    cutoff: str,
    upgrade_allowed: bool = True,
    min_format_score: int = 0,
    cutoff_format_score: int = 0,
    min_upgrade_format_score: int = 1,
    format_scores: Mapping[str, int] | None = None,
) -> QualityProfile:
    """Build and validate a profile from config-style input (worst first, best last).

    ``allowed`` items are quality names or ``{"name": ..., "qualities": [...]}`` groups. Raises ProfileError
    for an unknown quality, an empty profile, a duplicate quality, or a cutoff that is not an allowed item
    (a cutoff may name a group, or a quality that sits inside a group, which then means that group).
    """
    if not allowed:
        raise ProfileError(f"profile {name!r} allows no quality")
    items = tuple(_item_from_spec(spec) for spec in allowed)
    _check_duplicates(items)
    cutoff_item = next((item for item in items if item.name.lower() == cutoff.strip().lower()), None)
    if cutoff_item is None:
        try:
            cutoff_quality = quality_by_name(cutoff)
        except KeyError:
            cutoff_quality = None
        cutoff_item = next((i for i in items if cutoff_quality and i.contains(cutoff_quality)), None)
    if cutoff_item is None:
        raise ProfileError(f"profile {name!r}: cutoff {cutoff!r} is not among the allowed items")
    if min_upgrade_format_score < 1:
        raise ProfileError(f"profile {name!r}: min_upgrade_format_score must be at least 1")
    scores = dict(format_scores or {})
    for format_name, score in scores.items():
        if isinstance(score, bool) or not isinstance(score, int):
            raise ProfileError(f"profile {name!r}: score for {format_name!r} must be an integer, got {score!r}")
    return QualityProfile(
        name=name,
        items=items,
        cutoff=cutoff_item.name,
        upgrade_allowed=upgrade_allowed,
        min_format_score=min_format_score,
        cutoff_format_score=cutoff_format_score,
        min_upgrade_format_score=min_upgrade_format_score,
        format_scores=scores,
    )
