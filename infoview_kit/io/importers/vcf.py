"""Address books (``.vcf`` vCards, as Google Contacts, Outlook or Apple export them).

Each card becomes a contact: name (``FN``, else ``N``), organisation and
title (``ORG``, ``TITLE``), e-mail and phone (the preferred one, else the
first), the LinkedIn profile among its ``URL`` lines, the note, and its
groups (``CATEGORIES``, without Google's "myContacts"/"starred") as tags.
Folded lines, quoted-printable and character sets are handled by vobject.

A card with neither a name nor an e-mail, or one that cannot be parsed, is
rejected with its card number; a second card for the same person (same
e-mail, or same name and organisation) is merged into the first.
"""

from __future__ import annotations

import re

import pandas as pd

from infoview_kit.errors import NotALogError
from infoview_kit.io.importers._common import (
    LOADED,
    MERGED,
    REJECTED,
    Accounting,
    Source,
    decode_text,
    finish,
    read_bytes,
    source_name,
)
from infoview_kit.io.limits import Limits, resolve
from infoview_kit.model import OutreachLog, Problems
from infoview_kit.schema import make_contact_ids

_CARD = re.compile(
    r"^BEGIN:VCARD[ \t]*\r?$.*?^END:VCARD[ \t]*\r?$", re.IGNORECASE | re.MULTILINE | re.DOTALL
)
_GOOGLE_GROUPS = {"mycontacts", "starred"}


def read_vcf(
    source: Source,
    *,
    owner: str | None = None,
    name: str | None = None,
    limits: Limits | None = None,
) -> OutreachLog:
    """Read vCards (a path, or the file's bytes) into contacts (no events).

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
    text = decode_text(read_bytes(source, name=label, limits=limits))
    cards = [m.group(0) for m in _CARD.finditer(text)]
    if not cards:
        raise NotALogError(f"{label}: no contact cards found (expected BEGIN:VCARD ... END:VCARD).")
    problems = Problems()
    rows = [_card(number, card) for number, card in enumerate(cards, start=1)]
    frame = pd.DataFrame(rows, columns=_COLUMNS)
    for column in _COLUMNS[1:]:
        frame[column] = frame[column].astype("str")
    log_owner = owner or "me"
    frame["owner"] = log_owner
    frame["outcome"] = LOADED
    broken = frame["broken"].eq("yes").fillna(False)
    anonymous = frame["name"].isna() & frame["email"].isna()
    frame.loc[broken, "outcome"] = REJECTED
    problems.add(
        label, frame.loc[broken, "record"], None, None, "card could not be read", kept=False
    )
    frame.loc[anonymous & ~broken, "outcome"] = REJECTED
    problems.add(
        label,
        frame.loc[anonymous & ~broken, "record"],
        "FN",
        None,
        "card has no name or e-mail",
        kept=False,
    )

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
    contacts = kept.groupby("contact_id", sort=False).first().reset_index()
    accounting = Accounting(problems)
    accounting.add_file(label, "vcard", frame["outcome"])
    return finish(contacts, pd.DataFrame(), accounting)


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
]


def _card(number: int, text: str) -> dict:
    """The fields of one card (parsing the file: one pass over its cards)."""
    import vobject

    try:
        card = vobject.readOne(text, ignoreUnreadable=True)
        contents = card.contents
    except Exception:  # vobject raises many types on a damaged card; all mean "unreadable"
        return {"record": number, "broken": "yes"}

    def values(key: str) -> list:
        return [line for line in contents.get(key, []) if str(getattr(line, "value", "")).strip()]

    def preferred(key: str) -> str | None:
        lines = values(key)
        if not lines:
            return None
        ranked = sorted(lines, key=lambda line: not _is_preferred(line))
        return str(ranked[0].value).strip()

    name = _text(contents.get("fn"))
    if not name and contents.get("n"):
        n = contents["n"][0].value
        name = (
            " ".join(p for p in (getattr(n, "given", ""), getattr(n, "family", "")) if p).strip()
            or None
        )
    org = values("org")
    org_name = None
    if org:
        value = org[0].value
        org_name = (value[0] if isinstance(value, list) and value else str(value)).strip() or None
    urls = [str(line.value).replace("\\:", ":").strip() for line in values("url")]
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
        "phone": preferred("tel"),
        "linkedin_url": linkedin,
        "notes": _text(contents.get("note")),
        "tags": "; ".join(categories) or None,
        "broken": None,
    }


def _text(lines) -> str | None:
    if not lines:
        return None
    value = lines[0].value
    text = (", ".join(value) if isinstance(value, list) else str(value)).strip()
    return text or None


def _is_preferred(line) -> bool:
    """PREF as a parameter (2.1: ``EMAIL;PREF``), a type (3.0) or a value (4.0: ``PREF=1``)."""
    marks = [str(p).upper() for p in getattr(line, "singletonparams", [])]
    for key, values in getattr(line, "params", {}).items():
        marks += [key.upper(), *(str(v).upper() for v in values)]
    return "PREF" in marks
