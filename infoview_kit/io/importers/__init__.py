"""Importers for the traces people already have (LinkedIn archive, mailbox, calendar, address book).

``load_log`` asks :func:`find_importer` about every file before treating it as
a tracker table, and :func:`find_archive_importer` about every folder or zip
before treating it as one file per person. Both judge by content (the first
bytes, the member names), not by file extension alone.

Each importer is ``read_x(source, *, owner=None, name=None, ...) -> OutreachLog``
(``source``: a path, bytes or an open binary file; ``name``: the file name
for reports when ``source`` is bytes) whose report accounts for every
record it read: ``rows_read == rows_loaded + rows_merged + rows_rejected``.

* :func:`read_linkedin`: LinkedIn's data archive (zip, folder, or one of
  Connections.csv, messages.csv, Invitations.csv);
* :func:`read_mbox`: a mailbox (Google Takeout's Gmail ``.mbox``);
* :func:`read_ics`: a calendar (``.ics`` from Google Calendar or Outlook);
* :func:`read_vcf`: an address book (``.vcf``).

To put several sources into one person's log, read each with the same
``owner`` and combine them with :func:`infoview_kit.io.merge.combine_logs`,
which merges people found in more than one source.

>>> find_importer(Path("cal.ics"), b"BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\n").__name__
'read_ics'
>>> find_importer(Path("notes.csv"), b"Name,Company\\n") is None
True
>>> find_archive_importer(["Connections.csv", "messages.csv", "Profile.csv"]).__name__
'read_linkedin'
>>> find_archive_importer(["Inbox.mbox/mbox", "Sent Messages.mbox/mbox"]).__name__
'read_mbox'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from infoview_kit.io.importers._common import utf16_encoding
from infoview_kit.io.importers.ics import read_ics
from infoview_kit.io.importers.linkedin import looks_like_archive, read_linkedin, sniff_kind
from infoview_kit.io.importers.mbox import looks_like_mail_folder, read_mbox
from infoview_kit.io.importers.vcf import looks_like_card_folder, read_vcf

__all__ = [
    "find_archive_importer",
    "find_importer",
    "read_ics",
    "read_linkedin",
    "read_mbox",
    "read_vcf",
    "utf16_encoding",
]

Importer = Callable[..., "object"]

_HEADER_LINE = re.compile(rb"^[\x21-\x39\x3b-\x7e]+:[ \t]", re.MULTILINE)
#: A calendar, or a fragment of one (events copied without the calendar around them).
_CALENDAR = re.compile(rb"BEGIN:(?:VCALENDAR|VEVENT)\s")
#: A card, grouped (``item1.BEGIN:VCARD``, as some phones write it) or not.
_CARD = re.compile(rb"(?:[A-Z0-9-]+\.)?BEGIN:VCARD\s")


def find_importer(path: Path, head: bytes) -> Importer | None:
    """The importer for one file, judged from its first bytes, or None.

    (The name counts only for a bare e-mail message: ``.eml``, ``.mbox``.)

    ``head`` is the start of the file (a few kilobytes is plenty).
    """
    text = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    encoding = utf16_encoding(text)
    if encoding is not None:  # saved as "Unicode": judge the decoded text
        text = text[: len(text) // 2 * 2].decode(encoding, errors="replace").lstrip("\ufeff")
        text = text.encode("utf-8")
    start = text.lstrip()[:40].upper()
    if _CALENDAR.match(start):
        return read_ics
    if _CARD.match(start):
        return read_vcf
    if text.startswith(b"From ") and _HEADER_LINE.search(text):
        return read_mbox
    suffix = Path(path).suffix.casefold()
    if suffix in (".mbox", ".eml", ".mbx") and _HEADER_LINE.match(text.lstrip()):
        return read_mbox
    if b"\x00" in text[:1024]:
        return None
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError:
        decoded = text.decode("cp1252", errors="replace")
    if sniff_kind(decoded) is not None:
        return read_linkedin
    return None


def find_archive_importer(names: list[str], *, folder: Path | None = None) -> Importer | None:
    """The importer for a folder or zip whose member names are ``names``, or None.

    ``folder``: the folder itself, when it is one: a folder of card files
    holding one contact each is one address book (their content is looked at).

    A LinkedIn archive is recognised by two of Connections.csv, messages.csv
    and Invitations.csv, or one of them next to other files LinkedIn exports
    (Profile.csv, Positions.csv...); mailboxes exported by Apple Mail by
    holding nothing but their files ("Inbox.mbox/mbox", "Info.plist"...).
    """
    names = list(names)
    if looks_like_archive(names):
        return read_linkedin
    if looks_like_mail_folder(names):
        return read_mbox
    if folder is not None and looks_like_card_folder(Path(folder), names):
        return read_vcf
    return None
