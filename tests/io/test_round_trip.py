"""Exports load back exactly (CSV, XLSX, tracker), and a spreadsheet never runs a cell."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_kit import load_log
from infoview_kit.io.export import log_to_csv, log_to_tracker, log_to_xlsx
from infoview_kit.io.formulas import FORMULA_CHARACTERS, quote_formulas, unquote_formulas
from infoview_kit.io.placeholders import placeholder_cells
from infoview_kit.model import OutreachLog
from infoview_kit.schema import CHANNELS, CONNECTIONS, EVENT_KINDS

AS_OF = pd.Timestamp("2030-01-01")
_CHARS = "abcXYZ éß 012'\"=+-@,;\t\r\n＝＋－＠"
#: Cell text: anything, but the loader trims white space around a cell (as a spreadsheet
#: shows it), so values are generated already trimmed.
_TEXT = st.text(alphabet=_CHARS, min_size=1, max_size=12).map(str.strip).filter(bool)
_RISKY = st.sampled_from([*FORMULA_CHARACTERS.strip(), "'=", "''"]).flatmap(
    lambda start: _TEXT.map(lambda rest: start + rest)
)
#: Text a spreadsheet would show as an error value: typed as a note, it must come back as typed.
_ERROR_LIKE = st.sampled_from(["#N/A", "#REF!", "#wert!", "Err:502", "'#N/A", "''#DIV/0!"])
_CELL = st.one_of(
    st.none(), _TEXT, _RISKY, _ERROR_LIKE, st.sampled_from(["+44 20 7946 0000", "-5", "@me"])
)


@st.composite
def logs(draw) -> OutreachLog:
    n = draw(st.integers(1, 5))
    contacts = pd.DataFrame(
        {
            "owner": "me",
            "contact_id": [f"c-{i:010x}" for i in range(n)],
            "name": [draw(st.one_of(_TEXT, _RISKY)) for _ in range(n)],
            "organization": [draw(_CELL) for _ in range(n)],
            "role": [draw(_CELL) for _ in range(n)],
            "connection": [
                draw(st.one_of(st.none(), st.sampled_from(CONNECTIONS))) for _ in range(n)
            ],
            "phone": [draw(_CELL) for _ in range(n)],
            "notes": [draw(_CELL) for _ in range(n)],
        }
    )
    rows = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, 10**7)), max_size=6))
    events = pd.DataFrame(
        {
            "owner": "me",
            "contact_id": [f"c-{i:010x}" for i, _ in rows],
            "at": [pd.Timestamp("2025-01-01") + pd.Timedelta(seconds=s) for _, s in rows],
            "kind": [draw(st.sampled_from(EVENT_KINDS)) for _ in rows],
            "channel": [draw(st.sampled_from(CHANNELS)) for _ in rows],
            "notes": [draw(_CELL) for _ in rows],
            "source": "workbook",
        }
    )
    return OutreachLog(contacts, events)


def _plain(frame: pd.DataFrame) -> list[tuple]:
    """Rows as comparable tuples (missing = None), in a fixed order."""
    values = frame.astype(object).where(frame.notna(), None)
    return sorted(tuple(str(v) if v is not None else "" for v in row) for row in values.to_numpy())


def _same(log: OutreachLog, back: OutreachLog) -> None:
    assert _plain(back.contacts) == _plain(log.contacts)
    assert _plain(back.events) == _plain(log.events)


@settings(max_examples=40, deadline=None)
@given(log=logs())
def test_csv_export_loads_back_exactly(log):
    with tempfile.TemporaryDirectory() as tmp:
        log_to_csv(log, Path(tmp) / "out")
        _same(log, load_log(Path(tmp) / "out", as_of=AS_OF))


@settings(max_examples=25, deadline=None)
@given(log=logs())
def test_xlsx_export_loads_back_exactly(log):
    with tempfile.TemporaryDirectory() as tmp:
        path = log_to_xlsx(log, Path(tmp) / "out.xlsx")
        _same(log, load_log(path, as_of=AS_OF))


@settings(max_examples=30, deadline=None)
@given(log=logs(), as_xlsx=st.booleans())
def test_tracker_export_loads_back_to_the_same_tracker(log, as_xlsx):
    # A tracker has no id column: two rows with one name and nothing else to tell them
    # apart are one person (merged, and reported). Here every person has a name of their own.
    # A tracker is a file people write: a cell holding only a word for "nothing" ("-", "0",
    # "x") in its organisation or role column reads as blank, so none is generated there.
    names = log.contacts["name"]
    people = log.contacts.assign(name=names + " p" + names.index.astype(str))
    for field in ("organization", "role"):
        blank = placeholder_cells(people[field].tolist(), names=field == "organization")
        people[field] = people[field].mask(blank)
    log = OutreachLog(people, log.events)
    with tempfile.TemporaryDirectory() as tmp:
        if as_xlsx:
            path = log_to_xlsx(log, Path(tmp) / "tracker.xlsx", tracker=True)
        else:
            (path,) = log_to_csv(log, tmp, tracker=True)
        again = log_to_tracker(load_log(path, as_of=AS_OF))
    tracker = log_to_tracker(log)
    # Every cell a person typed comes back; the step columns summarise events (a voicemail has
    # no column of its own), so only what they hold is compared. A referral's note that reads
    # like a name ("=;X" gives "X") becomes a new person when loaded, as a tracker's "Referrals
    # given" column should: those rows are extra, and every original row is still compared.
    columns = ["Name", "Organization", "Role", "Connection", "Notes", "Date contacted"]
    again = again[again["Name"].isin(tracker["Name"]) | again["Referred by"].isna()]
    assert _plain(again[columns]) == _plain(tracker[columns])


def test_no_exported_cell_starts_a_formula(tmp_path):
    people = pd.DataFrame(
        {"owner": "me", "contact_id": ["c-1", "c-2"], "name": ["=HYPERLINK(1)", "＝1+1"],
         "phone": ["+44 20 7946 0000", "@x"]}
    )  # fmt: skip
    path = log_to_xlsx(OutreachLog(people), tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(path)["contacts"]
    for row in sheet.iter_rows(min_row=2, values_only=True):
        for cell in row:
            assert not (isinstance(cell, str) and cell[:1] in FORMULA_CHARACTERS), cell


@given(st.lists(st.one_of(st.none(), _TEXT, _RISKY, _ERROR_LIKE)))
def test_quoting_is_undone_exactly(cells):
    series = pd.Series(cells, dtype="str")
    assert unquote_formulas(quote_formulas(series)).equals(series)
