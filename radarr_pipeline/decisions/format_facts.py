"""What custom formats look at, built the way Radarr's CustomFormatCalculationService builds its input for
each kind of thing it scores.

- A release or a queued download (``RemoteMovie``): the parsed release: its simple release title (the movie
  title replaced by a placeholder), group, edition, languages, year; no file name.
- A movie file or a file being imported (``MovieFile``/``LocalMovie``): the scene name (else the file name)
  with ``<>?*|`` removed, and the file name itself, which Release Title conditions also match; no year
  (Radarr's ParsedMovieInfo for a file carries none, so Year conditions see 0).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from radarr_pipeline.decisions.formats import FormatFacts
from radarr_pipeline.parsing import ParsedRelease, parse_release_title
from radarr_pipeline.quality.qualities import quality_by_name

# Radarr's Parser.SimpleReleaseTitleRegex (``SimplifyReleaseTitle``).
_SIMPLIFY = re.compile(r"\s*[<>?*|]")


def simplify_release_title(title: str) -> str:
    """Radarr's ``SimplifyReleaseTitle``: characters that cannot be in a file name, and the spaces before them,
    removed."""
    return _SIMPLIFY.sub("", title)


def file_name_of(path: str | None) -> str | None:
    """``Path.GetFileName``: the part after the last separator (None for no path)."""
    if not path:
        return None
    return re.split(r"[\\/]", path)[-1]


def _originals(original_languages: Sequence[str | None] | None, count: int) -> list[str | None]:
    return list(original_languages) if original_languages is not None else [None] * count


def _parsed_facts(titles: list[str], parsed: Sequence[ParsedRelease | None], qualities: Sequence[str],
                  sizes: Sequence[int], years: Sequence[int], original_languages: Sequence[str | None] | None,
                  file_names: list[str | None] | None = None) -> FormatFacts:
    """Facts of names parsed one by one (downloads, files): group, edition and languages from the parse."""
    return FormatFacts(
        title=titles,
        release_group=[p.release_group if p else None for p in parsed],
        edition=[p.edition if p else None for p in parsed],
        quality_id=np.array([quality_by_name(q).id for q in qualities], dtype=np.int64),
        languages=[p.languages if p else () for p in parsed],
        indexer_flags=np.zeros(len(titles), dtype=np.int64),
        size=np.array(sizes, dtype=np.int64),
        year=np.array(years, dtype=np.int64),
        file_name=file_names,
        original_language=_originals(original_languages, len(titles)),
    )


def download_facts(titles: Sequence[str], qualities: Sequence[str], sizes: Sequence[int],
                   original_languages: Sequence[str | None] | None = None) -> FormatFacts:
    """Facts for queued downloads, known by their release title (few: parsed one by one)."""
    parsed = [parse_release_title(t) for t in titles]
    simple = [p.simple_release_title or simplify_release_title(t) if p else simplify_release_title(t)
              for p, t in zip(parsed, titles, strict=True)]
    years = [p.year if p and p.year else 0 for p in parsed]
    return _parsed_facts(simple, parsed, qualities, sizes, years, original_languages)


def file_facts(scene_names: Sequence[str | None], paths: Sequence[str | None], qualities: Sequence[str],
               sizes: Sequence[int], original_languages: Sequence[str | None] | None = None) -> FormatFacts:
    """Facts for movie files (on disk or being imported): the release title is the scene name when there is
    one, else the file name; group, edition and languages are read from that name. As in Radarr, a file's
    Year condition sees 0."""
    file_names = [file_name_of(p) for p in paths]
    names = [scene if scene and scene.strip() else name or "" for scene, name in zip(scene_names, file_names,
                                                                                      strict=True)]
    parsed = [parse_release_title(n) for n in names]
    return _parsed_facts([simplify_release_title(n) for n in names], parsed, qualities, sizes, [0] * len(names),
                         original_languages, file_names)
