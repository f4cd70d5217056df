"""The due list on a hand-built log.

June 2025: Mon 2, Wed 11, Thu 12, Fri 13, Mon 16, Mon 23, Mon 30.
"""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from infoview_kit.analytics.reminders import DUE_COLUMNS, due_list
from infoview_kit.errors import InfoviewError
from infoview_kit.model import OutreachLog


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


ROWS = [
    # no reply, no follow-up: follow up on day 7 (Wed 11)
    ("wait", "2025-06-02", "request_sent", "email"),
    # one follow-up (Wed 4), still silent: try someone else 7 business days later (Fri 13)
    ("once", "2025-05-28", "request_sent", "email"),
    ("once", "2025-06-04", "follow_up_sent", "email"),
    # two follow-ups already: never a third nudge
    ("twice", "2025-05-20", "request_sent", "email"),
    ("twice", "2025-05-27", "follow_up_sent", "email"),
    ("twice", "2025-06-03", "follow_up_sent", "email"),
    # declined: nothing to chase
    ("no", "2025-06-02", "request_sent", "email"),
    ("no", "2025-06-03", "declined", "email"),
    # met Thu 12 without a thank-you: due Fri 13
    ("met", "2025-06-02", "request_sent", "email"),
    ("met", "2025-06-03", "reply_received", "email"),
    ("met", "2025-06-12", "meeting_held", "video"),
    # met and thanked long ago, silent since the thank-you of 3 March: update due 2 June (+91 days)
    ("old", "2025-02-20", "request_sent", "email"),
    ("old", "2025-03-02", "meeting_held", "video"),
    ("old", "2025-03-03", "thank_you_sent", "email"),
    # a meeting arranged on Mon 2 with no outcome: log it 14 days later (Mon 16)
    ("sched", "2025-05-29", "request_sent", "email"),
    ("sched", "2025-06-02", "meeting_scheduled", "email"),
    # arranged and then held: nothing (the thank-you went out the same day)
    ("done", "2025-05-29", "request_sent", "email"),
    ("done", "2025-06-02", "meeting_scheduled", "email"),
    ("done", "2025-06-06", "meeting_held", "video"),
    ("done", "2025-06-06", "thank_you_sent", "email"),
    # a follow-up that fell due more than 30 days ago (request 1 April): dropped
    ("stale", "2025-04-01", "request_sent", "email"),
    # after "today": ignored
    ("future", "2025-06-20", "request_sent", "email"),
]
TODAY = "2025-06-13"


def make_log() -> OutreachLog:
    events = pd.DataFrame(ROWS, columns=["contact_id", "at", "kind", "channel"])
    events.insert(0, "owner", "me")
    events["at"] = pd.to_datetime(events["at"])
    names = {c: f"{c.title()} Example" for c in events["contact_id"].unique()}
    contacts = pd.DataFrame(
        {"owner": "me", "contact_id": list(names), "name": list(names.values())}
    )
    return OutreachLog(contacts=contacts, events=events)


def test_due_list_by_hand():
    table = due_list(make_log(), today=TODAY)
    assert tuple(table.columns) == DUE_COLUMNS
    got = [(r.contact_id, r.action, f"{r.due_on:%Y-%m-%d}") for r in table.itertuples()]
    assert got == [
        ("old", "send update", "2025-06-02"),  # 3 March + 91 days
        ("wait", "follow up", "2025-06-11"),  # Mon 2 + 7 business days
        ("once", "try someone else", "2025-06-13"),  # Wed 4 + 7 business days
        ("met", "send thank-you", "2025-06-13"),  # the day after Thu 12
        ("sched", "log meeting outcome", "2025-06-16"),  # Mon 2 + 14 days, inside the horizon
    ]
    reasons = dict(zip(table["contact_id"], table["reason"], strict=True))
    assert reasons["wait"] == (
        "No reply yet to your request of Mon 02 Jun 2025: "
        "one short, friendly follow-up is fine now."
    )
    assert "leave it there" in reasons["once"]
    assert table.loc[table["contact_id"] == "met", "name"].item() == "Met Example"
    assert table["due_on"].is_monotonic_increasing


def test_horizon_and_today():
    # with no look-ahead, Monday's meeting-outcome reminder is not listed yet
    table = due_list(make_log(), today=TODAY, horizon_days=0)
    assert "sched" not in set(table["contact_id"])
    # a week earlier (Fri 6): the meeting of Thu 12 has not happened, so no thank-you;
    # "wait" falls due on Wed 11, inside the 14-day horizon
    early = due_list(make_log(), today="2025-06-06")
    assert "met" not in set(early["contact_id"])
    assert early.loc[early["contact_id"] == "wait", "due_on"].item() == pd.Timestamp("2025-06-11")
    with pytest.raises(InfoviewError, match="needs today's date"):
        due_list(make_log(), today=None)


def test_nothing_due_on_an_empty_log():
    table = due_list(OutreachLog(), today=TODAY)
    assert table.empty and tuple(table.columns) == DUE_COLUMNS


def test_a_name_you_were_given_is_listed_as_write_to_until_you_write():
    from infoview_kit.schema import empty_contacts, empty_events

    contacts = pd.concat(
        [
            empty_contacts(),
            pd.DataFrame(
                {
                    "owner": ["me"] * 3,
                    "contact_id": ["zoe", "sam", "old"],
                    "name": ["Zoë Example", "Sam Sample", "Old Name"],
                    "connection": ["alumni", "referral", "referral"],
                    "referred_by": [None, "zoe", "zoe"],
                    "added_on": pd.to_datetime(["2025-05-01", "2025-06-05", "2025-03-01"]),
                }
            ),
        ],
        ignore_index=True,
    )
    events = pd.concat(
        [
            empty_events(),
            pd.DataFrame(
                {
                    "owner": ["me"] * 3,
                    "contact_id": ["zoe"] * 3,
                    "at": pd.to_datetime(["2025-06-02", "2025-06-05", "2025-06-06"]),
                    "kind": ["request_sent", "meeting_held", "thank_you_sent"],
                }
            ),
        ],
        ignore_index=True,
    )
    log = OutreachLog(contacts=contacts, events=events)
    before = due_list(log, today="2025-06-04")
    assert "sam" not in before["contact_id"].tolist()  # not given yet
    due = due_list(log, today="2025-06-06")
    row = due[due["contact_id"] == "sam"].iloc[0]
    assert row["action"] == "write to" and str(row["due_on"].date()) == "2025-06-07"
    assert row["reason"].startswith("A name you were given on Thu 05 Jun 2025")
    assert "say that Zoë Example suggested it" in row["reason"]
    assert "old" not in due["contact_id"].tolist()  # given three months ago: gone cold
    written = OutreachLog(
        contacts=contacts,
        events=pd.concat(
            [
                events,
                pd.DataFrame(
                    {
                        "owner": ["me"],
                        "contact_id": ["sam"],
                        "at": pd.to_datetime(["2025-06-06"]),
                        "kind": ["request_sent"],
                    }
                ),
            ],
            ignore_index=True,
        ),
    )
    assert "write to" not in due_list(written, today="2025-06-06")["action"].tolist()
