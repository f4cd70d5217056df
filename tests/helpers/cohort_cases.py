"""A small hand-built cohort whose figures can be worked out on paper.

Shared by tests/test_cohort.py, test_privacy.py, test_report.py and
test_widgets_cohort.py. Synthetic people only; e-mails at example.com.

As of Monday 2025-03-31, four students:

* **Ana Example**: 4 e-mail requests to alumni on Mon 03-03; Pia replies 03-04,
  Quin replies 03-05; meeting with Pia held 03-12, thank-you 03-13; follow-ups
  to Rae and Sol on 03-12 (7 business days after 03-03 is 03-12); last
  activity 03-25 (an update to Pia). No flag.
* **Ben Sample**: 2 LinkedIn requests (cold) on Sat 03-01; nothing since.
  Stuck: 2 requests, nothing sent for 30 days.
* **Cleo Test**: 3 cold e-mails on 03-03, no reply, no follow-up; 1 more on
  03-28. Three unanswered requests never followed up (the 03-28 one is
  too recent to count).
* **Dev Demo**: 3 referral e-mails on 03-10; Xia replies 03-12, meeting held
  03-20, no thank-you; follow-ups to Yan and Zed on 03-20. One meeting
  without a thank-you.

With the default flag thresholds only Ben is flagged (stuck); the tests use
lower ones to see every flag.
"""

from __future__ import annotations

import pandas as pd

from infoview_kit.model import LoadReport, OutreachLog

AS_OF = pd.Timestamp("2025-03-31")

# (owner, contact, name, organization, field, connection)
_PEOPLE = [
    ("Ana Example", "pia", "Pia Lindqvist", "Harbour Lab", "marine biology", "alumni"),
    ("Ana Example", "quin", "Quin Okafor", "Harbour Lab", "marine biology", "alumni"),
    ("Ana Example", "rae", "Rae Moreau", "Tide Consulting", "consulting", "alumni"),
    ("Ana Example", "sol", "Sol Varga", "Tide Consulting", "consulting", "alumni"),
    ("Ben Sample", "tom", "Tomasz Kowalczyk", "Gridworks", "energy", "cold"),
    ("Ben Sample", "uma", "Uma Castellanos", "Gridworks", "energy", "cold"),
    ("Cleo Test", "vic", "Victoire Abara", "Paper Mill Press", "publishing", "cold"),
    ("Cleo Test", "wes", "Wesley Thorncombe", "Paper Mill Press", "publishing", "cold"),
    ("Cleo Test", "xan", "Xanthe Moulin", "Inkwell Books", "publishing", "cold"),
    ("Cleo Test", "yve", "Yvette Brannigan", "Inkwell Books", "publishing", "cold"),
    ("Dev Demo", "xia", "Xiadani Ferreira", "Civic Data Co", "data science", "referral"),
    ("Dev Demo", "yan", "Yannick Oduya", "Civic Data Co", "data science", "referral"),
    ("Dev Demo", "zed", "Zedekiah Prowse", "Open Counts", "data science", "referral"),
]

