"""Encodings: BOM, strict UTF-8, UTF-8 with a few odd lines, then one code page per file."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from infoview_kit import load_log
from infoview_kit.io.encodings import decode_text, implausibility, looks_like_utf16

PLAIN = "abcdefghiklmnoprstuvwyz"
WESTERN = "éèáíóúñüöäçøåß"
CENTRAL = "łąęśźżćńóčřšžěů"
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщыэюя"


def _word(letters: str, accents: str) -> st.SearchStrategy[str]:
    """A word as names are: plain letters with an accented one here and there."""
    if not letters:  # a script without plain letters
        return st.text(alphabet=accents, min_size=3, max_size=9).map(str.capitalize)
    plain = st.text(alphabet=letters, min_size=1, max_size=3)
    syllable = st.tuples(st.sampled_from(accents), plain).map("".join)
    start = st.text(alphabet=letters, min_size=2, max_size=4)
    return st.tuples(start, st.lists(syllable, max_size=2)).map(
        lambda p: (p[0] + "".join(p[1])).capitalize()
    )


def _names(accents: str, letters: str = PLAIN) -> st.SearchStrategy[list[str]]:
    word = _word(letters, accents)
    name = st.tuples(word, word).map(" ".join)
    return st.lists(name, min_size=1, max_size=8, unique=True)


def _csv(names: list[str]) -> str:
    return "Name,Email\r\n" + "".join(f"{n},p{i}@example.com\r\n" for i, n in enumerate(names))


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _encoding_notes(log) -> list[str]:
    reasons = log.report.problems["reason"].tolist()
    return [r for r in reasons if "UTF-8" in r]


@settings(max_examples=150, deadline=None)
@given(
    data=st.sampled_from(
        [("cp1252", WESTERN), ("cp1250", CENTRAL), ("cp1251", CYRILLIC), ("mac_roman", WESTERN)]
    ).flatmap(
        lambda pair: st.tuples(
            st.just(pair[0]), _names(pair[1], "" if pair[1] == CYRILLIC else PLAIN)
        )
    )
)
def test_a_legacy_file_reads_right_or_says_to_check(data):
    """Never a silent mojibake: the text comes back exactly, or a note says to check it."""
    encoding, names = data
    text = _csv(names)
    raw = text.encode(encoding)
    # A line whose bytes happen to be valid UTF-8 ("Ęł" in Windows-1250 is "ʳ") is UTF-8 by rule.
    assume(not any(_valid_utf8(line) for line in raw.splitlines() if not line.isascii()))
    decoded = decode_text(raw)
    if decoded.text != text:
        assert decoded.notes and "check names with accents" in decoded.notes[0][1]


@settings(max_examples=150, deadline=None)
@given(names=_names(WESTERN + CENTRAL + "김민준жд"), odd=_names(WESTERN), at=st.integers(0, 8))
def test_utf8_with_a_few_windows_lines_keeps_every_utf8_character(names, odd, at):
    odd = [n for n in odd if not n.isascii()][:2] or ["Renée Müller"]
    names = [*names, "Zoë Example"]  # some real UTF-8
    at = min(at, len(names))
    before = _csv(names[:at])
    middle = "".join(f"{n},odd{i}@example.com\r\n" for i, n in enumerate(odd))
    after = "".join(f"{n},q{i}@example.com\r\n" for i, n in enumerate(names[at:]))
    data = before.encode("utf-8") + middle.encode("cp1252") + after.encode("utf-8")
    decoded = decode_text(data)
    assert decoded.text == before + middle + after
    first = at + 2  # the header is line 1
    assert [line for line, _ in decoded.notes] == list(range(first, first + len(odd)))
    assert all(r.endswith("read as Windows-1252 (Western European)") for _, r in decoded.notes)


def test_a_mixed_file_loads_with_one_report_row_per_odd_line(tmp_path):
    data = (
        "Name,Email\r\nSofía Ejemplo,s@example.com\r\n".encode()
        + "Renée Müller,r@example.com\r\n".encode("cp1252")
        + "Łukasz Przykład,l@example.com\r\n".encode()
    )
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    log = load_log(path)
    assert log.contacts["name"].tolist() == ["Sofía Ejemplo", "Renée Müller", "Łukasz Przykład"]
    problems = log.report.problems
    assert problems[["row", "kept"]].to_dict("records") == [{"row": 3, "kept": True}]
    assert problems["reason"].iloc[0] == (
        "line 3 is not UTF-8 like the rest of the file: read as Windows-1252 (Western European)"
    )


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1251", "Дмитрий Пример,Пример ООО"),
        ("cp1250", "Łukasz Wójcik,Przykład Żabka"),
        ("cp1252", "René Müller,Café Zürich"),
        ("mac_roman", "José García,Fundación Ejemplo"),
        ("utf-16", "Zoë Example,Acme"),
        ("utf-16-le", "Zoë Example,Acme"),
        ("utf-16-be", "Zoë Example,Acme"),
        ("utf-8-sig", "김민준 Example,Hanbit"),
    ],
)
def test_each_encoding_loads_exactly(tmp_path, encoding, text):
    path = tmp_path / "file.csv"
    content = "Name,Company\r\n" + text + "\r\n" + "Bo Sample,Globex\r\n"
    path.write_bytes(content.encode(encoding))
    log = load_log(path)
    name, company = text.split(",")
    assert log.contacts["name"].tolist() == [name, "Bo Sample"]
    assert log.contacts["organization"].tolist() == [company, "Globex"]
    assert not _encoding_notes(log)


def test_utf16_without_a_mark_is_text():
    assert looks_like_utf16("Name,Email\r\n".encode("utf-16-be")) == "utf_16_be"
    assert looks_like_utf16(b"Name,Email\r\n") is None
    assert decode_text("Zoë\r\n".encode("utf-16-le")).text == "Zoë\r\n"


def test_mojibake_is_implausible():
    clean = "Zoë Müller, Łukasz Wójcik, Дмитрий"
    assert implausibility(clean) == 0
    assert implausibility(clean.encode("cp1251", errors="ignore").decode("cp1252")) > 0
    assert implausibility("José García".encode("mac_roman").decode("cp1252")) > 0
