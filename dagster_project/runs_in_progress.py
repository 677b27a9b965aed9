"""Prints, as JSON, the ids of the Dagster runs in progress in the instance at $DAGSTER_HOME.

`radarr-pipeline restore` runs this module (the domain and its CLI never import Dagster) and refuses to restore
while any run is queued, starting, started or cancelling: a run would write into the library being replaced.
"""

import json

import dagster as dg

IN_PROGRESS = [
    dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING,
]


def runs_in_progress(instance: dg.DagsterInstance) -> list[str]:
    return [run.run_id for run in instance.get_runs(filters=dg.RunsFilter(statuses=IN_PROGRESS))]


def main() -> None:
    with dg.DagsterInstance.get() as instance:
        print(json.dumps(runs_in_progress(instance)))


if __name__ == "__main__":
    main()
