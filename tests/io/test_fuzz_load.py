"""Fuzzing load_log: whatever the bytes, a balanced report or one InfoviewError line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from infoview_kit.datasets.awkward import awkward_inputs
from infoview_kit.errors import InfoviewError
from infoview_kit.io.headers import HEADER_SYNONYMS
from infoview_kit.io.load import load_log

SETTINGS = settings(
    max_examples=120,
    deadline=2000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SPELLINGS = sorted({s for spellings in HEADER_SYNONYMS.values() for s in spellings})
JUNK_HEADERS = ["Favourite colour", "", "x", "Σ", "=SUM(A1)", "Col 7", "date?", "Name (Y/N)"]
CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "Y",
            "no",
            "✓",
            "x",
            "maybe",
            "2025-06-07",
            "6/7/2025",
            "13/06/2025",
            "7-Jun-25",
            "45815",
            "June 7, 2025",
            "2025-06-07T10:00:00+02:00",
            "Ada Example",
            "ada@example.com",
            "Zoë Ñúñez",
            "=HYPERLINK(1)",
            "carrier pigeon",
            "alumni",
            "Bo and Cy; Dee",
            "3",
            '"',
            "a,b",
            "line\nbreak",
        ]
    ),
    st.text(max_size=15),
)


def check(path: Path) -> None:
    try:
        log = load_log(path, as_of="2025-07-01")
    except InfoviewError as error:
        message = str(error)
        assert message and "\n" not in message and "\r" not in message
        return
    report = log.report
    assert report.balanced
    files = report.files
    if len(files):
        assert (
            files["rows_read"]
            == files["rows_loaded"] + files["rows_merged"] + files["rows_rejected"]
        ).all()
        assert int(files["rows_read"].sum()) == report.rows_read
    assert report.rows_loaded >= 0 and report.rows_merged >= 0
    assert log.events["kind"].notna().all()
    assert set(log.events["contact_id"]) <= set(log.contacts["contact_id"])


@SETTINGS
@given(
    data=st.binary(max_size=3000),
    suffix=st.sampled_from([".csv", ".xlsx", ".json", ".zip", ".txt", ""]),
)
def test_random_bytes(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    check(path)


@SETTINGS
@given(
    headers=st.lists(
        st.one_of(st.sampled_from(SPELLINGS), st.sampled_from(JUNK_HEADERS)), min_size=1, max_size=8
    ),
    cells=st.lists(st.lists(CELLS, min_size=0, max_size=9), max_size=12),
    separator=st.sampled_from([",", ";", "\t"]),
    title=st.booleans(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_random_csv_shapes(tmp_path, headers, cells, separator, title, encoding):
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    if title:
        writer.writerow(["My log"])
        writer.writerow([])
    writer.writerow(headers)
    for row in cells:
        writer.writerow(row)
    text = buffer.getvalue()
    data = text.encode(encoding, errors="replace")
    path = tmp_path / "tracker.csv"
    path.write_bytes(data)
    check(path)


def _valid_xlsx() -> bytes:
    return awkward_inputs()["title_rows_xlsx"][1]


def _valid_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "student_01.csv", "Name,Email,Date contacted\r\nAda,ada@example.com,2025-03-03\r\n" * 20
        )
        archive.writestr("student_02.csv", "Name,Email\r\nBo,bo@example.com\r\n")
    return buffer.getvalue()


@SETTINGS
@given(
    kind=st.sampled_from(["xlsx", "zip"]),
    cut=st.floats(min_value=0.0, max_value=1.0),
    flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=6),
)
def test_truncated_or_damaged_archives(tmp_path, kind, cut, flips):
    data = bytearray(_valid_xlsx() if kind == "xlsx" else _valid_zip())
    data = data[: max(1, int(len(data) * cut))] if cut < 1.0 else data
    for where, value in flips:
        data[min(len(data) - 1, int(len(data) * where))] = value
    path = tmp_path / f"damaged.{kind}"
    path.write_bytes(bytes(data))
    check(path)


SECRETS = ["Zed Secretperson", "zed.secret@example.com", "+1 555 0199", "private note 4711"]


@pytest.mark.parametrize(
    "content",
    [
        "\n".join(SECRETS) + "\n",
        "Date,Notes,Channel\r\n" + ",".join(SECRETS[:3]) + "\r\n",
        '{"people": ["' + '", "'.join(SECRETS) + '"]}',
        "[" + ", ".join(f'"{s}"' for s in SECRETS) + "]",
        "Name;Email\r\n" + '"' + SECRETS[0] + ";" + SECRETS[1],
    ],
)
def test_no_personal_data_in_error_messages(tmp_path, content):
    path = tmp_path / "people.csv"
    path.write_text(content, encoding="utf-8")
    try:
        load_log(path)
    except InfoviewError as error:
        message = str(error)
        assert not any(secret.split()[0] in message for secret in SECRETS)
        assert "\n" not in message
    else:
        # It loaded: fine, as long as the report balances.
        assert load_log(path).report.balanced


@SETTINGS
@given(
    secret=st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "N")), min_size=6, max_size=12
    )
)
def test_no_cell_value_reaches_an_exception(tmp_path, secret):
    assume(secret.isprintable())
    secret = f"Qx{secret}Zq"  # markers that no message or path contains
    for content in (
        f"{secret}\n{secret}\n",
        f"Date,Notes\r\n{secret},{secret}\r\n",
        f'{{"x": "{secret}"}}',
    ):
        path = tmp_path / "people.csv"
        path.write_text(content, encoding="utf-8")
        try:
            load_log(path)
        except InfoviewError as error:
            assert secret not in str(error)
