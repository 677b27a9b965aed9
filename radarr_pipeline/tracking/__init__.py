"""Download tracking: the state machine, completed and failed download handling, the queue."""

from radarr_pipeline.tracking.failed import ClientAction, handle_failed
from radarr_pipeline.tracking.refresh import (
    TrackingPolicy,
    TrackingReport,
    apply_client_actions,
    refresh_downloads,
    tracking_policy,
)
from radarr_pipeline.tracking.transitions import Transition, mark_failed, next_state

__all__ = [
    "ClientAction",
    "TrackingPolicy",
    "TrackingReport",
    "Transition",
    "apply_client_actions",
    "handle_failed",
    "mark_failed",
    "next_state",
    "refresh_downloads",
    "tracking_policy",
]
