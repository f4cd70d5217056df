"""Generators of hostile and awkward input files, small on disk, for tests/io/test_hostile.py.

Each generator writes a few kilobytes (a few megabytes at most) and returns
the path to load. Large *unpacked* sizes are made without compressing them:
a deflate stream of a repeated block is the same few bytes repeated, so a
gigabyte of zeros costs milliseconds to write (see :func:`repeated_deflate`).
All people are synthetic (example.com).
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

ROW = b"Ada Example,ada@example.com,Acme,2025-06-02,Y\n"
HEADER = b"Name,Email,Company,Date contacted,Replied\n"
TRACKER = HEADER + b"Bo Sample,bo@example.com,Globex,2025-06-03,N\n"


# --------------------------------------------------------------------------- raw zip writing


def repeated_deflate(block: bytes, count: int, head: bytes = b"") -> bytes:
    """A raw deflate stream of ``head + block * count``, built in O(1) compression work.

    After a full flush the compressor forgets what came before, so every
    further ``block`` compresses to the same bytes: compress it twice and
    repeat the second result.
    """
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(head + block) + comp.flush(zlib.Z_FULL_FLUSH)
    if count == 1:
        return first + comp.flush(zlib.Z_FINISH)
    middle = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    last = comp.compress(block) + comp.flush(zlib.Z_FINISH)
    return first + middle * max(count - 2, 0) + last


def raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip from (name, deflated data, declared size, crc) members (no zip64)."""
    out = io.BytesIO()
    central = []
    for name, data, size, crc in members:
        offset = out.tell()
        encoded = name.encode("utf-8")
        local = (0x04034B50, 20, 0x800, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        out.write(struct.pack("<IHHHHHIIIHH", *local))
        out.write(encoded)
        out.write(data)
        entry = (0x02014B50, 20, 20, 0x800, 8, 0, 0x21, crc, len(data), size, len(encoded))
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", *entry, 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    for record in central:
        out.write(record)
    end = out.tell()
    count = len(central)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, end - start, start, 0))
    return out.getvalue()


def big_member(name: str, block: bytes, count: int, head: bytes = b"", *, crc: bool = True):
    """A member unpacking to ``head + block * count``, with its true CRC (as a real bomb has).

    ``crc=False`` skips computing it, for a member refused before its end is read.
    """
    crc = zlib.crc32(head) if crc else 0
    for _ in range(count if crc else 0):
        crc = zlib.crc32(block, crc)
    return (name, repeated_deflate(block, count, head), len(head) + len(block) * count, crc)


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --------------------------------------------------------------------------- archives


def export_bomb(folder: Path) -> Path:
    """A LinkedIn-looking archive (about 1.5 MB) whose messages.csv is 1.5 GB of zeros."""
    connections = ("Connections.csv", *_deflated(b"First Name,Last Name,Email Address\n"))
    bomb = big_member("messages.csv", bytes(1 << 20), 1536, crc=False)
    path = folder / "Basic_LinkedInDataExport.zip"
    path.write_bytes(raw_zip([connections, bomb]))
    return path


