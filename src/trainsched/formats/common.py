"""Field types shared by the scenario and plan formats."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _iso_date(value: Any) -> Any:
    # Only real ISO text (or a date object) is a date here: pydantic's lax mode
    # would also read integers as Unix timestamps, which no coordinator means.
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date YYYY-MM-DD, not a date-time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"not a real calendar date: {value!r}") from exc
    raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}")


def _hhmm(value: Any) -> Any:
    if isinstance(value, str) and _TIME_RE.match(value):
        return value
    raise ValueError(f"expected a time HH:MM, got {value!r}")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
HHMM = Annotated[str, BeforeValidator(_hhmm)]
Id = Annotated[str, Field(min_length=1, max_length=128)]
Yuan = Annotated[StrictInt, Field(ge=0)]
Count = Annotated[StrictInt, Field(ge=0)]
PositiveCount = Annotated[StrictInt, Field(ge=1)]
Priority = Annotated[StrictInt, Field(ge=1, le=5)]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]


class Strict(BaseModel):
    """Base of every format object: frozen, and unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class DateRange(Strict):
    """An inclusive range of dates ``{from, to}``."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    start: IsoDate = Field(alias="from")
    end: IsoDate = Field(alias="to")

    def dates(self) -> list[dt.date]:
        """Every date of the range, in order."""
        n = (self.end - self.start).days
        return [self.start + dt.timedelta(days=i) for i in range(n + 1)]


Unavailable = list[IsoDate | DateRange]


def unavailable_dates(items: Unavailable) -> frozenset[dt.date]:
    """Expand an availability list (dates and ranges) to a set of dates."""
    out: set[dt.date] = set()
    for item in items:
        if isinstance(item, DateRange):
            out.update(item.dates())
        else:
            out.add(item)
    return frozenset(out)


class ContactInfo(Strict):
    """Personal contact details: never shown on public pages or feeds."""

    phone: str | None = None
    email: str | None = None


Contact = str | ContactInfo
Extensions = dict[str, Any]
