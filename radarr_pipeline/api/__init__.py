"""The Radarr-compatible HTTP API (v3): a front door beside the CLI. It calls services only (it never opens the
store) and sends commands to Dagster as runs; ``radarr-pipeline serve`` starts it."""
