"""Whether a name is a scene release name (Radarr's SceneChecker)."""

from __future__ import annotations

from radarr_pipeline.parsing.extensions import remove_file_extension
from radarr_pipeline.parsing.title_parser import parse_movie_title


def is_scene_title(title: str) -> bool:
    """Dotted, no spaces, and parses with a title, a release group and a known quality."""
    if "." not in title or " " in title:
        return False
    parsed = parse_movie_title(title)
    return bool(
        parsed is not None
        and parsed.release_group
        and parsed.quality.quality.id != 0
        and parsed.movie_title.strip()
    )


def get_scene_title(title: str) -> str | None:
    """The scene name without its media extension, None when ``title`` is not a scene name."""
    name = remove_file_extension(title)
    return name if is_scene_title(name) else None
