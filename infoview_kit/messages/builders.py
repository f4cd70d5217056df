"""Write the messages of an information interview, and check them as you type.

Each builder takes the parts of a message as keyword arguments, renders a
Jinja2 template from ``data/templates`` (a formal and a warm version of each)
and returns a :class:`Draft`: the text, subject-line ideas for e-mail, and a
list of :class:`Check` results (``ok``, ``warn`` or ``fail``) that explain what
to improve. Nothing here reads or writes files other than the templates, and
nothing is sent: :func:`to_eml` makes an unsent draft you open in a mail app.

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
import email.policy
import email.utils
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from functools import lru_cache
from typing import Any, Literal

__all__ = [
    "CHANNELS",
    "TONES",
    "Check",
    "Checks",
    "Draft",
    "check_request_text",
    "find_job_asks",
    "follow_up",
    "introduction",
    "request_message",
    "speaking_seconds",
    "stay_in_touch_update",
    "thank_you",
    "to_eml",
    "voicemail",
    "word_count",
]

Severity = Literal["ok", "warn", "fail"]

#: Written channels a request can go out on (a phone call uses :func:`voicemail`).
CHANNELS: tuple[str, ...] = ("email", "linkedin", "letter")

#: Tones every message template comes in.
TONES: tuple[str, ...] = ("warm", "formal")

#: A LinkedIn connection note may hold at most this many characters.
LINKEDIN_NOTE_LIMIT = 300

#: Body length (words) of a first e-mail request: ideal, and the point where it is too long.
EMAIL_WORDS_IDEAL = 75
EMAIL_WORDS_MAX = 100
#: A letter may be longer, but not much.
LETTER_WORDS_IDEAL = 150
LETTER_WORDS_MAX = 220

_SYMBOLS = {"ok": "✓", "warn": "!", "fail": "✗"}
_LABELS = {"ok": "OK", "warn": "Consider", "fail": "Fix"}
_COLOURS = {"ok": "#1b6e20", "warn": "#8a4b00", "fail": "#b0151f"}


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Check:
    """One check on a draft: ``severity`` is ``"ok"`` (passed), ``"warn"`` or ``"fail"``.

    >>> Check("length", False, "82 words; aim for 75 or fewer.", "warn").line()
    '! Consider – length: 82 words; aim for 75 or fewer.'
    """

    name: str
    passed: bool
    message: str
    severity: Severity = "ok"

    def __post_init__(self) -> None:
        if self.severity not in _SYMBOLS:
            raise ValueError(f"severity must be one of ok, warn, fail (got {self.severity!r})")

    @property
    def symbol(self) -> str:
        """✓ (ok), ! (warn) or ✗ (fail)."""
        return _SYMBOLS[self.severity]

    @property
    def label(self) -> str:
        """The severity in words: OK, Consider or Fix."""
        return _LABELS[self.severity]

    def line(self) -> str:
        """The check as one plain-text line, readable without colour."""
        return f"{self.symbol} {self.label} – {self.name}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "passed": self.passed,
            "message": self.message,
            "severity": self.severity,
        }


class Checks(list):
    """A list of :class:`Check` that shows itself as ✓ / ! / ✗ lines (text and HTML).

    >>> Checks([Check("names", True, "two names.")])
    ✓ OK – names: two names.
    """

    @property
    def passed(self) -> bool:
        """True when nothing failed (warnings allowed)."""
        return all(c.severity != "fail" for c in self)

    def lines(self) -> list[str]:
        return [c.line() for c in self]

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def __repr__(self) -> str:
        return str(self) if self else "(no checks)"

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython plain-text display
        printer.text(repr(self))

    def to_html(self) -> str:
        """The checks as an HTML list: symbol, word and colour (user text escaped)."""
        from html import escape

        items = "".join(
            f'<li class="iv-check iv-{c.severity}" '
            f'style="margin:0.15em 0;color:{_COLOURS[c.severity]}">'
            f'<span aria-hidden="true" style="display:inline-block;width:1.2em;font-weight:bold">'
            f"{c.symbol}</span><strong>{c.label}</strong> &ndash; "
            f"{escape(c.name)}: {escape(c.message)}</li>"
            for c in self
        )
        style = "list-style:none;padding-left:0;margin:0.3em 0;line-height:1.4"
        return f'<ul class="iv-checks" style="{style}">{items}</ul>'

    def _repr_html_(self) -> str:
        return self.to_html()


def _ok(name: str, message: str) -> Check:
    return Check(name, True, message, "ok")


def _warn(name: str, message: str) -> Check:
    return Check(name, False, message, "warn")


def _fail(name: str, message: str) -> Check:
    return Check(name, False, message, "fail")


@dataclass(frozen=True)
class Draft:
    """A composed message: text, optional subject, and the checks it went through.

    ``fields`` keeps the inputs the builder was called with, so a saved draft
    can be reopened and rebuilt. ``body`` is the part of the text between the
    greeting and the sign-off (the whole text for spoken pieces).
    """

    kind: str
    text: str
    subject: str | None = None
    checks: list[Check] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    channel: str | None = None
    body: str = ""
    words_per_minute: int = 140
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def words(self) -> int:
        """Words in the body (what readers judge the length by)."""
        return word_count(self.body or self.text)

    @property
    def characters(self) -> int:
        """Characters in the whole text (what LinkedIn counts)."""
        return len(self.text)

    @property
    def seconds(self) -> int:
        """About how long the whole text takes to say aloud."""
        return speaking_seconds(self.text, words_per_minute=self.words_per_minute)

    @property
    def passed(self) -> bool:
        """True when no check failed (warnings allowed)."""
        return all(c.severity != "fail" for c in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if c.severity == "fail"]

    @property
    def warnings(self) -> list[Check]:
        return [c for c in self.checks if c.severity == "warn"]

    def check_lines(self) -> list[str]:
        """Every check as a ✓ / ! / ✗ line with words."""
        return [c.line() for c in self.checks]

    def stats(self) -> str:
        """A one-line summary of length: words, characters, speaking time."""
        spoken = self.kind in ("introduction", "voicemail")
        parts = [f"{self.words} words"]
        if self.channel == "linkedin":
            parts.append(f"{self.characters} of {LINKEDIN_NOTE_LIMIT} characters")
        else:
            parts.append(f"{self.characters} characters")
        if spoken:
            parts.append(
                f"about {self.seconds} seconds to say at {self.words_per_minute} words a minute"
            )
        return " · ".join(parts)

    def plain_text(self) -> str:
        """The text, with a ``Subject:`` line first when there is a subject."""
        if self.subject:
            return f"Subject: {self.subject}\n\n{self.text}"
        return self.text

    def to_html(self) -> str:
        """An HTML preview: subject, text, length and checks (user text escaped)."""
        template = _environment().get_template("draft.html.j2")
        return template.render(
            subject=self.subject,
            other_subjects=[s for s in self.subjects if s != self.subject],
            text=self.text,
            stats=self.stats(),
            checks=self.checks,
            colours=_COLOURS,
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (saved next to a draft so it can be reopened)."""
        return {
            "kind": self.kind,
            "channel": self.channel,
            "subject": self.subject,
            "subjects": list(self.subjects),
            "text": self.text,
            "fields": {k: _jsonable(v) for k, v in self.fields.items()},
            "checks": [c.to_dict() for c in self.checks],
            "passed": self.passed,
        }

    def __repr__(self) -> str:
        worst = "passes" if self.passed else f"{len(self.failures)} to fix"
        return f"<Draft {self.kind}: {self.words} words, {worst}, {len(self.warnings)} to consider>"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------- text helpers

