"""Names written "Family, Given" (rosters, Outlook's "File As", CRM exports) read as "Given Family".

One cell has the shape when it holds one comma with a family name before it
and given names after it: "Example, Ada", "Van der Berg, Ada", "O'Dummy, Zoë",
"Example-Sample, Ada B.", "EXAMPLE, ADA". Letters after a name are not given
names: "Ada Example, PhD", "Example, Jr." and "Bo Sample, MD, MPH" keep their
order, while "Sample Jr., Bo" reads "Bo Sample Jr." and "Example, Ada, PhD"
reads "Ada Example, PhD". A cell with a word of an organisation or a role
("Acme, Inc.", "Sample, HR"), digits, brackets or an "@" is no name. Two full
names on each side of the comma ("Ada Example, Bo Sample") are probably two
people: never swapped, and said so.

The loader's rule, per file and column: a name column in which more than
half of the filled cells have the shape is read "Given Family" (and so is
the file's "referred by" column then); anywhere else such cells are kept as
written and listed in the report. Columns of first and last names, and a
workbook's own tables, are never changed. People are matched on the "Given
Family" spelling of a name in its plainest shape wherever it stands
(:func:`given_family_keys`), so a cell kept as written, or a name saved so in
an older workbook, still meets its person. Everything here works on distinct
values.

>>> read_family_given(["Example, Ada", "Ada Example, PhD", "Ada Example, Bo Sample", None])
(['Ada Example', None, None, None], ['swap', '', 'two people', ''])
>>> given_family("Van der Berg, Ada"), given_family("Bo Sample, MD")
('Ada Van der Berg', 'Bo Sample, MD')
"""

from __future__ import annotations

import re

__all__ = [
    "FAMILY_GIVEN",
    "TWO_PEOPLE",
    "given_family",
    "given_family_keys",
    "letters_after_name",
    "read_family_given",
]

#: What :func:`read_family_given` calls a cell written "Family, Given".
FAMILY_GIVEN = "swap"
#: ... and a cell with a full name on each side of its comma.
TWO_PEOPLE = "two people"

#: Letters written after a name (folded, dots dropped): a suffix or a credential.
NAME_SUFFIXES = frozenset({
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "do", "dds", "dmd", "dvm", "jd", "llm",
    "mba", "mpa", "mph", "msc", "ms", "ma", "mfa", "med", "bsc", "bs", "ba", "beng", "meng",
    "rn", "np", "pa", "cpa", "cfa", "pe", "pmp", "esq", "obe", "mbe", "cbe", "frs", "dphil",
    "edd", "psyd", "lcsw", "pharmd", "jnr", "snr",
})  # fmt: skip
#: Words that make a cell an organisation, a team or a role rather than a person (folded).
NOT_A_PERSON = frozenset({
    "inc", "llc", "ltd", "llp", "plc", "corp", "co", "gmbh", "ag", "sa", "bv", "nv", "pty",
    "company", "corporation", "limited", "university", "college", "school", "institute",
    "department", "dept", "team", "group", "office", "center", "centre", "services",
    "associates", "partners", "foundation", "bank", "hospital", "council", "agency",
    "ministry", "consulting", "labs", "lab", "the", "and", "of", "hr", "manager", "director",
    "recruiter", "recruiting", "recruitment", "ceo", "cto", "cfo", "coo", "founder",
    "engineer", "admissions", "alumni", "contact", "unknown", "tbd", "yes",
    "no", "none", "na",
})  # fmt: skip
#: Lower-case words that begin a family name ("van der Berg", "de la Cruz").
_PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "del", "della", "la", "le", "da", "di", "du", "dos",
    "das", "do", "bin", "ibn", "al", "el", "y", "ten", "ter", "st", "mac", "zu",
})  # fmt: skip
_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_NOT_IN_A_NAME = re.compile(r"[\d@;/&+()\[\]{}<>|#:\n\t\"!?]")
#: A single initial, with or without its dot ("B", "B.").
_INITIAL = re.compile(r"^[^\W\d_]\.?$")


def _key(word: str) -> str:
    return word.casefold().replace(".", "").replace("’", "'")


