from __future__ import annotations


class DeliveryError(RuntimeError):
    """A channel did not take the message. The text names the connection and the cause, never a secret;
    ``retry_after`` is the receiver's own word on when to try again (Discord's 429), in seconds."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
