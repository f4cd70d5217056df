"""Raw sheets to contacts and events.

Four layouts are understood:

* ``tracker``: one row per contact, a column per step (dates or yes/no);
* ``events``: one row per touch (columns for when, what, and who);
* ``contacts`` and ``workbook events``: the canonical tables of a workbook.

Every data row is accounted for: it is blank (not counted), rejected (it
cannot be tied to a person), or loaded, possibly with warnings. Everything is
computed per column and per distinct value, never row by row in Python.

>>> from infoview_kit.io.sheets import frame_sheet
>>> table = pd.DataFrame({"Name": ["Ada Example", ""], "Date contacted": ["2025-06-02", ""],
...                       "Replied? (Y/N)": ["Y", ""]})
>>> sheet = frame_sheet(table)
>>> part, layout = sheet_to_part(sheet, default_owner="me", as_of=pd.Timestamp("2025-07-01"))
>>> layout, part.totals["rows_read"], part.events["kind"].tolist()
('tracker', 1, ['request_sent', 'reply_received'])
"""

from __future__ import annotations

import dataclasses
import re
import string
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from infoview_kit.errors import NotALogError
from infoview_kit.io.addresses import Address, read_addresses
from infoview_kit.io.dates import (
    AMBIGUOUS,
    AMBIGUOUS_REASON,
    ParsedDates,
    parse_date_columns,
    range_reasons,
)
from infoview_kit.io.error_values import (
    ErrorCells,
    clear_error_values,
    error_notes,
    is_error_value,
)
from infoview_kit.io.forms import FormColumns, form_columns, respondent_owners
from infoview_kit.io.formulas import unquote_formula_list, unquote_formulas
from infoview_kit.io.headers import (
    STATUS_WITHOUT_EVENT,
    canonical_header,
    canonical_label,
    fold_header,
)
from infoview_kit.io.merge import Part
from infoview_kit.io.placeholders import DETAIL_FIELDS, NAME_FIELDS, placeholder_cells
from infoview_kit.io.sheets import RawSheet
from infoview_kit.model import Problems
from infoview_kit.names import (
    FAMILY_GIVEN,
    TWO_PEOPLE,
    given_family_keys,
    letters_after_name,
    read_family_given,
)
from infoview_kit.schema import (
    CONTACT_COLUMNS,
    EVENT_COLUMNS,
    STRING_DTYPE,
    contact_ids_of_factors,
    fold_list,
    fold_text,
    make_contact_ids,
)

#: Cell values read as "yes" / "no" in a yes/no column (compared case-folded).
YES = frozenset({"y", "yes", "✓", "✔", "✅", "☑", "x", "true", "1", "done", "sent", "ok"})
NO = frozenset({"n", "no", "false", "0", "-", "–", "—", "n/a", "na", "none", "not yet"})
#: What people also type for yes / no, compared after folding case and accents and dropping
#: the punctuation around the words ("Yes!", "(pending)", "Sí", "no response."). Whole cells
#: only: "Yes, Ana Lima" in a referrals column keeps its name, and "Yes, 3/5" stays unread.
#: With the English words, the same in French, German, Spanish, Italian, Portuguese, Dutch,
#: Swedish, Danish, Norwegian and Polish. Left out as they mean something else in another of
#: these languages: "tak" (yes in Polish, thanks in Danish and Norwegian), "da" (yes in
#: Romanian, "there" in German), "jo" ("I" in Catalan), "ne" (no in Czech, a French particle).
YES_WORDS = frozenset(
    {"yeah", "yep", "yup", "ja", "oui", "si", "sim", "replied", "responded", "answered",
     "heard back", "got a reply", "completed", "complete", "received",
     # replied
     "repondu", "a repondu", "beantwortet", "geantwortet", "respondido", "respondio",
     "respondeu", "contesto", "contestado", "risposto", "ha risposto", "beantwoord",
     "geantwoord", "svarat", "svarade", "svaret", "besvaret", "besvart", "odpowiedział",
     "odpowiedziała",
     # done, sent, received
     "fait", "erledigt", "hecho", "fatto", "feito", "gedaan", "klaar", "klart", "gjort",
     "ferdig", "zrobione", "envoye", "gesendet", "verschickt", "enviado", "inviato",
     "verstuurd", "verzonden", "skickat", "sendt", "wysłane", "recu", "erhalten", "recibido",
     "ricevuto", "recebido", "ontvangen", "mottaget", "modtaget", "mottatt", "otrzymane"}
)  # fmt: skip
NO_WORDS = frozenset(
    {"nope", "nah", "nein", "non", "nao", "nee", "no response", "no reply", "no answer",
     "no response yet", "no reply yet", "none yet", "not replied", "unanswered", "pending",
     "waiting", "awaiting reply", "awaiting response", "ghosted", "not sent", "not done",
     "✗", "✘", "✖", "❌", "☐",
     # no ("nie" is never in German: a no all the same)
     "nej", "nei", "nie",
     # not yet
     "pas encore", "noch nicht", "todavia no", "aun no", "ancora no", "non ancora",
     "ainda nao", "nog niet", "inte an", "inte annu", "ikke endnu", "ikke enda", "ikke enna",
     "jeszcze nie",
     # no reply
     "pas de reponse", "sans reponse", "aucune reponse", "keine antwort", "sin respuesta",
     "sem resposta", "nessuna risposta", "geen antwoord", "geen reactie", "inget svar",
     "intet svar", "ingen svar", "brak odpowiedzi",
     # waiting
     "en attente", "ausstehend", "pendiente", "in attesa", "pendente", "in afwachting",
     "vantar", "venter", "afventer", "oczekuje",
     # not sent
     "pas envoye", "nicht gesendet", "no enviado", "non inviato", "nao enviado",
     "niet verstuurd", "inte skickat", "ikke sendt", "nie wysłane"}
)  # fmt: skip
#: Reason for "Mar-25" (Excel's mmm-yy, or the 25th with no year), left unread.
DAY_OR_YEAR_REASON = (
    "unreadable date: a month and two figures may mean a day or a year; "
    "write the year in four figures"
)
_AROUND = " \t\"'“”‘’«»()[]!.?¡¿;:"

CONTACT_FIELDS = (
    "owner",
    "contact_id",
    "name",
    "first_name",
    "last_name",
    "organization",
    "role",
    "field",
    "connection",
    "referred_by",
    "email",
    "phone",
    "linkedin_url",
    "added_on",
    "tags",
    "notes",
)
#: Tracker columns that hold a date or a yes/no, and the event each becomes.
STEP_FIELDS = (
    "contacted_on",
    "followed_up_on",
    "replied",
    "replied_on",
    "declined",
    "meeting_on",
    "thank_you_on",
)
_STEP_KIND = {
    "contacted_on": "request_sent",
    "followed_up_on": "follow_up_sent",
    "replied": "reply_received",
    "replied_on": "reply_received",
    "declined": "declined",
    "meeting_on": "meeting_held",
    "thank_you_on": "thank_you_sent",
}
_YES_NO_ONLY = ("replied", "declined")
_IDENTITY = ("name", "first_name", "last_name", "email", "contact_id")
LAYOUT_FIELDS: dict[str, tuple[str, ...]] = {
    "tracker": (
        *CONTACT_FIELDS,
        *STEP_FIELDS,
        "channel",
        "meeting_channel",
        "referrals",
        "next_step",
        "status",
    ),
    "events": (*CONTACT_FIELDS, "at", "kind", "channel", "source"),
    "contacts": CONTACT_FIELDS,
    "workbook events": (
        "owner",
        "contact_id",
        "name",
        "email",
        "at",
        "kind",
        "channel",
        "notes",
        "source",
    ),
}
#: Event kinds that take the tracker row's channel (a meeting's medium is not the request's).
_CHANNEL_KINDS = frozenset(
    {"request_sent", "follow_up_sent", "reply_received", "declined", "thank_you_sent"}
)
_MEETINGS = frozenset({"meeting_held", "meeting_scheduled"})
_SPLIT_NAMES = r"\s*(?:[,;/\n&+]|\band\b)\s*"
#: The same without the comma: what parts a list of names written "Family, Given".
_SPLIT_LIST = r"\s*(?:[;/\n&+]|\band\b)\s*"
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_PUNCTUATION = set(string.punctuation)


def _letter(position: int) -> str:
    """Excel's column letter for a 0-based position (0 -> A, 27 -> AB)."""
    out = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        out = chr(65 + rest) + out
    return out


# --------------------------------------------------------------------------- cells


