"""Outreach logged through a form: Google Forms and Microsoft Forms responses sheets.

The respondent (the student) owns each response; the contact's columns are the
questions; the time a response was sent in is not the date of the outreach.
All people are synthetic (example.com contacts, example.edu students).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from infoview_kit.io.forms import GOOGLE_TIMESTAMPS, form_columns, respondent_owners
from infoview_kit.io.headers import HEADER_SYNONYMS, HEADERS_ABROAD, canonical_header
from infoview_kit.io.layouts import FORM_NO_RESPONDENT, FORM_SENT_IN, FORM_SENT_IN_AS_REQUEST
from infoview_kit.io.load import load_log

AS_OF = "2025-07-01"
GOOGLE = (
    "Timestamp,Email Address,Your name,Contact name,Contact's email,Organisation,"
    "Date of outreach,How did you reach out?,Did they respond?,Meeting date\n"
    "4/1/2025 10:00:00,ana.student@example.edu,Ana Student,Ada Example,ada@example.com,Acme,"
    "4/1/2025,Email,Yes,4/9/2025\n"
    "4/2/2025 11:00:00,ben.student@example.edu,Ben Student,Bo Sample,bo@example.com,Initech,"
    "3/30/2025,LinkedIn,No,\n"
    "4/5/2025 09:30:00,Ana.Student@example.edu,ana  student,Cy Person,cy@example.com,Globex,"
    "4/4/2025,Phone,No,\n"
)
MICROSOFT_HEADERS = [
    "ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
    "Who did you contact?", "Their email", "Their organisation/company",
    "When did you reach out?", "Did they reply?",
]  # fmt: skip
MICROSOFT_ROWS = [
    [1, "4/1/25 10:00:00", "4/1/25 10:03:00", "ana.student@example.edu", "Ana Student", None,
     "Ada Example", "ada@example.com", "Acme", "4/1/2025", "Yes"],
    [2, "4/2/25 11:00:00", "4/2/25 11:02:00", "ben.student@example.edu", "Ben Student", None,
     "Bo Sample", "bo@example.com", "Initech", "3/30/2025", "No"],
    [3, "4/6/25 08:00:00", "4/6/25 08:04:00", "ana.student@example.edu", "Ana Student", None,
     "Cy Person", "cy@example.com", "Globex", "4/5/2025", "No"],
]  # fmt: skip
STUDENTS = {"Ana Student", "Ben Student", "ana.student@example.edu", "ben.student@example.edu"}


def _google(tmp_path: Path, text: str = GOOGLE, name: str = "responses.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _reasons(log) -> dict[str, str]:
    problems = log.report.problems
    return dict(zip(problems["column"].astype(str), problems["reason"].astype(str), strict=True))


def test_a_google_form_gives_one_owner_per_student(tmp_path):
    log = load_log(_google(tmp_path), as_of=AS_OF)
    assert log.report.balanced
    assert sorted(log.owners) == ["Ana Student", "Ben Student"]
    contacts = log.contacts.set_index("name")
    assert contacts.loc["Cy Person", "owner"] == "Ana Student"  # same e-mail, name typed anew
    # the contact's e-mail is the contact's; the student's stays out of the contacts' e-mails
    assert contacts["email"].tolist() == ["ada@example.com", "bo@example.com", "cy@example.com"]
    assert contacts.loc["Ada Example", "organization"] == "Acme"
    requests = log.events[log.events["kind"] == "request_sent"].set_index("contact_id")["at"]
    assert sorted(requests.dt.strftime("%Y-%m-%d")) == ["2025-03-30", "2025-04-01", "2025-04-04"]
    channels = set(log.events["channel"].dropna().astype(str))
    assert channels == {"email", "linkedin", "phone"}


def test_the_submission_time_and_the_respondent_are_kept_and_said_plainly(tmp_path):
    log = load_log(_google(tmp_path), as_of=AS_OF)
    reasons = _reasons(log)
    assert reasons["Timestamp"].startswith(FORM_SENT_IN)
    assert "student who sent the response" in reasons["Email Address"]
    assert not any("not used" in r or "not recognised" in r for r in reasons.values())
    assert log.contacts["Timestamp"].iloc[0].startswith("4/1/2025")


def test_a_form_without_a_date_question_uses_the_day_it_was_sent_in(tmp_path):
    text = "Timestamp,Email Address,Contact name,Organisation\n" \
        "4/1/2025 10:00:00,ana.student@example.edu,Ada Example,Acme\n"  # fmt: skip
    log = load_log(_google(tmp_path, text), as_of=AS_OF)
    assert _reasons(log)["Timestamp"] == FORM_SENT_IN_AS_REQUEST
    assert log.owners == ["ana.student@example.edu"]  # no name given: the e-mail
    assert log.events["kind"].astype(str).tolist() == ["request_sent"]
    assert log.events["at"].dt.strftime("%Y-%m-%d").tolist() == ["2025-04-01"]


@pytest.mark.parametrize(
    ("stamp", "address"),
    [
        ("Timestamp", "Email Address"),
        ("Marca temporal", "Dirección de correo electrónico"),
        ("Horodateur", "Adresse e-mail"),
        ("Zeitstempel", "E-Mail-Adresse"),
        ("Informazioni cronologiche", "Indirizzo email"),
        ("Carimbo de data/hora", "Endereço de e-mail"),
        ("Tijdstempel", "E-mailadres"),
    ],
)
def test_google_forms_in_other_languages(tmp_path, stamp, address):
    text = (
        f"{stamp},{address},Contact name,Contact's email,Date of outreach\n"
        "01/04/2025 10:00:00,ana.student@example.edu,Ada Example,ada@example.com,01/04/2025\n"
    )
    log = load_log(_google(tmp_path, text), as_of=AS_OF, dayfirst=True)
    assert log.owners == ["ana.student@example.edu"]
    assert log.contacts["email"].tolist() == ["ada@example.com"]
    assert _reasons(log)[stamp].startswith(FORM_SENT_IN)


def test_the_submission_time_settles_the_day_month_order(tmp_path):
    # The answers alone (01/04, 03/04) could be either order; a response sent in on the
    # 20th shows the form writes the day first, and its answers are read so.
    text = (
        "Horodateur,Adresse e-mail,Contact name,Date of outreach\n"
        "01/04/2025 10:00:00,ana.student@example.edu,Ada Example,01/04/2025\n"
        "20/04/2025 10:00:00,ben.student@example.edu,Bo Sample,03/04/2025\n"
    )
    log = load_log(_google(tmp_path, text), as_of=AS_OF)
    assert sorted(log.events["at"].dt.strftime("%Y-%m-%d")) == ["2025-04-01", "2025-04-03"]
    assert not log.report.problems["reason"].str.contains("ambiguous").any()
    # ... and when it cannot tell either, the report names it with the other date columns
    text = (
        "Timestamp,Email Address,Contact name,Date of outreach\n"
        "4/1/2025 10:00:00,ana.student@example.edu,Ada Example,4/1/2025\n"
        "4/10/2025 10:00:00,ben.student@example.edu,Bo Sample,4/3/2025\n"
    )
    log = load_log(_google(tmp_path, text), as_of=AS_OF)
    ambiguous = log.report.problems[log.report.problems["reason"].str.contains("ambiguous")]
    assert ambiguous["column"].tolist() == ["Date of outreach, Timestamp"]


def test_every_timestamp_spelling_is_one_we_test():
    assert len(GOOGLE_TIMESTAMPS) == 7


def test_a_google_username_column_is_the_respondent():
    found = form_columns(["Timestamp", "Username", "Who did you contact?"])
    assert found.respondent == {"email": (1,)}


def _microsoft(tmp_path: Path, rows=MICROSOFT_ROWS, headers=MICROSOFT_HEADERS) -> Path:
    path = tmp_path / "Outreach log(1-3).xlsx"
    pd.DataFrame(rows, columns=headers).to_excel(path, index=False, sheet_name="Sheet1")
    return path


def test_a_microsoft_forms_excel_export(tmp_path):
    log = load_log(_microsoft(tmp_path), as_of=AS_OF)
    assert log.report.balanced
    assert sorted(log.owners) == ["Ana Student", "Ben Student"]
    contacts = log.contacts.set_index("name")
    assert contacts["email"].tolist() == ["ada@example.com", "bo@example.com", "cy@example.com"]
    assert contacts.loc["Bo Sample", "organization"] == "Initech"
    # Microsoft's response number is no contact id: every response is its own contact
    assert log.contacts["contact_id"].nunique() == 3
    reasons = _reasons(log)
    assert "Microsoft Forms" in reasons["ID"] and "Microsoft Forms" in reasons["Start time"]
    assert reasons["Completion time"].startswith(FORM_SENT_IN)
    assert "student who sent the response" in reasons["Email"]
    kinds = log.events.groupby("kind", observed=True).size().to_dict()
    assert kinds == {"request_sent": 3, "reply_received": 1}


def test_an_anonymous_microsoft_form_takes_the_student_from_a_question(tmp_path):
    headers = [*MICROSOFT_HEADERS[:6], "Student name", *MICROSOFT_HEADERS[6:]]
    rows = [[*r[:3], "anonymous", None, None, student, *r[6:]]
            for r, student in zip(MICROSOFT_ROWS, ["Ana Student", "Ben Student", "ANA STUDENT"],
                                  strict=True)]  # fmt: skip
    log = load_log(_microsoft(tmp_path, rows, headers), as_of=AS_OF)
    assert sorted(log.owners) == ["Ana Student", "Ben Student"]
    assert log.report.balanced


def test_a_google_form_downloaded_as_xlsx(tmp_path):
    frame = pd.read_csv(_google(tmp_path), dtype=str)
    frame["Timestamp"] = pd.to_datetime(frame["Timestamp"], format="%m/%d/%Y %H:%M:%S")
    path = tmp_path / "Outreach (Responses).xlsx"
    frame.to_excel(path, index=False, sheet_name="Form Responses 1")
    log = load_log(path, as_of=AS_OF)
    assert sorted(log.owners) == ["Ana Student", "Ben Student"]
    assert len(log.contacts) == 3 and log.report.balanced


def test_two_students_with_one_name_stay_two():
    owners = respondent_owners(
        email=pd.Series(["ana@example.edu", "ana.other@example.edu", "ANA@example.edu"]),
        name=pd.Series(["Ana Student", "Ana Student", None]),
    )
    assert owners.tolist() == [
        "Ana Student", "Ana Student (ana.other@example.edu)", "Ana Student",
    ]  # fmt: skip


def test_without_an_address_the_id_then_the_name_tells_students_apart():
    owners = respondent_owners(
        name=pd.Series(["Ana Student", "ana  STUDENT", "Ana Student", None, None]),
        student_id=pd.Series(["1001", "1001", "1002", "1003", None]),
    )
    assert owners.tolist() == ["Ana Student", "Ana Student", "Ana Student (1002)", "1003", None]
    by_name = respondent_owners(name=pd.Series(["Ana Student", " ana student ", "Ben"]))
    assert by_name.tolist() == ["Ana Student", "Ana Student", "Ben"]


def test_a_response_without_its_student_is_kept_and_said(tmp_path):
    text = (
        "Timestamp,Email Address,Your name,Contact name,Date of outreach\n"
        "4/1/2025 10:00:00,,,Ada Example,4/1/2025\n"
        "4/1/2025 11:00:00,ben.student@example.edu,Ben Student,Bo Sample,4/1/2025\n"
    )
    log = load_log(_google(tmp_path, text), as_of=AS_OF)
    assert log.report.balanced and log.report.rows_loaded == 2
    assert sorted(log.owners) == ["Ben Student", "responses"]
    lines = log.report.problems[log.report.problems["reason"] == FORM_NO_RESPONDENT]
    assert lines["row"].tolist() == [2] and lines["column"].tolist() == ["Your name"]


def test_an_anonymous_form_is_one_student_and_the_report_says_so_once(tmp_path):
    rows = [[*r[:3], "anonymous", None, *r[5:]] for r in MICROSOFT_ROWS]
    log = load_log(_microsoft(tmp_path, rows), as_of=AS_OF)
    assert log.owners == ["Outreach log(1-3)"] and len(log.contacts) == 3
    lines = log.report.problems[log.report.problems["reason"] == FORM_NO_RESPONDENT]
    assert lines["row"].tolist() == [1]


# ---------------------------------------------------------------- question headers


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Contact name", "name"),
        ("Contact's email", "email"),
        ("Their email", "email"),
        ("What is their email address?", "email"),
        ("Who did you contact?", "name"),
        ("Who did you reach out to?", "name"),
        ("Name of the person you contacted", "name"),
        ("Email of your contact", "email"),
        ("Their organisation/company", "organization"),
        ("The contact's company", "organization"),
        ("Their role/job title", "role"),
        ("The person's job title", "role"),
        ("How did you reach out?", "channel"),
        ("When did you reach out?", "contacted_on"),
        ("On what date did you contact them?", "contacted_on"),
        ("Date of outreach", "contacted_on"),
        ("Did they respond?", "replied"),
        ("Did they reply?", "replied"),
        ("When did they reply?", "replied_on"),
        ("Did you meet?", "meeting_on"),
        ("Date of the meeting", "meeting_on"),
        ("Did you follow up?", "followed_up_on"),
        ("Did you send a thank-you?", "thank_you_on"),
        ("Have you thanked them?", "thank_you_on"),
        ("Did they decline?", "declined"),
        ("Who referred you?", "referred_by"),
        ("What did you learn?", "notes"),
        ("When did you first contact them?", "contacted_on"),
        ("Did they get back to you?", "replied"),
        ("Contact's email / phone", "email"),
    ],
)
def test_question_headers_name_the_contacts_fields(header, field):
    assert canonical_header(header) == field


@pytest.mark.parametrize(
    "header",
    ["Your name", "Your email", "Your e-mail address", "Your student ID", "Student name",
     "Student ID", "Name of student", "Student's email", "My name"],
)  # fmt: skip
def test_questions_about_the_respondent_name_the_owner(header):
    assert canonical_header(header) == "owner"


@pytest.mark.parametrize(
    "header",
    ["Your organisation", "Your role", "Their favourite colour", "How did you meet?",
     "Any other comments?", "Start time", "Completion time", "Who is Ada?"],
)  # fmt: skip
def test_questions_we_cannot_read_are_left_unread(header):
    assert canonical_header(header) is None


@pytest.mark.parametrize(
    "header",
    ["Who did you contact? (Zara Quennell)", "Name of the person Zara Quennell suggested",
     "Did you reply to Zara?", "Their email Zara"],
)  # fmt: skip
def test_a_question_that_also_names_someone_is_not_read(header):
    # A pseudonymised report shows only headings it knows: one holding a name stays masked.
    assert canonical_header(header) is None


def test_every_spelling_in_the_table_maps_as_before():
    # Written from the table before questions were read: no spelling changed meaning.
    before = json.loads((Path(__file__).parent / "data" / "header_spellings.json").read_text())
    spellings = {
        s for table in (HEADER_SYNONYMS, HEADERS_ABROAD) for f, ss in table.items()
        for s in (f.replace("_", " "), *ss)
    }  # fmt: skip
    assert spellings >= set(before)
    changed = {s: (field, canonical_header(s)) for s, field in before.items()
               if canonical_header(s) != field}  # fmt: skip
    assert changed == {}


def test_an_events_table_that_starts_with_its_time_is_no_form(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(
        "Timestamp,Name,Event,Channel\n"
        "2025-04-01 10:00,Ada Example,request sent,email\n"
        "2025-04-03 09:00,Ada Example,reply received,email\n",
        encoding="utf-8",
    )
    log = load_log(path, as_of=AS_OF)
    assert log.report.files["layout"].tolist() == ["events"]
    assert log.events["kind"].astype(str).tolist() == ["request_sent", "reply_received"]
    assert log.report.problems.empty


def test_a_plain_email_after_the_timestamp_stays_the_contacts(tmp_path):
    # Google writes "Email Address" there; a hand-made sheet's "Email" is the contact's.
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Timestamp,Email,Name,Date contacted\n"
        "2025-04-01 10:00,ada@example.com,Ada Example,2025-04-01\n",
        encoding="utf-8",
    )
    log = load_log(path, as_of=AS_OF)
    assert log.owners == ["tracker"]
    assert log.contacts["email"].tolist() == ["ada@example.com"]


def test_an_ordinary_tracker_is_read_as_before(tmp_path):
    # "Email Address" is the contact's in a tracker; a Timestamp column not first is no form.
    path = tmp_path / "tracker.csv"
    path.write_text(
        "Name,Email Address,Timestamp,Company\nAda Example,ada@example.com,2025-04-01,Acme\n",
        encoding="utf-8",
    )
    log = load_log(path, as_of=AS_OF)
    assert log.owners == ["tracker"]
    assert log.contacts["email"].tolist() == ["ada@example.com"]
    assert log.events["at"].dt.strftime("%Y-%m-%d").tolist() == ["2025-04-01"]
