"""Mailbox importer: threads, automatic mail left out, broken dates reported, accounting."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from infoview_kit.errors import InfoviewError, NotALogError
from infoview_kit.io.importers import find_importer, read_mbox
from tests.helpers import importer_fixtures as fx


def _events(log) -> list[tuple[str, str, str]]:
    emails = log.contacts.set_index("contact_id")["email"]
    ev = log.events.sort_values(["at", "kind"], kind="stable")
    return [
        (emails[c], str(k), f"{a:%Y-%m-%d %H:%M}")
        for c, k, a in zip(ev["contact_id"], ev["kind"], ev["at"], strict=True)
    ]


@pytest.fixture(scope="module")
def story():
    return read_mbox(fx.mbox_bytes(), name="All mail Including Spam and Trash.mbox")


def test_threads_you_started_become_outreach(story):
    assert _events(story) == [
        (
            "ada.example@example.com",
            "request_sent",
            "2025-06-02 09:00",
        ),  # +0200 header, stored in UTC
        ("bo.sample@example.com", "request_sent", "2025-06-03 08:00"),
        ("cleo.typo@example.com", "request_sent", "2025-06-04 10:00"),  # sent, even if it bounced
        (
            "bo.sample@example.com",
            "reply_received",
            "2025-06-05 12:00",
        ),  # no reply headers: "RE:" subject
        (
            "dana@example.com",
            "request_sent",
            "2025-06-09 08:00",
        ),  # broken Date: separator line time
        (
            "dana@example.com",
            "reply_received",
            "2025-06-10 08:00",
        ),  # dated before the request: fixed
        ("ada.example@example.com", "follow_up_sent", "2025-06-10 09:00"),
        ("zoe@example.com", "request_sent", "2025-06-11 08:00"),
        ("ada.example@example.com", "reply_received", "2025-06-11 14:00"),  # not the auto-reply
    ]
    assert set(story.events["channel"].astype(str)) == {"email"}
    assert story.owners == ["sam.rivera@example.com"]
    requests = story.events[story.events["kind"] == "request_sent"]
    assert "Pregunta sobre museos" in set(requests["notes"])  # encoded subject decoded


def test_no_negative_reply_times(story):
    ev = story.events.sort_values("at")
    first_request = ev[ev["kind"] == "request_sent"].groupby("contact_id")["at"].min()
    first_reply = ev[ev["kind"] == "reply_received"].groupby("contact_id")["at"].min()
    assert ((first_reply - first_request.reindex(first_reply.index)) > pd.Timedelta(0)).all()


def test_contacts_named_as_they_sign(story):
    names = story.contacts.set_index("email")["name"]
    assert names["zoe@example.com"] == "Zoë Ñúñez"
    assert names["dana@example.com"] == "Dana Müller"
    assert pd.isna(names["cleo.typo@example.com"])
    assert "jamie@example.com" not in names.index  # wrote first: not outreach
    assert "news@example.com" not in names.index
    assert story.contacts.set_index("email").loc[
        "ada.example@example.com", "added_on"
    ] == pd.Timestamp("2025-06-02")


def test_automatic_mail_left_out_and_counted(story):
    report = story.report
    assert (report.rows_read, report.rows_loaded, report.rows_merged, report.rows_rejected) == (
        14,
        9,
        0,
        5,
    )
    assert report.balanced and len(report.rejected) == 5
    rejected = dict(zip(report.rejected["row"].astype(int), report.rejected["reason"], strict=True))
    assert rejected == {
        2: "automatic reply (e.g. out of office)",
        8: "bounce: a delivery failure notice",
        9: "newsletter or mailing list",
        10: "in the spam folder",
        11: "thread started by someone else (not outreach)",
    }
    warnings = report.warnings.set_index("row")
    assert (
        warnings.loc[12, "reason"]
        == "unreadable Date header; used the time on the mbox separator line"
    )
    assert warnings.loc[12, "value"] == "Someday, 35 Foo 2025"
    assert warnings.loc[13, "reason"].startswith("Date header earlier than the message it answers")


def test_later_messages_of_a_thread_are_merged():
    extra = fx.mail(
        sep="1700000000000000099@xxx Wed Jun 11 15:00:00 +0000 2025",
        headers={
            "X-GM-THRID": "1001",
            "X-Gmail-Labels": "Sent",
            "From": fx.OWNER_FROM,
            "To": "ada.example@example.com",
            "Subject": "Re: Question about data engineering",
            "Date": "Wed, 11 Jun 2025 15:00:00 +0000",
            "Message-ID": "<m99@example.com>",
        },
    )
    log = read_mbox(fx.mbox_bytes([*fx.MBOX_MESSAGES, extra]), name="mail.mbox")
    assert (log.report.rows_read, log.report.rows_loaded, log.report.rows_merged) == (15, 9, 1)
    assert log.report.balanced


def test_subject_fallback_needs_the_same_person():
    stranger = fx.mail(
        sep="1700000000000000098@xxx Fri Jun 06 12:00:00 +0000 2025",
        headers={
            "From": "Other Person <other@example.com>",
            "To": fx.OWNER_FROM,
            "Subject": "Re: Coffee chat?",
            "Date": "Fri, 6 Jun 2025 12:00:00 +0000",
            "Message-ID": "<m98@example.com>",
        },
    )
    log = read_mbox(fx.mbox_bytes([*fx.MBOX_MESSAGES, stranger]), name="mail.mbox")
    assert "other@example.com" not in set(log.contacts["email"])
    assert (
        log.report.rejected.set_index("row").loc[15, "reason"]
        == "thread started by someone else (not outreach)"
    )


def test_wrong_clock_without_reply_headers_is_fixed_not_negative():
    ask = fx.mail(
        sep="1@xxx Thu Jun 05 09:00:00 +0000 2025",
        headers={
            "X-GM-THRID": "77",
            "X-Gmail-Labels": "Sent",
            "From": fx.OWNER_FROM,
            "To": "kim.lee@example.com",
            "Subject": "Hello",
            "Date": "Thu, 5 Jun 2025 09:00:00 +0000",
        },
    )
    answer = fx.mail(
        sep="2@xxx Fri Jun 06 09:00:00 +0000 2025",
        headers={
            "X-GM-THRID": "77",
            "X-Gmail-Labels": "Inbox",
            "From": "kim.lee@example.com",
            "To": fx.OWNER_EMAIL,
            "Subject": "Re: Hello",
            "Date": "Sun, 1 Jun 2025 09:00:00 +0000",
        },
    )
    log = read_mbox(fx.mbox_bytes([ask, answer]), name="mail.mbox")
    assert [str(k) for k in log.events["kind"]] == ["request_sent", "reply_received"]
    assert log.events["at"].tolist() == [
        pd.Timestamp("2025-06-05 09:00"),
        pd.Timestamp("2025-06-06 09:00"),
    ]
    assert log.report.warnings["row"].tolist() == [2]


def test_owner_without_gmail_labels_is_the_most_frequent_sender(tmp_path):
    plain = [m.replace("X-Gmail-Labels: Sent", "X-Mailer: test") for m in fx.MBOX_MESSAGES]
    path = tmp_path / "export.mbox"
    path.write_bytes(fx.mbox_bytes(plain))
    log = read_mbox(path)
    assert log.owners == ["sam.rivera@example.com"]
    assert log.report.files["file"].tolist() == [str(path)]  # the path as given
    assert log.events["source"].str.startswith(f"{path}:").all()


def test_owner_given_overrides(story):
    log = read_mbox(
        fx.mbox_bytes(), owner="Sam Rivera", owner_address=fx.OWNER_EMAIL.upper(), name="m.mbox"
    )
    assert log.owners == ["Sam Rivera"]
    assert len(log.events) == len(story.events)


def test_a_single_saved_message_reads_too():
    one = fx.MBOX_MESSAGES[0].split("\n", 1)[1].encode()  # without the separator line
    log = read_mbox(one, owner_address=fx.OWNER_EMAIL, name="question.eml")
    assert [str(k) for k in log.events["kind"]] == ["request_sent"]
    assert find_importer(Path("question.eml"), one) is read_mbox
    assert find_importer(Path("question.txt"), one) is None  # a bare message needs its extension


def test_finder_recognises_a_mailbox_by_content(tmp_path):
    assert find_importer(tmp_path / "Takeout.txt", fx.mbox_bytes()[:500]) is read_mbox
    assert find_importer(tmp_path / "notes.txt", b"From my notes: call Ada\n") is None


def test_not_a_mailbox():
    with pytest.raises(NotALogError) as err:
        read_mbox(b"\x89PNG\r\n\x1a\n binary", name="photo.mbox")
    assert isinstance(err.value, InfoviewError) and "\n" not in str(err.value)


def test_raw_8bit_names_and_subjects_are_read_as_text():
    # Newer mailers put UTF-8 in headers without encoded-words; older ones Windows-1252.
    # Both used to become one replacement character per byte ("J��rg").
    box = (
        "From 1@x Wed Mar 05 10:00:00 +0000 2025\n"
        "From: Sam Student <sam@example.com>\nTo: Jörg Grüßer <joerg@example.com>\n"
        "Subject: Informationsgespräch\nDate: Wed, 5 Mar 2025 10:00:00 +0000\n"
        "Message-ID: <m1@example.com>\n\nHallo\n\n"
    ).encode() + (
        "From 2@x Wed Mar 05 11:00:00 +0000 2025\n"
        "From: Sam Student <sam@example.com>\nTo: Renée Dubois <renee@example.com>\n"
        "Subject: Café?\nDate: Wed, 5 Mar 2025 11:00:00 +0000\n"
        "Message-ID: <m2@example.com>\n\nBonjour\n"
    ).encode("cp1252")
    log = read_mbox(box, owner_address="sam@example.com", name="mail.mbox")
    names = log.contacts.set_index("email")["name"]
    assert names["joerg@example.com"] == "Jörg Grüßer"
    assert names["renee@example.com"] == "Renée Dubois"
    assert sorted(log.events["notes"]) == ["Café?", "Informationsgespräch"]


def test_a_body_line_starting_with_from_does_not_cut_the_message():
    # Thunderbird and some exports leave "From " at the start of a body line unescaped;
    # each such line used to start a new "message" rejected as having no sender.
    box = (
        b"From - Mon Mar 10 09:00:00 2025\r\n"
        b"From: Sam Student <sam@example.com>\r\nTo: wei@example.com\r\n"
        b"Subject: Information interview request\r\nDate: Mon, 10 Mar 2025 09:00:00 -0500\r\n"
        b"Message-ID: <tb1@example.com>\r\n\r\nDear Wei,\r\n\r\n"
        b"From 1 till 3 I am free.\r\nFrom my reading of your article: great.\r\n\r\n"
        b"From - Tue Mar 11 09:00:00 2025\r\n"
        b"From: Wei Chen <wei@example.com>\r\nTo: Sam Student <sam@example.com>\r\n"
        b"Subject: Re: Information interview request\r\nIn-Reply-To: <tb1@example.com>\r\n"
        b"Date: Tue, 11 Mar 2025 09:00:00 -0500\r\n\r\nSure.\r\n\r\n"
        b"From sam@example.com\r\n"  # a separator without a time: headers follow a blank line
        b"From: Sam Student <sam@example.com>\r\nTo: Bo <bo@example.com>\r\n"
        b"Subject: Hello Bo\r\nDate: Wed, 12 Mar 2025 09:00:00 -0500\r\n\r\nHi Bo\r\n"
    )
    log = read_mbox(box, owner_address="sam@example.com", name="Sent.mbox")
    assert log.report.rows_read == 3
    assert log.report.rows_rejected == 0
    assert _events(log) == [
        ("wei@example.com", "request_sent", "2025-03-10 14:00"),
        ("wei@example.com", "reply_received", "2025-03-11 14:00"),
        ("bo@example.com", "request_sent", "2025-03-12 14:00"),
    ]


def test_apple_mail_export_folders_read_as_one_mailbox(tmp_path):
    # Apple Mail exports each mailbox as a folder "Name.mbox" holding a file "mbox";
    # such a folder used to be read as a cohort (the mbox as one student, the rest rejected).
    from infoview_kit import load_log

    export = tmp_path / "Mail export"
    sent, inbox = export / "Sent Messages.mbox", export / "Inbox.mbox"
    for folder in (sent, inbox):
        folder.mkdir(parents=True)
        (folder / "Info.plist").write_text('<?xml version="1.0"?><plist><dict/></plist>')
        (folder / "table_of_contents").write_bytes(b"\x00\x01binary index")
    (sent / "mbox").write_bytes(
        b"From - Mon Mar 10 09:00:00 2025\nFrom: Sam <sam@example.com>\nTo: wei@example.com\n"
        b"Subject: A question\nDate: Mon, 10 Mar 2025 09:00:00 +0000\n"
        b"Message-ID: <q1@example.com>\n\nHello\n"
    )
    (inbox / "mbox").write_bytes(
        b"From - Tue Mar 11 09:00:00 2025\nFrom: Wei <wei@example.com>\nTo: sam@example.com\n"
        b"Subject: Re: A question\nIn-Reply-To: <q1@example.com>\n"
        b"Date: Tue, 11 Mar 2025 09:00:00 +0000\nMessage-ID: <r1@example.com>\n\nSure\n"
    )
    log = load_log(export, owner="sam@example.com")
    assert _events(log) == [
        ("wei@example.com", "request_sent", "2025-03-10 09:00"),
        ("wei@example.com", "reply_received", "2025-03-11 09:00"),  # the reply in Inbox
    ]
    assert (log.report.rows_read, log.report.rows_rejected) == (2, 0)
    assert sorted(log.report.warnings["reason"]) == [
        "message 1 is in mailbox Inbox.mbox",
        "message 2 is in mailbox Sent Messages.mbox",
    ]
    one = load_log(sent, owner="sam@example.com")  # one mailbox folder on its own
    assert _events(one) == [("wei@example.com", "request_sent", "2025-03-10 09:00")]


def test_hangouts_chats_in_a_takeout_mailbox_are_not_e_mail():
    box = (
        b"From 1@xxx Mon Jun 02 09:00:00 +0000 2025\nX-Gmail-Labels: Chat,Sent\n"
        b"From: Sam <sam@example.com>\nTo: Ada <ada@example.com>\nSubject: Chat with Ada\n"
        b"Date: Mon, 2 Jun 2025 09:00:00 +0000\n\nhey\n\n"
        b"From 2@xxx Tue Jun 03 09:00:00 +0000 2025\nX-Gmail-Labels: Sent\n"
        b"From: Sam <sam@example.com>\nTo: Bo <bo@example.com>\nSubject: A question\n"
        b"Date: Tue, 3 Jun 2025 09:00:00 +0000\n\nHello Bo\n"
    )
    log = read_mbox(box, name="All mail.mbox")
    assert _events(log) == [("bo@example.com", "request_sent", "2025-06-03 09:00")]
    rejected = log.report.problems.query("not kept")
    assert rejected[["row", "reason"]].to_numpy().tolist() == [
        [1, "a chat (Google Hangouts), not an e-mail"]
    ]


def test_a_date_with_a_european_zone_name_is_not_read_as_utc():
    # "11:00:00 CET" used to be stored as 11:00 UTC (an hour late): the e-mail
    # library knows only the US zone names.
    box = (
        b"From 1@x Wed Mar 05 10:00:00 +0000 2025\nFrom: Sam <sam@example.com>\n"
        b"To: Ada <ada@example.com>\nSubject: Hallo\nDate: Wed, 05 Mar 2025 11:00:00 CET\n\nHi\n\n"
        b"From 2@x Wed Jul 02 10:00:00 +0000 2025\nFrom: Sam <sam@example.com>\n"
        b"To: Bo <bo@example.com>\nSubject: Hej\nDate: Wed, 02 Jul 2025 12:00:00 CEST\n\nHi\n"
    )
    log = read_mbox(box, owner_address="sam@example.com", name="mail.mbox")
    assert _events(log) == [
        ("ada@example.com", "request_sent", "2025-03-05 10:00"),
        ("bo@example.com", "request_sent", "2025-07-02 10:00"),
    ]
