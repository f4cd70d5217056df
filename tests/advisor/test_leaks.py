"""Private by construction: personal data planted everywhere never reaches pseudonymised output.

A cohort folder is written with a (synthetic) personal string in every place a
student's files can carry one: file names, a sheet name, header cells, the
student column of a combined sheet, names, e-mails, phones, notes, roles,
organisations, referrers, tags, a column of the student's own, and typed
categories (connection, channel, field). The pseudonymised report (HTML and
the PNG charts inside it, metadata included), the dashboard (every value,
option and chart), the contact list and the pseudonymised tables must hold
none of them, while the raw load really did read them.
"""

from __future__ import annotations

import base64
import io
import re
import zlib

import pandas as pd
import pytest

from infoview_kit.advisor.cohort import load_cohort, student_table
from infoview_kit.advisor.privacy import pseudonymise
from infoview_kit.advisor.report import cohort_report_html, contact_list_csv
from infoview_kit.widgets.cohort_dashboard import CohortDashboard

KEY = "leak-test-key-0123456789abcdef"

#: Every planted string, by where it was planted (all synthetic).
PLANTED = {
    "file name": "Zara Quennell",
    "sheet name": "Ilse Marchetti",
    "header cell": "Bartholomew Fairweather",
    "student column": "Perpetua Oyelaran",
    "contact name": "Cosima Thistlewood",
    "e-mail": "cosima.thistlewood@example.com",
    "phone": "+44 7700 900777",
    "notes": "Ottilie Brackenbury",
    "role": "Assistant to Barnaby Quist",
    "organisation": "Quist Daughters Bakery",
    "referred by": "Fenwick Aldous",
    "tags": "Hortensia Vale",
    "own column": "Lavinia Crabtree",
    "connection typed": "Wendeline Ashgrove choir",
    "channel typed": "Lunch with Rosamund Featherstonehaugh",
    "field typed": "Thaddeus Pemberton lab",
}

_HEADER = ["Name", "Email", "Phone", "Organisation", "Job title", "How we met", "Referred by",
           "Method", "Field", "Tags", "Date contacted", "Replied?", "Notes",
           f"Notes from {PLANTED['header cell']}"]  # fmt: skip


def _rows(n: int, *, typed: bool) -> list[list[str]]:
    """Tracker rows; the first row carries every planted value (when ``typed``)."""
    rows = []
    for i in range(n):
        day = f"2025-03-{3 + i:02d}"
        rows.append([f"Ada Example{i}", f"ada{i}@example.com", "", "Acme", "analyst", "alumni",
                     "", "email", "data science", "", day, "Y" if i % 2 else "N", "",
                     ""])  # fmt: skip
    if typed:
        rows[0] = [PLANTED["contact name"], PLANTED["e-mail"], PLANTED["phone"],
                   PLANTED["organisation"], PLANTED["role"], PLANTED["connection typed"],
                   PLANTED["referred by"], PLANTED["channel typed"], PLANTED["field typed"],
                   PLANTED["tags"], "2025-03-03", "Y", PLANTED["notes"],
                   PLANTED["own column"]]  # fmt: skip
    return rows


