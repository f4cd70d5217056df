"""Small text tools shared by the checks and the builders: counting, tidying, names, dates.

Everything here is pure and works on any input (None, empty strings, other
scripts). The builders use these to keep generated sentences grammatical; the
checks use them to measure what a person wrote.

>>> word_count("I'm a part-time data-journalism student. Write to ada@example.com!")
8
>>> sentence("most evaluators start in data roles")
'Most evaluators start in data roles.'
>>> address("Dr. Helen Ortiz"), address("Dana Okafor"), address("Dana Okafor", formal=True)
('Dr. Ortiz', 'Dana', 'Dana Okafor')
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from infoview_kit.names import given_family

__all__ = [
    "address",
    "as_date",
    "clause",
    "clean",
    "fold",
    "greeting",
    "indefinite_article",
    "name_case",
    "sentence",
    "sentences",
    "speaking_seconds",
    "split_message",
    "word_count",
]

_WORD = re.compile(r"[^\W_]+(?:['’.\-@][^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_LONG_NUMBER = re.compile(r"\d[\d\s().\-]{5,}\d")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_ENDS_WITH_LINK = re.compile(r"(?:https?://|www\.)\S+$|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+$")
_CLOSING_MARKS = ".!?…\"'”’)"


def word_count(text: str | None) -> int:
    """Words in ``text`` (contractions, hyphenated words and e-mails count once).

    >>> word_count("")
    0
    """
    return len(_WORD.findall(text or ""))


def speaking_seconds(text: str | None, *, words_per_minute: int = 140) -> int:
    """About how many seconds ``text`` takes to say at ``words_per_minute``.

    A phone number is read digit by digit and an e-mail address part by part
    ("ada dot example at example dot com"), so they count for more than one word.
    Any text with words in it takes at least a second.

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
    for found in _EMAIL.findall(text):
        parts = re.split(r"[.@]", found)
        # "ada . example @ example . com": each part plus each "dot"/"at"
        extra += 2 * len(parts) - 1 - word_count(found)
    words = word_count(text) + extra
    if not words:
        return 0
    return max(1, round(words / words_per_minute * 60))


def clean(value: Any) -> str:
    """User text as one tidy string: None -> "", spaces collapsed, ends trimmed.

    >>> clean("  two   spaces\\u00a0here ")
    'two spaces here'
    """
    if value is None:
        return ""
    text = str(value)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return text.strip()


def sentence(value: Any) -> str:
    """A fragment turned into a sentence: capital first letter, one final full stop.

    Trailing commas, semicolons and runs of full stops are tidied; a sentence
    that ends with a link or an e-mail address gets no full stop glued to it.

    >>> sentence("i read your report,"), sentence("Really?"), sentence("see https://example.com")
    ('I read your report.', 'Really?', 'See https://example.com')
    """
    text = clean(value).rstrip(" ,;:-–—")
    text = re.sub(r"\.{2,}$", ".", text)
    if not text:
        return ""
    if text[0].islower():
        text = text[0].upper() + text[1:]
    if text[-1] not in _CLOSING_MARKS and not _ENDS_WITH_LINK.search(text):
        text += "."
    return text


def clause(value: Any) -> str:
    """A fragment to embed mid-sentence: trailing punctuation removed, a stray capital lowered.

    The first letter is lowered only for an ordinary capitalised word ("Most
    people" -> "most people"), never for "I", acronyms or names in the middle.

    >>> clause("Most counsellors come from teaching."), clause("I think so"), clause("NHS trusts")
    ('most counsellors come from teaching', 'I think so', 'NHS trusts')
    """
    text = clean(value).rstrip(" .,;:!…-–—")
    return _lower_first(text)


_KEEP_CAPITAL = re.compile(r"^(?:I\b|I'|I’|[A-Z]{2}|[A-Z]\.|[A-Z]\w*[A-Z])")
#: Capitalised first words that are usually ordinary words (lowered inside a sentence).
_COMMON_STARTS = {
    "a", "an", "the", "most", "many", "some", "how", "what", "why", "when", "where", "which",
    "who", "that", "this", "these", "those", "your", "my", "our", "their", "his", "her", "its",
    "it", "they", "there", "people", "working", "getting", "being", "joined", "read", "signed",
    "contacted", "started", "emailed", "booked", "applied", "enrolled", "registered", "wrote",
    "written", "looked", "followed", "reached", "downloaded", "bought", "ordered", "attended",
    "listened", "watched", "subscribed", "made", "set", "found", "asked", "spoke", "talked",
    "one", "two", "three", "each", "every", "all", "both", "more", "much", "just", "only",
    "about", "whether", "if", "in", "on", "at", "for", "to", "with", "from", "by", "as",
    "a-levels",
}  # fmt: skip


