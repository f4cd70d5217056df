"""People who are probably the same but share no key: listed for the user, merged when confirmed.

Loading merges rows only on a shared key (e-mail, profile URL, id, or the
same name at the same organisation; a name column written "Family, Given" is
read "Given Family" first). A stray "Smith, Bob" and "Bob Smith", "Acme
Inc." and "Acme", "Dr Ada Example" and "Ada Example", a nickname ("Bob" for
"Robert"): these stay two people, and :func:`possible_duplicates` lists them.
:func:`merge_contacts` merges a pair once the user has confirmed it.

>>> from infoview_kit.model import OutreachLog
>>> people = pd.DataFrame({"owner": "me", "contact_id": ["c-1", "c-2", "c-3"],
...     "name": ["Smith, Bob", "Robert Smith", "Ada Example"],
...     "organization": ["Acme Inc.", "ACME", None]})
>>> pairs = possible_duplicates(OutreachLog(people))
>>> pairs[["contact_id", "other_id", "reason"]].to_dict("records")
[{'contact_id': 'c-1', 'other_id': 'c-2', 'reason': 'similar names, same organisation'}]
>>> merged = merge_contacts(OutreachLog(people), keep="c-1", drop="c-2")
>>> merged.contacts["contact_id"].tolist()
['c-1', 'c-3']
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from infoview_kit.model import OutreachLog
from infoview_kit.schema import STRING_DTYPE, fold_list

__all__ = ["merge_contacts", "possible_duplicates"]

#: Lowest name similarity (0-100, rapidfuzz token-sort ratio) listed as a possible duplicate.
NAME_SIMILARITY = 88
#: Owners with more contacts than this are compared within blocks (same initial of a name).
_BLOCK = 3000

_TITLES = re.compile(r"^(?:(?:dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame|rev)\b\.?\s*)+")
_FLIPPED = re.compile(r"^([^,]+),\s*(.+)$")  # "Last, First"
_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_COLUMNS = ["owner", "contact_id", "other_id", "name", "other_name", "organization",
            "other_organization", "score", "reason"]  # fmt: skip
_ORG_SUFFIX = re.compile(
    r"\b(?:inc|incorporated|ltd|limited|llc|llp|corp|corporation|co|company|plc|gmbh|ag|sa|"
    r"bv|nv|pty|the)\b"
)
#: Common nicknames -> the given name they stand for (folded).
NICKNAMES: dict[str, str] = {
    "bob": "robert", "rob": "robert", "bobby": "robert", "bill": "william", "will": "william",
    "liz": "elizabeth", "beth": "elizabeth", "betty": "elizabeth", "jim": "james",
    "jimmy": "james", "mike": "michael", "kate": "katherine", "katie": "katherine",
    "kathy": "katherine", "tom": "thomas", "tommy": "thomas", "dave": "david",
    "dan": "daniel", "danny": "daniel", "chris": "christopher", "alex": "alexander",
    "sam": "samuel", "nick": "nicholas", "joe": "joseph", "ben": "benjamin",
    "matt": "matthew", "tony": "anthony", "steve": "steven", "andy": "andrew",
    "jen": "jennifer", "jenny": "jennifer", "sue": "susan", "pat": "patricia",
    "meg": "margaret", "maggie": "margaret", "peggy": "margaret", "ted": "edward",
    "ed": "edward", "eddie": "edward", "rick": "richard", "dick": "richard",
    "rich": "richard", "larry": "lawrence", "jack": "john", "johnny": "john",
    "greg": "gregory", "jeff": "jeffrey", "ken": "kenneth", "fred": "frederick",
}  # fmt: skip
_NICKNAME = NICKNAMES.get


def _person_name(folded: str) -> str:
    """One folded name made comparable: "smith, bob" -> "robert smith", titles dropped."""
    if "," in folded:  # (the cheap test first: most names have no comma)
        folded = _FLIPPED.sub(r"\2 \1", folded)
    plain = _PUNCTUATION.sub(" ", _TITLES.sub("", folded))
    return " ".join([_NICKNAME(word, word) for word in plain.split()])


def _organisation(folded: str) -> str | None:
    """One folded organisation without punctuation and "Inc.", "Ltd"... (None: nothing left)."""
    plain = _ORG_SUFFIX.sub(" ", _PUNCTUATION.sub(" ", folded))
    return _SPACES.sub(" ", plain).strip() or None


def _per_distinct(values: pd.Series, clean) -> tuple[np.ndarray, np.ndarray]:
    """``clean`` applied once per distinct folded text: (a code per value, the cleaned texts).

    Values cleaned alike share a code; -1 is a missing value (or ``clean`` gave None).
    """
    codes, uniques = pd.factorize(values.astype(STRING_DTYPE))
    folded = fold_list(np.asarray(uniques, dtype=object).tolist()).tolist()
    cleaned = np.empty(len(folded) + 1, dtype=object)  # the last one: for code -1
    cleaned[:] = [None if f is None else clean(f) for f in folded] + [None]
    clean_codes, distinct = pd.factorize(cleaned)
    return clean_codes[codes], np.asarray(distinct, dtype=object)


def _words_sorted(texts: np.ndarray) -> np.ndarray:
    """Each text with its words in order: rapidfuzz's token-sort ratio of two texts is the
    plain ratio of these (sorting once per distinct text, not once per pair compared)."""
    return np.array([" ".join(sorted(t.split())) for t in texts.tolist()] + [""], dtype=object)


def possible_duplicates(log: OutreachLog, *, similarity: int = NAME_SIMILARITY) -> pd.DataFrame:
    """Pairs of contacts of one owner that are probably one person, for the user to confirm.

    Two contacts are listed when their names are alike once titles, "Last,
    First" order, nicknames and accents are set aside (``similarity``, 0-100),
    and their organisations do not differ (one missing, or alike once "Inc.",
    "Ltd"... are set aside). Pairs that already differ in e-mail or profile
    URL are listed too, saying so: the user decides. Columns: ``owner``,
    ``contact_id``, ``other_id``, ``name``, ``other_name``, ``organization``,
    ``other_organization``, ``score`` and ``reason``.
    """
    contacts = log.contacts
    name_codes, names = _per_distinct(contacts["name"], _person_name)
    owners = contacts["owner"].fillna("").to_numpy(dtype=object)
    blocks = _blocks(owners, names, name_codes)
    words = _words_sorted(names)[name_codes]
    a, b, score = _similar_pairs(words, blocks, similarity=similarity)
    if not len(a):
        return pd.DataFrame(columns=_COLUMNS)
    org_codes, orgs = _per_distinct(contacts["organization"], _organisation)
    alike = _organisations_alike(orgs, org_codes[a], org_codes[b], similarity=similarity)
    return _describe(contacts, org_codes, a, b, score, alike)


#: Score matrices computed at once, at most (blocks of one size are compared together).
_SCORES_AT_ONCE = 1 << 20


def _similar_pairs(
    words: np.ndarray, blocks: list[np.ndarray], *, similarity: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions ``a``, ``b`` of names alike and their scores, in the order of the blocks
    (within a block: ``a`` before ``b``, row by row), ``words`` as :func:`_words_sorted`.

    Blocks of one size are stacked, so the bookkeeping is a few array operations for
    all of them; each block is still one ``cdist`` (rapidfuzz's fastest path).
    """
    from rapidfuzz import fuzz, process

    sizes = np.array([len(block) for block in blocks], dtype=np.int64)
    found = []  # per stack: (block numbers, a, b, scores)
    for size in np.unique(sizes).tolist():
        numbers = np.flatnonzero(sizes == size)
        step = max(1, _SCORES_AT_ONCE // (size * size))
        for start in range(0, len(numbers), step):
            chosen = numbers[start : start + step]
            positions = np.stack([blocks[k] for k in chosen.tolist()])
            scores = np.stack([
                process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=similarity)
                for texts in words[positions].tolist()
            ])  # fmt: skip
            k, left, right = np.nonzero(np.triu(scores, k=1))
            found.append((chosen[k], positions[k, left], positions[k, right],
                          scores[k, left, right]))  # fmt: skip
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, np.float32)
    number, a, b, score = (np.concatenate([f[i] for f in found]) for i in range(4))
    order = np.argsort(number, kind="stable")
    return a[order], b[order], score[order]