_WORD = re.compile(r"[^\W_]+(?:['’.\-@][^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_LONG_NUMBER = re.compile(r"\d[\d\s().\-]{5,}\d")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_ENDS_WITH_LINK = re.compile(r"(?:https?://|www\.)\S+$|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+$")


def word_count(text: str) -> int:
    """Words in ``text`` (contractions, hyphenated words and e-mails count once).

    >>> word_count("I'm a part-time data-journalism student. Write to ada@example.com!")
    8
    >>> word_count("")
    0
    """
    return len(_WORD.findall(text or ""))


def speaking_seconds(text: str, *, words_per_minute: int = 140) -> int:
    """About how many seconds ``text`` takes to say at ``words_per_minute``.

    A phone number is read digit by digit and an e-mail address part by part
    ("ada dot example at example dot com"), so they count for more than one word.

    >>> speaking_seconds("word " * 70, words_per_minute=140)
    30
    >>> speaking_seconds("Call me on 555 0142 or ada@example.com", words_per_minute=120)
    8
    """
    if words_per_minute <= 0:
        raise ValueError("words_per_minute must be a positive number")
    text = text or ""
    extra = 0
    for number in _LONG_NUMBER.findall(text):
        digits = sum(ch.isdigit() for ch in number)
        extra += digits - len(re.findall(r"\d+", number))
    for address in _EMAIL.findall(text):
        parts = re.split(r"[.@]", address)
        # "ada . example @ example . com": each part plus each "dot"/"at"
        extra += 2 * len(parts) - 1 - word_count(address)
    words = word_count(text) + extra
    return round(words / words_per_minute * 60)


def _clean(value: Any) -> str:
    """User text as one tidy string: None -> "", spaces collapsed, ends trimmed."""
    if value is None:
        return ""
    text = str(value)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return text.strip()


def _sentence(value: Any) -> str:
    """A fragment turned into a sentence: capital first letter, final full stop."""
    text = _clean(value)
    if not text:
        return ""
    if text[0].islower():
        text = text[0].upper() + text[1:]
    if text[-1] not in ".!?…\"'”’)" and not _ENDS_WITH_LINK.search(text):
        text += "."
    return text


def _clause(value: Any) -> str:
    """A fragment to embed mid-sentence: trailing punctuation removed."""
    return _clean(value).rstrip(" .,;:!")


def _first_name(value: Any) -> str:
    text = _clean(value)
    if not text:
        return ""
    titles = {"dr", "dr.", "prof", "prof.", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "mx", "mx."}
    tokens = text.split()
    if len(tokens) > 1 and tokens[0].casefold() in titles:
        return text  # "Dr Rivera": keep the title, a first name would be too familiar
    return tokens[0]


_WINDOW_LEADS = (
    "in ",
    "within ",
    "during ",
    "over ",
    "before ",
    "by ",
    "this ",
    "next ",
    "sometime ",
    "some time ",
    "later ",
    "early ",
    "around ",
    "after ",
    "on ",
    "any ",
)


def _window_phrase(value: Any) -> str:
    """``the next two weeks`` -> ``in the next two weeks``; ``next week`` stays."""
    text = _clause(value)
    if not text:
        return ""
    if text.casefold().startswith(_WINDOW_LEADS):
        return text
    return "in " + text


_ACTION_SUBJECT = re.compile(r"^(?:i\s+have|i've|i’ve|i)\s+", re.IGNORECASE)


def _action(value: Any) -> str:
    """``I have joined the network.`` -> ``joined the network`` (the template adds "I've")."""
    text = _ACTION_SUBJECT.sub("", _clause(value))
    if text[:1].isupper() and not text[:2].isupper():
        text = text[0].lower() + text[1:]
    return text


def _tidy(text: str) -> str:
    """Collapse the spaces and blank lines that optional template parts leave behind."""
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    out = "\n".join(lines)
    out = re.sub(r" +([,.;:?!])", r"\1", out)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()


def _sentences(text: str) -> list[str]:
    flat = re.sub(r"\s+", " ", text or "").strip()
    if not flat:
        return []
    return [s for s in _SENTENCE_END.split(flat) if s]


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").casefold()).strip()


# --------------------------------------------------------------------------- templates


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("infoview_kit.messages", "templates"),
        # plain-text messages are not escaped; the HTML preview is
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "html"), default=False),
        # no block trimming: templates keep their line breaks, _tidy cleans up
        keep_trailing_newline=False,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        sentence=_sentence,
        clause=_clause,
        first_name=_first_name,
        window_phrase=_window_phrase,
        action=_action,
    )
    return env


