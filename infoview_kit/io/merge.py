"""Combine outreach logs and merge rows that describe the same person.

Two contact rows of one owner are the same person when they share an
e-mail (case ignored), a LinkedIn profile URL (scheme, ``www.``, query and
trailing slash ignored), a contact id, or a name + organization (case,
accents and spacing ignored). Two people with the same name at different
organisations stay apart. Matching is transitive: if row A shares an e-mail
with B and B a name + organization with C, all three are one person.

When rows merge, the first row (in file order) survives with its contact id;
each column takes the first non-blank value in file order; differing notes
are joined with ``" | "``; events of merged rows point to the survivor, and
identical events (same person, time, kind, channel and notes) are kept once.
So is one event recorded with less precision by another source (same person,
kind and day, one of them without a time of day or a channel; referrals and
notes only when identical): it keeps the most complete time, channel and notes.

>>> from infoview_kit.model import OutreachLog
>>> a = OutreachLog(pd.DataFrame({"owner": ["me"], "contact_id": ["c-1"], "name": ["Ada Example"],
...                               "email": ["Ada@Example.com"]}))
>>> b = OutreachLog(pd.DataFrame({"owner": ["me"], "contact_id": ["c-2"], "name": ["Ada Example"],
...                               "email": ["ada@example.com"], "organization": ["Acme"]}))
>>> both = combine_logs([a, b])
>>> both.contacts[["contact_id", "organization"]].to_dict("records")
[{'contact_id': 'c-1', 'organization': 'Acme'}]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from infoview_kit.io.duplicates import possible_duplicates
from infoview_kit.model import (
    FILE_COLUMNS,
    PROBLEM_COLUMNS,
    LoadReport,
    OutreachLog,
    empty_files,
    empty_problems,
)
from infoview_kit.names import given_family_keys
from infoview_kit.schema import (
    CONTACT_COLUMNS,
    EVENT_COLUMNS,
    STRING_DTYPE,
    conform_contacts,
    conform_events,
    extra_columns,
    fold_text,
)

#: Logs with at most this many contacts list their possible duplicates as they load (a
#: bigger cohort: call :func:`~infoview_kit.io.duplicates.possible_duplicates` on it).
DUPLICATE_CHECK_LIMIT = 20_000
#: Private columns that travel with rows while a log is assembled.
PROVENANCE = ("_file", "_row")
_COUNTS = ("rows_read", "rows_loaded", "rows_merged", "rows_rejected")


# --------------------------------------------------------------------------- matching keys


_LINKEDIN = re.compile(r"^(?:https?://)?(?:[a-z]{2,3}\.)?(?:www\.)?linkedin\.com/", re.IGNORECASE)


def normalise_linkedin(urls: pd.Series) -> pd.Series:
    """A LinkedIn profile URL reduced to ``linkedin.com/in/<slug>`` (others: folded text).

    >>> urls = pd.Series(["https://www.LinkedIn.com/in/ada-example/?trk=x", None])
    >>> normalise_linkedin(urls).tolist()
    ['linkedin.com/in/ada-example', nan]
    """
    codes, uniques = pd.factorize(urls)
    distinct = np.asarray(uniques, dtype=object).tolist()
    try:
        joined = "\n".join(distinct)
    except TypeError:  # not all text
        joined = None
    if joined is not None and joined.count("\n") == len(distinct) - 1 and distinct:
        mapped = _normalised_lines(distinct)
    else:
        mapped = [_normalised_url(u) for u in distinct]
    return pd.Series(np.array([*mapped, None], dtype=object)[codes], index=urls.index,
                     dtype=STRING_DTYPE)  # fmt: skip


def _normalised_url(url: object) -> object:
    """``normalise_linkedin`` of one value."""
    if not isinstance(url, str) or not url.strip():
        return None
    text = url.strip()
    text = re.split(r"[?#]", text, maxsplit=1)[0].rstrip("/")
    if _LINKEDIN.match(text):
        return "linkedin.com/" + _LINKEDIN.sub("", text).casefold()
    return text.casefold()


_LINE_LINKEDIN = re.compile(_LINKEDIN.pattern, re.IGNORECASE | re.MULTILINE)


def _normalised_lines(urls: list[str]) -> list[object]:
    """:func:`_normalised_url` of each text (none holds a line break): the prefix regex and
    the case-folding run once over all of them joined."""
    stripped = [u.strip() for u in urls]
    cut = [u.split("?", 1)[0].split("#", 1)[0].rstrip("/") for u in stripped]
    lines = _LINE_LINKEDIN.sub("linkedin.com/", "\n".join(cut)).casefold().split("\n")
    return [line if text else None for line, text in zip(lines, stripped, strict=True)]


#: A web address (a LinkedIn profile, a personal site): "yes" or "n/a" in the column are not.
_WEB_ADDRESS = r"^(?:[a-z][a-z0-9+.\-]*://)?(?:[\w\-]+\.)+[a-z]{2,}(?:[/?#]|$)"


def _profile_keys(urls: pd.Series) -> pd.Series:
    """The profile column's matching key: only a web address is one ("connected", "yes" and
    "n/a" in two rows do not make them one person)."""
    keys = normalise_linkedin(urls)
    return keys.where(keys.str.match(_WEB_ADDRESS).fillna(False).astype(bool))


def _key_codes(owner_codes: np.ndarray, values: pd.Series) -> np.ndarray:
    """One integer per (owner, value); -1 where the value is missing (NaN, or -1 codes)."""
    if pd.api.types.is_integer_dtype(values.dtype):
        codes, uniques = pd.factorize(values.where(values >= 0))
        codes = np.where(values.to_numpy() >= 0, codes, -1)
    else:
        codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    combined = owner_codes.astype(np.int64) * (len(uniques) + 1) + codes
    return np.where(codes >= 0, combined, -1)


_KEY_COLUMNS = {"email": "_email_key", "name": "_name_key", "organization": "_org_key"}


def _folded_key(contacts: pd.DataFrame, column: str) -> pd.Series:
    """The folded matching key of a column: precomputed where known, folded here otherwise."""
    key = _KEY_COLUMNS[column]
    if key not in contacts:
        return _fold_column(contacts[column], column)
    known = contacts[key]
    todo = known.isna().to_numpy() & contacts[column].notna().to_numpy()
    if not todo.any():
        return known
    out = known.to_numpy(dtype=object).copy()
    out[todo] = _fold_column(contacts[column][todo], column).to_numpy(dtype=object)
    return pd.Series(out, index=contacts.index)


def _fold_column(values: pd.Series, column: str) -> pd.Series:
    """Folded values; a name written "Family, Given" as its "Given Family" spelling."""
    values = values.astype(STRING_DTYPE)
    if column == "name":
        codes, uniques = pd.factorize(values)
        texts = np.asarray(uniques, dtype=object).tolist()
        readings = given_family_keys(texts)
        if readings is not texts:
            values = pd.Series(np.array([*readings, None], dtype=object)[codes],
                               index=values.index, dtype=STRING_DTYPE)  # fmt: skip
    return fold_text(values)


def _conflicting(person: np.ndarray, strong: list[np.ndarray]) -> np.ndarray:
    """Rows whose name + organization group holds two different values of a strong key."""
    out = np.zeros(len(person), dtype=bool)
    named = np.flatnonzero(person >= 0)
    if len(named) < 2:
        return out
    people, _ = pd.factorize(person[named])
    for key in strong:
        mine = key[named]
        has = mine >= 0
        if has.sum() < 2:
            continue
        # Distinct (person, key) pairs counted per person (dense codes keep pairs in int64).
        keys, key_values = pd.factorize(mine[has])
        width = len(key_values) + 1
        pairs = pd.unique(people[has].astype(np.int64) * width + keys)
        clash = np.bincount(pairs // width, minlength=people.max() + 1) > 1
        out[named[clash[people]]] = True
    return out


def person_groups(contacts: pd.DataFrame) -> np.ndarray:
    """For each contact row, the position of the first row describing the same person.

    ``contacts`` needs the columns ``owner``, ``contact_id``, ``email``,
    ``linkedin_url``, ``name`` and ``organization``; folded keys ``_email_key``,
    ``_name_key`` and ``_org_key`` are used when present.

    >>> people = pd.DataFrame({"owner": "me", "contact_id": ["a", "b", "c", "d"],
    ...     "email": ["x@example.com", None, "X@example.com", None], "linkedin_url": None,
    ...     "name": ["Ada Example", "Ada  example", "Ada", "Ada Example"],
    ...     "organization": ["Acme", "ACME", None, "Globex"]})
    >>> person_groups(people).tolist()
    [0, 0, 0, 3]
    """
    n = len(contacts)
    labels = np.arange(n)
    if n < 2:
        return labels
    owner_codes, _ = pd.factorize(contacts["owner"].fillna(""))
    email = _folded_key(contacts, "email")
    name = _folded_key(contacts, "name")
    org = _folded_key(contacts, "organization")
    name_codes, _ = pd.factorize(np.asarray(name, dtype=object))
    org_codes, org_values = pd.factorize(np.asarray(org, dtype=object))
    org_codes = np.where(org_codes < 0, len(org_values), org_codes).astype(np.int64)
    person = np.where(
        name_codes >= 0, name_codes.astype(np.int64) * (len(org_values) + 1) + org_codes, -1
    )
    given_id = contacts["contact_id"]
    explicit = pd.Series(pd.NA, index=contacts.index, dtype=STRING_DTYPE)
    if "_id_given" in contacts:
        typed = contacts["_id_given"].fillna(True).astype(bool)
        given_id = given_id.where(typed)
        explicit = given_id.where(contacts["_id_given"].fillna(False).astype(bool))
    strong = [
        _key_codes(owner_codes, given_id),
        _key_codes(owner_codes, email),
        _key_codes(owner_codes, _profile_keys(contacts["linkedin_url"])),
    ]
    person = _key_codes(owner_codes, pd.Series(person))
    # Same name, but different e-mails, profiles or typed ids: different people (listed
    # as possible duplicates for the user to confirm, never merged on the name alone).
    conflicts = [strong[1], strong[2], _key_codes(owner_codes, explicit)]
    person = np.where(_conflicting(person, conflicts), -1, person)
    keys = [*strong, person]
    involved = np.zeros(n, dtype=bool)
    for key in keys:
        present = key >= 0
        involved |= present & pd.Series(key).duplicated(keep=False).to_numpy()
    if not involved.any():
        return labels
    where = np.flatnonzero(involved)
    sub_keys = [key[where] for key in keys]
    sub = where.copy()
    while True:
        before = sub.copy()
        for key in sub_keys:
            present = key >= 0
            if not present.any():
                continue
            lowest = pd.Series(sub[present]).groupby(key[present]).transform("min").to_numpy()
            sub[present] = np.minimum(sub[present], lowest)
        if np.array_equal(sub, before):
            break
    labels[where] = sub
    return labels


# --------------------------------------------------------------------------- parts


@dataclass
class Part:
    """A piece of a log being assembled, with provenance.

    ``contacts`` and ``events`` hold the canonical columns plus ``_file`` and
    ``_row``: the file label and user-visible row of the *input row the record
    is* (NaN for records derived from another row, such as a referral named in
    a tracker or a contact implied by an event). Only such primary records
    count as merged rows when they turn out to be duplicates.
    """

    contacts: pd.DataFrame
    events: pd.DataFrame
    problems: pd.DataFrame = field(default_factory=empty_problems)
    files: pd.DataFrame = field(default_factory=empty_files)
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_COUNTS, 0))


def part_from_log(log: OutreachLog) -> Part:
    """A Part from a finished log (no row provenance: nothing in it counts as merged again)."""
    contacts = log.contacts.assign(_file=None, _row=np.nan)
    events = log.events.assign(_file=None, _row=np.nan, _cpos=np.int64(-1))
    report = log.report
    totals = {name: int(getattr(report, name)) for name in _COUNTS}
    return Part(contacts, events, report.problems, report.files, totals)


def combine_logs(logs: list[OutreachLog]) -> OutreachLog:
    """One log from several (sources of one person, or many people), people de-duplicated.

    Reports are added up (files, problems and counts); contacts of the same
    owner that describe one person are merged (see the module docstring).
    """
    return combine_parts([part_from_log(log) for log in logs])


def combine_parts(parts: list[Part]) -> OutreachLog:
    """Assemble parts into a log: merge duplicate people and events, and count."""
    offsets = np.cumsum([0] + [len(p.contacts) for p in parts])
    positioned = [_with_positions(p.events, int(o)) for p, o in zip(parts, offsets, strict=False)]
    if len(positioned) > 1:  # which part each event comes from (see _recorded_again)
        positioned = [e.assign(_part=np.int32(i)) for i, e in enumerate(positioned) if len(e)]
    events = _concat(positioned, EVENT_COLUMNS)
    contacts = _concat([p.contacts for p in parts], CONTACT_COLUMNS)
    problems = [p.problems for p in parts if len(p.problems)]
    files = pd.concat(
        [p.files for p in parts if len(p.files)] or [empty_files()], ignore_index=True
    )
    files = files.astype({c: "int64" for c in _COUNTS}) if len(files) else files
    totals = {name: sum(p.totals[name] for p in parts) for name in _COUNTS}

    merged_contacts = pd.DataFrame()
    touched = None
    if len(contacts):
        contacts, events, merged_contacts, touched = _merge_people(contacts, events)
    events, merged_events = _merge_events(events, touched)
    merged = pd.concat([m for m in (merged_contacts, merged_events) if len(m)] or [pd.DataFrame()])
    if len(merged):
        problems.append(_merge_problems(merged))
        per_file = merged["_file"].value_counts()
        totals["rows_merged"] += len(merged)
        totals["rows_loaded"] -= len(merged)
        if len(files):
            moved = files["file"].map(per_file).fillna(0).astype("int64")
            files["rows_merged"] = files["rows_merged"] + moved
            files["rows_loaded"] = files["rows_loaded"] - moved

    problem_frame = pd.concat(problems, ignore_index=True) if problems else empty_problems()
    if len(problem_frame):
        problem_frame = _sort_problems(problem_frame.loc[:, list(PROBLEM_COLUMNS)], files)
    report = LoadReport(
        rows_read=totals["rows_read"],
        rows_loaded=totals["rows_loaded"],
        rows_merged=totals["rows_merged"],
        rows_rejected=totals["rows_rejected"],
        problems=problem_frame,
        files=files.loc[:, list(FILE_COLUMNS)] if len(files) else empty_files(),
    )
    log = OutreachLog(
        contacts.loc[:, [*CONTACT_COLUMNS, *extra_columns(contacts, CONTACT_COLUMNS)]],
        events.loc[:, [*EVENT_COLUMNS, *extra_columns(events, EVENT_COLUMNS)]],
        report,
    )
    report.describe(log.contacts, log.events)
    if len(log.contacts) <= DUPLICATE_CHECK_LIMIT:
        report.possible_duplicates = possible_duplicates(log)
    return log


def _with_positions(events: pd.DataFrame, offset: int) -> pd.DataFrame:
    """Events with ``_cpos``: the position of their contact in the combined table (-1: unknown)."""
    if not len(events):
        return events
    if "_cpos" not in events:
        return events.assign(_cpos=np.int64(-1))
    position = events["_cpos"].to_numpy(dtype=np.int64)
    return events.assign(_cpos=np.where(position >= 0, position + offset, -1))


def _concat(frames: list[pd.DataFrame], columns: dict[str, str]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        empty = (
            conform_contacts(pd.DataFrame())
            if columns is CONTACT_COLUMNS
            else conform_events(pd.DataFrame())
        )
        return empty.assign(
            _file=pd.Series(dtype=object), _row=pd.Series(dtype=float), _cpos=np.int64(-1)
        )
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    # Categories differ between parts: concatenate as plain values, OutreachLog re-categorises.
    plain = [
        f.astype({c: object for c in f.columns if isinstance(f[c].dtype, pd.CategoricalDtype)})
        for f in frames
    ]
    out = pd.concat(plain, ignore_index=True)
    if "_cpos" in out:
        out["_cpos"] = out["_cpos"].fillna(-1).astype(np.int64)
    return out


def _merge_people(
    contacts: pd.DataFrame, events: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, tuple[np.ndarray, pd.Series] | None]:
    """Merge contacts describing one person.

    Returns contacts, events (pointing to survivors), the merged primary rows,
    and what was touched: (bool per surviving contact position, their ids).
    """
    contacts, position_of = _input_rows_first(contacts)
    labels = person_groups(contacts)
    dropped = labels != np.arange(len(contacts))
    if not dropped.any():
        if position_of is not None and len(events):
            events = events.assign(_cpos=_move(events["_cpos"].to_numpy(), position_of))
        return contacts, events, pd.DataFrame(), None
    categorical = [
        c for c in contacts.columns if isinstance(contacts[c].dtype, pd.CategoricalDtype)
    ]
    if categorical:
        contacts = contacts.astype(dict.fromkeys(categorical, object))
    kept, survivors, targets = _fill_survivors(contacts, labels, dropped)
    rank = np.cumsum(~dropped) - 1
    if len(events):
        events = _events_follow(events, contacts, labels, dropped, rank, position_of)
    primary = dropped & ~contacts["_row"].isna().to_numpy()
    merged = pd.DataFrame(
        {
            "_file": contacts.loc[primary, "_file"].to_numpy(),
            "_row": contacts.loc[primary, "_row"].to_numpy(),
            "_of_file": contacts["_file"].to_numpy()[labels[primary]],
            "_of_row": contacts["_row"].to_numpy()[labels[primary]],
        }
    )
    touched_positions = np.zeros(len(kept), dtype=bool)
    touched_positions[targets] = True
    touched_ids = pd.Series(contacts["contact_id"].to_numpy()[survivors])
    return kept, events, merged, (touched_positions, touched_ids)


def _input_rows_first(contacts: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray | None]:
    """Input rows win over records derived from other rows: they go first (and where they went)."""
    derived = contacts["_row"].isna().to_numpy()
    if derived.any() and not derived.all():
        order = np.argsort(derived, kind="stable")
        if not np.array_equal(order, np.arange(len(order))):
            position_of = np.empty(len(order), dtype=np.int64)
            position_of[order] = np.arange(len(order))
            return contacts.iloc[order].reset_index(drop=True), position_of
    return contacts, None


def _fill_survivors(contacts: pd.DataFrame, labels: np.ndarray, dropped: np.ndarray):
    """The surviving row of each person, with the first value given in the group for each
    column and every distinct note joined. Returns (kept rows, survivors, their new positions)."""
    grouped = np.isin(labels, labels[dropped])
    group = contacts.loc[grouped]
    group_labels = labels[grouped]
    values = [c for c in contacts.columns if not c.startswith("_") and c != "notes"]
    firsts = group[values].groupby(group_labels, sort=False).first()
    notes = (
        pd.DataFrame({"label": group_labels, "notes": group["notes"].to_numpy()})
        .dropna()
        .drop_duplicates()
        .groupby("label", sort=False)["notes"]
        .agg(" | ".join)
    )
    survivors = np.flatnonzero(grouped & ~dropped)
    kept = contacts.loc[~dropped].reset_index(drop=True)
    targets = (np.cumsum(~dropped) - 1)[survivors]
    for column in [*values, "notes"]:
        new = notes.reindex(survivors) if column == "notes" else firsts.loc[survivors, column]
        old = contacts[column].to_numpy()[survivors]
        same = pd.isna(old) & pd.isna(new.to_numpy()) | (old == new.to_numpy())
        if not np.all(same):
            kept.loc[targets, column] = new.to_numpy()
    return kept, survivors, targets


def _events_follow(events, contacts, labels, dropped, rank, position_of) -> pd.DataFrame:
    """Events follow their contact to the survivor (by position, else by owner and id)."""
    cpos = events["_cpos"].to_numpy(dtype=np.int64)
    if position_of is not None:
        cpos = _move(cpos, position_of)
    known = cpos >= 0
    ids = events["contact_id"].to_numpy(dtype=object).copy()
    survivor = labels[np.maximum(cpos, 0)]
    moved = known & dropped[np.maximum(cpos, 0)]
    ids[moved] = contacts["contact_id"].to_numpy(dtype=object)[survivor[moved]]
    unknown = ~known
    if unknown.any():
        old = pd.DataFrame(
            {
                "owner": contacts.loc[dropped, "owner"].to_numpy(),
                "contact_id": contacts.loc[dropped, "contact_id"].to_numpy(),
                "_new": contacts["contact_id"].to_numpy()[labels[dropped]],
            }
        ).drop_duplicates(["owner", "contact_id"])
        sub = events.loc[unknown, ["owner", "contact_id"]]
        hit = sub["contact_id"].isin(old["contact_id"]).to_numpy()
        if hit.any():
            looked = sub[hit].merge(old, how="left", on=["owner", "contact_id"])
            replaced = looked["_new"].fillna(looked["contact_id"]).to_numpy()
            ids[np.flatnonzero(unknown)[hit]] = replaced
    return events.assign(
        contact_id=pd.Series(ids, index=events.index, dtype=STRING_DTYPE),
        _cpos=np.where(known, rank[survivor], -1),
    )


def _move(cpos: np.ndarray, position_of: np.ndarray) -> np.ndarray:
    return np.where(cpos >= 0, position_of[np.maximum(cpos, 0)], -1)


_EVENT_KEY = ["owner", "contact_id", "at", "kind", "channel", "notes"]
#: Kinds whose events carry a name or a text: only identical ones are the same event.
_NAMED_KINDS = ("referral_received", "note")


def _merge_events(
    events: pd.DataFrame, touched: tuple[np.ndarray, pd.Series] | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep identical events once; returns events and the merged primary rows.

    Only events that are input rows, or that belong to merged people
    (``touched``), can be duplicates. A repeat written in the same row is
    meant ("2 referrals"); a copy coming from another row is a duplicate.
    Events of one person, kind and day where one of them has no time of day
    or no channel are one event recorded with different precision (see
    :func:`_vague_duplicates`).
    """
    if len(events) < 2:
        return events, pd.DataFrame()
    candidates = ~events["_row"].isna().to_numpy()
    if touched is not None:
        positions, ids = touched
        cpos = events["_cpos"].to_numpy(dtype=np.int64)
        known = cpos >= 0
        candidates = candidates | (known & positions[np.maximum(cpos, 0)])
        if (~known).any():
            unknown = np.flatnonzero(~known)
            hit = events["contact_id"].iloc[unknown].isin(ids).to_numpy()
            candidates[unknown[hit]] = True
    where = np.flatnonzero(candidates)
    if len(where) < 2:
        return events, pd.DataFrame()
    sub = events.iloc[where]
    source = sub["source"].fillna("").to_numpy(dtype=object)
    key = sub[_EVENT_KEY].astype({c: object for c in ("owner", "kind", "channel")})
    duplicate = np.zeros(len(sub), dtype=bool)
    first = np.arange(len(sub))
    if key.duplicated(keep="first").any():
        group = key.groupby(_EVENT_KEY, dropna=False, sort=False).ngroup().to_numpy()
        first = pd.Series(np.arange(len(sub))).groupby(group).transform("min").to_numpy()
        duplicate = (np.arange(len(sub)) != first) & (source != source[first])
        if "_part" in sub:
            duplicate |= _recorded_again(group, sub["_part"].to_numpy())
    vague, of, fills = _vague_duplicates(sub, ~duplicate, source)
    if not duplicate.any() and not vague.any():
        return events, pd.DataFrame()
    first = np.where(vague, of, first)
    duplicate |= vague
    primary = duplicate & ~sub["_row"].isna().to_numpy()
    merged = pd.DataFrame(
        {
            "_file": sub["_file"].to_numpy()[primary],
            "_row": sub["_row"].to_numpy()[primary],
            "_of_file": sub["_file"].to_numpy()[first[primary]],
            "_of_row": sub["_row"].to_numpy()[first[primary]],
        }
    )
    if fills:
        changed = {}
        for column, (positions, values) in fills.items():
            current = events[column]
            array = current.to_numpy(dtype=object).copy()
            array[where[positions]] = values
            if isinstance(current.dtype, pd.CategoricalDtype):
                new = pd.Categorical(array, categories=current.cat.categories)
            else:
                new = pd.array(array, dtype=current.dtype)
            changed[column] = pd.Series(new, index=events.index)
        events = events.assign(**changed)
    drop = np.zeros(len(events), dtype=bool)
    drop[where[duplicate]] = True
    return events.loc[~drop].reset_index(drop=True), merged


