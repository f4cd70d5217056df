"""The importers together: detection by content, through load_log, one log from all sources."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview_kit import load_log
from infoview_kit.errors import InfoviewError
from infoview_kit.io.export import log_to_xlsx
from infoview_kit.io.importers import (
    find_archive_importer,
    find_importer,
    read_ics,
    read_linkedin,
    read_mbox,
    read_vcf,
)
from infoview_kit.io.merge import combine_logs
from tests.helpers import importer_fixtures as fx


@pytest.fixture
def sources(tmp_path):
    files = {
        "Basic_LinkedInDataExport.zip": fx.linkedin_zip(),
        "All mail.mbox": fx.mbox_bytes(),
        "sam.ics": fx.google_ics(),
        "contacts.vcf": fx.VCF_GOOGLE,
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


@pytest.mark.parametrize(
    ("name", "reader", "read", "layouts"),
    [
        (
            "Basic_LinkedInDataExport.zip",
            read_linkedin,
            23,
            {"linkedin connections", "linkedin messages", "linkedin invitations"},
        ),
        ("All mail.mbox", read_mbox, 14, {"mbox"}),
        ("sam.ics", read_ics, 9, {"calendar"}),
        ("contacts.vcf", read_vcf, 6, {"vcard"}),
    ],
)
def test_each_source_loads_through_load_log(sources, name, reader, read, layouts):
    path = sources / name
    direct = reader(path, owner="Sam Rivera")
    loaded = load_log(path, owner="Sam Rivera")
    assert loaded.report.balanced and loaded.report.rows_read == read
    assert set(loaded.report.files["layout"]) == layouts
    assert loaded.owners == ["Sam Rivera"]
    pd.testing.assert_frame_equal(
        loaded.contacts.sort_values("contact_id").reset_index(drop=True),
        direct.contacts.sort_values("contact_id").reset_index(drop=True),
    )
    assert len(loaded.events) == len(direct.events)


def test_an_extracted_linkedin_folder_loads_as_one_archive(tmp_path):
    with zipfile.ZipFile(io.BytesIO(fx.linkedin_zip())) as archive:
        archive.extractall(tmp_path / "export")
    log = load_log(tmp_path / "export")
    assert log.owners == ["Sam Rivera"]
    assert log.report.rows_read == 23 and log.report.balanced
    assert len(log.report.files) == 3


def test_archive_mailbox_and_calendar_merge_into_one_log(sources, tmp_path):
    owner = "Sam Rivera"
    logs = [
        read_linkedin(sources / "Basic_LinkedInDataExport.zip", owner=owner),
        read_mbox(sources / "All mail.mbox", owner=owner),
        read_ics(sources / "sam.ics", owner=owner, today="2025-07-01"),
    ]
    log = combine_logs(logs)
    assert log.report.balanced
    assert log.report.rows_read == sum(part.report.rows_read for part in logs)
    people = log.contacts
    # the same address or profile is one person, whichever sources they appear in
    assert people["email"].dropna().str.casefold().is_unique
    assert people["linkedin_url"].dropna().is_unique
    by_email = people.set_index("email")
    for address in (
        "ada.example@example.com",
        "zoe@example.com",
        "dana@example.com",
        "bo.sample@example.com",
    ):
        assert address in by_email.index
    ada = by_email.loc["ada.example@example.com"]
    assert (ada["organization"], ada["linkedin_url"]) == (
        "Acme Analytics",
        "https://www.linkedin.com/in/ada-example",
    )
    kinds = log.events[log.events["contact_id"] == ada["contact_id"]]["kind"].astype(str).tolist()
    assert sorted(kinds) == sorted(
        ["request_sent", "follow_up_sent", "reply_received"] * 2 + ["meeting_held"]
    )  # LinkedIn + e-mail + calendar, all on one person
    # known only by name in one source and only by address in another: kept apart (no guessing)
    assert (people["name"] == "Łukasz Przykład").sum() == 2
    out = log_to_xlsx(log, tmp_path / "everything.xlsx")
    assert out.exists()


def test_an_address_book_links_what_the_others_cannot(sources):
    owner = "Sam Rivera"
    log = combine_logs(
        [
            read_linkedin(sources / "Basic_LinkedInDataExport.zip", owner=owner),
            read_mbox(sources / "All mail.mbox", owner=owner),
            read_ics(sources / "sam.ics", owner=owner, today="2025-07-01"),
            read_vcf(sources / "contacts.vcf", owner=owner),
        ]
    )
    counts = log.contacts["name"].value_counts()
    assert (
        counts["Łukasz Przykład"] == 1 and counts["Ada Example"] == 1 and counts["Zoë Ñúñez"] == 1
    )
    lukasz = log.contacts.set_index("name").loc["Łukasz Przykład"]
    assert (lukasz["email"], lukasz["organization"]) == (
        "lukasz@example.com",
        "Przykład Sp. z o.o.",
    )
    assert log.report.balanced


def test_finders_never_claim_a_tracker():
    tracker = b"Name,Organization,Date contacted,Replied?\nAda Example,Acme,2025-06-01,Y\n"
    assert find_importer(fx_path("log.csv"), tracker) is None
    assert find_importer(fx_path("log.csv"), b"") is None
    assert find_importer(fx_path("log.xlsx"), b"PK\x03\x04" + bytes(100)) is None
    assert find_archive_importer([]) is None
    assert find_archive_importer(["student_01.csv", "messages.csv.bak"]) is None


def fx_path(name: str):
    from pathlib import Path

    return Path(name)


# ---------------------------------------------------------------- robustness

_STARTS = {
    "ics": (read_ics, fx.google_ics()[:600]),
    "vcf": (read_vcf, fx.VCF_GOOGLE[:300]),
    "mbox": (read_mbox, fx.mbox_bytes()[:700]),
    "linkedin": (read_linkedin, fx.MESSAGES_NEW.encode()[:400]),
}


@pytest.mark.slow  # 30 damaged files per importer: 5-20 s each
@pytest.mark.parametrize("kind", sorted(_STARTS))
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tail=st.binary(max_size=400), cut=st.integers(min_value=0, max_value=600))
def test_damaged_files_load_or_fail_cleanly(kind, tail, cut):
    reader, start = _STARTS[kind]
    data = start[: max(cut, 16)] + tail
    try:
        log = reader(data, name=f"damaged.{kind}")
    except InfoviewError as error:
        assert "\n" not in str(error)
    else:
        assert log.report.balanced


def test_outlook_mail_files_are_named_with_what_to_save_instead(tmp_path):
    # A .msg used to be called "an old .xls workbook" (same container), a .pst "not a table".
    message = tmp_path / "Re Coffee chat.msg"
    message.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    data = tmp_path / "outlook.pst"
    data.write_bytes(b"!BDN" + bytes(508))
    with pytest.raises(InfoviewError) as caught:
        load_log(message)
    assert str(caught.value).endswith(
        "is an Outlook message: save it as .eml (in Outlook on the web: Download), "
        "or export the mailbox as .mbox"
    )
    with pytest.raises(InfoviewError, match=r"is an Outlook data file: save the calendar as \.ics"):
        load_log(data)
