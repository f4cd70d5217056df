"""The workbook store: API behaviour, exact round trips, damage and failed saves."""

from __future__ import annotations

import errno
import json
import os
import sys
import tempfile
import types
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from filelock import FileLock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview_kit.errors import WorkbookError
from infoview_kit.io import store
from infoview_kit.io.headers import canonical_label
from infoview_kit.io.store import UnknownContactError, Workbook, read_workbook_tables
from infoview_kit.model import OutreachLog
from infoview_kit.schema import CHANNELS, CONNECTIONS, EVENT_KINDS, make_contact_ids

# Synthetic people only.
ADA = {"name": "Ada Example", "organization": "Acme Labs", "email": "ada@example.com"}
BO = {"name": "Bo Sample", "organization": "Widget Co"}


@pytest.fixture
def wb(tmp_path) -> Workbook:
    return Workbook.create(tmp_path / "wb", owner="student-1")


def one_line(exc: pytest.ExceptionInfo) -> str:
    message = str(exc.value)
    assert "\n" not in message
    assert "Traceback" not in message
    return message


# ---------------------------------------------------------------- create / open


def test_create_makes_the_folder_layout(tmp_path):
    wb = Workbook.create(tmp_path / "Sam's workbook")
    folder = tmp_path / "Sam's workbook"
    assert wb.owner == "Sam's workbook"  # owner defaults to the folder name
    assert {p.name for p in folder.iterdir()} == {
        "workbook.json",
        "contacts.csv",
        "events.csv",
        "prep",
        ".lock",
    }
    meta = json.loads((folder / "workbook.json").read_text("utf-8"))
    assert meta["format"] == store.FORMAT_NAME
    assert meta["version"] == store.FORMAT_VERSION
    assert meta["owner"] == "Sam's workbook"
    assert pd.Timestamp(meta["created_at"]) <= pd.Timestamp.now()
    raw = (folder / "events.csv").read_bytes()
    assert raw == b"owner,contact_id,at,kind,channel,notes,source\r\n"
    assert len(wb.contacts) == 0
    assert len(wb.events) == 0


def test_create_owner_and_empty_existing_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    wb = Workbook.create(tmp_path / "empty", owner="student-7")
    assert wb.owner == "student-7"
    assert Workbook.open(tmp_path / "empty").owner == "student-7"


def test_create_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "thesis.docx").write_bytes(b"x")
    with pytest.raises(WorkbookError, match="not empty") as exc:
        Workbook.create(tmp_path / "busy")
    one_line(exc)
    assert sorted(p.name for p in (tmp_path / "busy").iterdir() if p.name != ".lock") == [
        "thesis.docx"
    ]


def test_create_refuses_an_existing_workbook_and_a_file(wb, tmp_path):
    with pytest.raises(WorkbookError, match="already holds a workbook"):
        Workbook.create(wb.path)
    (tmp_path / "a_file").write_text("x")
    with pytest.raises(WorkbookError, match="is a file"):
        Workbook.create(tmp_path / "a_file")


def test_open_explains_what_is_wrong(tmp_path):
    with pytest.raises(WorkbookError, match="does not exist") as exc:
        Workbook.open(tmp_path / "nowhere")
    one_line(exc)
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "contacts.csv").write_text("name\nAda\n")
    with pytest.raises(WorkbookError, match="not a workbook"):
        Workbook.open(tmp_path / "plain")
    (tmp_path / "file.csv").write_text("x")
    with pytest.raises(WorkbookError, match="is a file"):
        Workbook.open(tmp_path / "file.csv")


def test_open_rejects_damaged_or_newer_metadata(wb):
    meta = wb.path / "workbook.json"
    good = json.loads(meta.read_text("utf-8"))
    meta.write_text("{not json")
    with pytest.raises(WorkbookError, match=r"workbook\.json is damaged"):
        Workbook.open(wb.path)
    meta.write_text(json.dumps({**good, "version": store.FORMAT_VERSION + 1}))
    with pytest.raises(WorkbookError, match="newer infoview-kit"):
        Workbook.open(wb.path)


def test_open_or_create(tmp_path):
    first = Workbook.open_or_create(tmp_path / "wb", owner="student-2")
    cid = first.add_contact(**ADA)
    second = Workbook.open_or_create(tmp_path / "wb", owner="someone else")
    assert second.owner == "student-2"
    assert second.contact(cid)["name"] == "Ada Example"
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("x")
    with pytest.raises(WorkbookError, match="not a workbook"):
        Workbook.open_or_create(tmp_path / "other")


def test_workbook_call_opens(wb):
    assert Workbook(wb.path).owner == "student-1"
    assert repr(Workbook(wb.path)) == f"<Workbook {wb.path}: 0 contacts, 0 events>"


