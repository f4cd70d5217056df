"""Address books (``.vcf`` vCards, as Google Contacts, Outlook or Apple export them).

Each card becomes a contact: name (``FN``, read "Given Family" when it is
``N``'s family and given names written "Family, Given"; else ``N``), organisation and
title (``ORG``, ``TITLE``), e-mail and phone (the preferred one, else the
first; a card with more e-mail addresses is reported), the LinkedIn profile
among its ``URL`` and ``X-SOCIALPROFILE`` lines, the note, and its groups
(``CATEGORIES``, without Google's "myContacts"/"starred") as tags.

Folded lines, quoted-printable and character sets are handled by vobject; a
bare comma in a note, title or name is kept as text (vobject would cut the
value there), and quoted-printable without a character set is read as
Windows-1252 when it is not UTF-8.

A card with neither a name nor an e-mail, or one that cannot be parsed, is
rejected with its card number; a second card for the same person (same
e-mail, or same name and organisation) is merged into the first.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from infoview_kit.errors import NotALogError
from infoview_kit.io.importers._common import (
    LOADED,
    MERGED,
    REJECTED,
    Accounting,
    LibraryNotes,
    Source,
    decode_text,
    finish,
    read_bytes,
    remove_nul,
    source_name,
    unify_line_ends,
)
from infoview_kit.io.limits import Limits, resolve
from infoview_kit.model import OutreachLog, Problems
from infoview_kit.names import given_family
from infoview_kit.schema import make_contact_ids

_GOOGLE_GROUPS = {"mycontacts", "starred"}


def read_vcf(
    source: Source,
    *,
    owner: str | None = None,
    name: str | None = None,
    limits: Limits | None = None,
) -> OutreachLog:
    """Read vCards (a path, or the file's bytes) into contacts (no events).

    A folder of ``.vcf`` files (Outlook exports one contact per file) is read
    as one address book; the report names each card's file.

    ``owner`` labels the log (default "me": a card file does not say whose
    it is); ``name`` is the file name used in reports when ``source`` is bytes.

    >>> vcf = (
    ...     b"BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nFN:Ada Example\\r\\nN:Example;Ada;;;\\r\\n"
    ...     b"EMAIL;TYPE=INTERNET:ada@example.com\\r\\nORG:Acme\\r\\nTITLE:Engineer\\r\\n"
    ...     b"item1.URL:https\\\\://www.linkedin.com/in/ada-example\\r\\nEND:VCARD\\r\\n"
    ... )
    >>> people = read_vcf(vcf, name="contacts.vcf").contacts
    >>> people[["name", "organization", "linkedin_url"]].to_numpy().tolist()
    [['Ada Example', 'Acme', 'https://www.linkedin.com/in/ada-example']]
    """
    label = source_name(source, name)
    limits = resolve(limits)
    problems = Problems()
    if isinstance(source, (str, os.PathLike)) and Path(source).is_dir():
        cards = _cards_of_folder(Path(source), label=label, limits=limits, problems=problems)
    else:
        text = unify_line_ends(decode_text(read_bytes(source, name=label, limits=limits)))
        text = remove_nul(text, label=label, problems=problems)
        cards = split_cards(text, label=label, limits=limits)
    if not cards:
        raise NotALogError(f"{label}: no contact cards found (expected BEGIN:VCARD ... END:VCARD).")
    if not any(card.closed for card in cards):
        raise NotALogError(
            f"{label}: no complete contact card ({len(cards)} BEGIN:VCARD from line "
            f"{cards[0].line} on, never an END:VCARD)."
        )
    frame, notes = _read_cards(cards)
    frame["owner"] = owner or "me"
    frame["outcome"] = LOADED
    _report_cards(frame, cards, notes, label, problems)

    contacts = _merged(frame, label, problems)
    accounting = Accounting(problems)
    accounting.add_file(label, "vcard", frame["outcome"])
    return finish(contacts, pd.DataFrame(), accounting)


def _read_cards(cards: list[Card]) -> tuple[pd.DataFrame, LibraryNotes]:
    """One row per card (its fields, or why it is broken), and what the library said."""
    import vobject  # noqa: F401 - before LibraryNotes: it sets up its logger on import

    with LibraryNotes() as notes:
        rows = []
        for number, card in enumerate(cards, start=1):
            notes.where = number
            rows.append(
                _card(number, card.text) if card.closed else {"record": number, "broken": "open"}
            )
    frame = pd.DataFrame(rows, columns=_COLUMNS)
    for column in _COLUMNS[1:-1]:
        frame[column] = frame[column].astype("str")
    frame["other_emails"] = frame["other_emails"].fillna(0).astype("int64")
    frame["line"] = [card.where() for card in cards]
    return frame, notes


def _merged(frame: pd.DataFrame, label: str, problems: Problems) -> pd.DataFrame:
    """The loaded cards, a second card about the same person merged into the first (reported)."""
    kept = frame[frame["outcome"] == LOADED].copy()
    kept["contact_id"] = make_contact_ids(
        kept["owner"], kept["email"], kept["name"], kept["organization"]
    )
    first = kept.groupby("contact_id")["record"].transform("first")
    dups = kept[kept["record"].ne(first)]
    for card, group in dups.groupby(first[dups.index]):
        problems.add(
            label, group["record"], None, None, f"duplicate of card {card}; merged", kept=True
        )
    frame.loc[dups.index, "outcome"] = MERGED
    return kept.groupby("contact_id", sort=False).first().reset_index()


def _report_cards(
    frame: pd.DataFrame, cards: list[Card], notes: LibraryNotes, label: str, problems: Problems
) -> None:
    """Reject open, broken and anonymous cards (one row each); note what was left out."""
    rejected = pd.Series(False, index=frame.index)
    for flag, column, reason in (
        ("open", None, "card has no END:VCARD; left out"),
        ("yes", None, "card could not be read"),
        ("company", None, "a company's card, not a person's: left out"),
        ("group", None, "a contact group's card, not a person's: left out"),
        ("place", None, "a place's card, not a person's: left out"),
    ):
        mask = frame["broken"].eq(flag).fillna(False).astype(bool)
        problems.add(label, frame.loc[mask, "record"], column, frame.loc[mask, "line"], reason,
                     kept=False)  # fmt: skip
        rejected |= mask
    anonymous = frame["name"].isna() & frame["email"].isna() & ~rejected
    problems.add(label, frame.loc[anonymous, "record"], "FN", frame.loc[anonymous, "line"],
                 "card has no name or e-mail", kept=False)  # fmt: skip
    frame.loc[rejected | anonymous, "outcome"] = REJECTED
    several = frame["other_emails"].gt(0) & ~(rejected | anonymous)
    problems.add(label, frame.loc[several, "record"], "EMAIL", frame.loc[several, "line"],
                 _OTHER_EMAILS, kept=True)  # fmt: skip
    for number, card in enumerate(cards, start=1):
        for prop in card.dropped:
            reason = f"{prop} larger than {card.limit_kb} KB left out (limit card_kb)"
            problems.add(label, number, prop, card.where(), reason, kept=True)
    for where, message in notes.located:
        skipped = _SKIPPED.search(str(message))
        if skipped and where is not None:
            card = cards[where - 1]
            at = card.where(card.line + int(skipped.group(1)) - 1)
            problems.add(label, where, None, at, _SKIPPED_LINE, kept=True)
        else:
            reason = f"card library note: {_short(message)}"
            problems.add(label, where, None, None, reason, kept=True)


_SKIPPED = re.compile(r"Skipped line (\d+)")
#: A contact holds one e-mail address; say so when a card has more (merging by address
#: across sources only knows the one kept).
_OTHER_EMAILS = (
    "card has more than one e-mail address: the preferred one (else the first) was kept, "
    "the others left out"
)
_SKIPPED_LINE = "a line the card library could not read was skipped; the rest of the card loaded"


def _short(message: str) -> str:
    """A library message on one line, without the card's own text, at most 120 characters."""
    text = " ".join(str(message).split())
    return text.split(", message:")[0][:120]


@dataclass
class Card:
    """One card's text as the parser will see it, where it starts, and what was left out."""

    line: int
    text: str = ""
    closed: bool = False
    dropped: list[str] = field(default_factory=list)
    limit_kb: int = 0
    #: The file the card is in, when a folder of card files is read.
    file: str | None = None

    def where(self, line: int | None = None) -> str:
        """Where the card (or one of its lines) is, for the report: "line 3", "Ada.vcf, line 3"."""
        at = f"line {self.line if line is None else line}"
        return at if self.file is None else f"{self.file}, {at}"


def looks_like_card_folder(folder: Path, names: list[str]) -> bool:
    """True for a folder of card files holding one card each (Outlook and some phones
    export an address book one contact per file): one address book, not one per person.

    Only folders of two or more ``.vcf`` files, directly inside, are looked into.
    """
    if len(names) < 2 or any("/" in n or not n.casefold().endswith(".vcf") for n in names):
        return False
    for member in names:
        path = folder / member
        if path.is_symlink() or not path.is_file() or path.stat().st_size > _ONE_CARD_BYTES:
            return False
        with open(path, "rb") as handle:
            text = decode_text(handle.read(_ONE_CARD_BYTES))
        if len(_BEGIN_ANYWHERE.findall(text)) != 1:
            return False
    return True


#: A file larger than this holds more than one contact (a photo included).
_ONE_CARD_BYTES = 1 << 20
_BEGIN_ANYWHERE = re.compile(r"^(?:[A-Za-z0-9-]+\.)?BEGIN:VCARD[ \t]*\r?$", re.I | re.M)


def _cards_of_folder(folder: Path, *, label: str, limits: Limits, problems: Problems) -> list:
    """The cards of every ``.vcf`` file in a folder, each knowing its file (in name order)."""
    cards: list[Card] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.casefold() != ".vcf" or path.is_symlink() or not path.is_file():
            continue
        member = f"{label}/{path.name}"
        text = unify_line_ends(decode_text(read_bytes(path, name=member, limits=limits)))
        text = remove_nul(text, label=member, problems=problems)
        for card in split_cards(text, label=member, limits=limits):
            card.file = path.name
            cards.append(card)
        if len(cards) > limits.cards:
            raise limits.exceeded(label, "holds more than", "cards")
    return cards


_BEGIN = re.compile(r"^(?:[A-Za-z0-9-]+\.)?BEGIN:VCARD[ \t]*$", re.IGNORECASE)
_END = re.compile(r"^(?:[A-Za-z0-9-]+\.)?END:VCARD[ \t]*$", re.IGNORECASE)
_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)")


