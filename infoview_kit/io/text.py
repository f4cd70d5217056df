"""Text from files shown back safely: control, escape and direction characters made visible.

A file name or a cell can hold characters that act instead of showing: a
terminal escape sequence (``ESC [2J`` clears the screen, ``ESC ]0;`` retitles
the window), a NUL byte, or a right-to-left override (U+202E) that makes
``report\u202ecod.exe.csv`` read as ``reportvsc.exe.doc``. Before such text is
printed to a terminal or put into HTML or a widget, :func:`neutralise_text`
replaces each of them by its visible escape (``\\x1b``, ``\\x00``, ``\\u202e``),
so what the user sees is what the text holds. Ordinary text, accents and
right-to-left scripts (Arabic, Hebrew) are untouched. (JSON output stays
valid JSON: it escapes C0 characters itself, the others become ``\\uXXXX``.)
"""

from __future__ import annotations

import re

#: C0 controls but tab and line ends, DEL, C1 controls, and the invisible
#: direction marks and overrides (embedding, override, isolate, LRM/RLM/ALM),
#: plus the line and paragraph separators that break a one-line message.
_ACTING = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_ACTING_OR_LINES = re.compile(_ACTING.pattern[:-1] + "\n\t]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    # \uXXXX from DEL up: inside a JSON string it is the same escape JSON uses.
    return f"\\x{code:02x}" if code < 0x7F else f"\\u{code:04x}"


def neutralise_text(text: object, *, keep_lines: bool = False) -> str:
    """``text`` with every acting character replaced by its visible escape.

    ``keep_lines=True`` keeps line feeds and tabs (a multi-line report printed
    to a terminal); by default they are escaped too, so the result is one line.

    >>> neutralise_text("a\\x1b[2Jb\\u202ec")
    'a\\\\x1b[2Jb\\\\u202ec'
    >>> neutralise_text("one\\ntwo", keep_lines=True), neutralise_text("one\\ntwo")
    ('one\\ntwo', 'one\\\\x0atwo')
    >>> neutralise_text("Zoë שלום")
    'Zoë שלום'
    """
    pattern = _ACTING if keep_lines else _ACTING_OR_LINES
    return pattern.sub(_visible, str(text))
