"""Columns, vocabularies and dtypes of the two tidy tables.

An outreach log is two tables:

* **contacts**: one row per person per owner (``CONTACT_COLUMNS``);
* **events**: one row per touch: a request sent, a reply, a meeting...
  (``EVENT_COLUMNS``).

Categorical columns use a fixed vocabulary. A label outside it is *kept*
(appended after the known categories) and reported by the loader, never
silently dropped.

>>> events = empty_events()
>>> list(events.columns)
['owner', 'contact_id', 'at', 'kind', 'channel', 'notes', 'source']
>>> as_category(pd.Series(["email", "carrier pigeon"]), CHANNELS).cat.categories[-1]
'carrier pigeon'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd

from infoview_kit.errors import InvalidDateError

#: How a contact entered the network.
CONNECTIONS: tuple[str, ...] = (
    "referral",
    "alumni",
    "faculty",
    "family",
    "friend",
    "colleague",
    "event",
    "cold",
    "other",
)

#: What happened in one touch with a contact.
EVENT_KINDS: tuple[str, ...] = (
    "request_sent",
    "follow_up_sent",
    "voicemail_left",
    "reply_received",
    "declined",
    "meeting_scheduled",
    "meeting_held",
    "meeting_cancelled",
    "thank_you_sent",
    "referral_received",
    "update_sent",
    "connected",
    "note",
)

#: Event kinds that are outreach by the owner (a first request or a nudge).
OUTREACH_KINDS: tuple[str, ...] = ("request_sent", "follow_up_sent", "voicemail_left")

#: Event kinds that count as the contact answering (a decline is an answer).
REPLY_KINDS: tuple[str, ...] = ("reply_received", "declined", "meeting_scheduled", "meeting_held")

#: The medium of a touch.
CHANNELS: tuple[str, ...] = (
    "email",
    "linkedin",
    "phone",
    "voicemail",
    "video",
    "in_person",
    "letter",
    "other",
)

#: Timestamps are stored tz-naive at microsecond resolution. Aware inputs are
#: converted to UTC first, so events from mixed time zones order correctly.
DATETIME_DTYPE = "datetime64[us]"

#: Text columns use pandas' default string dtype (missing values are NaN).
STRING_DTYPE = "str"

CONTACT_COLUMNS: dict[str, str] = {
    "owner": STRING_DTYPE,
    "contact_id": STRING_DTYPE,
    "name": STRING_DTYPE,
    "organization": STRING_DTYPE,
    "role": STRING_DTYPE,
    "field": STRING_DTYPE,
    "connection": "category",
    "referred_by": STRING_DTYPE,
    "email": STRING_DTYPE,
    "phone": STRING_DTYPE,
    "linkedin_url": STRING_DTYPE,
    "added_on": DATETIME_DTYPE,
    "tags": STRING_DTYPE,
    "notes": STRING_DTYPE,
}

EVENT_COLUMNS: dict[str, str] = {
    "owner": STRING_DTYPE,
    "contact_id": STRING_DTYPE,
    "at": DATETIME_DTYPE,
    "kind": "category",
    "channel": "category",
    "notes": STRING_DTYPE,
    "source": STRING_DTYPE,
}

#: Vocabulary of each categorical column.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "connection": CONNECTIONS,
    "kind": EVENT_KINDS,
    "channel": CHANNELS,
}

#: Columns that hold personal data of the contact (masked by pseudonymisation,
#: never written into error messages or logs).
PERSONAL_COLUMNS: tuple[str, ...] = ("name", "email", "phone", "linkedin_url", "notes")


def as_category(values: pd.Series, vocabulary: Iterable[str]) -> pd.Series:
    """Return ``values`` as a categorical over ``vocabulary``.

    Labels outside the vocabulary are appended as extra categories (sorted),
    so nothing is lost; callers report them.

    >>> s = as_category(pd.Series(["cold", "alumni", None, "neighbour"]), CONNECTIONS)
    >>> s.tolist()
    ['cold', 'alumni', nan, 'neighbour']
    >>> unknown_labels(s, CONNECTIONS)
    ['neighbour']
    """
    vocabulary = list(vocabulary)
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = values.cat.categories
        if categories.dtype != object and not pd.api.types.is_string_dtype(categories.dtype):
            categories = None
        known = len(categories) >= len(vocabulary) if categories is not None else False
        if known and categories[: len(vocabulary)].tolist() == vocabulary:
            rest = categories[len(vocabulary) :].tolist()
            used = np.unique(values.cat.codes.to_numpy())
            used = used[used >= len(vocabulary)] - len(vocabulary)
            if rest == sorted(rest) and len(used) == len(rest):
                return values  # already over the vocabulary, every extra label in use
        present = pd.Series(values.cat.remove_unused_categories().cat.categories, dtype="object")
        present = present.astype(str).unique()
        extra = sorted(set(present) - set(vocabulary))
        # Unused old categories are dropped; re-coding them through the constructor
        # would raise a pandas 4 deprecation warning.
        return values.cat.set_categories(vocabulary + extra)
    # One pass over the values: their distinct labels are mapped to category codes.
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    distinct = uniques.tolist()
    extra = sorted({str(u) for u in distinct} - set(vocabulary))
    categories = vocabulary + extra
    position = {label: i for i, label in enumerate(categories)}
    # Non-text values (a number) never equal a text category: they become missing.
    recode = np.array(
        [position[u] if isinstance(u, str) else -1 for u in distinct] + [-1], dtype=np.int64
    )
    return pd.Series(
        pd.Categorical.from_codes(recode[codes], categories=categories),
        index=values.index,
        name=values.name,
    )


def unknown_labels(values: pd.Series, vocabulary: Iterable[str]) -> list[str]:
    """Labels present in ``values`` that are not in ``vocabulary`` (sorted)."""
    present = pd.Series(values, dtype="object").dropna().astype(str).unique()
    return sorted(set(present) - set(vocabulary))


def _empty(columns: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})
    for name, vocabulary in VOCABULARIES.items():
        if name in frame:
            frame[name] = as_category(frame[name], vocabulary)
    return frame


def empty_contacts() -> pd.DataFrame:
    """A contacts table with no rows and the canonical columns and dtypes."""
    return _empty(CONTACT_COLUMNS)


def empty_events() -> pd.DataFrame:
    """An events table with no rows and the canonical columns and dtypes."""
    return _empty(EVENT_COLUMNS)


def extra_columns(frame: pd.DataFrame, columns: Iterable[str]) -> list[str]:
    """Columns of ``frame`` that the schema does not name: the user's own, kept as text.

    A tracker column that matches no known field ("Favourite colour",
    "Priority") travels with the log as an extra column: it is saved in the
    workbook and written back by the exports. Names starting with ``_`` are
    working columns of the loader, never extras.

    >>> extra_columns(pd.DataFrame(columns=["name", "Priority", "_row"]), CONTACT_COLUMNS)
    ['Priority']
    """
    known = set(columns)
    return [
        c for c in frame.columns if isinstance(c, str) and c not in known and not c.startswith("_")
    ]


def conform(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Return a copy with ``columns``, in order, with canonical dtypes, then any extra columns.

    Missing columns are added empty; the user's extra columns (see
    :func:`extra_columns`) follow, unchanged; working columns (``_name``) are
    dropped. Datetimes that carry a time zone are converted to UTC and made naive.

    >>> frame = pd.DataFrame({"name": ["Ada Example"], "Priority": ["high"], "_row": [2]})
    >>> out = conform(frame, CONTACT_COLUMNS)
    >>> out.columns[:3].tolist(), out.columns[-1], out["connection"].dtype.name
    (['owner', 'contact_id', 'name'], 'Priority', 'category')
    """
    if _is_canonical(frame, columns):
        return frame.copy(deep=False)
    out = {}
    n = len(frame)
    for name, dtype in columns.items():
        if name in frame:
            col = frame[name]
        else:
            col = pd.Series([None] * n, index=frame.index, dtype="object")
        if dtype == DATETIME_DTYPE:
            if isinstance(col.dtype, pd.DatetimeTZDtype):
                col = col.dt.tz_convert("UTC").dt.tz_localize(None)
            col = pd.to_datetime(col).astype(DATETIME_DTYPE)
        elif dtype == "category":
            col = as_category(col, VOCABULARIES[name])
        else:
            col = col.astype(dtype)
        out[name] = col
    for name in extra_columns(frame, columns):
        out[name] = frame[name]
    # No copy of the columns kept as they are: copy-on-write keeps the two frames apart.
    return pd.DataFrame(out, index=frame.index, copy=False)


