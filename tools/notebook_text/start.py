"""Text of ``00_start_here``: what an information interview is, open the workbook, bring a file."""

# Markdown prose below is wrapped for reading, not to the code line length.
# ruff: noqa: E501

from __future__ import annotations

from tools.notebook_text import OPTIONAL, Cell

NOTEBOOKS: dict[str, list[Cell]] = {
    "00_start_here": [
        (
            "md",
            """\
# Start here: your information-interview workbook

**By the end of this notebook you will have** a workbook folder of your own (empty, or filled with a
realistic sample to practise on), and you will know how to bring in a list of contacts you already keep.

You do not need to know Python. Each grey box below is a *code cell*: click into it and press
**Shift + Enter** to run it, or use **Run → Run All Cells**. Then fill in the boxes and press the buttons that appear.""",
        ),
        (
            "md",
            """\
## What is an information interview?

An information interview is a short conversation (often 20 to 30 minutes) with someone who works in a
field you are curious about. You ask about *their* work: how they got there, what a normal week looks
like, what they wish they had known. You are collecting first-hand, current knowledge to make better
career decisions, and to talk about the field with confidence later on.

It is **not** a request for a job. People agree to these conversations because being asked about your own
expertise is flattering, and most remember someone who once did the same for them. Keep the request about
advice and information, and the relationship takes care of itself: each conversation usually brings one
or two more names to talk to, and that is how a network grows.

The workbook follows one contact through the whole cycle:

| step | notebook |
| --- | --- |
| find people and research them | `01_contacts_and_research` |
| a 30-second introduction of yourself | `02_introduction` |
| the request (e-mail, LinkedIn note, letter, voicemail) | `03_request` |
| questions that fit the time you asked for | `04_questions` |
| the meeting itself, notes and new names | `05_meeting` |
| thank-you note, follow-ups, staying in touch | `06_follow_up` |
| looking back: what worked, how your network grew | `07_reflect` |
| deciding: the options you explored, compared with the evidence | `08_decide` |""",
        ),
        (
            "md",
            """\
## How the workbook is laid out

Your workbook is an ordinary folder, so you can back it up, zip it or open its files in a spreadsheet:

* `contacts.csv`: one row per person (name, organisation, role, field, how you are connected, who referred you);
* `events.csv`: one row per touch (request sent, reply, meeting, thank-you...) with its date and channel;
* `prep/`: one sub-folder per contact for research notes, drafts and interview sheets.

Every button that changes something saves straight away, safely: a crash or a closed laptop never leaves a
half-written file, and the previous version is kept as a `.bak` file beside it.""",
        ),
        (
            "code",
            """\
from infoview_kit.widgets import FileChecker, WorkbookStarter""",
        ),
        (
            "md",
            """\
## Create (or open) your workbook

Run the next cell. Leave the folder as it is unless your facilitator says otherwise.

* **Start from the sample** fills the workbook with an invented person's six months of outreach, so every
  notebook has something to show. Good for a first workshop.
* **Start empty** when you are ready to record your own contacts.

Press **Open my workbook**. If the folder already exists it is simply opened: nothing is overwritten.""",
        ),
        (
            "code",
            """\
starter = WorkbookStarter()
starter""",
        ),
        (
            "md",
            """\
## Bring a file you already have

Many people already keep a spreadsheet of contacts. Others have the traces without a tracker:

* **LinkedIn**: *Settings → Data privacy → Get a copy of your data* sends you a `.zip`; upload it as it is.
  Conversations you started count as requests, a later answer as a reply; recruiters' messages and group
  chats started by others are left out.
* **Gmail**: Google Takeout gives a mailbox file (`.mbox`). Threads you started count as requests;
  automatic replies, bounces and newsletters are left out, and the report says how many.
* **Calendar** (`.ics` from Google or Outlook) for meetings, and **contacts** (`.vcf`) for the address book.

Upload a file (or type its path) and press **Check this file**. You will see how many rows were read, which
were merged as duplicates and which could not be used, with the row number as your spreadsheet shows it and
the reason, so you can fix the original if you wish. Your file is never changed.

When the report looks right, **Add to my workbook** merges it into the workbook you opened above: people
already there are matched by e-mail, profile link or name and organisation, not added twice.

No file of your own yet? Type `../data/sample/personal_tracker.xlsx` in the path box to try the sample.""",
        ),
        (
            "code",
            """\
checker = FileChecker(starter)
checker""",
        ),
        (
            "md",
            """\
## The same in code (optional)

If you are comfortable with Python, `load_log` returns the two tables as pandas DataFrames, with the report
attached. This cell loads the sample tracker spreadsheet.""",
        ),
        (
            "code",
            """\
from infoview_kit import load_log

log = load_log("../data/sample/personal_tracker.xlsx")
log.report""",
            OPTIONAL,
        ),
        (
            "code",
            """\
log.events.head()""",
            OPTIONAL,
        ),
        (
            "md",
            """\
## Check my work

Once you have opened your workbook, press **Check my work**. Each line should start with ✓. If one shows
✗, read its hint, do what it says and press the button again.""",
        ),
        (
            "code",
            """\
from infoview_kit.widgets import CheckMyWork

CheckMyWork(starter, "start")""",
        ),
        (
            "md",
            """\
**Next:** open `01_contacts_and_research.ipynb` to add the first person you would like to talk to.""",
        ),
    ],
}