def _render(name: str, context: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """Render template ``name``: the whole text and each named block on its own."""
    template = _environment().get_template(name)
    text = _tidy(template.render(**context))
    blocks = {}
    for block, render_block in template.blocks.items():
        blocks[block] = _tidy("".join(render_block(template.new_context(dict(context)))))
    return text, blocks


def _choose(kind: str, tone: str, channel: str | None = None) -> str:
    if tone not in TONES:
        raise ValueError(f"tone must be one of {', '.join(TONES)} (got {tone!r})")
    middle = f"_{channel}" if channel else ""
    return f"{kind}{middle}_{tone}.txt.j2"


# --------------------------------------------------------------------------- shared checks


_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,60}\]")


def _placeholders(text: str) -> list[Check]:
    """A failing check when words in [square brackets] are still waiting to be replaced."""
    found = _PLACEHOLDER.findall(text or "")
    if not found:
        return []
    shown = ", ".join(dict.fromkeys(found[:3]))
    return [_fail("fill in the blanks", f"replace {shown} with your own words.")]


def _presence(name: str, value: str, missing: str, *, severity: Severity = "fail") -> Check:
    if value:
        return _ok(name, "included.")
    return Check(name, False, missing, severity)


def _length_check(words: int, *, ideal: int, most: int, unit: str = "words") -> Check:
    if words <= ideal:
        return _ok("length", f"{words} {unit}, within the {ideal} that reads at a glance.")
    if words <= most:
        return _warn("length", f"{words} {unit}; aim for {ideal} or fewer so it reads at a glance.")
    return _fail("length", f"{words} {unit}; keep it well under {most} (ideally {ideal}).")


def _ends_with_question(body: str) -> Check:
    sentences = _sentences(body)
    if sentences and sentences[-1].rstrip("\"'”’)").endswith("?"):
        return _ok("ends with a question", "the last sentence asks something they can answer.")
    return _warn(
        "ends with a question",
        "finish with a question (for example about a short call), so a reply is easy.",
    )


# Job-asking wording. Strong phrases are requests for a job and fail; single
# words warn, because they are often innocent ("your job", "my current job").
_STRONG_JOB_ASKS = [
    r"\b(?:hire|employ|recruit)\s+me\b",
    r"\brefer\s+me\b",
    r"\b(?:are|is)\s+(?:you|your\s+\w+|they)\s+(?:currently\s+|still\s+)?hiring\b",
    r"\b(?:you|they|we|your\s+\w+)\s*(?:are|'re|’re|is)\s+(?:currently\s+|still\s+)?hiring\b",
    r"\b(?:any|open|current|available)\s+(?:job\s+)?(?:openings?|positions?|vacanc(?:y|ies)|roles)\b",
    r"\bjob\s+(?:openings?|offers?|opportunit(?:y|ies)|vacanc(?:y|ies))\b",
    r"\bvacanc(?:y|ies)\b",
    r"\binternship\s+(?:offers?|openings?|positions?)\b",
    r"\b(?:looking|searching|applying)\s+for\s+(?:a\s+|an\s+)?(?:new\s+)?"
    r"(?:jobs?|positions?|roles?|internships?|employment)\b",
    r"\b(?:give|offer|get)\s+me\s+(?:a\s+|an\s+)?(?:job|position|role|internship|interview)\b",
    r"\b(?:put|pass)\s+(?:in\s+)?(?:a\s+)?(?:good\s+)?word\s+(?:in\s+)?for\s+me\b",
]
_WEAK_JOB_ASKS = [
    r"\bjob[\s-]+(?:search(?:ing)?|hunt(?:ing)?)\b",
    r"\bmy\s+(?:cv|r[eé]sum[eé])\b",
    r"\b(?:hiring|hire|jobs?|positions?|openings?|internships?)\b",
]
#: A single job word preceded by one of these is about someone's work, not a request.
_INNOCENT_BEFORE = {
    "your",
    "their",
    "his",
    "her",
    "its",
    "my",
    "our",
    "current",
    "previous",
    "first",
    "day",
    "dream",
}
_INNOCENT_PHRASES = re.compile(
    r"\b(?:in\s+a\s+position\s+to|position\s+(?:on|of)\s)", re.IGNORECASE
)


def find_job_asks(text: str) -> list[tuple[str, Severity]]:
    """Phrases in ``text`` that sound like asking for a job, with how sure we are.

    The rule, in words:

    * ``fail``: wording that asks for a job or a referral outright ("are you
      hiring", "any openings", "job opportunities", "hire me", "refer me",
      "vacancy", "internship offer", "looking for a job/position/internship",
      "put in a good word for me").
    * ``warn``: mentioning a job search or your CV, or a lone job word ("job",
      "position", "opening", "hiring", "internship"), *unless* a possessive or
      a word like "current" comes just before it ("your job", "their hiring
      process", "my current job", "a day job"): those describe work, they do
      not ask for it. "in a position to" and "the position of" are never flagged.

    >>> find_job_asks("Are you hiring? I'd love to hear about your job.")
    [('Are you hiring', 'fail')]
    >>> find_job_asks("I'm in the middle of a job search.")
    [('job search', 'warn')]
    >>> find_job_asks("What does a typical week in your position look like?")
    []
    """
    text = text or ""
    masked = _INNOCENT_PHRASES.sub(lambda m: " " * len(m.group(0)), text)
    found: list[tuple[str, Severity]] = []
    taken: list[tuple[int, int]] = []

    def overlaps(span: tuple[int, int]) -> bool:
        return any(span[0] < end and start < span[1] for start, end in taken)

    for pattern in _STRONG_JOB_ASKS:
        for match in re.finditer(pattern, masked, re.IGNORECASE):
            if not overlaps(match.span()):
                taken.append(match.span())
                found.append((match.group(0), "fail"))
    for pattern in _WEAK_JOB_ASKS:
        single = pattern == _WEAK_JOB_ASKS[-1]
        for match in re.finditer(pattern, masked, re.IGNORECASE):
            if overlaps(match.span()):
                continue
            if single:
                before = re.findall(r"[\w’']+", masked[: match.start()])
                if before and before[-1].casefold() in _INNOCENT_BEFORE:
                    continue
            taken.append(match.span())
            found.append((match.group(0), "warn"))
    order = {span: i for i, span in enumerate(taken)}
    pairs = sorted(zip(taken, found, strict=True), key=lambda p: (p[0][0], order[p[0]]))
    return [f for _, f in pairs]


