"""The budgets of one load: how much a hostile or damaged file may cost, and how to raise them.

Every loader checks its input against a :class:`Limits` before it spends
memory or time on it: an archive's members are counted and unpacked against
one byte budget shared by every nesting level, a spreadsheet's cells are
counted while it is read, a calendar's events and a card file's cards are
counted before they are parsed. Past a limit, the loader raises
:class:`LimitExceededError`, whose one-line message names the file, the limit
and how to raise it. Inside a folder or archive, that line becomes the row of
the one file in the report and the other files still load.

The defaults fit the largest real exports we know of (a LinkedIn archive, a
term's cohort, a Google Calendar export) with room to spare. To raise one:

* in a shell: ``infoview validate big.zip --limit unpacked_mb=4096``
  (the flag can be repeated);
* anywhere (a notebook, a server): the environment variable
  ``INFOVIEW_LIMITS="unpacked_mb=4096,depth=8"`` before the load starts;
* from Python: ``load_log(path, limits=Limits(unpacked_mb=4096))``.

>>> Limits.parse("unpacked_mb=2048, depth=3").unpacked_mb
2048
>>> Limits().raised_by("depth")
'--limit depth=N (shell) or INFOVIEW_LIMITS="depth=N" (environment)'
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

from infoview_kit.errors import InfoviewError

#: The environment variable read by :meth:`Limits.from_env`.
ENV_VAR = "INFOVIEW_LIMITS"
_MB = 1 << 20


class LimitExceededError(InfoviewError, ValueError):
    """A file goes past one of the load's budgets (see :mod:`infoview_kit.io.limits`)."""


class BudgetExceededError(LimitExceededError):
    """The whole load goes past a shared budget (bytes unpacked, files looked at): it stops."""


@dataclass(frozen=True)
class Limits:
    """How much one load may unpack, read and parse. Every field can be raised.

    ``unpacked_mb``: megabytes unpacked from archives in one load, every member
    and every nesting level counted together. ``table_mb``: megabytes of
    tables, calendars and card files read into memory in one load (pandas
    needs about twenty times a narrow CSV's size). ``members``: files in one
    archive. ``depth``: archives nested inside archives. ``cells``: cells of one
    worksheet. ``events``: events in one calendar. ``cards``: cards in one address
    book. ``card_kb``: kilobytes of one card (a larger one, usually a photo, is
    left out and reported). ``header_kb``: kilobytes of one e-mail's headers (a
    larger message is left out and reported). ``files``: files looked at in one
    folder tree.
    """

    unpacked_mb: int = 1024
    table_mb: int = 64
    members: int = 10_000
    depth: int = 5
    cells: int = 10_000_000
    events: int = 200_000
    cards: int = 200_000
    card_kb: int = 256
    header_kb: int = 256
    files: int = 20_000

    @property
    def unpacked_bytes(self) -> int:
        return self.unpacked_mb * _MB

    @property
    def table_bytes(self) -> int:
        return self.table_mb * _MB

    @classmethod
    def parse(cls, text: str, *, base: Limits | None = None) -> Limits:
        """``"name=value,name=value"`` (spaces allowed) on top of ``base`` (default: defaults).

        A wrong name or value raises :class:`InfoviewError` naming the known names.
        """
        known = {f.name for f in fields(cls)}
        changes: dict[str, int] = {}
        for item in text.replace(";", ",").split(","):
            if not item.strip():
                continue
            name, _, value = item.partition("=")
            name = name.strip().lower().replace("-", "_")
            if name not in known:
                raise InfoviewError(
                    f"unknown limit {name!r}: use one of {', '.join(sorted(known))}"
                )
            try:
                number = int(value.strip())
            except ValueError:
                raise InfoviewError(
                    f"limit {name} needs a whole number, not {value.strip()!r}"
                ) from None
            if number < 0:
                raise InfoviewError(f"limit {name} must be 0 or more")
            changes[name] = number
        return replace(base or cls(), **changes)

    @classmethod
    def from_env(cls) -> Limits:
        """The defaults, raised or lowered by :data:`ENV_VAR` when it is set."""
        return cls.parse(os.environ.get(ENV_VAR, ""))

    @staticmethod
    def raised_by(name: str) -> str:
        """How a user raises the limit ``name``, in every interface."""
        return f'--limit {name}=N (shell) or {ENV_VAR}="{name}=N" (environment)'

    def exceeded(
        self, label: str, what: str, name: str, *, whole_load: bool = False
    ) -> LimitExceededError:
        """The one-line error for ``label`` going past limit ``name``.

        >>> str(Limits().exceeded("a.zip", "nests archives deeper than", "depth"))
        'a.zip nests archives deeper than 5 levels (limit depth=5; raise it with --limit depth=N (shell) or INFOVIEW_LIMITS="depth=N" (environment))'
        """  # noqa: E501
        value = getattr(self, name)
        unit = _UNITS.get(name, "")
        kind = BudgetExceededError if whole_load else LimitExceededError
        return kind(
            f"{label} {what} {value}{unit} (limit {name}={value}; raise it with "
            f"{self.raised_by(name)})"
        )


_UNITS = {
    "unpacked_mb": " MB",
    "table_mb": " MB",
    "members": " files",
    "depth": " levels",
    "cells": " cells",
    "events": " events",
    "cards": " cards",
    "card_kb": " KB",
    "header_kb": " KB",
    "files": " files",
}


class Budget:
    """What is left of one load's unpacking budget (shared by every archive and level).

    >>> budget = Budget(Limits(unpacked_mb=1))
    >>> budget.spend(1000, "a.zip")
    >>> budget.left
    1047576
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.left = limits.unpacked_bytes
        self.tables_left = limits.table_bytes

    def read_table(self, size: int, label: str) -> None:
        """Count a file of ``size`` bytes about to be read into memory.

        One file larger than the whole budget is refused on its own (the rest
        of the load goes on); a file that only tips the running total over
        stops the load.
        """
        if size > self.limits.table_bytes:
            raise self.limits.exceeded(label, "is larger than", "table_mb")
        self.tables_left -= size
        if self.tables_left < 0:
            raise self.limits.exceeded(
                label, "brings the files read in this load over", "table_mb", whole_load=True
            )

    def spend(self, size: int, label: str) -> None:
        """Count ``size`` unpacked bytes; past the budget, raise LimitExceededError."""
        self.left -= size
        if self.left < 0:
            raise self.limits.exceeded(
                label, "unpacks to more than", "unpacked_mb", whole_load=True
            )


def resolve(limits: Limits | None) -> Limits:
    """``limits``, or the environment's when None."""
    return limits if limits is not None else Limits.from_env()
