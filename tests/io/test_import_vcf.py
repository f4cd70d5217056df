"""Address-book importer: Google vCard 3.0, Outlook 2.1 quoted-printable, duplicates, bad cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from infoview_kit.errors import InfoviewError, NotALogError
from infoview_kit.io.importers import find_importer, read_vcf
from tests.helpers import importer_fixtures as fx


@pytest.fixture(scope="module")
def book():
    return read_vcf(fx.VCF_GOOGLE, owner="Sam Rivera", name="contacts.vcf")


def test_google_card_fields(book):
    ada = book.contacts.set_index("name").loc["Ada Example"]
    assert ada["organization"] == "Acme Analytics"
    assert ada["role"] == "Data Engineer"
    assert ada["email"] == "ada.example@example.com"  # the preferred one, case folded
    assert ada["phone"] == "+1 555 0101"
    assert ada["linkedin_url"] == "https://www.linkedin.com/in/ada-example"  # "\:" unescaped
    assert ada["tags"] == "Alumni"  # Google's "myContacts" left out
    assert ada["notes"] == (
        "Met at the spring career fair, very generous with her time. She suggested I talk to Bo."
    )  # folded line joined, escaped comma restored
    assert book.owners == ["Sam Rivera"]
    assert book.events.empty


def test_non_ascii_and_quoted_printable(book):
    names = book.contacts.set_index("email")["name"]
    assert names["zoe@example.com"] == "Zoë Ñúñez"
    assert names["lukasz@example.com"] == "Łukasz Przykład"
    lukasz = book.contacts.set_index("email").loc["lukasz@example.com"]
    assert (lukasz["organization"], lukasz["phone"]) == ("Przykład Sp. z o.o.", "+48 12 345 67 89")
    assert book.contacts.set_index("email").loc["zoe@example.com", "tags"] != "starred"


def test_every_card_accounted_for(book):
    report = book.report
    assert (report.rows_read, report.rows_loaded, report.rows_merged, report.rows_rejected) == (
        6,
        3,
        1,
        2,
    )
    assert report.balanced
    problems = report.problems[["row", "reason", "kept"]].values.tolist()
    assert sorted(problems) == [
        # Ada's card has a second address: a contact keeps one, and the report says so
        [
            1,
            "card has more than one e-mail address: the preferred one (else the first) was "
            "kept, the others left out",
            True,
        ],
        [4, "duplicate of card 1; merged", True],  # same e-mail, other case
        [5, "card has no name or e-mail", False],
        [6, "card could not be read", False],
    ]
    assert len(book.contacts) == 3


def test_default_owner_and_path_input(tmp_path):
    path = tmp_path / "contacts.vcf"
    path.write_bytes(fx.VCF_GOOGLE)
    log = read_vcf(path)
    assert log.owners == ["me"]
    assert log.report.files["file"].tolist() == [str(path)]


def test_finder_and_errors():
    assert find_importer(Path("book.txt"), fx.VCF_GOOGLE[:100]) is read_vcf
    with pytest.raises(NotALogError) as err:
        read_vcf(b"Name,Email\nAda,ada@example.com\n", name="book.vcf")
    assert (
        isinstance(err.value, InfoviewError)
        and "\n" not in str(err.value)
        and "Ada" not in str(err.value)
    )


def _card(*lines: str, version: str = "3.0") -> bytes:
    return ("\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""])).encode()


def test_a_bare_comma_in_a_note_or_title_is_text():
    # Outlook (vCard 2.1 has no comma escape) and many 3.0 writers leave commas bare;
    # the card library used to cut the value at the first one ("VP, Sales" -> "VP").
    book = read_vcf(
        _card("FN:Ada Example", "TITLE:VP, Sales", "NOTE:Met at the fair, kind, helpful.",
              "EMAIL:ada@example.com", version="2.1")
        + _card("FN:Bo Example", "TITLE:Lead\\, Data", "NOTE;CHARSET=UTF-8:a\\\\, b, c",
                "EMAIL:bo@example.com"),
        name="contacts.vcf",
    )  # fmt: skip
    people = book.contacts.set_index("email")
    assert people.loc["ada@example.com", "role"] == "VP, Sales"
    assert people.loc["ada@example.com", "notes"] == "Met at the fair, kind, helpful."
    assert people.loc["bo@example.com", "role"] == "Lead, Data"  # escaped comma as before
    assert people.loc["bo@example.com", "notes"] == "a\\, b, c"  # escaped backslash kept


def test_outlook_quoted_printable_note_with_commas_and_soft_breaks():
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=Windows-1252:Grüßer;Jörg\r\n"
        "FN;CHARSET=Windows-1252:Jörg Grüßer\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=Windows-1252:Erstes Gespr=E4ch im M=E4rz=2C "
        "sehr hilfsbereit, danke.=0D=0A=\r\nZweite Zeile.\r\n"
        "EMAIL;PREF;INTERNET:joerg@example.com\r\nEND:VCARD\r\n"
    ).encode("cp1252")
    joerg = read_vcf(text, name="outlook.vcf").contacts.iloc[0]
    assert joerg["name"] == "Jörg Grüßer"
    assert joerg["notes"] == "Erstes Gespräch im März, sehr hilfsbereit, danke.\nZweite Zeile."


def test_quoted_printable_without_a_character_set_is_not_lost():
    # Older phones write Latin-1 bytes quoted-printable with no CHARSET: the card
    # used to be rejected whole ("card could not be read").
    text = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE:Dubois;Ren=E9e\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:Rencontr=E9e au salon\r\n"
        b"EMAIL;INTERNET:renee@example.com\r\nEND:VCARD\r\n"
    )
    book = read_vcf(text, name="phone.vcf")
    assert book.report.rows_rejected == 0
    renee = book.contacts.iloc[0]
    assert (renee["name"], renee["notes"]) == ("Renée Dubois", "Rencontrée au salon")


def test_vcard4_phone_uri_loses_its_scheme():
    book = read_vcf(
        _card("FN:Priya Example", 'TEL;VALUE=uri;TYPE="voice,cell":tel:+1-555-0102', version="4.0"),
        name="v4.vcf",
    )
    assert book.contacts.iloc[0]["phone"] == "+1-555-0102"


def test_a_folder_of_one_card_files_is_one_address_book(tmp_path):
    # Outlook saves each contact as its own .vcf; such a folder used to be read as a
    # cohort, each contact becoming a student of their own.
    from infoview_kit import load_log

    book = tmp_path / "Contacts"
    book.mkdir()
    (book / "Ada Example.vcf").write_bytes(_card("FN:Ada Example", "EMAIL:ada@example.com"))
    (book / "Bo Example.vcf").write_bytes(_card("FN:Bo Example", "TITLE:VP, Sales"))
    (book / "Nobody.vcf").write_bytes(_card("NOTE:no name here"))
    log = load_log(book, owner="Sam Rivera")
    assert log.owners == ["Sam Rivera"]
    assert sorted(log.contacts["name"]) == ["Ada Example", "Bo Example"]
    assert (log.report.rows_read, log.report.rows_rejected) == (3, 1)
    rejected = log.report.problems.query("not kept")
    assert rejected["value"].tolist() == ["Nobody.vcf, line 1"]  # the file is named

    cohort = tmp_path / "cohort"  # address books of two students: each holds many cards
    cohort.mkdir()
    for student in ("ana", "ben"):
        (cohort / f"{student}.vcf").write_bytes(
            _card("FN:Ada Example", "EMAIL:ada@example.com")
            + _card("FN:Bo Example", "EMAIL:bo@example.com")
        )
    assert sorted(load_log(cohort).owners) == ["ana", "ben"]


def test_apple_social_profile_gives_the_linkedin_url():
    # iPhone and macOS Contacts keep LinkedIn as a social profile; it used to be lost,
    # and with it the link that merges the card with the LinkedIn archive's connection.
    book = read_vcf(
        _card("FN:Anna Example", "item1.EMAIL;type=INTERNET;type=pref:anna@example.com",
              "item2.X-SOCIALPROFILE;type=linkedin;x-user=anna-example:"
              "http://www.linkedin.com/in/anna-example"),
        name="iPhone.vcf",
    )  # fmt: skip
    assert book.contacts.iloc[0]["linkedin_url"] == "http://www.linkedin.com/in/anna-example"


def test_a_name_given_only_in_n_keeps_its_middle_names():
    book = read_vcf(
        _card("N:Example;Anna;Maria,Luisa;Dr.;", "EMAIL:anna@example.com")
        + _card("N:Okoro;Chidi;;;", "TEL:+1 555 0100"),
        name="contacts.vcf",
    )
    assert book.contacts["name"].tolist() == ["Anna Maria Luisa Example", "Chidi Okoro"]


def test_company_group_and_place_cards_are_not_people():
    # Apple Contacts marks a company's card with X-ABShowAs:COMPANY (its FN is the
    # company's name); vCard 4 says KIND; iCloud keeps groups as cards. None is a person
    # to interview: each is left out and named in the report, the people around them load.
    book = read_vcf(
        _card("FN:Ada Example", "N:Example;Ada;;;", "EMAIL:ada@example.com", "ORG:Acme")
        + _card("FN:Acme Analytics", "N:;;;;", "ORG:Acme Analytics;", "X-ABShowAs:COMPANY",
                "EMAIL:careers@example.com")
        + _card("FN:Friends", "X-ADDRESSBOOKSERVER-KIND:group",
                "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:1")
        + _card("FN:Globex", "KIND:org", "EMAIL:hello@example.com", version="4.0")
        + _card("FN:Head office", "KIND:location", version="4.0")
        + _card("FN:Bo Sample", "KIND:individual", "EMAIL:bo@example.com", version="4.0"),
        name="contacts.vcf",
    )  # fmt: skip
    assert book.contacts["name"].tolist() == ["Ada Example", "Bo Sample"]
    report = book.report
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (6, 2, 4)
    left_out = report.problems.set_index("row")["reason"].to_dict()
    assert left_out == {
        2: "a company's card, not a person's: left out",
        3: "a contact group's card, not a person's: left out",
        4: "a company's card, not a person's: left out",
        5: "a place's card, not a person's: left out",
    }
    assert not report.problems["kept"].any()
