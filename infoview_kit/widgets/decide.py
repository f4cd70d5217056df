"""08_decide: the options you explored side by side, the notes behind them, what would settle it.

A thin view: the figures come from :mod:`infoview_kit.analytics.options`, the
pages and the saved notes from :mod:`infoview_kit.workshop.decision`.

>>> import tempfile, pathlib
>>> from infoview_kit.io.store import Workbook
>>> view = DecideView(Workbook.create(pathlib.Path(tempfile.mkdtemp()) / "wb", sample=True))
>>> len(view.table) > 0
True
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

import ipywidgets as w
import pandas as pd

from infoview_kit.analytics.options import (
    compare_options,
    evidence_by_option,
    settle_actions,
    who_could_answer,
)
from infoview_kit.errors import InfoviewError
from infoview_kit.widgets._common import (
    download_link,
    heading,
    labelled,
    relative,
    status_html,
    style_block,
)
from infoview_kit.workshop.decision import (
    DecisionNotes,
    load_decision,
    options_matrix_html,
    save_decision,
    summary_page,
)
from infoview_kit.workshop.takeaways import FEELINGS, load_takeaways

__all__ = ["DecideView", "evidence_html"]

_ERRORS = (InfoviewError, ValueError, TypeError, OSError)
SUMMARY_FILE = "decision_summary.html"


def evidence_html(rows: pd.DataFrame) -> str:
    """The conversations behind one option, newest first, as short paragraphs (escaped)."""
    if rows.empty:
        return "<p>No conversation yet.</p>"
    parts = []
    for _, row in rows.iterrows():
        feeling = row["feeling"]
        felt = "" if pd.isna(feeling) else f"{int(feeling)} of 5 ({FEELINGS[int(feeling)]})"
        skills = ", ".join(
            s["skill"] + (f" ({s['have']})" if s.get("have") else "") for s in row["skills"]
        )
        facts = [
            ("Role", row["role"]),
            ("A typical week", row["typical_week"]),
            ("Skills that matter", skills),
            ("The way in", row["entry_path"]),
            ("Appealed", row["appealed"]),
            ("Put me off", row["put_off"]),
            ("How I felt", felt),
            ("Still open", "; ".join(row["open_questions"])),
            ("Meeting note", row["meeting_notes"]),
        ]
        lines = "".join(f"<li><b>{escape(k)}:</b> {escape(str(v))}</li>" for k, v in facts if v)
        who = escape(str(row["name"]) if pd.notna(row["name"]) else "someone")
        parts.append(
            f"<p style='margin:.4em 0 .1em'><b>{who}</b>, {row['day']:%d %B %Y}</p>"
            f"<ul style='margin:0'>{lines or '<li>(no takeaways written)</li>'}</ul>"
        )
    return "".join(parts)


class DecideView(w.VBox):
    """The options compared, their evidence, who could settle what is open, your reflection."""

    def __init__(self, workbook, *, today: dt.date | None = None):
        self.workbook = workbook
        self.today = today or dt.date.today()
        self.notes: DecisionNotes = load_decision(workbook)
        self.by = labelled(
            w.ToggleButtons(options=[("Field", "field"), ("Role", "role")], value="field"),
            "Compare by",
        )
        self.matrix = w.HTML()
        # <details> sections, not an Accordion: its headers take no keyboard focus,
        # while a <summary> is reached by Tab and opens with Enter or Space.
        self.evidence = w.HTML()
        self.settle = w.HTML()
        self.option = labelled(w.Dropdown(options=[]), "Option")
        self.criterion = labelled(
            w.Combobox(options=list(self.notes.criteria), ensure_option=False),
            "My criterion",
            placeholder="pick one, or type your own",
        )
        self.score = labelled(
            w.Dropdown(  # 0, not None: a Dropdown shows nothing chosen for None
                options=[("(no rating)", 0), *[(f"{n} of 5", n) for n in range(1, 6)]],
                value=0,
            ),
            "My rating",
        )
        self.rate_button = w.Button(
            description="Save rating", icon="star", layout=w.Layout(width="auto")
        )
        self.rate_button.on_click(lambda _: self.save_rating())
        self.reflection = labelled(w.Textarea(value=self.notes.reflection, rows=6), "My reflection")
        self.reflection.placeholder = (
            "Which option fits best now, and why? What do you still need to find out?"
        )
        self.reflection_button = w.Button(
            description="Save reflection", icon="save", button_style="primary"
        )
        self.reflection_button.on_click(lambda _: self.save_reflection())
        self.full_names = w.Checkbox(
            value=False, description="Show full names in the summary", indent=False
        )
        self.summary_button = w.Button(
            description="Save the summary page", icon="print", layout=w.Layout(width="auto")
        )
        self.summary_button.on_click(lambda _: self.save_summary())
        self.download = w.HTML()
        self.status = w.HTML()
        self.table = pd.DataFrame()
        for widget in (self.by, self.full_names):
            widget.observe(lambda _change: self.refresh(), names="value")
        super().__init__([style_block(), *self._layout()], layout=w.Layout(width="100%"))
        self.add_class("iv-decideview")
        self.add_class("iv-view")  # shared rules: buttons as wide as their words, labels wrap
        self.refresh()

    def _layout(self) -> list[w.Widget]:
        return [
            self.by,
            heading("Your options side by side", "fuller dots are better for you on that line"),
            self.matrix,
            heading("The notes behind each option", "open one to see its conversations"),
            self.evidence,
            heading("What would settle it", "open questions, and who in your network could answer"),
            self.settle,
            heading("Rate the options on what matters to you"),
            self.option,
            self.criterion,
            self.score,
            w.HBox([self.rate_button]),
            heading("Your reflection", "a few lines; it is saved in your workbook"),
            self.reflection,
            w.HBox([self.reflection_button]),
            heading("A one-page summary for your advisor"),
            w.HBox([self.full_names, self.summary_button], layout=w.Layout(flex_flow="row wrap")),
            self.download,
            self.status,
        ]

    # -- reading
    def refresh(self) -> None:
        """Compare the options again from the workbook (after a meeting or a rating)."""
        try:
            log = self.workbook.log()
            takeaways = load_takeaways(self.workbook)
            ratings = self.notes.ratings_table()
            self.table = compare_options(log, takeaways, by=self.by.value, ratings=ratings)
            people = who_could_answer(log, takeaways, by=self.by.value)
            due = settle_actions(log, takeaways, today=self.today, by=self.by.value)
        except _ERRORS as exc:
            self._say(False, str(exc))
            return
        if self.table.empty:
            self.matrix.value = (
                "<p>No conversations yet. Log a meeting in 05_meeting, with its takeaways, "
                "and come back.</p>"
            )
        else:
            self.matrix.value = options_matrix_html(self.table)
        self._show_evidence(log, takeaways)
        self.settle.value = self._settle_html(people)
        self.download.value = self._links(people, due)
        options = self.table["option"].tolist()
        chosen = self.option.value
        self.option.options = options
        self.option.value = chosen if chosen in options else (options[0] if options else None)
        self.criterion.options = list(self.notes.criteria)

    def _show_evidence(self, log, takeaways) -> None:
        evidence = evidence_by_option(log, takeaways, by=self.by.value)
        sections = []
        for option, n in zip(self.table["option"], self.table["conversations"], strict=True):
            title = f"{option} ({int(n)} conversation{'s' if int(n) != 1 else ''})"
            sections.append(
                f"<details class='iv-evidence'><summary>{escape(title)}</summary>"
                f"<div class='iv-evidence-notes'>{evidence_html(evidence[option])}</div></details>"
            )
        self.evidence.value = "".join(sections)

    def _settle_html(self, people: pd.DataFrame) -> str:
        open_ = self.table[self.table["open_questions_n"] > 0]
        if open_.empty:
            return "<p>✓ No open questions written down. Add some in 05_meeting's takeaways.</p>"
        items = []
        for _, row in open_.iterrows():
            who = people[people["option"] == row["option"]]
            names = ", ".join(
                f"{n} ({why})" for n, why in zip(who["name"], who["why"], strict=True)
            )
            questions = "".join(f"<li>{escape(q)}</li>" for q in row["open_questions"].split(" | "))
            items.append(
                f"<p style='margin:.5em 0 .1em'><b>{escape(row['option'])}</b></p>"
                f"<ul style='margin:0'>{questions}</ul><p style='margin:.1em 0'>Who could answer: "
                f"{escape(names) if names else 'nobody in your workbook yet: ask for names'}</p>"
            )
        return "".join(items)

    def _links(self, people: pd.DataFrame, due: pd.DataFrame) -> str:
        from infoview_kit.io.export import due_list_to_ics

        parts = []
        if len(due):
            parts.append(
                download_link(
                    due_list_to_ics(due),
                    "ask_next.ics",
                    mime="text/calendar",
                    label=f"Add {len(due)} “ask about an open question” reminders (.ics)",
                )
            )
        page = self.summary_html(people)
        parts.append(
            download_link(
                page.encode("utf-8"),
                "my_options_summary.html",
                mime="text/html",
                label="Download the one-page summary (.html, to print)",
            )
        )
        return " ".join(parts)

    def summary_html(self, people: pd.DataFrame | None = None) -> str:
        """The one-page summary: first names and organisations unless full names are chosen."""
        log = self.workbook.log()
        takeaways = load_takeaways(self.workbook)
        names = "full" if self.full_names.value else "first"
        table = compare_options(
            log, takeaways, by=self.by.value, names=names, ratings=self.notes.ratings_table()
        )
        if people is None:
            people = who_could_answer(log, takeaways, by=self.by.value)
        return summary_page(
            table,
            who_could_answer=people,
            reflection=self.reflection.value,
            full_names=self.full_names.value,
            today=self.today,
        )

    # -- saving
    def save_rating(self) -> bool:
        """Save your rating of the chosen option on the chosen criterion (– removes it)."""
        criterion = (self.criterion.value or "").strip()
        if not self.option.value or not criterion:
            self._say(False, "choose an option and a criterion first.")
            return False
        try:
            notes = self.notes.rate(self.option.value, criterion, self.score.value or None)
            if criterion not in notes.criteria:
                notes.criteria.append(criterion)
            save_decision(self.workbook, notes)
        except _ERRORS as exc:
            self._say(False, str(exc))
            return False
        self.notes = notes
        self.refresh()
        self._say(True, f"rating saved ({self.option.value}, {criterion}).")
        return True

    def save_reflection(self) -> Path | None:
        notes = DecisionNotes(self.reflection.value, list(self.notes.criteria), self.notes.ratings)
        try:
            path = save_decision(self.workbook, notes)
        except _ERRORS as exc:
            self._say(False, str(exc))
            return None
        self.notes = notes
        self.refresh()
        self._say(True, f"reflection saved to {relative(path, self.workbook)}.")
        return path

    def save_summary(self) -> Path | None:
        try:
            path = self.workbook.write_note(SUMMARY_FILE, self.summary_html())
        except _ERRORS as exc:
            self._say(False, str(exc))
            return None
        self._say(
            True,
            f"summary saved to {relative(path, self.workbook)}: open it in a browser and print it.",
        )
        return path

    def _say(self, ok: bool, message: str) -> None:
        self.status.value = status_html(ok, message)
