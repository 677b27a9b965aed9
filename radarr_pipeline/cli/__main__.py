from radarr_pipeline.cli import app

app()
