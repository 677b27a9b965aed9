"""Submit and follow Dagster runs through the webserver's GraphQL API."""

from __future__ import annotations

from urllib.parse import urlsplit

from dagster_graphql import DagsterGraphQLClient


class DagsterUnreachableError(RuntimeError):
    """Dagster's webserver did not answer, or refused the run; the message says which."""


class DagsterRuns:
    def __init__(self, url: str, location: str, timeout_seconds: float) -> None:
        parts = urlsplit(url)
        self.url = url
        self.location = location
        self._client = DagsterGraphQLClient(
            parts.hostname or "127.0.0.1", port_number=parts.port, use_https=parts.scheme == "https",
            timeout=int(max(1, timeout_seconds)),
        )

    def submit(self, job_name: str, tags: dict[str, str]) -> str:
        """The new run's id."""
        try:
            return self._client.submit_job_execution(job_name, repository_location_name=self.location, tags=tags)
        except Exception as exc:  # the client raises its own, gql's and requests' errors: all mean no run
            raise DagsterUnreachableError(f"Dagster at {self.url} did not take the {job_name} run: "
                                          f"{str(exc)[:300]}") from None

    def status(self, run_id: str) -> str:
        """Dagster's run status: QUEUED, STARTING, STARTED, SUCCESS, FAILURE, CANCELED..."""
        try:
            return str(self._client.get_run_status(run_id).value)
        except Exception as exc:  # the client raises its own, gql's and requests' errors: all mean no run
            raise DagsterUnreachableError(f"Dagster at {self.url} did not say how run {run_id} is: "
                                          f"{str(exc)[:300]}") from None
