"""The Dagster side's facts for the health checks: the daemon's heartbeats, read from the instance."""

from __future__ import annotations

import time

import dagster as dg

from radarr_pipeline.decisions.health import DaemonFacts


def daemon_facts(instance: dg.DagsterInstance, now: float | None = None) -> DaemonFacts:
    """Each daemon the instance requires (scheduler, sensors, run queue...) with its last heartbeat's age."""
    at = time.time() if now is None else now
    heartbeats = instance.get_daemon_heartbeats()
    return DaemonFacts({
        daemon: (at - heartbeats[daemon].timestamp) if daemon in heartbeats else None
        for daemon in instance.get_required_daemon_types()
    })
