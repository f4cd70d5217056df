"""The decision view: the fields or roles you explored, compared with the evidence behind them.

A *conversation* is a meeting held (``meeting_held``, one per contact and day)
or a conversation's takeaways saved without one. Each is assigned to an
*option*: the field (or role) named in its takeaways, else the contact's own
field (or role), else ``"(not given)"``.

* :func:`compare_options`: one row per option: conversations, people, with
  whom, skills named most and your gap on them, what appealed and what put you
  off, how you felt, your own ratings, the questions still open;
* :func:`option_evidence`: the conversations behind one option (the drill-down);
* :func:`who_could_answer`: for each option, people in your network you have
  not met yet (names you were given first) who could settle what is open;
* :func:`settle_actions`: those as due-list rows (same columns as
  :func:`~infoview_kit.analytics.reminders.due_list`);
* :func:`fields_explored`: per field, conversations and people, for a cohort view.

A conversation's takeaways travel with the log as its own columns on the
conversation's event (``takeaway_field``, ``takeaway_skills``...: see
:data:`TAKEAWAY_EVENT_COLUMNS`), so ``load_log`` reads them and every export
writes them. :func:`takeaways_from_events` turns them into one row per
conversation; every function here reads them from the log unless you pass a
``takeaways`` table of your own. Logs without them compare on the log's facts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from infoview_kit.analytics.reminders import DUE_COLUMNS
from infoview_kit.errors import InfoviewError
from infoview_kit.names import given_family

__all__ = [
    "DEFAULT_CRITERIA",
    "HAVE_LEVELS",
    "HAVE_SCORES",
    "OPTION_COLUMNS",
    "TAKEAWAY_COLUMNS",
    "TAKEAWAY_EVENT_COLUMNS",
    "compare_options",
    "conversations",
    "criteria_for",
    "evidence_by_option",
    "fields_explored",
    "option_evidence",
    "read_skills",
    "settle_actions",
    "takeaways_from_events",
    "who_could_answer",
]

NOT_GIVEN = "(not given)"
#: How much of a skill you have, as a number (for the share of skills in hand).
HAVE_SCORES: dict[str, float] = {"yes": 1.0, "partly": 0.5, "no": 0.0}
#: Criteria of the comparison: label -> (column of :func:`compare_options`, better when).
#: Pass your own ``criteria`` to change them; ratings you give add criteria of their own.
DEFAULT_CRITERIA: dict[str, tuple[str, str]] = {
    "How I felt (1-5)": ("feeling_mean", "higher"),
    "Skills I have (share)": ("skills_in_hand", "higher"),
    "Conversations": ("conversations", "higher"),
    "Questions still open": ("open_questions_n", "lower"),
}
#: Columns of :func:`compare_options` (ratings add one column per criterion you rated).
OPTION_COLUMNS = (
    "option",
    "conversations",
    "people",
    "with_whom",
    "skills_named",
    "skill_gaps",
    "skills_in_hand",
    "appealed",
    "put_off",
    "feeling_mean",
    "feelings",
    "open_questions",
    "open_questions_n",
    "last_conversation",
)
_TAKEAWAY_TEXT = ("role", "field", "typical_week", "entry_path", "appealed", "put_off")
_BY = ("field", "role")
#: The takeaways of one conversation, as columns of :func:`takeaways_from_events`.
TAKEAWAY_COLUMNS = (
    "owner",
    "contact_id",
    "held_at",
    "role",
    "field",
    "typical_week",
    "skills",
    "entry_path",
    "appealed",
    "put_off",
    "feeling",
    "open_questions",
)
#: Takeaway -> the event column that holds it (text: skills ``SQL: yes; Excel: no``,
#: questions one per line, feeling 1-5).
TAKEAWAY_EVENT_COLUMNS: dict[str, str] = {
    name: f"takeaway_{name}"
    for name in TAKEAWAY_COLUMNS
    if name not in ("owner", "contact_id", "held_at")
}
#: Whether you have a skill: the words accepted after it, and their canonical value.
HAVE_LEVELS: dict[str, str] = {
    "yes": "yes",
    "y": "yes",
    "have": "yes",
    "have it": "yes",
    "partly": "partly",
    "some": "partly",
    "a bit": "partly",
    "learning": "partly",
    "no": "no",
    "n": "no",
    "not yet": "no",
    "missing": "no",
}
_SKILL_LINE = re.compile(r"^(?P<skill>.+?)\s*(?:[:\-–—(]\s*(?P<have>[^():\-–—]+?)\)?)?\s*$")


def read_skills(text: Any) -> list[dict[str, str | None]]:
    """Skills one per line or ``;``-separated, each optionally followed by whether you have it.

    >>> [(s["skill"], s["have"]) for s in read_skills("SQL: yes; Excel (partly)\\n- Git")]
    [('SQL', 'yes'), ('Excel', 'partly'), ('Git', None)]
    """
    if not isinstance(text, str):
        return []
    skills = []
    for line in text.replace(";", "\n").split("\n"):
        line = line.strip().lstrip("-*•").strip()
        if not line:
            continue
        match = _SKILL_LINE.match(line)
        answer = (match.group("have") or "").strip().lower() if match else ""
        if match and answer in HAVE_LEVELS:
            skills.append({"skill": match.group("skill").strip(), "have": HAVE_LEVELS[answer]})
        else:
            skills.append({"skill": line, "have": None})
    return skills


def takeaways_from_events(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event that carries takeaways (columns :data:`TAKEAWAY_COLUMNS`).

    ``skills`` becomes a list of ``{"skill", "have"}``, ``open_questions`` a list
    of texts, ``feeling`` a number 1-5 (anything else is left out).
    """
    present = [c for c in TAKEAWAY_EVENT_COLUMNS.values() if c in events.columns]
    if not present:
        empty = pd.DataFrame({c: pd.Series(dtype="object") for c in TAKEAWAY_COLUMNS})
        return empty.astype({"held_at": "datetime64[us]", "feeling": "Int64"})
    cells = events.loc[:, present].astype("object")
    has = cells.notna() & (cells.astype("str").apply(lambda c: c.str.strip()) != "")
    rows = events.loc[has.any(axis=1).to_numpy()]
    out = pd.DataFrame(
        {"owner": rows["owner"].astype("object"), "contact_id": rows["contact_id"].astype("str")}
    )
    out["held_at"] = rows["at"]
    for name, column in TAKEAWAY_EVENT_COLUMNS.items():
        values = rows[column] if column in rows else pd.Series(None, index=rows.index)
        out[name] = _text(values)
    out["skills"] = [read_skills(v) for v in out["skills"]]
    out["open_questions"] = [
        [q.strip() for q in v.split("\n") if q.strip()] for v in out["open_questions"]
    ]
    feeling = pd.to_numeric(out["feeling"], errors="coerce")
    out["feeling"] = feeling.where(feeling.isin([1, 2, 3, 4, 5])).astype("Int64")
    return out.loc[:, list(TAKEAWAY_COLUMNS)].reset_index(drop=True)