def _strip_cell(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value != value:
        return None
    if value is pd.NaT or value is pd.NA:
        return None
    return value


def _text_of(value: object) -> object:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return str(value)


class _Column:
    """One column of a sheet: raw cells and, when needed, codes into its distinct cleaned values.

    Cleaning (spaces stripped, blank = missing) and every label or date lookup
    happen once per distinct value; ``codes`` map them back to the rows (the
    last distinct value is always the missing one). ``unquote=False`` says no
    cell was quoted against formulas by an export (the file was searched).
    """

    def __init__(
        self,
        raw: pd.Series,
        *,
        tidy: bool,
        factor: tuple[np.ndarray, np.ndarray] | None = None,
        unquote: bool = True,
    ):
        self.raw = raw.reset_index(drop=True)
        self.tidy = tidy and raw.dtype == STRING_DTYPE
        self._factor = factor
        self.unquote = unquote

    @property
    def factor(self) -> tuple[np.ndarray, np.ndarray]:
        if self._factor is None:
            codes, uniques = pd.factorize(self.raw)
            distinct = np.asarray(uniques, dtype=object).tolist()
            # Tidy text has no blank cells; a trailing space is harmless for lookups.
            cleaned = distinct if self.tidy else [_strip_cell(u) for u in distinct]
            # What an export quoted against formulas comes back exactly as it was.
            cleaned = unquote_formula_list(cleaned) if self.unquote else cleaned
            values = np.array([*cleaned, None], dtype=object)
            codes = np.where(codes < 0, len(cleaned), codes)
            # int32 halves the cached codes; every combination of codes is made in int64.
            self._factor = (codes.astype(np.int32, copy=False), values)
        return self._factor

    @property
    def codes(self) -> np.ndarray:
        return self.factor[0]

    @property
    def uniques(self) -> np.ndarray:
        return self.factor[1]

    def present(self) -> np.ndarray:
        if self.tidy:
            return self.raw.notna().to_numpy()
        codes, uniques = self.factor
        return pd.notna(uniques)[codes]

    def values_at(self, where: np.ndarray) -> np.ndarray:
        """The cells at positions ``where`` (None where blank)."""
        if self.raw is not None:
            values = self.raw.iloc[where].to_numpy(dtype=object)
            return np.where(pd.isna(values), None, values)
        codes, uniques = self.factor
        return uniques[codes[where]]

    def present_at(self, where: np.ndarray) -> np.ndarray:
        """``present()`` of the rows at positions ``where`` only."""
        if self.tidy:
            return self.raw.iloc[where].notna().to_numpy()
        codes, uniques = self.factor
        return pd.notna(uniques)[codes[where]]

    def text(self) -> pd.Series:
        if self.tidy:
            return unquote_formulas(self.raw) if self.unquote else self.raw
        codes, uniques = self.factor
        texts = np.array([_text_of(u) for u in uniques], dtype=object)
        return pd.Series(texts[codes], dtype=STRING_DTYPE)

    def map(self, func, *, dtype=object) -> np.ndarray:
        """``func`` of each distinct cleaned value (a list in, a list out), per row."""
        codes, uniques = self.factor
        return np.asarray(list(func(list(uniques))), dtype=dtype)[codes]

    def drop_raw(self) -> None:
        """Keep only the codes and distinct values (the raw cells are released)."""
        self.factor  # noqa: B018 - computed before the cells go
        self.tidy = False
        self.raw = None

    def take(self, mask: np.ndarray) -> _Column:
        factor = None if self._factor is None else (self._factor[0][mask], self._factor[1])
        return _Column(self.raw[mask], tidy=self.tidy, factor=factor, unquote=self.unquote)


def _sheet_column(sheet: RawSheet, position: int) -> _Column:
    return _Column(sheet.table[position], tidy=sheet.tidy, unquote=sheet.quoted_formulas)


def _distinct_map(values: pd.Series, func, *, dtype=object, missing=None) -> np.ndarray:
    """``func`` applied to each distinct value (a list in, a list out), mapped back to rows."""
    codes, uniques = pd.factorize(values)
    mapped = [*func(list(np.asarray(uniques, dtype=object))), missing]
    return np.asarray(mapped, dtype=dtype)[codes]


def _yes_no_one(value: object) -> int:
    if isinstance(value, bool | np.bool_):
        return 1 if value else 0
    if isinstance(value, int | float | np.integer | np.floating) and value in (0, 1):
        return int(value)
    if isinstance(value, str):
        folded = value.strip().casefold()
        if folded in YES:
            return 1
        if folded in NO:
            return 0
        return _yes_no_words(folded)
    return -1


def _yes_no_words(folded: str) -> int:
    """1 or 0 for a looser yes or no (see :data:`YES_WORDS`), else -1."""
    words = " ".join(fold_list([folded.strip(_AROUND)])[0].split())
    if words in YES or words in YES_WORDS:
        return 1
    if words in NO or words in NO_WORDS or folded in NO_WORDS:
        return 0
    return -1


def yes_no(column: pd.Series) -> np.ndarray:
    """1 for a yes, 0 for a no or a blank, -1 for anything else (maybe a date).

    >>> yes_no(pd.Series(["Y", "✓", "no", None, "7/6/25", "maybe", "Yes!", "No response"])).tolist()
    [1, 1, 0, 0, -1, -1, 1, 0]
    """
    return _distinct_map(column, lambda us: [_yes_no_one(u) for u in us], dtype=np.int8, missing=0)


def looks_like_name(values: pd.Series) -> np.ndarray:
    """True for text that reads like a person's name (1-5 capitalised words, letters only).

    >>> names = pd.Series(["Bo Sample", "her manager", "HR team at Acme", "김민준", "3"])
    >>> looks_like_name(names).tolist()
    [True, False, False, True, False]
    """

    def one(text: object) -> bool:
        if not isinstance(text, str) or len(text) > 60:
            return False
        words = text.split()
        return 0 < len(words) <= 4 and all(
            _NAME_TOKEN.match(w) and not w[0].islower() for w in words
        )

    return _distinct_map(values, lambda us: [one(u) for u in us], dtype=bool, missing=False)


# --------------------------------------------------------------------------- columns


#: What the report says of a column kept as an extra column, by why it is extra.
KEPT_EXTRA = "kept as an extra column"


def _map_columns(
    sheet: RawSheet, problems: Problems, layout: str | None
) -> tuple[dict[str, int], str, dict[str, int], FormColumns | None]:
    """Canonical field -> column position, the layout, extra column name -> position, and
    the form's own columns when the sheet is a form's responses (see :mod:`.forms`).

    A column that gives no field of the layout is kept as an extra column
    under its own header, and reported as such: nothing a user typed is dropped.
    """
    used: dict[str, int] = {}
    spare: dict[int, str] = {}  # position -> why it is not a field
    form = form_columns(sheet.headers)
    for position, header in enumerate(sheet.headers):
        text = header.strip()
        if form is not None and _form_column(form, position, used, spare):
            continue
        canonical = canonical_header(text) if text else None
        if canonical is None and is_error_value(text):
            spare[position] = (
                f"the column's name is a spreadsheet error ({text}: a formula in the row of "
                f"column names failed); {KEPT_EXTRA}, named by its letter"
            )
        elif canonical is None:
            if text or sheet.table[position].notna().any():
                spare[position] = f"column not recognised; {KEPT_EXTRA}"
        elif canonical in used:
            # Two columns for one field ("Title" and "Job Title" in an Outlook export): the
            # one with more cells filled gives it, the first on a tie.
            if _filled(sheet, position) > _filled(sheet, used[canonical]):
                position, used[canonical] = used[canonical], position
            spare[position] = f"another column already gives this field; {KEPT_EXTRA}"
        else:
            used[canonical] = position
    if form is not None:
        _form_submitted(sheet, form, used, spare, problems)
    layout = _choose_layout(sheet, used, layout)
    allowed = set(LAYOUT_FIELDS[layout])
    for canonical in [c for c in used if c not in allowed]:
        article = "an" if layout[0] in "aeiou" else "a"
        spare[used.pop(canonical)] = f"column not used in {article} {layout} table; {KEPT_EXTRA}"
    extras: dict[str, int] = {}
    for position in sorted(spare):
        shown = column_name(sheet.headers[position], position)
        header = sheet.headers[position].strip()
        value = header if header and shown != header else None  # an error value shown there
        problems.add(sheet.label, sheet.header_row, shown, value, spare[position], kept=True)
        extras[_extra_name(shown, position, extras)] = position
    return used, layout, extras, form


#: What the report says of the respondent's columns of a form kept as extra columns.
_RESPONDENT = {
    "email": "the e-mail of the student who sent the response (not the contact's)",
    "name": "the name of the student who sent the response (not the contact's)",
    "id": "the id of the student who sent the response",
}


def _form_column(form: FormColumns, position: int, used: dict[str, int], spare) -> bool:
    """Place a form's own column (who answered, when, the form's bookkeeping); False for
    a question, which is mapped like any column. The student is the owner: the column
    that names them gives it (a name, else the e-mail, else the id), the others are kept."""
    if position == form.submitted:
        return True  # placed once the questions are known (see ``_form_submitted``)
    if position in form.bookkeeping:
        spare[position] = f"{form.bookkeeping[position]}; {KEPT_EXTRA}"
        return True
    kinds = [k for k, places in form.respondent.items() if position in places]
    if not kinds:
        return False
    owner_kind = next(k for k in ("name", "email", "id") if k in form.respondent)
    if position == form.respondent[owner_kind][0]:
        used["owner"] = position
    else:
        spare[position] = f"{_RESPONDENT[kinds[0]]}; {KEPT_EXTRA}"
    return True


#: What the report says of a form's submission time.
FORM_SENT_IN = "when the response was sent in through the form, not a date of outreach"
FORM_SENT_IN_AS_REQUEST = (
    "no question of the form gives the date of the outreach: the day each response was "
    "sent in is taken as the date of the request"
)


def _form_submitted(sheet: RawSheet, form: FormColumns, used, spare, problems: Problems) -> None:
    """The submission time is kept as an extra column when a question gives the date of
    the outreach; without one, it is the date of the request (and the report says so)."""
    position = form.submitted
    if "contacted_on" in used:
        spare[position] = f"{FORM_SENT_IN}; {KEPT_EXTRA}"
        return
    used["contacted_on"] = position
    shown = sheet.headers[position].strip()
    problems.add(sheet.label, sheet.header_row, shown, None, FORM_SENT_IN_AS_REQUEST, kept=True)


def _form_owners(
    sheet: RawSheet, form: FormColumns | None, cells: _Cells, extra_at: dict[str, int]
) -> bool:
    """A form's responses: the owner of each row is its respondent (see ``respondent_owners``),
    one student however many responses they sent; the submission time, when kept as an
    extra column, votes in the day/month decision. True when the sheet is a form's."""
    if form is None:
        return False
    cells.voting_dates = tuple(n for n, p in extra_at.items() if p == form.submitted)
    if "owner" not in cells.cols:
        return False
    given = {kind: _first_given(sheet, places) for kind, places in form.respondent.items()}
    owners = respondent_owners(
        email=given.get("email"), name=given.get("name"), student_id=given.get("id")
    )
    cells.cols["owner"] = _text_column(owners)
    return True


#: What the report says of a response that does not say which student sent it.
FORM_NO_RESPONDENT = (
    "the response does not say which student sent it (no e-mail or name recorded): "
    "counted under the file's name"
)


def _report_anonymous(cells: _Cells, header_row: int | None) -> None:
    """Responses without their student: one line for the whole form when none says who
    sent it (an anonymous form), else one line per such response."""
    missing = ~cells.cols["owner"].present()
    if not missing.any():
        return
    rows = header_row if missing.all() else cells.rows[missing]
    cells.problems.add(cells.label, rows, cells.header_of["owner"], None, FORM_NO_RESPONDENT,
                       kept=True)  # fmt: skip


def _first_given(sheet: RawSheet, positions: tuple[int, ...]) -> pd.Series:
    """Per row, the first of these columns that holds something (as text)."""
    texts = [_sheet_column(sheet, p).text() for p in positions]
    first = texts[0]
    for more in texts[1:]:
        first = first.where(first.str.strip().str.len() > 0, more)
    return first


def column_name(header: str, position: int) -> str:
    """The name a column goes by in the report and as an extra column: its header, or, for a
    blank header or one that is a spreadsheet error ("#REF!"), its letter: "(column D)".

    >>> column_name(" Notes ", 3), column_name("", 3), column_name("#REF!", 3)
    ('Notes', '(column D)', '(column D)')
    """
    text = header.strip()
    if not text or is_error_value(text):
        return f"(column {_letter(position)})"
    return text


def _filled(sheet: RawSheet, position: int) -> int:
    """How many cells of a column hold something (tidy text has no blank cells)."""
    column = sheet.table[position]
    if not sheet.tidy:
        column = column.map(_strip_cell, na_action="ignore")
    return int(column.notna().sum())


def _choose_layout(sheet: RawSheet, used: dict[str, int], layout: str | None) -> str:
    """The layout of a sheet (given, or judged from its fields); loose tracker fields renamed."""
    identity = [f for f in _IDENTITY if f in used]
    if layout is None:
        if not identity:
            raise NotALogError(
                f"{sheet.label} is not an outreach log: no column for a contact's name or e-mail "
                f"was found (columns seen: {len(sheet.headers)})"
            )
        layout = "events" if "at" in used and "kind" in used else "tracker"
    elif layout != "workbook events" and not identity:
        raise NotALogError(
            f"{sheet.label} is not a contacts table: no column for a contact's name, e-mail or id "
            f"was found (columns seen: {len(sheet.headers)})"
        )
    if layout == "tracker":
        # A lone date, event or source column in a tracker: the date contacted, the
        # status, how they are connected.
        for loose, meant in (("at", "contacted_on"), ("kind", "status"), ("source", "connection")):
            if loose in used and meant not in used:
                used[meant] = used.pop(loose)
    return layout


def _extra_name(header: str, position: int, taken: dict[str, int]) -> str:
    """The column name an extra column gets: its header, unless a field or another extra has it."""
    if header in CONTACT_COLUMNS or header in EVENT_COLUMNS or header.startswith("_"):
        header = f"{header} (column {_letter(position)})"
    if header in taken:
        header = f"{header} (column {_letter(position)})"
    return header


# --------------------------------------------------------------------------- conversion


@dataclass
class _Cells:
    """The columns of one sheet as they are read: the rows still in play and their cells."""

    label: str
    rows: np.ndarray
    cols: dict[str, _Column]
    extras: dict[str, _Column]
    header_of: dict[str, str]
    problems: Problems
    text: dict[str, pd.Series] = dataclasses.field(default_factory=dict)  # cells as text
    extra_text: dict[str, pd.Series] = dataclasses.field(default_factory=dict)
    #: Stacked files (see ``sheet_to_part``): the file of each row in play, their labels, owners.
    groups: np.ndarray | None = None
    group_labels: tuple[str, ...] = ()
    group_owners: tuple[str, ...] = ()
    #: Rows whose file's names are written "Family, Given" (None: no such file).
    family_given: np.ndarray | None = None
    #: Extra columns whose dates vote in the file's day/month decision (a form's submission
    #: time, written in the same order as its date answers) and are not read otherwise.
    voting_dates: tuple[str, ...] = ()

    def keep(self, mask: np.ndarray) -> None:
        self.cols = {f: c.take(mask) for f, c in self.cols.items()}
        self.extras = {f: c.take(mask) for f, c in self.extras.items()}
        self.rows = self.rows[mask]
        if self.groups is not None:
            self.groups = self.groups[mask]
        if self.family_given is not None:
            self.family_given = self.family_given[mask]


@dataclass(frozen=True)
class StackedFiles:
    """Several files of one shape stacked in one sheet: whose each row is, and each file's name.

    ``groups`` holds, for every row of the sheet, the position of its file in
    ``labels`` (the file's report label) and ``owners`` (the owner its name implies).
    """

    groups: np.ndarray
    labels: tuple[str, ...]
    owners: tuple[str, ...]


def sheet_to_part(
    sheet: RawSheet,
    *,
    owner: str | None = None,
    default_owner: str = "me",
    dayfirst: bool | None = None,
    as_of: pd.Timestamp,
    layout: str | None = None,
    release: bool = False,
    stacked: StackedFiles | None = None,
) -> tuple[Part, str]:
    """Convert one sheet. Raises NotALogError when no column identifies a person.

    ``release=True`` lets go of ``sheet.table`` once it is read (the loader's
    own sheets: the raw cells need not outlive the events built from them).

    ``stacked`` converts several files of one shape stacked in one sheet:
    each file gets its own owner, day/month decision and row in
    ``part.files``; everything else still names ``sheet.label`` and its rows
    (the caller relabels them, see :mod:`infoview_kit.io.batch`).
    """
    problems = Problems()
    for row, column, value, reason in sheet.notes:
        problems.add(sheet.label, row, column, value, reason, kept=True)
    read, errors = _without_error_values(sheet)
    _report_error_values(read, problems, errors, None if stacked is None else stacked.groups)
    used, layout, extra_at, form = _map_columns(read, problems, layout)
    cells = _cells_of(read, used, extra_at, problems, stacked)
    responses = _form_owners(read, form, cells, extra_at)
    n_read = _drop_blank_rows(read, cells, used, errors=errors)
    if responses:
        _report_anonymous(cells, read.header_row)
    read_by_group = cells.groups
    if layout in ("tracker", "events"):  # a workbook's own tables hold what was saved
        _blank_placeholders(cells)
    n_rejected = _reject_header_repeats(cells)
    if "first_name" in cells.cols or "last_name" in cells.cols:
        cells.cols["name"] = _full_name(cells.cols, len(cells.rows))
    n_rejected += _reject_totals(cells)
    if "email" in cells.cols:
        _read_email_cells(cells)
    n_rejected += _reject_unidentified(cells)
    if layout in ("tracker", "events"):  # a workbook's own tables hold names as saved
        _read_family_given(cells)
    dates, tokens = _read_dates(cells, dayfirst, as_of)
    contacts = _contacts_of(cells, dates, owner=owner, default_owner=default_owner, layout=layout)
    if release:
        # Date and step columns are needed as codes only from here on.
        for field in (*STEP_FIELDS, "added_on", "at"):
            if field in cells.cols:
                cells.cols[field].drop_raw()
        sheet.table = read.table = sheet.table.iloc[:0, :0]
    contacts, events = _events_of(cells, contacts, dates, tokens, layout=layout, as_of=as_of)
    totals = {
        "rows_read": n_read,
        "rows_loaded": n_read - n_rejected,
        "rows_merged": 0,
        "rows_rejected": n_rejected,
    }
    files = _files_of(cells, layout, n_read, n_rejected, read_by_group=read_by_group)
    return Part(contacts, events, problems.frame(), files, totals), layout


def _files_of(cells: _Cells, layout: str, n_read: int, n_rejected: int, *, read_by_group):
    """The ``report.files`` rows of a converted sheet: one, or one per stacked file."""
    if cells.groups is None:
        return _files_frame([cells.label], layout, np.array([n_read]), np.array([n_rejected]))
    count = len(cells.group_labels)
    read = np.bincount(read_by_group, minlength=count)
    rejected = read - np.bincount(cells.groups, minlength=count)
    return _files_frame(list(cells.group_labels), layout, read, rejected)


def _files_frame(labels: list[str], layout: str, read: np.ndarray, rejected: np.ndarray):
    """The ``report.files`` rows of one sheet (one per stacked file)."""
    read, rejected = read.astype(np.int64).tolist(), rejected.astype(np.int64).tolist()
    return pd.DataFrame(
        {
            "file": labels,
            "layout": [layout] * len(labels),
            "rows_read": read,
            "rows_loaded": [r - j for r, j in zip(read, rejected, strict=True)],
            "rows_merged": [0] * len(labels),
            "rows_rejected": rejected,
            "status": ["loaded" if r else "empty" for r in read],
            "message": ["" if r else "no data rows" for r in read],
        }
    )


def _cells_of(
    sheet: RawSheet,
    used: dict[str, int],
    extra_at: dict[str, int],
    problems: Problems,
    stacked: StackedFiles | None,
) -> _Cells:
    """The columns of ``sheet`` a layout uses (``used``) and keeps (``extra_at``), as read."""
    return _Cells(
        label=sheet.label,
        rows=sheet.rows,
        cols={field: _sheet_column(sheet, pos) for field, pos in used.items()},
        extras={name: _sheet_column(sheet, pos) for name, pos in extra_at.items()},
        header_of={field: sheet.headers[pos].strip() for field, pos in used.items()},
        problems=problems,
        groups=None if stacked is None else stacked.groups,
        group_labels=() if stacked is None else stacked.labels,
        group_owners=() if stacked is None else stacked.owners,
    )


def _without_error_values(sheet: RawSheet) -> tuple[RawSheet, ErrorCells]:
    """The sheet with its spreadsheet error values (``#N/A``, ``Err:502``...) read as empty
    (``sheet`` itself is untouched), and where they were."""
    if not sheet.error_values:
        return sheet, ErrorCells()
    table, errors = clear_error_values(sheet.table)
    if not errors.found:
        return sheet, errors
    return dataclasses.replace(sheet, table=table), errors


def _report_error_values(
    sheet: RawSheet, problems: Problems, errors: ErrorCells, groups: np.ndarray | None
) -> None:
    """One report row per error value read as empty (a few per column and error), kept as
    warnings like the other notes on how a cell was read."""
    if not errors.found:
        return
    names = [column_name(h, p) for p, h in enumerate(sheet.headers)]
    for rows, column, values, reason in error_notes(
        errors, rows=sheet.rows, names=names, groups=groups
    ):
        problems.add(sheet.label, rows, column, values, reason, kept=True)


def _drop_blank_rows(
    sheet: RawSheet, cells: _Cells, used: dict[str, int], *, errors: ErrorCells
) -> int:
    """Blank rows are not counted at all (a cell in an unmapped column keeps a row, and so
    does an error value read as empty: the user sees something in that row)."""
    filled = errors.rows(len(sheet.table)) if errors.found else np.zeros(len(sheet.table), bool)
    blank = np.flatnonzero(~filled)  # rows no column has filled yet: each column looks at those
    for column in cells.cols.values():
        if not len(blank):
            break
        if len(blank) == len(filled):
            filled |= column.present()
        else:
            filled[blank[column.present_at(blank)]] = True
        blank = np.flatnonzero(~filled)
    if not filled.all():
        unused = [p for p in range(sheet.table.shape[1]) if p not in used.values()]
        if unused:
            others = sheet.table.iloc[np.flatnonzero(~filled), unused]
            has_text = others.map(lambda v: _strip_cell(v) is not None).any(axis=1).to_numpy()
            filled[np.flatnonzero(~filled)[has_text]] = True
    if not filled.all():
        cells.keep(filled)
    return int(filled.sum())


#: Fields whose column is factorised whatever its cells (people are matched on them, or
#: their labels read).
_FACTORISED = frozenset({"name", "organization", "owner", "connection", "channel"})


def _blank_placeholders(cells: _Cells) -> None:
    """A cell holding only a word for "nothing" ("n/a", "none") is blank in the fields where
    it means that (see :mod:`infoview_kit.io.placeholders`), whatever the file's format.

    Like a placeholder in the e-mail column, it is not reported: it is what the user meant
    (a row left with no name, e-mail or contact id is rejected, and reported, as usual).
    Looked at per distinct value: the columns that are factorised anyway through theirs, the
    others (role, phone...) through their distinct values, factorised only if they hold one.
    """
    for field, column in list(cells.cols.items()):
        if field not in NAME_FIELDS and field not in DETAIL_FIELDS:
            continue
        names = field in NAME_FIELDS
        if column.tidy and column._factor is None and field not in _FACTORISED:
            distinct = list(set(column.raw.to_numpy(dtype=object)))  # a set: half pd.unique
            if not any(placeholder_cells(distinct, names=names)):
                continue
        codes, uniques = column.factor
        blank = np.array(placeholder_cells(uniques.tolist(), names=names), dtype=bool)
        if not blank.any():
            continue
        rows = blank[codes]
        codes = np.where(rows, len(uniques) - 1, codes).astype(np.int32)  # the missing value
        cells.cols[field] = _Column(
            column.raw.mask(rows), tidy=column.tidy, factor=(codes, uniques), unquote=column.unquote
        )


#: What a spreadsheet writes in place of a name on a row that sums up the rows above it
#: (folded; a number after the word is allowed: "Total: 12").
SUMMARY_ROW_WORDS = frozenset({
    "total", "totals", "grand total", "subtotal", "sub total", "sum", "count", "average",
    "avg", "mean", "summary", "overall", "gesamt", "summe", "insgesamt", "totaal", "somme",
    "suma", "total general", "totale", "totalt", "i alt", "razem", "soma",
})  # fmt: skip
_TRAILING_NUMBER = re.compile(r"(?: \d+)+$")


def _is_summary_word(value: object) -> bool:
    return value is not None and _TRAILING_NUMBER.sub("", fold_header(value)) in SUMMARY_ROW_WORDS


_EMAIL_REASONS = {
    "several": "several e-mail addresses in one cell: the first is the e-mail, the others "
    "are added to the notes",
    "text": "not an e-mail address: moved to the notes",
}


def _read_email_cells(cells: _Cells) -> None:
    """The address in each e-mail cell (see :mod:`infoview_kit.io.addresses`); a cell with
    none is blank, what else it held goes to the notes, a display name fills a blank name."""
    codes, uniques = cells.cols["email"].factor
    found = read_addresses(uniques.tolist())
    if all(f is None for f in found):
        return
    emails = np.array([u if f is None else f.email for u, f in zip(uniques, found, strict=True)],
                      dtype=object)  # fmt: skip
    named = np.array([f.name if f and f.kind == "form" and "<" in u else None
                      for u, f in zip(uniques, found, strict=True)], dtype=object)  # fmt: skip
    kept = np.array([_kept_text(u, f) for u, f in zip(uniques, found, strict=True)], dtype=object)
    kinds = np.array([f.kind if f else "" for f in found], dtype=object)[codes]
    header = cells.header_of["email"]
    for kind, reason in _EMAIL_REASONS.items():
        rows = kinds == kind
        if rows.any():
            values = uniques[codes[rows]].tolist()
            cells.problems.add(cells.label, cells.rows[rows], header, values, reason, kept=True)
    cells.cols["email"] = _text_column(emails[codes])
    names = named[codes]
    if pd.notna(names).any():
        given = cells.cols["name"].text().to_numpy(dtype=object) if "name" in cells.cols else None
        cells.cols["name"] = _text_column(names if given is None else
                                          np.where(pd.isna(given), names, given))  # fmt: skip
    extra = pd.Series(kept[codes], dtype=STRING_DTYPE)
    if extra.notna().any():
        notes = cells.cols["notes"].text() if "notes" in cells.cols else extra.mask(extra.notna())
        joined = (notes + " | " + extra).fillna(notes).fillna(extra)
        cells.cols["notes"] = _text_column(joined.to_numpy(dtype=object))
        cells.header_of.setdefault("notes", "notes")


def _kept_text(cell: object, found: Address | None) -> str | None:
    """What an e-mail cell held besides the address used, for the notes."""
    if found is None or found.kind in ("form", "placeholder"):
        return None
    if found.kind == "several":
        return "other e-mail: " + ", ".join(found.others)
    return f"e-mail: {cell}"


def _text_column(values: np.ndarray) -> _Column:
    return _Column(pd.Series(values, dtype=STRING_DTYPE), tidy=False)


def _name_header(header_of: dict[str, str]) -> str | None:
    return header_of.get("name") or header_of.get("first_name") or header_of.get("last_name")


#: The fields whose column is looked at first for a row repeating the column names.
_HEADER_PROBES = ("name", "first_name", "last_name", "email", "organization")
HEADER_AGAIN = "the column names again (as when two exports are pasted one under the other)"


def _names_its_column(value: object, header: str, field: str | None) -> bool:
    """Whether a cell holds its own column's name (as written, or another spelling of it)."""
    if not isinstance(value, str) or not value.strip():
        return False
    if value.strip().casefold() == header.strip().casefold():
        return True
    return field is not None and canonical_header(value) == field


def _reject_header_repeats(cells: _Cells) -> int:
    """A row repeating the column names would become a person named "Name": rejected and
    reported. Every filled cell of such a row names its own column, two at least. Only
    rows whose first name-like column holds its column's name as written are looked at."""
    probe = next((f for f in _HEADER_PROBES if f in cells.cols and f in cells.header_of), None)
    if probe is None:
        return 0
    header = cells.header_of[probe]
    codes, uniques = cells.cols[probe].factor
    spellings = {header, header.strip(), header.casefold(), header.upper(), header.title()}
    where = np.flatnonzero(np.isin(uniques, list(spellings))[codes])
    if not len(where):
        return 0
    named, filled = np.ones(len(where), dtype=np.int64), np.ones(len(where), dtype=np.int64)
    columns = [(f, cells.header_of.get(f), c) for f, c in cells.cols.items() if f != probe]
    columns += [(None, name, c) for name, c in cells.extras.items()]
    for field, head, column in columns:
        values = column.values_at(where)
        has = pd.notna(values)
        filled += has
        if head is not None:
            named += [_names_its_column(v, head, field) for v in values.tolist()]
    again = np.zeros(len(cells.rows), dtype=bool)
    again[where[(named == filled) & (named >= 2)]] = True
    if again.any():
        cells.problems.add(cells.label, cells.rows[again], None, None, HEADER_AGAIN, kept=False)
        cells.keep(~again)
    return int(again.sum())


def _reject_totals(cells: _Cells) -> int:
    """A totals row ("Total", "Sum", "Gesamt", ... in the name column, no e-mail address or
    contact id) would become a person: it is rejected and reported. Returns how many."""
    if "name" not in cells.cols:
        return 0
    summary = cells.cols["name"].map(lambda us: [_is_summary_word(u) for u in us], dtype=bool)
    if not summary.any():
        return 0
    if "email" in cells.cols:  # a count in the e-mail column is not an address
        summary &= ~cells.cols["email"].map(lambda us: ["@" in str(u) for u in us], dtype=bool)
    if "contact_id" in cells.cols:
        summary &= ~cells.cols["contact_id"].present()
    if summary.any():
        words = cells.cols["name"].text()[summary].tolist()
        header = _name_header(cells.header_of)
        reason = "a totals row, not a person"
        cells.problems.add(cells.label, cells.rows[summary], header, words, reason, kept=False)
        cells.keep(~summary)
    return int(summary.sum())


#: What the report says of names read "Given Family" (see :mod:`infoview_kit.names`).
FAMILY_GIVEN_READ = (
    "{count} written 'Family, Given' read as 'Given Family'; "
    "the spelling as written is kept in the column '{kept}'"
)
FAMILY_GIVEN_KEPT = (
    "written 'Family, Given' but kept as written: no more than half of the names in this "
    "column are written so"
)
TWO_PEOPLE_KEPT = "may name two people: kept as one contact, as written"


def _read_family_given(cells: _Cells) -> None:
    """A name column written mostly "Family, Given" is read "Given Family", and so is the
    referrer's column then (one writer, one habit) or when most of its own names are.
    Stacked files are judged each on its own rows."""
    if "first_name" in cells.cols or "last_name" in cells.cols:
        return  # the name is made of its parts
    files = 1 if cells.groups is None else len(cells.group_labels)
    read = np.zeros(files, dtype=bool)
    if "name" in cells.cols:
        read = _family_given_column(cells, "name", follow=read)
        if read.any():
            cells.family_given = read[np.zeros(len(cells.rows), dtype=np.int64)
                                      if cells.groups is None else cells.groups]  # fmt: skip
    if "referred_by" in cells.cols:
        _family_given_column(cells, "referred_by", follow=read)


def _family_given_column(cells: _Cells, field: str, *, follow: np.ndarray) -> np.ndarray:
    """Read one column's "Family, Given" cells in each file where most of its filled cells are
    written so (or ``follow`` says so); list the cells left as written. Returns, per file,
    whether the column was read that way."""
    codes, uniques = cells.cols[field].factor
    readings, kinds = read_family_given(uniques[:-1].tolist())
    if not any(kinds):  # (most columns: no comma in any name)
        return follow
    kind = np.array([*kinds, ""], dtype=object)
    header, rows = _family_given_header(cells, field), cells.rows
    two = (kind == TWO_PEOPLE)[codes]
    if two.any():
        values = [_text_of(u) for u in uniques[codes[two]]]
        cells.problems.add(cells.label, rows[two], header, values, TWO_PEOPLE_KEPT, kept=True)
    groups = np.zeros(len(codes), dtype=np.int64) if cells.groups is None else cells.groups
    shaped = (kind == FAMILY_GIVEN)[codes]
    filled = np.bincount(groups[pd.notna(uniques)[codes]], minlength=len(follow))
    read = follow | (2 * np.bincount(groups[shaped], minlength=len(follow)) > filled)
    kept = shaped & ~read[groups]
    # (a referrer written so is still found by that spelling: only names are listed)
    if field == "name" and kept.any():
        values = uniques[codes[kept]].tolist()
        cells.problems.add(cells.label, rows[kept], header, values, FAMILY_GIVEN_KEPT, kept=True)
    if (shaped & read[groups]).any():
        readings_u = np.array([*readings, None], dtype=object)
        _swap_family_given(cells, field, readings_u, shaped & read[groups], groups)
    return read


def _family_given_header(cells: _Cells, field: str) -> str:
    """The column the names came from (names taken from an e-mail column's display names
    have no column of their own)."""
    return cells.header_of.get(field) or cells.header_of.get("email") or field


def _swap_family_given(cells: _Cells, field: str, readings: np.ndarray, swap: np.ndarray,
                       groups: np.ndarray) -> None:  # fmt: skip
    """Put the readings in the rows ``swap``; keep those cells as written in an extra column
    and say so once per file."""
    codes, uniques = cells.cols[field].factor
    both = np.concatenate([uniques[:-1], readings[:-1], [None]])
    missing = len(both) - 1
    wide = np.where(swap, codes + len(uniques) - 1, np.where(codes == len(uniques) - 1, missing,
                                                             codes))  # fmt: skip
    used, inverse = np.unique(wide, return_inverse=True)  # only the values some row has
    new_codes, distinct = pd.factorize(both[used])  # "Example, Ada" and "Ada Example" are one
    values = np.array([*np.asarray(distinct, dtype=object).tolist(), None], dtype=object)
    row_codes = np.where(new_codes < 0, len(values) - 1, new_codes)[inverse].astype(np.int32)
    cells.cols[field] = _Column(pd.Series(values[row_codes], dtype=object), tidy=False,
                                factor=(row_codes, values), unquote=False)  # fmt: skip
    header = _family_given_header(cells, field)
    kept = _extra_name(f"{cells.header_of.get(field, 'Name')} as written", 0, cells.extras)
    cells.extras[kept] = _text_column(np.where(swap, uniques[codes], None))
    labels = (cells.label,) if cells.groups is None else cells.group_labels
    for group, count in enumerate(np.bincount(groups[swap], minlength=len(labels)).tolist()):
        if count:
            names = "1 name" if count == 1 else f"{count} names"
            reason = FAMILY_GIVEN_READ.format(count=names, kept=kept)
            cells.problems.add(labels[group], None, header, None, reason, kept=True)


def _reject_unidentified(cells: _Cells) -> int:
    """Rows that cannot be tied to a person are rejected; returns how many."""
    known = np.zeros(len(cells.rows), dtype=bool)
    for field in ("name", "email", "contact_id"):
        if field in cells.cols:
            known |= cells.cols[field].present()
    n_rejected = int((~known).sum())
    if n_rejected:
        cells.problems.add(
            cells.label, cells.rows[~known], None, None, "no name, e-mail or contact id", kept=False
        )
        cells.keep(known)
    return n_rejected


def _owner_factor(cells: _Cells, n: int, owner: str | None, default_owner: str):
    if owner is not None:
        return np.zeros(n, dtype=np.int32), np.array([owner], dtype=object)
    if cells.groups is not None and "owner" not in cells.cols:
        # Stacked files: each file's own owner (they differ within one stack).
        return cells.groups.astype(np.int32), np.array(cells.group_owners, dtype=object)
    if "owner" in cells.cols:
        codes, uniques = cells.cols["owner"].factor
        values = [default_owner if u is None else _text_of(u) for u in uniques]
        return codes, np.array(values, dtype=object)
    return np.zeros(n, dtype=np.int32), np.array([default_owner], dtype=object)


def _contact_keys(cells: _Cells, n: int, *, owner, default_owner, layout) -> dict[str, Any]:
    """Owner, folded matching keys and the contact id of every row."""
    empty = _Column(pd.Series(np.nan, index=pd.RangeIndex(n), dtype=STRING_DTYPE), tidy=True)
    owner_factor = _owner_factor(cells, n, owner, default_owner)
    name_factor = _folded(cells.cols.get("name", empty))
    email_factor = _folded(cells.cols.get("email", empty))
    org_factor = _folded(cells.cols.get("organization", empty))
    if layout in ("events", "workbook events"):
        # An events table names a person on every row but gives details on some:
        # rows with the same name share the e-mail and organization given elsewhere.
        email_factor = _fill_by_name(owner_factor, name_factor, email_factor)
        org_factor = _fill_by_name(owner_factor, name_factor, org_factor)
    ids = contact_ids_of_factors(owner_factor, email_factor, name_factor, org_factor)
    given_id_mask = np.zeros(n, dtype=bool)
    if "contact_id" in cells.cols:
        given = cells.cols["contact_id"].map(lambda us: [_text_of(u) for u in us])
        given_id_mask = pd.notna(given)
        ids = np.where(given_id_mask, given, ids)
    email_key, org_key = (v[c] for c, v in (email_factor, org_factor))
    name_key = _name_keys(cells.cols.get("name", empty), name_factor)
    return {
        "owner": owner_factor[1][owner_factor[0]],
        "contact_id": ids,
        "_email_key": email_key,
        "_name_key": name_key,
        "_org_key": org_key,
        "_id_given": given_id_mask,
    }


def _name_keys(column: _Column, name_factor: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """The folded name people are matched on: a name written "Family, Given" that was kept
    as written (or saved so in a workbook) still meets its "Given Family" spelling."""
    codes, folded = name_factor
    texts = column.uniques[:-1].tolist()
    readings = given_family_keys(texts)
    if readings is texts:
        return folded[codes]
    changed = np.flatnonzero([r is not t for r, t in zip(readings, texts, strict=True)])
    if not len(changed):
        return folded[codes]
    keys = folded.copy()
    keys[changed] = fold_list([readings[i] for i in changed])
    return keys[codes]


def _contacts_of(cells: _Cells, dates, *, owner, default_owner, layout) -> pd.DataFrame:
    """One contact row per sheet row (people are merged later), with matching keys."""
    n = len(cells.rows)
    index = pd.RangeIndex(n)
    missing = pd.Series(np.nan, index=index, dtype=STRING_DTYPE)
    skip = (*STEP_FIELDS, "added_on", "at")
    cells.text = {f: c.text() for f, c in cells.cols.items() if f not in skip}
    cells.extra_text = {name: column.text() for name, column in cells.extras.items()}
    text, primary = cells.text, layout in ("tracker", "contacts")
    keys = _contact_keys(cells, n, owner=owner, default_owner=default_owner, layout=layout)
    connection = _labels(
        cells.cols.get("connection"), "connection", cells.header_of, cells.label, cells.rows,
        cells.problems, n,
    )  # fmt: skip
    return pd.DataFrame(
        {
            "owner": keys.pop("owner"),
            "contact_id": keys.pop("contact_id"),
            **{f: text.get(f, missing) for f in ("name", "organization", "role", "field")},
            "connection": connection,
            **{f: text.get(f, missing) for f in ("referred_by", "email", "phone", "linkedin_url")},
            "added_on": dates.get(
                "added_on", pd.Series(pd.NaT, index=index, dtype="datetime64[us]")
            ),
            "tags": text.get("tags", missing),
            "notes": text.get("notes", missing) if primary else missing,
            **(cells.extra_text if primary else {}),
            "_file": cells.label,
            "_row": cells.rows.astype(float) if primary else np.nan,
            **keys,
        },
        index=index,
        copy=False,  # the text columns are the sheet's own (copy-on-write keeps them apart)
    )


def _events_of(cells: _Cells, contacts, dates, tokens, *, layout, as_of):
    """The events a sheet's layout holds (and, for a tracker, the people it names)."""
    sources = _sources(cells.label, cells.rows)
    args = (cells.header_of, cells.label, cells.rows, cells.problems)
    if layout == "tracker":
        contacts, derived, events = _tracker_events(
            cells, contacts, dates, tokens, as_of=as_of, sources=sources
        )
        if derived:
            contacts = pd.concat([contacts, *derived], ignore_index=True)
        return contacts, events
    if layout in ("events", "workbook events"):
        events = _layout_events(contacts, cells.cols, cells.text, dates, *args, sources)
        where = events["_cpos"].to_numpy() if len(events) else np.zeros(0, dtype=np.int64)
        extra = {k: v.to_numpy()[where] for k, v in cells.extra_text.items()}
        return contacts, events.assign(**extra)
    return contacts, pd.DataFrame()


def _sources(label: str, rows: np.ndarray) -> np.ndarray:
    """``"<label>:<row>"`` for each row (made in one join and one split when the label allows)."""
    if "\n" in label or not len(rows):
        return np.array([f"{label}:{r}" for r in rows.tolist()], dtype=object)
    out = np.empty(len(rows), dtype=object)
    out[:] = (label + ":" + ("\n" + label + ":").join(map(str, rows.tolist()))).split("\n")
    return out


def _folded(column: _Column) -> tuple[np.ndarray, np.ndarray]:
    """Codes and folded distinct values (for matching people and making ids)."""
    codes, uniques = column.factor
    texts = uniques[:-1].tolist()  # the last distinct value is the missing one
    if not column.tidy:  # tidy text is all str already
        texts = [u if isinstance(u, str) or u is None else _text_of(u) for u in texts]
    return codes, np.append(fold_list(texts), None)


def _fill_by_name(owner, name, factor):
    """Codes of ``factor`` with blanks filled from the first row with the same owner and name."""
    codes, values = factor
    name_codes, name_values = name
    if len(codes) < 2:
        return factor
    blank = pd.isna(values)[codes]
    has_name = pd.notna(name_values)[name_codes]
    if not (blank & has_name).any() or blank.all():
        return factor
    key = owner[0].astype(np.int64) * len(name_values) + name_codes
    given = pd.Series(np.where(blank, np.nan, codes.astype(float)))
    first = given.groupby(key).transform("first").to_numpy()
    fill = blank & has_name & ~np.isnan(first)
    return np.where(fill, np.nan_to_num(first).astype(np.int64), codes), values


def _full_name(cols: dict[str, _Column], n: int) -> _Column:
    """The name column, completed from first and last name columns."""
    parts = []
    for field in ("first_name", "last_name"):
        if field in cols:
            parts.append(cols[field].map(lambda us: [_text_of(u) or "" for u in us]))
        else:
            parts.append(np.full(n, "", dtype=object))
    joined = pd.Series(parts[0] + " " + parts[1], dtype=object).str.strip()
    joined = joined.where(joined != "")
    if "name" in cols:
        given = cols["name"].map(lambda us: [_text_of(u) for u in us])
        joined = pd.Series(
            np.where(pd.isna(given), joined.to_numpy(dtype=object), given), dtype=object
        )
    return _Column(joined.astype(STRING_DTYPE), tidy=False)


def _labels(
    column: _Column | None,
    vocabulary: str,
    header_of: dict[str, str],
    label: str,
    rows: np.ndarray,
    problems: Problems,
    n: int,
    *,
    field: str | None = None,
) -> np.ndarray:
    """Canonical vocabulary labels; unknown labels kept as written and reported.

    ``field`` is the column's field when it is not the vocabulary's own name
    (a meeting format column holds channels).
    """
    if column is None:
        return np.full(n, None, dtype=object)
    codes, uniques = column.factor
    texts = [_text_of(u) for u in uniques]
    canonical = [canonical_label(t, vocabulary) for t in texts]
    unknown_u = np.array(
        [t is not None and c is None for t, c in zip(texts, canonical, strict=True)]
    )
    values_u = np.array(
        [t if bad else c for t, c, bad in zip(texts, canonical, unknown_u, strict=True)],
        dtype=object,
    )
    unknown = unknown_u[codes]
    if unknown.any():
        reason = {
            "connection": "unknown connection",
            "channel": "unknown channel",
            "kind": "unknown event kind",
        }
        field = field or vocabulary
        texts_u = np.array(texts, dtype=object)
        problems.add(
            label,
            rows[unknown],
            header_of[field],
            texts_u[codes[unknown]].tolist(),
            reason[vocabulary],
            kept=True,
        )
    return values_u[codes]


def _read_dates(
    cells: _Cells, dayfirst: bool | None, as_of: pd.Timestamp
) -> tuple[dict[str, pd.Series], dict[str, np.ndarray]]:
    """Parse every date-ish column with one day/month decision per file; report what is not
    a date."""
    cols, header_of, label = cells.cols, cells.header_of, cells.label
    problems = cells.problems
    fields = [f for f in (*STEP_FIELDS, "added_on", "at") if f in cols]
    tokens: dict[str, np.ndarray] = {}
    to_parse: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for field in fields:
        codes, uniques = cols[field].factor
        missing = pd.isna(uniques)
        if field in STEP_FIELDS:
            token_u = np.array([_yes_no_one(u) for u in uniques], dtype=np.int8)
            token_u[missing] = 0
            tokens[field] = token_u[codes]
            missing = missing | (token_u != -1)
        to_parse[field] = (np.where(missing[codes], -1, codes), uniques)
    for name in cells.voting_dates if fields else ():
        codes, uniques = cells.extras[name].factor
        to_parse[_VOTING + name] = (np.where(pd.isna(uniques)[codes], -1, codes), uniques)
    parsed = parse_date_columns(to_parse, dayfirst=dayfirst, groups=cells.groups, as_of=as_of)
    far = np.datetime64(as_of + pd.DateOffset(years=1), "us")
    for field in fields:
        _report_dates(cells, parsed, field, far=far)
    if parsed.order == AMBIGUOUS and parsed.ambiguous_columns:
        columns = _date_headers(header_of, parsed.ambiguous_columns)
        problems.add(label, None, columns, None, AMBIGUOUS_REASON, kept=True)
    for group, fields in parsed.ambiguous_by_group.items():
        columns = _date_headers(header_of, fields)
        problems.add(cells.group_labels[group], None, columns, None, AMBIGUOUS_REASON, kept=True)
    return {f: d for f, d in parsed.dates.items() if not f.startswith(_VOTING)}, tokens


#: Prefix of the columns that only vote in the day/month decision (see ``_Cells``).
_VOTING = "_voting:"


def _date_headers(header_of: dict[str, str], fields: list[str]) -> str:
    """The column names of date fields, as written (a voting column by its own name)."""
    return ", ".join(header_of.get(f, f.removeprefix(_VOTING)) for f in fields)


def _report_dates(cells: _Cells, parsed: ParsedDates, field: str, *, far: np.datetime64) -> None:
    """Report the cells of one date column that are not a date, or were read with a guess."""
    codes, uniques = cells.cols[field].factor
    header, label, rows, problems = cells.header_of[field], cells.label, cells.rows, cells.problems

    def report(mask: np.ndarray, reason: str | list[str]) -> None:
        raw = [_text_of(u) for u in uniques[codes[mask]]]
        problems.add(label, rows[mask], header, raw, reason, kept=True)

    bad = parsed.unreadable[field].to_numpy()
    unsure = parsed.day_or_year[field].to_numpy() & bad
    if unsure.any() and field not in _YES_NO_ONLY:
        report(unsure, DAY_OR_YEAR_REASON)
        bad = bad & ~unsure
    if bad.any():
        report(bad, "not a yes/no value" if field in _YES_NO_ONLY else "unreadable date")
    contra = parsed.contradicting[field].to_numpy()
    if contra.any():
        report(
            contra, "day/month order differs from the rest of the file; read the only possible way"
        )
    dates = parsed.dates[field].to_numpy()
    yearless = parsed.yearless[field].to_numpy()
    if yearless.any():
        read_as = pd.DatetimeIndex(dates[yearless])
        report(yearless, [f"no year written: read as {d.day} {d:%B %Y}" for d in read_as])
    dayless = parsed.dayless[field].to_numpy()
    if dayless.any():
        read_as = pd.DatetimeIndex(dates[dayless])
        report(dayless, [f"no day written: read as 1 {d:%B %Y}" for d in read_as])
    ranged = parsed.ranges[field].to_numpy()
    if ranged.any():
        report(ranged, range_reasons(dates[ranged], parsed.range_ends[field].to_numpy()[ranged]))
    future = dates > far
    if future.any():
        report(future, "date far in the future")


def _tracker_events(
    cells: _Cells,
    contacts: pd.DataFrame,
    dates: dict[str, pd.Series],
    tokens: dict[str, np.ndarray],
    *,
    as_of: pd.Timestamp,
    sources: np.ndarray,
) -> tuple[pd.DataFrame, list[pd.DataFrame], pd.DataFrame]:
    """A tracker's step columns as events, plus the people its referral columns name."""
    n = len(contacts)
    step_at, step_has = _step_times(dates, tokens)
    pieces, has_kind = _step_pieces(cells, step_at, step_has, as_of=as_of, n=n)
    _report_out_of_order(cells, step_at, step_has)
    contacts, derived = _tracker_people(cells, contacts, pieces, has_kind, step_at)
    channel = _labels(
        cells.cols.get("channel"), "channel", cells.header_of, cells.label, cells.rows,
        cells.problems, n,
    )  # fmt: skip
    if "meeting_channel" in cells.cols:
        meeting_channel = _labels(
            cells.cols["meeting_channel"], "channel", cells.header_of, cells.label, cells.rows,
            cells.problems, n, field="meeting_channel",
        )  # fmt: skip
        # A meeting takes the meeting format's channel; the request keeps its own.
        channel = {"outreach": channel, "meeting": meeting_channel}
        contacts = _keep_unused_format(
            contacts, cells.text["meeting_channel"], has_kind, cells.header_of
        )
    events = _assemble(contacts, pieces, channel, sources, primary_rows=None)
    return contacts, derived, events


def _step_times(dates, tokens) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """When each step happened (NaT if undated) and whether it happened at all (a date or a yes)."""
    step_at: dict[str, np.ndarray] = {}
    step_has: dict[str, np.ndarray] = {}
    for field in STEP_FIELDS:
        if field not in tokens:
            continue
        at = dates[field].to_numpy(dtype="datetime64[us]")
        step_has[field] = (tokens[field] == 1) | ~np.isnat(at)
        step_at[field] = at
    if "replied" in step_has and "replied_on" in step_has:
        # The reply date wins; the yes/no column adds a reply only where no date is given.
        step_has["replied"] = step_has["replied"] & ~step_has["replied_on"]
    return step_at, step_has


def _step_pieces(cells: _Cells, step_at, step_has, *, as_of, n: int):
    """Event pieces (rows, kind, times, names, order) of the step columns, and who has each kind.

    A meeting date is held, scheduled (in the future, or moved) or cancelled
    (its status or note says it did not take place).
    """
    pieces: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None, int]] = []
    has_kind: dict[str, np.ndarray] = {}
    for order, field in enumerate(STEP_FIELDS):
        if field not in step_has:
            continue
        where = np.flatnonzero(step_has[field])
        at = step_at[field][where]
        if field == "meeting_on":
            future = ~np.isnat(at) & (at > np.datetime64(as_of, "us"))
            off, later = _meeting_not_held(
                cells.text, where, cells.header_of, cells.label, cells.rows, cells.problems
            )
            split = [
                ("meeting_held", ~future & ~off),
                ("meeting_scheduled", (future & ~off) | (off & later)),
                ("meeting_cancelled", off & ~later),
            ]
        else:
            split = [(_STEP_KIND[field], np.ones(len(where), dtype=bool))]
        for kind, mask in split:
            if mask.any():
                pieces.append((where[mask], kind, at[mask], None, order))
                has_kind.setdefault(kind, np.zeros(n, dtype=bool))[where[mask]] = True
    return pieces, has_kind


