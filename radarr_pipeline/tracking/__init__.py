"""Download tracking's pure rules: the state machine, hand-added pick-up, seeding goals, queue rows, the sensor's
view of the client. The workflows that apply them to the store are in ``radarr_pipeline.services.downloads``."""
