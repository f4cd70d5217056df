"""A composed message (:class:`Draft`), the templates it is rendered from, and its ``.eml`` form.

Templates ship in ``messages/templates`` (a formal and a warm version of each
message). Nothing here sends anything: :func:`to_eml` makes an unsent draft to
open in a mail program.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from functools import lru_cache
from typing import Any

from infoview_kit.messages import settings
from infoview_kit.messages.text import name_case, speaking_seconds, word_count
from infoview_kit.messages.verdicts import COLOURS, Check

__all__ = ["SPOKEN_KINDS", "TONES", "Draft", "render", "template_environment", "to_eml"]

#: Tones every message template comes in.
TONES: tuple[str, ...] = ("warm", "formal")
#: Kinds of draft that are said aloud (their length is shown in seconds).
SPOKEN_KINDS: tuple[str, ...] = ("introduction", "voicemail", "phone")


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
        parts = [f"{self.words} words"]
        if self.channel == "linkedin":
            limit = settings.current().linkedin_characters
            parts.append(f"{self.characters} of {limit} characters")
        else:
            parts.append(f"{self.characters} characters")
        if self.kind in SPOKEN_KINDS:
            parts.append(
                f"about {self.seconds} second{'' if self.seconds == 1 else 's'} to say "
                f"at {self.words_per_minute} words a minute"
            )
        return " · ".join(parts)

    def plain_text(self) -> str:
        """The text, with a ``Subject:`` line first when there is a subject."""
        if self.subject:
            return f"Subject: {self.subject}\n\n{self.text}"
        return self.text

    def to_html(self) -> str:
        """An HTML preview: subject, text, length and checks (user text escaped)."""
        template = template_environment().get_template("draft.html.j2")
        return template.render(
            subject=self.subject,
            other_subjects=[s for s in self.subjects if s != self.subject],
            text=self.text,
            stats=self.stats(),
            checks=self.checks,
            colours=COLOURS,
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


# --------------------------------------------------------------------------- templates


@lru_cache(maxsize=1)
def template_environment():
    """The Jinja2 environment of the shipped templates (plain text unescaped, HTML escaped)."""
    import jinja2

    from infoview_kit.messages import phrasing

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("infoview_kit.messages", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "html"), default=False),
        keep_trailing_newline=False,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(phrasing.FILTERS)
    return env


def tidy(text: str) -> str:
    """Collapse the spaces and blank lines that optional template parts leave behind."""
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    out = "\n".join(lines)
    out = re.sub(r" +([,.;:?!])", r"\1", out)
    out = re.sub(r"([.!?])\.", r"\1", out)
    out = re.sub(r",([.!?])", r"\1", out)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip()


#: Context keys holding a person's name: written with capitals in the text when typed
#: all in lower case (the fields keep what was typed).
NAME_KEYS = ("your_name", "full_name", "contact_name")


def render(name: str, context: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """Render template ``name``: the whole text and each named block on its own."""
    context = {k: name_case(v) if k in NAME_KEYS else v for k, v in context.items()}
    template = template_environment().get_template(name)
    text = tidy(template.render(**context))
    blocks = {}
    for block, render_block in template.blocks.items():
        blocks[block] = tidy("".join(render_block(template.new_context(dict(context)))))
    return text, blocks


def template_name(kind: str, tone: str, channel: str | None = None) -> str:
    if tone not in TONES:
        raise ValueError(f"tone must be one of {', '.join(TONES)} (got {tone!r})")
    middle = f"_{channel}" if channel else ""
    return f"{kind}{middle}_{tone}.txt.j2"


# --------------------------------------------------------------------------- e-mail draft


def to_eml(draft: Draft, *, to: str, from_: str, date: dt.datetime | None = None) -> bytes:
    """The draft as an unsent e-mail (``.eml``) to open in a mail program and send from there.

    The message carries ``X-Unsent: 1`` so mail programs open it as a draft.
    ``to`` or ``from_`` may be empty: you fill them in the mail program.

    >>> import email, email.policy
    >>> d = Draft(kind="thank_you", text="Hi Dana,\\n\\nThank you.", subject="Thanks")
    >>> raw = to_eml(d, to="Dana Okafor <dana@example.com>", from_="Zoë Example <zoe@example.com>")
    >>> msg = email.message_from_bytes(raw, policy=email.policy.default)
    >>> msg["X-Unsent"], msg["From"], msg.get_content().startswith("Hi Dana,")
    ('1', 'Zoë Example <zoe@example.com>', True)
    """
    for what, value in (("To", to), ("From", from_)):
        if not isinstance(value, str):
            raise ValueError(f"{what}: give an address such as name@example.com, or leave it empty")
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
