"""Text of ``08_decide``: the options compared, the notes behind them, what would settle it.

After a change, run ``make notebooks`` (``python -m tools.build_notebooks``).
"""

# Markdown prose below is wrapped for reading, not to the code line length.
# ruff: noqa: E501

from __future__ import annotations

from tools.notebook_text import Cell

NOTEBOOKS: dict[str, list[Cell]] = {
    "08_decide": [
        (
            "md",
            """\
# 8. Decide: what your conversations add up to

**By the end of this notebook you will have** the fields (or roles) you explored side by side, with the
evidence behind each one: how many conversations, with whom, the skills people named and where you stand on
them, what drew you in and what put you off, how you felt. You will also know which questions are still
open and who in your network could answer them, and you will have written a short reflection and a
one-page summary to bring to an advisor.

**How to use this notebook.** Run the cells from top to bottom (**Run → Run All Cells**). The comparison
is built from your workbook: the meetings you logged and the quick takeaways you wrote in `05_meeting`.
The more takeaways you write, the more it can tell you.""",
        ),
        (
            "md",
            """\
## Open your workbook

The first cell opens your workbook (or creates it from the practice sample the first time).""",
        ),
        (
            "code",
            """\
from infoview_kit.workshop import describe_workbook, open_workbook

workbook = open_workbook()
print(describe_workbook(workbook))""",
        ),
        (
            "md",
            """\
## Your options, the evidence, and what would settle it

**Reading the table.** One line per option, one column per criterion. The dot says how good that value is
for you compared with your other options (● the best, ○ the least good); the number or share next to it is
the value itself. *Skills I have* is the share of the skills people named that you said you have (partly
counts half).

**Below it:** open an option to read the conversations it came from. *What would settle it* lists the
questions you wrote down as still open, with people in your workbook you have not met yet who work in that
field (names you were given come first). The calendar link puts "ask about an open question" reminders next
to your other due items.

**Your own criteria.** Rate each option from 1 to 5 on what matters to you (pay, the daily work, a way in,
anything you type): each criterion becomes a column of the table. Then write a few lines of reflection and
press **Save reflection**. *Compare by: Role* groups by the job instead of the field.""",
        ),
        (
            "code",
            """\
from infoview_kit.widgets import DecideView

DecideView(workbook)""",
        ),
        (
            "md",
            """\
## A one-page summary for your advisor

The **Download the one-page summary** link above (or **Save the summary page**, which puts it in your
workbook's `notes/` folder) gives a page you can print or send. It names the people you talked to by
first name and organisation only; tick *Show full names in the summary* only if you choose to share more.

**Next:** the open questions are your next requests. Go to `03_request` to write to the people listed, and
come back here after each conversation.""",
        ),
    ]
}
