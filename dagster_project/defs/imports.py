"""From a completed download to the library: imported_files."""

from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from dagster_project.defs.downloads import completed_downloads
from dagster_project.metadata import report_metadata
from dagster_project.resources import RadarrResource

# The service is imported by the asset that runs it: a run (a process) loads the whole code location, and a
# run of one asset should not pay for every workflow's libraries (pandas, qbittorrent-api, the parser).


@dg.asset(group_name="downloads", kinds={"duckdb", "filesystem"}, pool="duckdb", deps=[completed_downloads],
          automation_condition=dg.AutomationCondition.eager())
def imported_files(radarr: RadarrResource) -> dg.MaterializeResult:
    """Completed downloads filed into the library under a clean name, hardlinked so seeding goes on.

    Interrupted imports are finished or undone first (the import journal); every blocked import says why."""
    from radarr_pipeline.services.importing.engine import import_downloads

    report = import_downloads(radarr.config(), datetime.now(UTC))
    return dg.MaterializeResult(metadata=report_metadata(
        report,
        {"imported": len(report.imported), "blocked": len(report.blocked), "waiting": len(report.waiting),
         "recovered": len(report.recovered), "recycle_bin_removed": report.recycled_removed},
        row_count=len(report.imported),
    ))


@dg.asset_check(asset=imported_files, description="Every movie file the library records is on disk.", pool="duckdb")
def library_files_exist(radarr: RadarrResource) -> dg.AssetCheckResult:
    with radarr.store().open() as library:
        files = library.files.all()
    missing = [f.path for f in files if not Path(f.path).exists()]
    return dg.AssetCheckResult(
        passed=not missing,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"files": len(files), "missing": dg.MetadataValue.json(missing[:50])},
    )
