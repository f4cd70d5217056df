"""check_draft: one checker for any text a person wrote or edited, the builders' own rules."""

from __future__ import annotations

import pytest

import infoview_kit
from infoview_kit.messages import (
    KINDS,
    Check,
    Checks,
    check_draft,
    request_message,
    reset_limits,
    set_limits,
    thank_you,
    voicemail,
)


@pytest.fixture(autouse=True)
def _default_limits():
    reset_limits()
    yield
    reset_limits()


def test_check_draft_is_public_at_the_top_level():
    assert infoview_kit.check_draft is check_draft
    assert "check_draft" in infoview_kit.__all__


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_returns_checks_and_survives_empty_text(kind):
    for text in ("", "   ", "Hi", "[your name]"):
        checks = check_draft(text, kind=kind)
        assert isinstance(checks, Checks) and checks
        assert all(isinstance(c, Check) for c in checks)
    assert check_draft("[your name]", kind=kind).named("fill in the blanks").severity == "fail"


def test_unknown_kind_or_channel_is_refused_in_words():
    with pytest.raises(ValueError, match="kind must be one of request"):
        check_draft("Hi", kind="letter")
    with pytest.raises(ValueError, match="channel must be one of email"):
        check_draft("Hi", kind="request", channel="fax")


REQUEST = dict(
    your_name="Ada Example",
    contact_name="Dana Okafor",
    connection="Lee Park suggested I get in touch",
    situation="a public health student",
    interest="programme evaluation",
    hope_to_learn="how you moved from research into practice",
)


@pytest.mark.parametrize("channel", ["email", "linkedin", "letter"])
def test_builder_checks_include_every_text_check_of_its_output(channel):
    draft = request_message(channel=channel, **REQUEST)
    mine = {c.name: c for c in draft.checks}
    for check in check_draft(draft.text, kind="request", channel=channel):
        assert check.name in mine
        assert mine[check.name].severity == check.severity, check.name


def test_edited_text_is_judged_by_the_same_rules_as_built_text():
    draft = request_message(**REQUEST)
    edited = draft.text.replace("\n\nThanks,", " Are you hiring, by the way?\n\nThanks,")
    assert edited != draft.text
    assert draft.passed
    assert check_draft(edited, kind="request").named("asks for advice, not a job").severity == (
        "fail"
    )


def test_thank_you_written_by_hand_is_checked_like_a_built_one():
    built = thank_you(
        contact_name="Dana Okafor",
        your_name="Ada Example",
        learned="that most evaluators start in data roles",
        action_taken="joined the regional evaluators' network",
        meeting_on="2025-06-05",
        sent_on="2025-06-05",
    )
    assert check_draft(built.text, kind="thank_you").passed
    vague = "Hi Dana,\n\nThanks so much for yesterday! I learned a lot.\n\nBest,\nAda"
    checks = check_draft(vague, kind="thank_you")
    assert checks.named("something specific").severity == "warn"
    assert checks.named("action taken").severity == "warn"


def test_voicemail_text_checks_details_said_twice():
    built = voicemail(
        your_name="Ada Example",
        phone="555 0142 77",
        email="ada@example.com",
        contact_name="Dana Okafor",
        connection="Lee Park suggested I call",
        purpose="I'm exploring public health careers",
    )
    assert check_draft(built.text, kind="voicemail").named("details twice").passed
    once = "Hi Dana, this is Ada Example on 555 0142 77. Please call back. Thanks!"
    checks = check_draft(once, kind="voicemail")
    assert checks.named("details twice").severity == "warn"
    assert checks.named("your e-mail").severity == "fail"


def test_phone_script_asks_if_now_is_a_good_time():
    good = (
        "Hello, this is Ada Example; Lee Park suggested I call. Is now a good time for a "
        "quick word? If not, I'm happy to call back later this week. I'm exploring evaluation "
        "and hoped for 15 minutes of your advice sometime soon. Would that be possible?"
    )
    assert check_draft(good, kind="phone").passed
    abrupt = "Hi, I'm Ada. I want to ask you about evaluation careers for 15 minutes."
    assert check_draft(abrupt, kind="phone").named("asks if now is a good time").severity == "fail"


