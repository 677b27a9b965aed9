import dagster as dg

from dagster_project.resources import RadarrResource


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(resources={"radarr": RadarrResource()})
