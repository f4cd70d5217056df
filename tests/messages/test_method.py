"""The rest of the method: research and the schedule in requests, in person offered, the
pick-up script, the thank-you as letter or card, follow-ups that match the request and go only
to people who have not replied, and updates with or without a link."""

from __future__ import annotations

import pytest

from infoview_kit.messages import (
    check_draft,
    follow_up,
    phone_script,
    request_message,
    stay_in_touch_update,
    thank_you,
)

REQUEST = dict(
    your_name="Ada Example",
    contact_name="Dana Okafor",
    connection="Lee Park suggested I get in touch",
    situation="a public health student",
    interest="programme evaluation",
    hope_to_learn="how you moved from research into practice",
)


@pytest.mark.parametrize("tone", ["warm", "formal"])
@pytest.mark.parametrize("channel", ["email", "letter"])
def test_request_opens_with_research_acknowledges_their_time_and_offers_in_person(tone, channel):
    draft = request_message(
        **REQUEST, research="your report on rural clinics", tone=tone, channel=channel
    )
    sentences = draft.body.split(". ")
    assert sentences[0].startswith("Lee Park suggested")
    assert sentences[1].startswith("Your report on rural clinics")
    assert "in person" in draft.text
    assert any(word in draft.text for word in ("how full your", "busy you are", "schedule is full"))
    # the easier alternative comes after the request, not before it
    assert draft.text.index("minutes") < draft.text.index("by e-mail")
    assert draft.passed, draft.check_lines()


def test_phone_script_asks_first_whether_now_suits_and_offers_a_call_back():
    draft = phone_script(
        your_name="Ada Example",
        contact_name="Dr. Helen Ortiz",
        connection="Lee Park suggested I call",
        purpose="I'm exploring programme evaluation",
    )
    first = draft.text.splitlines()[0]
    assert "Dr. Ortiz" in first and "Helen" not in first and first.endswith("quick word?")
    assert "call back" in draft.text and draft.kind == "phone"
    assert draft.passed, draft.check_lines()
    assert {c.name for c in check_draft(draft.text, kind="phone")} <= {c.name for c in draft.checks}


@pytest.mark.parametrize("channel", ["letter", "card"])
def test_thank_you_as_a_letter_or_card_has_no_subject_and_its_own_sign_off(channel):
    draft = thank_you(
        contact_name="Dana Okafor",
        your_name="Ada Example",
        learned="that most evaluators start in data roles",
        action_taken="joined the regional evaluators' network",
        meeting_on="2025-06-05",
        sent_on="2025-06-06",
        channel=channel,
    )
    assert draft.subject is None and draft.channel == channel
    assert "Thanks again," not in draft.text
    assert draft.passed, draft.check_lines()


def test_follow_up_asks_for_the_minutes_and_window_of_the_request():
    request = request_message(**REQUEST, duration_minutes=20, window="the next month")
    draft = follow_up(
        your_name="Ada Example",
        contact_name="Dana Okafor",
        sent_on="2025-06-02",
        today="2025-06-12",
        request=request,
    )
    assert "20 minutes in the next month" in draft.text
    assert "programme evaluation" in draft.text
    assert "15 minutes" not in draft.text
    own = follow_up(
        your_name="Ada Example",
        contact_name="Dana Okafor",
        sent_on="2025-06-02",
        interest="x",
        request=request.fields,
        duration_minutes=10,
    )
    assert "10 minutes" in own.text  # what you type wins over the request


def test_follow_up_is_only_for_people_who_have_not_replied():
    kwargs = dict(
        your_name="Ada Example", contact_name="Dana Okafor", sent_on="2025-06-02",
        today="2025-06-12", interest="programme evaluation",
    )  # fmt: skip
    assert follow_up(**kwargs).passed
    answered = follow_up(**kwargs, replied=True)
    assert not answered.passed
    assert "answer their message" in answered.failures[0].message


@pytest.mark.parametrize(
    ("useful", "expected"),
    [
        (
            "https://example.com/podcast",
            "I thought you might enjoy this: https://example.com/podcast",
        ),
        (
            "a podcast about rural clinics",
            "I came across a podcast about rural clinics and thought",
        ),
        ("This podcast made me think of you: https://example.com/p", "made me think of you: https"),
        ("", None),
    ],
)
def test_stay_in_touch_reads_right_with_or_without_a_link(useful, expected):
    draft = stay_in_touch_update(
        your_name="Ada Example",
        contact_name="Dana Okafor",
        met_on="2025-03-03",
        today="2025-06-02",
        progress="I started an internship with the evaluation team",
        something_useful=useful,
    )
    if expected:
        assert expected in draft.text
    assert "played in it" not in draft.text and "https://example.com/p." not in draft.text
