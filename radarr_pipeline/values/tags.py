"""Tag labels as Radarr keeps them: lower-case letters, digits and hyphens."""

from __future__ import annotations

import re

TAG_LABEL = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


class InvalidTagError(ValueError):
    """Not a tag label; the message says what a tag may hold."""


def tag_label(value: str) -> str:
    label = value.strip().lower()
    if not TAG_LABEL.fullmatch(label):
        raise InvalidTagError(f"{value!r} is not a tag: use letters, digits and hyphens (at most 64)")
    return label
