"""The one text checker for anything a person wrote or edited, and the Check type it returns.

:func:`check_draft` checks a message text of any kind and returns
:class:`Checks` (a list of :class:`Check`, defined in ``verdicts`` and
re-exported here). The builders run the same function on their own output, so
a generated draft and an edited one are judged by the same rules.

>>> text = '''Hi Dana,
...
... Lee Park suggested I write. Could we talk for 20 minutes in the next
... two weeks, whenever suits you? If not, a few questions by e-mail would be great.
...
... Thanks,
... Ada'''
>>> checks = check_draft(text, kind="request")
>>> [c.name for c in checks if not c.passed]
['ends with a question']
"""

from __future__ import annotations

from collections.abc import Sequence

from infoview_kit.messages import rules, settings
from infoview_kit.messages.settings import Limits
from infoview_kit.messages.text import split_message
from infoview_kit.messages.verdicts import Check, Checks, merge_checks

__all__ = ["CHANNELS", "KINDS", "Check", "Checks", "check_draft", "merge_checks"]

#: The kinds of text :func:`check_draft` knows.
KINDS: tuple[str, ...] = (
    "request",
    "introduction",
    "voicemail",
    "phone",
    "thank_you",
    "follow_up",
    "stay_in_touch",
)
#: Written channels (spoken kinds ignore the channel).
CHANNELS: tuple[str, ...] = ("email", "linkedin", "letter", "card")


def check_draft(
    text: str | None,
    *,
    kind: str,
    channel: str = "email",
    limits: Limits | None = None,
) -> Checks:
    """Check a message a person wrote or edited: the same rules the builders use.

    ``kind`` is one of request, introduction, voicemail, phone (the script for
    when they pick up), thank_you, follow_up, stay_in_touch. ``channel`` (email,
    linkedin, letter, card) matters for written kinds: it sets the length limit.
    ``limits`` defaults to :func:`infoview_kit.messages.settings.current`.

    >>> checks = check_draft("Hi Sam, thanks so much! I learned a lot. Best, Ada", kind="thank_you")
    >>> checks.named("something specific").label
    'Consider'
    >>> check_draft("Hi", kind="poem")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: kind must be one of request, introduction, ... (got 'poem')
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)} (got {kind!r})")
    if channel not in CHANNELS:
        raise ValueError(f"channel must be one of {', '.join(CHANNELS)} (got {channel!r})")
    text = text or ""
    _, body, _ = split_message(text)
    return Checks(text_checks(text, body=body, kind=kind, channel=channel, limits=limits))


def text_checks(
    text: str, *, body: str, kind: str, channel: str, limits: Limits | None = None
) -> list[Check]:
    """The checks of :func:`check_draft` with the body already known (builders know it)."""
    limits = limits or settings.current()
    spoken = kind in ("introduction", "voicemail", "phone")
    body = text if spoken or channel == "linkedin" else (body or text)
    found = list(_BY_KIND[kind](text, body, channel, limits))
    found.append(rules.job_check(text))
    found += rules.placeholders(text)
    return found


def _request(text: str, body: str, channel: str, limits: Limits) -> Sequence[Check]:
    return [
        rules.connection_early(body),
        rules.duration_check(text, limits),
        rules.window_check(text),
        rules.flexibility_check(text),
        rules.medium_check(text),
        rules.exit_check(text),
        *([] if channel in ("letter", "card") else [rules.ends_with_question(body)]),
        rules.thanks_check(text),
        rules.length_check(text, body, kind="request", channel=channel, limits=limits),
    ]


def _introduction(text: str, body: str, channel: str, limits: Limits) -> Sequence[Check]:
    return [
        rules.says_name(text),
        rules.connection_named(text),
        rules.interests_named(text),
        rules.introduction_time(text, limits),
    ]


def _voicemail(text: str, body: str, channel: str, limits: Limits) -> Sequence[Check]:
    return [
        rules.says_name(text),
        *rules.details_twice(text),
        rules.retry_check(text),
        rules.spoken_time(
            text,
            "short enough",
            ideal=limits.voicemail_seconds,
            most=limits.voicemail_seconds_most,
            names=("voicemail_seconds", "voicemail_seconds_most"),
            limits=limits,
        ),
    ]


def _phone(text: str, body: str, channel: str, limits: Limits) -> Sequence[Check]:
    return [
        rules.says_name(text),
        rules.good_time_check(text, limits),
        rules.duration_check(text, limits),
        rules.call_back_check(text),
        rules.ends_with_question(text),
    ]


def _thank_you(text: str, body: str, channel: str, limits: Limits) -> Sequence[Check]:
    return [
        rules.thanks_check(text),
        rules.specific_learning(text),
        rules.action_taken(text),
        rules.length_check(text, body, kind="thank_you", channel=channel, limits=limits),
    ]


def _follow_up(text: str, body: str, channel: str, limits: Limits) -> Sequence[Check]:
    return [
        rules.friendly_tone(text),
        rules.ends_with_question(body),
        rules.length_check(text, body, kind="follow_up", channel=channel, limits=limits),
    ]


def _stay_in_touch(text: str, body: str, channel: str, limits: Limits) -> Sequence[Check]:
    return [
        rules.news_check(text),
        rules.useful_check(text),
        rules.length_check(text, body, kind="stay_in_touch", channel=channel, limits=limits),
    ]


_BY_KIND = {
    "request": _request,
    "introduction": _introduction,
    "voicemail": _voicemail,
    "phone": _phone,
    "thank_you": _thank_you,
    "follow_up": _follow_up,
    "stay_in_touch": _stay_in_touch,
}
