"""Synthetic exports for the importer tests: invented people, example.com addresses.

Each builder returns the file's bytes, shaped after the public descriptions of
the formats (LinkedIn's data archive, Google Takeout mbox, iCalendar from
Google and Outlook, vCard 3.0 as Google Contacts writes it). The owner of
every fixture is "Sam Rivera" <sam.rivera@example.com>.
"""

# ruff: noqa: E501  (the fixtures are file contents: one record per line reads best)
from __future__ import annotations

import io
import zipfile

OWNER = "Sam Rivera"
OWNER_EMAIL = "sam.rivera@example.com"
OWNER_URL = "https://www.linkedin.com/in/sam-rivera-example"

# ---------------------------------------------------------------- LinkedIn

CONNECTIONS_NEW = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Example,https://www.linkedin.com/in/ada-example,ada.example@example.com,Acme Analytics,Data Engineer,07 Jun 2025\n"
    "Zoë,Ñúñez,https://www.linkedin.com/in/zoe-nunez-example,zoe@example.com,Museo Ejemplo,Curator,02 May 2025\n"
    "Łukasz,Przykład,https://www.linkedin.com/in/lukasz-example,,Przykład Sp. z o.o.,Architect,15 Jan 2024\n"
    ",,,,,,02 Feb 2019\n"
    'Ada,Example,https://www.linkedin.com/in/ada-example/,,Acme Analytics,"Data Engineer",07 Jun 2025\n'
    '"Kim","Lee",https://www.linkedin.com/in/kim-lee-one,,"Northwind, Inc.",Analyst,21 Mar 2023\n'
    "Casey,Plain,https://www.linkedin.com/in/casey-plain,,Contoso,Designer,someday\n"
)

CONNECTIONS_OLD = (
    "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    "Ada,Example,ada.example@example.com,Acme Analytics,Data Engineer,07 Jun 2019\n"
    "Bo,Sample,,Fabrikam,Teacher,13 Dec 2018\n"
)

MESSAGES_NEW = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
    # you write to Ada, follow up ten days later, she answers
    f"c-ada,,{OWNER},{OWNER_URL},Ada Example,https://www.linkedin.com/in/ada-example,2025-06-10 09:00:00 UTC,,"
    '"Hi Ada,\nI am exploring data engineering.\nCould we talk for 20 minutes?",INBOX\n'
    f"c-ada,,{OWNER},{OWNER_URL},Ada Example,https://www.linkedin.com/in/ada-example,2025-06-20 09:00:00 UTC,,"
    "Gently following up.,INBOX\n"
    f"c-ada,,Ada Example,https://www.linkedin.com/in/ada-example,{OWNER},{OWNER_URL},2025-06-21 16:30:00 UTC,,"
    "Happy to. Thursday?,INBOX\n"
    f"c-ada,,{OWNER},{OWNER_URL},Ada Example,https://www.linkedin.com/in/ada-example,2025-06-21 17:00:00 UTC,,"
    "Thursday works.,INBOX\n"
    # Łukasz: your request in two parts a few minutes apart, no answer
    f"c-lu,,{OWNER},{OWNER_URL},Łukasz Przykład,https://www.linkedin.com/in/lukasz-example,2025-06-01 10:00:00 UTC,,"
    "Hello Łukasz,INBOX\n"
    f"c-lu,,{OWNER},{OWNER_URL},Łukasz Przykład,https://www.linkedin.com/in/lukasz-example,2025-06-01 10:04:00 UTC,,"
    '"(sorry, sent too early) Could I ask you about your work?",INBOX\n'
    # Zoë writes first after accepting your invitation: her answer
    f"c-zoe,,Zoë Ñúñez,https://www.linkedin.com/in/zoe-nunez-example,{OWNER},{OWNER_URL},2025-05-03 08:00:00 UTC,,"
    "Thanks for the invitation! Glad to help.,INBOX\n"
    f"c-zoe,,{OWNER},{OWNER_URL},Zoë Ñúñez,https://www.linkedin.com/in/zoe-nunez-example,2025-05-03 09:00:00 UTC,,"
    '"Wonderful, thank you.",INBOX\n'
    # a recruiter's InMail
    f"c-rec,,Riley Recruiter,https://www.linkedin.com/in/riley-recruiter-example,{OWNER},{OWNER_URL},"
    "2025-06-02 12:00:00 UTC,An exciting opportunity,We have a role for you.,INBOX\n"
    # a group chat someone else started
    f"c-grp,Study group,Morgan Group,https://www.linkedin.com/in/morgan-group-example,"
    f'"{OWNER}, Ada Example","{OWNER_URL}, https://www.linkedin.com/in/ada-example",'
    "2025-06-03 12:00:00 UTC,,Welcome all,INBOX\n"
    # a draft you never sent
    f"c-draft,,{OWNER},{OWNER_URL},Taylor Draft,https://www.linkedin.com/in/taylor-draft,2025-06-04 12:00:00 UTC,,"
    "Hi Taylor,DRAFT\n"
    # someone you never invited writes first
    f"c-cold,,Jamie Inbound,https://www.linkedin.com/in/jamie-inbound,{OWNER},{OWNER_URL},2025-06-05 12:00:00 UTC,,"
    "Hi Sam,INBOX\n"
    # you write to a second Kim Lee, not your connection
    f"c-kim2,,{OWNER},{OWNER_URL},Kim Lee,https://www.linkedin.com/in/kim-lee-two,2025-06-06 12:00:00 UTC,,"
    "Hello Kim,INBOX\n"
)