def _job_check(text: str) -> Check:
    asks = find_job_asks(text)
    if not asks:
        return _ok("asks for advice, not a job", "no job-hunting wording.")
    quoted = ", ".join(f"“{phrase}”" for phrase, _ in asks[:3])
    if any(sev == "fail" for _, sev in asks):
        return _fail(
            "asks for advice, not a job",
            f"{quoted} reads as asking for a job; ask for their advice and experience instead.",
        )
    return _warn(
        "asks for advice, not a job",
        f"{quoted} may read as job hunting; make sure you are asking for advice and information.",
    )


_NUMBER_WORDS = {
    "five": 5,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "twenty-five": 25,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "sixty": 60,
}
_DURATION = re.compile(
    r"\b(\d{1,3}|"
    + "|".join(_NUMBER_WORDS)
    + r")(?:\s*(?:-|to|or)\s*\d{1,3})?[\s-]*(?:minutes?|mins?)\b",
    re.IGNORECASE,
)
_HALF_HOUR = re.compile(
    r"\b(?:half\s+an\s+hour|quarter\s+of\s+an\s+hour|an\s+hour)\b", re.IGNORECASE
)


def _duration_minutes(text: str) -> int | None:
    match = _DURATION.search(text)
    if match:
        token = match.group(1).casefold()
        return int(token) if token.isdigit() else _NUMBER_WORDS[token]
    half = _HALF_HOUR.search(text)
    if half:
        phrase = half.group(0).casefold()
        return 30 if phrase.startswith("half") else 15 if phrase.startswith("quarter") else 60
    return None


def _duration_check(text: str) -> Check:
    minutes = _duration_minutes(text)
    if minutes is None:
        return _fail("short, stated length", "say how long you are asking for, e.g. 20 minutes.")
    if minutes <= 0:
        return _fail(
            "short, stated length", "the length of the conversation must be more than zero."
        )
    if minutes <= 30:
        return _ok("short, stated length", f"{minutes} minutes is an easy yes.")
    if minutes <= 45:
        return _warn(
            "short, stated length", f"{minutes} minutes is a big ask; 15-30 is easier to grant."
        )
    return _fail(
        "short, stated length", f"{minutes} minutes is too long for a first request; ask for 15-30."
    )


_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WINDOW = re.compile(
    r"\b(?:(?:next|coming|following)\s+(?:(?:few|several|two|three|four|couple\s+of|\d+)"
    r"(?:\s+(?:or|to)\s+(?:two|three|four|five|six|\d+))?\s+)?(?:days|weeks?|months?)"
    r"|this\s+(?:week|month|term|spring|summer|autumn|fall|winter)"
    r"|next\s+(?:week|month)"
    r"|(?:in|before|by|during|early|late|mid)[\s-]+(?:" + _MONTHS + r")"
    r"|within\s+\w+\s+(?:days|weeks?)"
    r"|before\s+the\s+end\s+of)",
    re.IGNORECASE,
)


def _window_check(text: str) -> Check:
    if _WINDOW.search(text):
        return _ok("time window", "you say roughly when.")
    return _warn("time window", "suggest a window, e.g. 'in the next two or three weeks'.")


_FLEXIBLE = re.compile(
    r"\b(?:whenever\s+(?:it\s+)?suits|(?:a\s+)?time\s+that\s+suits|suits\s+you|at\s+your\s+convenience"
    r"|convenient\s+(?:to|for)\s+you|fit\s+(?:around\s+)?your\s+(?:schedule|diary|calendar)"
    r"|works?\s+(?:best\s+)?for\s+you|flexible|work\s+around\s+your)",
    re.IGNORECASE,
)


def _flexibility_check(text: str) -> Check:
    if _FLEXIBLE.search(text):
        return _ok("fits their schedule", "you offer to fit around them.")
    return _warn("fits their schedule", "offer to fit their schedule, e.g. 'whenever suits you'.")


_EXIT = re.compile(
    r"\b(?:by\s+e-?mail|questions?\s+(?:by|over)\s+(?:e-?mail|message)|reply\s+here|answers?\s+by"
    r"|someone\s+else|a\s+colleague|another\s+person|if\s+(?:now|this|that|a\s+call|a\s+conversation)\s+is"
    r"|(?:completely|totally|fully)\s+understand|no\s+pressure|hard\s+to\s+fit|difficult\s+to\s+arrange)",
    re.IGNORECASE,
)


def _exit_check(text: str) -> Check:
    if _EXIT.search(text):
        return _ok("graceful exit", "you offer an easier alternative.")
    return _warn(
        "graceful exit",
        "offer an easy alternative, e.g. a few questions by e-mail or someone else to ask.",
    )


_THANKS = re.compile(r"\b(?:thank|thanks|grateful|appreciate)", re.IGNORECASE)


def _thanks_check(text: str) -> Check:
    if _THANKS.search(text):
        return _ok("thanks", "you thank them.")
    return _warn("thanks", "thank them for considering it.")


