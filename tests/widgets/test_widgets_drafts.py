"""The copy box is the draft (saved, downloaded, checked, kept as typed); one event logged once."""

from __future__ import annotations

import base64
import datetime as dt
import email
import email.policy
import re
from html import unescape

import pandas as pd
import pytest

from infoview_kit.io.store import Workbook, logged_that_day
from infoview_kit.messages import check_draft
from infoview_kit.widgets.forms import (
    ContactsView,
    FollowUpView,
    IntroductionView,
    MeetingView,
    RequestView,
    StayInTouchView,
    ThankYouView,
    VoicemailView,
)
from infoview_kit.workshop import prep

P_S = "P.S. I loved your talk on rural clinics."


def visible(html):
    return unescape(re.sub(r"<[^>]+>", "", html))


def eml_from(html):
    encoded = re.search(r"base64,([A-Za-z0-9+/=]+)", html).group(1)
    return email.message_from_bytes(base64.b64decode(encoded), policy=email.policy.default)


def request_view(wb):
    view = RequestView(wb)
    for name, value in {
        "your_name": "Ada Example",
        "your_email": "ada@example.com",
        "connection": "We both studied at Lakeside",
        "situation": "a nursing student",
        "interest": "community care",
        "hope_to_learn": "how you started",
    }.items():
        view.fields[name].value = value
    return view


def type_into_box(view, text):
    """What a person does in the browser: the box's value changes (not through the view)."""
    view.copy_box.value = text


# ------------------------------------------------------------------ 10.1 edited text is the draft


def test_edited_request_is_what_is_previewed_saved_and_downloaded(wb, dana):
    view = request_view(wb)
    generated = view.copy_box.value
    assert generated.startswith("Subject: ") and not view.edited
    edited = generated.replace("Hi Dana,", "Dear Dana,", 1) + "\n\n" + P_S
    edited = re.sub(
        r"^Subject: .*$", "Subject: A question from a Lakeside nurse", edited, count=1, flags=re.M
    )
    type_into_box(view, edited)

    assert view.edited
    assert view.draft.subject == "A question from a Lakeside nurse"
    assert view.draft.text.startswith("Dear Dana,") and view.draft.text.endswith(P_S)
    shown = visible(view.preview.value)
    assert "Dear Dana," in shown and P_S in shown and "A question from a Lakeside nurse" in shown
    assert view.reset_button.layout.display is None  # the reset button is offered
    assert "edited version is kept" in view.edit_note.value

    download = eml_from(view.download.value)
    assert download["Subject"] == "A question from a Lakeside nurse"
    assert download.get_content().startswith("Dear Dana,")
    assert P_S in download.get_content()

    path = view.save()
    assert "your edited text" in view.status.value
    saved = prep.parse_draft_document(path.read_text(encoding="utf-8"))
    assert saved["edited"] is True
    assert saved["text"] == view.draft.text  # the file and the preview agree
    assert saved["subject"] == "A question from a Lakeside nurse"
    assert saved["fields"]["your_name"] == "Ada Example"  # the form is kept too
    eml = email.message_from_bytes(
        wb.prep_path(dana, "request_email.eml").read_bytes(), policy=email.policy.default
    )
    assert eml["Subject"] == "A question from a Lakeside nurse"
    assert eml.get_content().rstrip("\n") == view.draft.text


def test_checks_run_on_the_edited_text(wb, dana):
    view = request_view(wb)
    assert "✗" not in visible(view.preview.value)
    type_into_box(view, view.copy_box.value + "\n\nAre you hiring at the moment?")
    assert "✗" in visible(view.preview.value)
    assert not view.draft.passed
    expected = check_draft(view.draft.text, kind="request", channel="email")  # the same checker
    assert [c.line() for c in view.draft.checks][: len(expected)] == [c.line() for c in expected]


def test_an_edited_thank_you_still_knows_it_is_late(wb, dana):
    view = ThankYouView(wb)
    view.fields["your_name"].value = "Ada Example"
    view.fields["learned"].value = "budgets drive most decisions"
    view.fields["action_taken"].value = "read the budget guide"
    view.fields["meeting_on"].value = dt.date(2025, 6, 5)
    view.fields["sent_on"].value = dt.date(2025, 6, 12)
    type_into_box(view, view.copy_box.value + "\n\n" + P_S)
    assert view.edited
    assert "within a day: 7 days after the meeting" in visible(view.preview.value)


def test_a_form_change_keeps_the_edit_until_reset(wb, dana):
    view = request_view(wb)
    edited = view.copy_box.value + "\n\n" + P_S
    type_into_box(view, edited)
    view.fields["interest"].value = "rural health programmes"
    view.fields["tone"].value = "formal"
    assert view.copy_box.value == edited  # the person's text is untouched
    assert view.edited and view.draft.text.endswith(P_S)
    assert "rural health programmes" in view.generated.text  # the form did change the build
    view.reset_text()
    assert not view.edited
    assert view.copy_box.value == view.generated.plain_text()
    assert "rural health programmes" in view.copy_box.value and P_S not in view.copy_box.value
    assert view.reset_button.layout.display == "none"
    # typing the generated text back by hand is not an edit
    type_into_box(view, view.generated.plain_text())
    assert not view.edited