def _organisations_alike(
    orgs: np.ndarray, a: np.ndarray, b: np.ndarray, *, similarity: int
) -> np.ndarray:
    """For pairs of organisation codes: not both known, or alike (a distinct pair scored once)."""
    from rapidfuzz import fuzz, process

    alike = np.ones(len(a), dtype=bool)
    known = np.flatnonzero((a >= 0) & (b >= 0))
    if not len(known):
        return alike
    count = len(orgs)
    pair_codes, pairs = pd.factorize(a[known].astype(np.int64) * count + b[known])
    words = _words_sorted(orgs)
    scores = process.cpdist(words[pairs // count].tolist(), words[pairs % count].tolist(),
                            scorer=fuzz.ratio, dtype=np.float64)  # fmt: skip
    alike[known] = (scores >= similarity)[pair_codes]
    return alike


def _describe(contacts: pd.DataFrame, org_codes: np.ndarray, a, b, score, alike) -> pd.DataFrame:
    """The listed pairs (organisations that differ left out), with what tells them apart."""
    ids = contacts["contact_id"].to_numpy()
    keep = np.flatnonzero(alike)
    keep = keep[ids[a[keep]] != ids[b[keep]]]
    a, b, score = a[keep], b[keep], score[keep]
    known = (org_codes[a] >= 0) & (org_codes[b] >= 0)
    reason = np.where(known, "similar names, same organisation", "similar names").astype(object)
    for column, what in (("email", "e-mails"), ("linkedin_url", "profiles")):
        values = contacts[column].to_numpy(dtype=object)
        x, y = values[a], values[b]
        differ = pd.notna(x) & pd.notna(y) & (x != y)
        reason = np.where(differ, reason + f"; different {what}", reason)
    names, orgs = contacts["name"].to_numpy(), contacts["organization"].to_numpy()
    out = pd.DataFrame(
        {
            "owner": contacts["owner"].to_numpy()[a],
            "contact_id": ids[a],
            "other_id": ids[b],
            "name": names[a],
            "other_name": names[b],
            "organization": orgs[a],
            "other_organization": orgs[b],
            "score": np.round(score.astype(float), 1),
            "reason": reason.astype(str),
        }
    )
    order = ["owner", "score"]
    return out.sort_values(order, ascending=[True, False], kind="stable").reset_index(drop=True)


def _blocks(owners: np.ndarray, names: np.ndarray, codes: np.ndarray) -> list[np.ndarray]:
    """Positions compared together: one owner's contacts (big owners: by a name's initial).

    Blocks come in the order of their owner's first contact (positions in order).
    """
    where = np.flatnonzero(codes >= 0)
    owner_codes, _ = pd.factorize(owners[where])
    order = np.argsort(owner_codes, kind="stable")
    groups = np.split(where[order], np.cumsum(np.bincount(owner_codes))[:-1])
    blocks = []
    for positions in groups:
        if len(positions) < 2:
            continue
        if len(positions) <= _BLOCK:
            blocks.append(positions)
            continue
        initial = names[codes[positions]].astype(str)
        last = pd.Series(initial).str.split().str[-1].str[:1].to_numpy()
        for _, sub in pd.Series(positions).groupby(last):
            if len(sub) > 1:
                blocks.append(sub.to_numpy())
    return blocks


def merge_contacts(log: OutreachLog, *, keep: str, drop: str) -> OutreachLog:
    """The log with contact ``drop`` merged into ``keep`` (the user confirmed they are one).

    ``keep`` keeps its id and its values; its blanks take ``drop``'s values;
    differing notes are joined with " | ". Events and referrals of ``drop``
    point to ``keep``. The input is not changed.
    """
    contacts = log.contacts
    ids = contacts["contact_id"]
    if not (ids == keep).any() or not (ids == drop).any():
        raise KeyError("Both contacts must be in the log (ids like c-1a2b3c4d5e).")
    if keep == drop:
        return log
    kept = contacts.loc[ids == keep].iloc[0]
    gone = contacts.loc[ids == drop].iloc[0]
    merged = kept.where(kept.notna(), gone)
    notes = [n for n in (kept["notes"], gone["notes"]) if isinstance(n, str) and n]
    merged["notes"] = " | ".join(dict.fromkeys(notes)) if notes else kept["notes"]
    out = contacts.astype({"connection": object})
    out.loc[ids == keep, :] = merged.to_frame().T.set_axis(out.index[ids == keep]).to_numpy()
    out = out.loc[ids != drop]
    out["referred_by"] = out["referred_by"].mask(out["referred_by"] == drop, keep)
    events = log.events.assign(
        contact_id=log.events["contact_id"].mask(log.events["contact_id"] == drop, keep)
    )
    return OutreachLog(out, events, log.report)