# ---------------------------------------------------------------------------- conversations


def _text(values: pd.Series) -> pd.Series:
    """Stripped text with missing values as ''."""
    return values.astype("object").where(values.notna(), "").astype("str").str.strip()


def conversations(log, takeaways: pd.DataFrame | None = None, *, by: str = "field") -> pd.DataFrame:
    """One row per conversation: contact, day, option, and its takeaways (if any).

    Meetings held are matched to takeaways by contact and day; takeaways
    without a logged meeting are conversations too.
    """
    if by not in _BY:
        raise InfoviewError(f"Compare by 'field' or 'role' (got {by!r}).")
    events, contacts = log.events, log.contacts
    held = events.loc[events["kind"].astype("str") == "meeting_held", ["contact_id", "at", "notes"]]
    held = held.assign(day=held["at"].dt.normalize(), notes=_text(held["notes"]))
    held = held.dropna(subset=["day"]).groupby(["contact_id", "day"], as_index=False, sort=False)
    held = held.agg(at=("at", "min"), meeting_notes=("notes", _joined))
    notes = takeaways_from_events(events) if takeaways is None else takeaways
    notes = notes.assign(day=pd.to_datetime(notes["held_at"]).dt.normalize())
    notes = notes.drop(columns=["held_at"]).drop_duplicates(["contact_id", "day"], keep="last")
    both = held.merge(notes, on=["contact_id", "day"], how="outer", sort=False)
    both["contact_id"] = both["contact_id"].astype("str")
    people = contacts.loc[:, ["contact_id", "name", "organization", by]].astype("object")
    people = people.drop_duplicates("contact_id").rename(columns={by: "_theirs"})
    both = both.merge(people.assign(contact_id=people["contact_id"].astype("str")), how="left")
    for column in (*_TAKEAWAY_TEXT, "meeting_notes"):
        both[column] = _text(both[column])
    chosen = both[by].where(both[by] != "", _text(both["_theirs"]))
    both["option"] = chosen.where(chosen != "", NOT_GIVEN)
    both["feeling"] = pd.to_numeric(both["feeling"], errors="coerce")
    for column in ("skills", "open_questions"):
        both[column] = [v if isinstance(v, list) else [] for v in both[column]]
    both = both.drop(columns=["_theirs", "at"]).sort_values(["day", "contact_id"], kind="stable")
    return both.reset_index(drop=True)