def test_a_saved_edit_comes_back_when_the_notebook_is_reopened(wb, dana):
    view = request_view(wb)
    edited = view.copy_box.value.replace("Hi Dana,", "Dear Dana,", 1) + "\n\n" + P_S
    type_into_box(view, edited)
    view.save()

    again = RequestView(Workbook.open(wb.path))  # a new kernel on the same folder
    assert again.edited
    assert again.copy_box.value == edited.rstrip()
    assert again.draft.text == view.draft.text
    assert again.fields["your_name"].value == "Ada Example"
    again.fields["interest"].value = "something else entirely"  # still kept after a form change
    assert again.copy_box.value == edited.rstrip()


def test_an_unedited_draft_reopens_generated(wb, dana):
    view = request_view(wb)
    path = view.save()
    assert "edited" not in prep.parse_draft_document(path.read_text(encoding="utf-8"))
    again = RequestView(wb)
    assert not again.edited and again.copy_box.value == again.generated.plain_text()


def test_switching_contacts_keeps_an_unsaved_edit_for_the_session(wb, dana):
    bo = wb.add_contact(name="Bo Sample", organization="Northwind", email="bo@example.com")
    view = request_view(wb)
    view.picker.value = dana
    edited = view.copy_box.value + "\n\n" + P_S
    type_into_box(view, edited)
    view.picker.value = bo
    assert not view.edited and "Bo" in view.copy_box.value and P_S not in view.copy_box.value
    view.picker.value = dana
    assert view.edited and view.copy_box.value == edited


@pytest.mark.parametrize(
    ("view_class", "fields", "stem"),
    [
        (
            IntroductionView,
            {
                "full_name": "Ada Example",
                "connection": "Lee Park suggested I get in touch",
                "background": "I study nursing",
                "interests": "community care",
            },
            "introduction",
        ),
        (
            VoicemailView,
            {
                "your_name": "Ada Example",
                "phone": "555 0142",
                "email": "ada@example.com",
                "connection": "We both studied at Lakeside",
                "purpose": "I'd value 15 minutes of your advice",
            },
            "voicemail",
        ),
        (
            ThankYouView,
            {
                "your_name": "Ada Example",
                "learned": "budgets drive most decisions",
                "action_taken": "read the budget guide",
            },
            "thank_you",
        ),
        (
            FollowUpView,
            {"your_name": "Ada Example", "situation": "a student", "interest": "care"},
            "follow_up",
        ),
        (
            StayInTouchView,
            {"your_name": "Ada Example", "progress": "I started an internship"},
            "stay_in_touch",
        ),
    ],
)
def test_every_copy_box_keeps_and_saves_the_edit(wb, dana, view_class, fields, stem):
    view = view_class(wb)
    for name, value in fields.items():
        view.fields[name].value = value
    edited = view.copy_box.value + "\n\n" + P_S
    type_into_box(view, edited)
    first_field = next(iter(fields))
    view.fields[first_field].value = "Ada B. Example"  # a form change
    assert view.copy_box.value == edited
    path = view.save()
    assert path.name == f"{stem}.md"
    saved = prep.parse_draft_document(path.read_text(encoding="utf-8"))
    assert saved["edited"] is True and saved["text"].endswith(P_S)
    assert P_S in visible(view.preview.value)
    if view.draft.subject is not None:
        eml = wb.prep_path(dana, f"{stem}.eml").read_text(encoding="utf-8")
        assert "P.S. I loved your talk" in eml
    reopened = view_class(wb)
    reopened.picker.value = dana
    assert reopened.edited and reopened.copy_box.value.endswith(P_S)


def test_edited_draft_is_a_pure_function():
    from infoview_kit.messages import builders as compose

    d = compose.thank_you(
        contact_name="Dana Okafor",
        your_name="Ada Example",
        learned="how grants are scored",
        action_taken="read the scoring guide",
        meeting_on="2025-06-05",
        sent_on="2025-06-05",
    )
    mine = prep.edited_draft(d, "Subject: Thanks!\r\n\r\nHi Dana,\r\nThank you.\r\n\r\n")
    assert (mine.subject, mine.text) == ("Thanks!", "Hi Dana,\nThank you.")
    assert d.subject != "Thanks!"  # the generated draft is not changed
    no_subject = prep.edited_draft(d, "Hi Dana, thank you.")
    assert no_subject.subject == "" and no_subject.text == "Hi Dana, thank you."  # still e-mail


# ------------------------------------------------------------------ 10.7 one event once


def test_workbook_logs_an_event_once_a_day_unless_asked(wb, dana):
    assert wb.log_event(dana, "request_sent", at="2025-06-02 09:00") is True
    assert wb.log_event(dana, "request_sent", at="2025-06-02 17:30") is False
    assert len(wb.events) == 1
    assert wb.log_event(dana, "request_sent", at="2025-06-03 09:00") is True  # another day
    assert wb.log_event(dana, "follow_up_sent", at="2025-06-02 10:00") is True  # another kind
    assert wb.log_event(dana, "request_sent", at="2025-06-02 18:00", allow_repeat=True) is True
    assert wb.log_event(dana, "note", at="2025-06-02 09:00", notes="a") is True
    assert wb.log_event(dana, "note", at="2025-06-02 09:05", notes="b") is True  # notes repeat
    assert len(Workbook.open(wb.path).events) == 6


