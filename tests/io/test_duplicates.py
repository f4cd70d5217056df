"""Merges are never silent or wrong; probable duplicates are listed and merged on confirmation."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from rapidfuzz import fuzz

from infoview_kit import load_log
from infoview_kit.io.duplicates import (
    NAME_SIMILARITY,
    NICKNAMES,
    merge_contacts,
    possible_duplicates,
)
from infoview_kit.io.store import Workbook
from infoview_kit.model import OutreachLog
from infoview_kit.schema import fold_text


def _load(tmp_path, text: str):
    path = tmp_path / "tracker.csv"
    path.write_text(text, encoding="utf-8")
    return load_log(path)


def test_same_name_different_profiles_or_emails_are_different_people(tmp_path):
    log = _load(
        tmp_path,
        "Name,Company,LinkedIn,Email\r\n"
        "Ada Example,Acme,https://www.linkedin.com/in/ada-1,\r\n"
        "Ada Example,Acme,https://www.linkedin.com/in/ada-2,ada2@example.com\r\n"
        "Bo Sample,,,bo@example.com\r\n"
        "Bo Sample,,,other@example.com\r\n",
    )
    assert len(log.contacts) == 4
    assert log.report.rows_merged == 0
    urls = log.contacts.set_index("linkedin_url")["email"]
    assert pd.isna(urls["https://www.linkedin.com/in/ada-1"])  # no e-mail moved to another
    listed = log.report.possible_duplicates
    assert len(listed) == 2
    assert listed["reason"].str.contains("different").all()
    assert "2 pairs of contacts may be one person" in log.report.to_text()


def test_a_shared_email_is_one_person_whatever_the_names_and_the_merge_is_reported(tmp_path):
    log = _load(
        tmp_path,
        "Name,Email\r\nAda Example,Ada@Example.com\r\nA. Example-Smith,ada@example.com\r\n",
    )
    assert len(log.contacts) == 1
    problems = log.report.problems
    assert problems[["row", "reason"]].to_dict("records") == [
        {"row": 3, "reason": "duplicate of row 2; merged"}
    ]


def test_probable_duplicates_without_a_shared_key_are_listed(tmp_path):
    log = _load(
        tmp_path,
        'Name,Company\r\n"Smith, Bob",Acme Inc.\r\nRobert Smith,ACME\r\n'
        "Dr Ada Example,Globex\r\nAda Example,\r\nCy Other,Initech\r\n",
    )
    assert len(log.contacts) == 5  # nothing merged on a guess
    pairs = log.report.possible_duplicates
    found = {frozenset((a, b)) for a, b in zip(pairs["name"], pairs["other_name"], strict=True)}
    assert found == {
        frozenset(("Smith, Bob", "Robert Smith")),
        frozenset(("Dr Ada Example", "Ada Example")),
    }


def test_confirming_a_pair_merges_it(tmp_path):
    people = pd.DataFrame(
        {
            "owner": "me",
            "contact_id": ["c-1", "c-2", "c-3"],
            "name": ["Smith, Bob", "Robert Smith", "Cy Other"],
            "organization": ["Acme", None, None],
            "email": [None, "bob@example.com", None],
            "referred_by": [None, None, "c-2"],
            "notes": ["met at fair", "likes jazz", None],
        }
    )
    events = pd.DataFrame(
        {"owner": "me", "contact_id": ["c-2"], "at": [pd.Timestamp("2025-03-01")],
         "kind": ["request_sent"]}
    )  # fmt: skip
    log = OutreachLog(people, events)
    pairs = possible_duplicates(log)
    row = pairs.iloc[0]
    merged = merge_contacts(log, keep=row["contact_id"], drop=row["other_id"])
    assert merged.contacts["contact_id"].tolist() == ["c-1", "c-3"]
    bob = merged.contacts.iloc[0]
    assert (bob["email"], bob["notes"]) == ("bob@example.com", "met at fair | likes jazz")
    assert merged.events["contact_id"].tolist() == ["c-1"]
    assert merged.contacts["referred_by"].tolist()[1] == "c-1"
    assert len(log.contacts) == 3  # the input is unchanged

    book = Workbook.create(tmp_path / "wb", owner="me")
    book.import_log(log)
    ids = book.contacts.set_index("name")["contact_id"]
    book.merge_contacts(ids["Smith, Bob"], ids["Robert Smith"])
    again = Workbook.open(tmp_path / "wb")
    assert sorted(again.contacts["name"]) == ["Cy Other", "Smith, Bob"]
    assert set(again.events["contact_id"]) == {ids["Smith, Bob"]}


# --------------------------------------------------------------------------- the same pairs
# A reference written the plain way (one rapidfuzz call per pair, pandas text methods), as
# possible_duplicates was before it was made fast for many owners: both must list exactly the
# same pairs, in the same order, with the same scores and reasons.

_REF_TITLES = re.compile(r"^(?:(?:dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame|rev)\b\.?\s*)+")
_REF_SUFFIX = re.compile(
    r"\b(?:inc|incorporated|ltd|limited|llc|llp|corp|corporation|co|company|plc|gmbh|ag|sa|"
    r"bv|nv|pty|the)\b"
)


def _reference_names(names: pd.Series) -> pd.Series:
    folded = fold_text(names.astype("str"))
    flipped = folded.str.replace(r"^([^,]+),\s*(.+)$", r"\2 \1", regex=True)
    plain = flipped.str.replace(_REF_TITLES, "", regex=True)
    plain = plain.str.replace(r"[^\w\s]", " ", regex=True)
    return plain.str.split().map(
        lambda ws: " ".join(NICKNAMES.get(w, w) for w in ws) if isinstance(ws, list) else None
    )


def _reference_orgs(orgs: pd.Series) -> pd.Series:
    folded = fold_text(orgs.astype("str")).str.replace(r"[^\w\s]", " ", regex=True)
    plain = folded.str.replace(_REF_SUFFIX, " ", regex=True).str.replace(r"\s+", " ", regex=True)
    plain = plain.str.strip()
    return plain.where(plain != "")


def _reference_blocks(owners: pd.Series, names: pd.Series) -> list[list[int]]:
    blocks = []
    usable = names.notna().to_numpy()
    positions = pd.Series(np.flatnonzero(usable))
    for _, group in positions.groupby(owners[usable].to_numpy(), sort=False):
        if len(group) <= 3000:
            blocks.append(group.tolist())
            continue
        initials = names.iloc[group].str.split().str[-1].str[:1].to_numpy()
        blocks.extend(sub.tolist() for _, sub in group.groupby(initials))
    return blocks


def _reference(log: OutreachLog, similarity: int = NAME_SIMILARITY) -> pd.DataFrame:
    contacts = log.contacts.reset_index(drop=True)
    names = _reference_names(contacts["name"])
    blocks = _reference_blocks(contacts["owner"].fillna(""), names)
    names, orgs = names.tolist(), _reference_orgs(contacts["organization"]).tolist()
    rows = []
    for block in blocks:
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                score = fuzz.token_sort_ratio(names[a], names[b], score_cutoff=similarity)
                known = pd.notna(orgs[a]) and pd.notna(orgs[b])
                if score == 0 or (known and fuzz.token_sort_ratio(orgs[a], orgs[b]) < similarity):
                    continue
                rows.append((a, b, round(float(np.float32(score)), 1), known))
    return _reference_listing(contacts, rows)


def _reference_listing(contacts: pd.DataFrame, rows: list[tuple]) -> pd.DataFrame:
    out, records = [], contacts.astype(object).to_dict("records")
    for a, b, score, known in rows:
        x, y = records[a], records[b]
        if x["contact_id"] == y["contact_id"]:
            continue
        reason = "similar names, same organisation" if known else "similar names"
        for column, what in (("email", "e-mails"), ("linkedin_url", "profiles")):
            if pd.notna(x[column]) and pd.notna(y[column]) and x[column] != y[column]:
                reason += f"; different {what}"
        out.append([x["owner"], x["contact_id"], y["contact_id"], x["name"], y["name"],
                    x["organization"], y["organization"], score, reason])  # fmt: skip
    frame = pd.DataFrame(out, columns=_REF_COLUMNS)
    return frame.sort_values(["owner", "score"], ascending=[True, False], kind="stable")


_REF_COLUMNS = ["owner", "contact_id", "other_id", "name", "other_name", "organization",
                "other_organization", "score", "reason"]  # fmt: skip
_FIRST = ["Bob", "Robert", "Rob", "Ada", "José", "Jose", "Zoë", "Zoe", "Łukasz", "Ōta",
          "Kate", "Katherine", "Bill", "William", "Ἀλέξανδρος", "李", "Mary-Jane", "O'Neil",
          "Sam"]  # fmt: skip
_LAST = ["Smith", "Smyth", "Example", "García", "Garcia", "Sample", "Müller", "Muller",
         "Nguyen", "Test", "Example-Smith", "Østergaard", "张"]  # fmt: skip
_ORGS = ["Acme", "Acme Inc.", "ACME Ltd", "The Acme Company", "Globex", "Globex GmbH",
         "Initech", "Café Crème", "Inc.", "", "Umbrella Corp", "Acme Labs"]  # fmt: skip


def _varied_people(seed: int, *, owners: int, per_owner: int) -> pd.DataFrame:
    """Synthetic people meant to be alike: nicknames, "Last, First", titles, accents, blanks."""
    rng = np.random.default_rng(seed)
    n = owners * per_owner
    first = rng.choice(_FIRST, n)
    last = rng.choice(_LAST, n)
    style = rng.integers(0, 6, n)
    names = np.where(style == 0, np.char.add(np.char.add(last.astype(object), ", "), first), "")
    names = np.where(style == 1, "Dr " + first.astype(object) + " " + last, names)
    names = np.where(style >= 2, first.astype(object) + " " + last, names).astype(object)
    names[style == 5] = "  " + first[style == 5].astype(object) + "  " + last[style == 5] + "."
    names[rng.random(n) < 0.05] = None
    names[rng.random(n) < 0.02] = "Prof."  # nothing left once the title is set aside
    orgs = rng.choice(_ORGS, n).astype(object)
    orgs[rng.random(n) < 0.2] = None
    owner = np.repeat([f"learner_{i}" for i in range(owners)], per_owner).astype(object)
    owner[rng.random(n) < 0.03] = None
    ids = np.array([f"c-{i:05d}" for i in range(n)], dtype=object)
    ids[rng.random(n) < 0.02] = "c-00000"  # the same id twice is never listed
    emails = np.where(rng.random(n) < 0.5, "p" + rng.integers(0, 5, n).astype(str).astype(object)
                      + "@example.com", None)  # fmt: skip
    urls = np.where(rng.random(n) < 0.3, "https://www.linkedin.com/in/p"
                    + rng.integers(0, 3, n).astype(str).astype(object), None)  # fmt: skip
    return pd.DataFrame({"owner": owner, "contact_id": ids, "name": names, "organization": orgs,
                         "email": emails, "linkedin_url": urls})  # fmt: skip


def _same(found: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(found.columns) == _REF_COLUMNS
    assert len(found) == len(expected)
    for column in _REF_COLUMNS:
        ours = found[column].astype(object).where(found[column].notna(), None).tolist()
        theirs = expected[column].astype(object).where(expected[column].notna(), None).tolist()
        assert ours == theirs, column


@pytest.mark.parametrize(
    ("seed", "owners", "per_owner", "similarity"),
    [(1, 40, 12, NAME_SIMILARITY), (2, 7, 60, NAME_SIMILARITY), (3, 30, 1, NAME_SIMILARITY),
     (4, 12, 25, 70), (5, 12, 25, 100), (6, 5, 15, 0), (7, 200, 3, NAME_SIMILARITY)],
)  # fmt: skip
def test_pairs_are_those_of_the_plain_reference(seed, owners, per_owner, similarity):
    log = OutreachLog(_varied_people(seed, owners=owners, per_owner=per_owner))
    found = possible_duplicates(log, similarity=similarity)
    expected = _reference(log, similarity)
    if owners * per_owner > owners:  # (blocks of one contact: nothing to list)
        assert len(expected) > 0
    _same(found, expected)


def test_one_owner_with_thousands_of_contacts_is_compared_by_initial_like_the_reference():
    people = _varied_people(8, owners=1, per_owner=3300).assign(owner="learner_0")
    rng = np.random.default_rng(8)
    numbered = (
        "Pat "
        + pd.Series(rng.choice(list("ABCDEFGHIJ"), len(people)))
        + "son "
        + (rng.integers(0, 40, len(people)).astype(str))
    )
    people["name"] = people["name"].where(rng.random(len(people)) < 0.5, numbered)
    log = OutreachLog(people)
    assert log.contacts["name"].notna().sum() > 3000  # more than one block holds
    found = possible_duplicates(log)
    expected = _reference(log)
    assert len(expected) > 100
    _same(found, expected)


def test_nothing_alike_gives_the_empty_listing_with_its_columns():
    log = OutreachLog(pd.DataFrame({"owner": "me", "contact_id": ["c-1", "c-2", "c-3"],
                                    "name": ["Ada Example", None, "Cy Other"]}))  # fmt: skip
    found = possible_duplicates(log)
    assert found.empty
    assert list(found.columns) == _REF_COLUMNS