def csv_bomb(folder: Path, megabytes: int = 300) -> Path:
    """A small zip holding one tracker CSV of ``megabytes`` MB (the same row, repeated)."""
    block = ROW * ((1 << 20) // len(ROW))
    path = folder / "cohort.zip"
    path.write_bytes(raw_zip([big_member("ana.csv", block, megabytes, head=HEADER)]))
    return path


def many_small_bombs(folder: Path, members: int = 40, megabytes: int = 100) -> Path:
    """One archive of ``members`` CSVs of ``megabytes`` MB each: only the total is too much."""
    block = ROW * ((1 << 20) // len(ROW))
    entries = [big_member(f"s{i:02d}.csv", block, megabytes, head=HEADER) for i in range(members)]
    path = folder / "cohort.zip"
    path.write_bytes(raw_zip(entries))
    return path


def nested_bombs(folder: Path, levels: int = 3, width: int = 10) -> Path:
    """Archives of archives: each level holds ``width`` copies of the level below (50 MB leaves)."""
    data = raw_zip([big_member("a.bin", bytes(1 << 20), 50)])
    for _ in range(levels - 1):
        data = zip_bytes({f"part{i}.zip": data for i in range(width)})
    path = folder / "cohort.zip"
    path.write_bytes(data)
    return path


def deep_nest(folder: Path, levels: int = 200) -> Path:
    """A tracker inside a zip inside a zip ... ``levels`` deep."""
    data = TRACKER
    name = "ana.csv"
    for level in range(levels):
        data = zip_bytes({name: data})
        name = f"level{level}.zip"
    path = folder / "deep.zip"
    path.write_bytes(data)
    return path


def many_members(folder: Path, count: int = 20_001) -> Path:
    """An archive listing more members than the default limit (all empty)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for i in range(count):
            archive.writestr(f"f{i}.txt", b"")
    path = folder / "many.zip"
    path.write_bytes(buffer.getvalue())
    return path


def escaped_member_names(folder: Path) -> Path:
    """A zip whose member names carry terminal escapes and a right-to-left override."""
    path = folder / "names.zip"
    path.write_bytes(
        zip_bytes(
            {
                "ana.csv": TRACKER,
                "\x1b]0;pwned\x07evil\x1b[2J.csv": b"\x00\x01\x02binary",
                "report\u202ecod.exe.csv": b"not,a\nlog,at all\n",
            }
        )
    )
    return path


def _deflated(data: bytes) -> tuple[bytes, int, int]:
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush(), len(data), zlib.crc32(data)


# --------------------------------------------------------------------------- folders


def folder_with_loop(folder: Path) -> Path:
    """A cohort folder with two students and a link back to itself."""
    root = folder / "cohort"
    root.mkdir()
    (root / "ana.csv").write_bytes(TRACKER)
    (root / "ben.csv").write_bytes(TRACKER.replace(b"Bo Sample", b"Cy Test"))
    os.symlink(".", root / "loop")
    os.symlink("ana.csv", root / "again.csv")
    return root


def folder_with_escape(folder: Path) -> Path:
    """A cohort folder holding a link to a system folder and a link to a file outside."""
    root = folder / "cohort"
    root.mkdir()
    (root / "ana.csv").write_bytes(TRACKER)
    outside = folder / "private.csv"
    outside.write_bytes(TRACKER.replace(b"Bo Sample", b"Dee Secret"))
    os.symlink("/usr", root / "usr")
    os.symlink(outside, root / "private.csv")
    return root


def folder_with_fifo(folder: Path) -> Path:
    """A cohort folder holding a named pipe (opening it would wait forever)."""
    root = folder / "cohort"
    root.mkdir()
    (root / "ana.csv").write_bytes(TRACKER)
    os.mkfifo(root / "pipe.csv")
    os.symlink("/dev/zero", root / "zero.csv")
    return root


# --------------------------------------------------------------------------- spreadsheets


def stray_cell_xlsx(folder: Path) -> Path:
    """A 5 KB workbook: a two-row tracker plus one stray cell in the sheet's last row and column."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Email", "Company", "Date contacted"])
    sheet.append(["Ada Example", "ada@example.com", "Acme", "2025-06-02"])
    sheet["XFD1048576"] = "stray"
    path = folder / "tracker.xlsx"
    book.save(path)
    return path


def wide_rows_xlsx(folder: Path, rows: int = 700) -> Path:
    """Rows that each reach the last column: more cells than the default budget allows."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Name", "Email"])
    for i in range(rows):
        sheet.append([f"P{i}", None] + [None] * 16380 + ["x"])
    path = folder / "wide.xlsx"
    book.save(path)
    return path


# --------------------------------------------------------------------------- calendars


def _event(uid: int, start: str, extra: str = "", tz: str = "") -> str:
    tzid = f";TZID={tz}" if tz else ""
    stamp = start if tz else start + "Z"
    return (
        f"BEGIN:VEVENT\r\nUID:e{uid}@example.com\r\nDTSTART{tzid}:{stamp}\r\n"
        f"SUMMARY:Coffee {uid}\r\nORGANIZER:mailto:sam@example.com\r\n"
        f"ATTENDEE;CN=Ada Example;PARTSTAT=ACCEPTED:mailto:ada{uid}@example.com\r\n"
        f"{extra}END:VEVENT\r\n"
    )


def calendar(body: str, *, head: str = "") -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Hostile//EN\r\n"
        f"X-WR-CALNAME:sam@example.com\r\n{head}{body}END:VCALENDAR\r\n"
    )


def _write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def tz_rule_every(folder: Path, freq: str = "SECONDLY") -> Path:
    """A custom time zone whose rule repeats every second (or minute) since 1970."""
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:Hostile/Zone\r\n"
        "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        f"RRULE:FREQ={freq}\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:19700101T000001\r\n"
        f"RRULE:FREQ={freq}\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nEND:DAYLIGHT\r\n"
        "END:VTIMEZONE\r\n"
    )
    body = _event(1, "20250612T150000", tz="Hostile/Zone") + _event(2, "20250613T150000")
    return _write(folder, f"tz-{freq.lower()}.ics", calendar(body, head=zone))


def empty_timezone(folder: Path) -> Path:
    """An empty VTIMEZONE block (no rules at all) used by one event."""
    zone = "BEGIN:VTIMEZONE\r\nTZID:Empty\r\nEND:VTIMEZONE\r\n"
    body = _event(1, "20250612T150000", tz="Empty") + _event(2, "20250613T150000")
    return _write(folder, "empty-tz.ics", calendar(body, head=zone))


def bad_event(folder: Path) -> Path:
    """Three events; the second holds a stray line and an unreadable start."""
    body = (
        _event(1, "20250612T150000")
        + _event(2, "2025-06-13 at three", extra="this line is not a property\r\n")
        + _event(3, "20250614T150000")
    )
    return _write(folder, "bad-event.ics", calendar(body))


def stray_lines_calendar(folder: Path) -> Path:
    """Junk lines between events and an event whose alarm is never closed, among good events."""
    body = (
        _event(1, "20250612T150000")
        + "garbage line\r\nX-BAD;=:\r\n"
        + _event(2, "20250613T150000")
        + "BEGIN:VEVENT\r\nDTSTART:20250614T150000Z\r\nBEGIN:VALARM\r\nEND:VEVENT\r\n"
        + _event(3, "20250615T150000")
    )
    return _write(folder, "stray.ics", calendar(body))


def calendar_fragment(folder: Path) -> Path:
    """Events with no BEGIN:VCALENDAR around them (copied out of a bigger file)."""
    events = _event(1, "20250612T150000") + _event(2, "20250613T150000")
    return _write(folder, "fragment.ics", events)


def utf16_calendar(folder: Path) -> Path:
    text = calendar(_event(1, "20250612T150000", extra="LOCATION:Café Zoë\r\n"))
    return _write(folder, "utf16.ics", text.encode("utf-16"))


def odd_line_ends_calendar(folder: Path, ending: str = "\r\r\n") -> Path:
    text = calendar(_event(1, "20250612T150000") + _event(2, "20250613T150000"))
    return _write(folder, "odd-ends.ics", text.replace("\r\n", ending))


def nested_components(folder: Path, depth: int = 20_000) -> Path:
    """Components nested twenty thousand deep inside an event."""
    inner = "BEGIN:X-NEST\r\n" * depth + "END:X-NEST\r\n" * depth
    return _write(folder, "nested.ics", calendar(_event(1, "20250612T150000", extra=inner)))


# --------------------------------------------------------------------------- address books


def card(number: int, extra: str = "", *, begin="BEGIN:VCARD", end="END:VCARD") -> str:
    return (
        f"{begin}\r\nVERSION:3.0\r\nFN:Person {number} Example\r\nN:Example;Person {number};;;\r\n"
        f"EMAIL;TYPE=INTERNET:p{number}@example.com\r\n{extra}{end}\r\n"
    )


def unterminated_cards(folder: Path, count: int = 20_000) -> Path:
    """Twenty thousand card openings and not one card end."""
    return _write(folder, "open.vcf", "BEGIN:VCARD\r\nFN:Ada Example\r\n" * count)


def photo_card(folder: Path, megabytes: int = 5) -> Path:
    """A card carrying a photo of several megabytes (base64, folded), between two plain cards."""
    data = "A" * (megabytes << 20)
    folded = "\r\n ".join(data[i : i + 74] for i in range(0, len(data), 74))
    photo = f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\n"
    return _write(folder, "photo.vcf", card(1) + card(2, photo) + card(3))


def awkward_cards(folder: Path) -> Path:
    """What real exports hold: an unescaped comma in ORG, a grouped BEGIN, a broken line."""
    text = (
        card(1, "ORG:Acme, Inc.\r\n")
        + card(2, begin="home.begin:vcard", end="home.end:vcard")
        + card(3, "this line is not a property\r\nTEL;TYPE=CELL:+1 555 0100\r\n")
        + card(4, "N:;;;;;;;;;\r\nADR;TYPE=HOME:;;;;;;;;;;;;\r\n")
        + card(5)
    )
    return _write(folder, "awkward.vcf", text)


def doubled_cr_cards(folder: Path) -> Path:
    """Cards whose lines end in CR CR LF (a CRLF file passed through a second CRLF conversion)."""
    return _write(folder, "doubled.vcf", (card(1) + card(2)).replace("\r\n", "\r\r\n"))


def utf16_cards(folder: Path) -> Path:
    return _write(folder, "utf16.vcf", (card(1, "ORG:Café Zoë\r\n") + card(2)).encode("utf-16"))


# --------------------------------------------------------------------------- mailboxes


def _message(sender: str, to: str, subject: str, day: int, extra: bytes = b"") -> bytes:
    return (
        (
            f"From {sender} Mon Jun 0{day} 09:00:00 2025\nFrom: <{sender}>\nTo: <{to}>\n"
            f"Subject: {subject}\nDate: Mon, {day} Jun 2025 09:00:00 +0000\n"
            f"Message-ID: <m{day}@example.com>\n"
        ).encode()
        + extra
        + b"\nHello\n"
    )


def huge_header_mbox(folder: Path) -> Path:
    """A message whose To line lists two million addresses (30 MB of headers), then a normal one."""
    crowd = b"To: " + b"a@example.com, " * 2_000_000 + b"\n"
    data = _message("sam@example.com", "x@example.com", "All", 2, crowd) + _message(
        "sam@example.com", "ada@example.com", "A question", 3
    )
    return _write(folder, "mail.mbox", data)


def broken_message_mbox(folder: Path) -> Path:
    """Three messages; the middle one is binary junk where its headers should be."""
    junk = b"From x@x Mon Jun 02 09:00:00 2025\n\xff\xfe\x00\x01junk: \x00\n=?bogus?q?x?= <\n"
    junk += b"\nbody\n"
    data = (
        _message("sam@example.com", "ada@example.com", "A question", 2)
        + junk
        + _message("ada@example.com", "sam@example.com", "Re: A question", 3)
    )
    return _write(folder, "mail.mbox", data)


# ------------------------------------------------------------------ shapes other parsers test


def quoted_printable_cards(folder: Path) -> Path:
    """vCard 2.1 with a quoted-printable note broken by a soft line break, and a vCard 4.0."""
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Example;Ada\r\nFN:Ada Example\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:Met at the caf=C3=A9 =\r\nin June\r\n"
        "EMAIL;PREF;INTERNET:ada@example.com\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bo Sample\r\nEMAIL;PREF=1:bo@example.com\r\nEND:VCARD\r\n"
    )
    return _write(folder, "v21.vcf", text)


def two_calendars(folder: Path) -> Path:
    """Two VCALENDAR blocks in one file; an Outlook zone from 1601; a to-do; an all-day event."""
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:Eastern Standard Time\r\n"
        "BEGIN:STANDARD\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n"
        "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n"
        "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    )
    first = calendar(_event(1, "20250612T100000", tz="Eastern Standard Time"), head=zone)
    todo = "BEGIN:VTODO\r\nUID:t1@example.com\r\nSUMMARY:Send thanks\r\nEND:VTODO\r\n"
    second = calendar(todo + _event(2, "20250613T090000"))
    return _write(folder, "two.ics", first + second)