def _split_message(text: str) -> tuple[str, str, str]:
    """(greeting, body, sign-off) of a free-text message, judged from its shape."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", (text or "").strip()) if p.strip()]
    if not paragraphs:
        return "", "", ""
    greeting = ""
    first_line, _, rest = paragraphs[0].partition("\n")
    if word_count(first_line) <= 5 and first_line.rstrip().endswith((",", ":", "!")):
        greeting = first_line.strip()
        paragraphs[0] = rest.strip()
        if not paragraphs[0]:
            paragraphs.pop(0)
    signoff_lines: list[str] = []
    if paragraphs:
        last = paragraphs[-1].split("\n")
        if all(word_count(line) <= 5 for line in last) and len(last) <= 4:
            signoff_lines = last
            paragraphs.pop()
    return greeting, "\n\n".join(paragraphs), "\n".join(signoff_lines)


def check_request_text(
    text: str, *, channel: str = "email", body: str | None = None
) -> list[Check]:
    """Check a request message you wrote or edited yourself.

    ``body`` is the text between greeting and sign-off; when it is not given it
    is found from the shape of the message (a short greeting line such as
    "Hi Dana," and a short closing such as "Thanks,\\nAda").

    >>> text = '''Hi Dana,
    ...
    ... Lee Park suggested I write. Could we talk for 20 minutes in the next
    ... two weeks, whenever suits you? If not, a few questions by e-mail would be great.
    ...
    ... Thanks,
    ... Ada'''
    >>> [c.symbol + " " + c.name for c in check_request_text(text)]
    ['✓ asks for advice, not a job', '✓ short, stated length', '✓ time window',
     '✓ fits their schedule', '✓ graceful exit', '! ends with a question', '✓ thanks', '✓ length']
    """
    if channel not in CHANNELS:
        raise ValueError(f"channel must be one of {', '.join(CHANNELS)} (got {channel!r})")
    if body is None:
        _, body, _ = _split_message(text)
    checks = [
        _job_check(text),
        _duration_check(text),
        _window_check(text),
        _flexibility_check(text),
        _exit_check(text),
        _ends_with_question(body),
        _thanks_check(text),
    ]
    if channel == "linkedin":
        n = len(text)
        if n > LINKEDIN_NOTE_LIMIT:
            checks.append(
                _fail(
                    "LinkedIn limit",
                    f"{n} characters; a connection note holds {LINKEDIN_NOTE_LIMIT}.",
                )
            )
        elif n > LINKEDIN_NOTE_LIMIT - 20:
            checks.append(
                _warn(
                    "LinkedIn limit", f"{n} of {LINKEDIN_NOTE_LIMIT} characters: right at the edge."
                )
            )
        else:
            checks.append(_ok("LinkedIn limit", f"{n} of {LINKEDIN_NOTE_LIMIT} characters."))
    elif channel == "letter":
        checks.append(
            _length_check(word_count(body), ideal=LETTER_WORDS_IDEAL, most=LETTER_WORDS_MAX)
        )
    else:
        checks.append(
            _length_check(word_count(body), ideal=EMAIL_WORDS_IDEAL, most=EMAIL_WORDS_MAX)
        )
    return checks


# --------------------------------------------------------------------------- dates


def _as_date(value: Any, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime().date()
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise ValueError(f"{what}: expected a date such as 2025-06-05")


def _long_date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def _business_days(start: dt.date, end: dt.date) -> int:
    import numpy as np

    return int(np.busday_count(start, end))


# --------------------------------------------------------------------------- builders


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
    school or group; and it takes about 30 seconds or less to say at
    ``words_per_minute`` (130-150 is a relaxed speaking pace).

    >>> d = introduction(full_name="Bo Sample", connection="", background="I teach maths",
    ...                  interests="learning design")
    >>> print(*[c.line() for c in d.checks if not c.passed])
    ✗ Fix – connection: say how you are connected: who suggested them, or the school or group
    you share.
    """
    values = {
        "full_name": _clean(full_name),
        "connection": _clean(connection),
        "background": _clean(background),
        "interests": _clean(interests),
    }
    text, _ = _render(_choose("introduction", tone), values)
    checks = [
        _name_check(values["full_name"]),
        _presence(
            "connection",
            values["connection"],
            "say how you are connected: who suggested them, or the school or group you share.",
        ),
    ]
    if values["connection"]:
        checks.append(_connection_named(values["connection"]))
    checks += [
        _presence(
            "background",
            values["background"],
            "add a line about where you are now (studies, work).",
        ),
        _presence("interests", values["interests"], "say what you are exploring or hoping to do."),
    ]
    seconds = speaking_seconds(text, words_per_minute=words_per_minute)
    words = word_count(text)
    if seconds <= 30:
        checks.append(_ok("about 30 seconds", f"{words} words, about {seconds} seconds to say."))
    elif seconds <= 40:
        checks.append(
            _warn(
                "about 30 seconds",
                f"{words} words, about {seconds} seconds; trim towards 30 (65-75 words).",
            )
        )
    else:
        checks.append(
            _fail(
                "about 30 seconds",
                f"{words} words, about {seconds} seconds; cut it to about 30 (65-75 words).",
            )
        )
    checks += _placeholders(text)
    return Draft(
        kind="introduction",
        text=text,
        checks=checks,
        body=text,
        words_per_minute=words_per_minute,
        fields={**values, "words_per_minute": words_per_minute, "tone": tone},
    )


