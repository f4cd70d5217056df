"""Text of the preparation notebooks 01-06.

Every one has the same shape: what you will have at the end, short guidance,
one or two lines of code per cell, and a "check my work" cell. After a change,
run ``make notebooks`` (``python -m tools.build_notebooks``).
"""

# Markdown prose below is wrapped for reading, not to the code line length.
# ruff: noqa: E501

from __future__ import annotations

from tools.notebook_text import Cell

OPEN = """\
from infoview_kit.workshop import describe_workbook, open_workbook

workbook = open_workbook()
print(describe_workbook(workbook))"""

RUNNING = """\
**How to use this notebook.** Run the cells from top to bottom: click into a grey cell and press
**Shift + Enter**, or choose **Run → Run All Cells**. Forms appear under some cells: fill them in and press
their buttons. Everything you save goes into your workbook folder (`my_workbook/` next to these
notebooks), so the next notebook picks up where this one stops. Nothing is ever sent for you: you copy
the text, or open the downloaded draft in your own mail program."""

OPEN_NOTE = """\
## Open your workbook

The first cell opens your workbook (or creates it from the practice sample the first time). The line it
prints tells you how many contacts and events it holds."""


def check_cell(step: str) -> str:
    return f"""\
from infoview_kit.widgets import CheckMyWork

CheckMyWork(workbook, "{step}")"""


CHECK_NOTE = """\
## Check my work

When you have pressed the buttons above, press **Check my work**. Each line starts with ✓ (done), ! (worth
a second look) or ✗ (still to do) and says what to change. Fix what it points to, then press it again."""


