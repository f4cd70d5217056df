"""Month and weekday names in the languages our users write dates in.

The names come from the Unicode CLDR through Babel (abbreviated and wide,
as written inside a date and standing alone), folded the same way as the
words of a cell: lower case, no accents, no dots, no "de" before them. The
table is built on first use only, so a file whose dates all read the fast
way never imports Babel.

A name that means one month in one language and another month in another
is in no table: it is left unread rather than guessed. An abbreviation
people shorten differently from the CLDR ("janv", "févr", "Sept") is read
when it starts the full name of exactly one month.

>>> month_number("März"), month_number("févr."), month_number("maart"), month_number("jui")
(3, 2, 3, 0)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

#: Languages (CLDR locales) whose month and weekday names are read: English, French, German
#: (and Austrian "Jänner"), Spanish, Italian, Portuguese (Brazil and Portugal), Dutch, Swedish,
#: Danish, Norwegian (both written forms), Finnish, Polish, Czech, Romanian and Catalan.
LOCALES = (
    "en", "en_GB", "fr", "de", "de_AT", "es", "it", "pt", "pt_PT", "nl", "sv", "da", "nb",
    "nn", "fi", "pl", "cs", "ro", "ca",
)  # fmt: skip
#: The shortest start of a month's full name read as that month ("mar" is exact, "ju" is not).
SHORTEST_PREFIX = 3
#: Letters that Unicode does not split into a plain letter and an accent.
_PLAIN_LETTERS = str.maketrans({"ø": "o", "ł": "l", "æ": "ae", "đ": "d"})
#: Words that join the parts of a date in some languages: "4 de marzo de 2025", "d'abril".
_JOINING_WORDS = r"\b(?:de|del)\b\s*|\bd['’]"


@dataclass(frozen=True)
class NameTable:
    """Folded month names (name -> month number), the folded full names for prefixes, the
    names that mean different months in different languages, and folded weekday names."""

    months: dict[str, int]
    full_names: tuple[tuple[str, int], ...]
    clashing: frozenset[str]
    weekdays: frozenset[str]


def _fold_one(text: str) -> str:
    """A month or weekday name folded for matching: "Févr." -> "fevr", "de març" -> "marc"."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c)).translate(_PLAIN_LETTERS)
    plain = re.sub(_JOINING_WORDS, "", plain)
    return " ".join(plain.replace(".", " ").split())


@functools.cache
def name_table() -> NameTable:
    """The month and weekday names of :data:`LOCALES`, built once."""
    from babel.dates import get_day_names, get_month_names

    seen: dict[str, set[int]] = {}
    full: dict[str, set[int]] = {}
    weekdays: set[str] = set()
    for locale in LOCALES:
        for context in ("format", "stand-alone"):
            for width in ("abbreviated", "wide"):
                for number, name in get_month_names(width, context, locale).items():
                    folded = _fold_one(name)
                    seen.setdefault(folded, set()).add(number)
                    if width == "wide":
                        full.setdefault(folded, set()).add(number)
                days = get_day_names(width, context, locale).values()
                weekdays.update(_fold_one(name) for name in days)
    months = {name: next(iter(m)) for name, m in seen.items() if len(m) == 1 and name.isalpha()}
    return NameTable(
        months=months,
        full_names=tuple((name, next(iter(m))) for name, m in full.items() if len(m) == 1),
        clashing=frozenset(name for name, m in seen.items() if len(m) > 1),
        weekdays=frozenset(w for w in weekdays if w.replace("-", "").isalpha()),  # terça-feira
    )


def month_number(word: str) -> int:
    """1-12 for a month name in one of :data:`LOCALES`, 0 when unknown or ambiguous."""
    folded = _fold_one(word)
    table = name_table()
    if folded in table.months:
        return table.months[folded]
    if folded in table.clashing or len(folded) < SHORTEST_PREFIX or not folded.isalpha():
        return 0
    found = {number for name, number in table.full_names if name.startswith(folded)}
    return found.pop() if len(found) == 1 else 0


def is_weekday(word: str) -> bool:
    """True for a weekday's name or abbreviation in one of :data:`LOCALES` ("lundi", "Mo.")."""
    return _fold_one(word) in name_table().weekdays