def _report_out_of_order(cells: _Cells, step_at, step_has) -> None:
    """A reply or a meeting dated before the request is kept, and reported."""
    request_at = step_at.get("contacted_on", np.full(len(cells.rows), np.datetime64("NaT", "us")))
    checks = []
    reply_field = "replied_on" if "replied_on" in step_has else "replied"
    if reply_field in step_at:
        reply_at = step_at[reply_field]
        if "replied" in step_at and reply_field == "replied_on":
            reply_at = np.where(np.isnat(reply_at), step_at["replied"], reply_at)
        checks.append((reply_field, reply_at, "reply before request"))
    if "meeting_on" in step_at:
        checks.append(("meeting_on", step_at["meeting_on"], "meeting before contact"))
    for field, at, reason in checks:
        early = at < request_at
        if early.any():
            cells.problems.add(
                cells.label, cells.rows[early], cells.header_of[field], _fmt(at[early]), reason,
                kept=True,
            )  # fmt: skip


def _tracker_people(cells: _Cells, contacts, pieces, has_kind, step_at):
    """Referrals given at meetings, status events, referrers, next steps, implied connections."""
    n, text, derived = len(contacts), cells.text, []
    meeting_at = step_at.get("meeting_on", np.full(n, np.datetime64("NaT", "us")))
    held = has_kind.get("meeting_held", np.zeros(n, dtype=bool))
    referral_at = np.where(held, meeting_at, np.datetime64("NaT", "us"))
    if "referrals" in text:
        where, names, is_name = _referrals(text["referrals"], family_given=cells.family_given)
        pieces.append((where, "referral_received", referral_at[where], names, len(STEP_FIELDS)))
        if is_name.any():
            contacts, extra = _referral_contacts(
                contacts, where[is_name], names[is_name], cells.label
            )
            derived.append(extra)
    if "status" in cells.cols:
        order = len(STEP_FIELDS) + 1
        status = cells.cols["status"]
        where = (cells.header_of, cells.label, cells.rows, cells.problems)
        pieces.append(_status_events(status, has_kind, *where, order))
    if "referred_by" in text and text["referred_by"].notna().any():
        contacts, extra = _resolve_referrers(contacts, cells.label)
        if len(extra):
            derived.append(extra)
    if "next_step" in text and text["next_step"].notna().any():
        note = "next step: " + text["next_step"]
        contacts["notes"] = contacts["notes"].where(
            text["next_step"].isna(), (contacts["notes"] + " | " + note).fillna(note)
        )
    implied = contacts["connection"].isna() & contacts["referred_by"].notna()
    if implied.any():
        contacts["connection"] = contacts["connection"].where(~implied, "referral")
    return contacts, derived