def _is_canonical(frame: pd.DataFrame, columns: dict[str, str]) -> bool:
    """True when ``frame`` has ``columns``, in order, with their canonical dtypes, then extras."""
    names = list(frame.columns)
    if names[: len(columns)] != list(columns):
        return False
    if len(names) > len(columns) and len(extra_columns(frame, columns)) != len(names) - len(
        columns
    ):
        return False
    for name, dtype in columns.items():
        actual = frame[name].dtype
        if dtype == "category":
            if not isinstance(actual, pd.CategoricalDtype):
                return False
            vocabulary = list(VOCABULARIES[name])
            categories = actual.categories
            if not pd.api.types.is_string_dtype(categories.dtype) and categories.dtype != object:
                return False
            if categories[: len(vocabulary)].tolist() != vocabulary:
                return False
            rest = categories[len(vocabulary) :].tolist()
            if rest != sorted(rest):
                return False
            if rest:
                used = np.unique(frame[name].cat.codes.to_numpy())
                if (used >= len(vocabulary)).sum() != len(rest):
                    return False
        elif actual != dtype:
            return False
    return True


def conform_contacts(frame: pd.DataFrame) -> pd.DataFrame:
    """``conform`` to the contacts schema."""
    return conform(frame, CONTACT_COLUMNS)


