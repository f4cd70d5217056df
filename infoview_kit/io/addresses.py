"""E-mail cells as people fill them in: the address in them, or why there is none.

An e-mail column is a key: two rows with the same address are one person.
So a cell must hold an address before it is used as one. People write

* an address in another form: ``mailto:ada@example.com`` (a hyperlink's
  target), ``Ada Example <ada@example.com>`` (copied from a mail program),
  ``ada@example.com (work)``: the address is read, the rest is a name;
* several addresses, ``a@example.com; b@example.com``: the first is the
  contact's e-mail, the others are kept in the notes;
* a word that says there is none, ``n/a``, ``none``, ``-``, ``unknown``: a
  blank cell (two people "n/a" are not one person);
* other text, ``ada at example dot com``, ``ask Bo``: not an address, kept
  in the notes.

The standard library's :func:`email.utils.getaddresses` reads the address
forms. Only distinct values are looked at, and a column of plain addresses
(the usual case) is recognised in one pass over them.

>>> plain, form, none = read_addresses(["ada@example.com", "Bo Sample <bo@example.com>", "n/a"])
>>> plain is None, form.email, form.name, none.kind
(True, 'bo@example.com', 'Bo Sample', 'placeholder')
"""

from __future__ import annotations

import email.utils
import re
from typing import NamedTuple

import numpy as np

__all__ = ["PLACEHOLDERS", "Address", "folded_word", "read_addresses"]

#: Cells that say "no e-mail" (folded: lower case, no spaces or punctuation).
PLACEHOLDERS = frozenset({
    "", "na", "none", "no", "nil", "null", "unknown", "tbd", "tba", "notfound", "noemail",
    "notavailable", "notknown", "missing", "x", "xx", "xxx", "0", "email", "unbekannt",
    "keine", "aucun", "aucune", "inconnu", "ninguno", "desconocido", "nessuna", "onbekend",
    "nan",  # what str() of a missing number gives ("nan"): a program's blank, not a word
})  # fmt: skip
_NOT_WORD = re.compile(r"[\W_]+")
#: Characters a plain address does not hold (but the other forms do, "mailto:" too).
_UNUSUAL_CHARACTERS = ' \t<>,;:()"'


class Address(NamedTuple):
    """What one e-mail cell holds.

    ``kind`` is ``"form"`` (an address in another form, read), ``"several"``
    (the first of several addresses; ``others`` holds the rest),
    ``"placeholder"`` (a word for none) or ``"text"`` (no address in it:
    ``email`` is None).
    """

    email: str | None
    name: str | None
    others: tuple[str, ...]
    kind: str


def read_addresses(values: list[object]) -> list[Address | None]:
    """:class:`Address` of each distinct cell (None for a missing cell or a plain address).

    A None in the answer means "keep the cell as it is", so a column of plain
    addresses costs one regular-expression pass.
    """
    present = [v for v in values if isinstance(v, str)]
    if _all_plain(present):
        return [None] * len(values)
    return [_read_one(v) if isinstance(v, str) else None for v in values]


def _all_plain(texts: list[str]) -> bool:
    """Whether every text is one plain address: a few scans of them all joined, no loop."""
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        return False
    if any(c in joined for c in _UNUSUAL_CHARACTERS):
        return False
    data = np.frombuffer(joined.encode("utf-8", errors="replace"), dtype=np.uint8)
    line_ends = np.append(np.flatnonzero(data == ord("\n")), len(data))
    line_starts = np.append(0, line_ends[:-1] + 1)
    ats = np.flatnonzero(data == ord("@"))
    first_at = np.searchsorted(ats, line_starts)  # the first "@" at or after each line's start
    return bool(len(ats)) and bool((np.append(ats, len(data))[first_at] < line_ends).all())


def folded_word(text: str) -> str:
    """``text`` as it is compared with :data:`PLACEHOLDERS`: lower case, letters and digits only.

    >>> folded_word(" N/A "), folded_word("(none)"), folded_word("-")
    ('na', 'none', '')
    """
    return _NOT_WORD.sub("", text.casefold())


def _read_one(text: str) -> Address | None:
    cell = text.strip()
    if "@" not in cell:
        if folded_word(cell) in PLACEHOLDERS:
            return Address(None, None, (), "placeholder")
        return Address(None, None, (), "text")
    pairs = email.utils.getaddresses([cell.replace(";", ",")])
    found = [(name.strip(), address.strip()) for name, address in pairs if "@" in address]
    if not found:
        return Address(None, None, (), "text")
    (name, first), others = found[0], tuple(address for _, address in found[1:])
    if others:
        return Address(first, name or None, others, "several")
    if first == cell:
        return None  # plain after all (a trailing space, say)
    return Address(first, name or None, (), "form")