def _csv(path, rows, header=_HEADER) -> None:
    frame = pd.DataFrame(rows, columns=header)
    path.write_text(frame.to_csv(index=False), encoding="utf-8")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("leaks") / "class"
    root.mkdir()
    for i in range(5):
        _csv(root / f"learner_{i}.csv", _rows(4, typed=i == 0))
    # a file named after the student, and a header-only log (a student who did nothing)
    _csv(root / f"{PLANTED['file name']}.csv", _rows(3, typed=True))
    _csv(root / "learner_9.csv", [])
    # an Excel file of two sheets, one named after a person
    frame = pd.DataFrame(_rows(3, typed=True), columns=_HEADER)
    with pd.ExcelWriter(root / "learner_x.xlsx") as writer:
        frame.to_excel(writer, sheet_name=PLANTED["sheet name"], index=False)
        frame.iloc[1:].to_excel(writer, sheet_name="Spring", index=False)
    # a combined sheet inside a sub-folder: the student column holds a name
    combined = pd.DataFrame(_rows(3, typed=True), columns=_HEADER)
    combined.insert(0, "Student", PLANTED["student column"])
    (root / "shared").mkdir()
    (root / "shared" / "combined.csv").write_text(combined.to_csv(index=False), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def raw(folder):
    return load_cohort(folder, progress=False)


def _surnames() -> list[str]:
    """The planted strings, and the rarest word of each (a partial leak counts too)."""
    out = []
    for text in PLANTED.values():
        out.append(text)
        words = [w for w in re.split(r"[^A-Za-z]+", text) if len(w) >= 6]
        out.extend(w for w in words if w not in {"Referred", "Assistant", "Daughters", "Bakery"})
    return out


def _leaks(text: str) -> list[str]:
    return sorted({s for s in _surnames() if s.casefold() in text.casefold()})


def _raw_text(log) -> str:
    frames = [log.contacts, log.events, log.report.problems, log.report.files]
    return "\n".join(f.astype(str).to_csv(index=False) for f in frames)


def _png_texts(png: bytes) -> str:
    """The metadata of a PNG: every tEXt, zTXt and iTXt chunk, decoded."""
    out, pos = [], 8
    while pos < len(png):
        length = int.from_bytes(png[pos : pos + 4], "big")
        kind = png[pos + 4 : pos + 8]
        data = png[pos + 8 : pos + 8 + length]
        if kind == b"tEXt":
            out.append(data.decode("latin-1"))
        elif kind == b"zTXt":
            key, _, rest = data.partition(b"\x00")
            out.append(key.decode("latin-1") + zlib.decompress(rest[1:]).decode("latin-1"))
        elif kind == b"iTXt":
            out.append(data.decode("utf-8", "replace"))
        pos += 12 + length
    return "\n".join(out)


def test_every_planted_value_was_read(raw):
    # Otherwise the checks below prove nothing: the raw load holds each planted value.
    text = _raw_text(raw) + "\n".join(raw.owners)
    for place, value in PLANTED.items():
        assert value in text, place
    html = cohort_report_html(raw)  # the advisor's own copy (names shown) does show them
    assert PLANTED["file name"] in html and PLANTED["sheet name"] in html


def test_pseudonymised_tables_hold_no_planted_value(raw):
    safe = pseudonymise(raw, key=KEY)
    assert _leaks(_raw_text(safe) + str(safe.report.events_by_kind)) == []
    assert set(safe.contacts["connection"].dropna().astype(str)) <= {"alumni", "other"}
    assert set(safe.events["channel"].dropna().astype(str)) <= {"email", "other"}


def test_pseudonymised_report_html_and_charts_hold_no_planted_value(raw):
    safe = pseudonymise(raw, key=KEY)
    html = cohort_report_html(safe, min_cell=1, as_of="2025-05-30")
    assert _leaks(html) == []
    pngs = [base64.b64decode(m) for m in re.findall(r"data:image/png;base64,([^\"]+)", html)]
    assert len(pngs) >= 4
    for png in pngs:
        assert _leaks(_png_texts(png)) == []
        assert _leaks(png.decode("latin-1")) == []
    # the student who did nothing is there, as a code, flagged stuck
    table = student_table(safe, as_of="2025-05-30")
    assert len(table) == 9 and table["concerns"].iloc[0] == "stuck"
    assert table["owner"].str.fullmatch(r"S-[0-9a-f]{8}").all()


def test_contact_list_holds_no_planted_value(raw):
    safe = pseudonymise(raw, key=KEY)
    text = contact_list_csv(student_table(safe, as_of="2025-05-30"))
    assert len(text.splitlines()) >= 2 and _leaks(text) == []


def test_dashboard_shows_no_planted_value(raw):
    from tests.widgets.test_widgets_cohort import _everything_shown

    board = CohortDashboard(raw, key=KEY, as_of="2025-05-30", min_cell=1)
    seen = []
    for by in ("channel", "connection", "field", "week"):
        board.by.value = by
        seen.append(_everything_shown(board))
        if board.chart_shown is not None:  # alt text is in the HTML value, seen above
            seen.append(_png_texts(board.chart_shown.png))
    for owner in board.students["owner"]:
        board.student.value = owner
        seen.append(_everything_shown(board))
    seen.append(board.contact_csv())
    assert _leaks("\n".join(seen)) == []


def test_chart_png_metadata_names_no_data():
    from infoview_kit.advisor.cohort import cohort_rates
    from infoview_kit.advisor.report import rates_chart_png
    from infoview_kit.datasets.simulate import cohort

    png = rates_chart_png(cohort_rates(cohort(n_students=12), by="channel"), by="channel")
    texts = _png_texts(png)
    assert "student_" not in texts and "@" not in texts
    assert io.BytesIO(png).read(4) == b"\x89PNG"
