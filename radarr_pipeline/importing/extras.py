"""Extra files imported beside the movie: subtitles (language from the file name) and the .nfo.

Radarr's naming: ``<movie file name>.<language code>[.<tags>].<ext>`` for a subtitle (a second one of the same
language and tags gets ``.1``, ``.2`` ...), ``<movie file name>.nfo`` for the .nfo. A subtitle whose language
cannot be read keeps no language part.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from radarr_pipeline.parsing.subtitles import parse_subtitle_language_information
from radarr_pipeline.values.languages import ISO_LANGUAGES

SUBTITLE_EXTENSIONS = frozenset({".srt", ".ass", ".ssa", ".vtt", ".sub", ".idx", ".sup"})
_TWO_LETTER = {iso.language: iso.two_letter for iso in ISO_LANGUAGES}


@dataclass(frozen=True)
class ExtraPlan:
    source: str
    destination: str
    kind: str  # subtitle, nfo
    language: str | None


def subtitle_suffix(file_name: str) -> tuple[str | None, str]:
    """(language identifier or None, the '.en.forced' part) read from a subtitle's name."""
    info = parse_subtitle_language_information(file_name)
    language = None if info.language in ("unknown", "") else info.language
    parts = [_TWO_LETTER.get(language, language)] if language else []
    parts += list(info.language_tags)
    return language, "".join(f".{part}" for part in parts if part)


def plan_extras(extras: list[Path], movie_destination: Path) -> list[ExtraPlan]:
    """Where each extra file goes, beside the movie file and named after it."""
    stem = movie_destination.stem
    plans: list[ExtraPlan] = []
    taken: set[str] = set()
    nfo_done = False
    for extra in extras:
        extension = extra.suffix.lower()
        if extension == ".nfo":
            if nfo_done:
                continue
            nfo_done = True
            plans.append(ExtraPlan(str(extra), str(movie_destination.with_name(f"{stem}.nfo")), "nfo", None))
            continue
        if extension not in SUBTITLE_EXTENSIONS:
            continue
        language, suffix = subtitle_suffix(extra.name)
        name, copy = f"{stem}{suffix}{extension}", 0
        while name in taken:
            copy += 1
            name = f"{stem}{suffix}.{copy}{extension}"
        taken.add(name)
        plans.append(ExtraPlan(str(extra), str(movie_destination.with_name(name)), "subtitle", language))
    return plans
