"""A form's responses sheet (Google Forms, Microsoft Forms): one row per response.

Career services often ask students to log each outreach through a form; the
advisor downloads the responses as CSV or Excel. Such a sheet is a combined
cohort log whose *respondent* is the student: Google's "Email Address" column
(right after "Timestamp") or Microsoft's "Email" and "Name" are the student's,
never the contact's, and the time the form was sent in is not the date of the
outreach. :func:`form_columns` recognises the two layouts from their first
columns; :func:`respondent_owners` gives each response its student, one per
respondent however many responses they sent.

>>> found = form_columns(["Timestamp", "Email Address", "Contact name", "Organisation"])
>>> found.maker, found.submitted, found.respondent
('Google Forms', 0, {'email': (1,)})
>>> form_columns(["Name", "Email", "Company"]) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from infoview_kit.io.headers import canonical_header, fold_header

#: Google Forms' first column, "Timestamp", in the languages whose spelling we could
#: confirm in real response sheets (folded): English, Spanish, French, German, Italian,
#: Portuguese, Dutch.
GOOGLE_TIMESTAMPS = frozenset(
    fold_header(t)
    for t in (
        "Timestamp",
        "Marca temporal",
        "Horodateur",
        "Zeitstempel",
        "Informazioni cronologiche",
        "Carimbo de data/hora",
        "Tijdstempel",
    )
)
#: Google Forms' respondent column right after the timestamp, when the form collects it:
#: "Username", or "Email Address" in the same languages (as Google writes them: a tracker's
#: plain "Email" there is still the contact's).
_GOOGLE_RESPONDENT = frozenset(
    fold_header(h)
    for h in (
        "Username",
        "Email Address",
        "Dirección de correo electrónico",
        "Adresse e-mail",
        "E-Mail-Adresse",
        "Indirizzo email",
        "Endereço de e-mail",
        "E-mailadres",
    )
)
#: Microsoft Forms' first columns, and those of its bookkeeping among the first few.
_MICROSOFT_START = ("id", "start time", "completion time")
_MICROSOFT_BOOKKEEPING = {
    "id": "the number Microsoft Forms gave the response (not a contact id)",
    "start time": "when the student opened the form (Microsoft Forms)",
    "last modified time": "when the response was last changed (Microsoft Forms)",
}
_MICROSOFT_FIRST = 7
#: Microsoft Forms writes this in "Email" when the form does not record who answered.
_ANONYMOUS = frozenset({"anonymous", "anonyme", "anonym", "anónimo", "anonimo"})


@dataclass(frozen=True)
class FormColumns:
    """Where a form's own columns are: ``submitted`` (when a response was sent in),
    ``respondent`` (``"email"``, ``"name"``, ``"id"`` -> positions: who answered, what
    the form collected first, then the questions about them),
    ``bookkeeping`` (position -> what it is: columns of the form, not of the log)."""

    maker: str
    submitted: int
    respondent: dict[str, tuple[int, ...]] = field(default_factory=dict)
    bookkeeping: dict[int, str] = field(default_factory=dict)


def form_columns(headers: list[str]) -> FormColumns | None:
    """The form columns of a sheet whose column names are ``headers``, or None when the
    sheet is not a form's responses."""
    folded = [fold_header(h) for h in headers]
    if folded and folded[0] in GOOGLE_TIMESTAMPS:
        collected = {"email": 1} if len(folded) > 1 and folded[1] in _GOOGLE_RESPONDENT else {}
        respondent = _with_questions(headers, collected)
        if not respondent and any(canonical_header(h) == "kind" for h in headers[1:]):
            return None  # an events table that starts with its time ("Timestamp, Name, Event")
        return FormColumns("Google Forms", 0, respondent, {})
    if tuple(folded[:3]) == _MICROSOFT_START:
        respondent, bookkeeping = {}, {}
        for position, name in enumerate(folded[:_MICROSOFT_FIRST]):
            if name in ("email", "name"):
                respondent.setdefault(name, position)
            elif name in _MICROSOFT_BOOKKEEPING:
                bookkeeping[position] = _MICROSOFT_BOOKKEEPING[name]
        return FormColumns("Microsoft Forms", 2, _with_questions(headers, respondent), bookkeeping)
    return None


