"""Which characters a text file's bytes stand for: never a silent mojibake.

The order of the decision:

1. a byte-order mark (UTF-8, UTF-16) says it;
2. text that is valid UTF-8 is UTF-8 (plain ASCII included);
3. a file that is UTF-8 except for a few lines (one row typed in a Windows
   program) keeps its UTF-8 text exactly; the odd lines are read in the
   Windows code page that fits them, and each is reported;
4. otherwise the file is in one legacy code page: charset-normalizer
   proposes the code pages that decode it without chaos, and the one whose
   words read most plausibly wins (Western European first when they tie).
   When another code page would read letters differently and fits as well,
   the report says so: the user is told to check accented letters.

UTF-16 without a byte-order mark (Excel's "Unicode text" read by some tools)
is recognised by its pattern of zero bytes.

>>> decode_text("Zoë,ok\\r\\n".encode("cp1252")).text
'Zoë,ok\\r\\n'
>>> mixed = "Name\\r\\nJosé\\r\\n".encode() + "Renée\\r\\n".encode("cp1252")
>>> result = decode_text(mixed)
>>> result.text.splitlines(), [line for line, _ in result.notes]
(['Name', 'José', 'Renée'], [3])
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

#: Legacy code pages a spreadsheet user's file may be in, most common first.
LEGACY_ENCODINGS: tuple[str, ...] = ("cp1252", "cp1250", "cp1251", "mac_roman")

#: Names people know the code pages by (used in report messages).
ENCODING_NAMES: dict[str, str] = {
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "utf_16_le": "UTF-16",
    "utf_16_be": "UTF-16",
    "cp1252": "Windows-1252 (Western European)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "mac_roman": "Mac Roman",
    "latin-1": "Latin-1",
}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Bytes of a file looked at to choose its code page.
_SAMPLE = 1 << 18
#: From this many bytes on, what charset-normalizer rejects is rejected.
_TRUSTED = 4096
_ESCAPED = re.compile("[\udc80-\udcff]")


@dataclass
class DecodedText:
    """A file's text, the encoding it was read in, and what the user should know.

    ``notes`` holds ``(line number or None, reason)`` pairs, one per line read
    in another code page, or one for the whole file when the choice of code
    page is in doubt.
    """

    text: str
    encoding: str
    notes: list[tuple[int | None, str]] = field(default_factory=list)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(encoding, length of the mark) when ``data`` starts with a byte-order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def looks_like_utf16(data: bytes) -> str | None:
    """``utf_16_le`` / ``utf_16_be`` for text without a byte-order mark, else None.

    Text in UTF-16 has a zero byte in nearly every other position (Latin script).

    >>> looks_like_utf16("Name\\tEmail\\r\\n".encode("utf-16-le"))
    'utf_16_le'
    """
    head = data[:4096]
    if len(head) < 8 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    half = len(head) // 2
    if odd.count(0) > 0.4 * half and even.count(0) < 0.05 * half:
        return "utf_16_le"
    if even.count(0) > 0.4 * half and odd.count(0) < 0.05 * half:
        return "utf_16_be"
    return None


def decode_text(data: bytes) -> DecodedText:
    """The text of a file's bytes (see the module docstring for the rules).

    UTF-16 text that does not decode (a file cut in the middle of a character)
    raises ``UnicodeDecodeError``: it is damaged, not in another encoding.
    """
    marked = bom_encoding(data)
    if marked is not None:
        encoding, length = marked
        if encoding == "utf-16":
            return DecodedText(data.decode("utf-16"), "utf-16")
        data = data[length:]
    wide = looks_like_utf16(data) if marked is None else None
    if wide is not None:
        return DecodedText(data.decode(wide), wide)
    if data.isascii():
        return DecodedText(data.decode("ascii"), "utf-8")
    escaped = data.decode("utf-8", errors="surrogateescape")
    if not _ESCAPED.search(escaped):
        return DecodedText(escaped, "utf-8")
    lines = escaped.splitlines(keepends=True)
    odd = [i for i, line in enumerate(lines) if _ESCAPED.search(line)]
    fine = [line for line in lines if not line.isascii() and not _ESCAPED.search(line)]
    if _utf8_lines_are_real(fine, len(odd)):
        return _mixed(lines, odd)
    return _legacy(data)


def _utf8_lines_are_real(fine: list[str], n_odd: int) -> bool:
    """True when lines that decode as UTF-8 are UTF-8, not a code page that happens to decode.

    They are when there are at least as many of them as odd lines, or when
    they read better as UTF-8 than in the code page ("Zoë", not "ZoÃ«").
    """
    if not fine:
        return False
    if len(fine) >= n_odd:
        return True
    text = "".join(fine)
    raw = text.encode("utf-8")
    encoding, _ = _best_legacy(raw)
    return implausibility(text) < implausibility(raw.decode(encoding, errors="replace"))


def _mixed(lines: list[str], odd: list[int]) -> DecodedText:
    """UTF-8 with a few lines in a code page: those lines decoded on their own, and reported."""
    raw = [lines[i].encode("utf-8", errors="surrogateescape") for i in odd]
    encoding, _ = _best_legacy(b"".join(raw))
    name = ENCODING_NAMES[encoding]
    notes = []
    for i, line in zip(odd, raw, strict=True):
        lines[i] = line.decode(encoding, errors="replace")
        notes.append(
            (i + 1, f"line {i + 1} is not UTF-8 like the rest of the file: read as {name}")
        )
    return DecodedText("".join(lines), "utf-8", notes)


def _legacy(data: bytes) -> DecodedText:
    encoding, rival = _best_legacy(data)
    text = data.decode(encoding, errors="replace")
    notes: list[tuple[int | None, str]] = []
    if rival is not None:
        notes.append(
            (
                None,
                f"the file is not UTF-8: read as {ENCODING_NAMES[encoding]}, but "
                f"{ENCODING_NAMES[rival]} fits it as well and would read some letters "
                "differently; check names with accents (or save it as CSV UTF-8)",
            )
        )
    return DecodedText(text, encoding, notes)


def _best_legacy(data: bytes) -> tuple[str, str | None]:
    """The code page that reads ``data`` best, and a rival that reads it differently but as well."""
    sample = data[:_SAMPLE]
    proposed, others = _proposed(sample)
    # On a short sample the detector's doubts weigh nothing: plausibility, then habit.
    trust = len(sample) >= _TRUSTED
    scored = []
    for encoding in [*proposed, *others]:
        text = sample.decode(encoding, errors="replace")
        doubted = trust and encoding in others
        rank = LEGACY_ENCODINGS.index(encoding)
        scored.append((implausibility(text), doubted, rank, encoding, text))
    scored.sort()
    best = scored[0]
    rival = next(
        (s[3] for s in scored[1:] if s[:2] == best[:2] and s[4] != best[4]),
        None,
    )
    return best[3], rival


def _proposed(data: bytes) -> tuple[list[str], list[str]]:
    """Code pages charset-normalizer finds coherent, and the others that decode ``data``.

    On a short file charset-normalizer often cannot tell code pages apart, so
    every code page that gives each byte a meaning is weighed too.
    """
    from charset_normalizer import from_bytes

    found = {match.encoding for match in from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS))}
    proposed, others = [], []
    for encoding in LEGACY_ENCODINGS:
        if encoding in found:
            proposed.append(encoding)
            continue
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        others.append(encoding)
    if not proposed and not others:
        proposed = ["cp1252"]
    return proposed, others


def implausibility(text: str) -> int:
    """How many words of ``text`` look like mojibake (0 for clean text).

    A word is suspect when a symbol other than quotes and dashes sits in it
    ("Przyk³ad", "¿‡‡"), when a capital follows a small letter outside ASCII
    ("JosŽ"), when most of a Latin word's letters are accented ("Äìèòðèé" is
    Cyrillic read as Western European), or when it mixes scripts ("AЯе").

    >>> implausibility("José García"), implausibility("JosŽ Przyk³ad"), implausibility("Äìèòðèé")
    (0, 2, 1)
    """
    bad = 0
    for word in set(re.findall(r"\S+", text)):
        if word.isascii():
            continue
        bad += _suspect(word)
    return bad


#: Characters outside ASCII that real text puts next to letters (quotes, dashes, degrees).
_TYPOGRAPHIC = frozenset("“”‘’«»„‚–—…°\u00a0")


def _odd(char: str) -> bool:
    """A character outside ASCII that is neither a letter nor common typography."""
    return not char.isascii() and not char.isalpha() and char not in _TYPOGRAPHIC


def _suspect(word: str) -> int:
    letters = [c for c in word if c.isalpha()]
    body = word[1:] if word[0] in "¿¡" else word  # "¿Cómo"
    wide = [c for c in body if not c.isascii()]
    if (letters or len(wide) > 1) and any(_odd(c) for c in wide):  # "Przyk³ad", "¿‡‡", "··"
        return 1
    if not letters:
        return 0
    for a, b in itertools.pairwise(word):
        if a.islower() and b.isupper() and not b.isascii():  # "JosŽ"
            return 1
        if b == "\ufffd" or unicodedata.category(b) == "Cc":
            return 1
    scripts = {unicodedata.name(c, "?").split(" ")[0] for c in letters}
    if len(scripts) > 1:  # "AЯе": Latin and Cyrillic in one word
        return 1
    accented = [c for c in letters if not c.isascii()]
    if "LATIN" not in scripts or len(letters) < 3:
        return 0
    # Latin words are mostly plain letters; a run of accented ones is another script misread.
    return int(
        len(accented) == len(letters) or (len(letters) >= 4 and len(accented) * 2 > len(letters))
    )
