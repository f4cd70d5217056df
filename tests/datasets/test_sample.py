"""The seeded sample generator and the committed files in data/sample."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from infoview_kit.datasets.simulate import (
    FOLLOW_UP_LIFT,
    SampleFiles,
    cohort,
    main,
    personal_log,
    personal_tracker,
    write_sample,
)
from infoview_kit.io.headers import canonical_header, canonical_label
from infoview_kit.model import OutreachLog
from infoview_kit.schema import (
    CONTACT_COLUMNS,
    EVENT_COLUMNS,
    OUTREACH_KINDS,
    conform_contacts,
    conform_events,
    make_contact_ids,
)

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data" / "sample"
EMAIL = re.compile(r"^[a-z]+\.[a-z]+@example\.(com|org|net)$")
PHONE = re.compile(r"^\(\d{3}\) 555-01\d\d$")


# ----------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def personal() -> OutreachLog:
    return personal_log()


@pytest.fixture(scope="module")
def term() -> OutreachLog:
    return cohort()


@pytest.fixture(scope="module")
def big() -> OutreachLog:
    """A large cohort, so that rates can be checked with tight tolerances."""
    return cohort(seed=3, n_students=400)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, SampleFiles]:
    out = tmp_path_factory.mktemp("sample")
    return out, write_sample(out)


def touches(log: OutreachLog) -> pd.DataFrame:
    """Per contact: first outreach, second outreach (the follow-up), first answer."""
    ev = log.events.sort_values("at", kind="stable")
    outreach = ev[ev["kind"].isin(OUTREACH_KINDS)]
    nth = outreach.groupby("contact_id").cumcount()
    first = outreach[nth == 0].set_index("contact_id")
    second = outreach[nth == 1].set_index("contact_id")["at"]
    answers = ev[ev["kind"].isin(["reply_received", "declined"])]
    reply = answers.groupby("contact_id")["at"].min()
    people = log.contacts.set_index("contact_id")
    out = pd.DataFrame(
        {
            "request": first["at"],
            "channel": first["channel"].astype("str"),
            "follow_up": second.reindex(first.index),
            "reply": reply.reindex(first.index),
            "connection": people["connection"].astype("str").reindex(first.index),
        }
    )
    early = out["reply"].notna() & (out["follow_up"].isna() | (out["reply"] < out["follow_up"]))
    return out.assign(
        first_reply=early,
        after_follow_up=out["reply"].notna() & out["follow_up"].notna() & ~early,
    )


def settled(log: OutreachLog, *, days: int = 45) -> pd.DataFrame:
    """Touches of requests old enough to have had their answer (not censored)."""
    table = touches(log)
    return table[table["request"] < log.events["at"].max() - pd.Timedelta(days=days)]


def depths(contacts: pd.DataFrame) -> pd.Series:
    """How many referral steps separate each contact from a first-hand contact."""
    parent = contacts.set_index("contact_id")["referred_by"]
    depth = pd.Series(0, index=parent.index)
    current = parent.copy()
    for _ in range(10):
        if current.isna().all():
            break
        depth = depth + current.notna()
        current = current.map(parent).where(current.notna())
    return depth


def assert_rate_in(hits: pd.Series, low: float, high: float) -> None:
    """The observed rate lies in [low, high] widened by three standard errors."""
    n = len(hits)
    rate = float(hits.mean())
    mid = min(max(rate, low), high)
    se = np.sqrt(max(mid * (1 - mid), 0.01) / n)
    assert low - 3 * se <= rate <= high + 3 * se, (rate, n, low, high)


# --------------------------------------------------------- the personal log


def test_personal_log_shape_and_synthetic_people(personal):
    contacts, events = personal.contacts, personal.events
    assert len(contacts) == 60
    assert personal.owners == ["sample"]
    assert list(contacts.columns) == list(CONTACT_COLUMNS)
    assert list(events.columns) == list(EVENT_COLUMNS)
    pd.testing.assert_frame_equal(conform_contacts(contacts), contacts)
    pd.testing.assert_frame_equal(conform_events(events), events)
    assert contacts["contact_id"].is_unique
    expected_ids = make_contact_ids(
        contacts["owner"], contacts["email"], contacts["name"], contacts["organization"]
    )
    assert (expected_ids == contacts["contact_id"]).all()
    assert set(events["contact_id"]) <= set(contacts["contact_id"])
    assert contacts["email"].str.match(EMAIL.pattern).all()
    assert contacts["email"].is_unique and contacts["name"].is_unique
    phones = contacts["phone"].dropna()
    assert len(phones) > 5 and phones.str.match(PHONE.pattern).all()
    assert contacts["name"].map(lambda s: not s.isascii()).any()  # Zoë, Łukasz, Nguyễn...
    assert contacts[["organization", "role", "field"]].notna().all().all()
    assert events["notes"].dropna().str.len().max() < 120


def test_personal_log_spans_the_period_with_recent_requests_unanswered(personal):
    at = personal.events["at"]
    assert at.min() >= pd.Timestamp("2025-01-06")
    assert at.max() < pd.Timestamp("2025-10-06")
    assert at.max() > pd.Timestamp("2025-09-15")
    months = personal.contacts["added_on"].dt.to_period("M").nunique()
    assert months >= 8
    table = touches(personal)
    recent = table[table["request"] > at.max() - pd.Timedelta(days=30)]
    assert recent["reply"].isna().sum() >= 2  # censored: no time to answer yet


def test_personal_log_mixes_connections_channels_and_fields(personal):
    connections = set(personal.contacts["connection"].astype("str"))
    assert {"referral", "alumni", "cold", "colleague", "event"} <= connections
    assert len(connections) >= 7
    assert personal.contacts["field"].nunique() >= 4
    channels = set(personal.events["channel"].astype("str"))
    assert {"email", "linkedin", "video", "in_person"} <= channels
    kinds = personal.events["kind"].value_counts()
    held = kinds["meeting_held"]
    assert 0.15 * held <= kinds["update_sent"] <= 0.5 * held  # a few updates, weeks later
    for kind in ("request_sent", "follow_up_sent", "reply_received", "meeting_held",
                 "thank_you_sent", "referral_received", "update_sent"):  # fmt: skip
        assert kinds[kind] > 0, kind


def test_referral_chains_are_deep_and_point_to_existing_contacts(personal, term):
    for log in (personal, term):
        contacts = log.contacts
        referred = contacts["referred_by"].dropna()
        assert set(referred) <= set(contacts["contact_id"])
        is_referral = contacts["connection"] == "referral"
        assert (is_referral == contacts["referred_by"].notna()).all()
        # a referrer and the person they named belong to the same owner
        owner_of = contacts.set_index("contact_id")["owner"]
        assert (referred.map(owner_of) == contacts.loc[referred.index, "owner"]).all()
        # each referred contact was added after the referrer's meeting
        held = log.events[log.events["kind"] == "meeting_held"].groupby("contact_id")["at"].min()
        added = contacts.loc[referred.index, "added_on"]
        assert (added.to_numpy() > referred.map(held).to_numpy()).all()
    depth = depths(personal.contacts)
    assert depth.max() >= 3
    assert depth.max() <= 4


def test_referral_chains_reach_three_levels_for_other_seeds_too():
    deepest = [int(depths(personal_log(seed=s).contacts).max()) for s in range(5)]
    assert min(deepest) >= 3


def test_n_contacts_is_exact():
    assert [len(personal_log(seed=1, n_contacts=n).contacts) for n in (12, 40, 80)] == [12, 40, 80]


def test_event_order_per_contact(personal, big):
    for log in (personal, big):
        ev = log.events
        first = ev.pivot_table(index="contact_id", columns="kind", values="at", aggfunc="min",
                               observed=True)  # fmt: skip
        table = touches(log)
        # a reply never comes before its request; follow-ups come after the request
        assert (table["reply"].dropna() >= table.loc[table["reply"].notna(), "request"]).all()
        has_fu = table["follow_up"].notna()
        assert (table.loc[has_fu, "follow_up"] > table.loc[has_fu, "request"]).all()
        pairs = [
            ("reply_received", "meeting_scheduled"),
            ("meeting_scheduled", "meeting_held"),
            ("meeting_held", "thank_you_sent"),
            ("meeting_held", "referral_received"),
            ("meeting_held", "update_sent"),
        ]
        for before, after in pairs:
            both = first[[before, after]].dropna()
            assert (both[before] < both[after]).all(), (before, after)


def test_events_happen_on_weekdays_at_working_or_evening_hours(personal, big):
    for log in (personal, big):
        at = log.events["at"]
        assert (at.dt.day_of_week < 5).all()
        assert at.dt.hour.between(7, 23).all()
        meetings = at[log.events["kind"] == "meeting_held"]
        assert meetings.dt.hour.between(9, 16).all()
        assert (meetings.dt.minute % 30 == 0).all()


def test_no_contact_gets_a_third_outreach(personal, big):
    for log in (personal, big):
        outreach = log.events[log.events["kind"].isin(OUTREACH_KINDS)]
        assert outreach.groupby("contact_id").size().max() == 2


def test_generator_is_seeded_and_leaves_global_random_state_alone():
    np_state = np.random.get_state()[1].copy()  # noqa: NPY002 - checking the legacy state
    py_state = random.getstate()
    a = personal_log(seed=5)
    b = personal_log(seed=5)
    assert np.array_equal(np.random.get_state()[1], np_state)  # noqa: NPY002
    assert random.getstate() == py_state
    pd.testing.assert_frame_equal(a.contacts, b.contacts)
    pd.testing.assert_frame_equal(a.events, b.events)
    assert not personal_log(seed=6).contacts["name"].equals(a.contacts["name"])
    pd.testing.assert_frame_equal(cohort(n_students=5).events, cohort(n_students=5).events)


# ------------------------------------------------- figures from domain.md


def test_first_reply_rates_fall_in_the_domain_ranges(big):
    table = settled(big)
    cold = table["connection"] == "cold"
    groups = {
        "cold e-mail": (table[cold & (table["channel"] == "email")], 0.03, 0.09),
        "LinkedIn (cold, event)": (
            table[(table["channel"] == "linkedin") & table["connection"].isin(["cold", "event"])],
            0.10,
            0.25,
        ),
        "alumni": (table[table["connection"] == "alumni"], 0.20, 0.40),
        "referral": (table[table["connection"] == "referral"], 0.50, 0.60),
    }
    for name, (rows, low, high) in groups.items():
        assert len(rows) > 150, name
        assert_rate_in(rows["first_reply"], low, high)
    # warm beats cold, whatever the exact figures
    rate = table.groupby("connection")["first_reply"].mean()
    assert rate["referral"] > rate["alumni"] > rate["cold"]


def test_reply_rates_in_the_personal_and_cohort_samples(personal, term):
    for log in (personal, term):
        table = settled(log)
        cold_email = table[(table["connection"] == "cold") & (table["channel"] == "email")]
        warm = table[table["connection"].isin(["referral", "alumni", "faculty"])]
        assert cold_email["first_reply"].mean() < 0.2
        assert warm["first_reply"].mean() > 0.25


def test_a_first_follow_up_lifts_replies_by_40_to_50_percent(big):
    table = settled(big)
    table = table.assign(
        group=np.where(
            table["connection"] == "cold",
            "cold/" + table["channel"],
            table["connection"],
        )
    )
    by_group = table.groupby("group").agg(
        n=("first_reply", "size"),
        first=("first_reply", "sum"),
        followed=("follow_up", "count"),
        after=("after_follow_up", "sum"),
    )
    by_group = by_group[by_group["followed"] >= 20]
    # replies that a follow-up to every unanswered request would bring
    extra = (by_group["n"] - by_group["first"]) * by_group["after"] / by_group["followed"]
    lift = extra.sum() / by_group["first"].sum()
    assert 0.38 <= lift <= 0.52, lift
    assert FOLLOW_UP_LIFT == pytest.approx(0.45)


def test_reply_delays_are_right_skewed_in_business_days(big):
    table = touches(big).dropna(subset=["reply"])
    early = table[table["first_reply"]]
    days = np.busday_count(
        early["request"].to_numpy(dtype="datetime64[D]"),
        early["reply"].to_numpy(dtype="datetime64[D]"),
    )
    assert np.median(days) <= 2
    assert (days <= 3).mean() > 0.6
    assert days.max() <= 31
    assert (days > 10).sum() > 0
    assert days.mean() > np.median(days)  # right skew


def test_meetings_thank_yous_referrals_and_declines(big):
    ev = big.events
    count = ev.groupby("kind", observed=True)["contact_id"].nunique()
    replies = count["reply_received"] + count["declined"]
    scheduled = count["meeting_scheduled"]
    assert 0.58 <= scheduled / replies <= 0.75
    assert 0.05 <= count["declined"] / replies <= 0.15
    assert 0.02 <= count.get("meeting_cancelled", 0) / scheduled <= 0.10
    held = ev[ev["kind"] == "meeting_held"].groupby("contact_id")["at"].min()
    thanks = ev[ev["kind"] == "thank_you_sent"].groupby("contact_id")["at"].min()
    gap = (thanks.reindex(held.index) - held).dt.total_seconds() / 3600
    within_a_day = gap <= 24 + 72  # a Friday meeting may be thanked on Monday morning
    assert within_a_day.mean() > 0.7
    assert gap.isna().mean() > 0.03  # a few never thanked
    assert (gap > 4 * 24).sum() > 0  # a few thanked late
    names = ev[ev["kind"] == "referral_received"].groupby("contact_id").size()
    per_meeting = names.reindex(held.index, fill_value=0)
    assert per_meeting.max() == 2
    assert 0.9 <= per_meeting.mean() <= 1.4


# ------------------------------------------------------------- the cohort


def test_cohort_students_vary_in_activity(term):
    assert term.owners == [f"student_{i:02d}" for i in range(1, 41)]
    at = term.events["at"]
    assert at.min() >= pd.Timestamp("2026-01-12")
    assert at.max() < pd.Timestamp("2026-01-12") + pd.Timedelta(weeks=14)
    requests = (
        term.events[term.events["kind"].isin(OUTREACH_KINDS)]
        .drop_duplicates("contact_id")
        .groupby("owner")
        .size()
        .reindex(term.owners, fill_value=0)
    )
    assert (requests <= 2).sum() >= 4  # stuck
    assert (requests >= 20).sum() >= 4  # very active
    table = touches(term)
    owner_of = term.contacts.set_index("contact_id")["owner"]
    table = table.assign(owner=owner_of.reindex(table.index))
    unanswered = table[
        table["reply"].isna() & (table["request"] < at.max() - pd.Timedelta(days=21))
    ]
    per_owner = unanswered.groupby("owner").agg(n=("request", "size"), fu=("follow_up", "count"))
    assert ((per_owner["n"] >= 3) & (per_owner["fu"] == 0)).sum() >= 2  # never follow up
    kinds = term.events.pivot_table(
        index="owner", columns="kind", values="at", aggfunc="size", fill_value=0, observed=True
    )
    met_not_thanked = (kinds["meeting_held"] >= 2) & (
        kinds["thank_you_sent"] <= kinds["meeting_held"] / 2
    )
    assert met_not_thanked.sum() >= 2
    assert len(term.contacts) > 300


# ------------------------------------------------------------ the tracker


def test_personal_tracker_matches_the_log(personal):
    sheet = personal_tracker(personal)
    assert len(sheet) == len(personal.contacts)
    assert all(canonical_header(h) is not None for h in sheet.columns)
    assert sheet["Email"].tolist() == personal.contacts["email"].tolist()
    held = personal.events[personal.events["kind"] == "meeting_held"]
    assert sheet["Meeting Date"].notna().sum() == held["contact_id"].nunique()
    names = personal.events["kind"] == "referral_received"
    assert sheet["Referrals given"].sum() == names.sum()
    assert sheet["Referred by"].notna().sum() == personal.contacts["referred_by"].notna().sum()
    for column in ("How connected", "Channel"):
        field = canonical_header(column)
        assert sheet[column].map(lambda v, f=field: canonical_label(v, f)).notna().all()


# -------------------------------------------------------------- the files


def _files(folder: Path) -> list[Path]:
    return sorted(
        p.relative_to(folder) for p in folder.rglob("*") if p.is_file() and p.name != ".lock"
    )


def _xlsx_values(path: Path) -> list[list[tuple]]:
    book = openpyxl.load_workbook(path)
    return [list(ws.iter_rows(values_only=True)) for ws in book.worksheets]


def test_committed_sample_matches_the_generator(written):
    out, result = written
    assert _files(SAMPLE_DIR) == result.paths == _files(out)
    for rel in result.paths:
        if rel.suffix == ".xlsx":
            assert _xlsx_values(SAMPLE_DIR / rel) == _xlsx_values(out / rel), rel
        else:
            assert (SAMPLE_DIR / rel).read_bytes() == (out / rel).read_bytes(), rel


def test_write_sample_is_byte_stable(tmp_path, written):
    out, result = written
    again = write_sample(tmp_path)
    for rel in again.paths:
        assert (tmp_path / rel).read_bytes() == (out / rel).read_bytes(), rel
    pd.testing.assert_frame_equal(again.messy_rows, result.messy_rows)


def test_sample_is_small(written):
    out, result = written
    assert sum((out / p).stat().st_size for p in result.paths) < 2_000_000


def test_personal_workbook_folder(written, personal):
    out, _ = written
    folder = out / "personal"
    assert sorted(p.name for p in folder.iterdir()) == [
        "contacts.csv",
        "events.csv",
        "prep",
        "workbook.json",
    ]
    assert (folder / "prep" / ".gitkeep").read_bytes() == b""
    raw = (folder / "contacts.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    head = raw.decode("utf-8").split("\r\n")[0]
    assert head == ",".join(CONTACT_COLUMNS)
    events = pd.read_csv(folder / "events.csv", dtype=str, keep_default_na=False)
    assert list(events.columns) == list(EVENT_COLUMNS)
    assert events["at"].str.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d").all()
    meta = pd.read_json(folder / "workbook.json", typ="series")
    assert meta["owner"] == "sample" and meta["version"] == 1
    assert meta["created_at"] == "2025-01-06T09:00:00"


def test_personal_workbook_reads_back_through_the_store(written, personal):
    from infoview_kit.io.store import read_workbook_tables

    out, _ = written
    contacts, events = read_workbook_tables(out / "personal")
    pd.testing.assert_frame_equal(contacts, personal.contacts)
    pd.testing.assert_frame_equal(events, personal.events)


def test_personal_tracker_xlsx(written, personal):
    out, _ = written
    rows = _xlsx_values(out / "personal_tracker.xlsx")[0]
    assert rows[0][0] == "My informational interviews"
    header = rows[1]
    assert header[:3] == ("Name", "Company", "Position")
    for expected in ("How connected", "Referred by", "Date Contacted", "Followed up",
                     "Replied? (Y/N)", "Meeting Date", "Thank-you sent", "Referrals given",
                     "Notes"):  # fmt: skip
        assert expected in header
    body = rows[2:]
    assert len(body) == len(personal.contacts)
    contacted = [r[header.index("Date Contacted")] for r in body]
    assert all(hasattr(v, "year") for v in contacted if v is not None)  # real date cells
    book = openpyxl.load_workbook(out / "personal_tracker.xlsx")
    assert str(book.properties.modified) == "2025-01-06 09:00:00"


def _read_cohort_file(path: Path) -> pd.DataFrame:
    """Read one cohort file the way its format demands (test-side reference reader)."""
    raw = path.read_bytes()
    if path.suffix == ".xlsx":
        rows = _xlsx_values(path)[0]
        return pd.DataFrame(rows[2:], columns=rows[1])
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    sep = "\t" if path.suffix == ".tsv" else (";" if text.split("\n")[0].count(";") > 2 else ",")
    from io import StringIO

    return pd.read_csv(StringIO(text), sep=sep, dtype=str, keep_default_na=False)


def test_cohort_files_come_in_mixed_formats(written, term):
    out, _ = written
    folder = out / "cohort"
    logs = sorted(p for p in folder.iterdir() if p.name.startswith("student_"))
    assert [p.stem for p in logs] == term.owners
    assert (folder / "README.txt").is_file()
    suffixes = {p.suffix for p in logs}
    assert suffixes == {".csv", ".tsv", ".xlsx"}
    raw = {p.name: p.read_bytes() for p in logs if p.suffix != ".xlsx"}
    bom_crlf = [n for n, b in raw.items() if b.startswith(b"\xef\xbb\xbf") and b"\r\n" in b]
    assert len(bom_crlf) >= 5

    def is_utf8(data: bytes) -> bool:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True

    windows = [n for n, b in raw.items() if not is_utf8(b)]
    assert len(windows) >= 3  # Excel "CSV": Windows-1252
    assert any(b"?" in raw[n] for n in windows)  # letters cp1252 lacks became "?"
    sheets = {p.name: _read_cohort_file(p) for p in logs}
    events_layout = [n for n, s in sheets.items() if list(s.columns) == [
        "Date", "Contact", "Event", "Channel", "Notes"]]  # fmt: skip
    assert 3 <= len(events_layout) <= 6
    semicolon = [n for n, b in raw.items() if b.split(b"\n")[0].count(b";") > 2]
    assert len(semicolon) >= 3
    for name in semicolon:  # day-first, and provably so (a day after the 12th)
        sheet = sheets[name]
        column = next(c for c in sheet.columns if canonical_header(c) == "contacted_on")
        parts = sheet[column].str.extract(r"^(\d\d)/(\d\d)/(\d{4})$").dropna().astype(int)
        assert (parts[0] > 12).any() and (parts[1] <= 12).all()
    styles = pd.Series(
        {
            "iso": r"^\d{4}-\d\d-\d\d$",
            "us": r"^\d{1,2}/\d{1,2}/\d{4}$",
            "excel": r"^\d{1,2}-[A-Z][a-z]{2}-\d\d$",
        }
    )
    seen = set()
    for name, sheet in sheets.items():
        if name in events_layout or name.endswith(".xlsx"):
            continue
        column = next(c for c in sheet.columns if canonical_header(c) == "contacted_on")
        for style, pattern in styles.items():
            if sheet[column].str.match(pattern).any():
                seen.add(style)
    assert seen == {"iso", "us", "excel"}


def test_cohort_headers_and_labels_are_known_spellings(written):
    out, _ = written
    spellings: dict[str, set[str]] = {}
    yes_marks = set()
    for path in sorted((out / "cohort").glob("student_*")):
        sheet = _read_cohort_file(path)
        for header in sheet.columns:
            field = canonical_header(header)
            assert field is not None, (path.name, header)
            spellings.setdefault(field, set()).add(header)
        fields = {canonical_header(h): h for h in sheet.columns}
        for field, vocab in (("channel", "channel"), ("connection", "connection"),
                             ("kind", "kind")):  # fmt: skip
            if field in fields:
                labels = sheet[fields[field]].replace("", np.nan).dropna()
                unknown = labels[labels.map(lambda v, c=vocab: canonical_label(v, c)).isna()]
                assert set(unknown) <= {"Handshake message"}, (path.name, set(unknown))
        if "replied" in fields:
            yes_marks |= set(sheet[fields["replied"]].astype(str))
    assert len(spellings["organization"]) >= 3
    assert len(spellings["contacted_on"]) >= 3
    assert len(spellings["replied"]) >= 3
    assert {"Y", "yes", "✓", "x"} & yes_marks and ({"TRUE", "True"} & yes_marks)
    assert len(yes_marks) >= 6


def test_cohort_combined_sheet(written, term):
    out, _ = written
    combined = pd.read_csv(out / "cohort_combined.csv", dtype=str, keep_default_na=False)
    assert combined.columns[0] == "Student"
    assert canonical_header("Student") == "owner"
    assert sorted(combined["Student"].unique()) == term.owners
    assert len(combined) == len(term.contacts) + 1  # one duplicated row


def test_messy_rows_are_few_and_where_the_catalogue_says(written):
    out, result = written
    messy = result.messy_rows
    assert list(messy.columns) == ["file", "row", "column", "problem"]
    assert set(messy["problem"]) == {
        "blank_date",
        "unreadable_date",
        "duplicate",
        "unknown_channel",
        "reply_before_request",
        "no_name_or_email",
    }
    assert (messy["file"] == "cohort_combined.csv").sum() == 6
    combined = pd.read_csv(out / "cohort_combined.csv", dtype=str, keep_default_na=False)
    assert len(messy) / 2 / len(combined) < 0.02  # about 1 row in 100
    for record in messy.itertuples():
        sheet = _read_cohort_file(out / record.file)
        row = sheet.iloc[record.row - 2]  # spreadsheet rows: header is row 1
        value = row[record.column]
        contacted = next(c for c in sheet.columns if canonical_header(c) == "contacted_on")
        if record.problem == "blank_date":
            replied = next(c for c in sheet.columns if canonical_header(c) == "replied")
            assert value == "" and row[replied] not in ("", "N", "no", "FALSE")
        elif record.problem == "unreadable_date":
            assert value == "sometime in March"
        elif record.problem == "unknown_channel":
            assert value == "Handshake message"
        elif record.problem == "no_name_or_email":
            email = next(c for c in sheet.columns if canonical_header(c) == "email")
            assert value == "" and row[email] == "" and row[contacted] != ""
        elif record.problem == "duplicate":
            same = sheet[record.column].str.casefold() == value.casefold()
            assert same.sum() == 2 and (sheet[record.column] == value).sum() == 1
        elif record.problem == "reply_before_request":
            first_line = (out / record.file).read_bytes().split(b"\n")[0]
            dayfirst = first_line.count(b";") > 2
            reply = pd.to_datetime(value, dayfirst=dayfirst, format="mixed")
            request = pd.to_datetime(row[contacted], dayfirst=dayfirst, format="mixed")
            assert reply < request
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "synthetic" in readme
    assert all(f"`{f}`" in readme for f in messy["file"])


def test_main_writes_the_folder(tmp_path, capsys):
    assert main([str(tmp_path / "out")]) == 0
    assert "Wrote 48 files" in capsys.readouterr().out
    assert (tmp_path / "out" / "cohort_combined.csv").is_file()
    assert main(["a", "b"]) == 2


# ------------------------------------------- the files load (infoview_kit.io.load)

_REASONS = {
    "unreadable_date": "unreadable date",
    "reply_before_request": "reply before request",
    "unknown_channel": "unknown channel",
    "duplicate": "duplicate of row",
    "no_name_or_email": "no name, e-mail or contact id",
}


def _loads_balanced(path: Path):
    from infoview_kit.io.load import load_log

    log = load_log(path)
    report = log.report
    assert report.balanced, path
    assert report.rows_read == report.rows_loaded + report.rows_merged + report.rows_rejected
    counts = report.files[["rows_read", "rows_loaded", "rows_merged", "rows_rejected"]]
    counts = counts.astype("int64")
    assert (
        counts["rows_read"]
        == counts["rows_loaded"] + counts["rows_merged"] + counts["rows_rejected"]
    ).all(), path
    return log


@pytest.mark.slow  # every file of two terms' sample cohorts: 15-27 s
def test_every_sample_file_loads_with_a_balanced_report(term):
    personal = _loads_balanced(SAMPLE_DIR / "personal")
    assert len(personal.contacts) == 60 and len(personal.report.problems) == 0
    tracker = _loads_balanced(SAMPLE_DIR / "personal_tracker.xlsx")
    assert len(tracker.contacts) == 60 and tracker.report.rows_rejected == 0
    assert tracker.contacts["email"].tolist() == personal.contacts["email"].tolist()
    for path in sorted((SAMPLE_DIR / "cohort").glob("student_*")):
        log = _loads_balanced(path)
        assert log.owners == [path.stem], path.name
    folder = _loads_balanced(SAMPLE_DIR / "cohort")
    assert folder.owners == term.owners
    files = folder.report.files.set_index("file")
    assert files.loc["README.txt", "status"] == "not a log"  # one bad file, the rest load
    assert (files.drop(index="README.txt")["status"] == "loaded").all()
    # every generated contact, less the row with no name; a log kept as events
    # cannot list the people it has not contacted yet
    events_layout = [Path(f).stem for f in files.index[files["layout"] == "events"]]
    touched = set(term.events["contact_id"])
    silent = term.contacts["owner"].isin(events_layout) & ~term.contacts["contact_id"].isin(touched)
    assert len(folder.contacts) == len(term.contacts) - 1 - silent.sum()
    combined = _loads_balanced(SAMPLE_DIR / "cohort_combined.csv")
    assert combined.owners == term.owners
    assert len(combined.contacts) == len(term.contacts) - 1
    assert combined.report.rows_merged == 1 and combined.report.rows_rejected == 1


def test_the_cohort_readme_alone_is_not_a_log():
    from infoview_kit.errors import NotALogError
    from infoview_kit.io.load import load_log

    path = SAMPLE_DIR / "cohort" / "README.txt"
    with pytest.raises(NotALogError) as caught:
        load_log(path)
    assert "\n" not in str(caught.value) and path.name in str(caught.value)


def test_messy_rows_appear_in_the_load_report(written):
    from infoview_kit.io.load import load_log

    _, result = written
    reports = {
        "cohort": load_log(SAMPLE_DIR / "cohort").report.problems,
        "cohort_combined.csv": load_log(SAMPLE_DIR / "cohort_combined.csv").report.problems,
    }
    for record in result.messy_rows.itertuples():
        problems = reports[record.file.split("/")[0]]
        here = problems[problems["file"].map(lambda f: Path(f).name) == Path(record.file).name]
        at_row = here[here["row"] == record.row]
        if record.problem == "blank_date":
            # a blank date is no error: the row loads, without a request event
            assert not (~at_row["kept"].astype(bool)).any(), record
            continue
        reasons = at_row["reason"].tolist()
        assert any(r.startswith(_REASONS[record.problem]) for r in reasons), (record, reasons)
        if record.problem == "no_name_or_email":
            assert not at_row["kept"].astype(bool).any()
