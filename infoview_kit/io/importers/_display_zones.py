"""Time zones named the way Outlook shows them: "(UTC+01:00) Amsterdam, Berlin, Bern...".

Some Outlook versions write the zone's display name as the ``TZID`` of an
event, with no ``VTIMEZONE`` block to define it. The calendar library does not
know these names; here they are read as the zone of one of the places listed
(the first whose standard offset is the one written), else as the fixed offset
written (no daylight-saving time: the caller reports that).

>>> display_zone("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna")
(zoneinfo.ZoneInfo(key='Europe/Amsterdam'), True)
>>> display_zone("(UTC-08:00) Pacific Time (US & Canada)")
(zoneinfo.ZoneInfo(key='America/Los_Angeles'), True)
>>> display_zone("(UTC-03:00) Brasilia")
(datetime.timezone(datetime.timedelta(days=-1, seconds=75600), 'UTC-03:00'), False)
>>> display_zone("Pacific Standard Time") is None
True
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

_DISPLAY = re.compile(r"^\(\s*(?:UTC|GMT)\s*(?:([+-])(\d{1,2}):?(\d{2}))?\s*\)\s*(.*)$", re.I)

#: Display names that list no city (North America), by the zone they mean.
_REGIONS = {
    "pacific time (us & canada)": "America/Los_Angeles",
    "mountain time (us & canada)": "America/Denver",
    "central time (us & canada)": "America/Chicago",
    "eastern time (us & canada)": "America/New_York",
    "atlantic time (canada)": "America/Halifax",
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "arizona": "America/Phoenix",
    "coordinated universal time": "UTC",
}


def display_zone(tzid: str) -> tuple[tzinfo, bool] | None:
    """(zone, True) for a place's zone, (fixed offset, False) when no place fits, or None
    when ``tzid`` is not an Outlook display name."""
    match = _DISPLAY.match(str(tzid).strip().strip('"'))
    if match is None:
        return None
    sign, hours, minutes, places = match.groups()
    offset = timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
    offset = -offset if sign == "-" else offset
    region = _REGIONS.get(places.strip().casefold())
    candidates = [region] if region else _zones_of(places)
    for key in candidates:
        zone = ZoneInfo(key)
        if _standard_offset(zone) == offset:
            return zone, True
    text = f"UTC{sign or '+'}{int(hours or 0):02d}:{int(minutes or 0):02d}"
    return timezone(offset, text), False


def _zones_of(places: str) -> list[str]:
    """The IANA zones named after the places listed ("Hong Kong" -> Asia/Hong_Kong)."""
    by_city = _zones_by_city()
    found = []
    for place in places.split(","):
        key = by_city.get(place.strip().replace(" ", "_").casefold())
        if key:
            found.append(key)
    return found


@cache
def _zones_by_city() -> dict[str, str]:
    """The last part of each IANA zone name ("amsterdam") -> the zone (read once)."""
    zones = sorted(available_timezones())
    return {key.rsplit("/", 1)[-1].casefold(): key for key in zones if "/" in key}


def _standard_offset(zone: ZoneInfo) -> timedelta:
    """A zone's offset without daylight-saving time: the smaller of January's and July's."""
    year = datetime.now(UTC).year
    offsets = [datetime(year, month, 15, tzinfo=zone).utcoffset() for month in (1, 7)]
    return min(o for o in offsets if o is not None)