MESSAGES_OLD = (
    "From,To,Date,Subject,Content,Direction,Folder\n"
    f'{OWNER},Bo Sample,"6/7/19, 8:00 PM",Career question,"Hi Bo, may I ask about teaching?",OUTGOING,SENT\n'
    f'Bo Sample,{OWNER},"6/9/19, 7:15 AM",RE: Career question,Sure!,INCOMING,INBOX\n'
)

INVITATIONS = (
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    f'{OWNER},Zoë Ñúñez,"4/30/25, 8:52 AM","Hello Zoë, I admire the exhibitions you curate.",OUTGOING,'
    f"{OWNER_URL},https://www.linkedin.com/in/zoe-nunez-example\n"
    f'{OWNER},Casey Plain,"5/20/25, 1:05 PM",,OUTGOING,{OWNER_URL},https://www.linkedin.com/in/casey-plain\n'
    f'Jordan Inbound,{OWNER},"5/21/25, 4:10 PM",Hi,INCOMING,https://www.linkedin.com/in/jordan-inbound,{OWNER_URL}\n'
)


def excel_resaved(text: str, *, dates: dict[str, str]) -> bytes:
    """``text`` as Excel's "CSV UTF-8" writes it: BOM, CRLF, and its own date style."""
    for old, new in dates.items():
        text = text.replace(old, new)
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


def linkedin_zip(*, old: bool = False, extra: dict[str, bytes] | None = None) -> bytes:
    """A LinkedIn archive as downloaded (new shape, or an older one without URLs)."""
    members = {
        "Connections.csv": (CONNECTIONS_OLD if old else CONNECTIONS_NEW).encode("utf-8"),
        "messages.csv": (MESSAGES_OLD if old else MESSAGES_NEW).encode("utf-8"),
        "Profile.csv": b"First Name,Last Name,Headline\nSam,Rivera,Career explorer\n",
    }
    if not old:
        members["Invitations.csv"] = INVITATIONS.encode("utf-8")
    members.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# ---------------------------------------------------------------- mailbox (Google Takeout)

OWNER_FROM = f"{OWNER} <{OWNER_EMAIL}>"


