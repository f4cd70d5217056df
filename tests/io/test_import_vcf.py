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
