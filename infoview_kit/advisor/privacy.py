"""Keyed pseudonyms, so an advisor can study a cohort without seeing names.

``pseudonymise`` replaces every student by ``S-xxxxxxxx`` and every contact by
``P-xxxxxxxxxx``, computed with HMAC-SHA256 under a secret key. The same key
gives the same pseudonyms next term (so cohorts can be compared), and nobody
without the key can recompute them from a list of guessed names. Names,
e-mails, phones, LinkedIn URLs, tags and free-text notes are removed; file
names and the values quoted in the load report are masked too; categories
are mapped to their fixed vocabulary (anything else typed there becomes
"other"), so no free text reaches a pseudonymised report.

The key is never written into any output. Keep it in a file of its own
(``new_key_file``), outside the folder you share.

>>> import pandas as pd
>>> from infoview_kit.model import OutreachLog
>>> log = OutreachLog(
...     pd.DataFrame({"owner": ["Ada Student"], "contact_id": ["c-1"], "name": ["Bo Example"],
...                   "email": ["bo@example.com"], "organization": ["Acme"]}),
...     pd.DataFrame({"owner": ["Ada Student"], "contact_id": ["c-1"],
...                   "at": pd.to_datetime(["2025-03-03"]), "kind": ["request_sent"],
...                   "notes": ["met Bo at the fair"], "source": ["ada.csv:2"]}),
... )
>>> safe = pseudonymise(log, key="correct horse battery staple")
>>> safe.events["owner"].str.match(r"^S-[0-9a-f]{8}$").all()
np.True_
>>> safe.contacts[["name", "email"]].isna().all().all(), safe.events["notes"].isna().all()
(np.True_, np.True_)
>>> safe.contacts["organization"].str.startswith("O-").all()
np.True_
>>> safe.contacts["contact_id"].iloc[0] == safe.events["contact_id"].iloc[0]
True
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

import pandas as pd

from infoview_kit.errors import InfoviewError, UnreadableFileError
from infoview_kit.model import LoadReport, OutreachLog
from infoview_kit.schema import (
    CHANNELS,
    CONNECTIONS,
    EVENT_KINDS,
    STRING_DTYPE,
    normalise_text,
)

__all__ = [
    "MIN_KEY_LENGTH",
    "common_fields",
    "load_key",
    "new_key",
    "new_key_file",
    "pseudonym_table",
    "pseudonymise",
    "student_pseudonyms",
    "to_vocabulary",
]

#: Shortest key accepted (characters of the key file, or bytes).
MIN_KEY_LENGTH = 16

#: Hex digits kept from the HMAC: students are few per key, contacts many.
_STUDENT_DIGITS = 8
_CONTACT_DIGITS = 10
_FILE_DIGITS = 8

#: Text shown instead of a value quoted in the load report.
MASKED_VALUE = "(hidden)"

# "file.csv:12", "file.csv row 12", "file.csv#12": the row number is kept.
_SOURCE = re.compile(r"^(?P<file>.*?)(?P<row>(?::|#|,? row )\s*\d+)?$")


def new_key() -> str:
    """A fresh random key (64 hex characters).

    >>> len(new_key()), new_key() != new_key()
    (64, True)
    """
    return secrets.token_hex(32)


def new_key_file(path: str | os.PathLike) -> Path:
    """Write a fresh key to ``path`` (readable by you only); refuse to overwrite one.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> len(load_key(new_key_file(folder / "cohort.key")))
    64
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InfoviewError(
            f"{path.name}: a key file already exists there; keep it (it makes the same "
            "pseudonyms every term) or choose another name."
        ) from None
    except OSError as exc:
        raise UnreadableFileError(f"{path}: cannot create the key file ({exc.strerror}).") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(new_key() + "\n")
    return path


