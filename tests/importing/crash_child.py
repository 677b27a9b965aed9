"""Run one import pass on a library, as the Dagster asset would: ``python crash_child.py <config.yaml>``.

The crash-safety test starts this with RADARR_PIPELINE_CRASH_AT / RADARR_PIPELINE_CRASH_SKIP set, or kills it
at a random moment, and checks what it left behind.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from radarr_pipeline.config import load_config
from radarr_pipeline.services.importing.engine import import_completed
from radarr_pipeline.store import LibraryStore


def main(config_path: str) -> int:
    config = load_config(config_path)
    with LibraryStore(config.database).open() as library:
        report = import_completed(library, config, datetime.now(UTC))
    print(f"imported={len(report.imported)} blocked={len(report.blocked)} recovered={len(report.recovered)}")
    for row in report.blocked:
        print("blocked:", row)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
