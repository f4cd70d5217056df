"""The package's own exceptions.

Every error a user can see is an :class:`InfoviewError` with a one-line
message that names the file (never a person's data) and says what to do.
"""

from __future__ import annotations


class InfoviewError(Exception):
    """Base class of every error this package raises on purpose."""


class NotALogError(InfoviewError, ValueError):
    """A file could be read but holds no outreach log (no recognisable columns)."""


class UnreadableFileError(InfoviewError, ValueError):
    """A file could not be read at all (missing, binary, broken archive...)."""


class WorkbookError(InfoviewError):
    """A workbook folder is missing, locked too long, or damaged."""


class InvalidDateError(InfoviewError, ValueError):
    """A value given where a date belongs (an option, a form field) is not a date."""