def _first_name(name: Any) -> str:
    text = given_family(str(name or "").strip())  # "Example, Ada" -> "Ada"
    return text.split()[0] if text else "someone"


def _who(rows: pd.DataFrame, names: str) -> str:
    """With whom: full names (the owner), first name + organisation, or a count only."""
    people = rows.drop_duplicates("contact_id")
    if names == "none":
        return f"{len(people)} {'person' if len(people) == 1 else 'people'}"
    out = []
    for name, org in zip(people["name"], people["organization"], strict=True):
        shown = str(name).strip() if names == "full" and pd.notna(name) else _first_name(name)
        out.append(f"{shown} ({org})" if pd.notna(org) and str(org).strip() else shown)
    return ", ".join(out)


def _skill_table(rows: pd.DataFrame) -> pd.DataFrame:
    mentions = [
        (str(s.get("skill", "")).strip(), s.get("have"))
        for skills in rows["skills"]
        for s in skills
        if str(s.get("skill", "")).strip()
    ]
    table = pd.DataFrame(mentions, columns=["skill", "have"])
    table["key"] = table["skill"].str.casefold()
    return table


def _skills(rows: pd.DataFrame, top: int) -> tuple[str, str, float]:
    """Skills named most (with counts), your gaps (said no or partly), the share you have."""
    table = _skill_table(rows)
    if table.empty:
        return "", "", float("nan")
    counts = table.groupby("key", sort=False).agg(
        skill=("skill", "first"), n=("skill", "size"), have=("have", "last")
    )
    counts = counts.sort_values("n", ascending=False, kind="stable")
    named = ", ".join(f"{s} ({n})" for s, n in zip(counts["skill"], counts["n"], strict=True))
    if top:
        named = ", ".join(named.split(", ")[:top])
    gaps = counts[counts["have"].isin(["no", "partly"])]
    gap_text = ", ".join(f"{s} ({h})" for s, h in zip(gaps["skill"], gaps["have"], strict=True))
    scores = table["have"].map(HAVE_SCORES).dropna()
    return named, gap_text, float(scores.mean()) if len(scores) else float("nan")


def _joined(values: pd.Series, sep: str = "; ") -> str:
    seen = dict.fromkeys(v for v in values if v)
    return sep.join(seen)


def _option_row(option: str, rows: pd.DataFrame, *, names: str, top_skills: int) -> dict:
    named, gaps, in_hand = _skills(rows, top_skills)
    questions = [q for qs in rows["open_questions"] for q in qs]
    unique_questions = list(dict.fromkeys(questions))
    feelings = rows["feeling"].dropna()
    return {
        "option": option,
        "conversations": len(rows),
        "people": rows["contact_id"].nunique(),
        "with_whom": _who(rows, names),
        "skills_named": named,
        "skill_gaps": gaps,
        "skills_in_hand": in_hand,
        "appealed": _joined(rows["appealed"]),
        "put_off": _joined(rows["put_off"]),
        "feeling_mean": float(feelings.mean()) if len(feelings) else float("nan"),
        "feelings": len(feelings),
        "open_questions": " | ".join(unique_questions),
        "open_questions_n": len(unique_questions),
        "last_conversation": rows["day"].max(),
    }


# ---------------------------------------------------------------------------- the comparison


