"""Merges are never silent or wrong; probable duplicates are listed and merged on confirmation."""

from __future__ import annotations

import pandas as pd

from infoview_kit import load_log
from infoview_kit.io.duplicates import merge_contacts, possible_duplicates
from infoview_kit.io.store import Workbook
from infoview_kit.model import OutreachLog


def _load(tmp_path, text: str):
    path = tmp_path / "tracker.csv"
    path.write_text(text, encoding="utf-8")
    return load_log(path)


def test_same_name_different_profiles_or_emails_are_different_people(tmp_path):
    log = _load(
        tmp_path,
        "Name,Company,LinkedIn,Email\r\n"
        "Ada Example,Acme,https://www.linkedin.com/in/ada-1,\r\n"
        "Ada Example,Acme,https://www.linkedin.com/in/ada-2,ada2@example.com\r\n"
        "Bo Sample,,,bo@example.com\r\n"
        "Bo Sample,,,other@example.com\r\n",
    )
    assert len(log.contacts) == 4
    assert log.report.rows_merged == 0
    urls = log.contacts.set_index("linkedin_url")["email"]
    assert pd.isna(urls["https://www.linkedin.com/in/ada-1"])  # no e-mail moved to another
    listed = log.report.possible_duplicates
    assert len(listed) == 2
    assert listed["reason"].str.contains("different").all()
    assert "2 pairs of contacts may be one person" in log.report.to_text()


def test_a_shared_email_is_one_person_whatever_the_names_and_the_merge_is_reported(tmp_path):
    log = _load(
        tmp_path,
        "Name,Email\r\nAda Example,Ada@Example.com\r\nA. Example-Smith,ada@example.com\r\n",
    )
    assert len(log.contacts) == 1
    problems = log.report.problems
    assert problems[["row", "reason"]].to_dict("records") == [
        {"row": 3, "reason": "duplicate of row 2; merged"}
    ]


def test_probable_duplicates_without_a_shared_key_are_listed(tmp_path):
    log = _load(
        tmp_path,
        'Name,Company\r\n"Smith, Bob",Acme Inc.\r\nRobert Smith,ACME\r\n'
        "Dr Ada Example,Globex\r\nAda Example,\r\nCy Other,Initech\r\n",
    )
    assert len(log.contacts) == 5  # nothing merged on a guess
    pairs = log.report.possible_duplicates
    found = {frozenset((a, b)) for a, b in zip(pairs["name"], pairs["other_name"], strict=True)}
    assert found == {
        frozenset(("Smith, Bob", "Robert Smith")),
        frozenset(("Dr Ada Example", "Ada Example")),
    }


def test_confirming_a_pair_merges_it(tmp_path):
    people = pd.DataFrame(
        {
            "owner": "me",
            "contact_id": ["c-1", "c-2", "c-3"],
            "name": ["Smith, Bob", "Robert Smith", "Cy Other"],
            "organization": ["Acme", None, None],
            "email": [None, "bob@example.com", None],
            "referred_by": [None, None, "c-2"],
            "notes": ["met at fair", "likes jazz", None],
        }
    )
    events = pd.DataFrame(
        {"owner": "me", "contact_id": ["c-2"], "at": [pd.Timestamp("2025-03-01")],
         "kind": ["request_sent"]}
    )  # fmt: skip
    log = OutreachLog(people, events)
    pairs = possible_duplicates(log)
    row = pairs.iloc[0]
    merged = merge_contacts(log, keep=row["contact_id"], drop=row["other_id"])
    assert merged.contacts["contact_id"].tolist() == ["c-1", "c-3"]
    bob = merged.contacts.iloc[0]
    assert (bob["email"], bob["notes"]) == ("bob@example.com", "met at fair | likes jazz")
    assert merged.events["contact_id"].tolist() == ["c-1"]
    assert merged.contacts["referred_by"].tolist()[1] == "c-1"
    assert len(log.contacts) == 3  # the input is unchanged

    book = Workbook.create(tmp_path / "wb", owner="me")
    book.import_log(log)
    ids = book.contacts.set_index("name")["contact_id"]
    book.merge_contacts(ids["Smith, Bob"], ids["Robert Smith"])
    again = Workbook.open(tmp_path / "wb")
    assert sorted(again.contacts["name"]) == ["Cy Other", "Smith, Bob"]
    assert set(again.events["contact_id"]) == {ids["Smith, Bob"]}