def _fake_sample(monkeypatch):
    """A stand-in for infoview_kit.datasets.simulate (another owner, its ids)."""
    contacts = pd.DataFrame(
        {
            "owner": ["sample-owner"] * 3,
            "name": ["Ada Example", "Bo Sample", "Cy Person"],
            "organization": ["Acme Labs", "Widget Co", None],
            "email": ["ada@example.com", None, "cy@example.com"],
            "connection": ["alumni", "referral", "cold"],
        }
    )
    contacts["contact_id"] = make_contact_ids(
        contacts["owner"], contacts["email"], contacts["name"], contacts["organization"]
    )
    contacts["referred_by"] = [None, contacts["contact_id"][0], None]
    events = pd.DataFrame(
        {
            "owner": "sample-owner",
            "contact_id": contacts["contact_id"][[0, 0, 1]].tolist(),
            "at": pd.to_datetime(["2025-01-06 09:00", "2025-01-08 16:30", "2025-01-09 10:00"]),
            "kind": ["request_sent", "reply_received", "request_sent"],
            "channel": ["email", "email", "linkedin"],
        }
    )
    module = types.ModuleType("infoview_kit.datasets.simulate")
    calls = []

    def personal_log(*, seed: int = 7) -> OutreachLog:
        calls.append(seed)
        return OutreachLog(contacts, events)

    module.personal_log = personal_log
    monkeypatch.setitem(sys.modules, "infoview_kit.datasets.simulate", module)
    return calls


def test_create_from_sample_reowns_the_log(tmp_path, monkeypatch):
    calls = _fake_sample(monkeypatch)
    wb = Workbook.create(tmp_path / "wb", owner="student-3", sample=True)
    assert calls == [7]
    contacts, events = wb.contacts, wb.events
    assert len(contacts) == 3
    assert len(events) == 3
    assert set(contacts["owner"]) == {"student-3"}
    assert set(events["owner"]) == {"student-3"}
    # ids are those the workbook derives for its owner, so adding Ada again merges
    assert wb.add_contact(name="ADA example", email="Ada@Example.com") == contacts["contact_id"][0]
    assert len(wb.contacts) == 3
    assert set(events["contact_id"]) <= set(contacts["contact_id"])
    assert contacts["referred_by"][1] == contacts["contact_id"][0]
    pd.testing.assert_frame_equal(Workbook.open(wb.path).events, events)


def test_create_from_the_real_sample(tmp_path):
    wb = Workbook.create(tmp_path / "Jo", sample=True)
    contacts, events = wb.contacts, wb.events
    assert len(contacts) > 0
    assert len(events) > 0
    assert set(contacts["owner"]) == {"Jo"}
    assert set(events["contact_id"]) <= set(contacts["contact_id"])
    assert contacts["referred_by"].dropna().isin(contacts["contact_id"]).all()
    fresh = Workbook.open(wb.path)
    pd.testing.assert_frame_equal(fresh.contacts, contacts)
    pd.testing.assert_frame_equal(fresh.events, events)


# ---------------------------------------------------------------- contacts


def test_add_contact_returns_stable_id_and_saves_at_once(wb):
    cid = wb.add_contact(**ADA, role="Data engineer", connection="alumni")
    expected = make_contact_ids(
        pd.Series(["student-1"]),
        pd.Series(["ada@example.com"]),
        pd.Series(["Ada Example"]),
        pd.Series(["Acme Labs"]),
    )[0]
    assert cid == expected
    fresh = Workbook.open(wb.path)  # saved immediately, no explicit save
    record = fresh.contact(cid)
    assert record["role"] == "Data engineer"
    assert record["owner"] == "student-1"
    assert record["connection"] == "alumni"
    assert record["phone"] is None
    assert isinstance(record["added_on"], pd.Timestamp)


def test_adding_the_same_person_fills_blanks_only(wb):
    cid = wb.add_contact(**ADA, role="Analyst")
    again = wb.add_contact(
        name="ada example", email="ADA@example.com", role="Director", phone="+1 555 0100"
    )
    assert again == cid
    assert len(wb.contacts) == 1
    record = wb.contact(cid)
    assert record["role"] == "Analyst"  # known value kept
    assert record["phone"] == "+1 555 0100"  # blank filled


def test_add_contact_without_email_keys_on_name_and_organization(wb):
    first = wb.add_contact(**BO)
    assert wb.add_contact(name="  bo   SAMPLE ", organization="widget co") == first
    assert wb.add_contact(name="Bo Sample", organization="Other Org") != first
    assert len(wb.contacts) == 2


def test_add_contact_labels_tags_and_referrer(wb):
    ada = wb.add_contact(**ADA, connection="Alum")
    bo = wb.add_contact(**BO, connection="my neighbour", referred_by="ADA EXAMPLE", tags=["a", "b"])
    cy = wb.add_contact(name="Cy Person", referred_by="Someone not in the workbook")
    contacts = wb.contacts.set_index("contact_id")
    assert contacts.loc[ada, "connection"] == "alumni"
    assert contacts.loc[bo, "connection"] == "my neighbour"  # unknown label kept
    assert list(contacts["connection"].cat.categories) == [*CONNECTIONS, "my neighbour"]
    assert contacts.loc[bo, "referred_by"] == ada  # a name resolves to the id
    assert contacts.loc[bo, "tags"] == "a; b"
    assert contacts.loc[cy, "referred_by"] == "Someone not in the workbook"


def test_add_contact_needs_a_name(wb):
    for name in ("", "   ", None):
        with pytest.raises(ValueError, match="needs a name"):
            wb.add_contact(name=name, email="x@example.com")
    assert len(wb.contacts) == 0


def test_update_contact(wb):
    cid = wb.add_contact(**ADA, role="Analyst", phone="555")
    wb.update_contact(cid, role="Director", phone=None, connection="warm intro", notes="")
    record = Workbook.open(wb.path).contact(cid)
    assert record["role"] == "Director"
    assert record["phone"] is None
    assert record["connection"] == "referral"
    assert record["notes"] is None
    wb.update_contact(cid, added_on="2025-02-03 10:00")
    assert wb.contact(cid)["added_on"] == pd.Timestamp("2025-02-03 10:00")