def conform_events(frame: pd.DataFrame) -> pd.DataFrame:
    """``conform`` to the events schema."""
    return conform(frame, EVENT_COLUMNS)


def _strip_marks(text: str) -> str:
    """``text`` without characters of non-zero canonical combining class (accents after NFKD)."""
    marks = [c for c in set(text) if unicodedata.combining(c)]
    if not marks:
        return text
    return re.sub("[" + "".join(re.escape(c) for c in sorted(marks)) + "]+", "", text)


def _fold_slow(text: str) -> str:
    return " ".join(_strip_marks(unicodedata.normalize("NFKD", text)).split()).casefold()


def _fold_one(text: str) -> str:
    """``normalise_text`` of one string: accents stripped, spaces collapsed, case-folded."""
    if text.isascii():
        if text.isprintable() and " " not in text:
            return text.lower()
        return " ".join(text.split()).lower()
    return _fold_slow(text)


def _fold_batch(batch: list[str]) -> list[str]:
    """Fold texts joined into one string: the normalisation works character by character."""
    joined = "\x00".join(batch)
    if joined.count("\x00") != len(batch) - 1:
        return [_fold_one(v) for v in batch]
    if not joined.isascii():
        joined = _strip_marks(unicodedata.normalize("NFKD", joined))
    joined = joined.casefold()
    folded = joined.split("\x00")
    if " " in joined or not joined.replace("\x00", "").isprintable():
        folded = [" ".join(f.split()) for f in folded]
    # A text already folded (most e-mails) is kept rather than held twice.
    return [f if f != v else v for f, v in zip(folded, batch, strict=True)]


def fold_list(values: list[object]) -> np.ndarray:
    """``_fold_one`` over a list (None and other non-text become None), in a few big passes."""
    out = np.full(len(values), None, dtype=object)
    try:
        joined = "\x00".join(values)  # type: ignore[arg-type]
    except TypeError:  # some values are not text
        joined = None
    if joined is not None and joined.isascii():  # all text and plain: one pass
        if values:
            out[:] = _fold_batch(values)  # type: ignore[arg-type]
        return out
    if joined is not None:  # all text: plain and accented texts folded apart, by masks
        array = np.empty(len(values), dtype=object)
        array[:] = values
        plain = np.fromiter(map(str.isascii, values), dtype=bool, count=len(values))
        groups = [np.flatnonzero(plain), np.flatnonzero(~plain)]
    else:
        array = values  # type: ignore[assignment]
        text = [i for i, value in enumerate(values) if isinstance(value, str)]
        plain_list = [i for i in text if values[i].isascii()]
        fancy = [i for i in text if not values[i].isascii()] if len(plain_list) < len(text) else []
        groups = [np.asarray(plain_list, dtype=np.intp), np.asarray(fancy, dtype=np.intp)]
    for group in groups:
        if len(group):
            folded = np.empty(len(group), dtype=object)
            batch = array[group].tolist() if joined is not None else [values[i] for i in group]
            folded[:] = _fold_batch(batch)
            out[group] = folded
    return out