NOTEBOOKS: dict[str, list[Cell]] = {
    "01_contacts_and_research": [
        (
            "md",
            """\
# 1. Contacts and research

**By the end of this notebook you will have** the people you would like to talk to in your workbook,
each with a note of how you are connected, and a short research note on at least one of them: what they
work on, a few links, and the questions your reading raised.""",
        ),
        ("md", RUNNING),
        ("md", OPEN_NOTE),
        ("code", OPEN),
        (
            "md",
            """\
## Who to ask

Start with people who are easiest to reach and most likely to say yes, then widen the circle:

* **someone suggested them to you**: the warmest start, because you can name the person who sent you;
* **a shared school or programme**: former students of your college, course or bootcamp;
* **faculty, family, friends and former colleagues**, and the people *they* know;
* **people you met at an event**, a talk or a meetup;
* **people you have no link to yet** ("cold"): still worth trying, with a short, specific note.

Aim for people two to ten years ahead of you in the work you are curious about; very senior people
are often harder to reach and further from what a newcomer needs to know.

Add each person below. *How connected* matters: later notebooks use it to word your messages, and the
reflection notebook uses it to show which kinds of connection answer most often. If someone already in
your workbook suggested this person, choose them under *Referred by*.""",
        ),
        (
            "code",
            """\
from infoview_kit.widgets import ContactsView

ContactsView(workbook)""",
        ),
        (
            "md",
            """\
## Research before you write

A quarter of an hour of reading makes your request specific and your questions sharper. Look for:

* their current role and what their team or organisation does;
* something they have written, said or built (an article, a talk, a project page, a post);
* recent news about their organisation or their field;
* the path that took them where they are, if it is public.

Pick the person in the form below, note what they work on, paste a few links (one per line) and write
down what your reading made you wonder. Press **Save research**: the note goes into their own folder in
your workbook, and you can come back to it any time.""",
        ),
        (
            "code",
            """\
from infoview_kit.widgets import ResearchView

ResearchView(workbook)""",
        ),
        (
            "md",
            """\
## The people in your workbook

The ten you added most recently:""",
        ),
        (
            "code",
            """\
from infoview_kit.workshop import readable_table

recent = workbook.contacts.sort_values("added_on", ascending=False).head(10)
readable_table(recent, columns=["name", "organization", "role", "connection"])""",
        ),
        ("md", CHECK_NOTE),
        ("code", check_cell("contacts")),
        ("md", "**Next:** `02_introduction.ipynb`, to prepare the half-minute you will open with."),
    ],
    "02_introduction": [
        (
            "md",
            """\
# 2. Your 30-second introduction

**By the end of this notebook you will have** a short spoken introduction of yourself for one contact,
timed at your own speaking pace and saved in your workbook. You will open your request, your calls and
the meeting itself with a version of it.""",
        ),
        ("md", RUNNING),
        ("md", OPEN_NOTE),
        ("code", OPEN),
        (
            "md",
            """\
## Four parts, in this order

1. **Your full name**, so they can place you and find you again.
2. **How you are connected**: who suggested you get in touch, or what you share (a school, a programme,
   an event). Say it early: it is the reason they will listen.
3. **Where you are now**: your studies or work, in one sentence.
4. **What you are exploring**: the field or the question that brings you to them.

Keep it polite and short. Most people speak at about 130 to 150 words a minute, so half a minute is
roughly 65 to 75 words. The form counts the words and estimates the time at the pace you choose; the
checks underneath say what is missing or too long.

The connection changes from one person to the next, so the introduction is saved for the contact you
pick. Your name, background and interests are remembered and filled in for the next contact.""",
        ),
        (
            "code",
            """\
from infoview_kit.widgets import IntroductionView

IntroductionView(workbook)""",
        ),
        (
            "md",
            """\
## Say it aloud

Read the preview aloud with a timer running. If you run over, cut adjectives and anything the other
person does not need in order to help you. It should sound like you talking, not like a cover letter:
change the wording freely, then press **Save draft** again.""",
        ),
        ("md", CHECK_NOTE),
        ("code", check_cell("introduction")),
        ("md", "**Next:** `03_request.ipynb`, to ask for the conversation."),
    ],
    "03_request": [
        (
            "md",
            """\
# 3. Asking for the conversation

**By the end of this notebook you will have** a request for a short conversation (an e-mail, a LinkedIn
note or a letter) and a voicemail script in case you phone, both checked and saved, and once you have
sent the request, a record of it in your log.""",
        ),
        ("md", RUNNING),
        ("md", OPEN_NOTE),
        ("code", OPEN),
        (
            "md",
            """\
## What a good request contains

In roughly this order:

1. a greeting, and who you are (your full name);
2. **the connection first**: "Lee Park suggested I get in touch", or what you have in common;
3. where you are now, and what you are exploring;
4. what you hope to learn from *them*: their experience and their advice. You are asking for
   information, not for a job; a request that sounds like a job application is easy to decline;
5. respect for their time: a short conversation (15 to 30 minutes) by phone, video or in person, within
   a stated window such as the next two or three weeks, at whatever time suits them;
6. an easy way out: answering a few questions by e-mail instead, or pointing you to someone else;
7. thanks, and a question at the end, so replying is easy.

**Keep it short.** A first e-mail reads best at about 75 words or fewer; past that the check suggests
trimming and says why. A LinkedIn connection note has a hard limit of 300 characters. A letter can
be a little fuller.

Choose the channel, fill in the form and watch the checks. Text in [square brackets] is a placeholder:
replace it with your own words. For an e-mail, **Download as an e-mail draft** gives you a file that
opens as a new, unsent message in your mail program; or copy the text from the box.""",
        ),
        (
            "code",
            """\
from infoview_kit.widgets import RequestView

RequestView(workbook)""",
        ),
        (
            "md",
            """\
## When you have sent it

Set the date under the form and press **Log request sent**. Your log then knows when to remind you to
follow up (notebook 6), and your reflection charts can count the replies.""",
        ),
        (
            "md",
            """\
## If you phone: the voicemail script

Often you reach a voicemail. Have a script ready so the message stays short and clear:

* say your name, your number and your e-mail **at the start and again at the end**, slowly;
* say how you are connected and, in one sentence, why you are calling;
* say when you will try again (for example in a couple of weeks), and that they are welcome to call
  you first.

Keep it under about 45 seconds. After you leave the message, press **Log voicemail left**.""",
        ),
        (
            "code",
            """\
from infoview_kit.widgets import VoicemailView

VoicemailView(workbook)""",
        ),
        ("md", CHECK_NOTE),
        ("code", check_cell("request")),
        ("md", "**Next:** once someone agrees to talk, `04_questions.ipynb`."),
    ],
    "04_questions": [
        (
            "md",
            """\
# 4. Questions that fit the time

**By the end of this notebook you will have** an interview sheet for your meeting: your introduction,
the questions you will ask in order, with the minute by which to move on from each, room for notes, and
the closing questions. You can print it or keep it open on your phone.""",
        ),
        ("md", RUNNING),
        ("md", OPEN_NOTE),
        ("code", OPEN),
        (
            "md",
            """\
## What to ask about

The question bank covers the topics that tend to teach you most:

* how they came to this work, and what keeps them interested in it;
* what a normal day, week or project looks like, and what they like best and find hardest;
* the skills that matter most, and how the work fits with the rest of life;
* where the field is growing or changing;
* what they would do to get ready if they were starting again today;
* other fields that the same training leads to;
* associations, reading and people worth following;
* their advice for you.

Three well-known ways of organising such questions are tagged in the bank: **TIARA** (trends, insights,
advice, resources, assignments), **Bolles' four** (how did you get into this, what do you like most,
what do you like least, who else should I talk to) and **AIR** (advice, insight, referral). You do not
need to follow any of them; they are there to help you spot a gap.""",
        ),
        (
            "code",
            """\
from infoview_kit import question_bank
from infoview_kit.workshop import readable_table

readable_table(question_bank(), columns=["category", "question", "minutes", "frameworks"])""",
        ),
        (
            "md",
            """\
## Fit them to the time you asked for

Fewer, better questions beat a long list: in 20 to 30 minutes you will get through about five to seven,
with time to follow up on what interests you. The form keeps three minutes for your introduction, picks
one question from each topic in turn until the time is full, and always ends with the two closing
questions: **who else should I talk to** (ask for two or three names, not one) and **may I follow up**.

Choose topics, pick questions you must ask, or add your own. The minute marks on the sheet help you keep
to the time you promised. Press **Save sheet** to keep it with the contact; the download link gives you
a page to print.""",
        ),
        (
            "code",
            """\
from infoview_kit.widgets import QuestionsView

QuestionsView(workbook)""",
        ),
        ("md", CHECK_NOTE),
        ("code", check_cell("questions")),
        ("md", "**Next:** on the day itself, `05_meeting.ipynb`."),
    ],
    "05_meeting": [
        (
            "md",
            """\
# 5. The meeting

**By the end of this notebook you will have** gone through a meeting-day checklist, and after the
meeting: your notes saved, the meeting in your log, and every person they suggested added to your
contacts, linked to the person who suggested them.""",
        ),
        ("md", RUNNING),
        ("md", OPEN_NOTE),
        ("code", OPEN),
        (
            "md",
            """\
## On the day

* Dress the way people at their workplace dress; if unsure, one notch smarter.
* Arrive (or join the call) about five minutes early.
* Bring your interview sheet from notebook 4.
* Ask whether they mind you taking notes, then keep your eyes on them more than on the page.
* Open with a short version of your introduction.
* Keep to the time you asked for; if they offer more, that is their gift to give.
* Before you leave, ask whom else you should talk to, and thank them.

Tick the items in the form as you go and press **Save checklist**.""",
        ),
        (
            "md",
            """\
## Straight after the meeting

Write it down the same day, while it is fresh: what you learned, the advice they gave, and the names
they suggested, one per line (name, organisation, role and e-mail if you have them). Press **Log the
meeting**: the meeting goes into your log, each name becomes a new contact referred by this person, and
your notes are saved in their folder. Each conversation tends to bring one or two new names: that is
how your network grows.""",
        ),
        (
            "code",
            """\
from infoview_kit.widgets import MeetingView

MeetingView(workbook)""",
        ),
        ("md", CHECK_NOTE),
        ("code", check_cell("meeting")),
        ("md", "**Next:** within a day, `06_follow_up.ipynb` for your thank-you note."),
    ],
    "06_follow_up": [
        (
            "md",
            """\
# 6. Thank, follow up, stay in touch

**By the end of this notebook you will have** sent (and logged) a thank-you note within a day of your
meeting, a polite follow-up ready for anyone who has not answered, an update to send a few months on,
and a list of what is due next, which you can add to your calendar.""",
        ),
        ("md", RUNNING),
        ("md", OPEN_NOTE),
        ("code", OPEN),
        (
            "md",
            """\
## The thank-you note

Send it within a day. Keep it short, and make it specific: name one thing you learned from them, and
one thing you have already done with their advice (read what they suggested, joined a group, contacted
someone they named). That shows their time made a difference, which is the best thanks there is.

The form picks the person you met most recently and fills in what you wrote after the meeting. Save the
draft, send it from your mail program, then press **Log thank-you sent**.""",
        ),
        (
            "code",
            """\
from infoview_kit.widgets import ThankYouView

ThankYouView(workbook)""",
        ),
        (
            "md",
            """\
## No reply yet?

Silence usually means busy, not no. Wait about seven business days after your request, then send **one**
short, friendly follow-up that makes answering easy. If that goes unanswered too, do not send a third:
try someone else at the same organisation instead. (One way to pace it: if a first person has not
answered after three business days, write to a second person there; after seven, follow up with the
first.) Log the follow-up when you send it, so the reminders below stay right.""",
        ),
        (
            "code",
            """\
from infoview_kit.widgets import FollowUpView

FollowUpView(workbook)""",
        ),
        (
            "md",
            """\
## Staying in touch

A few months after you met, tell them how things have moved on, and offer something useful in return:
an article on a topic they care about, an event, an introduction. A few such notes a year keep the
relationship alive without asking anything of them.""",
        ),
        (
            "code",
            """\
from infoview_kit.widgets import StayInTouchView

StayInTouchView(workbook)""",
        ),
        (
            "md",
            """\
## What is due next

This list reads your log and shows what to do and when: follow-ups, thank-yous, updates and meetings
whose outcome you have not recorded. The download link puts the same list in your calendar, with a
reminder on each day (it works with Google Calendar, Outlook and Apple Calendar).""",
        ),
        (
            "code",
            """\
from infoview_kit.widgets import DueListView

DueListView(workbook)""",
        ),
        ("md", CHECK_NOTE),
        ("code", check_cell("follow_up")),
        (
            "md",
            "**Next:** `07_reflect.ipynb`, to look back on what you learned and how your network grew.",
        ),
    ],
}