def test_update_contact_errors(wb):
    cid = wb.add_contact(**ADA)
    with pytest.raises(TypeError, match="favourite_colour"):
        wb.update_contact(cid, favourite_colour="blue")
    with pytest.raises(TypeError, match="contact_id"):
        wb.update_contact(cid, contact_id="c-0000000000")
    with pytest.raises(UnknownContactError) as exc:
        wb.update_contact("c-0000000000", role="x")
    assert isinstance(exc.value, KeyError)
    assert isinstance(exc.value, WorkbookError)
    assert "c-0000000000" in one_line(exc)
    with pytest.raises(ValueError, match="needs a name"):
        wb.update_contact(cid, name=" ")


def test_unknown_contact_message_does_not_echo_a_name(wb):
    with pytest.raises(UnknownContactError) as exc:
        wb.log_event("Ada Example", "note")
    assert "Ada" not in str(exc.value)


def test_contact_and_find_contact(wb):
    cid = wb.add_contact(name="José García", organization="Acme Labs")
    assert wb.find_contact("jose  GARCIA") == cid
    assert wb.find_contact("Nobody Here") is None
    assert wb.find_contact("") is None
    with pytest.raises(UnknownContactError):
        wb.contact("c-ffffffffff")


def test_frames_are_fresh_copies(wb):
    wb.add_contact(**ADA)
    contacts = wb.contacts
    contacts.loc[0, "name"] = "Changed"
    assert wb.contacts.loc[0, "name"] == "Ada Example"


# ---------------------------------------------------------------- events


def test_log_event(wb):
    cid = wb.add_contact(**ADA)
    wb.log_event(cid, "request_sent", at="2025-03-01 09:30", channel="Zoom", notes="asked")
    wb.log_event(cid, "reply_received", at=pd.Timestamp("2025-03-02T10:00:00+02:00"))
    wb.log_event(cid, "note", channel="carrier pigeon", source=None)
    events = Workbook.open(wb.path).events
    assert events["kind"].tolist() == ["request_sent", "reply_received", "note"]
    assert events["channel"][0] == "video"
    assert pd.isna(events["channel"][1])
    assert events["channel"][2] == "carrier pigeon"
    assert list(events["channel"].cat.categories) == [*CHANNELS, "carrier pigeon"]
    assert events["at"][1] == pd.Timestamp("2025-03-02 08:00")  # aware -> UTC, naive
    assert events["source"].tolist()[:2] == ["workbook", "workbook"]
    assert pd.isna(events["source"][2])
    assert events["owner"].unique().tolist() == ["student-1"]


def test_log_event_defaults_to_now_to_the_second(wb):
    cid = wb.add_contact(**ADA)
    before = pd.Timestamp.now().floor("s")
    wb.log_event(cid, "meeting_held")
    after = pd.Timestamp.now()
    at = wb.events["at"][0]
    assert before <= at <= after
    assert at.microsecond == 0


def test_log_event_rejects_unknown_kind_and_contact(wb):
    cid = wb.add_contact(**ADA)
    with pytest.raises(ValueError, match="coffee_chat") as exc:
        wb.log_event(cid, "coffee_chat")
    for kind in EVENT_KINDS:
        assert kind in str(exc.value)
    with pytest.raises(UnknownContactError):
        wb.log_event("c-0123456789", "note")
    with pytest.raises(ValueError, match="expected a date such as 2025-06-30"):
        wb.log_event(cid, "note", at="next Tuesday-ish")
    assert len(Workbook.open(wb.path).events) == 0


def test_log_returns_an_outreach_log(wb):
    cid = wb.add_contact(**ADA)
    wb.log_event(cid, "request_sent", at="2025-03-01")
    log = wb.log()
    assert isinstance(log, OutreachLog)
    pd.testing.assert_frame_equal(log.events, wb.events)
    pd.testing.assert_frame_equal(log.contacts, wb.contacts)


# ---------------------------------------------------------------- two holders, batches


def test_two_holders_in_one_process_never_lose_entries(wb):
    other = Workbook.open(wb.path)
    ada = wb.add_contact(**ADA)
    bo = other.add_contact(**BO)  # other re-reads before writing: Ada survives
    wb.log_event(bo, "request_sent", at="2025-03-01")
    other.log_event(ada, "request_sent", at="2025-03-02")
    for holder in (wb, other, Workbook.open(wb.path)):
        assert set(holder.contacts["contact_id"]) == {ada, bo}
        assert len(holder.events) == 2


def test_reading_only_the_rows_another_holder_appended_is_exact(wb):
    ada = wb.add_contact(**ADA)
    wb.log_event(ada, "request_sent", at="2025-03-01")
    other = Workbook.open(wb.path)
    other.log_event(ada, "note", channel="carrier pigeon", notes="NA", at="2025-03-02")
    other.add_contact(**BO, connection="my neighbour")
    other.log_event(ada, "reply_received", channel="email", at="2025-03-03 10:00:00.5")
    pd.testing.assert_frame_equal(wb.events, Workbook.open(wb.path).events)
    pd.testing.assert_frame_equal(wb.contacts, Workbook.open(wb.path).contacts)
    # a rewrite (not an append) is read in full
    events = wb.path / "events.csv"
    events.write_bytes(events.read_bytes().replace(b"carrier pigeon", b"owl"))
    assert wb.events["channel"].tolist()[1] == "owl"
    pd.testing.assert_frame_equal(wb.events, Workbook.open(wb.path).events)


