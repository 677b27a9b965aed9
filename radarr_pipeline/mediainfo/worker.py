"""A MediaInfo reader process: ``python -m radarr_pipeline.mediainfo.worker`` reads file paths (one JSON string a
line) on stdin and writes one JSON line per path on stdout: ``{"info": {...}}`` or ``{"error": "why"}``.

libmediainfo serialises its calls inside a process, so :func:`radarr_pipeline.mediainfo.read_many` reads a big
batch in several of these. A plain subprocess (not multiprocessing) re-imports nothing of its parent's and forks
no threaded process.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from radarr_pipeline.mediainfo.reader import MediaInfoError, read_media_info


def main() -> int:
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        path = Path(json.loads(line))
        try:
            result = {"info": read_media_info(path).to_json()}
        except (MediaInfoError, OSError) as exc:
            result = {"error": str(exc)}
        out.write(json.dumps(result) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
