"""Whether a name is a scene release name (Radarr's SceneChecker)."""

from __future__ import annotations

from radarr_pipeline.parsing.title_parser import clean_release_title, parse_movie_title


def get_scene_title(title: str) -> str | None:
    """SceneChecker.GetSceneTitle: the cleaned release title (``clean_release_title``: no extension, no
    '-'/'_' at the ends, 【】 as []) when ``title`` is a scene name, else None.

    A scene name holds a '.', no space, and parses (extension included, as Radarr parses it) with a
    release group, a known quality, a movie title and a non-blank release title. It prefers false
    negatives over false positives, as Radarr's does.
    """
    if "." not in title or " " in title:
        return None
    parsed = parse_movie_title(title)
    if (
        parsed is None
        or parsed.release_group is None
        or parsed.quality.quality.id == 0
        or not parsed.movie_title.strip()
    ):
        return None
    release_title = clean_release_title(title)
    return release_title if release_title.strip() else None


def is_scene_title(title: str) -> bool:
    """SceneChecker.IsSceneTitle: ``get_scene_title`` finds a scene title."""
    return get_scene_title(title) is not None