#: Words in a status or a note that say a dated meeting did not take place (or moved).
_NOT_HELD = re.compile(
    r"\b(?:cancell?ed|cancel+ation|declined|postponed|resched\w*|no[ -]show|called off|"
    r"did not happen|didn'?t happen|fell through)\b",
    re.IGNORECASE,
)
_MOVED = re.compile(r"\b(?:postponed|resched\w*)\b", re.IGNORECASE)
#: Every text _NOT_HELD matches holds one of these, case-folded (no "i": re's IGNORECASE
#: matches a dotless "ı" where case-folding keeps it apart).
_NOT_HELD_STEMS = ("cancel", "decl", "postponed", "resched", "show", "called off", "happen",
                   "fell through")  # fmt: skip
_STEM_CHUNK = 20_000


def _mentions(cells: pd.Series, stems: tuple[str, ...]) -> np.ndarray:
    """True for cells that hold one of ``stems`` (case-folded); a quick filter before a regex.

    The cells are joined and searched a chunk at a time, so a column of long
    notes costs a few substring searches instead of a regex call per cell.
    """
    values = cells.to_numpy(dtype=object)
    present = np.flatnonzero(pd.notna(values))
    out = np.zeros(len(values), dtype=bool)
    for start in range(0, len(present), _STEM_CHUNK):
        where = present[start : start + _STEM_CHUNK]
        texts = values[where].tolist()
        try:
            joined = "\x00".join(texts).casefold()
        except TypeError:  # not all text: let the regex judge every cell
            out[where] = True
            continue
        pieces = joined.split("\x00")
        if len(pieces) != len(texts):  # a cell holds the separator
            out[where] = True
            continue
        ends = np.cumsum(np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces)) + 1)
        found: list[int] = []
        for stem in stems:
            position = joined.find(stem)
            while position >= 0:
                found.append(position)
                position = joined.find(stem, position + 1)
        if found:
            out[where[np.searchsorted(ends, np.asarray(found), side="right")]] = True
    return out


