"""No function in radarr_pipeline runs over 60 lines unless its docstring says why (issue 16: "no function is over
about 60 lines without a stated reason").

A stated reason is a docstring line starting ``Long because:``. Lines are counted from the ``def`` line to the
last line of the body, docstring and comments included (what a reader has to take in at once).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "radarr_pipeline"
MAX_LINES = 60
REASON = "Long because:"

def function_length(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from the ``def`` line to the end of the body (decorators not counted)."""
    assert node.end_lineno is not None
    return node.end_lineno - node.lineno + 1


def states_a_reason(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    docstring = ast.get_docstring(node) or ""
    return any(line.strip().startswith(REASON) for line in docstring.splitlines())


def long_functions_without_a_reason(source: str, where: str) -> list[str]:
    """``where:name (N lines)`` for each function of the source over the limit whose docstring gives no reason."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and function_length(node) > MAX_LINES \
                and not states_a_reason(node):
            found.append(f"{where}:{node.name} ({function_length(node)} lines)")
    return found


def package_functions_over_the_limit() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        found += long_functions_without_a_reason(path.read_text(encoding="utf-8"), where)
    return found


def test_no_function_is_over_60_lines_without_a_stated_reason() -> None:
    over = package_functions_over_the_limit()
    assert over == [], (f"functions over {MAX_LINES} lines: split them into named steps, or start a docstring line"
                        f" with {REASON!r} and say why")


def _function(lines: int, *, docstring: str = "", prefix: str = "def", indent: str = "") -> str:
    """A function of exactly ``lines`` lines counted from its def line."""
    body = [f'    """{docstring}"""'] if docstring else []
    body += [f"    x{i} = {i}" for i in range(lines - 1 - len(body))]
    return "\n".join(indent + line for line in [f"{prefix} f():", *body]) + "\n"


@pytest.mark.parametrize(("source", "flagged"), [
    (_function(60), False),
    (_function(61), True),
    ("class C:\n" + _function(61, prefix="async def", indent="    "), True),
    (_function(61, docstring="Does it all.\n\n    Long because: one table, row by row."), False),
    (_function(61, docstring="Long, with no reason given."), True),
    ("def outer():\n" + _function(61, indent="    ") + "    return f\n", True),
])
def test_the_check_counts_lines_and_reads_the_reason(source: str, flagged: bool) -> None:
    assert bool(long_functions_without_a_reason(source, "m.py")) is flagged