def test_a_bad_row_appended_elsewhere_is_reported_with_its_row(wb):
    ada = wb.add_contact(**ADA)
    wb.log_event(ada, "request_sent", at="2025-03-01")
    wb.log_event(ada, "note", at="2025-03-02")
    assert len(wb.events) == 2
    events = wb.path / "events.csv"
    with events.open("ab") as handle:
        handle.write(f"student-1,{ada},soon,note,,,\r\n".encode())
    with pytest.raises(WorkbookError, match="row 4, column at"):
        wb.events  # noqa: B018


def test_properties_pick_up_changes_from_elsewhere(wb):
    other = Workbook.open(wb.path)
    other.add_contact(**ADA)
    assert len(wb.contacts) == 1
    wb.reload()
    assert len(wb.contacts) == 1


def test_batch_writes_once(wb, monkeypatch):
    writes = []
    real = store._atomic_write
    monkeypatch.setattr(
        store,
        "_atomic_write",
        lambda target, data, **kw: (writes.append(target.name), real(target, data, **kw)),
    )
    with wb.batch():
        ada = wb.add_contact(**ADA)
        for day in range(1, 6):
            wb.log_event(ada, "note", at=f"2025-03-0{day}")
        assert len(wb.events) == 5  # visible inside the batch
        assert writes == []
        assert len(Workbook.open(wb.path).events) == 0
    assert writes == ["contacts.csv", "events.csv"]
    assert len(Workbook.open(wb.path).events) == 5


def test_batch_that_raises_saves_nothing(wb):
    ada = wb.add_contact(**ADA)
    before = (wb.path / "events.csv").read_bytes()
    with pytest.raises(RuntimeError, match="boom"):
        with wb.batch():
            wb.log_event(ada, "note", at="2025-03-01")
            wb.add_contact(**BO)
            raise RuntimeError("boom")
    assert (wb.path / "events.csv").read_bytes() == before
    assert len(wb.events) == 0
    assert len(wb.contacts) == 1


def test_batch_replays_on_top_of_changes_made_meanwhile(wb):
    ada = wb.add_contact(**ADA)
    other = Workbook.open(wb.path)
    with wb.batch():
        wb.log_event(ada, "request_sent", at="2025-03-01")
        with wb.batch():  # nested: only the outer one writes
            wb.log_event(ada, "follow_up_sent", at="2025-03-08")
        other.log_event(ada, "note", at="2025-03-05", notes="from the other kernel")
        bo = wb.add_contact(**BO)
    events = Workbook.open(wb.path).events
    assert events["kind"].tolist() == ["note", "request_sent", "follow_up_sent"]
    assert set(Workbook.open(wb.path).contacts["contact_id"]) == {ada, bo}


def test_write_prep_and_reload_inside_a_batch_keep_its_changes(wb):
    ada = wb.add_contact(**ADA)
    other = Workbook.open(wb.path)
    with wb.batch():
        bo = wb.add_contact(**BO)
        other.log_event(ada, "note", at="2025-03-01")  # the disk moves on meanwhile
        wb.write_prep(bo, "research", "notes on Bo")  # Bo exists only in the batch so far
        wb.reload()
        wb.log_event(bo, "request_sent", at="2025-03-02")
    fresh = Workbook.open(wb.path)
    assert set(fresh.contacts["contact_id"]) == {ada, bo}
    assert fresh.events["kind"].tolist() == ["note", "request_sent"]
    assert fresh.read_prep(bo, "research") == "notes on Bo"


def test_empty_batch_writes_nothing(wb):
    stamp = os.stat(wb.path / "events.csv").st_mtime_ns
    with wb.batch():
        pass
    assert os.stat(wb.path / "events.csv").st_mtime_ns == stamp


def test_a_busy_lock_gives_a_clear_error(wb):
    ada = wb.add_contact(**ADA)
    holder = FileLock(str(wb.path / ".lock"))
    holder.acquire()
    try:
        wb._lock.timeout = 0.05
        with pytest.raises(WorkbookError, match="busy") as exc:
            wb.log_event(ada, "note")
        one_line(exc)
    finally:
        holder.release()
    wb.log_event(ada, "note")
    assert len(wb.events) == 1


# ---------------------------------------------------------------- prep files


def test_prep_files_round_trip_exactly(wb):
    cid = wb.add_contact(**ADA)
    text = '# Research\r\nAcme builds =widgets, "fast".\n\nÜnïcödé ✓\n'
    path = wb.write_prep(cid, "research", text)
    assert path == wb.path / "prep" / f"ada-example-{cid[2:8]}" / "research.md"
    assert wb.read_prep(cid, "research") == text
    assert wb.read_prep(cid, "research.md") == text
    assert path.read_bytes() == text.encode("utf-8")
    assert wb.read_prep(cid, "request.eml", default="none yet") == "none yet"
    wb.write_prep(cid, "research", "second")
    assert wb.read_prep(cid, "research") == "second"
    assert [p.name for p in path.parent.iterdir()] == ["research.md"]  # no temp left


