"""Importers for the traces people already have (LinkedIn archive, mailbox, calendar, address book).

``load_log`` asks :func:`find_importer` about every file before treating it as
a tracker table, and :func:`find_archive_importer` about every folder or zip
before treating it as one file per person.

Each importer is ``read(source, *, owner=None) -> OutreachLog`` whose report
accounts for every record it read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Importer = Callable[..., "object"]


def find_importer(path: Path, head: bytes) -> Importer | None:
    """The importer for one file, judged from its name and first bytes, or None."""
    return None


def find_archive_importer(names: list[str]) -> Importer | None:
    """The importer for a folder or zip whose member names are ``names``, or None."""
    return None