def _recorded_again(group: np.ndarray, part: np.ndarray) -> np.ndarray:
    """Identical events that another part already holds, copy for copy.

    A repeat within one part is meant (a row's "2 referrals"); the same
    file added to a workbook a second time brings the same events again
    with the same sources: the k-th copy of an event in a part is a
    duplicate when an earlier part holds a k-th copy too (so the two
    referrals stay two, and a third one added to the file is new).
    """
    copy = pd.Series(np.arange(len(group))).groupby([group, part]).cumcount().to_numpy()
    return pd.DataFrame({"group": group, "copy": copy}).duplicated(keep="first").to_numpy()


def _vague_duplicates(
    sub: pd.DataFrame, alive: np.ndarray, source: np.ndarray
) -> tuple[np.ndarray, np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """Events that repeat another one of the same day with less precision.

    Within one (owner, contact, kind, calendar day), kinds other than
    referrals and notes, the most complete event (time of day, channel,
    notes) is the reference; another event of another source is the same
    event when it agrees with the reference on time, channel and notes
    wherever both have one, and one of the two has no time of day or no
    channel. The first of such a set (file order) survives and takes the
    most complete values. Returns (merged, position of the survivor,
    {column: (survivor positions, new values)}), positions into ``sub``.
    """
    n = len(sub)
    merged, of = np.zeros(n, dtype=bool), np.arange(n)
    kind = sub["kind"].astype(object)
    eligible = alive & sub["at"].notna().to_numpy() & kind.notna().to_numpy()
    eligible &= ~kind.isin(_NAMED_KINDS).to_numpy()
    if eligible.sum() < 2:
        return merged, of, {}
    idx = np.flatnonzero(eligible)
    g = _SameDay(sub, idx)
    if len(np.unique(g.group)) == len(g.group):
        return merged, of, {}
    member = g.members(source[idx])
    if not member.any():
        return merged, of, {}
    positions = np.flatnonzero(member)
    firsts = pd.Series(positions).groupby(g.group[positions]).min()
    survivor_of = np.full(len(g.reference), -1, dtype=np.int64)
    survivor_of[firsts.index.to_numpy()] = firsts.to_numpy()
    survivor = survivor_of[g.group]
    dropped = member & (np.arange(len(idx)) != survivor)
    merged[idx[dropped]] = True
    of[idx[dropped]] = idx[survivor[dropped]]
    # Survivors take the reference's time and the group's channel and notes.
    keep = np.flatnonzero(member & (np.arange(len(idx)) == survivor))
    fills = {
        "at": (idx[keep], g.stamps[g.ref[keep]]),
        "channel": (idx[keep], g.group_channel[keep]),
        "notes": (idx[keep], g.group_notes[keep]),
    }
    return merged, of, fills


class _SameDay:
    """Events grouped by (owner, contact, day, kind), each group's most complete reference."""

    def __init__(self, sub: pd.DataFrame, idx: np.ndarray) -> None:
        e_at = sub["at"].iloc[idx]
        day = e_at.dt.floor("D")
        keys = pd.DataFrame(
            {
                "owner": sub["owner"].iloc[idx].astype(object).to_numpy(),
                "contact_id": sub["contact_id"].iloc[idx].astype(object).to_numpy(),
                "day": day.to_numpy(),
                "kind": sub["kind"].astype(object).iloc[idx].to_numpy(),
            }
        )
        self.group = keys.groupby(list(keys.columns), dropna=False, sort=False).ngroup().to_numpy()
        self.stamps = e_at.to_numpy()
        self.timed = (e_at != day).to_numpy()
        self.channel = sub["channel"].iloc[idx].astype(object).to_numpy()
        self.notes = sub["notes"].iloc[idx].astype(object).to_numpy()

    def members(self, source: np.ndarray) -> np.ndarray:
        """Events that are the same as their group's reference (sets of two or more)."""
        group, timed, channel, notes = self.group, self.timed, self.channel, self.notes
        has_channel, has_notes = pd.notna(channel), pd.notna(notes)
        # The reference of each group: most complete, then first in order.
        score = timed * 4 + has_channel * 2 + has_notes
        order = np.lexsort((np.arange(len(group)), -score, group))
        starts = np.r_[True, group[order][1:] != group[order][:-1]]
        self.reference = np.empty(group.max() + 1, dtype=np.int64)
        self.reference[group[order][starts]] = order[starts]
        ref = self.ref = self.reference[group]
        # The group's channel and notes: the reference's, else the first one given.
        frame = pd.DataFrame({"group": group, "channel": channel, "notes": notes})
        first_given = frame.groupby("group", sort=False)[["channel", "notes"]].first()
        self.group_channel = np.where(
            has_channel[ref], channel[ref], first_given["channel"].reindex(group).to_numpy()
        )
        self.group_notes = np.where(
            has_notes[ref], notes[ref], first_given["notes"].reindex(group).to_numpy()
        )
        same_time = ~timed | ~timed[ref] | (self.stamps == self.stamps[ref])
        same_channel = ~has_channel | pd.isna(self.group_channel) | (channel == self.group_channel)
        same_notes = ~has_notes | pd.isna(self.group_notes) | (notes == self.group_notes)
        vague = ~timed | ~has_channel | ~timed[ref] | ~has_channel[ref]
        is_ref = np.arange(len(group)) == ref
        member = is_ref | (same_time & same_channel & same_notes & vague & (source != source[ref]))
        counts = np.bincount(group[member], minlength=len(self.reference))
        return member & (counts[group] > 1)


def _merge_problems(merged: pd.DataFrame) -> pd.DataFrame:
    of_row = merged["_of_row"].astype("Int64").astype(str).replace("<NA>", "?")
    same_file = merged["_of_file"].to_numpy() == merged["_file"].to_numpy()
    reason = np.where(
        same_file,
        "duplicate of row " + of_row + "; merged",
        "duplicate of row " + of_row + " in " + merged["_of_file"].astype(str) + "; merged",
    )
    return pd.DataFrame(
        {
            "file": merged["_file"].astype(str).to_numpy(),
            "row": merged["_row"].astype("Int64").to_numpy(),
            "column": None,
            "value": None,
            "reason": reason,
            "kept": True,
        }
    )


def _sort_problems(problems: pd.DataFrame, files: pd.DataFrame) -> pd.DataFrame:
    rank = {name: i for i, name in enumerate(files["file"])} if len(files) else {}
    file_rank = problems["file"].map(rank).fillna(len(rank)).to_numpy()
    row = problems["row"].astype("Float64").fillna(-1).to_numpy(dtype=float)
    order = np.lexsort((row, file_rank))
    out = problems.iloc[order].reset_index(drop=True)
    out["row"] = out["row"].astype("Int64")
    out["kept"] = out["kept"].astype(bool)
    out["file"] = out["file"].astype("str")
    out["column"] = out["column"].astype("str")
    out["value"] = out["value"].astype("str")
    out["reason"] = out["reason"].astype("str")
    return out