def test_prep_folders_are_named_after_the_person_unique_and_stable(wb):
    first = wb.add_contact(name="Sofía Ortiz", organization="Acme")
    second = wb.add_contact(name="Sofia Ortiz", organization="Globex")
    one = wb.write_prep(first, "research", "a").parent
    two = wb.write_prep(second, "research", "b").parent
    assert one.name == f"sofia-ortiz-{first[2:8]}" and one != two
    assert two.name.startswith("sofia-ortiz-")
    wb.update_contact(first, name="Sofía Ortiz-Lee")  # a new name keeps the folder
    assert wb.prep_path(first, "research") == one / "research.md"
    assert wb.read_prep(first, "research") == "a"


def test_a_workbook_with_folders_named_by_id_keeps_working(wb):
    cid = wb.add_contact(name="Bo Sample")
    old = wb.path / "prep" / cid
    old.mkdir(parents=True)
    (old / "research.md").write_text("from last year", encoding="utf-8")
    assert wb.read_prep(cid, "research") == "from last year"
    assert wb.write_prep(cid, "notes", "new").parent == old


def test_prep_path_rejects_unsafe_names(wb):
    cid = wb.add_contact(**ADA)
    for bad in ("../escape", "a/b", ".hidden", "x\\y", "run.exe", " padded"):
        with pytest.raises(ValueError):
            wb.prep_path(cid, bad)
    with pytest.raises(ValueError):
        wb.prep_path("../c-1", "notes")
    assert wb.prep_path(cid, "Thank you.TXT").name == "Thank you.TXT"


def test_write_prep_needs_a_known_contact_and_text(wb):
    with pytest.raises(UnknownContactError):
        wb.write_prep("c-0000000000", "notes", "x")
    cid = wb.add_contact(**ADA)
    with pytest.raises(TypeError):
        wb.write_prep(cid, "notes", b"bytes")


# ---------------------------------------------------------------- file format


def test_csv_format_is_plain_utf8_with_iso_timestamps(wb):
    cid = wb.add_contact(**ADA, added_on="2025-01-02 03:04:05")
    wb.log_event(cid, "request_sent", at="2025-03-01 09:30:00")
    wb.log_event(cid, "note", at=pd.Timestamp("2025-03-01 09:30:00.250000"))
    raw = (wb.path / "events.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8").split("\r\n")
    assert lines[1].split(",")[2] == "2025-03-01T09:30:00"
    assert lines[2].split(",")[2] == "2025-03-01T09:30:00.250000"
    assert ",2025-01-02T03:04:05," in (wb.path / "contacts.csv").read_text("utf-8")


def test_appending_rows_writes_the_same_bytes_as_a_full_save(wb):
    cid = wb.add_contact(**ADA)
    for day in range(1, 8):  # each save appends the new row to the previous bytes
        wb.log_event(cid, "note", at=f"2025-03-0{day} 08:00:0{day}", notes=f'n={day},\r\n"x"')
    wb.log_event(cid, "note", channel="new label")  # new category: full rewrite
    wb.log_event(cid, "note", channel="new label")
    wb.add_contact(**BO)
    for name, columns in (
        ("events.csv", store.EVENT_COLUMNS),
        ("contacts.csv", store.CONTACT_COLUMNS),
    ):
        frame = getattr(wb, name.removesuffix(".csv"))
        assert (wb.path / name).read_bytes() == store._table_bytes(frame, columns)


@pytest.mark.parametrize(
    "text",
    [
        "NA",
        "null",
        "None",
        "nan",
        "NaN",
        "#N/A",
        "n/a",
        "-",
        " ",
        "  lead",
        "trail  ",
        "=SUM(A1:A9)",
        "+44 20 7946 0000",
        "-1",
        "@handle",
        "a,b",
        'say "hi"',
        '"',
        "two\nlines",
        "crlf\r\nline",
        "lone\rcr",
        "\r",
        "\n",
        "tab\tin",
        "Zoë 😀 中文",
        "\u2028separator",
        "\ufeffbom",
        "nul\x00char",
        "\\back\\slash",
    ],
)
def test_text_is_stored_verbatim(wb, text):
    cid = wb.add_contact(name=text if text.strip() else "Ada", notes=text, tags=text)
    wb.log_event(cid, "note", at="2025-03-01", notes=text, source=text, channel=text)
    fresh = Workbook.open(wb.path)
    assert fresh.contacts["notes"][0] == text
    assert fresh.contacts["tags"][0] == text
    assert fresh.events["notes"][0] == text
    assert fresh.events["source"][0] == text
    pd.testing.assert_frame_equal(fresh.contacts, wb.contacts)
    pd.testing.assert_frame_equal(fresh.events, wb.events)


def test_empty_string_is_missing(wb):
    cid = wb.add_contact(**ADA, notes="", role="")
    wb.log_event(cid, "note", notes="", at="2025-03-01")
    fresh = Workbook.open(wb.path)
    assert fresh.contacts[["notes", "role"]].isna().all(axis=None)
    assert fresh.events["notes"].isna().all()


def test_read_workbook_tables_matches_the_workbook(wb):
    cid = wb.add_contact(**ADA)
    wb.log_event(cid, "request_sent", at="2025-03-01")
    contacts, events = read_workbook_tables(wb.path)
    pd.testing.assert_frame_equal(contacts, wb.contacts)
    pd.testing.assert_frame_equal(events, wb.events)
    with pytest.raises(WorkbookError, match="No workbook folder"):
        read_workbook_tables(wb.path / "nope")


