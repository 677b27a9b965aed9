"""Text from outside (titles, release names, paths, error messages) made safe to show on a terminal.

Rich reads ``[...]`` in a printed string as markup: a release named ``...x264-DEMO[/eztv]`` would crash the
print, and ``[bold]`` would vanish. Control characters (ESC starts terminal escape sequences) would reach the
terminal raw. Everything the CLI shows from outside goes through :func:`shown` (inside our own markup) or
:func:`cell` (a table cell, never read as markup).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from radarr_pipeline.values.titles import is_control

if TYPE_CHECKING:
    from rich.text import Text


def visible(value: object, *, keep_newlines: bool = False) -> str:
    """The text with each control character written out (ESC as '\\x1b', a bidi override as '\\u202e')."""
    text = str(value)
    if text.isprintable():
        return text
    return "".join(
        _written_out(char) if is_control(char) and not (keep_newlines and char == "\n") else char for char in text
    )


def _written_out(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(value: object, *, keep_newlines: bool = False) -> str:
    """Outside text to put inside a markup string: control characters visible, brackets escaped."""
    from rich.markup import escape  # Rich only when something is printed (not for --help)

    return escape(visible(value, keep_newlines=keep_newlines))


def one_line(value: object) -> str:
    """A message (an exception's, often several lines) as one line."""
    return " ".join(line.strip() for line in str(value).splitlines() if line.strip())


def cell(value: object) -> Text:
    """Outside text as a table cell: shown literally, control characters visible."""
    from rich.text import Text

    return Text(visible("" if value is None else value))
