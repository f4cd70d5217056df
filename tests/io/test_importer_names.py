"""Names written "Family, Given" read "Given Family" in every importer (mailbox, address book,
calendar, LinkedIn), with the loader's safeguards: letters after a name, organisations and
two people are kept as written."""

from __future__ import annotations

from infoview_kit.io.importers import read_ics, read_linkedin, read_mbox, read_vcf
from infoview_kit.io.importers.mbox import named_addresses

OWNER = "sam.rivera@example.com"


def _message(number: int, sender: str, to: str, day: int) -> str:
    return (
        f"From someone@example.com Mon Jun {day:2d} 09:00:00 2025\n"
        f"From: {sender}\nTo: {to}\nSubject: Question {number}\n"
        f"Date: Mon, {day:02d} Jun 2025 09:00:00 +0000\nMessage-ID: <m{number}@example.com>\n\n"
        "Could we talk for twenty minutes?\n\n"
    )


def _names(log) -> dict[str, str]:
    return dict(zip(log.contacts["email"], log.contacts["name"], strict=True))


def test_mailbox_names_read_given_family_with_the_safeguards():
    me = f"Sam Rivera <{OWNER}>"
    box = "".join(
        [
            _message(1, me, '"Example, Ada" <ada@example.com>', 2),  # as Outlook writes it
            _message(2, me, "Sample, Bo <bo@example.com>", 3),  # the same, unquoted
            _message(3, me, '"Tester, Cy, PhD" <cy@example.com>', 4),
            _message(4, me, '"Bo Sample, MD" <md@example.com>', 5),  # letters after the name
            _message(5, me, '"Acme, Inc." <acme@example.com>', 6),  # an organisation
            _message(6, me, '"Ada Example, Bo Sample" <two@example.com>', 9),  # two people
        ]
    ).encode()
    log = read_mbox(box, owner_address=OWNER, name="mail.mbox")
    assert _names(log) == {
        "ada@example.com": "Ada Example",
        "bo@example.com": "Bo Sample",
        "cy@example.com": "Cy Tester, PhD",
        "md@example.com": "Bo Sample, MD",
        "acme@example.com": "Acme, Inc.",
        "two@example.com": "Ada Example, Bo Sample",
    }


def test_an_unquoted_family_given_sender_is_one_address_with_its_name():
    assert named_addresses("Sample, Bo <bo@example.com>") == [("Sample, Bo", "bo@example.com")]
    # Two real addresses stay two; a bare word that does not read as a family name is left out.
    assert named_addresses("ada@example.com, Bo Sample <bo@example.com>") == [
        ("", "ada@example.com"),
        ("Bo Sample", "bo@example.com"),
    ]
    assert named_addresses("Acme, Inc <news@example.com>") == [("Inc", "news@example.com")]


def test_a_reply_from_an_unquoted_family_given_sender_names_the_contact():
    box = (
        _message(1, f"Sam Rivera <{OWNER}>", "bo@example.com", 2)
        + _message(2, "Sample, Bo <bo@example.com>", OWNER, 3).replace(
            "Subject: Question 2", "Subject: Re: Question 1\nIn-Reply-To: <m1@example.com>"
        )
    ).encode()
    log = read_mbox(box, owner_address=OWNER, name="mail.mbox")
    assert _names(log) == {"bo@example.com": "Bo Sample"}
    assert sorted(log.events["kind"].astype(str)) == ["reply_received", "request_sent"]


def _card(fn: str, n: str | None, address: str) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{fn}"]
    lines += [f"N:{n}"] if n is not None else []
    return "\r\n".join([*lines, f"EMAIL:{address}", "END:VCARD", ""])


def test_address_book_fn_written_family_given_reads_given_family():
    cards = "".join(
        [
            _card("Example\\, Ada", "Example;Ada;;;", "ada@example.com"),
            _card("Van der Berg\\, Ada B.", "Van der Berg;Ada;B.;;", "vdb@example.com"),
            _card("Ada Example\\, PhD", "Example;Ada;;;PhD", "phd@example.com"),
            _card("Sample\\, Bo", None, "bo@example.com"),  # no N: the names module judges
            _card("Acme\\, Inc.", None, "acme@example.com"),
            _card("Other\\, Name", "Example;Ada;;;", "odd@example.com"),  # FN is not N
        ]
    ).encode()
    log = read_vcf(cards, name="contacts.vcf")
    assert _names(log) == {
        "ada@example.com": "Ada Example",
        "vdb@example.com": "Ada B. Van der Berg",
        "phd@example.com": "Ada Example, PhD",
        "bo@example.com": "Bo Sample",
        "acme@example.com": "Acme, Inc.",
        "odd@example.com": "Other, Name",
    }


def _event(uid: int, cn: str, address: str) -> str:
    return (
        "BEGIN:VEVENT\r\n"
        f"ORGANIZER;CN=Sam Rivera:mailto:{OWNER}\r\n"
        f'ATTENDEE;CN="{cn}":mailto:{address}\r\n'
        f"UID:{uid}@example.com\r\nSUMMARY:Information interview\r\n"
        f"DTSTART:2025061{uid}T090000Z\r\nDTEND:2025061{uid}T093000Z\r\n"
        "DTSTAMP:20250601T000000Z\r\nEND:VEVENT\r\n"
    )


def test_calendar_attendees_read_given_family_with_the_safeguards():
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        + _event(1, "Example, Ada", "ada@example.com")
        + _event(2, "Sample, Bo, MD", "bo@example.com")
        + _event(3, "Ada Example, Bo Sample", "two@example.com")
        + _event(4, "Northwind, Inc.", "nw@example.com")
        + "END:VCALENDAR\r\n"
    ).encode()
    log = read_ics(calendar, owner_address=OWNER, today="2025-07-01", name="cal.ics")
    assert _names(log) == {
        "ada@example.com": "Ada Example",
        "bo@example.com": "Bo Sample, MD",
        "two@example.com": "Ada Example, Bo Sample",
        "nw@example.com": "Northwind, Inc.",
    }


def test_linkedin_names_written_family_given_meet_their_person():
    # An archive without profile links (the older shape): Ada's reply, sent as
    # "Example, Ada", is hers; a message to "Example, Bo" is to one person, not two.
    messages = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\n"
        "c-1,,Sam Rivera,,Ada Example,,2025-06-10 09:00:00 UTC,,Hello Ada,INBOX\n"
        'c-1,,"Example, Ada",,Sam Rivera,,2025-06-11 09:00:00 UTC,,Happy to,INBOX\n'
        'c-2,,Sam Rivera,,"Sample, Bo",,2025-06-12 09:00:00 UTC,,Hello Bo,INBOX\n'
    )
    log = read_linkedin(messages.encode(), name="messages.csv", owner_name="Sam Rivera")
    assert sorted(log.contacts["name"]) == ["Ada Example", "Bo Sample"]
    kinds = log.events.sort_values("at")["kind"].astype(str).tolist()
    assert kinds == ["request_sent", "reply_received", "request_sent"]
