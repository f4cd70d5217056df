"""Cells that hold only a word for "nothing" (``n/a``, ``none``, ``-``, ``unknown``).

People fill a cell they have nothing for with such a word; programs write
``NULL``, ``nan`` or R's ``NA``. In a field that names or describes a contact
(name, organisation, role, field, phone, LinkedIn profile, channel, how
connected, status, referred by, whose log it is) the word means the cell is blank:
read as text, "N/A" would become a person, an organisation or a phone number,
and two people "n/a" would be one person. Free text (notes, tags, a next step,
the columns the loader does not know) is kept exactly as typed. The rule is
the same whatever the file's format (CSV, TSV, ``.xlsx``, JSON, a DataFrame),
and it uses the e-mail column's own list of words
(:data:`infoview_kit.io.addresses.PLACEHOLDERS`).

Some of those words are also names: "Nan" and "Nil" are given names, "Na",
"No" and "Null" family names, "NA" may be initials. In a field that names a
person or an organisation, such a word is kept when written as a name is (a
capital, then lower-case letters: "Nan", "Na"), and read as blank when written
as a placeholder is ("n/a", "N/A", "NA", "na", "NULL", "nan").

>>> placeholder_cells(["N/A", "none", "Nan", "nan", "NA", "Acme", 7, None], names=True)
[True, True, False, True, True, False, False, False]
>>> placeholder_cells(["Nan", "email", "-", "#", "0", 0, 0.0, False], names=False)
[True, False, True, False, True, True, True, False]
"""

from __future__ import annotations

import re

from infoview_kit.io.addresses import PLACEHOLDERS, folded_word

__all__ = ["DETAIL_FIELDS", "NAME_FIELDS", "placeholder_cells"]

#: Fields that name a person or an organisation (a word that is also a name is kept when
#: written as a name).
NAME_FIELDS = ("name", "first_name", "last_name", "referred_by", "owner", "organization")
#: Fields that describe a contact or a touch: a word for "nothing" is always blank there.
DETAIL_FIELDS = (
    "role", "field", "phone", "linkedin_url", "channel", "meeting_channel", "connection",
    "status",
)  # fmt: skip
#: The e-mail column's words for "nothing", less the one that is a channel elsewhere.
_WORDS = PLACEHOLDERS - {"email"}
#: The marks that alone say "nothing" ("-", "?", "..."); other signs alone ("#", "+", an
#: emoji) are kept as written.
_NOTHING_MARKS = frozenset("-‐‒–—―−?¿./\\_* ")
_GAP = r"(?:\W|_)*"
#: A line that may be a placeholder: a word of :data:`_WORDS` with signs around or between
#: its letters ("n/a", "N. A."), or signs only (each match is then checked exactly).
_ANY_WORD = "|".join(_GAP.join(map(re.escape, w)) for w in sorted(_WORDS) if w)
_CANDIDATE = re.compile(f"{_GAP}(?:{_ANY_WORD})?{_GAP}\\Z", re.IGNORECASE)
#: The first letters of those words, in both cases.
_FIRST = frozenset(c for w in _WORDS if w for c in (w[0], w[0].upper()))
#: Words for "nothing" that are also names or initials (folded).
_ALSO_NAMES = frozenset({"na", "nan", "nil", "no", "null", "x", "xx", "xxx"})


def placeholder_cells(values: list[object], *, names: bool) -> list[bool]:
    """Whether each distinct cell holds only a word for "nothing" (see the module's text).

    ``names=True`` for a field of :data:`NAME_FIELDS`. A whole number is read as
    its text (a phone 0 is blank whether a workbook stores it as a number or a CSV
    file as text); other values (dates, fractions, booleans) are values.
    """
    texts = [_as_text(v) for v in values]
    out = [False] * len(texts)
    for i in _candidates(texts):
        out[i] = _is_placeholder(texts[i], names)
    return out


def _candidates(texts: list[str | None]) -> list[int]:
    """Positions of the texts that may be placeholders: a look at their first character,
    then a pattern (a column of names has thousands of distinct values, almost never one)."""
    match = _CANDIDATE.match
    return [
        i
        for i, t in enumerate(texts)
        if t is not None and (t[:1] in _FIRST or not t[:1].isalnum()) and match(t)
    ]


def _as_text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value) == 0:
        return "0"
    return None


def _is_placeholder(text: str | None, names: bool) -> bool:
    if text is None:
        return False
    cell = text.strip()
    if cell and not (cell[0].isalnum() or cell[0] in "([<" or cell[0] in _NOTHING_MARKS):
        return False  # "#N/A" is a spreadsheet's error value; "'#N/A" typed text, kept
    folded = folded_word(text)
    if folded not in _WORDS:
        return False
    if not folded:
        return all(c in _NOTHING_MARKS for c in cell)
    if not names or folded not in _ALSO_NAMES:
        return True
    return not (cell.isalpha() and cell.istitle())  # "Nan" is a name; "nan", "N/A" are not
