"""From the wanted list to a grab: wanted_movies -> rss_releases -> scored_candidates -> grabs."""

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import dagster as dg

from dagster_project.metadata import configuration_errors_fail_at_once, report_metadata
from dagster_project.resources import RadarrResource

if TYPE_CHECKING:
    from radarr_pipeline.services.sync_report import SyncReport

# Services are imported by the asset that runs them: a run (a process) loads the whole code location, and a
# run of one asset should not pay for every workflow's libraries (pandas, qbittorrent-api, the parser).

SEARCHES_PER_RUN = 10
NETWORK_RETRY = dg.RetryPolicy(max_retries=2, delay=5, backoff=dg.Backoff.EXPONENTIAL, jitter=dg.Jitter.PLUS_MINUS)


@dg.asset(group_name="acquisition", kinds={"duckdb"}, pool="duckdb")
def wanted_movies(context: dg.AssetExecutionContext, radarr: RadarrResource) -> dg.MaterializeResult:
    """Monitored movie versions that are missing, or whose file is below the profile's cutoff."""
    from radarr_pipeline.services.wanted import refresh_wanted

    report = refresh_wanted(radarr.config(), datetime.now(UTC))
    context.log.info(f"{len(report.rows)} wanted of {report.monitored} monitored")
    return dg.MaterializeResult(metadata=report_metadata(
        report, {"monitored": report.monitored, "missing": report.missing, "cutoff_unmet": report.cutoff_unmet},
        row_count=len(report.rows),
    ))


def _sync_result(context: dg.AssetExecutionContext, report: "SyncReport") -> dg.MaterializeResult:
    for row in report.rows:
        if row.error:
            context.log.warning(f"indexer {row.name}: {row.error}")
    return dg.MaterializeResult(metadata=report_metadata(
        report, {"fetched": report.fetched, "new": report.new, "failed_indexers": len(report.failed),
                 "backing_off": len(report.backing_off)},
        row_count=report.new,
    ))


@dg.asset(group_name="acquisition", kinds={"duckdb", "torznab"}, pool="duckdb", deps=[wanted_movies])
def rss_releases(context: dg.AssetExecutionContext, radarr: RadarrResource) -> dg.MaterializeResult:
    """New releases from every enabled indexer's RSS feed, de-duplicated by guid and infohash.

    A failing indexer backs off (a minute up to a day) while the others go on; the database is closed while the
    indexers are asked."""
    from radarr_pipeline.services.indexer_sync import sync_rss

    config = radarr.config()
    return _sync_result(context, sync_rss(radarr.store(), config.indexers, datetime.now(UTC)))


@dg.asset(group_name="acquisition", kinds={"duckdb", "torznab"}, pool="duckdb", deps=[wanted_movies])
def searched_releases(context: dg.AssetExecutionContext, radarr: RadarrResource) -> dg.MaterializeResult:
    """Targeted searches for wanted movies: never-searched ones first, then the longest-unsearched, at most
    SEARCHES_PER_RUN movies per run and each again on an indexer only after 12 hours. A run started by a
    command naming movies (tag ``radarr/movie_ids``, e.g. MoviesSearch) searches those movies only, at once."""
    from radarr_pipeline.services.commands import MOVIES_TAG, movie_ids_from_tag
    from radarr_pipeline.services.indexer_sync import sync_search

    config = radarr.config()
    movie_ids = movie_ids_from_tag(context.run.tags.get(MOVIES_TAG))
    if movie_ids is not None:
        context.log.info(f"searching the command's movies: {sorted(movie_ids)}")
    report = sync_search(radarr.store(), config.indexers, datetime.now(UTC), max_searches=SEARCHES_PER_RUN,
                         movie_ids=movie_ids)
    return _sync_result(context, report)


@dg.asset(group_name="acquisition", kinds={"duckdb"}, pool="duckdb", deps=[rss_releases, searched_releases],
          automation_condition=dg.AutomationCondition.eager())
def scored_candidates(context: dg.AssetExecutionContext, radarr: RadarrResource) -> dg.MaterializeResult:
    """Every release matched to a wanted movie version, judged by every rule: approved (ranked), pending (a
    temporary rule such as the delay profile; reconsidered on every run) or rejected, with every reason."""
    from radarr_pipeline.services.scoring import score

    report = score(radarr.config(), datetime.now(UTC))
    context.log.info(", ".join(f"{k} {v}" for k, v in report.counts.items()))
    return dg.MaterializeResult(metadata=report_metadata(report, report.counts, row_count=report.counts["candidates"]))


@dg.asset(group_name="acquisition", kinds={"duckdb", "qbittorrent"}, pool="duckdb", deps=[scored_candidates],
          automation_condition=dg.AutomationCondition.eager(), retry_policy=NETWORK_RETRY)
def grabs(context: dg.AssetExecutionContext, radarr: RadarrResource) -> dg.MaterializeResult:
    """The best-ranked approved release of each wanted movie version, sent to the download client once, and
    recorded in history; nothing while a download of that version is active. A run started by a command naming
    movies (tag ``radarr/movie_ids``) grabs for those movies only."""
    from radarr_pipeline.services.commands import MOVIES_TAG, movie_ids_from_tag
    from radarr_pipeline.services.configured import indexer_secret
    from radarr_pipeline.services.grabbing import grab_best

    with configuration_errors_fail_at_once():
        config = radarr.config()
        report = grab_best(radarr.store(), radarr.download_client(), datetime.now(UTC),
                           secret_for=indexer_secret(config),
                           movie_ids=movie_ids_from_tag(context.run.tags.get(MOVIES_TAG)))
    for failure in report.failed:
        context.log.warning(f"grab failed: {failure}")
    return dg.MaterializeResult(metadata=report_metadata(
        report, {"grabbed": len(report.grabbed), "skipped": len(report.skipped), "failed": len(report.failed),
                 "pending": len(report.pending)},
        row_count=len(report.grabbed),
    ))
