"""Named points of an import where a test can kill the process (the crash-safety test's seam).

Set ``RADARR_PIPELINE_CRASH_AT`` to a step name (``journaled``, ``copy_partway``, ``written``, ``recycled``,
``renamed``, ``extras``, ``recorded``) and the process sends itself SIGKILL when it reaches that step: no
cleanup runs, exactly as with ``kill -9``. ``RADARR_PIPELINE_CRASH_SKIP=N`` lets the first N passes through.
``RADARR_PIPELINE_CRASH_TRACE=<file>`` appends each step reached to that file, so a test that kills the process
at a random moment knows which step its kill followed. Unset (always, outside tests) this costs a few look-ups;
a step that is not one of ``STEPS`` is a programming error (the test kills the process at each of them).
"""

from __future__ import annotations

import os
import signal

CRASH_ENV = "RADARR_PIPELINE_CRASH_AT"
SKIP_ENV = "RADARR_PIPELINE_CRASH_SKIP"
TRACE_ENV = "RADARR_PIPELINE_CRASH_TRACE"
STEPS = ("journaled", "copy_partway", "written", "recycled", "renamed", "extras", "recorded")

_passes: dict[str, int] = {}


def crash_point(step: str) -> None:
    if step not in STEPS:
        raise ValueError(f"unknown crash point {step!r}: add it to STEPS")
    trace = os.environ.get(TRACE_ENV)
    if trace:
        with open(trace, "a", encoding="utf-8") as handle:  # written before any kill can follow
            handle.write(step + "\n")
    if os.environ.get(CRASH_ENV) != step:
        return
    seen = _passes.get(step, 0)
    _passes[step] = seen + 1
    if seen >= int(os.environ.get(SKIP_ENV, "0") or 0):
        os.kill(os.getpid(), signal.SIGKILL)