# (owner, contact, date, kind, channel)
_EVENTS = [
    ("Ana Example", "pia", "2025-03-03", "request_sent", "email"),
    ("Ana Example", "quin", "2025-03-03", "request_sent", "email"),
    ("Ana Example", "rae", "2025-03-03", "request_sent", "email"),
    ("Ana Example", "sol", "2025-03-03", "request_sent", "email"),
    ("Ana Example", "pia", "2025-03-04", "reply_received", "email"),
    ("Ana Example", "quin", "2025-03-05", "reply_received", "email"),
    ("Ana Example", "pia", "2025-03-12", "meeting_held", "video"),
    ("Ana Example", "rae", "2025-03-12", "follow_up_sent", "email"),
    ("Ana Example", "sol", "2025-03-12", "follow_up_sent", "email"),
    ("Ana Example", "pia", "2025-03-13", "thank_you_sent", "email"),
    ("Ana Example", "pia", "2025-03-25", "update_sent", "email"),
    ("Ben Sample", "tom", "2025-03-01", "request_sent", "linkedin"),
    ("Ben Sample", "uma", "2025-03-01", "request_sent", "linkedin"),
    ("Cleo Test", "vic", "2025-03-03", "request_sent", "email"),
    ("Cleo Test", "wes", "2025-03-03", "request_sent", "email"),
    ("Cleo Test", "xan", "2025-03-03", "request_sent", "email"),
    ("Cleo Test", "yve", "2025-03-28", "request_sent", "email"),
    ("Dev Demo", "xia", "2025-03-10", "request_sent", "email"),
    ("Dev Demo", "yan", "2025-03-10", "request_sent", "email"),
    ("Dev Demo", "zed", "2025-03-10", "request_sent", "email"),
    ("Dev Demo", "xia", "2025-03-12", "reply_received", "email"),
    ("Dev Demo", "xia", "2025-03-20", "meeting_held", "in_person"),
    ("Dev Demo", "yan", "2025-03-20", "follow_up_sent", "email"),
    ("Dev Demo", "zed", "2025-03-20", "follow_up_sent", "email"),
]

#: Personal strings that must never reach a pseudonymised output.
PERSONAL_STRINGS = (
    [p[0] for p in _PEOPLE]
    + [p[2] for p in _PEOPLE]
    + [f"{p[1]}.{p[0].split()[0].lower()}@example.com" for p in _PEOPLE]
    + [
        "+44 7700 900123",
        "linkedin.com/in/pia-lindqvist",
        "met at the alumni fair",
        "asked about sea-ice",
        "ana_example.csv",
    ]
)


def hand_cohort() -> OutreachLog:
    """The four-student cohort described in the module docstring."""
    people = pd.DataFrame(
        _PEOPLE, columns=["owner", "contact_id", "name", "organization", "field", "connection"]
    )
    people["email"] = people["contact_id"] + "." + people["owner"].str.split().str[0].str.lower()
    people["email"] = people["email"] + "@example.com"
    people["role"] = "analyst"
    people["phone"] = ["+44 7700 900123", *[None] * (len(people) - 1)]
    people["linkedin_url"] = [
        "https://www.linkedin.com/in/pia-lindqvist",
        *[None] * (len(people) - 1),
    ]
    people["notes"] = ["met at the alumni fair", *[None] * (len(people) - 1)]
    events = pd.DataFrame(_EVENTS, columns=["owner", "contact_id", "at", "kind", "channel"])
    events["at"] = pd.to_datetime(events["at"])
    events["notes"] = ["asked about sea-ice", *[None] * (len(events) - 1)]
    file = events["owner"].str.lower().str.replace(" ", "_") + ".csv"
    events["source"] = file + ":" + (events.groupby("owner").cumcount() + 2).astype(str)
    files = pd.DataFrame(
        {
            "file": [
                "ana_example.csv",
                "ben_sample.csv",
                "cleo_test.csv",
                "dev_demo.csv",
                "shopping_list.txt",
            ],
            "layout": ["events", "events", "events", "events", None],
            "rows_read": [12, 2, 5, 6, 3],
            "rows_loaded": [11, 2, 4, 6, 0],
            "rows_merged": [0, 0, 1, 0, 0],
            "rows_rejected": [1, 0, 0, 0, 3],
            "status": ["warnings", "ok", "ok", "ok", "not a log"],
            "message": ["1 row rejected", "", "", "", "shopping_list.txt: no outreach columns"],
        }
    )
    problems = pd.DataFrame(
        {
            "file": ["ana_example.csv", "ana_example.csv"],
            "row": pd.array([13, 5], dtype="Int64"),
            "column": ["date", "name"],
            "value": ["Pia Lindqvist", "pia.ana@example.com"],
            "reason": [
                "ana_example.csv: unreadable date",
                "looks like an e-mail in the name column",
            ],
            "kept": [False, True],
        }
    )
    report = LoadReport(
        rows_read=28, rows_loaded=23, rows_merged=1, rows_rejected=4, problems=problems, files=files
    )
    return OutreachLog(people, events, report)