def fold_text(values: pd.Series) -> pd.Series:
    """Same result as :func:`infoview_kit.schema.normalise_text`, computed per distinct value.

    >>> fold_text(pd.Series(["  José  GARCÍA ", None])).tolist()
    ['jose garcia', nan]
    """
    codes, uniques = pd.factorize(values)
    folded = np.append(fold_list(np.asarray(uniques, dtype=object).tolist()), None)
    return pd.Series(folded[codes], index=values.index, dtype=STRING_DTYPE)


def normalise_text(values: pd.Series) -> pd.Series:
    """Case-fold, strip accents and collapse white space (for matching people).

    >>> normalise_text(pd.Series(["  José  GARCÍA ", "jose garcia"])).tolist()
    ['jose garcia', 'jose garcia']
    """
    codes, uniques = pd.factorize(values)
    distinct = np.asarray(uniques, dtype=object)
    folded = fold_list(distinct.tolist())
    other = np.array([not isinstance(v, str) for v in distinct.tolist()], dtype=bool)
    folded[other] = distinct[other]  # non-text values are kept as they are, as text
    folded = np.append(folded, None)
    return pd.Series(folded[codes], index=values.index, name=values.name).astype(STRING_DTYPE)


#: Keys are built and hashed this many at a time (bounded temporary memory).
_ID_CHUNK = 100_000

_Factor = tuple[np.ndarray, np.ndarray]


def make_contact_ids(
    owner: pd.Series,
    email: pd.Series,
    name: pd.Series,
    organization: pd.Series,
    *,
    folded: bool = False,
) -> pd.Series:
    """Stable ids derived from who the person is, so reloading gives the same id.

    The key is the e-mail (case-folded) when known, else name + organization
    (case, accents and spacing ignored). Rows with neither get no id (NaN).
    This is the only place ids are made: they are stored in people's
    workbooks, so the rule must never change. Only distinct keys are folded
    and hashed, so categorical inputs (codes into few values) are cheap;
    ``folded=True`` says e-mail, name and organization are folded already.

    >>> ids = make_contact_ids(
    ...     pd.Series(["me", "me"]),
    ...     pd.Series(["Ada@Example.com", None]),
    ...     pd.Series(["Ada Example", "Bo Sample"]),
    ...     pd.Series(["Acme", None]),
    ... )
    >>> ids.tolist()
    ['c-5258dbdecd', 'c-22dd747213']
    """
    owners = _id_factor(owner, fold=False, owner=True)
    keys = [_id_factor(s, fold=not folded) for s in (email, name, organization)]
    ids = _ids_from_factors(owners, *keys)
    return pd.Series(ids, index=owner.index, dtype=STRING_DTYPE)


def contact_ids_of_factors(owner: _Factor, email: _Factor, name: _Factor, organization: _Factor):
    """:func:`make_contact_ids` of keys already folded and factorised: ``(codes, values)`` each.

    ``values[codes]`` is the key of each row; a missing e-mail, name or
    organization is None, and owner values are text. Nothing is factorised
    again, so a loader that has the codes pays only for the hashing.

    >>> owner = (np.array([0, 0]), np.array(["me"], dtype=object))
    >>> email = (np.array([0, 1]), np.array(["ada@example.com", None], dtype=object))
    >>> name = (np.array([0, 1]), np.array(["ada example", "bo sample"], dtype=object))
    >>> org = (np.array([0, 1]), np.array(["acme", None], dtype=object))
    >>> contact_ids_of_factors(owner, email, name, org).tolist()
    ['c-5258dbdecd', 'c-22dd747213']
    """
    return _ids_from_factors(owner, email, name, organization)


def _id_factor(values: pd.Series, *, fold: bool, owner: bool = False) -> _Factor:
    """Codes into distinct (folded) values; the last value is the missing one (None)."""
    codes, uniques = pd.factorize(values)
    distinct = [v if isinstance(v, str) else str(v) for v in np.asarray(uniques, dtype=object)]
    if fold:
        distinct = fold_list(distinct).tolist()
    missing = "" if owner else None  # a missing owner is the empty owner
    codes = np.where(codes < 0, len(distinct), codes)
    return codes, np.array([*distinct, missing], dtype=object)


def _digests(keys: list[str]) -> np.ndarray:
    """``"c-" + blake2b(key, 5 bytes)`` of each key."""
    blake = hashlib.blake2b
    joined = "\x00".join(keys)
    if joined.count("\x00") == len(keys) - 1:
        encoded = joined.encode("utf-8").split(b"\x00")  # one encode for all keys
    else:
        encoded = [k.encode("utf-8") for k in keys]
    out = np.empty(len(keys), dtype=object)
    out[:] = ["c-" + blake(k, digest_size=5).hexdigest() for k in encoded]
    return out