def _with_questions(headers: list[str], collected: dict[str, int]) -> dict[str, tuple[int, ...]]:
    """The respondent's columns the form collected, then the questions about them
    ("Your name", "Student ID"), by kind: what was collected comes first."""
    found = {kind: [position] for kind, position in collected.items()}
    taken = set(collected.values())
    for position, header in enumerate(headers):
        if position in taken or canonical_header(header) != "owner":
            continue
        words = fold_header(header).split()
        kind = "email" if {"email", "mail"} & set(words) else "id" if "id" in words else "name"
        found.setdefault(kind, []).append(position)
    return {kind: tuple(positions) for kind, positions in found.items()}


def respondent_owners(
    *,
    email: pd.Series | None = None,
    name: pd.Series | None = None,
    student_id: pd.Series | None = None,
) -> np.ndarray:
    """The owner of each response: one per respondent, named by their name when one is
    given (else the e-mail, else the id). Responses are the same respondent's when the
    e-mail (any case) is the same, or, without an e-mail, the id, or the name (any case
    or spacing). Two respondents given the same name keep apart: the second name is
    followed by its e-mail. None where a response says nothing of who sent it.

    >>> respondent_owners(email=pd.Series(["ana@example.edu", "ANA@example.edu", None]),
    ...                   name=pd.Series(["Ana Student", None, "Ben Student"])).tolist()
    ['Ana Student', 'Ana Student', 'Ben Student']
    """
    n = len(next(s for s in (email, name, student_id) if s is not None))
    columns = zip("eni", (email, name, student_id), strict=True)
    given = pd.DataFrame({k: _raw(s, n) for k, s in columns}, dtype=object)
    # Each distinct (e-mail, name, id) once: a form has many responses per student.
    codes = given.groupby(["e", "n", "i"], sort=False, dropna=False).ngroup().to_numpy()
    distinct = given.drop_duplicates(ignore_index=True)
    shown = _owner_names(*(_tidy(distinct[k]) for k in "eni"))
    return shown[codes]


def _owner_names(email: pd.Series, name: pd.Series, ident: pd.Series) -> np.ndarray:
    """``respondent_owners`` of distinct responses, in the order they first came."""
    anonymous = email.str.casefold().isin(_ANONYMOUS)
    email = email.where(email.str.contains("@", regex=False).fillna(False) & ~anonymous)
    spaced = name.str.casefold().str.replace(r"\s+", " ", regex=True)
    key = email.str.casefold().fillna("id:" + ident.str.casefold()).fillna("name:" + spaced)
    first_name = pd.Series(name.groupby(key, sort=False).transform("first"), dtype="str")
    shown = first_name.fillna(email).fillna(ident)
    # The same name for two different respondents: the e-mail (or id) tells them apart.
    named = shown.notna() & key.notna()
    keys_per_name = key[named].groupby(shown[named], sort=False).transform("nunique")
    first_key = key[named].groupby(shown[named], sort=False).transform("first")
    apart = (keys_per_name > 1) & (key[named] != first_key)
    where = apart[apart].index
    shown[where] = shown[where] + " (" + email.fillna(ident)[where] + ")"
    shown = shown.where(key.notna()).to_numpy(dtype=object)
    return np.where(pd.isna(shown), None, shown)


def _raw(values: pd.Series | None, n: int) -> np.ndarray:
    """The cells of a column as objects (``n`` blanks when there is no column)."""
    if values is None:
        return np.full(n, None, dtype=object)
    return values.to_numpy(dtype=object)


def _tidy(values: pd.Series) -> pd.Series:
    """Text with spaces stripped and blanks missing."""
    text = [None if pd.isna(v) else str(v).strip() for v in values.tolist()]
    text = pd.Series(text, dtype="str")
    return text.where(text.str.len() > 0)