def split_cards(text: str, *, label: str, limits: Limits) -> list[Card]:
    """The cards of an address book, in one pass over its lines (``\\n`` line ends).

    A card opened and never closed is returned with ``closed=False`` (the
    next card starts where the next BEGIN:VCARD is); a property larger than
    ``limits.card_kb`` (a photo, a sound) is left out of the card's text and
    named in ``dropped``; past ``limits.cards`` cards, LimitExceededError.

    >>> cards = split_cards("BEGIN:VCARD\\nFN:A\\nBEGIN:VCARD\\nFN:B\\nEND:VCARD\\n",
    ...                     label="x.vcf", limits=Limits())
    >>> [(c.line, c.closed) for c in cards]
    [(1, False), (3, True)]
    """
    cards: list[Card] = []
    card: Card | None = None
    lines: list[str] = []
    budget = limits.card_kb * 1024
    size = 0  # bytes of the current property, continuation lines included
    for number, line in enumerate(text.split("\n"), start=1):
        if _BEGIN.match(line):
            if card is not None:
                cards.append(card)  # never closed
            if len(cards) >= limits.cards:
                raise limits.exceeded(label, "holds more than", "cards")
            card, lines, size = Card(number, limit_kb=limits.card_kb), ["BEGIN:VCARD"], 0
            continue
        if card is None:
            continue
        if _END.match(line):
            lines.append("END:VCARD")
            kept = [kept_line for kept_line in lines if kept_line is not _DROPPED]
            card.text, card.closed = "\r\n".join(kept) + "\r\n", True
            cards.append(card)
            card, lines = None, []
            continue
        soft = bool(lines) and _soft_break(lines[-1])
        size = size + len(line) if soft or line[:1] in (" ", "\t") else len(line)
        if size > budget:
            _drop_property(card, lines, line)
            continue
        if card.dropped and line[:1] in (" ", "\t") and lines[-1] is _DROPPED:
            continue
        if soft:  # vCard 2.1 quoted-printable: "=" at the end continues on the next line
            lines[-1] = lines[-1][:-1] + line
            continue
        lines.append(line)
    if card is not None:
        cards.append(card)
    return cards