#: Capitalised words that keep their capital inside a sentence (languages, tools, days...).
_PROPER = {
    "english", "french", "spanish", "german", "chinese", "arabic", "japanese", "korean",
    "italian", "portuguese", "russian", "hindi", "european", "american", "british", "african",
    "asian", "indigenous", "python", "java", "excel", "google", "microsoft", "amazon", "apple",
    "linkedin", "christmas", "easter", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "latin", "greek", "catholic",
    "muslim", "jewish", "christian", "black", "native", "canadian", "australian", "irish",
    "scottish", "welsh", "dutch", "swedish", "polish", "turkish", "persian", "african-american",
}  # fmt: skip


def _lower_first(text: str) -> str:
    """Lower an ordinary capitalised first word ("Marine conservation" -> "marine ...").

    Kept: "I", acronyms, words in :data:`_PROPER`, and a capitalised word followed
    by another capitalised word (a name such as "Lakeside College").
    """
    if not text or not text[0].isupper() or _KEEP_CAPITAL.match(text):
        return text
    words = re.findall(r"[^\W\d_][\w’'\-]*", text)
    first = words[0].casefold() if words else ""
    if first in _PROPER or first.endswith(("'s", "’s")):  # "Dana's advice" keeps its capital
        return text
    if first in _COMMON_STARTS or len(words) == 1 or not words[1][:1].isupper():
        return text[0].lower() + text[1:]
    return text


def fold(text: str | None) -> str:
    """Lower-case text with runs of white space made one space (for comparisons)."""
    return re.sub(r"\s+", " ", (text or "").casefold()).strip()


def sentences(text: str | None) -> list[str]:
    """The sentences of ``text`` (split after . ! ? …)."""
    flat = re.sub(r"\s+", " ", text or "").strip()
    if not flat:
        return []
    return [s for s in _SENTENCE_END.split(flat) if s]


def indefinite_article(phrase: str) -> str:
    """``a`` or ``an`` for ``phrase``, by how its first word is said.

    >>> [indefinite_article(w) for w in ("student", "analyst", "MBA", "PhD", "university", "hour")]
    ['a', 'an', 'an', 'a', 'a', 'an']
    """
    word = (re.match(r"[\w’'-]+", phrase.strip()) or [""])[0]
    if not word:
        return "a"
    if len(word) > 1 and word.isupper():  # an acronym is said letter by letter
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    low = word.casefold()
    if low.startswith(("uni", "use", "usu", "eu", "one", "once", "ur")):
        return "a"
    if low.startswith(("hour", "honest", "honour", "heir")):
        return "an"
    return "an" if low[0] in "aeiou" else "a"


# --------------------------------------------------------------------------- names

_TITLES = {
    "dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame",
    "rev", "reverend", "judge", "dean", "captain", "capt",
}  # fmt: skip
_SUFFIXES = {"phd", "md", "jr", "sr", "ii", "iii", "iv", "mba", "msc", "bsc", "esq"}
#: Scripts written without spaces between given and family name: use the whole name.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _name_parts(name: Any) -> tuple[str, list[str]]:
    """(title, the other name words) of a name, with letters after the name dropped; a name
    written "Family, Given" is read "Given Family"."""
    text = given_family(clean(name)).split(",")[0].strip()
    tokens = text.split()
    while len(tokens) > 1 and tokens[-1].casefold().strip(".") in _SUFFIXES:
        tokens.pop()
    if len(tokens) > 1 and tokens[0].casefold().strip(".") in _TITLES:
        return tokens[0], tokens[1:]
    return "", tokens


_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "la",
    "le",
    "da",
    "di",
    "du",
    "del",
    "bin",
    "al",
    "y",
}


def name_case(name: Any) -> str:
    """A name typed all in lower case gets capitals ("dana okafor" -> "Dana Okafor").

    Names with any capital letter are kept as typed ("bell hooks" is the one
    exception people make on purpose, and they type it that way knowingly).

    >>> name_case("dana van der berg"), name_case("McAdam"), name_case("李小龍")
    ('Dana van der Berg', 'McAdam', '李小龍')
    """
    text = clean(name)
    if not text or text != text.lower() or text == text.upper():
        return text
    words = text.split(" ")
    return " ".join(
        w if i and w in _PARTICLES else "-".join(p[:1].upper() + p[1:] for p in w.split("-"))
        for i, w in enumerate(words)
    )