def compare_options(
    log,
    takeaways: pd.DataFrame | None = None,
    *,
    by: str = "field",
    names: str = "full",
    top_skills: int = 3,
    ratings: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per field (``by="field"``) or role explored, with the evidence behind it.

    ``names``: ``"full"`` (for you), ``"first"`` (first name and organisation,
    to show someone else) or ``"none"`` (a count). ``ratings`` (columns
    ``option``, ``criterion``, ``score``) are your own scores on your own
    criteria: each criterion becomes a column (the mean of its scores). Rows
    are sorted by conversations, then how you felt, then name.

    >>> from infoview_kit.model import OutreachLog
    >>> contacts = pd.DataFrame({"owner": "me", "contact_id": ["a", "b"],
    ...     "name": ["Dana Okafor", "Sam Lee"], "field": ["health", "data"]})
    >>> events = pd.DataFrame({"owner": "me", "contact_id": ["a", "b"], "kind": "meeting_held",
    ...     "at": pd.to_datetime(["2025-06-05 10:00", "2025-06-09 15:00"])})
    >>> compare_options(OutreachLog(contacts, events))[["option", "conversations", "with_whom"]]
       option  conversations    with_whom
    0    data              1      Sam Lee
    1  health              1  Dana Okafor
    """
    if names not in ("full", "first", "none"):
        raise InfoviewError("names must be 'full', 'first' or 'none'.")
    talks = conversations(log, takeaways, by=by)
    rows = [
        _option_row(str(option), group, names=names, top_skills=top_skills)
        for option, group in talks.groupby("option", sort=True)
    ]
    table = pd.DataFrame(rows, columns=list(OPTION_COLUMNS))
    table = table.astype(
        {
            "conversations": "int64",
            "people": "int64",
            "feelings": "int64",
            "open_questions_n": "int64",
        }
    )
    table["last_conversation"] = pd.to_datetime(table["last_conversation"])
    if ratings is not None and len(ratings):
        table = table.merge(_rating_columns(ratings), on="option", how="left")
    order = table.sort_values(
        ["conversations", "feeling_mean", "option"],
        ascending=[False, False, True],
        na_position="last",
        kind="stable",
    )
    return order.reset_index(drop=True)


def _rating_columns(ratings: pd.DataFrame) -> pd.DataFrame:
    missing = {"option", "criterion", "score"} - set(ratings.columns)
    if missing:
        raise InfoviewError(f"Ratings need the columns option, criterion and score ({missing}).")
    scores = ratings.assign(score=pd.to_numeric(ratings["score"], errors="coerce"))
    wide = scores.pivot_table(
        index="option", columns="criterion", values="score", aggfunc="mean", sort=False
    )
    wide.columns = [str(c) for c in wide.columns]
    return wide.reset_index()


def criteria_for(
    table: pd.DataFrame, criteria: Mapping[str, tuple[str, str]] | None = None
) -> dict[str, tuple[str, str]]:
    """The criteria to show: the defaults (or yours), plus one per rating column in ``table``."""
    chosen = dict(DEFAULT_CRITERIA if criteria is None else criteria)
    rated = [c for c in table.columns if c not in OPTION_COLUMNS]
    chosen.update({c: (c, "higher") for c in rated if c not in chosen})
    unknown = [label for label, (column, _) in chosen.items() if column not in table.columns]
    if unknown:
        raise InfoviewError(f"No column for the criteria: {', '.join(unknown)}.")
    return chosen


def option_evidence(
    log, takeaways: pd.DataFrame | None, option: str, *, by: str = "field"
) -> pd.DataFrame:
    """The conversations behind one option, newest first (the notes the comparison came from)."""
    talks = conversations(log, takeaways, by=by)
    rows = talks[talks["option"] == option]
    return rows.sort_values("day", ascending=False, kind="stable").reset_index(drop=True)


def evidence_by_option(
    log, takeaways: pd.DataFrame | None = None, *, by: str = "field"
) -> dict[str, pd.DataFrame]:
    """:func:`option_evidence` for every option at once (the conversations are read once)."""
    talks = conversations(log, takeaways, by=by)
    talks = talks.sort_values("day", ascending=False, kind="stable")
    return {
        str(option): rows.reset_index(drop=True)
        for option, rows in talks.groupby("option", sort=True)
    }


# ---------------------------------------------------------------------------- what would settle it


def who_could_answer(
    log, takeaways: pd.DataFrame | None = None, *, by: str = "field", per_option: int = 3
) -> pd.DataFrame:
    """People not met yet who could answer an option's open questions.

    For each option with open questions: contacts with no conversation yet
    whose field (or role) is that option, or who have none given and were
    suggested by someone you talked to about it. Names you were given come
    first, then the others by when you added them; at most ``per_option``
    each. Columns: ``option``, ``contact_id``, ``name``, ``organization``, ``why``.
    """
    talks = conversations(log, takeaways, by=by)
    open_ = talks[talks["open_questions"].map(bool)]["option"].unique().tolist()
    contacts = log.contacts.assign(contact_id=log.contacts["contact_id"].astype("str"))
    theirs = _text(contacts[by])
    referrer = contacts["referred_by"].astype("object").where(contacts["referred_by"].notna(), "")
    not_met = ~contacts["contact_id"].isin(set(talks["contact_id"]))
    parts = []
    for option in open_:
        talked_to = set(talks.loc[talks["option"] == option, "contact_id"])
        suggested = (theirs == "") & referrer.isin(talked_to)
        mask = not_met & ((theirs == option) | suggested)
        parts.append(contacts[mask.to_numpy()].assign(option=option))
    if not parts:
        return pd.DataFrame(columns=["option", "contact_id", "name", "organization", "why"])
    candidates = pd.concat(parts, ignore_index=True)
    referred = candidates["referred_by"].notna()
    where = "role" if by == "role" else "field"
    out = candidates.assign(
        _referred=~referred,
        why=referred.map(
            {True: "a name you were given, not met yet", False: f"in this {where}, not met yet"}
        ),
    )
    out = out.sort_values(["_referred", "added_on"], kind="stable", na_position="last")
    out = out.groupby("option", sort=False).head(per_option)
    out = out.assign(_order=out["option"].map({o: i for i, o in enumerate(sorted(open_))}))
    out = out.sort_values(["_order", "_referred", "added_on"], kind="stable", na_position="last")
    columns = ["option", "contact_id", "name", "organization", "why"]
    return out.loc[:, columns].astype("object").reset_index(drop=True)


def settle_actions(
    log,
    takeaways: pd.DataFrame | None = None,
    *,
    today: Any,
    by: str = "field",
    per_option: int = 3,
) -> pd.DataFrame:
    """Due-list rows: ask each person who could answer an option's open questions (due today).

    Same columns as :func:`~infoview_kit.analytics.reminders.due_list`, so the
    two tables can be put together.
    """
    day = pd.Timestamp(today).normalize()
    people = who_could_answer(log, takeaways, by=by, per_option=per_option)
    talks = conversations(log, takeaways, by=by)
    questions = talks.groupby("option")["open_questions"].agg(
        lambda qs: list(dict.fromkeys(q for x in qs for q in x))
    )
    first = people.drop_duplicates("contact_id")
    reasons = [
        f"They could help with what is open about {option}: {questions[option][0]}"
        + (f" (and {len(questions[option]) - 1} more)" if len(questions[option]) > 1 else "")
        for option in first["option"]
    ]
    out = pd.DataFrame(
        {
            "owner": log.contacts.set_index("contact_id")["owner"]
            .reindex(first["contact_id"])
            .to_numpy(),
            "contact_id": first["contact_id"].to_numpy(),
            "name": first["name"].to_numpy(),
            "action": "ask about an open question",
            "due_on": pd.Series([day] * len(first), dtype="datetime64[us]").to_numpy(),
            "reason": reasons,
        },
        columns=list(DUE_COLUMNS),
    )
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------- for a cohort


def fields_explored(log, *, by: str = "field") -> pd.DataFrame:
    """Per field (or role): meetings held, people met and owners who met someone there.

    Only the log is read (no notes, no names): an advisor's cohort report can
    use it and suppress small cells itself. Columns ``option``,
    ``conversations``, ``people``, ``owners``; most conversations first.

    >>> from infoview_kit.model import OutreachLog
    >>> contacts = pd.DataFrame({"owner": ["s1", "s1", "s2"], "contact_id": ["a", "b", "c"],
    ...     "name": ["A", "B", "C"], "field": ["health", "data", "health"]})
    >>> events = pd.DataFrame({"owner": ["s1", "s1", "s2"], "contact_id": ["a", "a", "c"],
    ...     "kind": "meeting_held",
    ...     "at": pd.to_datetime(["2025-06-05", "2025-07-01", "2025-06-09"])})
    >>> fields_explored(OutreachLog(contacts, events)).to_dict("list")
    {'option': ['health'], 'conversations': [3], 'people': [2], 'owners': [2]}
    """
    if by not in _BY:
        raise InfoviewError(f"Compare by 'field' or 'role' (got {by!r}).")
    events, contacts = log.events, log.contacts
    held = events.loc[events["kind"].astype("str") == "meeting_held", ["owner", "contact_id", "at"]]
    held = held.assign(day=held["at"].dt.normalize()).drop_duplicates(
        ["owner", "contact_id", "day"]
    )
    keys = contacts.loc[:, ["owner", "contact_id", by]].drop_duplicates(["owner", "contact_id"])
    both = held.merge(keys, on=["owner", "contact_id"], how="left")
    option = _text(both[by])
    both = both.assign(option=option.where(option != "", NOT_GIVEN))
    by_option = both.groupby("option", sort=True)
    people = both.drop_duplicates(["option", "owner", "contact_id"]).groupby("option").size()
    table = pd.DataFrame(
        {
            "conversations": by_option.size(),
            "people": people,
            "owners": by_option["owner"].nunique(),
        }
    )
    table = (
        table.rename_axis("option")
        .reset_index()
        .sort_values(["conversations", "option"], ascending=[False, True], kind="stable")
    )
    return table.astype(
        {"conversations": "int64", "people": "int64", "owners": "int64"}
    ).reset_index(drop=True)