def _soft_break(line: str) -> bool:
    """A quoted-printable value that goes on to the next line (vCard 2.1)."""
    return line.endswith("=") and "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper()


#: Marks, in a card's lines, the place of a property left out (its continuation lines skipped).
_DROPPED = "X-INFOVIEW-LEFT-OUT:1"


def _drop_property(card: Card, lines: list[str], line: str) -> None:
    """Remove the property being read (over the size budget) from ``lines``."""
    if lines and lines[-1] is _DROPPED:
        return
    while lines and lines[-1][:1] in (" ", "\t"):
        lines.pop()
    first = lines.pop() if lines and line[:1] in (" ", "\t") else line
    match = _PROPERTY.match(first)
    card.dropped.append(match.group(1).upper() if match else "a property")
    lines.append(_DROPPED)


_COLUMNS = [
    "record",
    "name",
    "organization",
    "role",
    "email",
    "phone",
    "linkedin_url",
    "notes",
    "tags",
    "broken",
    "other_emails",
]


def _card(number: int, text: str) -> dict:
    """The fields of one card, or a broken record when the library cannot make sense of it."""
    try:
        return _fields(number, text)
    except Exception:  # vobject raises many types on a damaged card; all mean "unreadable"
        return {"record": number, "broken": "yes"}


def _fields(number: int, text: str) -> dict:
    """The fields of one card (parsing the file: one pass over its cards)."""
    card = _parsed(_escape_text_commas(text))
    if card is None:
        return {"record": number, "broken": "yes"}
    contents = card.contents
    kind = _kind(contents)
    if kind is not None:
        return {"record": number, "broken": kind}

    def values(key: str) -> list:
        return [line for line in contents.get(key, []) if str(getattr(line, "value", "")).strip()]

    def preferred(key: str) -> str | None:
        lines = values(key)
        if not lines:
            return None
        ranked = sorted(lines, key=lambda line: not _is_preferred(line))
        return str(ranked[0].value).strip()

    name = _card_name(_text(contents.get("fn")), contents.get("n"))
    org = values("org")
    org_name = None
    if org:
        value = org[0].value  # organisation units; an unescaped comma splits a unit in two
        unit = value[0] if isinstance(value, list) and value else value
        org_name = _flat(unit).strip() or None
    # Apple keeps a LinkedIn profile as a social profile, not a URL line.
    linked = values("url") + values("x-socialprofile")
    urls = [str(line.value).replace("\\:", ":").strip() for line in linked]
    linkedin = next((u for u in urls if "linkedin.com/" in u.casefold()), None)
    categories = []
    for line in values("categories"):
        value = line.value if isinstance(line.value, list) else [line.value]
        categories += [
            c.strip() for c in value if c.strip() and c.strip().casefold() not in _GOOGLE_GROUPS
        ]
    email = preferred("email")
    return {
        "record": number,
        "name": name,
        "organization": org_name,
        "role": _text(contents.get("title")),
        "email": email.casefold() if email else None,
        "phone": _without_scheme(preferred("tel")),
        "linkedin_url": linkedin,
        "notes": _text(contents.get("note")),
        "tags": "; ".join(categories) or None,
        "broken": None,
        "other_emails": len({str(line.value).strip().casefold() for line in values("email")}) - 1,
    }


