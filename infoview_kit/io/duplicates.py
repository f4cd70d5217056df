"""People who are probably the same but share no key: listed for the user, merged when confirmed.

Loading merges rows only on a shared key (e-mail, profile URL, id, or the
same name at the same organisation). "Smith, Bob" and "Bob Smith", "Acme
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
from infoview_kit.schema import STRING_DTYPE, fold_text

__all__ = ["merge_contacts", "possible_duplicates"]

#: Lowest name similarity (0-100, rapidfuzz token-sort ratio) listed as a possible duplicate.
NAME_SIMILARITY = 88
#: Owners with more contacts than this are compared within blocks (same initial of a name).
_BLOCK = 3000

_TITLES = re.compile(r"^(?:(?:dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame|rev)\b\.?\s*)+")
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


def _person_names(names: pd.Series) -> pd.Series:
    """Names folded for comparison: "Smith, Bob" -> "robert smith", titles dropped."""
    folded = fold_text(names.astype(STRING_DTYPE))
    flipped = folded.str.replace(r"^([^,]+),\s*(.+)$", r"\2 \1", regex=True)
    plain = flipped.str.replace(_TITLES, "", regex=True).str.replace(r"[^\w\s]", " ", regex=True)
    words = plain.str.split()
    return words.map(
        lambda ws: " ".join(NICKNAMES.get(w, w) for w in ws) if isinstance(ws, list) else None
    ).astype(STRING_DTYPE)


def _organisations(orgs: pd.Series) -> pd.Series:
    folded = fold_text(orgs.astype(STRING_DTYPE)).str.replace(r"[^\w\s]", " ", regex=True)
    plain = folded.str.replace(_ORG_SUFFIX, " ", regex=True).str.replace(r"\s+", " ", regex=True)
    plain = plain.str.strip()
    return plain.where(plain != "")


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
    from rapidfuzz import fuzz, process

    contacts = log.contacts
    columns = ["owner", "contact_id", "other_id", "name", "other_name", "organization",
               "other_organization", "score", "reason"]  # fmt: skip
    names = _person_names(contacts["name"])
    orgs = _organisations(contacts["organization"])
    usable = names.notna().to_numpy()
    found = []
    owners = contacts["owner"].fillna("").to_numpy(dtype=object)
    for block in _blocks(owners, names, usable):
        texts = names.to_numpy(dtype=object)[block].tolist()
        scores = process.cdist(texts, texts, scorer=fuzz.token_sort_ratio, score_cutoff=similarity)
        left, right = np.nonzero(np.triu(scores, k=1))
        if len(left):
            found.append((block[left], block[right], scores[left, right]))
    if not found:
        return pd.DataFrame(columns=columns)
    pairs = [np.concatenate([f[k] for f in found]) for k in range(3)]
    return _describe(contacts.reset_index(drop=True), orgs.to_numpy(dtype=object), *pairs,
                     similarity=similarity)  # fmt: skip


def _describe(
    contacts: pd.DataFrame, org: np.ndarray, a, b, score, *, similarity: int
) -> pd.DataFrame:
    """The listed pairs (organisations that differ left out), with what tells them apart."""
    from rapidfuzz import fuzz

    known = pd.notna(org[a]) & pd.notna(org[b])
    alike = np.array(
        [not k or fuzz.token_sort_ratio(x, y) >= similarity
         for k, x, y in zip(known, org[a], org[b], strict=True)],
        dtype=bool,
    )  # fmt: skip
    ids = contacts["contact_id"].to_numpy()
    keep = alike & (ids[a] != ids[b])
    a, b, score, known = a[keep], b[keep], score[keep], known[keep]
    reason = np.where(known, "similar names, same organisation", "similar names").astype(object)
    for column, what in (("email", "e-mails"), ("linkedin_url", "profiles")):
        x, y = (
            contacts[column].to_numpy(dtype=object)[a],
            contacts[column].to_numpy(dtype=object)[b],
        )
        differ = pd.notna(x) & pd.notna(y) & (x != y)
        reason = np.where(differ, reason + f"; different {what}", reason)
    out = pd.DataFrame(
        {
            "owner": contacts["owner"].to_numpy()[a],
            "contact_id": ids[a],
            "other_id": ids[b],
            "name": contacts["name"].to_numpy()[a],
            "other_name": contacts["name"].to_numpy()[b],
            "organization": contacts["organization"].to_numpy()[a],
            "other_organization": contacts["organization"].to_numpy()[b],
            "score": np.round(score.astype(float), 1),
            "reason": reason.astype(str),
        }
    )
    order = ["owner", "score"]
    return out.sort_values(order, ascending=[True, False], kind="stable").reset_index(drop=True)


def _blocks(owners: np.ndarray, names: pd.Series, usable: np.ndarray) -> list[np.ndarray]:
    """Positions compared together: one owner's contacts (big owners: by a name's initial)."""
    where = np.flatnonzero(usable)
    groups = pd.Series(where).groupby(owners[where], sort=False)
    blocks = []
    for _, positions in groups:
        positions = positions.to_numpy()
        if len(positions) < 2:
            continue
        if len(positions) <= _BLOCK:
            blocks.append(positions)
            continue
        initial = names.to_numpy(dtype=object)[positions].astype(str)
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