def test_limits_change_in_one_place_and_the_reason_travels_with_the_check():
    text = "Hi Dana,\n\n" + "word " * 90 + "\n\nThanks,\nAda"
    before = check_draft(text, kind="request").named("length")
    assert before.severity == "warn" and before.reason
    assert "Why:" in before.line()
    set_limits(email_words=120)
    assert check_draft(text, kind="request").named("length").severity == "ok"
    with pytest.raises(ValueError, match="no limit named"):
        set_limits(emial_words=1)


def test_the_draft_preview_shows_why_a_limit_exists():
    long = request_message(**{**REQUEST, "hope_to_learn": "how " + "you really " * 20 + "did it"})
    html = long.to_html()
    assert "Why:" in html and "replies" in html


@pytest.mark.parametrize(
    "text",
    [
        "Do you know of any openings in your team?",
        "I saw there are vacancies in the policy unit.",
        "Please keep me in mind if anything comes up.",
        "Could you put in a word with your manager?",
        "Would you pass my CV to the right person?",
        "Could you pass my résumé on to HR?",
        "Would you refer me for the analyst role?",
        "I'd love to be considered for your graduate scheme.",
        "I've attached my résumé for reference.",
        "Are you hiring this year?",
        "I'd like to learn about opportunities at your company.",
    ],
)
def test_job_asks_in_their_disguised_forms_are_caught(text):
    assert check_draft(text, kind="request").named("asks for advice, not a job").severity == "fail"


@pytest.mark.parametrize(
    "text",
    [
        "I'd love to hear what your job involves day to day.",
        "How did you get your first job in the field?",
        "I enjoyed your hiring-trends article.",
        "I read about your work on the vacancy-rate study.",
        "I'm not asking about openings, only for your advice.",
        "I'm not in a position to move yet.",
    ],
)
def test_innocent_uses_of_job_words_pass(text):
    assert check_draft(text, kind="request").named("asks for advice, not a job").passed


@pytest.mark.parametrize(
    "text", ["in the next 2-3 weeks", "in the coming weeks", "before the end of March"]
)
def test_time_windows_are_phrases(text):
    assert check_draft(f"Could we talk {text}?", kind="request").named("time window").passed


@pytest.mark.parametrize(
    "text",
    [
        "I want a career in market research.",
        "I'm stuck in decision-making.",
        "I work in junior roles.",
        "As you may know, I study law.",
        "We met in October.",
    ],
)
def test_no_time_window_inside_words_or_in_the_past(text):
    assert check_draft(text, kind="request").named("time window").severity == "warn"


@pytest.mark.parametrize(
    ("text", "learned", "action"),
    [
        ("I learned a lot about the industry. I've joined the society.", "warn", "ok"),
        ("I learned so much from your advice. Nothing yet on my side.", "warn", "warn"),
        (
            "Hearing that most editors start as fact-checkers surprised me. "
            "I've emailed the fact-checking desk at the Courier.",
            "ok",
            "ok",
        ),
    ],
)
def test_a_thank_you_is_specific_only_with_a_thing_learned_and_a_step_taken(text, learned, action):
    checks = check_draft(text, kind="thank_you")
    assert checks.named("something specific").severity == learned
    assert checks.named("action taken").severity == action


def test_speaking_time_is_honest_for_a_very_short_introduction():
    check = check_draft("Hi, I'm Ada.", kind="introduction").named("about 30 seconds")
    assert check.severity == "warn" and "3 words, about 1 second to say" in check.message
    assert "add what is missing" in check.message


def test_a_hub_sets_limits_for_every_notebook_with_one_environment_variable(monkeypatch):
    text = "Hi Dana,\n\n" + "word " * 90 + "\n\nThanks,\nAda"
    monkeypatch.setenv("INFOVIEW_LIMITS", "email_words=120, thank_you_days=2")
    reset_limits()
    assert check_draft(text, kind="request").named("length").severity == "ok"
    monkeypatch.setenv("INFOVIEW_LIMITS", "email_words=many")
    with pytest.raises(ValueError, match="INFOVIEW_LIMITS: email_words must be a positive"):
        reset_limits()
    monkeypatch.delenv("INFOVIEW_LIMITS")
    assert reset_limits().email_words == 75
