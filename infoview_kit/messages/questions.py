"""Choose interview questions that fit the time you asked for, and print a sheet.

The question bank (``question_bank.csv``, shipped here) covers the topics worth asking about
(how they got here, a typical week, skills, trends, advice, resources, ...),
tagged with the frameworks people know them by (TIARA, Bolles' four, AIR).
:func:`pick_questions` fills the minutes you have, leaving room for your
introduction and always ending with the closing questions (who else should I
talk to, may I follow up). :func:`interview_sheet` turns the choice into a
printable page with room for notes.

>>> bank = question_bank()
>>> plan = pick_questions(bank, minutes=20)
>>> len(plan), plan["category"].iloc[-1], int(plan["ends_at"].iloc[-1]) <= 20
(5, 'closing', True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from infoview_kit.messages import settings
from infoview_kit.messages.text import as_date
from infoview_kit.messages.verdicts import Check, Checks

__all__ = [
    "BANK_COLUMNS",
    "CATEGORIES",
    "Sheet",
    "add_question",
    "check_question_plan",
    "drop_first",
    "interview_sheet",
    "pick_questions",
    "question_bank",
    "room_to_close",
]

#: Columns of the question bank.
BANK_FILE = "question_bank.csv"
BANK_COLUMNS: tuple[str, ...] = ("id", "category", "question", "minutes", "frameworks")

#: Categories in the order a conversation usually flows (closing questions last).
CATEGORIES: dict[str, str] = {
    "path": "How they got here",
    "motivation": "What keeps them going",
    "typical_day": "A typical day, week, project",
    "likes_challenges": "Best and hardest parts",
    "skills": "Essential skills",
    "work_life": "How the work fits a life",
    "trends": "Where the field is heading",
    "starting_again": "If they started again today",
    "related_fields": "Where else the training leads",
    "resources": "Associations, reading, people",
    "advice": "Advice for you",
    "own": "Your own questions",
    "closing": "Closing",
}

#: When time is short, categories are drawn in this order (one question from
#: each before a second from any).
_PICK_ORDER: tuple[str, ...] = (
    "own",
    "path",
    "advice",
    "typical_day",
    "trends",
    "skills",
    "likes_challenges",
    "starting_again",
    "motivation",
    "resources",
    "work_life",
    "related_fields",
)

#: How many closing questions close every plan (the bank's first two: who else, may I follow up).
_CLOSING_COUNT = 2

_WRAP_UP = (
    "Thank them for their time, and keep to the minutes you asked for.",
    "Ask for two or three more names, and whether you may mention theirs.",
    "Ask whether you may follow up later.",
    "Note one thing to act on this week.",
)


def question_bank(path: str | Path | None = None) -> pd.DataFrame:
    """The question bank: ``id``, ``category``, ``question``, ``minutes``, ``frameworks``.

    ``path`` defaults to the bank shipped with the package; pass your own CSV
    with the same columns to use another bank. A fresh copy every call.

    >>> bank = question_bank()
    >>> bank.columns.tolist()
    ['id', 'category', 'question', 'minutes', 'frameworks']
    >>> bank.loc[bank["frameworks"].str.contains("Bolles:who_else"), "id"].tolist()
    ['closing-1']
    """
    from infoview_kit.errors import UnreadableFileError

    source = Path(path) if path is not None else resources.files(__package__) / BANK_FILE
    try:
        with source.open("rb") as handle:
            raw = pd.read_csv(handle, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise UnreadableFileError(
            f"{source.name}: cannot read the question bank ({type(exc).__name__})"
        ) from None
    missing = [c for c in BANK_COLUMNS if c not in raw.columns]
    if missing:
        raise UnreadableFileError(
            f"{source.name}: the question bank lacks column(s) {', '.join(missing)}"
        )
    minutes = pd.to_numeric(raw["minutes"], errors="coerce")
    bad = minutes.isna() | (minutes <= 0)
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0]) + 2  # header is row 1
        raise UnreadableFileError(
            f"{source.name}, row {row}, column minutes: not a positive number"
        )
    if raw["id"].duplicated().any():
        row = int(raw["id"].duplicated().to_numpy().nonzero()[0][0]) + 2
        raise UnreadableFileError(f"{source.name}, row {row}, column id: the id is used twice")
    bank = raw.loc[:, list(BANK_COLUMNS)].assign(minutes=minutes.astype("int64"))
    return bank.astype({"id": "str", "category": "str", "question": "str", "frameworks": "str"})


def add_question(
    bank: pd.DataFrame, question: str, *, minutes: int = 4, category: str = "own"
) -> pd.DataFrame:
    """A copy of ``bank`` with your own question added (id ``own-1``, ``own-2``...).

    >>> bank = add_question(question_bank(), "How did the merger change your team?")
    >>> bank.iloc[-1][["id", "category", "question"]].tolist()
    ['own-1', 'own', 'How did the merger change your team?']
    """
    text = " ".join(str(question or "").split())
    if not text:
        raise ValueError("question: write the question first")
    if int(minutes) <= 0:
        raise ValueError("minutes must be a positive whole number")
    taken = bank["id"].astype(str)
    n = int(taken.str.startswith(f"{category}-").sum()) + 1
    while f"{category}-{n}" in set(taken):
        n += 1
    row = pd.DataFrame(
        {
            "id": [f"{category}-{n}"],
            "category": [category],
            "question": [text],
            "minutes": [int(minutes)],
            "frameworks": [""],
        }
    ).astype(bank.dtypes.to_dict())
    return pd.concat([bank, row], ignore_index=True)


def _category_rank(categories: pd.Series, order: Sequence[str]) -> pd.Series:
    lookup = {name: i for i, name in enumerate(order)}
    return categories.map(lookup).fillna(len(order)).astype("int64")


def room_to_close(minutes: int) -> int:
    """Minutes left free at the end to thank them and note names: about a tenth, at least one.

    The share is the ``closing_room_percent`` limit (:mod:`.settings`).

    >>> [room_to_close(m) for m in (10, 20, 30, 45, 60)]
    [1, 2, 3, 4, 6]
    """
    share = settings.current().closing_room_percent
    return max(1, round(int(minutes) * share / 100))


def _intro_minutes(minutes: int, given: int | None) -> int:
    """Your opening: 1 minute in a short call, up to 3 in a long one (unless given)."""
    if given is not None:
        return int(given)
    return min(3, max(1, round(minutes / 10)))


def pick_questions(
    bank: pd.DataFrame,
    *,
    minutes: int,
    must_include: Iterable[str] = (),
    categories: Iterable[str] | None = None,
    intro_minutes: int | None = None,
    closing: bool = True,
) -> pd.DataFrame:
    """The questions to ask in a meeting of ``minutes``, in conversation order, with room to spare.

    Time is shared out as: your opening (``intro_minutes``; by default 1
    minute in a short call, up to 3), the questions in ``must_include`` (bank
    ids), then one question from each topic in turn (a shorter one from the
    same topic when the first does not fit), the closing questions (who else
    should I talk to; in calls of 15 minutes or more also "may I follow up"),
    and about a tenth of the time kept free to thank them and note names
    (:func:`room_to_close`). Every plan of 10 minutes or more has at least two
    real questions before the closing ones. ``categories`` limits the topics.

    The result adds ``order`` (1, 2, ...), ``ends_at`` (the minute by which
    that question should be done) and ``drop_order`` (1 = the first to drop if
    time runs short; empty for the closing questions, which are never dropped).

    >>> plan = pick_questions(question_bank(), minutes=30, must_include=["resources-1"])
    >>> plan[["id", "ends_at", "drop_order"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['path-1', 8, 4], ['day-1', 13, 2], ['trends-1', 17, 1], ['resources-1', 20, 5],
     ['advice-1', 24, 3], ['closing-1', 26, <NA>], ['closing-2', 27, <NA>]]
    """
    total = _positive_minutes(minutes)
    missing = [c for c in BANK_COLUMNS if c not in bank.columns]
    if missing:
        raise ValueError(f"the question bank lacks column(s) {', '.join(missing)}")
    wanted = [str(i) for i in must_include]
    unknown = sorted(set(wanted) - set(bank["id"].astype(str)))
    if unknown:
        raise ValueError(f"no question with id {', '.join(unknown)} in the bank")
    opening = _intro_minutes(total, intro_minutes)

    is_closing = bank["category"] == "closing"
    chosen_must = bank["id"].isin(wanted)
    closers = _CLOSING_COUNT if total >= 15 else 1
    closing_rows = bank[
        is_closing & (chosen_must | (bank.groupby("category").cumcount() < closers))
    ]
    if not closing:
        closing_rows = bank[is_closing & chosen_must]
    must_rows = bank[chosen_must & ~is_closing]
    budget = (
        total
        - opening
        - room_to_close(total)
        - int(closing_rows["minutes"].sum())
        - int(must_rows["minutes"].sum())
    )
    pool = bank[~is_closing & ~chosen_must]
    if categories is not None:
        pool = pool[pool["category"].isin(list(categories))]
    picked = _fill(pool, budget, already=len(must_rows))
    return _assemble(must_rows, picked, closing_rows, opening)


def _positive_minutes(minutes: Any) -> int:
    try:
        total = int(minutes)
    except (TypeError, ValueError):
        raise ValueError("minutes must be a whole number of minutes") from None
    if total <= 0:
        raise ValueError("minutes must be more than zero")
    return total


def _fill(pool: pd.DataFrame, budget: int, *, already: int, least: int = 2) -> pd.DataFrame:
    """Questions from ``pool`` that fit ``budget``: one per topic per round, in pick order.

    When a topic's next question does not fit, a shorter one of the same topic
    is tried. While fewer than ``least`` questions are chosen, a question is
    taken only if the shortest remaining one would still fit after it.
    """
    order = [c for c in _PICK_ORDER if c in set(pool["category"])]
    order += sorted(set(pool["category"]) - set(order))
    queues = {c: pool[pool["category"] == c] for c in order}
    chosen: list[Any] = []
    left = budget
    while any(len(q) for q in queues.values()):
        progress = False
        for category in order:
            queue = queues[category]
            rest = pool.drop(index=chosen)["minutes"]
            for index, row in queue.iterrows():
                shortest_after = rest.drop(index=index).min() if len(rest) > 1 else 0
                reserve = shortest_after if already + len(chosen) + 1 < least else 0
                if row["minutes"] + reserve <= left:
                    chosen.append(index)
                    left -= int(row["minutes"])
                    queues[category] = queue.drop(index=index)
                    progress = True
                    break
            else:
                queues[category] = queue.iloc[0:0]
        if not progress:
            break
    return pool.loc[chosen]


def _assemble(
    must_rows: pd.DataFrame, picked: pd.DataFrame, closing_rows: pd.DataFrame, opening: int
) -> pd.DataFrame:
    """The plan in conversation order, with ``order``, ``ends_at`` and ``drop_order``."""
    # drop the last picked first, the questions you chose yourself last
    drop_rank = {index: rank for rank, index in enumerate(reversed(picked.index.tolist()), 1)}
    drop_rank.update(
        {index: len(drop_rank) + rank for rank, index in enumerate(must_rows.index.tolist(), 1)}
    )
    body = pd.concat([must_rows, picked])
    conversation = list(CATEGORIES)
    body = (
        body.assign(_cat=_category_rank(body["category"], conversation), _pos=body.index)
        .sort_values(["_cat", "_pos"], kind="stable")
        .drop(columns=["_cat", "_pos"])
    )
    drop = [drop_rank.get(i) for i in body.index] + [None] * len(closing_rows)
    plan = pd.concat([body, closing_rows], ignore_index=True).loc[:, list(BANK_COLUMNS)]
    plan.insert(0, "order", pd.RangeIndex(1, len(plan) + 1))
    plan["ends_at"] = opening + plan["minutes"].cumsum()
    plan["drop_order"] = pd.array(drop, dtype="Int64")
    return plan


def check_question_plan(plan: pd.DataFrame, *, minutes: int) -> Checks:
    """Does a plan fit the time, leave room to close, and end well?

    >>> checks = check_question_plan(pick_questions(question_bank(), minutes=20), minutes=20)
    >>> [c.symbol for c in checks]
    ['✓', '✓', '✓', '✓', '✓', '✓', '✓']
    """
    n = len(plan)
    needed = int(plan["ends_at"].max()) if n else 0
    checks = Checks()
    if n == 0:
        checks.append(Check.fail("questions chosen", "pick a few questions first."))
    else:
        checks.append(Check.ok("questions chosen", f"{n} questions."))
    checks.append(_fits(needed, minutes))
    low, high = max(2, round(minutes / 5)), max(3, round(minutes / 4) + 1)
    if n and not (low <= n <= high):
        checks.append(
            Check.warn(
                "how many",
                f"{n} questions; about {low}-{high} suit {minutes} minutes, so each gets room.",
            )
        )
    elif n:
        checks.append(Check.ok("how many", f"{n} questions suit {minutes} minutes."))
    checks += _ends_well(plan)
    checks.append(_room_to_close(plan, needed, minutes))
    real = int((plan["category"] != "closing").sum()) if n else 0
    if real >= 2 or minutes < 10:
        checks.append(Check.ok("real questions", f"{real} questions before the closing ones."))
    else:
        checks.append(
            Check.warn(
                "real questions",
                "ask at least two questions of substance before the closing ones; "
                "pick shorter ones if time is tight.",
            )
        )
    return checks


def _fits(needed: int, minutes: int) -> Check:
    if needed <= minutes:
        return Check.ok(
            "fits the time", f"about {needed} of your {minutes} minutes, introduction included."
        )
    verdict = Check.warn if needed <= minutes * 1.15 else Check.fail
    what = "drop one" if needed <= minutes * 1.15 else "drop some"
    return verdict("fits the time", f"about {needed} minutes for a {minutes}-minute slot: {what}.")


def _ends_well(plan: pd.DataFrame) -> list[Check]:
    n = len(plan)
    frameworks = plan["frameworks"].fillna("") if n else pd.Series(dtype="str")
    who_else = frameworks.str.contains("who_else|AIR:Referral", regex=True)
    checks = []
    if n and bool(who_else.any()) and plan["category"].iloc[-1] == "closing":
        checks.append(Check.ok("asks for names", "you end by asking whom else to talk to."))
    else:
        checks.append(
            Check.fail(
                "asks for names",
                "end with 'who else should I talk to?' (ask for two or three names).",
            )
        )
    if n and frameworks.str.contains("Advice").any():
        checks.append(Check.ok("asks for advice", "there is a question asking for their advice."))
    else:
        checks.append(Check.warn("asks for advice", "add one question that asks for their advice."))
    return checks


def _room_to_close(plan: pd.DataFrame, needed: int, minutes: int) -> Check:
    """About a tenth of the time left free to thank them and write down names."""
    room = room_to_close(minutes)
    if needed + room <= minutes:
        return Check.ok("room to thank them", f"{minutes - needed} minutes left to thank them.")
    first = drop_first(plan)
    hint = f" If time runs short, drop “{first}”." if first else ""
    return Check.warn(
        "room to thank them",
        f"leave about {room} minutes at the end to thank them and note the names they give.{hint}",
        reason=settings.reason("closing_room_percent"),
    )


def drop_first(plan: pd.DataFrame) -> str | None:
    """The question to drop first when time runs short (``drop_order`` 1, else the last asked)."""
    body = plan[plan["category"] != "closing"] if len(plan) else plan
    if not len(body):
        return None
    if "drop_order" in body.columns and body["drop_order"].notna().any():
        return str(body.loc[body["drop_order"].idxmin(), "question"])
    return str(body["question"].iloc[-1])


def _md(text: str) -> str:
    """User text made safe for a Markdown renderer that would pass raw HTML through."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Sheet:
    """A printable interview sheet: introduction, timed questions with room for notes, wrap-up."""

    contact_name: str
    organization: str
    meeting_on: dt.date | None
    minutes: int
    questions: pd.DataFrame
    introduction: str | None = None
    wrap_up: tuple[str, ...] = field(default=_WRAP_UP)

    @property
    def title(self) -> str:
        who = self.contact_name or "my contact"
        return f"Interview sheet: {who}" + (f", {self.organization}" if self.organization else "")

    @property
    def when_line(self) -> str:
        day = (
            f"{self.meeting_on:%A} {self.meeting_on.day} {self.meeting_on:%B %Y}"
            if self.meeting_on
            else "date to be agreed"
        )
        return f"{day} · {self.minutes} minutes"

    @property
    def drop_line(self) -> str:
        """Which questions to skip first if time runs short (by their number on the sheet)."""
        frame = self.questions.reset_index(drop=True)
        if "drop_order" not in frame.columns or not frame["drop_order"].notna().any():
            return ""
        ranked = frame["drop_order"].dropna().sort_values().index[:2]
        numbers = [str(int(i) + 1) for i in ranked]
        return "If time runs short, skip question " + ", then ".join(numbers) + "."

    def _records(self) -> list[dict]:
        return self.questions.loc[:, ["question", "minutes", "ends_at"]].to_dict("records")

    def to_markdown(self) -> str:
        """The sheet as Markdown (readable as plain text, too; ``<``, ``>``, ``&`` escaped)."""
        lines = [f"# {_md(self.title)}", "", self.when_line, ""]
        if self.introduction:
            lines += [
                "## My introduction (about 30 seconds)",
                "",
                _md(self.introduction.strip()),
                "",
            ]
        lines += [f"## Questions ({len(self.questions)})", ""]
        for i, q in enumerate(self._records(), start=1):
            lines += [
                f"{i}. {_md(q['question'])} _(about {q['minutes']} min; by minute {q['ends_at']})_",
                "",
                "   Notes:",
                "",
                "",
            ]
        if self.drop_line:
            lines += [f"_{self.drop_line}_", ""]
        lines += ["## Before I leave", ""]
        lines += [f"- [ ] {item}" for item in self.wrap_up]
        lines += ["", "## Names they gave me", "", "-", "-", "-", ""]
        return "\n".join(lines)

    def to_html(self, *, note_lines: int = 3) -> str:
        """A print-friendly HTML page fragment with ruled space under each question."""
        from infoview_kit.messages.draft import template_environment

        template = template_environment().get_template("sheet.html.j2")
        return template.render(
            title=self.title,
            when_line=self.when_line,
            introduction=(self.introduction or "").strip(),
            questions=self._records(),
            question_minutes=int(self.questions["minutes"].sum()) if len(self.questions) else 0,
            wrap_up=self.wrap_up,
            note_lines=note_lines,
            drop_line=self.drop_line,
        )

    def to_html_page(self) -> str:
        """A complete HTML document (to open in a browser and print)."""
        from html import escape

        return (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(self.title)}</title></head><body>\n{self.to_html()}\n</body></html>\n"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"<Sheet: {len(self.questions)} questions, {self.minutes} minutes>"


def interview_sheet(
    questions: pd.DataFrame,
    *,
    contact_name: str,
    organization: str | None = None,
    meeting_on: dt.date | str | None = None,
    minutes: int = 30,
    introduction: str | None = None,
) -> Sheet:
    """A printable :class:`Sheet` for the chosen ``questions`` (from :func:`pick_questions`).

    >>> plan = pick_questions(question_bank(), minutes=20)
    >>> sheet = interview_sheet(plan, contact_name="Dana Okafor", organization="Harbor Health",
    ...                         meeting_on="2025-06-05", minutes=20)
    >>> print(sheet.to_markdown().splitlines()[2])
    Thursday 5 June 2025 · 20 minutes
    """
    day = None if meeting_on in (None, "") else as_date(meeting_on, "meeting_on")
    frame = questions.copy()
    if "ends_at" not in frame.columns:
        frame["ends_at"] = frame["minutes"].cumsum()
    return Sheet(
        contact_name=" ".join(str(contact_name or "").split()),
        organization=" ".join(str(organization or "").split()),
        meeting_on=day,
        minutes=int(minutes),
        questions=frame.reset_index(drop=True),
        introduction=introduction,
    )
