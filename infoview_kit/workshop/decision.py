"""08_decide's saved work and pages: your ratings and reflection, the matrix, the summary.

* :class:`DecisionNotes` (your own criteria, ratings and written reflection)
  is saved in the workbook as ``notes/decision.md`` (front matter + text);
* :func:`options_matrix_html`: options side by side on the criteria, each
  value in words and as a dot (bigger is better for you), no colour alone;
* :func:`summary_page`: a one-page, self-contained, printable HTML summary to
  bring to an advisor. People you talked to appear by first name and
  organisation only, unless you choose full names.

>>> notes = DecisionNotes(reflection="Public health first.", criteria=["pay"],
...                       ratings=[{"option": "health", "criterion": "pay", "score": 3}])
>>> parse_decision(decision_markdown(notes)) == notes
True
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as _default
from html import escape
from typing import Any

import pandas as pd

from infoview_kit.analytics.options import criteria_for
from infoview_kit.names import given_family
from infoview_kit.workshop.prep import _front_matter, _split_front_matter

__all__ = [
    "DECISION_FILE",
    "DEFAULT_OWN_CRITERIA",
    "DecisionNotes",
    "decision_markdown",
    "load_decision",
    "options_matrix_html",
    "parse_decision",
    "save_decision",
    "summary_page",
]

DECISION_FILE = "decision.md"
#: Criteria offered for your own ratings until you write your own.
DEFAULT_OWN_CRITERIA = ("Day-to-day work", "Pay and security", "A way in for me")
_DOTS = ("○", "◔", "◑", "◕", "●")


@dataclass
class DecisionNotes:
    """What you wrote in 08_decide: your criteria, your ratings (1-5) and your reflection."""

    reflection: str = ""
    criteria: list[str] = _default(default_factory=lambda: list(DEFAULT_OWN_CRITERIA))
    ratings: list[dict[str, Any]] = _default(default_factory=list)

    def ratings_table(self) -> pd.DataFrame:
        """Ratings as rows ``option``, ``criterion``, ``score`` (the latest per pair)."""
        table = pd.DataFrame(self.ratings, columns=["option", "criterion", "score"])
        return table.drop_duplicates(["option", "criterion"], keep="last").reset_index(drop=True)

    def rate(self, option: str, criterion: str, score: int | None) -> DecisionNotes:
        """A copy with one rating set (``None`` removes it)."""
        if score is not None and score not in range(1, 6):
            raise ValueError("A rating is 1 to 5.")
        kept = [r for r in self.ratings if (r["option"], r["criterion"]) != (option, criterion)]
        if score is not None:
            kept.append({"option": option, "criterion": criterion, "score": int(score)})
        return DecisionNotes(self.reflection, list(self.criteria), kept)


def decision_markdown(notes: DecisionNotes, *, saved_at: dt.datetime | None = None) -> str:
    """The saved file: criteria and ratings in front matter, the reflection as readable text."""
    meta = {
        "kind": "decision",
        "saved_at": (saved_at or dt.datetime.now()).replace(microsecond=0).isoformat(),
        "criteria": list(notes.criteria),
        "ratings": list(notes.ratings),
    }
    return _front_matter(meta) + "# My reflection\n\n" + notes.reflection.strip() + "\n"


def parse_decision(text: str) -> DecisionNotes:
    """Read a saved decision file (an empty or missing file gives empty notes)."""
    meta, body = _split_front_matter(text)
    body = body.strip("\n")
    if body.startswith("# My reflection"):
        body = body[len("# My reflection") :].strip("\n")
    criteria = meta.get("criteria")
    ratings = [
        {"option": str(r["option"]), "criterion": str(r["criterion"]), "score": int(r["score"])}
        for r in meta.get("ratings") or []
        if isinstance(r, Mapping) and str(r.get("score", "")).isdigit()
    ]
    return (
        DecisionNotes(
            reflection=body,
            criteria=[str(c) for c in criteria] if isinstance(criteria, list) else [],
            ratings=ratings,
        )
        if meta
        else DecisionNotes(reflection=body)
    )


def save_decision(workbook, notes: DecisionNotes):
    """Save your decision notes in the workbook (``notes/decision.md``); returns the path."""
    return workbook.write_note(DECISION_FILE, decision_markdown(notes))


def load_decision(workbook) -> DecisionNotes:
    """Your saved decision notes (defaults when nothing is saved yet)."""
    return parse_decision(workbook.read_note(DECISION_FILE))


# ---------------------------------------------------------------------------- the matrix


def _shown(value: Any, column: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if column == "skills_in_hand":
        return f"{value:.0%}"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return f"{int(value)}" if isinstance(value, float) else str(value)


def _dot(values: pd.Series, better: str) -> pd.Series:
    """A dot per value: fuller is better for you (within this column)."""
    numbers = pd.to_numeric(values, errors="coerce")
    low, high = numbers.min(), numbers.max()
    if pd.isna(low) or high == low:
        return numbers.map(lambda v: "" if pd.isna(v) else _DOTS[2])
    share = (numbers - low) / (high - low)
    if better == "lower":
        share = 1 - share
    return share.map(lambda s: "" if pd.isna(s) else _DOTS[round(s * 4)])


def options_matrix_html(
    table: pd.DataFrame, criteria: Mapping[str, tuple[str, str]] | None = None
) -> str:
    """Options (rows) on the criteria (columns): each value in words, with a dot (fuller = better).

    Every value is escaped. Criteria default to
    :data:`~infoview_kit.analytics.options.DEFAULT_CRITERIA` plus your rating columns.
    """
    chosen = criteria_for(table, criteria)
    cell = "style='border:1px solid #aaa;padding:.2em .5em;text-align:left'"
    head = "".join(f"<th scope='col' {cell}>{escape(label)}</th>" for label in chosen)
    dots = {label: _dot(table[column], better) for label, (column, better) in chosen.items()}
    rows = []
    for i, option in enumerate(table["option"]):
        cells = "".join(
            f"<td {cell}><span class='iv-dot' aria-hidden='true'>{dots[label].iloc[i]}</span> "
            f"{escape(_shown(table[column].iloc[i], column))}</td>"
            for label, (column, _) in chosen.items()
        )
        rows.append(f"<tr><th scope='row' {cell}>{escape(str(option))}</th>{cells}</tr>")
    return (
        "<table class='iv-options' style='border-collapse:collapse'><thead><tr>"
        f"<th scope='col' {cell}>Option</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        "<p class='iv-key'>● fuller dot = better for you on that line (○ the least good); "
        "– no evidence yet.</p>"
    )


# ---------------------------------------------------------------------------- the summary


_PAGE_CSS = """
body{font-family:system-ui,sans-serif;color:#111;max-width:48em;margin:1.5em auto;line-height:1.35}
h1{font-size:1.4em;margin:0 0 .2em}h2{font-size:1.1em;margin:1em 0 .3em}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border:1px solid #999;padding:.25em .4em;text-align:left;vertical-align:top}
.iv-key,.iv-small{font-size:.85em;color:#333}
@media print{body{margin:0;font-size:10pt}h2{break-after:avoid}table{break-inside:avoid}}
"""


def _evidence_rows(table: pd.DataFrame) -> str:
    rows = []
    for _, row in table.iterrows():
        parts = [
            ("Talked with", row["with_whom"]),
            ("Skills named most", row["skills_named"]),
            ("My gaps", row["skill_gaps"]),
            ("Appealed", row["appealed"]),
            ("Put me off", row["put_off"]),
            ("Still open", row["open_questions"].replace(" | ", "; ")),
        ]
        text = "<br>".join(f"<b>{escape(k)}:</b> {escape(str(v))}" for k, v in parts if v)
        rows.append(f"<tr><th scope='row'>{escape(str(row['option']))}</th><td>{text}</td></tr>")
    return "<table><tbody>" + "".join(rows) + "</tbody></table>"


def summary_page(
    table: pd.DataFrame,
    *,
    who_could_answer: pd.DataFrame | None = None,
    reflection: str = "",
    criteria: Mapping[str, tuple[str, str]] | None = None,
    title: str = "What my conversations add up to",
    full_names: bool = False,
    today: dt.date | None = None,
) -> str:
    """A one-page printable HTML summary for an advisor (self-contained: no links, no scripts).

    ``table`` is :func:`~infoview_kit.analytics.options.compare_options`; make it
    with ``names="first"`` unless you chose to share full names
    (``full_names=True`` only changes the wording of the note at the bottom).
    People who could answer open questions appear by first name and organisation.
    """
    day = today or dt.date.today()
    ask = ""
    if who_could_answer is not None and len(who_could_answer):
        items = "".join(
            f"<li><b>{escape(str(option))}:</b> "
            + escape(", ".join(_person(r, full_names) for _, r in group.iterrows()))
            + "</li>"
            for option, group in who_could_answer.groupby("option", sort=False)
        )
        ask = f"<h2>Who could answer what is still open</h2><ul>{items}</ul>"
    reflection_html = (
        "<p>" + escape(reflection.strip()).replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p>"
        if reflection.strip()
        else "<p class='iv-small'>(no reflection written yet)</p>"
    )
    privacy = (
        "People are named as I chose to share them."
        if full_names
        else "People I talked to are shown by first name and organisation only."
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{_PAGE_CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1><p class='iv-small'>Prepared on {day:%d %B %Y}; "
        f"{len(table)} option{'s' if len(table) != 1 else ''}, "
        f"{int(table['conversations'].sum()) if len(table) else 0} conversations.</p>"
        f"<h2>The options side by side</h2>{options_matrix_html(table, criteria)}"
        f"<h2>The evidence</h2>{_evidence_rows(table)}{ask}"
        f"<h2>My reflection</h2>{reflection_html}"
        f"<p class='iv-small'>{privacy}</p></body></html>"
    )


def _person(row: Mapping[str, Any], full_names: bool) -> str:
    name = str(row.get("name") or "").strip()
    shown = name if full_names else (given_family(name).split()[0] if name else "someone")
    org = row.get("organization")
    return f"{shown} ({org})" if isinstance(org, str) and org.strip() else shown