def letters_after_name(part: str) -> bool:
    """True for "PhD", "Jr.", "M.D." (every word of ``part`` letters after a name).

    >>> letters_after_name("MD MPH"), letters_after_name("Ada")
    (True, False)
    """
    words = part.split()
    return bool(words) and all(_key(w) in NAME_SUFFIXES for w in words)


def _name_words(words: list[str], *, family: bool) -> bool:
    """Words of a name: capitalised (particles aside in a family name), letters only."""
    for i, word in enumerate(words):
        if not _WORD.match(word) or _key(word) in NOT_A_PERSON:
            return False
        if word[0].islower() and not (family and _key(word) in _PARTICLES and i < len(words) - 1):
            return False
    return True


def _two_people(family: list[str], given: list[str]) -> bool:
    """A full name each side ("Ada Example, Bo Sample"): two given+family pairs, no particle."""
    if len(family) < 2 or len(given) < 2:
        return False
    if any(_key(w) in _PARTICLES for w in family):
        return False
    return not _INITIAL.match(given[-1])


def _reading(text: object) -> tuple[str | None, str]:
    """("Given Family", FAMILY_GIVEN), (None, TWO_PEOPLE) or (None, "") for one cell."""
    if not isinstance(text, str) or "," not in text or len(text) > 100:
        return None, ""
    if _NOT_IN_A_NAME.search(text):
        return None, ""
    parts = [p.strip() for p in text.split(",")]
    after: list[str] = []
    while len(parts) > 2 and letters_after_name(parts[-1]):  # "Example, Ada, PhD"
        after.insert(0, parts.pop())
    if len(parts) != 2 or not parts[0] or not parts[1] or letters_after_name(parts[1]):
        return None, ""
    family, given = parts[0].split(), parts[1].split()
    moved: list[str] = []
    while len(given) > 1 and _key(given[-1]) in NAME_SUFFIXES:  # "Example, Ada Jr."
        moved.insert(0, given.pop())
    if len(family) > 4 or len(given) > 3:
        return None, ""
    if not (_name_words(family, family=True) and _name_words(given, family=False)):
        return None, ""
    if _two_people(family, given):
        return None, TWO_PEOPLE
    name = " ".join([*given, *family, *moved])
    return ", ".join([name, *after]), FAMILY_GIVEN


def _without_comma(values: list[object]) -> bool:
    """True when no text among ``values`` holds a comma (one scan when all are text)."""
    try:
        return "," not in "\x00".join(values)  # type: ignore[arg-type]
    except TypeError:  # some values are not text
        return not any(isinstance(v, str) and "," in v for v in values)


def read_family_given(values: list[object]) -> tuple[list[str | None], list[str]]:
    """For each value: its "Given Family" reading (None: not that shape) and its kind.

    Kinds: ``FAMILY_GIVEN`` (read), ``TWO_PEOPLE`` (not read: probably two
    people), ``""`` (anything else). A list without a comma costs one scan.
    """
    if _without_comma(values):
        return [None] * len(values), [""] * len(values)
    pairs = [_reading(v) for v in values]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def given_family(name: str) -> str:
    """One name as "Given Family" when it is written "Family, Given"; otherwise as it is.

    For a single name with no column around it (a greeting, a form field), so
    only the plainest shape is read: one family name before the comma (with
    its particles, "van der Berg"). "Ada Example, Acme" is left as it is.

    >>> given_family("Example, Ada B."), given_family("Ada Example"), given_family("Ada Ex, Acme")
    ('Ada B. Example', 'Ada Example', 'Ada Ex, Acme')
    """
    reading, _ = _reading(name)
    if reading is None:
        return name
    family = [_key(w) for w in name.split(",")[0].split()]
    if len(family) > 1 and family[0] not in _PARTICLES and family[-1] not in NAME_SUFFIXES:
        return name
    return reading


def given_family_keys(values: list[object]) -> list[object]:
    """:func:`given_family` of each value (other values as they are): what people are matched
    on, so that a "Smith, Bob" kept as written still meets "Bob Smith". A list without a
    comma costs one scan and comes back as it is.

    >>> given_family_keys(["Example, Ada", "Ada Ex, Acme", None])
    ['Ada Example', 'Ada Ex, Acme', None]
    """
    if _without_comma(values):
        return values
    return [given_family(v) if isinstance(v, str) and "," in v else v for v in values]
