"""The limits the message checks use, each with the reason it exists: adjustable in one place.

Every number a check compares against lives here, next to one line saying
why. The checks quote that line, so a person sees not only "92 words" but why
fewer would help. A facilitator who wants other limits for a workshop sets
them once, and every builder, :func:`~infoview_kit.messages.check_draft` and
widget uses them from then on:

>>> from infoview_kit.messages import settings
>>> settings.current().email_words
75
>>> _ = settings.set_limits(email_words=120)
>>> settings.current().email_words
120
>>> _ = settings.reset_limits()
>>> settings.reason("email_words")[:40]
'Short first e-mails get more replies; th'

A single call can also use its own limits (``check_draft(..., limits=...)``),
and a hub can set them for every notebook with the ``INFOVIEW_LIMITS``
environment variable (``"email_words=120, thank_you_days=2"``).
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass

__all__ = [
    "ENVIRONMENT_VARIABLE",
    "REASONS",
    "Limits",
    "current",
    "limits_from_text",
    "reason",
    "reset_limits",
    "set_limits",
]


@dataclass(frozen=True)
class Limits:
    """The numbers the checks use (see :data:`REASONS` for why each has its value)."""

    email_words: int = 75
    email_words_most: int = 250
    letter_words: int = 250
    letter_words_most: int = 450
    card_words: int = 80
    linkedin_characters: int = 300
    request_minutes: int = 30
    request_minutes_most: int = 45
    intro_seconds_least: int = 12
    intro_seconds: int = 30
    intro_seconds_most: int = 45
    voicemail_seconds: int = 45
    voicemail_seconds_most: int = 60
    phone_seconds: int = 15
    thank_you_days: int = 1
    thank_you_words: int = 150
    thank_you_words_most: int = 300
    follow_up_business_days: int = 7
    follow_up_words: int = 100
    follow_up_words_most: int = 200
    stay_in_touch_days: int = 14
    stay_in_touch_words: int = 150
    stay_in_touch_words_most: int = 300
    words_per_minute: int = 140
    closing_room_percent: int = 10

    def __post_init__(self) -> None:
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"{item.name} must be a positive whole number (got {value!r})")


#: One line per limit: why it has its value. Shown in the checks that use it.
REASONS: dict[str, str] = {
    "email_words": (
        "Short first e-mails get more replies; the method's own sample is longer, "
        "which suits a letter or a warm contact."
    ),
    "email_words_most": "Past this length a first e-mail is rarely read to the end.",
    "letter_words": "A letter can say more, but a busy reader still skims past a page.",
    "letter_words_most": "A letter over one page is usually put aside for later.",
    "card_words": "A card has room for a few handwritten lines.",
    "linkedin_characters": "LinkedIn cuts a connection note at this many characters.",
    "request_minutes": "15-30 minutes is an easy yes for most busy people.",
    "request_minutes_most": "A first request for longer than this is often declined.",
    "intro_seconds_least": (
        "Shorter than this rarely fits your name, your link to them, where you are and "
        "what you are exploring."
    ),
    "intro_seconds": (
        "About 30 seconds (65-75 words at a relaxed pace) holds attention and leaves them "
        "room to ask."
    ),
    "intro_seconds_most": "Past this a spoken introduction starts to feel like a speech.",
    "voicemail_seconds": "Most people listen to a short voicemail to the end.",
    "voicemail_seconds_most": "Long voicemails get skipped before the call-back details.",
    "phone_seconds": (
        "When they pick up, say who you are and ask if it is a good time before anything else:"
        " within about 15 seconds."
    ),
    "thank_you_days": "A thank-you sent within a day shows you valued the time; later still helps.",
    "thank_you_words": "A thank-you reads best when it fits on a phone screen.",
    "thank_you_words_most": "A long thank-you starts to ask for more of their time.",
    "follow_up_business_days": (
        "The 3B7 routine: wait 7 business days before a polite nudge to the same person."
    ),
    "follow_up_words": "A nudge should be shorter than the request it follows.",
    "follow_up_words_most": "A long follow-up reads as pressure.",
    "stay_in_touch_days": "An update means more once a few weeks have passed.",
    "stay_in_touch_words": "A short update is easy to enjoy and easy to answer.",
    "stay_in_touch_words_most": "A long update reads like a report.",
    "words_per_minute": "130-150 words a minute is a relaxed speaking pace.",
    "closing_room_percent": (
        "Keep about a tenth of the meeting free to thank them and write down the names they give."
    ),
}

#: Environment variable a facilitator can set for every notebook of a hub at once,
#: e.g. ``INFOVIEW_LIMITS="email_words=120, thank_you_days=2"``.
ENVIRONMENT_VARIABLE = "INFOVIEW_LIMITS"

_DEFAULT = Limits()
_current: Limits | None = None


def current() -> Limits:
    """The limits in force: the defaults, changed by ``$INFOVIEW_LIMITS`` and :func:`set_limits`."""
    global _current
    if _current is None:
        _current = dataclasses.replace(
            _DEFAULT, **limits_from_text(os.environ.get(ENVIRONMENT_VARIABLE, ""))
        )
    return _current


def limits_from_text(text: str) -> dict[str, int]:
    """``"email_words=120, thank_you_days=2"`` -> ``{"email_words": 120, "thank_you_days": 2}``.

    >>> limits_from_text("email_words=120; thank_you_days = 2")
    {'email_words': 120, 'thank_you_days': 2}
    >>> limits_from_text("email_words=lots")
    Traceback (most recent call last):
    ...
    ValueError: INFOVIEW_LIMITS: email_words must be a positive whole number (got 'lots')
    """
    known = {item.name for item in dataclasses.fields(Limits)}
    found: dict[str, int] = {}
    for part in re.split(r"[,;\s]+(?=[a-z_]+\s*=)", text.strip()):
        if not part.strip():
            continue
        name, _, value = (p.strip() for p in part.partition("="))
        if name not in known:
            raise ValueError(f"{ENVIRONMENT_VARIABLE}: no limit named {name}")
        if not value.isdigit() or int(value) <= 0:
            raise ValueError(
                f"{ENVIRONMENT_VARIABLE}: {name} must be a positive whole number (got {value!r})"
            )
        found[name] = int(value)
    return found


def set_limits(**changes: int) -> Limits:
    """Change some limits for every check from now on; returns the new limits.

    >>> set_limits(colour=3)
    Traceback (most recent call last):
    ...
    ValueError: no limit named colour; the limits are: email_words, email_words_most, ...
    """
    global _current
    known = {item.name for item in dataclasses.fields(Limits)}
    base = current()
    unknown = [name for name in changes if name not in known]
    if unknown:
        names = ", ".join(item.name for item in dataclasses.fields(Limits))
        shown = names if len(names) < 60 else ", ".join(names.split(", ")[:2]) + ", ..."
        raise ValueError(f"no limit named {unknown[0]}; the limits are: {shown}")
    _current = dataclasses.replace(base, **changes)
    return _current


def reset_limits() -> Limits:
    """Back to the defaults (and ``$INFOVIEW_LIMITS``, when set)."""
    global _current
    _current = None
    return current()


def reason(name: str) -> str:
    """The one-line reason behind limit ``name``."""
    return REASONS[name]