#: Cards that describe no person, by what marks them: vCard 4's ``KIND``, Apple's
#: ``X-ABShowAs:COMPANY`` (a company card) and its server's group cards.
_NOT_A_PERSON = {
    ("kind", "org"): "company",
    ("kind", "organization"): "company",
    ("x-abshowas", "company"): "company",
    ("kind", "group"): "group",
    ("x-addressbookserver-kind", "group"): "group",
    ("kind", "location"): "place",
}


def _kind(contents: dict) -> str | None:
    """ "company", "group" or "place" for a card that describes no person, else None."""
    for (key, value), kind in _NOT_A_PERSON.items():
        if any(str(line.value).strip().casefold() == value for line in contents.get(key, [])):
            return kind
    return None


#: The parts of a structured name (``N``) that make the name shown, in order.
_NAME_PARTS = ("given", "additional", "family")


def _card_name(fn: str | None, n_lines) -> str | None:
    """The card's name: ``FN``, read "Given Family" when it is written "Family, Given" (its
    ``N`` says which part is the family name, else :func:`infoview_kit.names.given_family`
    judges); without ``FN``, the ``N`` parts in the order "Given Middle Family"."""
    parts = None
    if n_lines:
        n = n_lines[0].value
        parts = [_flat(getattr(n, part, "")).replace(",", " ").strip() for part in _NAME_PARTS]
    if not fn:
        return " ".join(p for p in parts or [] if p) or None  # middle names kept
    if "," not in fn:
        return fn
    if not (parts and parts[0] and parts[2]):
        return given_family(fn)
    given, middle, family = parts
    family_part, _, rest = re.sub(r"\s*,\s*", ", ", " ".join(fn.split())).partition(", ")
    firsts = {given.casefold(), f"{given} {middle}".casefold()}
    if family_part.casefold() == family.casefold() and rest.casefold() in firsts:
        return f"{rest} {family_part}"
    return fn  # "Ada Example, PhD", "Acme, Inc.": not "N family, N given": as written


