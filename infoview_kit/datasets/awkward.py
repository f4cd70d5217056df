"""Awkward inputs and big synthetic trackers, shared by tests and benchmarks.

All people here are invented; e-mails are at example.com.

>>> catalogue = awkward_inputs()
>>> catalogue["semicolons"][0], catalogue["empty"]
('semicolons.csv', ('empty.csv', b''))
>>> make_tracker(3, seed=1).shape
(3, 17)
"""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd

_HEADER = (
    "Name,Company,Position,How connected,Email,Channel,Date Contacted,Replied? (Y/N),"
    "Meeting Date,Notes"
)


def _csv(lines: list[str], *, newline: str = "\r\n") -> bytes:
    return (newline.join(lines) + newline).encode("utf-8")


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    """A workbook of ``{sheet title: rows}``, as a script writes it (openpyxl: formulas are
    saved without a result)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def awkward_inputs() -> dict[str, tuple[str, bytes]]:
    """Awkward tracker files: name -> (file name, bytes).

    Each is either a log that loads with a balanced report or a file that
    raises the documented error (``empty``, ``binary``, ``not_a_log``,
    ``random_bytes``, ``broken_xlsx``, ``old_xls``).
    """
    import datetime as dt

    day = dt.datetime
    catalogue: dict[str, tuple[str, bytes]] = {
        "empty": ("empty.csv", b""),
        "header_only": ("header_only.csv", _csv([_HEADER])),
        "blank_dates": (
            "blank_dates.csv",
            _csv(
                [
                    _HEADER,
                    "Ada Example,Acme,Analyst,alumni,ada@example.com,Email,,,,",
                    "Bo Sample,Globex,Engineer,cold,bo@example.com,LinkedIn,2025-03-04,,,",
                ]
            ),
        ),
        "duplicates": (
            "duplicates.csv",
            _csv(
                [
                    _HEADER,
                    "Ada Example,Acme,Analyst,alumni,ada@example.com,Email,2025-03-03,Y,,"
                    "first note",
                    "Ada Example,ACME,,alumni,ADA@EXAMPLE.COM,Email,2025-03-03,,,second note",
                    "ada  example,acme,,,,,,,,",
                    "Ada Example,Globex,Analyst,,,Email,2025-03-05,,,",
                ]
            ),
        ),
        "non_ascii": (
            "non_ascii.csv",
            _csv(
                [
                    _HEADER,
                    "Zoë Ñúñez,Café Ñandú,Curator,alumni,zoe@example.com,Email,2025-02-03,Y,"
                    "2025-02-20,très bien",
                    "Łukasz Przykład,Żabka Labs,Engineer,cold,lukasz@example.com,LinkedIn,"
                    "2025-02-04,N,,",
                    "김민준 Example,Hanbit Data,Analyst,friend,minjun@example.com,Email,"
                    "2025-02-05,,,",
                ]
            ),
        ),
        "words_abroad": (
            "words_abroad.csv",
            _csv(
                [
                    _HEADER,
                    "Ada Example,Acme,Analyste,alumni,ada@example.com,Téléphone,4 mars 2025,Oui,"
                    "mardi 18 mars 2025,",
                    "Bo Sample,Globex,Ingenieur,cold,bo@example.com,Anruf,3. März 2025,Nein,,",
                    "Cy Example,Initech,Analista,cold,cy@example.com,correo,4 de marzo de 2025,"
                    "Sin respuesta,,",
                    "Di Example,Umbrella,Analist,friend,di@example.com,en persona,März 2025,"
                    "Pas encore,,month only",
                ]
            ),
        ),
        "bom": (
            "bom.csv",
            b"\xef\xbb\xbf"
            + _csv(
                [_HEADER, "Zoë Example,Acme,Analyst,alumni,zoe@example.com,Email,2025-03-03,Y,,"]
            ),
        ),
        "crlf": ("crlf.csv", _csv([_HEADER, "Ada Example,Acme,,,ada@example.com,,2025-03-03,,,"])),
        "cp1252": (
            "cp1252.csv",
            (
                _HEADER + "\r\nRené Müller,Café Zürich,Barista,friend,rene@example.com,Email,"
                "3/4/2025,Y,,“quoted” – dash\r\n"
            ).encode("cp1252"),
        ),
        "semicolons": (
            "semicolons.csv",
            _csv(
                [
                    _HEADER.replace(",", ";"),
                    "Ada Example;Acme, Inc.;Analyst;alumni;ada@example.com;E-mail;07.03.2025;ja;;",
                ]
            ),
        ),
        "tabs": (
            "tabs.csv",
            _csv(
                [
                    _HEADER.replace(",", "\t"),
                    "Ada Example\tAcme\t\t\tada@example.com\tEmail\t2025-03-07\tY\t\t",
                ]
            ),
        ),
        "title_rows": (
            "title_rows.csv",
            _csv(
                [
                    "My informational interviews,,,,,,,,,",
                    ",,,,,,,,,",
                    _HEADER,
                    "Ada Example,Acme,,,ada@example.com,Email,2025-03-07,,,",
                ]
            ),
        ),
        "title_rows_xlsx": (
            "title_rows.xlsx",
            xlsx_bytes(
                {
                    "Log": [
                        ["My informational interviews"],
                        [],
                        ["Name", "Company", "Date Contacted", "Replied? (Y/N)", "Meeting Date"],
                        ["Ada Example", "Acme", day(2025, 3, 7), "Y", day(2025, 3, 20)],
                        ["Bo Sample", "Globex", day(2025, 3, 8), "N", None],
                    ],
                    "Notes": [["Things to remember"], ["bring questions"]],
                }
            ),
        ),
        # Written by a script: formulas with no saved result (each named in the report).
        "formulas_xlsx": (
            "formulas.xlsx",
            xlsx_bytes(
                {
                    "Log": [
                        ["First name", "Last name", "Name", "Email", "Date contacted", "Replied?"],
                        [
                            "Ada",
                            "Example",
                            '=A2&" "&B2',
                            "ada@example.com",
                            "=DATE(2025,3,4)",
                            '=IF(E2="","","Yes")',
                        ],
                        ["Bo", "Sample", '=A3&" "&B3', "bo@example.com", day(2025, 3, 5), "Y"],
                    ]
                }
            ),
        ),
        # Cells whose formula failed: error values as Excel, a German Excel and LibreOffice
        # show them (read as empty and reported), next to notes that merely hold a "#".
        "error_values": (
            "error_values.csv",
            _csv(
                [
                    _HEADER,
                    "#N/A,#REF!,,,#N/A,Email,#VALUE!,Y,,",
                    "Bo Sample,#N/A,#WERT!,cold,bo@example.com,#NAME?,2025-03-04,#N/A,#DIV/0!,"
                    "#1 priority",
                    "Cy Tester,Initech,,,cy@example.com,Email,Err:502,,,Team #3",
                ]
            ),
        ),
        # The same in a workbook: real error cells (type "e"), as Excel saves them.
        "error_values_xlsx": (
            "error_values.xlsx",
            xlsx_bytes(
                {
                    "Log": [
                        ["Name", "Email", "Company", "Date contacted", "Replied?"],
                        ["#N/A", "#N/A", "Acme", day(2025, 3, 3), "Y"],
                        ["Bo Sample", "bo@example.com", "#REF!", day(2025, 3, 4), "#N/A"],
                    ]
                }
            ),
        ),
        "mixed_time_zones": (
            "mixed_time_zones.csv",
            _csv(
                [
                    "Date,Contact,Event,Channel,Notes",
                    "2025-06-07T10:00:00+02:00,Ada Example,request sent,email,",
                    "2025-06-07T09:30:00Z,Ada Example,reply,email,",
                    "2025-06-07T04:00:00-05:00,Ada Example,meeting held,zoom,",
                    "2025-06-08 12:00,Ada Example,thank you,email,",
                ]
            ),
        ),
        "formula_like": (
            "formula_like.csv",
            _csv(
                [
                    _HEADER,
                    '=HYPERLINK("x"),Acme,,,formula@example.com,,2025-03-03,,,+1 555 0100',
                    "@Ada Example,-Acme,,,ada@example.com,,2025-03-03,,,-dash first",
                ]
            ),
        ),
        "excel_serials": (
            "excel_serials.csv",
            _csv([_HEADER, "Ada Example,Acme,,,ada@example.com,Email,45719,Y,45730,"]),
        ),
        "day_first": (
            "day_first.csv",
            _csv(
                [
                    _HEADER,
                    "Ada Example,Acme,,,ada@example.com,Email,03/04/2025,Y,,",
                    "Bo Sample,Globex,,,bo@example.com,Email,25/03/2025,Y,02/04/2025,",
                ]
            ),
        ),
        "ambiguous_dates": (
            "ambiguous_dates.csv",
            _csv(
                [
                    _HEADER,
                    "Ada Example,Acme,,,ada@example.com,Email,03/04/2025,Y,,",
                    "Bo Sample,Globex,,,bo@example.com,Email,05/06/2025,,,",
                ]
            ),
        ),
        "excel_month_names": (
            "excel_month_names.csv",
            _csv(
                [
                    _HEADER,
                    'Ada Example,Acme,,,ada@example.com,Email,7-Jun-25,Y,"June 20, 2025",',
                    "Bo Sample,Globex,,,bo@example.com,Email,07 June 2025,,,",
                ]
            ),
        ),
        "date_ranges": (  # Notion's date properties with an end, and ranges typed by hand
            "date_ranges.csv",
            _csv(
                [
                    _HEADER,
                    'Ada Example,Acme,,,ada@example.com,Email,"April 1, 2025 → April 3, 2025",Y,'
                    '"April 10, 2025 10:00 AM → 11:00 AM",',
                    "Bo Sample,Globex,,,bo@example.com,Email,2025-04-01 - 2025-04-03,Y,"
                    "10:00-11:00 on 2025-04-14,",
                    'Cy Tester,Initech,,,cy@example.com,Email,"April 2-4, 2025",,,',
                ]
            ),
        ),
        "unknown_labels": (
            "unknown_labels.csv",
            _csv(
                [
                    _HEADER + ",Favourite colour",
                    "Ada Example,Acme,,neighbour,ada@example.com,carrier pigeon,2025-03-03,"
                    "maybe,,,blue",
                ]
            ),
        ),
        "multiline_cells": (
            "multiline_cells.csv",
            _csv(
                [
                    'Name,"Date\ncontacted",Notes',
                    'Ada Example,2025-03-03,"line one\nline two, with comma"',
                    "Bo Sample,2025-03-04,plain",
                ]
            ),
        ),
        "ragged_rows": (
            "ragged_rows.csv",
            _csv(
                [
                    "Name,Email,Date contacted",
                    "Ada Example,ada@example.com",
                    "Bo Sample,bo@example.com,2025-03-03,extra",
                ]
            ),
        ),
        "blank_rows": (
            "blank_rows.csv",
            _csv(
                [
                    "Name,Email",
                    "Ada Example,ada@example.com",
                    ",",
                    "   ,  ",
                    "",
                    "Bo Sample,bo@example.com",
                ]
            ),
        ),
        "no_identity_rows": (
            "no_identity_rows.csv",
            _csv(
                [
                    "Name,Email,Company,Date contacted",
                    "Ada Example,,Acme,2025-03-03",
                    ",,Globex,2025-03-04",
                ]
            ),
        ),
        "referrals": (
            "referrals.csv",
            _csv(
                [
                    "Name,Company,Referred by,Meeting date,Referrals given",
                    "Ada Example,Acme,,2025-03-10,Bo Sample and Cy Tester; her manager",
                    "Bo Sample,Globex,Ada Example,2025-03-20,2",
                    "Dee Person,Initech,Uncle Vic,,",
                ]
            ),
        ),
        "utf16": (
            "utf16.txt",
            ("Name\tEmail\tDate contacted\r\nZoë Example\tzoe@example.com\t2025-03-03\r\n").encode(
                "utf-16"
            ),
        ),
        "json_records": (
            "records.json",
            json.dumps(
                [
                    {
                        "name": "Ada Example",
                        "email": "ada@example.com",
                        "date contacted": "2025-03-03",
                    },
                    {"name": "Bo Sample", "company": "Globex", "replied": "yes"},
                ]
            ).encode(),
        ),
        "json_tables": (
            "tables.json",
            json.dumps(
                {
                    "contacts": [{"owner": "me", "contact_id": "c-1", "name": "Ada Example"}],
                    "events": [
                        {
                            "owner": "me",
                            "contact_id": "c-1",
                            "at": "2025-03-03T09:00:00",
                            "kind": "request_sent",
                            "channel": "email",
                        },
                    ],
                }
            ).encode(),
        ),
        "not_a_log": ("notes.txt", b"Remember to buy milk.\nCall the bank.\n"),
        "binary": ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        "random_bytes": ("noise.csv", np.random.default_rng(3).bytes(2048)),
        "broken_xlsx": ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 40),
        "old_xls": ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
    }
    return catalogue


#: Catalogue entries that are not logs, and the error each raises.
NOT_LOGS: dict[str, str] = {
    "empty": "NotALogError",
    "not_a_log": "NotALogError",
    "binary": "UnreadableFileError",
    "random_bytes": "UnreadableFileError",
    "broken_xlsx": "UnreadableFileError",
    "old_xls": "UnreadableFileError",
}

_FIRST = np.array(
    [
        "Ada",
        "Bo",
        "Chen",
        "Dana",
        "Eli",
        "Zoë",
        "Łukasz",
        "Mia",
        "Noor",
        "Omar",
        "Priya",
        "Quinn",
        "Rosa",
        "Sven",
        "Tariq",
        "Uma",
        "Vera",
        "Wei",
        "Ximena",
        "Yusuf",
        "Amara",
        "Björn",
        "Chloé",
        "Dmitri",
        "Esra",
        "Farah",
        "Goran",
        "Hana",
        "Ines",
        "Jonas",
        "Kenji",
        "Lena",
        "Mateo",
        "Nadia",
        "Oskar",
        "Paula",
        "Rafael",
        "Sina",
        "Tomás",
        "Ulla",
    ]
)
_LAST = np.array(
    [
        "Example",
        "Sample",
        "Tester",
        "Nguyễn",
        "Park",
        "Quinn",
        "Reyes",
        "Smith",
        "Okafor",
        "Haddad",
        "Kowalski",
        "Lindqvist",
        "Moreau",
        "Novak",
        "Ortega",
        "Petrov",
        "Rossi",
        "Sato",
        "Tanaka",
        "Umarov",
        "Varga",
        "Weber",
        "Yilmaz",
        "Zhang",
        "Alvarez",
        "Brennan",
        "Costa",
        "Demir",
        "Eriksen",
        "Fischer",
    ]
)
_ORGS = np.array(
    [
        "Northwind Analytics",
        "Harbor Health",
        "Juniper Museum",
        "Bluebird Labs",
        "Cedar Consulting",
        "Lakeside Council",
        "Orbit Media",
        "Pinecone Energy",
        "Quarry Studio",
        "Riverbend School",
    ]
)
_ROLES = np.array(
    ["Analyst", "Engineer", "Curator", "Manager", "Designer", "Researcher", "Consultant"]
)
_FIELDS = np.array(
    [
        "data science",
        "UX research",
        "public health",
        "sustainability consulting",
        "museum education",
    ]
)
_CONNECTIONS = np.array(
    ["Alumni", "cold", "Referral", "friend", "family", "faculty", "Event", "colleague"]
)
_CHANNELS = np.array(["Email", "LinkedIn", "phone", "in person", "Zoom"])


def make_tracker(n_rows: int, *, seed: int = 0, n_owners: int | None = None) -> pd.DataFrame:
    """A realistic flat tracker table (one row per contact) for benchmarks.

    Columns use common spreadsheet spellings; dates are US ``m/d/Y`` text,
    yes/no columns hold ``Y``/blank; a ``Student`` column spreads the rows
    over ``n_owners`` owners (default: one per 100 rows), as in a cohort sheet.
    """
    rng = np.random.default_rng(seed)
    n = int(n_rows)
    owners = n_owners or max(1, n // 100)
    first_codes = rng.integers(0, len(_FIRST), n)
    initials = np.array([f" {c}. " for c in "ABCDEFGHIJKLMNOPRSTVW"], dtype=object)
    name = (
        _FIRST[first_codes].astype(object)
        + initials[rng.integers(0, len(initials), n)]
        + _LAST[rng.integers(0, len(_LAST), n)].astype(object)
    )
    lower_first = np.array([f.casefold() for f in _FIRST], dtype=object)
    email = [
        f"{f}.{i}@example.com"
        for f, i in zip(lower_first[first_codes].tolist(), range(n), strict=True)
    ]
    start = np.datetime64("2024-09-02")
    contacted = start + rng.integers(0, 540, n).astype("timedelta64[D]")
    replied = rng.random(n) < 0.25
    followed = rng.random(n) < 0.4
    met = replied & (rng.random(n) < 0.6)
    delay = np.ceil(rng.lognormal(0.8, 0.8, n)).astype(int).astype("timedelta64[D]")

    def us(dates: np.ndarray, mask: np.ndarray) -> np.ndarray:
        # Format each distinct day once: a few hundred strftime calls, not a million.
        days, inverse = np.unique(dates, return_inverse=True)
        text = pd.DatetimeIndex(days).strftime("%m/%d/%Y").to_numpy(dtype=object)
        return np.where(mask, text[inverse], "")

    student = np.array([f"student_{i:04d}" for i in range(owners)], dtype=object)
    frame = pd.DataFrame(
        {
            "Student": student[rng.integers(0, owners, n)],
            "Name": name,
            "Company": _ORGS[rng.integers(0, len(_ORGS), n)],
            "Position": _ROLES[rng.integers(0, len(_ROLES), n)],
            "Field": _FIELDS[rng.integers(0, len(_FIELDS), n)],
            "How connected": _CONNECTIONS[rng.integers(0, len(_CONNECTIONS), n)],
            "Email": email,
            "Channel": _CHANNELS[rng.integers(0, len(_CHANNELS), n)],
            "Date Contacted": us(contacted, np.ones(n, dtype=bool)),
            "Followed up": us(contacted + np.timedelta64(7, "D"), followed),
            "Replied? (Y/N)": np.where(replied, "Y", "N"),
            "Reply date": us(contacted + delay, replied),
            "Meeting Date": us(contacted + delay + np.timedelta64(9, "D"), met),
            "Thank-you sent": np.where(met & (rng.random(n) < 0.85), "Y", ""),
            "Referrals given": np.where(met & (rng.random(n) < 0.3), "1", ""),
            "Next step": "",
            "Notes": np.where(rng.random(n) < 0.2, "asked about a typical week", ""),
        }
    )
    frame = frame.astype("str")
    return frame