def mail(
    *,
    sep: str,
    headers: dict[str, str],
    body: str = "Hello.",
) -> str:
    """One mbox entry: the separator line, headers in order, a blank line, the body."""
    lines = [f"From {sep}"] + [f"{k}: {v}" for k, v in headers.items()] + ["", body, ""]
    return "\n".join(lines) + "\n"


def _gm(thread: str, labels: str, **headers: str) -> dict[str, str]:
    return {"X-GM-THRID": thread, "X-Gmail-Labels": labels, **headers}


MBOX_MESSAGES = [
    # 1 you ask Ada
    mail(
        sep="1700000000000000001@xxx Mon Jun 02 09:00:00 +0000 2025",
        headers=_gm(
            "1001",
            "Sent,Opened",
            From=OWNER_FROM,
            To="Ada Example <ada.example@example.com>",
            Subject="Question about data engineering",
            Date="Mon, 2 Jun 2025 11:00:00 +0200",
            **{"Message-ID": "<m1@example.com>"},
        ),
    ),
    # 2 her out-of-office answer
    mail(
        sep="1700000000000000002@xxx Mon Jun 02 09:01:00 +0000 2025",
        headers=_gm(
            "1001",
            "Inbox",
            From="Ada Example <ada.example@example.com>",
            To=OWNER_FROM,
            Subject="Automatic reply: Question about data engineering",
            Date="Mon, 2 Jun 2025 09:01:00 +0000",
            **{
                "Auto-Submitted": "auto-replied",
                "Message-ID": "<m2@example.com>",
                "In-Reply-To": "<m1@example.com>",
            },
        ),
    ),
    # 3 your follow-up eight days later
    mail(
        sep="1700000000000000003@xxx Tue Jun 10 09:00:00 +0000 2025",
        headers=_gm(
            "1001",
            "Sent",
            From=OWNER_FROM,
            To="Ada Example <ada.example@example.com>",
            Subject="Re: Question about data engineering",
            Date="Tue, 10 Jun 2025 09:00:00 +0000",
            **{"Message-ID": "<m3@example.com>", "In-Reply-To": "<m1@example.com>"},
        ),
    ),
    # 4 her real reply
    mail(
        sep="1700000000000000004@xxx Wed Jun 11 14:00:00 +0000 2025",
        headers=_gm(
            "1001",
            "Inbox,Important",
            From="Ada Example <ada.example@example.com>",
            To=OWNER_FROM,
            Subject="Re: Question about data engineering",
            Date="Wed, 11 Jun 2025 14:00:00 +0000",
            **{
                "Message-ID": "<m4@example.com>",
                "In-Reply-To": "<m3@example.com>",
                "References": "<m1@example.com> <m3@example.com>",
            },
        ),
    ),
    # 5 you ask Bo
    mail(
        sep="1700000000000000005@xxx Tue Jun 03 08:00:00 +0000 2025",
        headers=_gm(
            "1002",
            "Sent",
            From=OWNER_FROM,
            To="Bo Sample <bo.sample@example.com>",
            Subject="Coffee chat?",
            Date="Tue, 3 Jun 2025 08:00:00 +0000",
            **{"Message-ID": "<m5@example.com>"},
        ),
    ),
    # 6 Bo answers from a client that drops the reply headers (no thread id either)
    mail(
        sep="1700000000000000006@xxx Thu Jun 05 12:00:00 +0000 2025",
        headers={
            "From": "Bo Sample <bo.sample@example.com>",
            "To": OWNER_FROM,
            "Subject": "RE: Coffee chat?",
            "Date": "Thu, 5 Jun 2025 12:00:00 +0000",
            "Message-ID": "<m6@example.com>",
        },
    ),
    # 7 you write to a mistyped address ...
    mail(
        sep="1700000000000000007@xxx Wed Jun 04 10:00:00 +0000 2025",
        headers=_gm(
            "1003",
            "Sent",
            From=OWNER_FROM,
            To="cleo.typo@example.com",
            Subject="Hello from a student",
            Date="Wed, 4 Jun 2025 10:00:00 +0000",
            **{"Message-ID": "<m7@example.com>"},
        ),
    ),
    # 8 ... and it bounces
    mail(
        sep="1700000000000000008@xxx Wed Jun 04 10:00:05 +0000 2025",
        headers=_gm(
            "1003",
            "Inbox",
            From="Mail Delivery Subsystem <mailer-daemon@example.com>",
            To=OWNER_EMAIL,
            Subject="Delivery Status Notification (Failure)",
            Date="Wed, 4 Jun 2025 10:00:05 +0000",
            **{
                "Content-Type": 'multipart/report; report-type=delivery-status; boundary="b1"',
                "Message-ID": "<m8@example.com>",
                "In-Reply-To": "<m7@example.com>",
            },
        ),
    ),
    # 9 a newsletter
    mail(
        sep="1700000000000000009@xxx Thu Jun 05 07:00:00 +0000 2025",
        headers=_gm(
            "1004",
            "Inbox,Category Promotions",
            From="Careers Weekly <news@example.com>",
            To=OWNER_EMAIL,
            Subject="This week in careers",
            Date="Thu, 5 Jun 2025 07:00:00 +0000",
            **{
                "List-Unsubscribe": "<mailto:leave@example.com>",
                "Precedence": "bulk",
                "Message-ID": "<m9@example.com>",
            },
        ),
    ),
    # 10 spam
    mail(
        sep="1700000000000000010@xxx Thu Jun 05 07:30:00 +0000 2025",
        headers=_gm(
            "1005",
            "Spam",
            From="Prize <prize@example.com>",
            To=OWNER_EMAIL,
            Subject="You won",
            Date="Thu, 5 Jun 2025 07:30:00 +0000",
            **{"Message-ID": "<m10@example.com>"},
        ),
    ),
    # 11 someone else writes first
    mail(
        sep="1700000000000000011@xxx Fri Jun 06 07:30:00 +0000 2025",
        headers=_gm(
            "1006",
            "Inbox",
            From="Jamie Inbound <jamie@example.com>",
            To=OWNER_FROM,
            Subject="Hello",
            Date="Fri, 6 Jun 2025 07:30:00 +0000",
            **{"Message-ID": "<m11@example.com>"},
        ),
    ),
    # 12 you ask Dana; your Date header is broken
    mail(
        sep="1700000000000000012@xxx Mon Jun 09 08:00:00 +0000 2025",
        headers=_gm(
            "1007",
            "Sent",
            From=OWNER_FROM,
            To="Dana Müller <dana@example.com>",
            Subject="Your path into design",
            Date="Someday, 35 Foo 2025",
            **{"Message-ID": "<m12@example.com>"},
        ),
    ),
    # 13 Dana's reply, her clock says May
    mail(
        sep="1700000000000000013@xxx Tue Jun 10 08:00:00 +0000 2025",
        headers=_gm(
            "1007",
            "Inbox",
            From="=?UTF-8?Q?Dana_M=C3=BCller?= <dana@example.com>",
            To=OWNER_FROM,
            Subject="Re: Your path into design",
            Date="Thu, 1 May 2025 08:00:00 +0000",
            **{"Message-ID": "<m13@example.com>", "In-Reply-To": "<m12@example.com>"},
        ),
    ),
    # 14 you ask Zoë (non-ASCII name, encoded)
    mail(
        sep="1700000000000000014@xxx Wed Jun 11 08:00:00 +0000 2025",
        headers=_gm(
            "1008",
            "Sent",
            From=OWNER_FROM,
            To="=?UTF-8?Q?Zo=C3=AB_=C3=91=C3=BA=C3=B1ez?= <zoe@example.com>",
            Subject="=?UTF-8?Q?Pregunta_sobre_museos?=",
            Date="Wed, 11 Jun 2025 08:00:00 +0000",
            **{"Message-ID": "<m14@example.com>"},
        ),
    ),
]