def _name_check(full_name: str, *, what: str = "your full name") -> Check:
    if not full_name:
        return _fail("full name", f"add {what}.")
    if len(full_name.split()) < 2:
        return _warn("full name", f"give {what} (first and last), so they can find you again.")
    return _ok("full name", "included.")


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
        return _ok("connection named", "you name the link between you.")
    return _warn(
        "connection named",
        "name the person, school, event or group that links you (e.g. 'Dana Okafor suggested...').",
    )


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
    medium: str = "phone or video",
    tone: str = "warm",
    your_email: str | None = None,
    your_phone: str | None = None,
    referrer: str | None = None,
    subject: str | None = None,
) -> Draft:
    """A request for a short conversation, by e-mail, LinkedIn note or letter.

    The message states the connection first, says who you are and what you are
    exploring, what you hope to learn, asks for ``duration_minutes`` by
    ``medium`` within ``window`` at their convenience, offers an easier
    alternative, and ends with a question. ``referrer`` (the person who
    suggested them) only feeds the subject-line ideas.

    Checks: names present; the connection comes in the first two sentences;
    no job-asking wording (see :func:`find_job_asks`); a short stated length and
    a time window; flexibility; a graceful exit; a closing question; thanks;
    length (e-mail: ideally 75 words or fewer, never more than 100; letter: 150
    and 220; LinkedIn: the whole note within 300 characters).

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
    try:
        minutes = int(duration_minutes)
    except (TypeError, ValueError):
        raise ValueError("duration_minutes must be a whole number of minutes") from None
    values = {
        "your_name": _clean(your_name),
        "contact_name": _clean(contact_name),
        "connection": _clean(connection),
        "situation": _clean(situation),
        "interest": _clean(interest),
        "hope_to_learn": _clean(hope_to_learn),
        "duration_minutes": minutes,
        "window": _clean(window),
        "medium": _clean(medium) or "phone or video",
        "your_email": _clean(your_email),
        "your_phone": _clean(your_phone),
    }
    text, blocks = _render(_choose("request", tone, channel), values)
    body = blocks["body"]
    checks = [
        _name_check(values["your_name"]),
        _presence("their name", values["contact_name"], "greet them by name.", severity="fail"),
        _connection_early(values["connection"], body),
        _presence(
            "who you are",
            values["situation"],
            "say where you are now (studies, role).",
            severity="warn",
        ),
        _presence(
            "what you are exploring",
            values["interest"],
            "name the field or question you are exploring.",
        ),
    ]
    if channel != "linkedin":
        checks.append(
            _presence(
                "what you hope to learn",
                values["hope_to_learn"],
                "say what you hope to learn from them (their path, advice on...).",
                severity="warn",
            )
        )
    if minutes <= 0:
        checks.append(
            _fail("short, stated length", "the length of the conversation must be more than zero.")
        )
    checks += [
        c
        for c in check_request_text(text, channel=channel, body=body)
        if not (minutes <= 0 and c.name == "short, stated length")
    ]
    subjects = _request_subjects(values, referrer=_clean(referrer)) if channel == "email" else []
    checks += _placeholders(text)
    return Draft(
        kind="request",
        text=text,
        subject=_subject_line(subject, subjects),
        subjects=_with_subject(subject, subjects),
        checks=checks,
        channel=channel,
        body=body,
        fields={
            **values,
            "channel": channel,
            "tone": tone,
            "referrer": _clean(referrer),
            "subject": _clean(subject),
        },
    )


def _connection_early(connection: str, body: str) -> Check:
    name = "connection first"
    if not connection:
        return _fail(
            name, "open with how you are connected (who suggested them, a shared school...)."
        )
    opening = _fold(" ".join(_sentences(body)[:2]))
    if _fold(_clause(connection)) in opening:
        return _ok(name, "the connection comes in the opening lines.")
    return _warn(name, "move the connection into the first two sentences.")


def _subject_line(chosen: str | None, suggestions: list[str]) -> str | None:
    """The subject: the one typed or chosen, else the first suggestion (e-mail only)."""
    if not suggestions:
        return None
    return _clean(chosen).replace("\n", " ") or suggestions[0]


def _with_subject(chosen: str | None, suggestions: list[str]) -> list[str]:
    if not suggestions:
        return []
    first = _subject_line(chosen, suggestions)
    return [first, *(s for s in suggestions if s != first)]


def _shorten(text: str, words: int = 6) -> str:
    tokens = _clause(text).split()
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
        subjects.append(_sentence(_shorten(values["connection"], 8)).rstrip("."))
    return subjects


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

    Say the numbers slowly. Checks: each detail is given twice (once near the
    start, once near the end); you say when you will try again; the message is
    short enough to be heard out (about 45 seconds or less).

    >>> d = voicemail(your_name="Ada Example", phone="555 0142", email="ada@example.com",
    ...     contact_name="Dana Okafor", connection="Lee Park suggested I call",
    ...     purpose="I'm exploring public health careers and would value 15 minutes of your advice")
    >>> d.passed, d.seconds <= 45
    (True, True)
    """
    values = {
        "your_name": _clean(your_name),
        "phone": _clean(phone),
        "email": _clean(email),
        "contact_name": _clean(contact_name),
        "connection": _clean(connection),
        "purpose": _clean(purpose),
        "retry_in": _clean(retry_in),
    }
    context = {**values, "retry_in": values["retry_in"] or "a couple of weeks"}
    text, _ = _render(_choose("voicemail", tone), context)
    checks = [
        _name_check(values["your_name"]),
        _presence("your phone number", values["phone"], "give your phone number."),
        _presence("your e-mail", values["email"], "give your e-mail address."),
    ]
    details = [v for v in (values["your_name"], values["phone"], values["email"]) if v]
    if details:
        checks.append(_said_twice(text, details))
    checks += [
        _presence("their name", values["contact_name"], "greet them by name.", severity="warn"),
        _presence(
            "connection", values["connection"], "say how you are connected.", severity="warn"
        ),
        _presence("why you are calling", values["purpose"], "say in one line why you are calling."),
        _presence(
            "when you will try again",
            values["retry_in"],
            "say when you will call again, e.g. 'in a couple of weeks'.",
            severity="warn",
        ),
    ]
    seconds = speaking_seconds(text, words_per_minute=words_per_minute)
    if seconds <= 45:
        checks.append(_ok("short enough", f"about {seconds} seconds when read slowly."))
    elif seconds <= 60:
        checks.append(_warn("short enough", f"about {seconds} seconds; aim for 45 or less."))
    else:
        checks.append(
            _fail("short enough", f"about {seconds} seconds; long messages get skipped, cut to 45.")
        )
    checks += _placeholders(text)
    return Draft(
        kind="voicemail",
        text=text,
        checks=checks,
        channel="voicemail",
        body=text,
        words_per_minute=words_per_minute,
        fields={**values, "words_per_minute": words_per_minute, "tone": tone},
    )