def address(name: Any, *, formal: bool = False) -> str:
    """How to address someone in a greeting: "Dr. Ortiz", "Dana", or the full name.

    With a title the title and the family name (the last word) are kept, in
    either tone. Without one, a warm message uses the first name and a formal
    one the full name. A name in a script written without spaces (Chinese,
    Japanese, Korean) is used whole.

    >>> address("Prof Ana María López Ortiz"), address("Dana"), address("山田太郎")
    ('Prof López Ortiz', 'Dana', '山田太郎')
    >>> address("Helen Ortiz, PhD", formal=True)
    'Helen Ortiz'
    """
    title, tokens = _name_parts(name_case(name))
    if not tokens:
        return ""
    if title:
        return f"{title} {_family_name(tokens)}"
    if formal or _UNSPACED.search(tokens[0]):
        return " ".join(tokens)
    return tokens[0]


def _family_name(tokens: list[str]) -> str:
    """The family name: the last word with its particles ("de la Cruz"), or two surnames
    after two given names ("Ana María López Ortiz" -> "López Ortiz")."""
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1][:1].islower():
        start -= 1
    if start == len(tokens) - 1 and len(tokens) >= 4:
        start -= 1
    return " ".join(tokens[start:])


def greeting(name: Any, *, tone: str = "warm") -> str:
    """The opening line of a written message, with its comma.

    >>> greeting("Dana Okafor"), greeting("Dr. Helen Ortiz"), greeting("Dana Okafor", tone="formal")
    ('Hi Dana,', 'Dear Dr. Ortiz,', 'Dear Dana Okafor,')
    >>> greeting("", tone="formal")
    'Hello,'
    """
    formal = tone == "formal"
    who = address(name, formal=formal)
    if not who:
        return "Hello,"
    title, _ = _name_parts(name)
    if formal or title:
        return f"Dear {who},"
    return f"Hi {who},"


def first_name(name: Any) -> str:
    """The first word of a name, for signing a short note (titles kept whole)."""
    title, tokens = _name_parts(name)
    if title or not tokens:
        return clean(name)
    return tokens[0]


# --------------------------------------------------------------------------- messages


def split_message(text: str | None) -> tuple[str, str, str]:
    """(greeting, body, sign-off) of a free-text message, judged from its shape.

    >>> split_message("Hi Dana,\\n\\nCould we talk?\\n\\nThanks,\\nAda")
    ('Hi Dana,', 'Could we talk?', 'Thanks,\\nAda')
    """
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", (text or "").strip()) if p.strip()]
    if not paragraphs:
        return "", "", ""
    greeting_line = ""
    first_line, _, rest = paragraphs[0].partition("\n")
    if word_count(first_line) <= 5 and first_line.rstrip().endswith((",", ":", "!")):
        greeting_line = first_line.strip()
        paragraphs[0] = rest.strip()
        if not paragraphs[0]:
            paragraphs.pop(0)
    signoff_lines: list[str] = []
    if paragraphs:
        last = paragraphs[-1].split("\n")
        if all(word_count(line) <= 5 for line in last) and len(last) <= 4 and len(paragraphs) > 1:
            signoff_lines = last
            paragraphs.pop()
    return greeting_line, "\n\n".join(paragraphs), "\n".join(signoff_lines)


# --------------------------------------------------------------------------- dates


def as_date(value: Any, what: str) -> dt.date:
    """A date from a date, datetime, pandas Timestamp or date text; ``what`` names the field.

    >>> as_date("2025-06-05T10:00", "meeting date")
    datetime.date(2025, 6, 5)
    """
    from infoview_kit.errors import InvalidDateError
    from infoview_kit.schema import as_timestamp

    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    stamp = as_timestamp(value, what=what)
    if stamp is None:
        raise InvalidDateError(f"{what}: expected a date such as 2025-06-05")
    return stamp.date()


def long_date(day: dt.date) -> str:
    """``Thursday 5 June``."""
    return f"{day:%A} {day.day} {day:%B}"


def business_days(start: dt.date, end: dt.date) -> int:
    """Weekdays from ``start`` up to (not including) ``end``."""
    import numpy as np

    return int(np.busday_count(start, end))


def business_day_after(start: dt.date, days: int) -> dt.date:
    """The weekday ``days`` business days after ``start``."""
    import numpy as np

    return np.busday_offset(start, days, roll="forward").astype(dt.date)
