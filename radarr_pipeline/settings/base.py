from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """A configuration section: unknown keys are errors, values are frozen once loaded."""

    # defer_build: a section's validator is built when first used (a command line that reads a validated copy of
    # the configuration never builds them)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