def test_a_byte_order_mark_and_crlf_from_excel_are_accepted(wb):
    cid = wb.add_contact(**ADA)
    wb.log_event(cid, "request_sent", at="2025-03-01")
    events = wb.path / "events.csv"
    events.write_bytes(b"\xef\xbb\xbf" + events.read_bytes().replace(b"\r\n", b"\n"))
    fresh = Workbook.open(wb.path)
    pd.testing.assert_frame_equal(fresh.events, wb.events)
    fresh.log_event(cid, "reply_received", at="2025-03-02")
    assert Workbook.open(wb.path).events["kind"].tolist() == ["request_sent", "reply_received"]


# hypothesis: save-then-load is exact

_SPECIAL = st.sampled_from(
    [
        "NA",
        "null",
        "None",
        "nan",
        "#N/A",
        " ",
        "  x  ",
        "a,b",
        '"q"',
        "x\ny",
        "x\r\ny",
        "\r",
        "é",
        "😀",
        "\u2028",
        "\x00",
        "=1+1",
        "+1",
        "-1",
        "@x",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=12),
    _SPECIAL,
    st.builds(lambda lead, rest: lead + rest, st.sampled_from("=+-@ "), st.text(max_size=8)),
)
_MAYBE = st.one_of(st.none(), _TEXT)
_NAME = _TEXT.filter(lambda s: s.strip() != "")
_STAMP = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31))
_CONTACT = st.fixed_dictionaries(
    {
        "name": _NAME,
        "organization": _MAYBE,
        "role": _MAYBE,
        "field": _MAYBE,
        "connection": st.one_of(st.none(), st.sampled_from(CONNECTIONS), _TEXT),
        "email": _MAYBE,
        "phone": _MAYBE,
        "linkedin_url": _MAYBE,
        "tags": _MAYBE,
        "notes": _MAYBE,
        "added_on": _STAMP,
    }
)
_EVENT = st.fixed_dictionaries(
    {
        "who": st.integers(0, 10),
        "kind": st.sampled_from(EVENT_KINDS),
        "at": _STAMP,
        "channel": st.one_of(st.none(), st.sampled_from(CHANNELS), _TEXT),
        "notes": _MAYBE,
        "source": _MAYBE,
    }
)


def _as_cell(value):
    return None if value in (None, "") else value


@pytest.mark.slow  # 60 generated workbooks saved and read back: 10-35 s
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    owner=_NAME,
    contacts=st.lists(_CONTACT, min_size=1, max_size=4),
    events=st.lists(_EVENT, max_size=6),
)
def test_save_then_load_is_exact(owner, contacts, events):
    with tempfile.TemporaryDirectory() as tmp:
        wb = Workbook.create(Path(tmp) / "wb", owner=owner)
        with wb.batch():
            ids = [wb.add_contact(**c) for c in contacts]
            for e in events:
                fields = {k: v for k, v in e.items() if k != "who"}
                # exactness of the round trip, not the once-a-day rule: repeats allowed
                wb.log_event(ids[e["who"] % len(ids)], **fields, allow_repeat=True)
        fresh = Workbook.open(wb.path)
        pd.testing.assert_frame_equal(fresh.contacts, wb.contacts)
        pd.testing.assert_frame_equal(fresh.events, wb.events)
        got = fresh.events
        assert got["at"].tolist() == [pd.Timestamp(e["at"]) for e in events]
        assert got["notes"].astype(object).where(got["notes"].notna(), None).tolist() == [
            _as_cell(e["notes"]) for e in events
        ]
        expected_channels = [
            None
            if _as_cell(e["channel"]) is None
            else canonical_label(e["channel"], "channel") or e["channel"]
            for e in events
        ]
        channels = got["channel"].astype(object).where(got["channel"].notna(), None).tolist()
        assert channels == expected_channels
        assert fresh.owner == owner


# ---------------------------------------------------------------- damage


def _damage(path: Path, data: bytes) -> None:
    path.write_bytes(data)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"owner,contact_id,at\r\n", "missing column"),
        # a lost header line: a row of data became the header
        (b"me,c-1,2025-01-01,note,,hi,workbook\r\n", "missing column.*7 unexpected column"),
        (
            b'owner,contact_id,at,kind,channel,notes,source\r\nme,c-1,2025-01-01,note,,"open\r\n',
            "row 2 has 6 cells",
        ),
        (
            b"owner,contact_id,at,kind,channel,notes,source\r\nme,c-1,2025-01-01,note,,a,b,c,d\r\n",
            "row 2 has 9 cells where the header has 7",
        ),
        (b"owner,contact_id,at,kind,channel,notes,source\r\nme,c-1,2025-01-01,no", "cut short"),
        (
            b"owner,contact_id,at,kind,channel,notes,source\r\nme,c-1,2025-01-01,note\r\n",
            "row 2 has 4 cells",
        ),
        (
            b"owner,contact_id,at,kind,channel,notes,source\r\nme,c-1,soon,note,,,\r\n",
            "row 2, column at",
        ),
    ],
)
def test_damaged_events_file_without_backup(wb, content, reason):
    _damage(wb.path / "events.csv", content)
    with pytest.raises(WorkbookError, match=reason) as exc:
        Workbook.open(wb.path)
    message = one_line(exc)
    assert "events.csv" in message
    assert "no readable backup" in message


