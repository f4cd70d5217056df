"""Text of ``07_reflect``: key figures, charts, the reflection dashboard, what is due.

After a change, run ``make notebooks`` (``python -m tools.build_notebooks``).
"""

# Markdown prose below is wrapped for reading, not to the code line length.
# ruff: noqa: E501

from __future__ import annotations

from tools.notebook_text import Cell

NOTEBOOKS: dict[str, list[Cell]] = {
    "07_reflect": [
        (
            "md",
            """\
# 7. Look back: what worked, and how your network grew

**By the end of this notebook you will know** how many of your requests were answered and how quickly,
which kinds of connection and which channels worked best for you, whether your follow-ups and thank-yous
went out on time, how your network grew and through whom, and what you learned in each field. You will
also have a short list of people you owe a thank-you, an update or a follow-up.

**How to use this notebook.** Run the cells from top to bottom: click into a grey cell and press
**Shift + Enter**, or choose **Run → Run All Cells**. Nothing here changes your workbook: every chart is
read from it, so you can run this notebook as often as you like, for example once a month.""",
        ),
        (
            "md",
            """\
## Open your workbook

The first cell opens your workbook (or creates it from the practice sample the first time) and says how
many contacts and events it holds.""",
        ),
        (
            "code",
            """\
from infoview_kit.workshop import describe_workbook, open_workbook

workbook = open_workbook()
log = workbook.log()
print(describe_workbook(workbook))""",
        ),
        (
            "md",
            """\
## Your key figures

A few numbers in plain words. Two things to keep in mind while reading them:

* a request you sent last week has not had its chance yet, so it counts as *still waiting*, not as a
  refusal (that is what the "half of your requests had a reply within ... days" line takes care of);
* the interval after a reply rate is the range the true rate probably lies in. With ten requests it is
  wide; it narrows as you send more.""",
        ),
        (
            "code",
            """\
from infoview_kit import format_summary, summary_figures

print(format_summary(summary_figures(log)))""",
        ),
        (
            "md",
            """\
## Which connections answer?

Each bar is the share of requests that got any answer (a decline counts: it is still an answer), by how
you know the person. The thin line is the likely range, and the label says replies out of requests.

**How to use it.** Long bars with many requests behind them are where your next requests should go. If
warm connections (people who were referred, alumni, former colleagues) answer far more often than cold
requests, ask the people you meet for names rather than writing to strangers. Change `"connection"` to
`"channel"` or `"field"` to compare those instead.""",
        ),
        (
            "code",
            """\
from infoview_kit import plots
from infoview_kit.workshop import chart

chart(plots.plot_response_rates(log, by="connection"))""",
        ),
        (
            "md",
            """\
## How quickly do replies come?

The line climbs each time a request gets its first answer; read it as "after this many days, this share
of my requests had been answered". Requests without an answer yet hold the line flat rather than pulling
it down, so recent requests do not make the picture look worse than it is. The shaded band is the likely
range.

**How to use it.** Most answers arrive within the first few working days. If the line is still flat after
a week and a half, that is the moment for one friendly follow-up (see the next charts), not for waiting
longer.""",
        ),
        (
            "code",
            """\
chart(plots.plot_time_to_reply(log))""",
        ),
        (
            "md",
            """\
## From request to referral

Each bar counts the requests that got at least that far: a reply, a conversation, a thank-you after it,
and at least one new name. The percentage is the share of all your requests.

**How to use it.** Look for the biggest drop between two bars. A big drop after *replied* may mean the
reply was not turned into a date: suggest two or three concrete times. A drop after *met* means thank-yous
are missing; a drop after *thanked* means you could ask more often "who else should I talk to?".""",
        ),
        (
            "code",
            """\
chart(plots.plot_funnel(log))""",
        ),
        (
            "md",
            """\
## Did unanswered requests get one follow-up?

A rule of thumb from job-search coaching (the "3B7" rule): if someone has not answered after three working
days, write to a second person at the same organisation; after seven working days, send the first person
one short, polite reminder. The chart sorts every request that waited seven working days without an
answer by what happened next.

**How to use it.** "On time" is what you want. Many "No follow-up" bars mean answers you never gave people
the chance to send: people are busy, and a reminder is usually welcome. Never send a third message to the
same person; try someone else instead.""",
        ),
        (
            "code",
            """\
chart(plots.plot_follow_up_discipline(log))""",
        ),
        (
            "md",
            """\
## How your network grew

The stacked areas count everyone in your workbook, by the date they entered it and by how you know them.
A layer that keeps growing is a route that works; a flat stretch is a quiet period.

**How to use it.** If the referral layer grows, your conversations are opening doors. If the whole chart
is flat for a month, plan two or three requests this week.""",
        ),
        (
            "code",
            """\
chart(plots.plot_network_growth(log, freq="M"))""",
        ),
        (
            "md",
            """\
## Who led you to whom

Each tree starts with someone you found yourself; a line goes to each person they suggested, and so on.
Orange dots are people who passed on at least one name.

**How to use it.** Long chains show how one good conversation can lead far. If most people stand alone,
make "Is there anyone else you think I should talk to?" a fixed last question.""",
        ),
        (
            "code",
            """\
chart(plots.plot_referral_tree(log))""",
        ),
        (
            "md",
            """\
## Your pace

How many new people you wrote to each month. A steady pace beats a burst followed by silence: a few
requests every week keep replies, meetings and follow-ups at a level you can handle well.""",
        ),
        (
            "code",
            """\
chart(plots.plot_contacts_per_month(log))""",
        ),
        (
            "md",
            """\
## Who answered gladly? (for you alone)

Career coach Steve Dalton sorts the people you write to into three loose groups: those who answer quickly
and help (he calls them Boosters), those who answer slowly or only after a reminder (Obligates), and those
who never answer or say no (Curmudgeons). The cell below applies that idea to your dates; the exact rule is
in the help of `contact_types`. It is a rough reading of a few dates, for your own planning only: it says
where to spend your energy, not anything about the people themselves. Never share it.""",
        ),
        (
            "code",
            """\
from infoview_kit import contact_types
from infoview_kit.workshop import readable_table

readable_table(contact_types(log)["type"].value_counts())""",
        ),
        (
            "md",
            """\
## Everything together: the reflection dashboard

The dashboard shows the same charts with filters. Pick a date range, or tick one or more channels, kinds
of connection or fields, and every figure and chart follows; a group with nothing ticked shows all of it.
**Show everything** clears the filters. The tabs hold the charts; below them you find what you learned,
field by field, the people you owe a message, and a few questions to think over.""",
        ),
        (
            "code",
            """\
from infoview_kit.widgets import ReflectionDashboard

dashboard = ReflectionDashboard(log)
dashboard""",
        ),
        (
            "md",
            """\
## What did I learn, field by field?

Your notes from each conversation, grouped by field. Read them one field at a time and ask yourself: what
do several people agree on? What surprised me? Which skills keep coming up, and do I have them yet?""",
        ),
        (
            "code",
            """\
from infoview_kit import lessons_by_field

readable_table(lessons_by_field(log), columns=["field", "name", "organization", "met_on", "notes"])""",
        ),
        (
            "md",
            """\
## Whom do I owe a message?

Open actions, with the date each one falls due: a follow-up, a thank-you, news for someone you met a while
ago, or the outcome of a meeting you arranged. Notebook `06_follow_up` can put them in your calendar.""",
        ),
        (
            "code",
            """\
from infoview_kit import due_list

readable_table(due_list(log, today="today"), columns=["due_on", "action", "name", "reason"])""",
        ),
        (
            "md",
            """\
## Write it down

Take ten minutes and answer these in your own words (in a notes file, or in your workbook's `prep/` folder):

1. Which conversation changed what I plan to do next, and how?
2. How well does what I heard fit my skills, my values and the way I like to work?
3. What do I still need to find out before I decide, and who could tell me?
4. Who are the next three people I will write to, and who could introduce me?

**Next:** `08_decide` compares the fields you explored, with the evidence behind each one. Or go back to
`03_request` for the next requests, or to `06_follow_up` to send what is due.""",
        ),
    ]
}