def _parsed(text: str):
    """The card as vobject reads it, or None when it cannot.

    A quoted-printable value without a character set whose bytes are not
    UTF-8 (older phones and Outlook write Windows-1252 then) is read as
    Windows-1252 rather than losing the whole card.
    """
    import vobject

    for attempt in (text, _QP_WITHOUT_CHARSET.sub(_with_charset, text)):
        try:
            return vobject.readOne(attempt, ignoreUnreadable=True)
        except UnicodeDecodeError:
            continue
        except Exception:  # vobject raises many types on a damaged card; all mean "unreadable"
            return None
    return None


#: The name and parameters of a quoted-printable property line.
_QP_WITHOUT_CHARSET = re.compile(r"^[^:\r\n]*QUOTED-PRINTABLE[^:\r\n]*:", re.I | re.M)


def _with_charset(match: re.Match) -> str:
    """A quoted-printable line's parameters with Windows-1252 as its character set, if none."""
    head = match.group(0)
    return head if "CHARSET" in head.upper() else head[:-1] + ";CHARSET=windows-1252:"


#: Free-text properties that hold one value: a comma in them is part of the text.
_TEXT_LINE = re.compile(
    r"^((?:[A-Za-z0-9-]+\.)?(?:NOTE|TITLE|ROLE|FN)(?:;[^:\r\n]*)?:)"  # name, parameters
    r"([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)",  # the value and its folded lines
    re.IGNORECASE | re.MULTILINE,
)
_BARE_COMMA = re.compile(r"(?<!\\)((?:\\\\)*)(,|=2C)", re.IGNORECASE)


def _escape_text_commas(text: str) -> str:
    r"""A card's text with the bare commas of its free-text lines escaped (``,`` -> ``\,``).

    vCard 2.1 has no comma escape and many programs write none in 3.0 either,
    but the card library cuts such a value at its first comma ("VP, Sales"
    would become "VP"). In a note, title or name a comma is only ever text.
    A comma written quoted-printable (``=2C``) is escaped the same way.

    >>> _escape_text_commas("TITLE:VP, Sales\r\nNOTE:kept\\, as is\r\nORG:A, B\r\n")
    'TITLE:VP\\, Sales\r\nNOTE:kept\\, as is\r\nORG:A, B\r\n'
    """
    if "," not in text and "=2" not in text:
        return text

    def escaped(line: re.Match) -> str:
        quoted = "QUOTED-PRINTABLE" in line.group(1).upper()

        def one(comma: re.Match) -> str:
            bare = quoted or comma.group(2) == ","  # "=2C" is a comma only when quoted-printable
            return comma.group(1) + ("\\" if bare else "") + comma.group(2)

        return line.group(1) + _BARE_COMMA.sub(one, line.group(2))

    return _TEXT_LINE.sub(escaped, text)


def _flat(value: object) -> str:
    """A property value as text, lists (split on commas by the library) joined back."""
    if isinstance(value, list | tuple):
        return ",".join(_flat(v) for v in value)
    return str(value)


def _text(lines) -> str | None:
    if not lines:
        return None
    value = lines[0].value
    text = (", ".join(value) if isinstance(value, list) else str(value)).strip()
    return unify_line_ends(text) or None


def _without_scheme(phone: str | None) -> str | None:
    """A phone number without vCard 4.0's ``tel:`` (``TEL;VALUE=uri:tel:+1-555-0102``)."""
    if phone and phone[:4].casefold() == "tel:":
        return phone[4:].strip() or None
    return phone


def _is_preferred(line) -> bool:
    """PREF as a parameter (2.1: ``EMAIL;PREF``), a type (3.0) or a value (4.0: ``PREF=1``)."""
    marks = [str(p).upper() for p in getattr(line, "singletonparams", [])]
    for key, values in getattr(line, "params", {}).items():
        marks += [key.upper(), *(str(v).upper() for v in values)]
    return "PREF" in marks