def _meeting_not_held(
    text: dict[str, pd.Series],
    where: np.ndarray,
    header_of: dict[str, str],
    label: str,
    rows: np.ndarray,
    problems: Problems,
) -> tuple[np.ndarray, np.ndarray]:
    """For rows with a meeting date: not held (status or note says so), and moved to later.

    Each such row is reported, so the user sees how the date was read.
    """
    off = np.zeros(len(where), dtype=bool)
    later = np.zeros(len(where), dtype=bool)
    for field in ("status", "notes", "next_step"):
        if field not in text:
            continue
        cells = text[field].iloc[where].reset_index(drop=True)
        said = _mentions(cells, _NOT_HELD_STEMS) & ~off
        if said.any():
            said[said] = cells[said].str.contains(_NOT_HELD).to_numpy(dtype=bool)
        if not said.any():
            continue
        moved = np.zeros(len(cells), dtype=bool)
        moved[said] = cells[said].str.contains(_MOVED).to_numpy(dtype=bool)
        off |= said
        later |= moved
        words = cells[said].str.extract(f"({_NOT_HELD.pattern})", flags=re.IGNORECASE)[0]
        problems.add(
            label,
            rows[where[said]],
            header_of["meeting_on"],
            words.str.lower().tolist(),
            f"the {header_of[field]} column says this meeting did not take place on that date; "
            "not counted as a meeting held",
            kept=True,
        )
    return off, later


