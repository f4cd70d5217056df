"""Preparation files: research notes, drafts, checklist, meeting capture, check my work."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_kit.io.store import Workbook
from infoview_kit.messages import builders as compose
from infoview_kit.messages.questions import interview_sheet, pick_questions, question_bank
from infoview_kit.workshop import prep
from infoview_kit.workshop.workspace import reset_workbook


def intro_draft(**over):
    kwargs = dict(
        full_name="Ada Example",
        connection="Lee Park suggested I get in touch",
        background="I study nursing",
        interests="community care",
    )
    return compose.introduction(**{**kwargs, **over})


# --------------------------------------------------------------------------- research


def test_research_round_trip_with_awkward_text():
    notes = prep.ResearchNotes(
        work_on="Leads the évaluation team\n# not a heading",
        links=["https://example.com/a", "www.example.org/b"],
        articles=["Zoë's talk: <script>alert(1)</script>"],
        notes="## also not a heading\n- a bullet in notes\n\nsecond paragraph",
    )
    text = prep.research_markdown({"name": "Dana Okafor", "organization": "Harbor Health"}, notes)
    assert prep.parse_research(text) == notes


def test_research_from_text_accepts_bullets_and_blank_lines():
    notes = prep.ResearchNotes.from_text(
        links="\n - https://a.example\n* https://b.example\n\n", work_on="  x "
    )
    assert notes.links == ["https://a.example", "https://b.example"] and notes.work_on == "x"


def test_research_checks():
    empty = prep.check_research_notes(prep.ResearchNotes())
    assert [c.severity for c in empty] == ["warn", "warn"]
    good = prep.check_research_notes(prep.ResearchNotes(work_on="x", links=["https://example.com"]))
    assert good.passed and all(c.passed for c in good)


def test_save_and_load_research_through_the_workbook(wb, dana):
    notes = prep.ResearchNotes(work_on="Runs clinics", links=["https://example.com"])
    path = prep.save_research(wb, dana, notes)
    assert path == wb.prep_path(dana, "research.md")
    assert prep.load_research(wb, dana) == notes
    assert "Harbor Health" in path.read_text(encoding="utf-8")


def test_load_research_of_a_contact_without_notes_is_empty(wb, dana):
    assert prep.load_research(wb, dana) == prep.ResearchNotes()


# --------------------------------------------------------------------------- drafts


def test_draft_document_round_trip_keeps_fields_and_text():
    draft = compose.thank_you(
        contact_name="Dana Okafor",
        your_name="Zoë Example",
        learned="how grants are scored",
        action_taken="read the guide",
        meeting_on="2025-06-05",
        sent_on="2025-06-06",
    )
    doc = prep.draft_document(draft, saved_at=dt.datetime(2025, 6, 6, 10, 0))
    saved = prep.parse_draft_document(doc)
    assert saved["kind"] == "thank_you" and saved["saved_at"] == "2025-06-06T10:00:00"
    assert saved["text"] == draft.text and saved["subject"] == draft.subject
    assert saved["checks"] == {"ok": len(draft.checks), "warn": 0, "fail": 0}
    rebuilt = prep.rebuild_draft(saved)
    assert rebuilt.text == draft.text and rebuilt.fields == {**draft.fields}


def test_parse_draft_document_without_front_matter_is_plain_text():
    assert prep.parse_draft_document("just my own words\n") == {"text": "just my own words"}


def test_rebuild_refuses_unknown_kind():
    with pytest.raises(ValueError, match="kind"):
        prep.rebuild_draft({"kind": "poem", "fields": {}})


def test_save_draft_and_eml(wb, dana):
    draft = compose.request_message(
        your_name="Ada Example",
        contact_name="Dana Okafor",
        connection="We both studied at Lakeside",
        situation="a student",
        interest="evaluation",
        hope_to_learn="how you began",
    )
    md = prep.save_draft(wb, dana, draft)
    eml = prep.save_eml(wb, dana, draft, to="dana@example.com", from_="ada@example.com")
    assert md.name == "request_email.md" and eml.name == "request_email.eml"
    assert prep.load_draft(wb, dana, "request_email")["fields"]["interest"] == "evaluation"
    assert "X-Unsent: 1" in eml.read_text(encoding="utf-8")
    assert prep.load_draft(wb, dana, "thank_you") is None


def test_draft_names():
    assert prep.draft_name(intro_draft()) == "introduction"
    linkedin = compose.request_message(
        channel="linkedin",
        your_name="A B",
        contact_name="C",
        connection="x",
        situation="",
        interest="y",
        hope_to_learn="",
    )
    assert prep.draft_name(linkedin) == "request_linkedin"


def test_your_details_come_from_the_newest_saved_drafts(wb, dana):
    assert prep.your_details(wb)["your_name"] == ""
    prep.save_draft(wb, dana, intro_draft(full_name="Ada Example", background="I study nursing"))
    details = prep.your_details(wb)
    assert details["your_name"] == "Ada Example" and details["background"] == "I study nursing"


# --------------------------------------------------------------------------- pre-filling


def test_suggested_fields_for_a_referral_names_the_referrer(wb):
    lee = wb.add_contact(name="Lee Park", connection="friend")
    sam = wb.add_contact(name="Sam Lee", connection="referral", referred_by=lee)
    values = prep.suggested_fields(wb, sam, "request")
    assert values["connection"] == "Lee Park suggested I get in touch with you"
    assert values["referrer"] == "Lee Park" and values["contact_name"] == "Sam Lee"
    assert set(values) <= set(compose.request_message.__code__.co_varnames)


def test_suggested_fields_reuse_the_connection_typed_in_the_introduction(wb, dana):
    prep.save_draft(wb, dana, intro_draft(connection="We both rowed at Lakeside College"))
    values = prep.suggested_fields(wb, dana, "voicemail")
    assert values["connection"] == "We both rowed at Lakeside College"
    assert values["your_name"] == "Ada Example"


def test_suggested_fields_for_thank_you_use_the_meeting(wb, dana):
    prep.capture_meeting(wb, dana, held_on="2025-06-05", learned="budgets drive most decisions")
    values = prep.suggested_fields(wb, dana, "thank_you")
    assert values["learned"] == "budgets drive most decisions"
    assert values["meeting_on"] == dt.date(2025, 6, 5)
    assert values["sent_on"] == dt.date.today()


def test_suggested_fields_for_follow_up_count_earlier_nudges(wb, dana):
    wb.log_event(dana, "request_sent", at="2025-06-02 09:00")
    wb.log_event(dana, "follow_up_sent", at="2025-06-12 09:00")
    values = prep.suggested_fields(wb, dana, "follow_up")
    assert values["sent_on"] == dt.date(2025, 6, 2) and values["follow_ups_already_sent"] == 1


def test_suggested_fields_reopen_the_saved_draft(wb, dana):
    draft = compose.request_message(
        your_name="Ada Example",
        contact_name="Dr Okafor",
        connection="x y Z",
        situation="a student",
        interest="evaluation",
        hope_to_learn="a",
        tone="formal",
    )
    prep.save_draft(wb, dana, draft)
    values = prep.suggested_fields(wb, dana, "request")
    assert values["contact_name"] == "Dr Okafor" and values["tone"] == "formal"
    with pytest.raises(ValueError, match="kind"):
        prep.suggested_fields(wb, dana, "poem")


def test_connection_phrases_have_blanks_to_fill():
    assert (
        prep.connection_phrase({"connection": "referral"})
        == "[who referred you] suggested I get in touch with you"
    )
    assert "[" in prep.connection_phrase({"connection": "event"})
    assert prep.connection_phrase({"connection": None}) == ""
    assert prep.connection_phrase({"connection": "neighbour"}) == ""


# --------------------------------------------------------------------------- checklist


def test_checklist_round_trip_and_unknown_items(wb, dana):
    done = {"dress": True, "names": True}
    assert prep.parse_checklist(prep.checklist_markdown(done)) == {
        k: k in done for k in prep.MEETING_CHECKLIST
    }
    prep.save_checklist(wb, dana, done)
    assert prep.load_checklist(wb, dana)["names"] is True
    assert prep.load_checklist(wb, dana)["arrive"] is False
    with pytest.raises(ValueError, match="unknown checklist item"):
        prep.save_checklist(wb, dana, {"juggle": True})


def test_checklist_covers_the_meeting_day_essentials():
    text = " ".join(prep.MEETING_CHECKLIST.values()).lower()
    for idea in (
        "dress",
        "five minutes early",
        "questions",
        "notes",
        "introduction",
        "time",
        "name",
        "thank",
    ):
        assert idea in text


def test_checklist_edited_by_hand_is_read():
    text = prep.checklist_markdown({}).replace("- [ ] Dress", "- [X] Dress")
    assert prep.parse_checklist(text)["dress"] is True


# --------------------------------------------------------------------------- meeting capture


def test_parse_names_variants():
    assert prep.parse_names("Sam Lee") == [{"name": "Sam Lee"}]
    assert prep.parse_names("• Łukasz Nowak, Northwind, data lead, <lukasz@example.com>") == [
        {
            "name": "Łukasz Nowak",
            "organization": "Northwind",
            "role": "data lead",
            "email": "lukasz@example.com",
        }
    ]
    assert prep.parse_names("riya@example.com") == []  # no name: nothing to add
    assert prep.parse_names("") == []


def test_capture_meeting_logs_events_and_adds_referred_contacts(wb, dana):
    record = prep.capture_meeting(
        wb,
        dana,
        held_on=dt.date(2025, 6, 5),
        notes="Met at the café",
        learned="most evaluators start in data roles",
        advice="join the regional network",
        names_given=[
            "Sam Lee, Harbor Health, analyst",
            {"name": "Riya Patel", "email": "riya@example.com"},
        ],
        channel="video",
    )
    events = wb.events
    assert events["kind"].astype(str).tolist() == [
        "meeting_held",
        "referral_received",
        "referral_received",
    ]
    assert (events["contact_id"] == dana).all()
    assert (events["at"] == pd.Timestamp("2025-06-05 12:00")).all()
    assert events["channel"].astype(str).unique().tolist() == ["video"]
    assert (
        events["notes"].iloc[0]
        == "Learned: Most evaluators start in data roles. Advice: Join the regional network."
    )
    contacts = wb.contacts.set_index("contact_id")
    assert len(record.new_ids) == 2 and record.referred_ids == record.new_ids
    for cid in record.new_ids:
        assert (
            contacts.loc[cid, "connection"] == "referral"
            and contacts.loc[cid, "referred_by"] == dana
        )
    assert contacts.loc[record.new_ids[1], "email"] == "riya@example.com"
    text = record.path.read_text(encoding="utf-8")
    assert record.path.name == "meeting_2025-06-05.md"
    assert "Sam Lee, Harbor Health, analyst" in text and "Met at the café" in text
    assert prep.latest_meeting(wb, dana)["learned"] == "most evaluators start in data roles"


def test_capture_meeting_reuses_a_known_person(wb, dana):
    sam = wb.add_contact(name="Sam Lee", connection="event")
    record = prep.capture_meeting(wb, dana, held_on="2025-06-05", names_given=["sam lee"])
    assert record.new_ids == [] and record.referred_ids == [sam]
    assert len(wb.contacts) == 2
    assert wb.contact(sam)["connection"] == "event"  # not overwritten


def test_capture_meeting_unknown_contact_changes_nothing(wb, dana):
    with pytest.raises(KeyError):
        prep.capture_meeting(wb, "c-0000000000", held_on="2025-06-05", names_given=["Sam Lee"])
    assert wb.events.empty and len(wb.contacts) == 1


def test_capture_meeting_rejects_unknown_person_fields(wb, dana):
    with pytest.raises(ValueError, match="unknown field"):
        prep.capture_meeting(
            wb, dana, held_on="2025-06-05", names_given=[{"name": "A", "shoe_size": 9}]
        )
    assert wb.events.empty


def test_event_time_today_is_now_other_days_noon():
    now = dt.datetime(2025, 7, 1, 16, 45, 12, 999)
    assert prep.event_time(dt.date(2025, 7, 1), now=now) == pd.Timestamp("2025-07-01 16:45:12")
    assert prep.event_time("2025-06-30", now=now) == pd.Timestamp("2025-06-30 12:00")
    assert prep.event_time(pd.Timestamp("2025-06-30 09:15"), now=now) == pd.Timestamp(
        "2025-06-30 09:15"
    )


def test_last_event_on():
    events = pd.DataFrame(
        {
            "contact_id": ["a", "a", "b"],
            "kind": ["request_sent"] * 3,
            "at": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"]),
        }
    )
    assert prep.last_event_on(events, "a", ["request_sent"]) == dt.date(2025, 2, 1)
    assert prep.last_event_on(events, "c", "request_sent") is None


# --------------------------------------------------------------------------- check my work


def lines(checks):
    return {c.name: c.severity for c in checks}


def test_check_my_work_on_an_empty_workbook_says_what_to_do(wb):
    for step in ("contacts", "introduction", "request", "questions", "meeting", "follow_up"):
        checks = prep.check_my_work(wb, step)
        assert not checks.passed, step
        assert str(checks).startswith("✗ Fix"), step
    with pytest.raises(ValueError, match="step"):
        prep.check_my_work(wb, "dance")


def test_check_my_work_walks_the_whole_cycle(wb, dana):
    prep.save_research(
        wb, dana, prep.ResearchNotes(work_on="Runs clinics", links=["https://example.com"])
    )
    assert prep.check_my_work(wb, "contacts").passed

    prep.save_draft(wb, dana, intro_draft())
    assert lines(prep.check_my_work(wb, "introduction"))["about 30 seconds"] == "ok"

    request = compose.request_message(
        your_name="Ada Example",
        contact_name="Dana Okafor",
        connection="We both studied at Lakeside",
        situation="a student",
        interest="evaluation",
        hope_to_learn="how you began",
    )
    prep.save_draft(wb, dana, request)
    assert lines(prep.check_my_work(wb, "request"))["logged"] == "fail"
    wb.log_event(dana, "request_sent", at="2025-06-02 09:00", channel="email")
    assert prep.check_my_work(wb, "request").passed

    plan = pick_questions(question_bank(), minutes=20)
    prep.save_interview_sheet(
        wb, dana, interview_sheet(plan, contact_name="Dana Okafor", minutes=20)
    )
    assert prep.check_my_work(wb, "questions").passed
    assert (
        wb.prep_path(dana, "interview_sheet.html")
        .read_text(encoding="utf-8")
        .startswith("<!DOCTYPE html>")
    )

    prep.save_checklist(wb, dana, dict.fromkeys(prep.MEETING_CHECKLIST, True))
    prep.capture_meeting(
        wb, dana, held_on="2025-06-05", learned="budgets matter", names_given=["Sam Lee"]
    )
    meeting = lines(prep.check_my_work(wb, "meeting"))
    assert meeting == {
        "meeting notes": "ok",
        "logged": "ok",
        "what you learned": "ok",
        "new names": "ok",
        "checklist": "ok",
    }

    thanks = compose.thank_you(
        contact_name="Dana Okafor",
        your_name="Ada Example",
        learned="that budgets matter",
        action_taken="read the budget guide",
        meeting_on="2025-06-05",
        sent_on="2025-06-06",
    )
    prep.save_draft(wb, dana, thanks)
    assert lines(prep.check_my_work(wb, "follow_up"))["logged"] == "fail"
    wb.log_event(dana, "thank_you_sent", at="2025-06-09 10:00")
    assert lines(prep.check_my_work(wb, "follow_up"))["logged"] == "warn"  # four days late


def test_check_my_work_reports_a_failing_draft(wb, dana):
    prep.save_draft(wb, dana, intro_draft(background="", interests=""))
    checks = prep.check_my_work(wb, "introduction")
    assert not checks.passed
    assert {"background", "interests"} <= {c.name for c in checks if c.severity == "fail"}


def test_check_my_work_html_escapes_names(wb):
    bad = wb.add_contact(name="<script>alert(1)</script>")
    prep.save_research(wb, bad, prep.ResearchNotes(work_on="x", links=["https://example.com"]))
    html = prep.check_my_work(wb, "contacts")._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_reset_workbook_keeps_the_old_folder(tmp_path, monkeypatch):
    folder = tmp_path / "my_workbook"
    old = Workbook.create(folder)
    old.add_contact(name="Dana Okafor")
    fresh = reset_workbook(folder, sample=False)
    assert fresh.contacts.empty
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("my_workbook-old-")]
    assert len(kept) == 1 and Workbook.open(kept[0]).contacts["name"].tolist() == ["Dana Okafor"]


# ------------------------------------------------------------- round trips (property tests)

_line = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=40
)
_block = st.lists(_line, max_size=5).map("\n".join).map(str.strip)
_item = _line.map(str.strip).filter(lambda s: s and s[0] not in "-*•")


@settings(max_examples=200, deadline=None)
@given(
    work_on=_block,
    notes=_block,
    links=st.lists(_item, max_size=4),
    articles=st.lists(_item, max_size=4),
)
def test_research_notes_round_trip_any_text(work_on, notes, links, articles):
    original = prep.ResearchNotes(work_on=work_on, links=links, articles=articles, notes=notes)
    text = prep.research_markdown({"name": "Dana Okafor"}, original)
    assert prep.parse_research(text) == original


@settings(max_examples=100, deadline=None)
@given(done=st.fixed_dictionaries({}, optional={k: st.booleans() for k in prep.MEETING_CHECKLIST}))
def test_checklist_round_trip_any_ticks(done):
    parsed = prep.parse_checklist(prep.checklist_markdown(done))
    assert parsed == {k: bool(done.get(k)) for k in prep.MEETING_CHECKLIST}


@settings(max_examples=100, deadline=None)
@given(name=_line.map(str.strip), learned=_block, action=_block)
def test_saved_draft_reopens_to_the_same_text(name, learned, action):
    draft = compose.thank_you(
        contact_name=name,
        your_name=name,
        learned=learned,
        action_taken=action,
        meeting_on="2025-06-05",
        sent_on="2025-06-06",
    )
    saved = prep.parse_draft_document(prep.draft_document(draft))
    assert saved["text"] == draft.text
    assert prep.rebuild_draft(saved).text == draft.text


def test_the_request_picks_up_the_background_and_interests_of_the_introduction(wb, dana):
    intro = compose.introduction(
        full_name="Ada Example",
        connection="We both studied at Lakeside College",
        background="I'm finishing a master's in public health",
        interests="how clinics measure what works",
    )
    prep.save_draft(wb, dana, intro)
    values = prep.suggested_fields(wb, dana, "request")
    assert values["your_name"] == "Ada Example"
    assert values["situation"] == "finishing a master's in public health"
    assert values["interest"] == "how clinics measure what works"
    request = compose.request_message(**{**values, "hope_to_learn": "how you started"})
    assert "I'm Ada Example, finishing a master's in public health" in request.text
