"""The part of a log about some contacts: by date, channel, connection or field.

:func:`filter_log` answers one question; a :class:`LogFilter` works out each
contact's date and labels once, for a view that filters the same log many
times (the reflection dashboard).

>>> from infoview_kit.analytics import example_log
>>> sorted(filter_log(example_log(), channels=["linkedin"]).contacts["contact_id"])
['b']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from infoview_kit.analytics.analysis import (
    _DAY,
    Analysis,
    PairCodes,
    _as_log,
    _requests,
)
from infoview_kit.model import OutreachLog
from infoview_kit.schema import as_timestamp

__all__ = ["FILTER_COLUMNS", "LogFilter", "filter_log"]

#: What :class:`LogFilter` can select contacts by, besides their date.
FILTER_COLUMNS: tuple[str, ...] = ("channel", "connection", "field")


class LogFilter:
    """One log, with what :func:`filter_log` selects each contact by worked out once.

    ``keys`` has one row per ``(owner, contact_id)``: ``anchor`` (the request
    date; else the first event; else ``added_on``), the request's
    ``channel``, and the contact's ``connection`` and ``field``.
    :meth:`apply` then costs a few vectorised comparisons.

    >>> from infoview_kit.analytics import example_log
    >>> chooser = LogFilter(example_log())
    >>> chooser.choices("channel")
    ['email', 'linkedin']
    >>> sorted(chooser.apply(fields=["design"]).contacts["contact_id"])
    ['a', 'b']
    """

    def __init__(self, log: OutreachLog) -> None:
        self.log = _as_log(log, what="LogFilter")
        contacts, events = self.log.contacts, self.log.events
        self.codes = PairCodes.of(self.log)  # one numbering of people for every filter
        self._contact_code, self._event_code = self.codes.contacts, self.codes.events
        n = int(max(self.codes.events.max(initial=-1), self.codes.contacts.max(initial=-1))) + 1
        has_id = self._event_code >= 0
        ev = events[has_id].assign(_k=self._event_code[has_id])
        req = _requests(ev).set_index("_k")
        first = ev.groupby("_k")["at"].min()
        code = self._contact_code
        people = contacts.assign(_k=code)[code >= 0].drop_duplicates("_k").set_index("_k")
        index = pd.RangeIndex(n)
        anchor = (
            req["request_at"]
            .reindex(index)
            .fillna(first.reindex(index))
            .fillna(people["added_on"].reindex(index))
        )
        self.keys = pd.DataFrame(
            {
                "anchor": anchor,
                "channel": req["channel"].reindex(index),
                "connection": people["connection"].reindex(index),
                "field": people["field"].reindex(index),
            },
            index=index,
        )

    def choices(self, column: str) -> list[str]:
        """The values of ``column`` (channel, connection or field) found in the log, sorted."""
        return sorted(set(self.keys[column].dropna().astype(str)))

    def selected(
        self,
        *,
        start: Any = None,
        end: Any = None,
        channels: Iterable[str] | None = None,
        connections: Iterable[str] | None = None,
        fields: Iterable[str] | None = None,
    ) -> np.ndarray:
        """Which rows of ``keys`` the filters keep (see :func:`filter_log`)."""
        keys = self.keys
        keep = np.ones(len(keys), dtype=bool)
        begin = as_timestamp(start, what="start date")
        finish = as_timestamp(end, what="end date")
        if begin is not None:
            keep &= (keys["anchor"] >= begin.normalize()).to_numpy()
        if finish is not None:
            keep &= (keys["anchor"] < finish.normalize() + _DAY).to_numpy()
        chosen = {"channel": channels, "connection": connections, "field": fields}
        for column, allowed in chosen.items():
            if allowed is not None:
                wanted = [allowed] if isinstance(allowed, str) else list(allowed)
                keep &= keys[column].astype("object").isin(wanted).to_numpy()
        return keep

    def apply(self, **filters: Any) -> OutreachLog:
        """The filtered log (the log itself when no filter is set); see :func:`filter_log`."""
        return self.analysis(**filters).log

    def analysis(self, *, as_of: Any = None, **filters: Any) -> Analysis:
        """An :class:`Analysis` of the filtered log, reusing this filter's numbering of people.

        >>> from infoview_kit.analytics import example_log, response_rates
        >>> part = LogFilter(example_log()).analysis(channels=["email"])
        >>> response_rates(part)["requests"].tolist()
        [3]
        """
        if all(v is None for v in filters.values()):
            return Analysis(self.log, as_of=as_of, pair_codes=self.codes)
        keep_code = np.append(self.selected(**filters), False)  # code -1 picks the final False
        contacts, events = keep_code[self._contact_code], keep_code[self._event_code]
        part = OutreachLog(contacts=self.log.contacts[contacts], events=self.log.events[events])
        return Analysis(part, as_of=as_of, pair_codes=self.codes.part(contacts, events))


def filter_log(
    log: OutreachLog,
    *,
    start: Any = None,
    end: Any = None,
    channels: Iterable[str] | None = None,
    connections: Iterable[str] | None = None,
    fields: Iterable[str] | None = None,
) -> OutreachLog:
    """The part of a log about some contacts: by date, channel, connection or field.

    Filters pick *contacts* and keep all of their events, so a reply that
    came after ``end`` to a request inside the range still counts.

    * ``start`` / ``end``: the contact's date (the request; else the first
      event; else ``added_on``) falls in [start, end], whole days, both ends
      included. Undated contacts are dropped when either is given.
    * ``channels``: the channel of the request (contacts never written to
      are dropped).
    * ``connections`` / ``fields``: the contact's ``connection`` / ``field``.

    ``None`` means "no filter"; an empty list keeps nothing. With no filter at
    all the log itself is returned (pandas copy-on-write keeps it safe).

    >>> from infoview_kit.analytics import example_log
    >>> small = filter_log(example_log(), channels=["email"], fields=["data"])
    >>> sorted(small.contacts["contact_id"]), len(small.events)
    (['c', 'd'], 6)
    """
    log = _as_log(log, what="filter_log")
    filters = {
        "start": start,
        "end": end,
        "channels": channels,
        "connections": connections,
        "fields": fields,
    }
    if all(v is None for v in filters.values()):
        return log
    return LogFilter(log).apply(**filters)