def mbox_bytes(messages: list[str] | None = None) -> bytes:
    """A Takeout-style mailbox of ``messages`` (default: the whole story above)."""
    return "".join(MBOX_MESSAGES if messages is None else messages).encode("utf-8")


# ---------------------------------------------------------------- calendars (.ics)

_LONDON = """BEGIN:VTIMEZONE
TZID:Europe/London
X-LIC-LOCATION:Europe/London
BEGIN:DAYLIGHT
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
TZNAME:BST
DTSTART:19700329T010000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
TZNAME:GMT
DTSTART:19701025T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""


def _vevent(uid: str, *lines: str, guests: tuple[tuple[str, str, str], ...] = ()) -> str:
    people = [
        f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={state};CN={cn};X-NUM-GUESTS=0:mailto:{addr}"
        for cn, addr, state in guests
    ]
    return "\n".join(
        ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20250601T000000Z", *lines, *people, "END:VEVENT"]
    )


_ME = (OWNER, OWNER_EMAIL, "ACCEPTED")

GOOGLE_EVENTS = [
    _vevent(
        "ada@google.com",
        "DTSTART;TZID=Europe/London:20250619T140000",
        "DTEND;TZID=Europe/London:20250619T143000",
        "SUMMARY:Chat with Ada about data engineering",
        "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij",
        "DESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij\\nQuestions to ask: what a t",
        " ypical week looks like\\, which skills matter most.",
        f"ORGANIZER;CN={OWNER}:mailto:{OWNER_EMAIL}",
        "STATUS:CONFIRMED",
        guests=(_ME, ("Ada Example", "ada.example@example.com", "ACCEPTED")),
    ),
    _vevent(
        "bo@google.com",
        "DTSTART:20250902T090000Z",
        "DTEND:20250902T093000Z",
        "SUMMARY:Coffee with Bo",
        "LOCATION:Café Central\\, 1 Main Street",
        "STATUS:CONFIRMED",
        f"ORGANIZER;CN={OWNER}:mailto:{OWNER_EMAIL}",
        guests=(_ME, ("Bo Sample", "bo.sample@example.com", "NEEDS-ACTION")),
    ),
    _vevent(
        "zoe@google.com",
        "DTSTART;TZID=Europe/London:20250612T100000",
        "SUMMARY:Museum visit with Zoë",
        "STATUS:CANCELLED",
        f"ORGANIZER;CN={OWNER}:mailto:{OWNER_EMAIL}",
        guests=(_ME, ("Zoë Ñúñez", "zoe@example.com", "ACCEPTED")),
    ),
    _vevent(
        "dana@google.com",
        "DTSTART:20250616T160000Z",
        "SUMMARY:Design career call",
        "LOCATION:+1 555 0100",
        f"ORGANIZER;CN={OWNER}:mailto:{OWNER_EMAIL}",
        guests=(_ME, ("Dana Müller", "dana@example.com", "DECLINED")),
    ),
    _vevent(
        "lukasz@google.com",
        "DTSTART;TZID=Mars/Olympus_Mons:20250617T080000",
        "SUMMARY:Architecture chat",
        f"ORGANIZER;CN={OWNER}:mailto:{OWNER_EMAIL}",
        guests=(_ME, ("Łukasz Przykład", "lukasz@example.com", "ACCEPTED")),
    ),
    _vevent(
        "dentist@google.com",
        "DTSTART;TZID=Europe/London:20250618T083000",
        "SUMMARY:Dentist",
        f"ORGANIZER;CN={OWNER}:mailto:{OWNER_EMAIL}",
    ),
    _vevent(
        "kim@google.com",
        "DTSTART;VALUE=DATE:20250620",
        "DTEND;VALUE=DATE:20250621",
        "SUMMARY:Career fair stand with Kim",
        "ORGANIZER;CN=Kim Lee:mailto:kim.lee@example.com",
        guests=(_ME,),
    ),
    _vevent(
        "jamie@google.com",
        "DTSTART:20250623T120000",
        "SUMMARY:Lunch with Jamie",
        f"ORGANIZER;CN={OWNER}:mailto:{OWNER_EMAIL}",
        guests=(
            _ME,
            ("Jamie Inbound", "jamie@example.com", "ACCEPTED"),
            ("Meeting room 2", "room2@resource.calendar.google.com", "ACCEPTED"),
        ),
    ),
    _vevent(
        "talk@google.com",
        "DTSTART:20250624T170000Z",
        "SUMMARY:Alumni panel",
        "ORGANIZER;CN=Alumni office:mailto:alumni@example.com",
        guests=(_ME, *((f"Guest {i}", f"guest{i}@example.com", "ACCEPTED") for i in range(10))),
    ),
]


def google_ics(events: list[str] | None = None) -> bytes:
    """A Google Calendar export (CRLF, calendar named after the owner's address)."""
    body = "\n".join(
        [
            "BEGIN:VCALENDAR",
            "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"X-WR-CALNAME:{OWNER_EMAIL}",
            "X-WR-TIMEZONE:Europe/London",
            _LONDON,
            *(GOOGLE_EVENTS if events is None else events),
            "END:VCALENDAR",
        ]
    )
    return (body.replace("\n", "\r\n") + "\r\n").encode("utf-8")


OUTLOOK_ICS = """BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:REQUEST
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
ORGANIZER;CN="Example, Ada":mailto:ada.example@example.com
ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE;CN=Sam Rivera:mailto:sam.rivera@example.com
DESCRIPTION;LANGUAGE=en-US:Microsoft Teams meeting\\nJoin: https://teams.microsoft.com/l/meetup-join/x
UID:040000008200E00074C5B7101A82E00800000000
SUMMARY;LANGUAGE=en-US:Follow-up conversation
DTSTART;TZID=W. Europe Standard Time:20250703T150000
DTEND;TZID=W. Europe Standard Time:20250703T153000
DTSTAMP:20250620T101010Z
STATUS:CONFIRMED
END:VEVENT
END:VCALENDAR
""".replace("\n", "\r\n").encode("utf-8")

# ---------------------------------------------------------------- address book (.vcf)

VCF_GOOGLE = """BEGIN:VCARD
VERSION:3.0
FN:Ada Example
N:Example;Ada;;;
EMAIL;TYPE=INTERNET;TYPE=HOME:ada.home@example.com
EMAIL;TYPE=INTERNET;TYPE=WORK;TYPE=pref:Ada.Example@example.com
TEL;TYPE=CELL:+1 555 0101
ORG:Acme Analytics;Platform team
TITLE:Data Engineer
item1.URL:https\\://www.linkedin.com/in/ada-example
item1.X-ABLabel:LinkedIn
item2.URL:https\\://ada.example.com
NOTE:Met at the spring career fair\\, very generous with her time. She sugges
 ted I talk to Bo.
CATEGORIES:myContacts,Alumni
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Zoë Ñúñez
N:Ñúñez;Zoë;;;
EMAIL;TYPE=INTERNET:zoe@example.com
ORG:Museo Ejemplo
TITLE:Curator
CATEGORIES:starred
END:VCARD
BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Przyk=C5=82ad;=C5=81ukasz
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C5=81ukasz Przyk=C5=82ad
EMAIL;PREF;INTERNET:lukasz@example.com
ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Przyk=C5=82ad Sp. z o.o.
TEL;WORK;VOICE:+48 12 345 67 89
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Ada Example
EMAIL;TYPE=INTERNET:ADA.EXAMPLE@EXAMPLE.COM
TITLE:Senior Data Engineer
END:VCARD
BEGIN:VCARD
VERSION:3.0
TEL;TYPE=CELL:+1 555 0199
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Broken Card
PHOTO;ENCODING=b;TYPE=JPEG:%%%not base64%%%
END:VCARD
""".replace("\n", "\r\n").encode("utf-8")
