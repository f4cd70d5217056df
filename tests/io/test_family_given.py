"""Names written "Family, Given" in one name column are read "Given Family" (synthetic people)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_kit.datasets.awkward import xlsx_bytes
from infoview_kit.io import Workbook, combine_logs, possible_duplicates, read_linkedin
from infoview_kit.io.batch import load_entries_batched
from infoview_kit.io.layouts import FAMILY_GIVEN_KEPT, TWO_PEOPLE_KEPT
from infoview_kit.io.load import load_entries, load_log
from infoview_kit.messages.text import first_name, greeting
from infoview_kit.model import OutreachLog
from infoview_kit.names import FAMILY_GIVEN, TWO_PEOPLE, given_family, read_family_given
from infoview_kit.schema import make_contact_ids

AS_OF = "2025-07-01"
ROSTER = [
    ["Name", "Company", "Referred by", "Date contacted"],
    ["Example, Ada", "Acme", "", "2025-06-02"],
    ["Sample, Bo", "Globex", "Example, Ada", "2025-06-03"],
    ["Van der Berg, Ada", "Initech", "", "2025-06-04"],
    ["O'Dummy, Zoë", "Acme", "", "2025-06-05"],
    ["Example-Sample, Ada B.", "Umbrella", "", "2025-06-06"],
    ["Ada Example, Bo Sample", "Acme", "", "2025-06-07"],
]


def _csv(rows: list[list[str]]) -> str:
    def cell(value: str) -> str:
        return f'"{value}"' if "," in value else value

    return "".join(",".join(cell(c) for c in row) + "\r\n" for row in rows)


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _reasons(log, column: str) -> list[str]:
    problems = log.report.problems
    return problems.loc[problems["column"] == column, "reason"].tolist()


# --------------------------------------------------------------------------- one cell


def test_the_shapes_that_are_read_and_those_that_are_not():
    cells = {
        "Example, Ada": ("Ada Example", FAMILY_GIVEN),
        "Example, Ada Maria": ("Ada Maria Example", FAMILY_GIVEN),
        "Van der Berg, Ada": ("Ada Van der Berg", FAMILY_GIVEN),
        "O'Dummy, Zoë": ("Zoë O'Dummy", FAMILY_GIVEN),
        "Example-Sample, Ada B.": ("Ada B. Example-Sample", FAMILY_GIVEN),
        "EXAMPLE, ADA B": ("ADA B EXAMPLE", FAMILY_GIVEN),
        "Sample Jr., Bo": ("Bo Sample Jr.", FAMILY_GIVEN),
        "Example, Ada, PhD": ("Ada Example, PhD", FAMILY_GIVEN),
        "Ada Example, PhD": (None, ""),
        "Example, Jr.": (None, ""),
        "Bo Sample, MD, MPH": (None, ""),
        "Acme, Inc.": (None, ""),
        "Sample, HR": (None, ""),
        "Example, Ada (Acme)": (None, ""),
        "her manager, bob": (None, ""),
        "Example, Ada; Sample, Bo": (None, ""),
        "Ada Example, Bo Sample": (None, TWO_PEOPLE),
        "Ada Example": (None, ""),
    }
    readings, kinds = read_family_given(list(cells))
    assert dict(zip(cells, zip(readings, kinds, strict=True), strict=True)) == cells


def test_a_name_alone_is_read_only_in_its_plainest_shape():
    assert given_family("Example, Ada") == "Ada Example"
    assert given_family("Van der Berg, Ada") == "Ada Van der Berg"
    assert given_family("Ada Example, Acme") == "Ada Example, Acme"  # a column would tell
    assert given_family("Ada Example, PhD") == "Ada Example, PhD"


def test_greetings_use_the_given_name():
    assert greeting("Example, Ada") == "Hi Ada,"
    assert greeting("Example, Ada", tone="formal") == "Dear Ada Example,"
    assert greeting("Example, Ada, PhD", tone="formal") == "Dear Ada Example,"
    assert first_name("Van der Berg, Ada") == "Ada"
    assert greeting("Ada Example, PhD") == "Hi Ada,"  # as before


# --------------------------------------------------------------------------- a column


def test_a_family_given_column_is_read_as_given_family(tmp_path):
    log = load_log(_write(tmp_path, "roster.csv", _csv(ROSTER)), as_of=AS_OF)
    people = log.contacts.set_index("Name as written")
    assert log.contacts["name"].tolist() == [
        "Ada Example", "Bo Sample", "Ada Van der Berg", "Zoë O'Dummy", "Ada B. Example-Sample",
        "Ada Example, Bo Sample",
    ]  # fmt: skip
    # the spelling as written is kept, only where it was changed
    assert people.index.dropna().tolist() == [row[0] for row in ROSTER[1:6]]
    # an id is the one "Given Family" has (no e-mail: the name and organisation make it)
    ada = people.loc["Example, Ada"]
    same = make_contact_ids(pd.Series(["roster"]), pd.Series([None]), pd.Series(["Ada Example"]),
                            pd.Series(["Acme"]))  # fmt: skip
    assert ada["contact_id"] == same.iloc[0]
    # the referrer written "Family, Given" is the person of the first row
    assert people.loc["Sample, Bo", "referred_by"] == ada["contact_id"]
    assert people.loc["Sample, Bo", "Referred by as written"] == "Example, Ada"
    # said once per column, and the cell that names two people is listed
    assert sorted(_reasons(log, "Name")) == [
        "5 names written 'Family, Given' read as 'Given Family'; the spelling as written is "
        "kept in the column 'Name as written'",
        TWO_PEOPLE_KEPT,
    ]
    two = log.report.problems[log.report.problems["reason"] == TWO_PEOPLE_KEPT]
    assert two[["row", "value"]].to_numpy().tolist() == [[7, "Ada Example, Bo Sample"]]
    assert len(_reasons(log, "Referred by")) == 1
    assert log.report.balanced and log.report.rows_loaded == 6


def test_both_spellings_are_one_person(tmp_path):
    roster = load_log(_write(tmp_path, "roster.csv", _csv(ROSTER)), as_of=AS_OF)
    connections = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Example,https://www.linkedin.com/in/ada-example,,Acme,Engineer,07 Jun 2025\n"
    )
    linked = read_linkedin(connections.encode(), owner="roster", name="Connections.csv")
    both = combine_logs([roster, linked])
    adas = both.contacts[both.contacts["organization"] == "Acme"]
    assert adas["name"].tolist().count("Ada Example") == 1
    ada = adas[adas["name"] == "Ada Example"].iloc[0]
    assert ada["linkedin_url"] == "https://www.linkedin.com/in/ada-example"
    assert set(possible_duplicates(both)["reason"]) <= {"similar names, same organisation"}
    pairs = possible_duplicates(both)
    assert not ((pairs["name"] == "Ada Example") & (pairs["other_name"] == "Ada Example")).any()


def test_the_same_person_written_both_ways_in_one_file_is_merged(tmp_path):
    rows = [
        ["Name", "Company", "Date contacted"],
        ["Example, Ada", "Acme", "2025-06-02"],
        ["Sample, Bo", "Acme", "2025-06-02"],
        ["Ada Example", "Acme", "2025-06-09"],
    ]
    log = load_log(_write(tmp_path, "log.csv", _csv(rows)), as_of=AS_OF)
    assert log.contacts["name"].tolist() == ["Ada Example", "Bo Sample"]
    assert log.report.rows_merged == 1 and log.report.balanced


def test_a_given_family_column_keeps_a_stray_comma_and_lists_it(tmp_path):
    rows = [
        ["Name", "Company", "Date contacted"],
        ["Ada Example", "Acme", "2025-06-02"],
        ["Bo Sample", "Globex", "2025-06-03"],
        ["Cy Dummy, Acme", "Acme", "2025-06-04"],
        ["Example, Di", "Initech", "2025-06-05"],
        ["Ed Case, PhD", "Umbrella", "2025-06-06"],
    ]
    log = load_log(_write(tmp_path, "log.csv", _csv(rows)), as_of=AS_OF)
    assert log.contacts["name"].tolist() == [r[0] for r in rows[1:]]
    assert "Name as written" not in log.contacts
    listed = log.report.problems
    assert listed[["row", "value", "reason"]].to_numpy().tolist() == [
        [4, "Cy Dummy, Acme", FAMILY_GIVEN_KEPT],
        [5, "Example, Di", FAMILY_GIVEN_KEPT],
    ]


def test_first_and_last_name_columns_change_nothing(tmp_path):
    rows = [["Name", "First name", "Last name", "Company"], ["Example, Ada", "", "", "Acme"],
            ["", "Bo", "Sample", "Acme"]]  # fmt: skip
    log = load_log(_write(tmp_path, "log.csv", _csv(rows)), as_of=AS_OF)
    assert log.contacts["name"].tolist() == ["Example, Ada", "Bo Sample"]
    assert log.report.problems.empty


@pytest.mark.parametrize("kind", ["xlsx", "json", "events"])
def test_every_format_reads_the_names_alike(tmp_path, kind):
    if kind == "xlsx":
        path = _write(tmp_path, "roster.xlsx", xlsx_bytes({"Sheet1": ROSTER}))
    elif kind == "json":
        records = [dict(zip(ROSTER[0], row, strict=True)) for row in ROSTER[1:]]
        path = _write(tmp_path, "roster.json", json.dumps(records))
    else:  # one row per touch: a person's name on each of their rows
        rows = [["Name", "Company", "Date", "Event"], ["Example, Ada", "Acme", "2025-06-02",
                "request sent"], ["Example, Ada", "Acme", "2025-06-04", "reply received"],
                ["Sample, Bo", "Globex", "2025-06-03", "request sent"]]  # fmt: skip
        path = _write(tmp_path, "events.csv", _csv(rows))
    log = load_log(path, as_of=AS_OF)
    assert {"Ada Example", "Bo Sample"} <= set(log.contacts["name"])
    assert any("read as 'Given Family'" in r for r in _reasons(log, "Name"))
    if kind == "events":
        assert len(log.contacts) == 2 and len(log.events) == 3


def test_stacked_files_are_judged_each_on_its_own(tmp_path):
    folder = tmp_path / "cohort"
    header = ["Name", "Email", "Date contacted"]
    for i, tail in enumerate("abcdefghijklmnopqrstuvwxyzabcd"):
        if i % 2:  # all written "Family, Given"
            rows = [header, [f"Example{tail}, Ada", f"ada{i}@example.com", "2025-06-02"],
                    [f"Sample{tail}, Bo", "", "2025-06-03"]]  # fmt: skip
        else:  # a stray one among "Given Family"
            rows = [header, [f"Ada Example{tail}", f"ada{i}@example.com", "2025-06-02"],
                    [f"Sample{tail}, Bo", "", "2025-06-03"],
                    [f"Cy Dummy{tail}", "", "2025-06-03"]]  # fmt: skip
        _write(folder, f"s{i:02d}.csv", _csv(rows))
    entries = sorted(folder.iterdir())
    stacked = load_entries_batched(entries, base=folder, as_of=AS_OF, workers=1)
    alone = load_entries(entries, base=folder, as_of=AS_OF)
    for log in (stacked, alone):
        names = log.contacts.set_index("owner")["name"]
        assert sorted(names["s01"]) == ["Ada Exampleb", "Bo Sampleb"]
        assert sorted(names["s02"]) == ["Ada Examplec", "Cy Dummyc", "Samplec, Bo"]
        problems = log.report.problems
        said = problems[problems["reason"].str.contains("read as 'Given Family'")]
        assert said["file"].tolist() == [f"s{i:02d}.csv" for i in range(1, 30, 2)]
    pd.testing.assert_frame_equal(
        stacked.report.problems.sort_values(["file", "row"]).reset_index(drop=True),
        alone.report.problems.sort_values(["file", "row"]).reset_index(drop=True),
    )


# --------------------------------------------------------------------------- properties

_WORD = st.sampled_from(["Ada", "Bo", "Cy", "Zoë", "Example", "Sample", "O'Dummy", "Lee-Park"])
_FULL = st.lists(_WORD, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(names=st.lists(_FULL, min_size=1, max_size=8))
def test_a_given_family_column_is_never_changed(tmp_path_factory, names):
    folder = tmp_path_factory.mktemp("plain")
    rows = [["Name", "Date contacted"], *([n, "2025-06-02"] for n in names)]
    log = load_log(_write(folder, "log.csv", _csv(rows)), as_of=AS_OF)
    assert set(log.contacts["name"]) == set(names)
    assert not log.report.problems["reason"].str.contains("Family").any()
    assert "Name as written" not in log.contacts


@settings(max_examples=40, deadline=None)
@given(people=st.lists(st.tuples(_WORD, _FULL), min_size=1, max_size=8))
def test_reading_then_reading_again_is_stable(tmp_path_factory, people):
    folder = tmp_path_factory.mktemp("flipped")
    rows = [["Name", "Date contacted"], *([f"{f}, {g}", "2025-06-02"] for f, g in people)]
    first = load_log(_write(folder, "log.csv", _csv(rows)), as_of=AS_OF, owner="me")
    assert set(first.contacts["name"]) == {f"{g} {f}" for f, g in people}
    again_rows = [["Name", "Date contacted"], *([n, "2025-06-02"] for n in first.contacts["name"])]
    again = load_log(_write(folder, "again.csv", _csv(again_rows)), as_of=AS_OF, owner="me")
    assert sorted(again.contacts["name"]) == sorted(first.contacts["name"])
    assert sorted(again.contacts["contact_id"]) == sorted(first.contacts["contact_id"])


# --------------------------------------------------------------------------- referrals


def test_referrals_written_family_given_are_one_person_each(tmp_path):
    rows = [
        ["Name", "Company", "Meeting date", "Referrals given"],
        ["Example, Ada", "Acme", "2025-06-02", "Sample, Bo"],
        ["Sample, Bo", "Acme", "2025-06-03", "Case, Ed and Dummy, Cy"],
    ]
    log = load_log(_write(tmp_path, "roster.csv", _csv(rows)), as_of=AS_OF, owner="me")
    by = log.contacts.set_index("name")
    assert sorted(by.index) == ["Ada Example", "Bo Sample", "Cy Dummy", "Ed Case"]
    # Bo, met through Ada, is the Bo of the second row (not "Sample" and "Bo")
    assert by.loc["Bo Sample", "referred_by"] == by.loc["Ada Example", "contact_id"]
    assert by.loc["Ed Case", "referred_by"] == by.loc["Bo Sample", "contact_id"]


def test_a_list_parted_by_semicolons_keeps_its_commas_inside_names(tmp_path):
    rows = [
        ["Name", "Meeting date", "Referrals given"],
        ["Ada Example", "2025-06-02", "Sample, Bo; Dummy, Cy"],
        ["Di Test", "2025-06-02", "Ana, Di"],  # two given names: two people, as before
        ["Ed Test", "2025-06-02", "Fay Probe, PhD, and Gus Probe"],
    ]
    log = load_log(_write(tmp_path, "log.csv", _csv(rows)), as_of=AS_OF, owner="me")
    referred = log.contacts[log.contacts["connection"] == "referral"]["name"]
    assert sorted(referred) == ["Ana", "Bo Sample", "Cy Dummy", "Di", "Fay Probe", "Gus Probe"]
    referrals = log.events[log.events["kind"] == "referral_received"]
    assert len(referrals) == 6


# --------------------------------------------------------------------------- matching


def test_a_stray_family_given_cell_is_still_matched_to_its_person(tmp_path):
    rows = [
        ["Name", "Company", "Date contacted"],
        ["Ada Example", "Acme", "2025-06-02"],
        ["Bo Sample", "Acme", "2025-06-02"],
        ["Cy Dummy", "Acme", "2025-06-02"],
        ["Example, Ada", "Acme", "2025-06-05"],
    ]
    log = load_log(_write(tmp_path, "log.csv", _csv(rows)), as_of=AS_OF, owner="me")
    assert log.contacts["name"].tolist() == ["Ada Example", "Bo Sample", "Cy Dummy"]
    assert log.report.rows_merged == 1
    assert (log.events["contact_id"] == log.contacts["contact_id"].iloc[0]).sum() == 2


def test_a_workbook_saved_before_names_were_read_takes_the_file_again(tmp_path):
    """People imported "Family, Given" as written (ids made from that spelling) are the
    people of the same file imported again: nobody twice, no event twice."""
    people = pd.DataFrame({"owner": "me", "contact_id": ["c-0000000001", "c-0000000002"],
                           "name": ["Example, Ada", "Sample, Bo"],
                           "organization": ["Acme", "Globex"]})  # fmt: skip
    sent = pd.DataFrame({"owner": "me", "contact_id": ["c-0000000001"],
                         "at": [pd.Timestamp("2025-06-02")], "kind": ["request_sent"],
                         "channel": ["email"], "source": ["roster.csv:2"]})  # fmt: skip
    book = Workbook.create(tmp_path / "wb", owner="me")
    book.import_log(OutreachLog(people, sent))
    rows = [
        ["Name", "Company", "Date contacted"],
        ["Example, Ada", "Acme", "2025-06-02"],
        ["Sample, Bo", "Globex", "2025-06-03"],
        ["Dummy, Cy", "Initech", "2025-06-04"],
    ]
    book.import_log(load_log(_write(tmp_path, "roster.csv", _csv(rows)), as_of=AS_OF))
    again = Workbook.open(tmp_path / "wb")
    ids = again.contacts["contact_id"].tolist()
    assert ids[:2] == ["c-0000000001", "c-0000000002"] and len(ids) == 3
    assert again.events["contact_id"].tolist() == ids


_FAMILY = st.tuples(
    st.sampled_from(["", "van ", "de la ", "Van der ", "O'", "Mac"]),
    st.sampled_from(["Example", "Sample", "Dummy", "Probe", "Zoë", "Lee-Park", "Øster"]),
).map("".join)
_GIVEN = st.lists(
    st.sampled_from(["Ada", "Bo", "Cy", "Zoë", "José", "B.", "Ana-Maria", "ADA"]),
    min_size=1,
    max_size=3,
).map(" ".join)


@given(family=_FAMILY, given_names=_GIVEN)
def test_any_family_given_cell_reads_once_and_then_stays(family, given_names):
    readings, kinds = read_family_given([f"{family}, {given_names}"])
    assert (readings, kinds) == ([f"{given_names} {family}"], [FAMILY_GIVEN])
    # what was read has no comma left: reading it again changes nothing
    assert read_family_given(readings) == ([None], [""])
    assert given_family(readings[0]) == readings[0]


def test_a_stray_referrer_written_family_given_is_found(tmp_path):
    rows = [
        ["Name", "Company", "Referred by", "Date contacted"],
        ["Ada Example", "Acme", "", "2025-06-02"],
        ["Bo Sample", "Acme", "Example, Ada", "2025-06-02"],
        ["Cy Dummy", "Acme", "Di Test", "2025-06-02"],
        ["Ed Case", "Acme", "Fay Probe", "2025-06-02"],
    ]
    log = load_log(_write(tmp_path, "log.csv", _csv(rows)), as_of=AS_OF, owner="me")
    by = log.contacts.set_index("name")
    assert by.loc["Bo Sample", "referred_by"] == by.loc["Ada Example", "contact_id"]
    assert len(log.contacts) == 6  # Di and Fay are added as people; Ada is not added twice
    assert log.report.problems.empty


def test_display_names_in_an_email_column_are_read_too(tmp_path):
    # Outlook writes "Family, Given" <address> in its address fields
    data = (
        "Email,Date contacted\r\n"
        '"""Example, Ada"" <ada@example.com>",2025-06-02\r\n'
        '"""Sample, Bo"" <bo@example.com>",2025-06-03\r\n'
    )
    log = load_log(_write(tmp_path, "sent.csv", data), as_of=AS_OF, owner="me")
    assert log.contacts["name"].tolist() == ["Ada Example", "Bo Sample"]
    assert log.contacts["Name as written"].tolist() == ["Example, Ada", "Sample, Bo"]
    assert _reasons(log, "Email") == [
        "2 names written 'Family, Given' read as 'Given Family'; the spelling as written is "
        "kept in the column 'Name as written'"
    ]