def test_logged_that_day_by_hand():
    events = pd.DataFrame(
        {
            "contact_id": ["a", "a", "b"],
            "kind": pd.Categorical(["request_sent", "meeting_held", "meeting_held"]),
            "at": pd.to_datetime(["2025-06-02 23:59", "2025-06-05 10:00", "2025-06-06 10:00"]),
        }
    )
    assert logged_that_day(events, "a", "request_sent", pd.Timestamp("2025-06-02 00:00"))
    assert not logged_that_day(events, "a", "request_sent", pd.Timestamp("2025-06-03 00:00"))
    assert not logged_that_day(events, "a", "meeting_held", pd.Timestamp("2025-06-06 09:00"))
    assert not logged_that_day(events, "a", "referral_received", pd.Timestamp("2025-06-05"))
    assert not logged_that_day(events.iloc[:0], "a", "meeting_held", pd.Timestamp("2025-06-05"))


def test_pressing_log_twice_says_already_logged_and_can_log_again(wb, dana):
    view = request_view(wb)
    view.log_date.value = dt.date(2025, 6, 2)
    assert view.log_sent() is True
    assert view.log_again_button.layout.display == "none"
    assert view.log_sent() is False
    assert "already logged" in view.status.value and "nothing added" in view.status.value
    assert len(wb.events) == 1
    assert view.log_again_button.layout.display is None
    assert view.log_sent(again=True) is True
    assert len(wb.events) == 2 and view.log_again_button.layout.display == "none"


def test_logging_a_meeting_twice_is_refused_then_allowed_on_request(wb, dana):
    view = MeetingView(wb)
    view.held_on.value = dt.date(2025, 6, 5)
    view.names.value = "Sam Lee, Harbor Health"
    assert not view.log_meeting().already_logged
    view.notes.value = "changed"  # re-enables the button, as any change does
    record = view.log_meeting()
    assert record.already_logged and record.new_ids == []
    assert "already logged" in view.status.value
    kinds = wb.events["kind"].astype(str).tolist()
    assert kinds == ["meeting_held", "referral_received"]  # nothing added the second time
    assert view.log_again_button.layout.display is None
    assert not view.log_meeting(again=True).already_logged
    assert wb.events["kind"].astype(str).tolist().count("meeting_held") == 2


def test_capture_meeting_api_reports_already_logged(wb, dana):
    first = prep.capture_meeting(wb, dana, held_on="2025-06-05", names_given=["Sam Lee"])
    second = prep.capture_meeting(wb, dana, held_on="2025-06-05", names_given=["Riya Patel"])
    assert (first.already_logged, second.already_logged) == (False, True)
    assert wb.find_contact("Riya Patel") is None and len(wb.events) == 2


# ------------------------------------------------------------------ a referrer typed by name


def test_a_referrer_typed_by_name_becomes_a_contact(wb, dana):
    view = ContactsView(wb)
    assert "Dana Okafor — Harbor Health" in view.referred_by.options
    view.name.value = "Sam Lee"
    view.connection.value = "referral"
    view.referred_by.value = "Lee Park"  # not in the workbook yet
    sam = view.add()
    lee = wb.find_contact("Lee Park")
    assert lee is not None and wb.contact(sam)["referred_by"] == lee
    assert "who referred them is a new contact too" in view.status.value
    assert "Lee Park" in view.referred_by.options and view.referred_by.value == ""

    view.name.value = "Riya Patel"
    view.referred_by.value = "Dana Okafor — Harbor Health"  # picked from the list
    riya = view.add()
    assert wb.contact(riya)["referred_by"] == dana

    view.name.value = "Kim Ode"
    view.referred_by.value = "  lee park "  # typed again: the same person, not a new one
    kim = view.add()
    assert wb.contact(kim)["referred_by"] == lee
    assert len(wb.contacts) == 5


def test_a_typed_referrer_fills_the_request_connection(wb):
    view = ContactsView(wb)
    view.name.value = "Sam Lee"
    view.connection.value = "referral"
    view.referred_by.value = "Lee Park"
    sam = view.add()
    request = RequestView(wb)
    request.picker.value = sam
    assert "Lee Park suggested" in request.copy_box.value
    assert "[who referred you]" not in request.copy_box.value


def test_an_email_without_its_subject_line_is_still_an_email(wb, dana):
    view = request_view(wb)
    body = prep.split_subject_line(view.copy_box.value)[1]
    type_into_box(view, body + "\n\n" + P_S)
    assert view.draft.subject == "" and not view.draft.plain_text().startswith("Subject:")
    message = eml_from(view.download.value)
    assert message["Subject"] is None and P_S in message.get_content()
    view.save()
    assert wb.prep_path(dana, "request_email.eml").exists()
    again = RequestView(wb)
    assert again.edited and again.copy_box.value == (body + "\n\n" + P_S).rstrip()
