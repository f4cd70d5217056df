"""Verdicts: the one :class:`Check` type and the :class:`Checks` list every check returns.

A :class:`Check` is a single verdict (``ok``; ``warn``, shown as "Consider";
or ``fail``, shown as "Fix") with the reason behind the rule when there is a
limit involved. Every part of the kit that checks something (the message
checks, the research notes, check-my-work) returns these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["COLOURS", "Check", "Checks", "Severity", "merge_checks"]

Severity = Literal["ok", "warn", "fail"]

_SYMBOLS = {"ok": "✓", "warn": "!", "fail": "✗"}
_LABELS = {"ok": "OK", "warn": "Consider", "fail": "Fix"}
# Theme-aware where the workbook's style block defines --iv-* (light and dark values, WCAG AA);
# the plain colour after the comma is used everywhere else (reports, saved pages).
COLOURS = {
    "ok": "var(--iv-ok, #1b6e20)",
    "warn": "var(--iv-warn, #8a4b00)",
    "fail": "var(--iv-fail, #b0151f)",
}


@dataclass(frozen=True)
class Check:
    """One check on a draft: ``severity`` is ``"ok"`` (passed), ``"warn"`` or ``"fail"``.

    ``reason`` says why the rule exists (shown after the message when set).

    >>> Check.warn("length", "82 words; aim for 75.", reason="Short e-mails get read.").line()
    '! Consider – length: 82 words; aim for 75. Why: Short e-mails get read.'
    """

    name: str
    passed: bool
    message: str
    severity: Severity = "ok"
    reason: str = ""

    def __post_init__(self) -> None:
        if self.severity not in _SYMBOLS:
            raise ValueError(f"severity must be one of ok, warn, fail (got {self.severity!r})")

    @classmethod
    def ok(cls, name: str, message: str, *, reason: str = "") -> Check:
        """A passed check."""
        return cls(name, True, message, "ok", reason)

    @classmethod
    def warn(cls, name: str, message: str, *, reason: str = "") -> Check:
        """Something to consider (does not stop a draft from passing)."""
        return cls(name, False, message, "warn", reason)

    @classmethod
    def fail(cls, name: str, message: str, *, reason: str = "") -> Check:
        """Something to fix."""
        return cls(name, False, message, "fail", reason)

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
        why = f" Why: {self.reason}" if self.reason else ""
        return f"{self.symbol} {self.label} – {self.name}: {self.message}{why}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "passed": self.passed,
            "message": self.message,
            "severity": self.severity,
            "reason": self.reason,
        }


class Checks(list):
    """A list of :class:`Check` that shows itself as ✓ / ! / ✗ lines (text and HTML).

    >>> Checks([Check.ok("names", "two names.")])
    ✓ OK – names: two names.
    """

    @property
    def passed(self) -> bool:
        """True when nothing failed (warnings allowed)."""
        return all(c.severity != "fail" for c in self)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self if c.severity == "fail"]

    @property
    def warnings(self) -> list[Check]:
        return [c for c in self if c.severity == "warn"]

    def named(self, name: str) -> Check | None:
        """The check called ``name``, or None."""
        return next((c for c in self if c.name == name), None)

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

        def why(c: Check) -> str:
            if not c.reason:
                return ""
            return f' <span class="iv-why" style="color:#333">({escape(c.reason)})</span>'

        items = "".join(
            f'<li class="iv-check iv-{c.severity}" '
            f'style="margin:0.15em 0;color:{COLOURS[c.severity]}">'
            f'<span aria-hidden="true" style="display:inline-block;width:1.2em;font-weight:bold">'
            f"{c.symbol}</span><strong>{c.label}</strong> &ndash; "
            f"{escape(c.name)}: {escape(c.message)}{why(c)}</li>"
            for c in self
        )
        style = "list-style:none;padding-left:0;margin:0.3em 0;line-height:1.4"
        return f'<ul class="iv-checks" style="{style}">{items}</ul>'

    def _repr_html_(self) -> str:
        return self.to_html()


def merge_checks(first: Iterable[Check], then: Iterable[Check]) -> Checks:
    """``first``, then every check of ``then`` whose name is not already there.

    A builder knows some things only from its fields (an empty name, the
    meeting date); those checks go first and win over the text checks of the
    same name.
    """
    out = Checks(first)
    names = {c.name for c in out}
    out.extend(c for c in then if c.name not in names)
    return out
