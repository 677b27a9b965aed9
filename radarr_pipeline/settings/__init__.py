"""Sections of the configuration file, one module per area; ``radarr_pipeline.config`` puts them together."""