def _said_twice(text: str, details: Iterable[str]) -> Check:
    folded = _fold(text)
    third = max(len(folded) // 3, 1)
    ok = True
    for detail in details:
        needle = _fold(detail)
        first = folded.find(needle)
        last = folded.rfind(needle)
        if first < 0 or first == last or first > third or last < len(folded) - third - len(needle):
            ok = False
    if ok:
        return _ok("details twice", "name, number and e-mail at the start and again at the end.")
    return _warn(
        "details twice", "give your name, number and e-mail at the start and again at the end."
    )


_GENERIC = re.compile(
    r"^(?:a\s+lot|lots|so\s+much|much|many\s+things|everything|all\s+of\s+it|your\s+advice|your\s+story"
    r"|it|stuff|things|a\s+lot\s+of\s+things|interesting\s+things)\W*$",
    re.IGNORECASE,
)


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

    ``sent_on`` defaults to today. Checks: what you learned is specific (a few
    words, not "a lot"); you name an action taken; it goes out within a day of
    ``meeting_on``.

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
    meeting_day = _as_date(meeting_on, "meeting_on")
    sent_day = _as_date(sent_on, "sent_on") if sent_on not in (None, "") else dt.date.today()
    values = {
        "contact_name": _clean(contact_name),
        "your_name": _clean(your_name),
        "learned": _clean(learned),
        "action_taken": _clean(action_taken),
        "next_step": _clean(next_step),
    }
    days = (sent_day - meeting_day).days
    when = (
        "today"
        if days == 0
        else "yesterday"
        if days == 1
        else f"on {meeting_day:%A}"
        if 1 < days < 7
        else f"on {meeting_day.day} {meeting_day:%B}"
    )
    text, blocks = _render(_choose("thank_you", tone), {**values, "when": when})
    checks = [
        _presence("their name", values["contact_name"], "greet them by name."),
        _presence("your name", values["your_name"], "sign with your name.", severity="warn"),
        _specific_learning(values["learned"]),
        _presence(
            "action taken",
            values["action_taken"],
            "say what you have done with their advice (read, joined, contacted...).",
        ),
    ]
    if days < 0:
        checks.append(
            _warn("within a day", "the meeting date is after the sending date; check the dates.")
        )
    elif days <= 1:
        checks.append(_ok("within a day", "it goes out within a day of the meeting."))
    elif days <= 3:
        checks.append(_warn("within a day", f"{days} days after the meeting; send it today."))
    else:
        checks.append(
            _fail("within a day", f"{days} days after the meeting; send it now and keep it warm.")
        )
    checks.append(_length_check(word_count(blocks["body"]), ideal=90, most=150))
    subjects = (
        [
            f"Thank you, {_first_name(values['contact_name'])}"
            if values["contact_name"]
            else "Thank you",
            "Thanks for your time and advice",
        ]
        if channel == "email"
        else []
    )
    checks += _placeholders(text)
    return Draft(
        kind="thank_you",
        text=text,
        subject=_subject_line(subject, subjects),
        subjects=_with_subject(subject, subjects),
        checks=checks,
        channel=channel,
        body=blocks["body"],
        fields={
            **values,
            "meeting_on": meeting_day,
            "sent_on": sent_day,
            "tone": tone,
            "channel": channel,
            "subject": _clean(subject),
        },
    )


def _specific_learning(learned: str) -> Check:
    name = "something specific"
    if not learned:
        return _fail(name, "name one thing you learned from them.")
    if _GENERIC.match(learned) or word_count(learned) < 4:
        return _warn(name, "be specific: which idea, tip or fact stayed with you?")
    return _ok(name, "you name what you learned.")


_PUSHY = re.compile(
    r"\b(?:haven'?t\s+heard|have\s+not\s+heard|no\s+(?:response|reply|answer)|didn'?t\s+(?:reply|answer|respond)"
    r"|ignored|still\s+waiting|as\s+i\s+(?:said|mentioned)|again\s+and\s+again|urgent(?:ly)?|asap)\b",
    re.IGNORECASE,
)


def follow_up(
    *,
    your_name: str,
    contact_name: str,
    sent_on: dt.date | str,
    interest: str,
    situation: str = "",
    today: dt.date | str | None = None,
    duration_minutes: int = 15,
    window: str = "the next few weeks",
    follow_ups_already_sent: int = 0,
    tone: str = "warm",
    channel: str = "email",
    subject: str | None = None,
) -> Draft:
    """One polite nudge after a request that got no reply.

    Wait at least 7 business days after the request (``sent_on``) before you
    send it, and send only one: after an unanswered follow-up, write to someone
    else instead. Checks: timing; a single follow-up; polite wording (no "you
    didn't reply"); a closing question; short.

    >>> d = follow_up(your_name="Ada Example", contact_name="Dana Okafor", sent_on="2025-06-02",
    ...               today="2025-06-09", interest="programme evaluation")
    >>> [c.line() for c in d.checks if c.name == "timing"]
    ['! Consider – timing: only 5 business days since your request; wait until Wednesday 11 June.']
    """
    sent_day = _as_date(sent_on, "sent_on")
    today_day = _as_date(today, "today") if today not in (None, "") else dt.date.today()
    values = {
        "your_name": _clean(your_name),
        "contact_name": _clean(contact_name),
        "interest": _clean(interest),
        "situation": _clean(situation),
        "duration_minutes": int(duration_minutes),
        "window": _clean(window),
    }
    text, blocks = _render(
        _choose("follow_up", tone), {**values, "sent_on_text": _long_date(sent_day)}
    )
    body = blocks["body"]
    checks = [
        _presence("their name", values["contact_name"], "greet them by name."),
        _name_check(values["your_name"]),
        _presence(
            "what you are exploring",
            values["interest"],
            "remind them in a few words what you are exploring.",
        ),
    ]
    waited = _business_days(sent_day, today_day)
    if waited >= 7:
        checks.append(_ok("timing", f"{waited} business days since your request."))
    else:
        import numpy as np

        ready = np.busday_offset(sent_day, 7, roll="forward").astype(dt.date)
        checks.append(
            _warn(
                "timing",
                f"only {waited} business days since your request; wait until {_long_date(ready)}.",
            )
        )
    if follow_ups_already_sent >= 1:
        checks.append(
            _warn(
                "one nudge only",
                "you have already followed up once; a third message rarely helps, "
                "so try someone else at the same organisation.",
            )
        )
    else:
        checks.append(_ok("one nudge only", "this is your first follow-up."))
    pushy = _PUSHY.findall(text)
    if pushy:
        checks.append(
            _warn("friendly tone", f"“{pushy[0]}” can sound like a reproach; keep it light.")
        )
    else:
        checks.append(_ok("friendly tone", "no reproach in the wording."))
    checks += [_ends_with_question(body), _length_check(word_count(body), ideal=60, most=100)]
    subjects = (
        ["Following up: a short conversation?", "Quick follow-up on my note"]
        if channel == "email"
        else []
    )
    checks += _placeholders(text)
    return Draft(
        kind="follow_up",
        text=text,
        subject=_subject_line(subject, subjects),
        subjects=_with_subject(subject, subjects),
        checks=checks,
        channel=channel,
        body=body,
        fields={
            **values,
            "sent_on": sent_day,
            "today": today_day,
            "follow_ups_already_sent": follow_ups_already_sent,
            "tone": tone,
            "channel": channel,
            "subject": _clean(subject),
        },
    )


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
    event, a contact); enough time has passed for the update to mean something
    (two weeks or more; a few times a year is plenty).

    >>> d = stay_in_touch_update(your_name="Ada Example", contact_name="Dana Okafor",
    ...     met_on="2025-03-03", today="2025-06-02",
    ...     progress="I started an evaluation internship at Harbor Health",
    ...     something_useful="This report on rural clinics made me think of your project: https://example.com/r")
    >>> d.passed, "about 3 months" in d.text
    (True, True)
    """
    met_day = _as_date(met_on, "met_on")
    today_day = _as_date(today, "today") if today not in (None, "") else dt.date.today()
    values = {
        "your_name": _clean(your_name),
        "contact_name": _clean(contact_name),
        "progress": _clean(progress),
        "something_useful": _clean(something_useful),
    }
    days = (today_day - met_day).days
    since = (
        "a few days"
        if days < 14
        else "a few weeks"
        if days < 45
        else "about two months"
        if days < 75
        else f"about {round(days / 30.4)} months"
        if days < 365
        else "over a year"
    )
    text, blocks = _render(_choose("stay_in_touch", tone), {**values, "since_text": since})
    checks = [
        _presence("their name", values["contact_name"], "greet them by name."),
        _name_check(values["your_name"]),
        _presence("your news", values["progress"], "share one piece of progress since you met."),
        _presence(
            "something useful",
            values["something_useful"],
            "offer something of use to them: an article, an event, a contact.",
            severity="warn",
        ),
    ]
    if days < 0:
        checks.append(_warn("timing", "the meeting date is in the future; check the dates."))
    elif days < 14:
        checks.append(
            _warn("timing", f"you met {days} days ago; an update lands better after a few weeks.")
        )
    else:
        checks.append(_ok("timing", f"{days} days since you met."))
    checks.append(_length_check(word_count(blocks["body"]), ideal=110, most=180))
    subjects = (
        ["An update, and something you might enjoy", "News since we spoke"]
        if channel == "email"
        else []
    )
    checks += _placeholders(text)
    return Draft(
        kind="stay_in_touch",
        text=text,
        subject=_subject_line(subject, subjects),
        subjects=_with_subject(subject, subjects),
        checks=checks,
        channel=channel,
        body=blocks["body"],
        fields={
            **values,
            "met_on": met_day,
            "today": today_day,
            "tone": tone,
            "channel": channel,
            "subject": _clean(subject),
        },
    )


# --------------------------------------------------------------------------- e-mail draft


def to_eml(draft: Draft, *, to: str, from_: str, date: dt.datetime | None = None) -> bytes:
    """The draft as an unsent e-mail (``.eml``) to open in a mail program and send from there.

    The message carries ``X-Unsent: 1`` so mail programs open it as a draft.
    ``to`` or ``from_`` may be empty: you fill them in the mail program.

    >>> import email, email.policy
    >>> d = thank_you(contact_name="Dana Okafor", your_name="Zoë Example",
    ...               learned="how grants are scored", action_taken="read the scoring guide",
    ...               meeting_on="2025-06-05", sent_on="2025-06-05")
    >>> raw = to_eml(d, to="Dana Okafor <dana@example.com>", from_="Zoë Example <zoe@example.com>")
    >>> msg = email.message_from_bytes(raw, policy=email.policy.default)
    >>> msg["X-Unsent"], msg["From"], msg.get_content().startswith("Hi Dana,")
    ('1', 'Zoë Example <zoe@example.com>', True)
    """
    for what, value in (("to", to), ("from_", from_)):
        if not isinstance(value, str):
            raise ValueError(
                f"{what}: give an address such as name@example.com, or an empty string"
            )
        if "\n" in value or "\r" in value:
            raise ValueError(f"{what}: an address must be on one line")
    message = EmailMessage(policy=email.policy.default)
    if to.strip():
        message["To"] = to.strip()
    if from_.strip():
        message["From"] = from_.strip()
    if draft.subject:
        message["Subject"] = draft.subject.replace("\n", " ").replace("\r", " ")
    if date is not None:
        message["Date"] = email.utils.format_datetime(date)
    message["X-Unsent"] = "1"
    message.set_content(draft.text + "\n")
    return message.as_bytes(policy=email.policy.default)