def load_key(path: str | os.PathLike) -> bytes:
    """Read a pseudonymisation key: a text file holding one line of at least 16 characters.

    >>> import tempfile
    >>> key_file = Path(tempfile.mkdtemp()) / "k.txt"
    >>> _ = key_file.write_text("short\\n")
    >>> load_key(key_file)
    Traceback (most recent call last):
    ...
    infoview_kit.errors.InfoviewError: k.txt: the key is too short (5 characters); ...
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UnreadableFileError(
            f"{path}: no key file there; create one once with "
            f"`infoview new-key {path}` and keep it."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not a text file"
        raise UnreadableFileError(f"{path}: cannot read the key file ({reason}).") from None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) != 1:
        raise InfoviewError(f"{path.name}: a key file holds exactly one line (found {len(lines)}).")
    key = lines[0]
    if len(key) < MIN_KEY_LENGTH:
        raise InfoviewError(
            f"{path.name}: the key is too short ({len(key)} characters); use at least "
            f"{MIN_KEY_LENGTH}, e.g. from new_key_file()."
        )
    return key.encode("utf-8")


def _key_bytes(key: bytes | str) -> bytes:
    raw = key.encode("utf-8") if isinstance(key, str) else bytes(key)
    if len(raw) < MIN_KEY_LENGTH:
        raise InfoviewError(
            f"the pseudonymisation key is too short ({len(raw)} bytes); use at least "
            f"{MIN_KEY_LENGTH}, e.g. new_key()."
        )
    return raw


def _digest(key: bytes, domain: str, text: str, digits: int) -> str:
    message = f"{domain}\x1f{text}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:digits]


def _map_unique(values: pd.Series, make) -> pd.Series:
    """Apply ``make`` once per distinct non-missing value (few distinct values, many rows)."""
    uniques = values.dropna().unique()
    mapping = {value: make(value) for value in uniques}
    return values.map(mapping).astype(STRING_DTYPE)


def _owner_keys(owners: pd.Series) -> pd.Series:
    # Case, accents and spacing ignored: "Ana López" and "ana lopez " are one student.
    return normalise_text(owners.astype(STRING_DTYPE))


def student_pseudonyms(owners: pd.Series, *, key: bytes | str) -> pd.Series:
    """``S-`` pseudonyms of student names (stable for a key; case and accents ignored).

    >>> s = student_pseudonyms(pd.Series(["Ana López", "ana lopez", None]), key="k" * 16)
    >>> s.iloc[0] == s.iloc[1], s.iloc[0][:2], pd.isna(s.iloc[2])
    (True, 'S-', True)
    """
    raw = _key_bytes(key)
    return _map_unique(
        _owner_keys(owners), lambda o: "S-" + _digest(raw, "student", o, _STUDENT_DIGITS)
    )


def _contact_pseudonyms(owner_keys: pd.Series, contact_ids: pd.Series, key: bytes) -> pd.Series:
    # Contact ids are already per owner; the owner is hashed in so two students'
    # "c-..." never meet, and the unkeyed id (a hash of an e-mail) never leaves.
    joined = (owner_keys.fillna("") + "/" + contact_ids.astype(STRING_DTYPE)).where(
        contact_ids.notna()
    )
    return _map_unique(joined, lambda v: "P-" + _digest(key, "contact", v, _CONTACT_DIGITS))


def _file_pseudonym(name: str, key: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,5}", suffix):
        suffix = ""
    return "F-" + _digest(key, "file", name, _FILE_DIGITS) + suffix


def _mask_files(files: pd.Series, key: bytes) -> pd.Series:
    return _map_unique(files.astype(STRING_DTYPE), lambda f: _file_pseudonym(f, key))


def _mask_sources(sources: pd.Series, key: bytes) -> pd.Series:
    parts = sources.astype(STRING_DTYPE).str.extract(_SOURCE)
    files = _mask_files(parts["file"], key)
    return (files + parts["row"].fillna("")).where(sources.notna()).astype(STRING_DTYPE)


def _replace_names(texts: pd.Series, names: dict[str, str]) -> pd.Series:
    """Replace every file name (full label, then bare name) quoted in ``texts``."""
    texts = texts.astype(STRING_DTYPE)
    # Longest first, so "sub/ana.csv" is replaced before "ana.csv".
    for original in sorted(names, key=len, reverse=True):
        masked = names[original]
        texts = texts.str.replace(original, masked, regex=False)
        bare = Path(original).name
        if bare and bare != original:
            texts = texts.str.replace(bare, masked, regex=False)
    return texts


#: Shown instead of a column heading that is not a known spelling (it could hold a name).
MASKED_COLUMN = "(a column of its own)"

_QUOTED = re.compile(r"(\'[^\']*\'|\"[^\"]*\"|‘[^’]*’|“[^”]*”)")


def _mask_columns(columns: pd.Series) -> pd.Series:
    """Column headings kept only when they are a known spelling ("Date Contacted")."""
    from infoview_kit.io.headers import canonical_header

    def one(text: str) -> str:
        parts = [p.strip() for p in text.split(",")]
        return ", ".join(p if canonical_header(p) else MASKED_COLUMN for p in parts)

    return _map_unique(columns.astype(STRING_DTYPE), one)


def _mask_reason(texts: pd.Series, names: dict[str, str]) -> pd.Series:
    """File names replaced by their codes, and anything quoted from a cell hidden."""
    texts = _replace_names(texts, names)
    return texts.str.replace(_QUOTED, MASKED_VALUE, regex=True)


def _safe_kinds(counts: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for kind, n in counts.items():
        name = kind if kind in EVENT_KINDS else "note"
        out[name] = out.get(name, 0) + int(n)
    return out


def _mask_report(report: LoadReport, key: bytes) -> LoadReport:
    problems = report.problems.copy()
    files = report.files.copy()
    labels = pd.concat([files.get("file", pd.Series(dtype="str")), problems["file"]])
    labels = labels.dropna().astype(STRING_DTYPE).unique()
    names = {label: _file_pseudonym(label, key) for label in labels if label}
    if len(problems):
        problems["file"] = _mask_files(problems["file"], key)
        problems["value"] = problems["value"].where(problems["value"].isna(), MASKED_VALUE)
        problems["column"] = _mask_columns(problems["column"])
        problems["reason"] = _mask_reason(problems["reason"], names)
    if len(files):
        files["file"] = _mask_files(files["file"].astype(STRING_DTYPE), key)
        if "owner" in files:
            files["owner"] = student_pseudonyms(files["owner"], key=key)
        if "message" in files:
            files["message"] = _mask_reason(files["message"], names)
    return LoadReport(
        rows_read=report.rows_read,
        rows_loaded=report.rows_loaded,
        rows_merged=report.rows_merged,
        rows_rejected=report.rows_rejected,
        problems=problems,
        files=files,
        contacts=report.contacts,
        events_by_kind=_safe_kinds(report.events_by_kind),
        first_event=report.first_event,
        last_event=report.last_event,
    )


#: Contact columns a pseudonymised log keeps (after coding or mapping); every other is dropped.
KEPT_CONTACT_COLUMNS: tuple[str, ...] = (
    "owner", "contact_id", "organization", "field", "connection", "referred_by", "added_on",
)  # fmt: skip
#: Event columns a pseudonymised log keeps.
KEPT_EVENT_COLUMNS: tuple[str, ...] = ("owner", "contact_id", "at", "kind", "channel", "source")

#: What a value outside the vocabulary becomes.
OTHER = "other"

#: A field typed by fewer students than this is shown as "other" (it could point to one person).
FIELD_MIN_STUDENTS = 5


def to_vocabulary(values: pd.Series, vocabulary: tuple[str, ...], *, other: str = OTHER):
    """Every value outside ``vocabulary`` (typed text, names...) becomes ``other``; missing stays.

    >>> to_vocabulary(pd.Series(["email", "Lunch with Ada", None]), ("email", "other")).tolist()
    ['email', 'other', nan]
    """
    text = values.astype("object")
    known = text.isin(vocabulary) | text.isna()
    out = text.where(known, other)
    return pd.Categorical(out, categories=list(vocabulary)) if other in vocabulary else out


def common_fields(contacts: pd.DataFrame, *, min_students: int = FIELD_MIN_STUDENTS) -> pd.Series:
    """Career fields as shown: those typed by ``min_students`` students or more, else "other".

    Case and spacing are ignored when counting students; the most common
    spelling is shown.

    >>> contacts = pd.DataFrame({"owner": list("abcde") + ["f"],
    ...     "field": ["Law"] * 4 + ["law", "Prof Ada Example"]})
    >>> common_fields(contacts).tolist()
    ['Law', 'Law', 'Law', 'Law', 'Law', 'other']
    """
    field = contacts["field"].astype(STRING_DTYPE)
    key = normalise_text(field)
    students = pd.DataFrame({"key": key, "owner": contacts["owner"]}).dropna()
    counts = students.drop_duplicates().groupby("key").size()
    shown = pd.DataFrame({"key": key, "field": field}).dropna()
    spelling = shown.groupby("key")["field"].agg(lambda v: v.value_counts().index[0])
    keep = counts[counts >= max(min_students, 1)].index
    mapped = key.map(spelling.where(spelling.index.isin(keep), OTHER))
    return mapped.where(field.notna()).astype(STRING_DTYPE)


def _organization_codes(owner_keys: pd.Series, values: pd.Series, key: bytes) -> pd.Series:
    # A code per organisation: "same organisation" still groups (the 3B rule), no name shown.
    text = normalise_text(values.astype(STRING_DTYPE))
    return _map_unique(text, lambda v: "O-" + _digest(key, "organization", v, _CONTACT_DIGITS))


def _safe_contacts(contacts: pd.DataFrame, raw: bytes, *, min_students: int) -> pd.DataFrame:
    owner_keys = _owner_keys(contacts["owner"])
    out = pd.DataFrame(index=contacts.index)
    out["owner"] = student_pseudonyms(contacts["owner"], key=raw)
    out["contact_id"] = _contact_pseudonyms(owner_keys, contacts["contact_id"], raw)
    out["organization"] = _organization_codes(owner_keys, contacts["organization"], raw)
    out["field"] = common_fields(contacts, min_students=min_students)
    out["connection"] = to_vocabulary(contacts["connection"], CONNECTIONS)
    out["referred_by"] = _contact_pseudonyms(owner_keys, contacts["referred_by"], raw)
    out["added_on"] = contacts["added_on"]
    return out[list(KEPT_CONTACT_COLUMNS)]


def _safe_events(events: pd.DataFrame, raw: bytes) -> pd.DataFrame:
    out = pd.DataFrame(index=events.index)
    out["owner"] = student_pseudonyms(events["owner"], key=raw)
    out["contact_id"] = _contact_pseudonyms(_owner_keys(events["owner"]), events["contact_id"], raw)
    out["at"] = events["at"]
    # An unknown kind typed by a person is kept as a plain note, without its words.
    out["kind"] = to_vocabulary(events["kind"], EVENT_KINDS, other="note")
    out["channel"] = to_vocabulary(events["channel"], CHANNELS)
    out["source"] = _mask_sources(events["source"], raw)
    return out[list(KEPT_EVENT_COLUMNS)]


def pseudonymise(
    log: OutreachLog, *, key: bytes | str, field_min_students: int = FIELD_MIN_STUDENTS
) -> OutreachLog:
    """A copy of ``log`` with keyed pseudonyms and no free text: private by construction.

    Only the columns of :data:`KEPT_CONTACT_COLUMNS` and :data:`KEPT_EVENT_COLUMNS`
    are kept, each coded or mapped; every other column (names, e-mails,
    phones, LinkedIn addresses, tags, notes, role, anything a tracker added)
    is left out:

    * ``owner`` -> ``S-`` + 8 hex digits (HMAC-SHA256 of the normalised name);
    * ``contact_id`` and ``referred_by`` -> ``P-`` + 10 hex digits, consistently;
      ``organization`` -> ``O-`` codes (same organisation, same code);
    * ``connection``, ``channel`` and ``kind`` -> their fixed vocabulary;
      anything else typed there becomes ``"other"`` (a kind: ``"note"``);
    * ``field`` -> kept when ``field_min_students`` students or more typed it,
      else ``"other"`` (:func:`common_fields`);
    * file names (event ``source``, load report) -> ``F-`` codes, row
      numbers kept; values quoted in the load report -> ``"(hidden)"``.

    The input is not modified. See the module docstring for an example.
    """
    raw = _key_bytes(key)
    contacts = _safe_contacts(log.contacts, raw, min_students=field_min_students)
    events = _safe_events(log.events, raw)
    return OutreachLog(contacts, events, _mask_report(log.report, raw))


def pseudonym_table(log: OutreachLog, *, key: bytes | str) -> pd.DataFrame:
    """The key-holder's table: each pseudonym with the student, each file code with the file.

    Columns ``kind`` ("student" or "file"), ``code`` and ``original``. It is
    for the advisor who holds the key, to turn a report's codes back into
    students and files; never put it next to a report you share.

    >>> log = OutreachLog(events=pd.DataFrame({"owner": ["Ana"], "contact_id": ["c1"],
    ...     "at": pd.to_datetime(["2025-03-03"]), "kind": ["request_sent"],
    ...     "source": ["ana.csv:2"]}))
    >>> table = pseudonym_table(log, key="k" * 16)
    >>> table[["kind", "original"]].values.tolist()
    [['student', 'Ana'], ['file', 'ana.csv']]
    >>> table["code"].iloc[0] == pseudonymise(log, key="k" * 16).owners[0]
    True
    """
    raw = _key_bytes(key)
    files = log.report.files
    owners = list(log.owners)
    if "owner" in files:
        owners += [str(o) for o in files["owner"].dropna().unique()]
    students = pd.Series(sorted(set(owners)), dtype=STRING_DTYPE)
    labels = set(files["file"].dropna().astype("str")) if "file" in files else set()
    labels |= set(log.report.problems["file"].dropna().astype("str"))
    sources = log.events["source"].dropna().astype(STRING_DTYPE).str.extract(_SOURCE)["file"]
    labels |= set(sources.dropna())
    file_names = pd.Series(sorted(label for label in labels if label), dtype=STRING_DTYPE)
    coded_students = student_pseudonyms(students, key=raw)
    coded_files = _mask_files(file_names, raw)
    return pd.concat(
        [
            pd.DataFrame({"kind": "student", "code": coded_students, "original": students}),
            pd.DataFrame({"kind": "file", "code": coded_files, "original": file_names}),
        ],
        ignore_index=True,
    ).astype(STRING_DTYPE)
