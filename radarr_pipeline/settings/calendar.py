"""`calendar:` the iCalendar feed of release dates (Radarr's calendar feed options)."""

from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field

from radarr_pipeline.settings.base import Strict
from radarr_pipeline.values.tags import tag_label


class CalendarSettings(Strict):
    path: Path = Path("calendar.ics")  # relative to the configuration file's folder
    past_days: int = Field(default=7, ge=0, le=3650)
    future_days: int = Field(default=28, ge=0, le=3650)
    unmonitored: bool = False  # include movies no version of which is monitored
    # only movies with one of these tags (empty: all)
    tags: list[Annotated[str, AfterValidator(tag_label)]] = Field(default_factory=list)
