"""Submit and follow Dagster runs through the webserver's GraphQL API, over plain HTTP: the queries Dagster's own
GraphQL client sends, without importing Dagster (the domain stays usable where Dagster is not installed)."""

from __future__ import annotations

from typing import Any

import httpx

#: The job's repository in the code location (a location built from ``Definitions`` has one).
_REPOSITORIES = """
query RadarrPipelineRepositories {
  repositoriesOrError {
    __typename
    ... on RepositoryConnection { nodes { name location { name } pipelines { name } } }
    ... on PythonError { message }
  }
}
"""

_LAUNCH = """
mutation RadarrPipelineSubmitRun($executionParams: ExecutionParams!) {
  launchPipelineExecution(executionParams: $executionParams) {
    __typename
    ... on LaunchPipelineRunSuccess { run { runId } }
    ... on PipelineConfigValidationInvalid { errors { message } }
    ... on ConflictingExecutionParamsError { message }
    ... on PresetNotFoundError { message }
    ... on PipelineRunConflict { message }
    ... on PipelineNotFoundError { message }
    ... on PythonError { message }
    ... on UnauthorizedError { message }
  }
}
"""

_STATUS = """
query RadarrPipelineRunStatus($runId: ID!) {
  pipelineRunOrError(runId: $runId) {
    __typename
    ... on PipelineRun { status }
    ... on PipelineRunNotFoundError { message }
    ... on PythonError { message }
  }
}
"""


_WAITING = """
query RadarrPipelineWaitingRuns($filter: RunsFilter!) {
  runsOrError(filter: $filter) {
    __typename
    ... on Runs { results { runId } }
    ... on InvalidPipelineRunsFilterError { message }
    ... on PythonError { message }
  }
}
"""

#: A run in these states has not begun its first step: whatever it reads, it reads from now on.
WAITING_STATUSES = ("QUEUED", "NOT_STARTED", "STARTING")


class DagsterUnreachableError(RuntimeError):
    """Dagster's webserver did not answer, or refused the run; the message says which."""


def _refusal(answer: dict[str, Any]) -> str:
    """What a GraphQL union answer that is not the success says (its message, or its errors' messages)."""
    if answer.get("message"):
        return str(answer["message"])
    errors = [str(e.get("message")) for e in answer.get("errors") or []]
    return "; ".join(errors) or str(answer.get("__typename"))


class DagsterRuns:
    def __init__(self, url: str, location: str, timeout_seconds: float) -> None:
        self.url = url
        self.location = location
        self._endpoint = url.rstrip("/") + "/graphql"
        self._timeout = max(1.0, timeout_seconds)

    def _query(self, query: str, variables: dict[str, Any], doing: str) -> dict[str, Any]:
        try:
            response = httpx.post(self._endpoint, json={"query": query, "variables": variables},
                                  timeout=self._timeout)
            response.raise_for_status()
            body = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise DagsterUnreachableError(f"Dagster at {self.url} did not {doing}: {str(exc)[:300]}") from None
        if not isinstance(body, dict) or body.get("errors") or not isinstance(body.get("data"), dict):
            detail = body.get("errors") if isinstance(body, dict) else body
            raise DagsterUnreachableError(f"Dagster at {self.url} did not {doing}: {str(detail)[:300]}")
        return body["data"]

    def _repository(self, job_name: str) -> str:
        doing = f"take the {job_name} run"
        answer = self._query(_REPOSITORIES, {}, doing)["repositoriesOrError"]
        if answer.get("__typename") != "RepositoryConnection":
            raise DagsterUnreachableError(f"Dagster at {self.url} did not {doing}: {_refusal(answer)[:300]}")
        names = [repo["name"] for repo in answer["nodes"] if repo["location"]["name"] == self.location
                 and any(job["name"] == job_name for job in repo["pipelines"])]
        if len(names) != 1:
            raise DagsterUnreachableError(f"Dagster at {self.url} did not {doing}: {len(names)} repositories of "
                                          f"code location {self.location!r} have a job named {job_name!r}")
        return str(names[0])

    def submit(self, job_name: str, tags: dict[str, str]) -> str:
        """The new run's id."""
        params = {
            "selector": {"repositoryLocationName": self.location, "repositoryName": self._repository(job_name),
                         "pipelineName": job_name},
            "runConfigData": {}, "mode": "default",
            "executionMetadata": {"tags": [{"key": k, "value": v} for k, v in tags.items()]},
        }
        doing = f"take the {job_name} run"
        answer = self._query(_LAUNCH, {"executionParams": params}, doing)["launchPipelineExecution"]
        if "run" not in answer:  # LaunchRunSuccess; anything else says why not
            raise DagsterUnreachableError(f"Dagster at {self.url} did not {doing}: {_refusal(answer)[:300]}")
        return str(answer["run"]["runId"])

    def status(self, run_id: str) -> str:
        """Dagster's run status: QUEUED, STARTING, STARTED, SUCCESS, FAILURE, CANCELED..."""
        doing = f"say how run {run_id} is"
        answer = self._query(_STATUS, {"runId": run_id}, doing)["pipelineRunOrError"]
        if "status" not in answer:
            raise DagsterUnreachableError(f"Dagster at {self.url} did not {doing}: {_refusal(answer)[:300]}")
        return str(answer["status"])

    def waiting(self, job_name: str) -> list[str]:
        """The ids of the job's runs that are queued or starting (none of their steps has begun)."""
        doing = f"list the waiting {job_name} runs"
        variables = {"filter": {"pipelineName": job_name, "statuses": list(WAITING_STATUSES)}}
        answer = self._query(_WAITING, variables, doing)["runsOrError"]
        if "results" not in answer:
            raise DagsterUnreachableError(f"Dagster at {self.url} did not {doing}: {_refusal(answer)[:300]}")
        return [str(run["runId"]) for run in answer["results"]]
