"""The preparation views in plain pytest: set ``.value``, read the preview, call button methods."""

from __future__ import annotations

import base64
import datetime as dt
import email
import email.policy
import re
from html import unescape

import pytest

from infoview_kit.io.store import Workbook
from infoview_kit.widgets._common import (
    ContactPicker,
    contact_options,
    download_link,
    refresh_pickers,
)
from infoview_kit.widgets.forms import (
    ContactsView,
    DueListView,
    FollowUpView,
    IntroductionView,
    MeetingView,
    QuestionsView,
    RequestView,
    ResearchView,
    StayInTouchView,
    ThankYouView,
    VoicemailView,
)
from infoview_kit.workshop import prep

ALL_VIEWS = [
    ContactsView,
    ResearchView,
    IntroductionView,
    RequestView,
    VoicemailView,
    QuestionsView,
    MeetingView,
    ThankYouView,
    FollowUpView,
    StayInTouchView,
    DueListView,
]
SCRIPT = "<script>alert(1)</script>"


def fill(view, **values):
    for name, value in values.items():
        view.fields[name].value = value


def visible(html):
    """The text a reader sees (tags dropped, entities decoded): symbols and words of each check."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def eml_from(html):
    encoded = re.search(r"base64,([A-Za-z0-9+/=]+)", html).group(1)
    return email.message_from_bytes(base64.b64decode(encoded), policy=email.policy.default)


# --------------------------------------------------------------------------- every view


@pytest.mark.parametrize("view_class", ALL_VIEWS)
def test_every_view_builds_on_an_empty_workbook_and_says_what_to_do(wb, view_class):
    view = view_class(wb)
    assert view.children  # a real VBox: displays as a widget, never as text
    assert "application/vnd.jupyter.widget-view+json" in view._repr_mimebundle_()
    if hasattr(view, "save"):
        assert view.save() is None
        assert "choose a contact first" in view.status.value and "✗" in view.status.value


@pytest.mark.parametrize("view_class", ALL_VIEWS)
def test_every_view_builds_on_the_sample_workbook(tmp_path, view_class):
    sample = Workbook.create(tmp_path / "sample", sample=True)
    view = view_class(sample)
    if hasattr(view, "picker"):
        assert view.picker.value in set(sample.contacts["contact_id"])


# --------------------------------------------------------------------------- picker


def test_contact_picker_newest_first_and_preferred_contact(wb, dana):
    lee = wb.add_contact(name="Lee Park", added_on="2030-01-01")
    assert ContactPicker(wb).value == lee
    wb.log_event(dana, "meeting_held", at="2025-06-05 10:00")
    assert ContactPicker(wb, prefer=("meeting_held",)).value == dana
    assert contact_options(wb.contacts)[1] == ("Dana Okafor — Harbor Health", dana)


def test_adding_a_contact_refreshes_open_pickers(wb):
    research = ResearchView(wb)
    assert research.picker.value is None
    contacts = ContactsView(wb)
    contacts.name.value = "Zoë Nguyễn"
    contacts.organization.value = "Northwind Analytics"
    contacts.connection.value = "event"
    new_id = contacts.add()
    assert research.picker.value == new_id
    assert "✓" in contacts.status.value and contacts.name.value == ""
    assert wb.contact(new_id)["connection"] == "event"


def test_contacts_view_needs_a_name_and_records_the_referrer(wb, dana):
    view = ContactsView(wb)
    assert view.add() is None and "type a name" in view.status.value
    view.name.value = "Sam Lee"
    view.connection.value = "referral"
    view.referred_by.value = dana
    sam = view.add()
    assert wb.contact(sam)["referred_by"] == dana
    assert view.referred_by.value == ""  # reset for the next person
    refresh_pickers(wb)


# --------------------------------------------------------------------------- research


def test_research_view_saves_and_reloads(wb, dana):
    view = ResearchView(wb)
    view.work_on.value = "Runs the clinic outreach evaluation"
    view.links.value = "https://example.com/dana\nnot a link"
    assert "!Consider – links: 1 link(s) do not look like web addresses" in visible(
        view.preview.value
    )
    path = view.save()
    assert path.exists() and "saved to prep/" in view.status.value
    again = ResearchView(wb)
    assert again.links.value == "https://example.com/dana\nnot a link"


# --------------------------------------------------------------------------- introduction


def test_introduction_preview_and_checks_follow_typing(wb, dana):
    view = IntroductionView(wb)
    assert "✗" in view.preview.value  # nothing typed yet
    fill(
        view,
        full_name="Ada Example",
        connection="Lee Park suggested I get in touch",
        background="I'm finishing a nursing degree",
        interests="community care",
    )
    assert "Ada Example" in view.preview.value and "✗" not in view.preview.value
    assert "✓" in view.preview.value and "about 30 seconds" in view.preview.value
    assert view.copy_box.value.startswith("Hi, I'm Ada Example.")
    fill(view, background="word " * 90)
    assert "✗" in view.preview.value and "cut it to about 30" in view.preview.value


def test_introduction_escapes_markup(wb, dana):
    view = IntroductionView(wb)
    fill(view, full_name=SCRIPT, background="<img src=x onerror=alert(1)>")
    assert "<script>" not in view.preview.value and "<img" not in view.preview.value
    assert SCRIPT in view.copy_box.value  # the plain text keeps what was typed


def test_introduction_save_writes_the_prep_file(wb, dana):
    view = IntroductionView(wb)
    fill(
        view,
        full_name="Ada Example",
        connection="Lee Park suggested it",
        background="I study",
        interests="care",
    )
    path = view.save()
    assert path == wb.prep_path(dana, "introduction.md")
    assert prep.load_draft(wb, dana, "introduction")["fields"]["full_name"] == "Ada Example"
    # a new view reopens what was saved
    assert IntroductionView(wb).fields["connection"].value == "Lee Park suggested it"


# --------------------------------------------------------------------------- request


def request_view(wb):
    view = RequestView(wb)
    fill(
        view,
        your_name="Ada Example",
        your_email="ada@example.com",
        connection="We both studied at Lakeside",
        situation="a nursing student",
        interest="community care",
        hope_to_learn="how you started",
    )
    return view


def test_request_view_prefills_from_contact_and_introduction(wb, dana):
    IntroductionView(wb)  # nothing saved: the connection comes from the contact's type
    view = RequestView(wb)
    assert view.fields["contact_name"].value == "Dana Okafor"
    assert view.fields["connection"].value == "We both studied at [your school]"
    assert "fill in the blanks" in view.preview.value


def test_request_view_channel_switch_changes_checks_and_subject(wb, dana):
    view = request_view(wb)
    assert view.fields["subject"].options and view.fields["subject"].layout.display is None
    assert "Download as an e-mail draft" in view.download.value
    msg = eml_from(view.download.value)
    assert (
        msg["To"] == "Dana Okafor <dana@example.com>"
        and msg["From"] == "Ada Example <ada@example.com>"
    )
    view.fields["channel"].value = "linkedin"
    assert "of 300 characters" in view.preview.value
    assert view.download.value == "" and view.fields["subject"].layout.display == "none"
    view.fields["situation"].value = "a student " * 30
    assert "✗" in view.preview.value and "LinkedIn limit" in view.preview.value


def test_request_view_job_wording_is_flagged_live(wb, dana):
    view = request_view(wb)
    fill(view, hope_to_learn="whether you are hiring")
    assert "✗Fix – asks for advice, not a job: “you are hiring”" in visible(view.preview.value)


def test_request_view_save_and_log(wb, dana):
    view = request_view(wb)
    path = view.save()
    assert path.name == "request_email.md"
    assert wb.prep_path(dana, "request_email.eml").exists()
    view.log_date.value = dt.date(2025, 6, 2)
    assert view.log_sent()
    events = wb.events
    assert events["kind"].astype(str).tolist() == ["request_sent"]
    assert events["channel"].astype(str).tolist() == ["email"]
    assert str(events["at"].iloc[0]) == "2025-06-02 12:00:00"
    assert "logged “request sent” on 02 June 2025" in view.status.value


def test_request_view_log_needs_a_date(wb, dana):
    view = request_view(wb)
    view.log_date.value = None
    assert view.log_sent() is False and "choose the date" in view.status.value
    assert wb.events.empty


def test_voicemail_view_logs_voicemail(wb, dana):
    view = VoicemailView(wb)
    fill(
        view,
        your_name="Ada Example",
        phone="555 0142",
        email="ada@example.com",
        connection="We both studied at Lakeside",
        purpose="I'd value 15 minutes of your advice",
    )
    assert "details twice" in view.preview.value
    assert view.save().name == "voicemail.md"
    assert view.log_sent()
    assert wb.events["kind"].astype(str).tolist() == ["voicemail_left"]
    assert wb.events["channel"].astype(str).tolist() == ["voicemail"]


# --------------------------------------------------------------------------- questions


def test_questions_view_fits_the_time_and_saves_the_sheet(wb, dana):
    view = QuestionsView(wb)
    view.minutes.value = 30
    assert view.plan["ends_at"].iloc[-1] <= 30
    n30 = len(view.plan)
    view.minutes.value = 15
    assert len(view.plan) < n30
    view.own.value = "How did the merger change your team?"
    own = view.add_own()
    assert own in set(view.plan["id"]) and "How did the merger change" in view.preview.value
    assert "Download the sheet to print" in view.download.value
    path = view.save()
    assert path.exists() and wb.prep_path(dana, "interview_sheet.html").exists()
    assert prep.check_my_work(wb, "questions")[0].passed


def test_questions_view_takes_minutes_from_the_saved_request(wb, dana):
    view = request_view(wb)
    view.fields["duration_minutes"].value = 30
    view.save()
    assert QuestionsView(wb).minutes.value == 30


def test_questions_view_empty_own_question(wb, dana):
    view = QuestionsView(wb)
    assert view.add_own() is None and "write the question first" in view.status.value


# --------------------------------------------------------------------------- meeting


def test_meeting_view_checklist_and_capture(wb, dana):
    view = MeetingView(wb)
    view.checklist["dress"].value = True
    view.checklist["names"].value = True
    view.save_checklist()
    assert "2 of 8 ticked" in view.status.value
    assert prep.load_checklist(wb, dana)["names"] is True

    view.held_on.value = dt.date(2025, 6, 5)
    view.learned.value = "budgets drive most decisions"
    view.names.value = "Sam Lee, Harbor Health, analyst\nRiya Patel riya@example.com"
    assert "New contacts (2)" in view.preview.value and "Sam Lee" in view.preview.value
    record = view.log_meeting()
    assert len(record.new_ids) == 2
    assert view.log_button.disabled  # no double logging
    assert "2 new contacts added" in view.status.value
    kinds = wb.events["kind"].astype(str).tolist()
    assert kinds == ["meeting_held", "referral_received", "referral_received"]
    assert MeetingView(wb).checklist["dress"].value is True  # reopened
    view.notes.value = "one more thing"
    assert not view.log_button.disabled


def test_meeting_view_escapes_names(wb, dana):
    view = MeetingView(wb)
    view.names.value = SCRIPT
    assert "<script>" not in view.preview.value


# ------------------------------------------------------------- thank-you, follow-up, update


def test_thank_you_view_prefilled_from_the_meeting(wb, dana):
    prep.capture_meeting(
        wb, dana, held_on=dt.date.today() - dt.timedelta(days=1), learned="budgets matter"
    )
    view = ThankYouView(wb)
    assert view.picker.value == dana
    assert view.fields["learned"].value == "budgets matter"
    assert view.fields["meeting_on"].value == dt.date.today() - dt.timedelta(days=1)
    assert "yesterday" in view.preview.value
    assert "action taken" in view.preview.value and "✗" in view.preview.value
    fill(view, your_name="Ada Example", action_taken="read the budget guide")
    assert "✗" not in view.preview.value
    assert view.save().name == "thank_you.md"
    assert eml_from(view.download.value)["X-Unsent"] == "1"
    assert view.log_sent()
    assert wb.events["kind"].astype(str).tolist()[-1] == "thank_you_sent"
    assert prep.check_my_work(wb, "follow_up").passed


def test_thank_you_late_date_is_flagged(wb, dana):
    view = ThankYouView(wb)
    fill(view, meeting_on=dt.date(2025, 6, 5), sent_on=dt.date(2025, 6, 20))
    assert "15 days after the meeting" in view.preview.value


def test_follow_up_view_uses_the_request_date(wb, dana):
    wb.log_event(dana, "request_sent", at="2025-06-02 09:00")
    view = FollowUpView(wb)
    assert view.fields["sent_on"].value == dt.date(2025, 6, 2)
    view.fields["today"].value = dt.date(2025, 6, 4)
    assert "only 2 business days" in view.preview.value
    view.fields["today"].value = dt.date(2025, 6, 16)
    assert view.log_sent()
    assert wb.events["kind"].astype(str).tolist() == ["request_sent", "follow_up_sent"]
    assert str(wb.events["at"].iloc[-1]).startswith("2025-06-16")


def test_stay_in_touch_view_logs_update(wb, dana):
    wb.log_event(dana, "meeting_held", at="2025-03-03 10:00")
    view = StayInTouchView(wb)
    assert view.fields["met_on"].value == dt.date(2025, 3, 3)
    fill(
        view,
        your_name="Ada Example",
        progress="I started an internship",
        something_useful="a report",
    )
    assert view.save().name == "stay_in_touch.md"
    assert view.log_sent()
    assert wb.events["kind"].astype(str).tolist()[-1] == "update_sent"


def test_a_failed_save_is_reported_not_raised(wb, dana, monkeypatch):
    view = request_view(wb)

    def refuse(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(wb, "write_prep", refuse)
    assert view.save() is None
    assert "✗" in view.status.value and "disk full" in view.status.value


def test_download_link_escapes_the_file_name():
    html = download_link(b"x", "a'b.eml", mime="message/rfc822", label="<go>")
    assert "a&#x27;b.eml" in html and "&lt;go&gt;" in html


def test_due_list_view_lists_actions_and_offers_a_calendar(wb, dana):
    wb.log_event(dana, "request_sent", at="2025-06-02 09:00", channel="email")
    view = DueListView(wb)
    view.today.value = dt.date(2025, 6, 12)  # 8 business days later: a follow-up is due
    assert view.due["action"].tolist() == ["follow up"]
    assert "Dana Okafor" in view.table.value and "follow up" in view.table.value
    calendar = base64.b64decode(
        re.search(r"base64,([A-Za-z0-9+/=]+)", view.download.value).group(1)
    )
    assert b"BEGIN:VCALENDAR" in calendar and b"DTSTART;VALUE=DATE:20250611" in calendar
    view.today.value = dt.date(2025, 6, 3)
    view.horizon.value = 0
    assert view.due.empty and "Nothing due" in view.table.value and view.download.value == ""
