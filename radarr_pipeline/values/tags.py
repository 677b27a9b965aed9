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


CLIENT_TAG_MAX = 128


def client_tag_label(value: str) -> str:
    """A tag as Radarr's API takes it from other programs: request apps create one per user, such as
    ``1 - admin`` (which Radarr's newest versions wrongly refuse). Trimmed and lower-cased; any printable text
    up to 128 characters, without control characters or path separators."""
    label = value.strip().lower()
    if not label or len(label) > CLIENT_TAG_MAX or not label.isprintable() or any(c in label for c in "/\\"):
        raise InvalidTagError(f"{value!r} is not a tag: use 1 to {CLIENT_TAG_MAX} printable characters "
                              "without '/' or '\\'")
    return label