def _prefixed(prefixes: list[str], prefix_codes: np.ndarray, texts: np.ndarray) -> list[str]:
    """``prefixes[code] + text`` for each pair; codes come sorted, so each run of one prefix
    is made by one join instead of one format per key."""
    if not len(prefix_codes):
        return []
    bounds = (np.flatnonzero(np.diff(prefix_codes)) + 1).tolist()
    starts, ends = [0, *bounds], [*bounds, len(prefix_codes)]
    codes = prefix_codes[starts].tolist()
    try:
        runs = [
            prefixes[c] + ("\x00" + prefixes[c]).join(texts[a:b].tolist())
            for c, a, b in zip(codes, starts, ends, strict=True)
        ]
        keys = "\x00".join(runs).split("\x00")
    except TypeError:  # a value that is not text
        keys = []
    if len(keys) == len(texts):
        return keys
    return [
        prefixes[c] + str(t) for c, t in zip(prefix_codes.tolist(), texts.tolist(), strict=True)
    ]


def _ids_from_factors(owner: _Factor, email: _Factor, name: _Factor, org: _Factor) -> np.ndarray:
    """Ids per row: ``owner/e:<email>`` when there is one, else ``owner/n:<name>|<org>``."""
    owner_codes, owner_values = owner
    email_codes, email_values = email
    name_codes, name_values = name
    org_codes, org_values = org
    out = np.full(len(owner_codes), None, dtype=object)
    has_email = pd.notna(email_values)[email_codes]
    has_name = pd.notna(name_values)[name_codes]
    owners = owner_values.tolist()
    if has_email.any():
        width = len(email_values)
        combo = owner_codes[has_email].astype(np.int64) * width + email_codes[has_email]
        distinct, inverse = np.unique(combo, return_inverse=True)
        prefixes = [f"{o}/e:" for o in owners]
        digests = np.empty(len(distinct), dtype=object)
        for start in range(0, len(distinct), _ID_CHUNK):
            chunk = distinct[start : start + _ID_CHUNK]
            keys = _prefixed(prefixes, chunk // width, email_values[chunk % width])
            digests[start : start + len(chunk)] = _digests(keys)
        out[has_email] = digests[inverse]
    by_name = has_name & ~has_email
    if by_name.any():
        first = owner_codes[by_name].astype(np.int64) * len(name_values) + name_codes[by_name]
        pair_codes, pairs = pd.factorize(first)
        combo = pair_codes.astype(np.int64) * len(org_values) + org_codes[by_name]
        distinct, inverse = np.unique(combo, return_inverse=True)
        keys = []
        for c in distinct.tolist():
            pair = int(pairs[c // len(org_values)])
            organization = org_values[c % len(org_values)]
            person = name_values[pair % len(name_values)]
            org_text = "" if organization is None else organization
            keys.append(f"{owners[pair // len(name_values)]}/n:{person}|{org_text}")
        out[by_name] = _digests(keys)[inverse]
    return out


def as_timestamp(value: object, *, what: str = "date") -> pd.Timestamp | None:
    """The one way a single date (an option, a form field) becomes a Timestamp.

    Missing (None, blank text, NaT) gives None; a zoned time is converted to UTC
    and its zone dropped, as the tables store them; microsecond resolution.
    Anything else raises :class:`~infoview_kit.errors.InvalidDateError` (a
    ``ValueError``) naming ``what``, never the value typed.

    >>> as_timestamp("2025-06-30T12:00+02:00")
    Timestamp('2025-06-30 10:00:00')
    >>> as_timestamp("  ") is None, as_timestamp(None) is None
    (True, True)
    >>> as_timestamp("next week", what="as of")
    Traceback (most recent call last):
    ...
    infoview_kit.errors.InvalidDateError: as of: expected a date such as 2025-06-30 ...
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    problem = InvalidDateError(
        f"{what}: expected a date such as 2025-06-30 (a time may follow: 2025-06-30 09:30)"
    )
    if isinstance(value, bool | int | float | np.number):
        if isinstance(value, float | np.floating) and np.isnan(value):
            return None
        raise problem  # a bare number would silently become a moment in 1970
    try:
        stamp = pd.Timestamp(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError, OverflowError):
        raise problem from None
    if pd.isna(stamp):
        return None
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp.as_unit("us")