def _keep_unused_format(
    contacts: pd.DataFrame,
    formats: pd.Series,
    has_kind: dict[str, np.ndarray],
    header_of: dict[str, str],
) -> pd.DataFrame:
    """A meeting format on a row without a meeting stays with the contact (an extra column)."""
    met = np.zeros(len(contacts), dtype=bool)
    for kind in _MEETINGS:
        met |= has_kind.get(kind, met)
    unused = formats.notna().to_numpy() & ~met
    if not unused.any():
        return contacts
    name = _extra_name(header_of["meeting_channel"], 0, {})
    return contacts.assign(**{name: formats.where(unused)})


def _fmt(values: np.ndarray) -> list[str]:
    return pd.Series(values).dt.strftime("%Y-%m-%d").tolist()


def _referrals(
    cells: pd.Series, *, family_given: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions, names (or None) and name-likeness of each referral named in a cell.

    In a list parted by semicolons or lines, and on the rows ``family_given`` (a file
    whose names are written "Family, Given"), a name of that shape is one person, read
    "Given Family", not two names.
    """
    token = yes_no(cells)
    present = cells.notna().to_numpy()
    count = cells.str.fullmatch(r"\d{1,2}").to_numpy(dtype=bool, na_value=False) & (token == -1)
    words = present & (token == -1) & ~count
    positions = [np.flatnonzero(token == 1)]
    names: list[np.ndarray] = [np.full(len(positions[0]), None, dtype=object)]
    if count.any():
        repeat = cells[count].astype(int).to_numpy()
        positions.append(np.repeat(np.flatnonzero(count), repeat))
        names.append(np.full(int(repeat.sum()), None, dtype=object))
    if words.any():
        split = _split_referrals(cells, words, family_given)
        split = split[split.notna() & (split != "")]
        # "Eve Probe, PhD": the letters after a name are not someone else
        split = split[~_distinct_map(split, lambda us: [letters_after_name(u) for u in us],
                                     dtype=bool, missing=False)]  # fmt: skip
        positions.append(split.index.to_numpy())
        names.append(split.to_numpy(dtype=object))
    where = np.concatenate(positions).astype(np.int64)
    named = np.concatenate(names)
    is_name = looks_like_name(pd.Series(named, dtype=object))
    return where, named, is_name


def _split_referrals(cells: pd.Series, words: np.ndarray, family_given: np.ndarray | None):
    """The names in the cells ``words``, one per row, indexed by the cell's position.

    A cell whose names are parted by semicolons or lines, or any cell on the rows
    ``family_given``, is parted without its commas first: there a piece written
    "Family, Given" is one person."""
    listed = cells.str.contains(r"[;\n]", regex=True).to_numpy(dtype=bool, na_value=False)
    flipped = words & (listed if family_given is None else listed | family_given)
    if not flipped.any():
        split = cells[words].str.split(_SPLIT_NAMES, regex=True).explode()
        return split.str.strip(" .\t\"'")
    pieces = cells[flipped].str.split(_SPLIT_LIST, regex=True).explode().str.strip(" \t\"'")
    readings = pd.Series(_distinct_map(pieces, lambda us: read_family_given(us)[0]),
                         index=pieces.index, dtype=object)  # fmt: skip
    rest = pieces[readings.isna().to_numpy()].str.split(_SPLIT_NAMES, regex=True).explode()
    others = cells[words & ~flipped].str.split(_SPLIT_NAMES, regex=True).explode()
    read = readings[readings.notna().to_numpy()].astype(STRING_DTYPE)
    split = pd.concat([read, rest.str.strip(" .\t\"'"), others.str.strip(" .\t\"'")])
    return split.sort_index(kind="stable")


def _find_people(contacts: pd.DataFrame, owners: pd.Series, folded: pd.Series) -> pd.Series:
    """For each (owner, folded name), the contact_id of the first contact with that name (NaN:
    none). Only contacts whose folded name is looked up are indexed, by codes, not text keys."""
    mine = contacts["_name_key"].isin(folded.dropna().unique()).to_numpy()
    sub = contacts.loc[mine, ["owner", "_name_key", "contact_id"]]
    sub = sub.dropna(subset=["_name_key", "contact_id"])
    table = pd.MultiIndex.from_arrays([sub["owner"].fillna(""), sub["_name_key"]])
    first = ~table.duplicated(keep="first")
    ids = np.append(sub["contact_id"].to_numpy(dtype=object)[first], np.nan)
    wanted = pd.MultiIndex.from_arrays([owners.fillna("").to_numpy(), folded.to_numpy()])
    position = table[first].get_indexer(wanted)
    position[(position < 0) | folded.isna().to_numpy()] = len(ids) - 1
    return pd.Series(ids[position], index=folded.index, dtype=object)


def _new_people(owner: pd.Series, names: pd.Series, label: str, **columns: object) -> pd.DataFrame:
    name_key = fold_text(names)
    org_key = pd.Series(np.nan, index=names.index, dtype=STRING_DTYPE)
    frame = pd.DataFrame(
        {
            "owner": owner,
            "contact_id": make_contact_ids(owner, org_key, name_key, org_key, folded=True),
            "name": names.astype(STRING_DTYPE),
            **columns,
            "_file": label,
            "_row": np.nan,
            "_email_key": org_key,
            "_name_key": name_key,
            "_org_key": org_key,
        },
        index=names.index,
    )
    return frame.reindex(
        columns=[*CONTACT_COLUMNS, "_file", "_row", "_email_key", "_name_key", "_org_key"]
    )


def _referral_contacts(
    contacts: pd.DataFrame, where: np.ndarray, names: np.ndarray, label: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """New contacts for people named as referrals; known people get ``referred_by`` filled."""
    owners = contacts["owner"].to_numpy(dtype=object)[where]
    referrer = contacts["contact_id"].to_numpy(dtype=object)[where]
    names_s = pd.Series(names, dtype=STRING_DTYPE)
    folded = fold_text(names_s)
    found = _find_people(contacts, pd.Series(owners, dtype=STRING_DTYPE), folded)
    known = found.notna().to_numpy()
    contacts = contacts.copy(deep=False)  # only referred_by changes
    if known.any():
        fill = pd.DataFrame({"id": found[known].to_numpy(), "by": referrer[known]}).drop_duplicates(
            "id"
        )
        target = contacts["contact_id"].map(
            pd.Series(fill["by"].to_numpy(), index=fill["id"].to_numpy())
        )
        # Nobody refers themselves.
        target = target.where(target != contacts["contact_id"])
        contacts["referred_by"] = contacts["referred_by"].fillna(target)
    fresh = ~known
    new = _new_people(
        pd.Series(owners[fresh], dtype=STRING_DTYPE),
        names_s[fresh].reset_index(drop=True),
        label,
        connection="referral",
        referred_by=pd.Series(referrer[fresh], dtype=STRING_DTYPE),
    )
    return contacts, new


#: The shape of every id ``make_contact_ids`` makes.
_MADE_ID = r"c-[0-9a-f]{10}"


def _names_an_id(written: pd.Series, contacts: pd.DataFrame) -> np.ndarray:
    """True where ``written`` is the id of a contact (only id-shaped text is looked up
    when every id was made here, so a million ids are not hashed for a few names)."""
    typed = "_id_given" not in contacts or bool(contacts["_id_given"].fillna(True).any())
    if typed:
        return written.isin(contacts["contact_id"]).to_numpy()
    shaped = written.str.fullmatch(_MADE_ID).to_numpy(dtype=bool, na_value=False)
    out = np.zeros(len(written), dtype=bool)
    if shaped.any():
        out[shaped] = written[shaped].isin(contacts["contact_id"]).to_numpy()
    return out


def _resolve_referrers(contacts: pd.DataFrame, label: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``referred_by`` as written (a name) -> the referrer's id; unknown names become contacts.

    Only rows that name a referrer are looked at (a few in a big tracker).
    """
    column = contacts["referred_by"]
    where = np.flatnonzero(column.notna().to_numpy())
    written = column.iloc[where].reset_index(drop=True)
    owner = contacts["owner"].iloc[where].reset_index(drop=True)
    is_id = _names_an_id(written, contacts)
    keys = pd.Series(_distinct_map(written, given_family_keys), dtype=STRING_DTYPE)
    found = _find_people(contacts, owner, fold_text(keys)).to_numpy(dtype=object, copy=True)
    unresolved = pd.isna(found) & ~is_id
    namelike = unresolved & looks_like_name(written)
    extra = pd.DataFrame()
    if namelike.any():
        extra = _new_people(
            owner[namelike].reset_index(drop=True), written[namelike].reset_index(drop=True), label
        )
        found[namelike] = extra["contact_id"].to_numpy()
    resolved = pd.notna(found) & ~is_id
    value = np.where(resolved, found, written.to_numpy(dtype=object))
    # Someone named as their own referrer: drop the self-reference.
    value[value == contacts["contact_id"].to_numpy(dtype=object)[where]] = None
    referred_by = column.to_numpy(dtype=object).copy()
    referred_by[where] = value
    referred_by = pd.Series(referred_by, index=contacts.index, dtype=STRING_DTYPE)
    return contacts.assign(referred_by=referred_by), extra


def _status_events(
    status: _Column,
    has_kind: dict[str, np.ndarray],
    header_of: dict[str, str],
    label: str,
    rows: np.ndarray,
    problems: Problems,
    order: int,
):
    """An event for each status that says something no dated step already says."""
    codes, uniques = status.factor
    texts = [_text_of(u) for u in uniques.tolist()]
    kinds_u = np.array(
        [canonical_label(t, "kind") if t is not None else None for t in texts], dtype=object
    )
    quiet_u = np.array(
        [t is not None and fold_header(t) in STATUS_WITHOUT_EVENT for t in texts], dtype=bool
    )
    present_u = np.array([t is not None for t in texts], dtype=bool)
    kinds = kinds_u[codes]
    unknown = (present_u & pd.isna(kinds_u) & ~quiet_u)[codes]
    if unknown.any():
        shown = np.array(texts, dtype=object)[codes[unknown]].tolist()
        problems.add(
            label, rows[unknown], header_of["status"], shown, "unknown event kind", kept=True
        )
    n = len(codes)
    said = np.zeros(n, dtype=bool)
    meeting = np.zeros(n, dtype=bool)
    for kind in _MEETINGS:
        meeting |= has_kind.get(kind, np.zeros(n, dtype=bool))
    for kind, mark in has_kind.items():
        said |= mark & (kinds == kind)
    said |= meeting & np.isin(kinds, list(_MEETINGS))
    where = np.flatnonzero(pd.notna(kinds) & ~said)
    return (
        where,
        kinds[where].astype(object),
        np.full(len(where), np.datetime64("NaT", "us")),
        None,
        order,
    )


def _assemble(
    contacts: pd.DataFrame,
    pieces: list,
    channel: np.ndarray,
    sources: np.ndarray,
    primary_rows: np.ndarray | None,
) -> pd.DataFrame:
    """Events from pieces ``(contact positions, kind or kinds, at, notes or None, step order)``.

    Events are ordered by row, then step; kinds, channels, owners and the file
    are categoricals built from codes (cheap on millions of events).
    """
    pieces = [p for p in pieces if len(p[0])]
    if not pieces:
        return pd.DataFrame()
    kind_names: list[str] = []
    kind_codes = []
    for piece in pieces:
        kinds = piece[1]
        if isinstance(kinds, str):
            if kinds not in kind_names:
                kind_names.append(kinds)
            kind_codes.append(np.full(len(piece[0]), kind_names.index(kinds), dtype=np.int16))
        else:
            codes, names = pd.factorize(np.asarray(kinds, dtype=object))
            mapping = []
            for name in names:
                if name not in kind_names:
                    kind_names.append(name)
                mapping.append(kind_names.index(name))
            kind_codes.append(np.asarray(mapping, dtype=np.int16)[codes])
    where = np.concatenate([p[0] for p in pieces]).astype(np.int64)
    codes = np.concatenate(kind_codes)
    at = np.concatenate([p[2] for p in pieces]).astype("datetime64[us]")
    notes = np.concatenate(
        [p[3] if p[3] is not None else np.full(len(p[0]), None, dtype=object) for p in pieces]
    )
    step = np.concatenate([np.full(len(p[0]), p[4], dtype=np.int16) for p in pieces])
    order = np.lexsort((step, where))
    where, codes, at, notes = where[order], codes[order], at[order], notes[order]
    channel_codes, channel_names = _event_channels(channel, where, codes, kind_names)
    owner_codes, owner_names = pd.factorize(contacts["owner"].to_numpy(dtype=object))
    return pd.DataFrame(
        {
            "owner": pd.Categorical.from_codes(owner_codes[where], categories=owner_names),
            "contact_id": contacts["contact_id"].to_numpy(dtype=object)[where],
            "at": at,
            "kind": pd.Categorical.from_codes(codes, categories=kind_names),
            "channel": pd.Categorical.from_codes(channel_codes, categories=channel_names),
            "notes": notes,
            "source": sources[where],
            "_file": pd.Categorical.from_codes(
                np.zeros(len(where), dtype=np.int8), categories=[contacts["_file"].iloc[0]]
            ),
            "_row": np.nan if primary_rows is None else primary_rows[where],
            "_cpos": where,
        },
        copy=False,  # every array here is new
    )


def _event_channels(
    channel: np.ndarray | dict[str, np.ndarray],
    where: np.ndarray,
    codes: np.ndarray,
    kind_names: list[str],
) -> tuple[np.ndarray, pd.Index]:
    """Channel codes per event (-1: none) and their labels.

    ``channel`` is per contact row; a dict gives one channel for outreach and
    replies and another (a meeting format column) for meetings.
    """
    kinds = np.asarray(kind_names, dtype=object)
    takes = np.isin(kinds, list(_CHANNEL_KINDS))[codes]
    if not isinstance(channel, dict):
        channel_codes, names = pd.factorize(np.asarray(channel, dtype=object))
        return np.where(takes, channel_codes[where], -1), names
    meeting = np.isin(kinds, [*_MEETINGS, "meeting_cancelled"])[codes]
    chosen = np.where(takes, channel["outreach"][where], None)
    chosen = np.where(meeting, channel["meeting"][where], chosen)
    return pd.factorize(chosen)


def _layout_events(
    contacts: pd.DataFrame,
    cols: dict[str, _Column],
    text: dict[str, pd.Series],
    dates: dict[str, pd.Series],
    header_of: dict[str, str],
    label: str,
    rows: np.ndarray,
    problems: Problems,
    sources: np.ndarray,
) -> pd.DataFrame:
    """One event per row of an events table (the contact is implied by the row)."""
    n = len(contacts)
    kinds = _labels(cols.get("kind"), "kind", header_of, label, rows, problems, n)
    blank = pd.isna(kinds)
    if blank.any() and "kind" in header_of:
        problems.add(
            label,
            rows[blank],
            header_of["kind"],
            None,
            "no event kind; only the contact was kept",
            kept=True,
        )
    if "at" in cols:
        undated = ~cols["at"].present() & ~blank
        if undated.any():
            problems.add(
                label,
                rows[undated],
                header_of["at"],
                None,
                "no date; event kept without a time",
                kept=True,
            )
    channel = _labels(cols.get("channel"), "channel", header_of, label, rows, problems, n)
    at = (
        dates["at"].to_numpy(dtype="datetime64[us]")
        if "at" in dates
        else np.full(n, np.datetime64("NaT", "us"))
    )
    notes = (
        text["notes"].to_numpy(dtype=object) if "notes" in text else np.full(n, None, dtype=object)
    )
    if "source" in text:
        given = text["source"].to_numpy(dtype=object)
        sources = np.where(pd.isna(given), sources, given)
    where = np.flatnonzero(~blank)
    return pd.DataFrame(
        {
            "owner": contacts["owner"].to_numpy(dtype=object)[where],
            "contact_id": contacts["contact_id"].to_numpy(dtype=object)[where],
            "at": at[where],
            "kind": kinds[where],
            "channel": channel[where],
            "notes": notes[where],
            "source": sources[where],
            "_file": label,
            "_row": rows[where].astype(float),
            "_cpos": where,
        },
        copy=False,  # every array here is new
    )
