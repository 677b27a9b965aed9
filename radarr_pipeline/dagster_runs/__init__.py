"""Dagster's GraphQL API as an adapter, over plain HTTP: submit a job's run with tags, and read a run's status.
The domain never imports Dagster, nor its GraphQL client (which imports Dagster)."""

from radarr_pipeline.dagster_runs.client import DagsterRuns, DagsterUnreachableError

__all__ = ["DagsterRuns", "DagsterUnreachableError"]
