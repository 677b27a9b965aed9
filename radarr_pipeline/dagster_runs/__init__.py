"""Dagster's GraphQL API as an adapter (the ``dagster-graphql`` client, a package of its own): submit a job's
run with tags, and read a run's status. The domain never imports Dagster itself."""

from radarr_pipeline.dagster_runs.client import DagsterRuns, DagsterUnreachableError

__all__ = ["DagsterRuns", "DagsterUnreachableError"]
