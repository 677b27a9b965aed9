from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """A configuration section: unknown keys are errors, values are frozen once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)
