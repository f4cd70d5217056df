"""Combining logs and merging people (infoview_kit.io.merge)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_kit.io.merge import (
    combine_logs,
    fold_text,
    normalise_linkedin,
    person_groups,
)
from infoview_kit.model import LoadReport, OutreachLog
from infoview_kit.schema import make_contact_ids, normalise_text

_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
    max_size=12,
)


@settings(max_examples=200, deadline=2000)
@given(
    st.lists(
        st.one_of(
            st.none(),
            _TEXT,
            st.sampled_from(["  José  GARCÍA ", "ǅ", "ﬁ", "İ", "e\u0301", "a\x1cb"]),
        )
    )
)
def test_fold_text_equals_schema_normalise_text(values):
    series = pd.Series(values, dtype="str")
    pd.testing.assert_series_equal(fold_text(series), normalise_text(series))


@settings(max_examples=150, deadline=2000)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.sampled_from(["me", "student_1", ""])),
            st.one_of(
                st.none(),
                st.sampled_from(["Ada@Example.com", "ada@example.com ", "bo@example.com"]),
            ),
            st.one_of(st.none(), _TEXT, st.sampled_from(["Ada Example", "ada  example", "Zoë"])),
            st.one_of(st.none(), _TEXT, st.sampled_from(["Acme", "ACME"])),
        ),
        max_size=12,
    )
)
def test_contact_ids_from_folded_keys_equal_ids_from_raw_text(rows):
    frame = pd.DataFrame(rows, columns=["owner", "email", "name", "org"], dtype="str")
    expected = make_contact_ids(frame["owner"], frame["email"], frame["name"], frame["org"])
    folded = [fold_text(frame[c]).astype("category") for c in ("email", "name", "org")]
    got = make_contact_ids(frame["owner"], *folded, folded=True)
    pd.testing.assert_series_equal(got, expected, check_names=False)


def test_normalise_linkedin():
    urls = pd.Series(
        [
            "https://www.linkedin.com/in/Ada-Example/",
            "linkedin.com/in/ada-example?trk=public",
            "http://uk.linkedin.com/in/ada-example#x",
            "https://example.com/Ada",
            None,
            "  ",
        ]
    )
    got = [None if pd.isna(v) else v for v in normalise_linkedin(urls)]
    assert got == [
        "linkedin.com/in/ada-example",
        "linkedin.com/in/ada-example",
        "linkedin.com/in/ada-example",
        "https://example.com/ada",
        None,
        None,
    ]


def _people(**columns):
    base = {
        "owner": "me",
        "contact_id": None,
        "email": None,
        "linkedin_url": None,
        "name": None,
        "organization": None,
    }
    n = max(len(v) for v in columns.values() if isinstance(v, list))
    frame = pd.DataFrame({k: columns.get(k, base[k]) for k in base}, index=range(n))
    if frame["contact_id"].isna().all():
        frame["contact_id"] = [f"id{i}" for i in range(n)]
    return frame


def test_person_groups_match_email_linkedin_and_name_organization_transitively():
    frame = _people(
        email=["a@example.com", None, "A@EXAMPLE.COM", None, None, None],
        linkedin_url=[
            None,
            None,
            None,
            "https://linkedin.com/in/ada",
            "linkedin.com/in/ada/",
            None,
        ],
        name=["Ada Example", "ada  EXAMPLE", "Ada", "Ada Example", "A. Example", "Ada Example"],
        organization=["Acme", "ACME", None, "Acme", None, "Globex"],
    )
    # 0-2 share an e-mail, 0-1 and 0-3 a name+organization, 3-4 a profile; 5 works elsewhere.
    assert person_groups(frame).tolist() == [0, 0, 0, 0, 0, 5]


def test_person_groups_never_cross_owners():
    frame = _people(email=["a@example.com", "a@example.com"], name=["Ada", "Ada"])
    frame["owner"] = ["student_1", "student_2"]
    assert person_groups(frame).tolist() == [0, 1]


def _log(contacts: dict, events: dict | None = None, *, read: int = 0) -> OutreachLog:
    report = LoadReport(rows_read=read, rows_loaded=read)
    return OutreachLog(pd.DataFrame(contacts), pd.DataFrame(events or {}), report)


def test_combine_logs_merges_people_and_repoints_events():
    linkedin = _log(
        {
            "owner": ["me", "me"],
            "contact_id": ["L1", "L2"],
            "name": ["Ada Example", "Bo Sample"],
            "organization": ["Acme", "Globex"],
            "linkedin_url": ["https://www.linkedin.com/in/ada", None],
            "notes": ["met at a fair", None],
        },
        {
            "owner": ["me"],
            "contact_id": ["L1"],
            "at": [pd.Timestamp("2025-03-01")],
            "kind": ["connected"],
            "source": ["linkedin"],
        },
        read=3,
    )
    mail = _log(
        {
            "owner": ["me", "me"],
            "contact_id": ["M1", "M2"],
            "name": ["Ada Example", "Bo Sample"],
            "email": ["ada@example.com", "bo@example.com"],
            "organization": [None, "Initech"],
            "linkedin_url": ["linkedin.com/in/ada/", None],
            "notes": ["asked about data work", None],
        },
        {
            "owner": ["me", "me"],
            "contact_id": ["M1", "M2"],
            "at": pd.to_datetime(["2025-03-02", "2025-03-03"]),
            "kind": ["request_sent", "request_sent"],
            "channel": ["email", "email"],
            "source": ["mail", "mail"],
        },
        read=2,
    )
    before = mail.contacts.copy()
    both = combine_logs([linkedin, mail])
    contacts = both.contacts.set_index("contact_id")
    # Ada matched on her profile URL; Bo at two organisations stays two people.
    assert sorted(contacts.index) == ["L1", "L2", "M2"]
    assert contacts.loc["L1", "email"] == "ada@example.com"
    assert contacts.loc["L1", "notes"] == "met at a fair | asked about data work"
    assert both.events["contact_id"].tolist() == ["L1", "L1", "M2"]
    report = both.report
    assert (report.rows_read, report.rows_loaded, report.rows_merged) == (5, 5, 0)
    assert report.contacts == 3
    assert report.events_by_kind == {"request_sent": 2, "connected": 1}
    assert report.first_event == pd.Timestamp("2025-03-01")
    pd.testing.assert_frame_equal(mail.contacts, before)


def test_combine_logs_keeps_owners_apart_and_handles_nothing():
    one = _log({"owner": ["a"], "contact_id": ["x"], "name": ["Ada"], "email": ["ada@example.com"]})
    two = _log({"owner": ["b"], "contact_id": ["x"], "name": ["Ada"], "email": ["ada@example.com"]})
    both = combine_logs([one, two])
    assert both.contacts["owner"].tolist() == ["a", "b"]
    empty = combine_logs([])
    assert len(empty.contacts) == 0 and empty.report.balanced


def test_identical_events_from_different_sources_are_kept_once():
    events = {
        "owner": ["me", "me", "me"],
        "contact_id": ["x", "x", "x"],
        "at": pd.to_datetime(["2025-01-02", "2025-01-02", "2025-01-03"]),
        "kind": ["request_sent"] * 3,
        "channel": ["email"] * 3,
        "source": ["a.csv:2", "b.csv:2", "a.csv:3"],
    }
    log = combine_logs([_log({"owner": ["me"], "contact_id": ["x"], "name": ["Ada"]}, events)])
    # Not merged here: only input rows or events of merged people are compared.
    assert len(log.events) == 3
    two = combine_logs(
        [
            _log(
                {"owner": ["me"], "contact_id": ["x"], "name": ["Ada"], "email": ["a@example.com"]},
                {k: v[:1] for k, v in events.items()},
            ),
            _log(
                {"owner": ["me"], "contact_id": ["y"], "name": ["Ada"], "email": ["A@example.com"]},
                {**{k: v[1:2] for k, v in events.items()}, "contact_id": ["y"]},
            ),
        ]
    )
    assert two.contacts["contact_id"].tolist() == ["x"]
    assert len(two.events) == 1


def test_the_same_file_added_twice_brings_its_events_once(tmp_path):
    # A participant adds their tracker to the workbook, edits it, adds it again: the
    # same rows give the same events with the same sources, which used to be kept twice
    # (a repeat within one row, "2 referrals", is meant; across two logs it is a copy).
    from infoview_kit import load_log
    from infoview_kit.io.store import Workbook

    tracker = tmp_path / "tracker.csv"
    header = "Name,Email,Date Contacted,Replied? (Y/N),Meeting Date,Referrals given\n"
    tracker.write_text(
        header + "Ada Example,ada@example.com,2025-03-03,Y,2025-03-10,2\n"
        "Bo Sample,bo@example.com,2025-03-05,N,,\n",
        encoding="utf-8",
    )
    book = Workbook.create(tmp_path / "wb", owner="me")
    first = book.import_log(load_log(tracker))
    kinds = book.events["kind"].astype(str).value_counts().to_dict()
    assert kinds == {"referral_received": 2, "request_sent": 2, "reply_received": 1,
                     "meeting_held": 1}  # fmt: skip
    again = book.import_log(load_log(tracker))
    assert first.balanced and again.balanced
    assert book.events["kind"].astype(str).value_counts().to_dict() == kinds
    # A third referral written in the file later is new: copies are matched one for one.
    tracker.write_text(
        header + "Ada Example,ada@example.com,2025-03-03,Y,2025-03-10,3\n", encoding="utf-8"
    )
    book.import_log(load_log(tracker))
    assert (book.events["kind"] == "referral_received").sum() == 3
    assert len(book.contacts) == 2
    # Two logs combined: the same thing.
    log = load_log(tracker)
    assert len(combine_logs([log, log]).events) == len(log.events)


def _workbook_with_a_timed_request(tmp_path):
    from infoview_kit.io.store import Workbook

    book = Workbook.create(tmp_path / "wb", owner="me")
    ada = book.add_contact(name="Ada Example", organization="Acme", email="ada@example.com")
    book.log_event(ada, "request_sent", at="2025-03-03 10:00", channel="email")
    return book, ada


def test_one_event_recorded_with_and_without_time_and_channel_is_kept_once(tmp_path):
    from infoview_kit import load_log

    book, ada = _workbook_with_a_timed_request(tmp_path)
    tracker = tmp_path / "tracker.csv"
    tracker.write_text(
        "Name,Company,Email,Date Contacted,Replied? (Y/N),Notes\n"
        "Ada Example,Acme,ADA@example.com,2025-03-03,Y,\n"
        "Bo Sample,Initech,bo@example.com,2025-03-05,N,\n",
        encoding="utf-8",
    )
    report = book.import_log(load_log(tracker))
    assert report.balanced
    ada_events = book.events[book.events["contact_id"] == ada]
    assert sorted(ada_events["kind"].astype(str)) == ["reply_received", "request_sent"]
    request = ada_events[ada_events["kind"] == "request_sent"].iloc[0]
    # the most complete values are kept: the time of day and the channel
    assert request["at"] == pd.Timestamp("2025-03-03 10:00")
    assert request["channel"] == "email"


def test_events_that_disagree_or_carry_a_name_stay_apart(tmp_path):
    book, ada = _workbook_with_a_timed_request(tmp_path)
    book.log_event(ada, "note", at="2025-03-04 09:00", notes="called the office")
    book.log_event(ada, "referral_received", at="2025-03-05 09:00", notes="Cy Example")
    events = pd.DataFrame(
        {
            "owner": "me",
            "contact_id": "c-x",
            "name": "Ada Example",
            "email": "ada@example.com",
            "at": pd.to_datetime(
                ["2025-03-03 15:00", "2025-03-04 00:00", "2025-03-05 00:00", "2025-03-06 00:00"]
            ),
            "kind": ["request_sent", "note", "referral_received", "follow_up_sent"],
            "channel": ["email", None, None, None],
            "notes": [None, "other text", "Di Example", None],
        }
    )
    incoming = OutreachLog(
        events[["owner", "contact_id", "name", "email"]].iloc[:1],
        events.drop(columns=["name", "email"]).assign(source="other.csv"),
    )
    book.import_log(incoming)
    kinds = book.events["kind"].astype(str).value_counts()
    # another time of day with a channel each: two requests; named events differ: all kept
    assert kinds.to_dict() == {
        "request_sent": 2,
        "note": 2,
        "referral_received": 2,
        "follow_up_sent": 1,
    }


def test_a_vague_event_merges_into_the_precise_one_of_its_day():
    log = OutreachLog(
        pd.DataFrame({"owner": ["me"], "contact_id": ["c-1"], "name": ["Ada Example"]}),
        pd.DataFrame(
            {
                "owner": "me",
                "contact_id": "c-1",
                "at": pd.to_datetime(["2025-03-03 00:00", "2025-03-03 10:00", "2025-03-03 00:00"]),
                "kind": "request_sent",
                "channel": [None, None, "linkedin"],
                "notes": ["first try", None, None],
                "source": ["a.csv:2", "b.csv:2", "c.csv:2"],
            }
        ),
    )
    other = OutreachLog(
        pd.DataFrame({"owner": ["me"], "contact_id": ["c-2"], "name": ["Ada Example"]}),
        pd.DataFrame(columns=["owner", "contact_id"]),
    )
    both = combine_logs([log, other])
    assert len(both.events) == 1
    event = both.events.iloc[0]
    assert (event["at"], event["channel"], event["notes"], event["source"]) == (
        pd.Timestamp("2025-03-03 10:00"),
        "linkedin",
        "first try",
        "a.csv:2",
    )