def test_damaged_contacts_ids(wb):
    header = ",".join(store.CONTACT_COLUMNS) + "\r\n"
    row = "me,{},Ada Example,,,,,,ada@example.com,,,,,\r\n"
    _damage(wb.path / "contacts.csv", (header + row.format("c-1") + row.format("c-1")).encode())
    with pytest.raises(WorkbookError, match="row 3: contact_id repeats") as exc:
        Workbook.open(wb.path)
    assert "Ada" not in str(exc.value)  # no personal data in messages
    assert "example.com" not in str(exc.value)
    _damage(wb.path / "contacts.csv", (header + row.format("")).encode())
    with pytest.raises(WorkbookError, match="row 2: contact_id is empty"):
        Workbook.open(wb.path)


def test_missing_table_file(wb):
    (wb.path / "contacts.csv").unlink()
    with pytest.raises(WorkbookError, match="missing"):
        Workbook.open(wb.path)


def test_damaged_file_with_good_backup_is_explained_not_restored(wb):
    cid = wb.add_contact(**ADA)
    wb.log_event(cid, "request_sent", at="2025-03-01")
    wb.log_event(cid, "reply_received", at="2025-03-03")  # backup now holds 1 event
    events = wb.path / "events.csv"
    truncated = events.read_bytes()[:-25]
    _damage(events, truncated)
    with pytest.raises(WorkbookError, match=r"backup events\.csv\.bak") as exc:
        Workbook.open(wb.path)
    message = one_line(exc)
    assert "restore_backup" in message
    assert events.read_bytes() == truncated  # nothing restored silently

    restored = Workbook.restore_backup(wb.path)
    assert restored == [events]
    kept = [p for p in wb.path.iterdir() if p.name.startswith("events.csv.damaged-")]
    assert len(kept) == 1
    assert kept[0].read_bytes() == truncated
    fresh = Workbook.open(wb.path)
    assert fresh.events["kind"].tolist() == ["request_sent"]
    with pytest.raises(WorkbookError, match="Nothing to restore"):
        Workbook.restore_backup(wb.path)


def test_restore_backup_checks_its_arguments(wb):
    with pytest.raises(ValueError, match="contacts' or 'events"):
        Workbook.restore_backup(wb.path, table="people")
    _damage(wb.path / "contacts.csv", b"nonsense\r\n")
    with pytest.raises(WorkbookError, match="backup is not usable"):
        Workbook.restore_backup(wb.path, table="contacts")


# ---------------------------------------------------------------- backups and failed saves


def test_backup_holds_the_previous_version(wb):
    cid = wb.add_contact(**ADA)
    events = wb.path / "events.csv"
    versions = []
    for day in range(1, 4):
        versions.append(events.read_bytes())
        wb.log_event(cid, "note", at=f"2025-03-0{day}")
        assert (wb.path / "events.csv.bak").read_bytes() == versions[-1]
    contacts_before = (wb.path / "contacts.csv").read_bytes()
    wb.update_contact(cid, role="Analyst")
    assert (wb.path / "contacts.csv.bak").read_bytes() == contacts_before
    # a change to one table leaves the other table's backup alone
    assert (wb.path / "events.csv.bak").read_bytes() == versions[-1]


def test_backup_without_hard_links_is_a_copy(wb, monkeypatch):
    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "hard links not supported")

    monkeypatch.setattr(store.os, "link", no_links)
    cid = wb.add_contact(**ADA)
    before = (wb.path / "events.csv").read_bytes()
    wb.log_event(cid, "note", at="2025-03-01")
    assert (wb.path / "events.csv.bak").read_bytes() == before
    assert _temp_files(wb.path) == []


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")]


