"""Write the messages of an information interview, each checked as it is built.

Each builder takes the parts of a message as keyword arguments, renders a
template (a formal and a warm version of each) and returns a :class:`Draft`:
the text, subject-line ideas for e-mail, and :class:`Check` results. The
checks are those of :func:`~infoview_kit.messages.check_draft` on the text,
plus the few only the fields can tell (an empty name, the dates). Nothing is
sent: :func:`to_eml` makes an unsent draft you open in a mail app.

>>> draft = introduction(
...     full_name="Ada Example",
...     connection="Dana Okafor suggested I get in touch",
...     background="I'm finishing a master's in public health",
...     interests="how community programmes measure what works",
... )
>>> print(draft.text)  # doctest: +NORMALIZE_WHITESPACE
Hi, I'm Ada Example. Dana Okafor suggested I get in touch. I'm finishing a master's in
public health. These days I'm exploring how community programmes measure what works,
and I'd love to hear how you see it.
>>> draft.passed, draft.words, draft.seconds
(True, 37, 16)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from infoview_kit.messages import settings
from infoview_kit.messages.checks import check_draft, merge_checks, text_checks
from infoview_kit.messages.draft import TONES, Draft, render, template_name, to_eml
from infoview_kit.messages.rules import find_job_asks, presence
from infoview_kit.messages.text import (
    as_date,
    business_day_after,
    business_days,
    clause,
    clean,
    first_name,
    long_date,
    sentence,
    speaking_seconds,
    word_count,
)
from infoview_kit.messages.verdicts import Check, Checks

__all__ = [
    "CHANNELS",
    "TONES",
    "Check",
    "Checks",
    "Draft",
    "as_date",
    "check_draft",
    "check_request_text",
    "find_job_asks",
    "follow_up",
    "introduction",
    "phone_script",
    "request_message",
    "speaking_seconds",
    "stay_in_touch_update",
    "thank_you",
    "to_eml",
    "voicemail",
    "word_count",
]

#: Written channels a request can go out on (a phone call uses :func:`voicemail`).
CHANNELS: tuple[str, ...] = ("email", "linkedin", "letter")


def _finish(
    kind: str,
    text: str,
    body: str,
    *,
    channel: str,
    field_checks: Iterable[Check],
    check_channel: str | None = None,
) -> Checks:
    """The field checks, then the text checks of :func:`check_draft` not already covered."""
    found = text_checks(text, body=body, kind=kind, channel=check_channel or channel or "email")
    return merge_checks(field_checks, found)


def _written(
    kind: str,
    text: str,
    body: str,
    *,
    channel: str,
    field_checks: Iterable[Check],
    subject: str | None,
    suggestions: list[str],
    fields: Mapping[str, Any],
) -> Draft:
    """A written draft: subject ideas (e-mail only), checks, and the fields it was built from."""
    suggestions = suggestions if channel == "email" else []
    return Draft(
        kind=kind,
        text=text,
        subject=_subject_line(subject, suggestions),
        subjects=_with_subject(subject, suggestions),
        checks=_finish(kind, text, body, channel=channel, field_checks=field_checks),
        channel=channel,
        body=body,
        fields={**fields, "channel": channel, "subject": clean(subject)},
    )


def _subject_line(chosen: str | None, suggestions: list[str]) -> str | None:
    """The subject: the one typed or chosen, else the first suggestion (e-mail only)."""
    if not suggestions:
        return None
    return clean(chosen).replace("\n", " ") or suggestions[0]


def _with_subject(chosen: str | None, suggestions: list[str]) -> list[str]:
    if not suggestions:
        return []
    first = _subject_line(chosen, suggestions)
    return [first, *(s for s in suggestions if s != first)]


def _name_check(full_name: str, *, what: str = "your full name") -> Check:
    if not full_name:
        return Check.fail("full name", f"add {what}.")
    if len(full_name.split()) < 2 and not re.search(r"[\u3040-\u9fff\uac00-\ud7af]", full_name):
        return Check.warn("full name", f"give {what} (first and last), so they can find you again.")
    return Check.ok("full name", "included.")


def _today(value: Any, what: str) -> dt.date:
    return as_date(value, what) if value not in (None, "") else dt.date.today()


# --------------------------------------------------------------------------- introduction


_CONNECTION_WORDS = re.compile(
    r"\b(?:alumni|alumnus|alumna|alum|graduate|graduated|studied|class\s+of|member|met|heard|saw|read"
    r"|suggested|recommended|referred|mentioned|introduced|colleague|former|fellow|both)\b",
    re.IGNORECASE,
)


def _connection_named(connection: str) -> Check:
    """Does the connection name someone or something (a capitalised name, or an affinity word)?"""
    tokens = re.findall(r"[^\W\d_][\w’'\-]*", connection)
    names = [
        t for t in tokens[1:] if t[:1].isupper() and t not in {"I", "I'm", "I’m", "I've", "I’ve"}
    ]
    if names or _CONNECTION_WORDS.search(connection):
        return Check.ok("connection named", "you name the link between you.")
    return Check.warn(
        "connection named",
        "name the person, school, event or group that links you (e.g. 'Dana Okafor suggested...').",
    )


def introduction(
    *,
    full_name: str,
    connection: str,
    background: str,
    interests: str,
    words_per_minute: int = 140,
    tone: str = "warm",
) -> Draft:
    """Your 30-second introduction: name, connection, background and interests.

    Checks: each of the four parts is there; the connection names a person,
    school or group; and it takes about 30 seconds to say at
    ``words_per_minute`` (130-150 is a relaxed speaking pace).

    >>> d = introduction(full_name="Bo Sample", connection="", background="I teach maths",
    ...                  interests="learning design")
    >>> print(*[c.line() for c in d.checks if c.severity == "fail"])
    ✗ Fix – connection: say how you are connected: who suggested them, or the school or group
    you share.
    """
    values = {
        "full_name": clean(full_name),
        "connection": clean(connection),
        "background": clean(background),
        "interests": clean(interests),
    }
    text, _ = render(template_name("introduction", tone), {**values, "tone": tone})
    return _spoken(
        "introduction",
        text,
        field_checks=_introduction_fields(values),
        words_per_minute=words_per_minute,
        fields={**values, "tone": tone},
    )


def _introduction_fields(values: Mapping[str, str]) -> list[Check]:
    checks = [
        _name_check(values["full_name"]),
        presence(
            "connection",
            values["connection"],
            "say how you are connected: who suggested them, or the school or group you share.",
        ),
    ]
    if values["connection"]:
        checks.append(_connection_named(values["connection"]))
    return [
        *checks,
        presence(
            "background",
            values["background"],
            "add a line about where you are now (studies, work).",
        ),
        presence("interests", values["interests"], "say what you are exploring or hoping to do."),
    ]


def _spoken(
    kind: str,
    text: str,
    *,
    field_checks: Iterable[Check],
    words_per_minute: int,
    fields: Mapping[str, Any],
    channel: str | None = None,
) -> Draft:
    """A spoken draft, its speaking time judged at the pace given."""
    limits = _replace(settings.current(), words_per_minute=int(words_per_minute))
    found = text_checks(text, body=text, kind=kind, channel="email", limits=limits)
    return Draft(
        kind=kind,
        text=text,
        checks=merge_checks(field_checks, found),
        channel=channel,
        body=text,
        words_per_minute=words_per_minute,
        fields={**fields, "words_per_minute": words_per_minute},
    )


def _replace(limits: settings.Limits, **changes: int) -> settings.Limits:
    import dataclasses

    return dataclasses.replace(limits, **changes)


# --------------------------------------------------------------------------- request


def request_message(
    *,
    channel: str = "email",
    your_name: str,
    contact_name: str,
    connection: str,
    situation: str,
    interest: str,
    hope_to_learn: str,
    duration_minutes: int = 20,
    window: str = "the next two or three weeks",
    medium: str = "phone, video or in person",
    tone: str = "warm",
    your_email: str | None = None,
    your_phone: str | None = None,
    referrer: str | None = None,
    subject: str | None = None,
    research: str | None = None,
) -> Draft:
    """A request for a short conversation, by e-mail, LinkedIn note or letter.

    The message states the connection first, says who you are and what you are
    exploring, what you hope to learn, asks for ``duration_minutes`` by
    ``medium`` within ``window`` at their convenience, offers an easier
    alternative, and ends with a question. ``research`` is what drew you to
    them ("your report on rural clinics"): it becomes the second sentence.
    ``referrer`` (the person who suggested them) only feeds the subject-line ideas.

    Checks: those of :func:`check_draft` with ``kind="request"``, plus names
    present and the parts of the message filled in.

    >>> d = request_message(channel="email", your_name="Ada Example", contact_name="Dana Okafor",
    ...     connection="Lee Park suggested I get in touch", situation="a public health student",
    ...     interest="programme evaluation", hope_to_learn="how you got started",
    ...     referrer="Lee Park")
    >>> d.subject
    'Lee Park suggested I get in touch'
    >>> d.passed, d.warnings
    (True, [])
    """
    if channel not in CHANNELS:
        raise ValueError(f"channel must be one of {', '.join(CHANNELS)} (got {channel!r})")
    minutes = _minutes(duration_minutes, {})
    values = {
        "your_name": clean(your_name),
        "contact_name": clean(contact_name),
        "connection": clean(connection),
        "situation": clean(situation),
        "interest": clean(interest),
        "hope_to_learn": clean(hope_to_learn),
        "duration_minutes": minutes,
        "window": clean(window),
        "medium": clean(medium) or "phone, video or in person",
        "your_email": clean(your_email),
        "your_phone": clean(your_phone),
        "research": clean(research),
    }
    text, blocks = render(template_name("request", tone, channel), {**values, "tone": tone})
    return _written(
        "request",
        text,
        blocks["body"],
        channel=channel,
        field_checks=_request_fields(values, channel),
        subject=subject,
        suggestions=_request_subjects(values, referrer=clean(referrer)),
        fields={**values, "tone": tone, "referrer": clean(referrer)},
    )


def _request_fields(values: Mapping[str, Any], channel: str) -> list[Check]:
    """Checks only the fields can tell: names, parts left empty, a zero-minute ask."""
    checks = [
        _name_check(values["your_name"]),
        presence("their name", values["contact_name"], "greet them by name."),
    ]
    if not values["connection"]:
        checks.append(
            Check.fail(
                "connection first",
                "open with how you are connected (who suggested them, a shared school...).",
            )
        )
    checks += [
        presence(
            "who you are",
            values["situation"],
            "say where you are now (studies, role).",
            severity="warn",
        ),
        presence(
            "what you are exploring",
            values["interest"],
            "name the field or question you are exploring.",
        ),
    ]
    if channel != "linkedin":
        checks.append(
            presence(
                "what you hope to learn",
                values["hope_to_learn"],
                "say what you hope to learn from them (their path, advice on...).",
                severity="warn",
            )
        )
    if values["duration_minutes"] <= 0:
        checks.append(
            Check.fail(
                "short, stated length", "the length of the conversation must be more than zero."
            )
        )
    return checks


def _shorten(text: str, words: int = 6) -> str:
    tokens = clause(text).split()
    return " ".join(tokens[:words]) + ("…" if len(tokens) > words else "")


def _request_subjects(values: Mapping[str, Any], *, referrer: str) -> list[str]:
    subjects = []
    if referrer:
        subjects.append(f"{referrer} suggested I get in touch")
    if values["interest"]:
        subjects.append(f"Your advice on {_shorten(values['interest'])}?")
    subjects.append(
        f"A {values['duration_minutes']}-minute question from {values['your_name'] or 'a student'}"
    )
    if values["connection"] and not referrer:
        subjects.append(sentence(_shorten(values["connection"], 8)).rstrip("."))
    return subjects


def check_request_text(
    text: str, *, channel: str = "email", body: str | None = None
) -> list[Check]:
    """Check a request you wrote or edited (``check_draft(text, kind="request")``)."""
    if channel not in CHANNELS:
        raise ValueError(f"channel must be one of {', '.join(CHANNELS)} (got {channel!r})")
    if body is None:
        return check_draft(text, kind="request", channel=channel)
    return Checks(text_checks(text, body=body, kind="request", channel=channel))


# --------------------------------------------------------------------------- voicemail


def voicemail(
    *,
    your_name: str,
    phone: str,
    email: str,
    contact_name: str,
    connection: str,
    purpose: str,
    retry_in: str = "a couple of weeks",
    words_per_minute: int = 130,
    tone: str = "warm",
) -> Draft:
    """A voicemail script: name, phone and e-mail at the start and again at the end.

    Say the numbers slowly. Checks: each detail is given twice; you say when
    you will try again; it is short enough to be heard out (about 45 seconds).

    >>> d = voicemail(your_name="Ada Example", phone="555 0142", email="ada@example.com",
    ...     contact_name="Dana Okafor", connection="Lee Park suggested I call",
    ...     purpose="I'm exploring public health careers and would value 15 minutes of your advice")
    >>> d.passed, d.seconds <= 45
    (True, True)
    """
    values = {
        "your_name": clean(your_name),
        "phone": clean(phone),
        "email": clean(email),
        "contact_name": clean(contact_name),
        "connection": clean(connection),
        "purpose": clean(purpose),
        "retry_in": clean(retry_in),
    }
    context = {**values, "retry_in": values["retry_in"] or "a couple of weeks", "tone": tone}
    text, _ = render(template_name("voicemail", tone), context)
    field_checks = [
        _name_check(values["your_name"]),
        presence("your phone number", values["phone"], "give your phone number."),
        presence("your e-mail", values["email"], "give your e-mail address."),
        presence("their name", values["contact_name"], "greet them by name.", severity="warn"),
        presence("connection", values["connection"], "say how you are connected.", severity="warn"),
        presence("why you are calling", values["purpose"], "say in one line why you are calling."),
        presence(
            "when you will try again",
            values["retry_in"],
            "say when you will call again, e.g. 'in a couple of weeks'.",
            severity="warn",
        ),
    ]
    return _spoken(
        "voicemail",
        text,
        field_checks=field_checks,
        words_per_minute=words_per_minute,
        fields={**values, "tone": tone},
        channel="voicemail",
    )


def phone_script(
    *,
    your_name: str,
    contact_name: str,
    connection: str,
    purpose: str,
    duration_minutes: int = 15,
    window: str = "the next couple of weeks",
    words_per_minute: int = 140,
    tone: str = "warm",
) -> Draft:
    """What to say when they pick up: who you are, then "is now a good time?" before anything else.

    The script has three parts: the opening (your name, your link to them, and
    the question whether now suits), what to say if it does, and what to say if
    it does not (offer to call back, or to e-mail a couple of questions).
    Checks: those of :func:`check_draft` with ``kind="phone"``.

    >>> d = phone_script(your_name="Ada Example", contact_name="Dana Okafor",
    ...     connection="Lee Park suggested I call", purpose="I'm exploring programme evaluation")
    >>> print(d.text.splitlines()[0])  # doctest: +NORMALIZE_WHITESPACE
    Hello, is this Dana Okafor? Hi Dana, this is Ada Example. Lee Park suggested I call. Is now
    a good time for a quick word?
    >>> d.passed
    True
    """
    values = {
        "your_name": clean(your_name),
        "contact_name": clean(contact_name),
        "connection": clean(connection),
        "purpose": clean(purpose),
        "duration_minutes": int(duration_minutes),
        "window": clean(window),
    }
    text, _ = render(template_name("phone", tone), {**values, "tone": tone})
    field_checks = [
        _name_check(values["your_name"]),
        presence("their name", values["contact_name"], "say their name.", severity="warn"),
        presence("connection", values["connection"], "say how you are connected.", severity="warn"),
        presence("why you are calling", values["purpose"], "say in one line why you are calling."),
    ]
    return _spoken(
        "phone",
        text,
        field_checks=field_checks,
        words_per_minute=words_per_minute,
        fields={**values, "tone": tone},
        channel="phone",
    )


# --------------------------------------------------------------------------- thank-you


def thank_you(
    *,
    contact_name: str,
    learned: str,
    action_taken: str,
    meeting_on: dt.date | str,
    sent_on: dt.date | str | None = None,
    your_name: str = "",
    next_step: str | None = None,
    tone: str = "warm",
    channel: str = "email",
    subject: str | None = None,
) -> Draft:
    """A short thank-you after the meeting: something specific you learned and what you did with it.

    ``sent_on`` defaults to today. Checks: what you learned is concrete (not
    "a lot"); you name a concrete step taken (not "nothing yet"); it goes out
    within a day of ``meeting_on`` (a later one still helps).

    >>> d = thank_you(contact_name="Dana Okafor", your_name="Ada Example",
    ...     learned="that most evaluators start in data roles",
    ...     action_taken="joined the local evaluators' network",
    ...     meeting_on="2025-06-05", sent_on="2025-06-06")
    >>> print(d.text.splitlines()[2])  # doctest: +NORMALIZE_WHITESPACE
    Thank you for talking with me yesterday. I especially valued hearing that most evaluators
    start in data roles. Since we spoke, I've joined the local evaluators' network.
    >>> d.passed
    True
    """
    meeting_day = as_date(meeting_on, "meeting_on")
    sent_day = _today(sent_on, "sent_on")
    values = {
        "contact_name": clean(contact_name),
        "your_name": clean(your_name),
        "learned": clean(learned),
        "action_taken": clean(action_taken),
        "next_step": clean(next_step),
    }
    days = (sent_day - meeting_day).days
    context = {**values, "when": _when(meeting_day, days), "tone": tone, "channel": channel}
    text, blocks = render(template_name("thank_you", tone), context)
    field_checks = _thank_you_fields(values, days)
    return _written(
        "thank_you",
        text,
        blocks["body"],
        channel=channel,
        field_checks=field_checks,
        subject=subject,
        suggestions=_thank_you_subjects(values),
        fields={**values, "meeting_on": meeting_day, "sent_on": sent_day, "tone": tone},
    )


def _thank_you_fields(values: Mapping[str, str], days: int) -> list[Check]:
    checks = [
        presence("their name", values["contact_name"], "greet them by name."),
        presence("your name", values["your_name"], "sign with your name.", severity="warn"),
    ]
    if not values["learned"]:
        checks.append(Check.fail("something specific", "name one thing you learned from them."))
    if not values["action_taken"]:
        checks.append(
            Check.fail(
                "action taken",
                "say what you have done with their advice (read, joined, contacted...).",
            )
        )
    return [*checks, _thank_you_timing(days)]


def _when(meeting_day: dt.date, days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < 7:
        return f"on {meeting_day:%A}"
    return f"on {meeting_day.day} {meeting_day:%B}"


def _thank_you_timing(days: int) -> Check:
    name, limit = "within a day", settings.current().thank_you_days
    why = settings.reason("thank_you_days")
    if days < 0:
        return Check.warn(name, "the meeting date is after the sending date; check the dates.")
    if days <= limit:
        return Check.ok(name, "it goes out within a day of the meeting.")
    return Check.warn(name, f"{days} days after the meeting; send it today.", reason=why)


def _thank_you_subjects(values: Mapping[str, Any]) -> list[str]:
    name = first_name(values["contact_name"])
    return [f"Thank you, {name}" if name else "Thank you", "Thanks for your time and advice"]


# --------------------------------------------------------------------------- follow-up


def follow_up(
    *,
    your_name: str,
    contact_name: str,
    sent_on: dt.date | str,
    interest: str = "",
    situation: str = "",
    today: dt.date | str | None = None,
    duration_minutes: int | None = None,
    window: str | None = None,
    follow_ups_already_sent: int = 0,
    tone: str = "warm",
    channel: str = "email",
    subject: str | None = None,
    request: Draft | Mapping[str, Any] | None = None,
    replied: bool = False,
) -> Draft:
    """One polite nudge after a request that got no reply.

    Wait 7 business days after the request (``sent_on``) before you send it
    (the 3B7 routine; see :mod:`.settings`), and send only one: after an
    unanswered follow-up, write to someone else instead. ``request`` (the
    request :class:`Draft`, or its ``fields``) supplies the minutes, window,
    interest and situation you asked with, so the nudge asks for the same
    thing. ``replied=True`` means they answered (or you have already met):
    then there is nothing to nudge, and the draft fails with that reason.

    >>> d = follow_up(your_name="Ada Example", contact_name="Dana Okafor", sent_on="2025-06-02",
    ...               today="2025-06-09", interest="programme evaluation")
    >>> [c.message for c in d.checks if c.name == "timing"]
    ['only 5 business days since your request; wait until Wednesday 11 June.']
    """
    asked = _request_fields_of(request)
    values = {
        "your_name": clean(your_name),
        "contact_name": clean(contact_name),
        "interest": clean(interest) or clean(asked.get("interest")),
        "situation": clean(situation) or clean(asked.get("situation")),
        "duration_minutes": _minutes(duration_minutes, asked),
        "window": clean(window if window is not None else asked.get("window"))
        or "the next few weeks",
    }
    sent_day, today_day = as_date(sent_on, "sent_on"), _today(today, "today")
    context = {**values, "sent_on_text": long_date(sent_day), "tone": tone}
    text, blocks = render(template_name("follow_up", tone), context)
    field_checks = [
        *_not_replied(replied),
        *_message_names(values),
        presence(
            "what you are exploring",
            values["interest"],
            "remind them in a few words what you are exploring.",
        ),
        _follow_up_timing(sent_day, today_day),
        _one_nudge(follow_ups_already_sent),
    ]
    return _written(
        "follow_up",
        text,
        blocks["body"],
        channel=channel,
        field_checks=field_checks,
        subject=subject,
        suggestions=["Following up: a short conversation?", "Quick follow-up on my note"],
        fields={
            **values,
            "sent_on": sent_day,
            "today": today_day,
            "follow_ups_already_sent": follow_ups_already_sent,
            "tone": tone,
            "replied": bool(replied),
        },
    )


def _message_names(values: Mapping[str, Any]) -> list[Check]:
    return [
        presence("their name", values["contact_name"], "greet them by name."),
        _name_check(values["your_name"]),
    ]


def _request_fields_of(request: Draft | Mapping[str, Any] | None) -> Mapping[str, Any]:
    if request is None:
        return {}
    if isinstance(request, Draft):
        return request.fields
    return request


def _minutes(given: int | None, asked: Mapping[str, Any]) -> int:
    """The minutes to ask for again: those given, else those of the request, else 20."""
    for value in (given, asked.get("duration_minutes"), 20):
        if value not in (None, ""):
            try:
                return int(value)
            except (TypeError, ValueError):
                raise ValueError("duration_minutes must be a whole number of minutes") from None
    return 20


def _not_replied(replied: bool) -> list[Check]:
    if replied:
        return [
            Check.fail(
                "no reply yet",
                "they have replied: answer their message rather than sending a follow-up.",
            )
        ]
    return []


def _follow_up_timing(sent_day: dt.date, today_day: dt.date) -> Check:
    wait = settings.current().follow_up_business_days
    waited = business_days(sent_day, today_day)
    if waited >= wait:
        return Check.ok("timing", f"{waited} business days since your request.")
    ready = business_day_after(sent_day, wait)
    return Check.warn(
        "timing",
        f"only {waited} business days since your request; wait until {long_date(ready)}.",
        reason=settings.reason("follow_up_business_days"),
    )


def _one_nudge(already_sent: int) -> Check:
    if already_sent >= 1:
        return Check.warn(
            "one nudge only",
            "you have already followed up once; a third message rarely helps, "
            "so try someone else at the same organisation.",
        )
    return Check.ok("one nudge only", "this is your first follow-up.")


# --------------------------------------------------------------------------- stay in touch


def stay_in_touch_update(
    *,
    your_name: str,
    contact_name: str,
    met_on: dt.date | str,
    progress: str,
    something_useful: str | None = None,
    today: dt.date | str | None = None,
    tone: str = "warm",
    channel: str = "email",
    subject: str | None = None,
) -> Draft:
    """A later update to someone you met: your progress, and something useful for them.

    Checks: there is news to share; you offer something of use (an article, an
    event, a contact); enough time has passed for the update to mean something.

    >>> d = stay_in_touch_update(your_name="Ada Example", contact_name="Dana Okafor",
    ...     met_on="2025-03-03", today="2025-06-02",
    ...     progress="I started an evaluation internship at Harbor Health",
    ...     something_useful="This report on rural clinics made me think of your project: https://example.com/r")
    >>> d.passed, "about 3 months" in d.text
    (True, True)
    """
    met_day = as_date(met_on, "met_on")
    today_day = _today(today, "today")
    values = {
        "your_name": clean(your_name),
        "contact_name": clean(contact_name),
        "progress": clean(progress),
        "something_useful": clean(something_useful),
    }
    days = (today_day - met_day).days
    context = {**values, "since_text": _since(days), "tone": tone}
    text, blocks = render(template_name("stay_in_touch", tone), context)
    field_checks = [
        presence("their name", values["contact_name"], "greet them by name."),
        _name_check(values["your_name"]),
        presence("your news", values["progress"], "share one piece of progress since you met."),
        presence(
            "something useful",
            values["something_useful"],
            "offer something of use to them: an article, an event, a contact.",
            severity="warn",
        ),
        _stay_in_touch_timing(days),
    ]
    return _written(
        "stay_in_touch",
        text,
        blocks["body"],
        channel=channel,
        field_checks=field_checks,
        subject=subject,
        suggestions=["An update, and something you might enjoy", "News since we spoke"],
        fields={**values, "met_on": met_day, "today": today_day, "tone": tone},
    )


def _since(days: int) -> str:
    if days < 14:
        return "a few days"
    if days < 45:
        return "a few weeks"
    if days < 75:
        return "about two months"
    if days < 365:
        return f"about {round(days / 30.4)} months"
    return "over a year"


def _stay_in_touch_timing(days: int) -> Check:
    wait = settings.current().stay_in_touch_days
    if days < 0:
        return Check.warn("timing", "the meeting date is in the future; check the dates.")
    if days < wait:
        return Check.warn(
            "timing",
            f"you met {days} days ago; an update lands better after a few weeks.",
            reason=settings.reason("stay_in_touch_days"),
        )
    return Check.ok("timing", f"{days} days since you met.")
