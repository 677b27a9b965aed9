"""The two error shapes Radarr's clients read: a validation failure (HTTP 400, a list of
``{propertyName, errorMessage, attemptedValue, severity}``) and every other error (``{message, description}``)."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An answer other than success: its status, a message and a description, and headers to send."""

    def __init__(self, status: int, message: str, description: str = "", headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.description = description
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return {"message": self.message, "description": self.description}


class ValidationFailure(Exception):
    """What is wrong with the request's fields, one failure per field, as Radarr's FluentValidation reports."""

    def __init__(self, failures: list[dict[str, Any]]) -> None:
        super().__init__("; ".join(f"{f['propertyName']}: {f['errorMessage']}" for f in failures))
        self.failures = failures


def failure(property_name: str, message: str, attempted: Any = None) -> ValidationFailure:
    return ValidationFailure([{"propertyName": property_name, "errorMessage": message,
                               "attemptedValue": attempted, "severity": "error"}])


def not_found(what: str) -> ApiError:
    return ApiError(404, "NotFound", what)