@pytest.mark.parametrize("failing", ["replace", "fsync", "write", "serialise"])
def test_a_failed_save_leaves_the_previous_file_intact(wb, monkeypatch, failing):
    cid = wb.add_contact(**ADA)
    wb.log_event(cid, "request_sent", at="2025-03-01")
    events = wb.path / "events.csv"
    before = events.read_bytes()
    backup_before = (wb.path / "events.csv.bak").read_bytes()

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if failing == "replace":
        monkeypatch.setattr(store.os, "replace", disk_full)
    elif failing == "fsync":
        monkeypatch.setattr(store.os, "fsync", disk_full)
    elif failing == "write":
        real_write = os.write

        def half_then_full(fd, data):
            if len(data) > 10:
                real_write(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(store.os, "write", half_then_full)
    else:

        def broken(*args, **kwargs):
            raise RuntimeError("mid-write failure")

        monkeypatch.setattr(store, "_table_bytes", broken)

    with pytest.raises(WorkbookError, match="previous version is unchanged") as exc:
        wb.log_event(cid, "reply_received", at="2025-03-02")
    one_line(exc)
    monkeypatch.undo()
    assert events.read_bytes() == before
    assert _temp_files(wb.path) == []
    if failing != "replace":  # a failed rename may come after the backup was linked
        assert (wb.path / "events.csv.bak").read_bytes() == backup_before
    assert len(wb.events) == 1  # the unsaved entry is not pretended to be there
    wb.log_event(cid, "reply_received", at="2025-03-02")  # and a retry works
    assert len(Workbook.open(wb.path).events) == 2


def test_a_failed_write_prep_keeps_the_old_text(wb, monkeypatch):
    cid = wb.add_contact(**ADA)
    wb.write_prep(cid, "notes", "old text")

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(store.os, "replace", denied)
    with pytest.raises(WorkbookError, match="previous version is unchanged"):
        wb.write_prep(cid, "notes", "new text")
    monkeypatch.undo()
    assert wb.read_prep(cid, "notes") == "old text"
    assert _temp_files(wb.path) == []


def test_stale_temp_files_are_cleared_on_open(wb):
    (wb.path / ".events.csv.0123456789ab.tmp").write_bytes(b"half a fi")
    (wb.path / "prep" / "c-0000000000").mkdir()
    (wb.path / "prep" / "c-0000000000" / ".notes.md.0123456789ab.tmp").write_bytes(b"x")
    (wb.path / ".keep-me.tmp").write_bytes(b"not ours")
    Workbook.open(wb.path)
    assert [p.name for p in _temp_files(wb.path)] == [".keep-me.tmp"]


def test_import_log_merges_people_and_accounts_for_every_row(tmp_path):
    from infoview_kit import load_log

    wb = Workbook.create(tmp_path / "wb", owner="me")
    ada = wb.add_contact(name="Ada Example", organization="Acme", email="ada@example.com")
    wb.log_event(ada, "request_sent", at="2025-03-03", channel="email")
    tracker = tmp_path / "tracker.csv"
    tracker.write_text(
        "Name,Company,Email,Channel,Date Contacted,Replied? (Y/N)\n"
        "Ada Example,Acme,ADA@example.com,E-mail,2025-03-03,Y\n"
        "Bo Sample,Initech,bo@example.com,LinkedIn,2025-03-05,N\n",
        encoding="utf-8",
    )
    incoming = load_log(tracker)
    report = wb.import_log(incoming)

    assert report.balanced
    assert sorted(wb.contacts["name"]) == ["Ada Example", "Bo Sample"]  # Ada not duplicated
    assert set(wb.contacts["owner"]) == {"me"} and set(wb.events["owner"]) == {"me"}
    ada_events = wb.events[wb.events["contact_id"] == ada]
    # the request both sources record is kept once; the tracker adds the reply
    assert sorted(ada_events["kind"].astype(str)) == ["reply_received", "request_sent"]
    # and it is on disk, not just in memory
    assert len(Workbook.open(tmp_path / "wb").contacts) == 2


def test_a_users_own_column_in_a_workbook_file_is_kept(wb):
    """Not damage: a column the user added (in Excel, or from a tracker) stays."""
    _damage(
        wb.path / "events.csv",
        b"owner,contact_id,at,kind,channel,notes,source,Mood\r\nme,c-1,2025-01-01,note,,,,calm\r\n",
    )
    assert Workbook.open(wb.path).events["Mood"].tolist() == ["calm"]


def test_a_workbook_file_excel_re_saved_opens_with_the_edits_kept(wb):
    """Windows-1252, semicolons, no final line break, dates as d/m/yyyy: repaired, not refused."""
    ada = wb.add_contact(name="Zoë Müller", organization="Café Ejemplo", added_on="2025-03-07")
    wb.log_event(ada, "request_sent", at="2025-03-07 14:05", channel="email", notes="a; b")
    resaved = (
        "owner;contact_id;at;kind;channel;notes;source\r\n"
        f"me;{ada};7/3/2025 14:05;request_sent;email;a; b;workbook\r\n"
        f"me;{ada};21/3/2025 10:00;note;;Zoë added this in Excel;workbook"
    )
    (wb.path / "events.csv").write_bytes(resaved.replace("a; b", '"a; b"').encode("cp1252"))
    again = Workbook.open(wb.path)
    assert again.events["notes"].tolist() == ["a; b", "Zoë added this in Excel"]
    assert again.events["at"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2025-03-07 14:05",
        "2025-03-21 10:00",
    ]
    (note,) = again.repairs
    assert "semicolons" in note and "Windows-1252" in note and "no line break" in note
    data = (wb.path / "events.csv").read_bytes()
    assert data.startswith(b"owner,contact_id,at,kind") and data.endswith(b"\r\n")
    assert "Zoë added".encode() in data  # rewritten as UTF-8
    assert Workbook.open(wb.path).repairs == []  # once repaired, it reads as usual


def test_a_month_without_a_day_in_a_workbook_file_is_not_taken_for_a_date(wb):
    """The loader reads "March 2025" in a tracker as the 1st (and says so); in the workbook's
    own file a time lost to a month is damage, not something to repair silently."""
    ada = wb.add_contact(name="Ada Example")
    resaved = (
        "owner;contact_id;at;kind;channel;notes;source\r\n"
        f"me;{ada};7/3/2025 14:05;request_sent;email;Zoë;workbook\r\n"
        f"me;{ada};March 2025;note;;;workbook\r\n"
    )
    (wb.path / "events.csv").write_bytes(resaved.encode("cp1252"))
    with pytest.raises(WorkbookError) as exc:
        Workbook.open(wb.path)
    assert "is damaged" in one_line(exc)


def test_damage_message_never_advises_dropping_newer_edits(wb):
    ada = wb.add_contact(name="Ada Example")
    wb.log_event(ada, "request_sent", at="2025-03-07 14:05")
    wb.log_event(ada, "reply_received", at="2025-03-08 09:00")  # the backup lacks this one
    (wb.path / "events.csv").write_bytes(b"owner,contact_id,at\r\nme,x\r\n")
    with pytest.raises(WorkbookError) as exc:
        Workbook.open(wb.path)
    message = one_line(exc)
    assert "older" in message and "Only if nothing was added since" in message
