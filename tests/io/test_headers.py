"""Headers and labels as people write them (infoview_kit.io.headers)."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoview_kit.io.headers import (
    CHANNELS_ABROAD,
    HEADER_SYNONYMS,
    HEADERS_ABROAD,
    LABEL_SYNONYMS,
    canonical_header,
    canonical_label,
    fold_header,
)

ABROAD = [(word, label) for label, words in CHANNELS_ABROAD.items() for word in words]


def _without_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@pytest.mark.parametrize(("word", "label"), ABROAD)
def test_channels_written_in_another_language(word, label):
    assert canonical_label(word, "channel") == label


@given(pair=st.sampled_from(ABROAD), upper=st.booleans(), plain=st.booleans())
def test_channels_abroad_in_any_case_with_or_without_accents(pair, upper, plain):
    word, label = pair
    typed = _without_accents(word) if plain else word
    typed = typed.upper() if upper else typed
    assert canonical_label(f" {typed} ", "channel") == label


@pytest.mark.parametrize(
    "word", ["Brief", "list", "courrier", "samtal", "message", "Nachricht", "réunion", "Treffen"]
)
def test_words_that_name_no_one_channel_are_not_guessed(word):
    assert canonical_label(word, "channel") is None


def test_every_spelling_of_a_label_reads_as_that_label():
    # A spelling listed under two labels would silently read as the first one.
    for column, table in LABEL_SYNONYMS.items():
        for label, spellings in table.items():
            wrong = [s for s in spellings if canonical_label(s, column) != label]
            assert wrong == [], (column, label)


def test_accents_fold_away_in_headers_and_labels():
    assert fold_header("Téléphone") == "telephone"
    assert fold_header("Persönlich!") == "personlich"
    assert canonical_header("Téléphone") == canonical_header("telephone") == "phone"
    # English cells read as before
    assert canonical_label("brief call", "channel") == "phone"
    assert canonical_label("Email + téléphone", "channel") is None  # two channels


HEADERS_IN_OTHER_LANGUAGES = [(h, field) for field, heads in HEADERS_ABROAD.items() for h in heads]


@pytest.mark.parametrize(("header", "field"), HEADERS_IN_OTHER_LANGUAGES)
def test_headers_written_in_another_language(header, field):
    assert canonical_header(header) == field
    assert canonical_header(f"  {header.upper()} ") == field


def test_no_header_in_another_language_names_another_field_in_english():
    english = {
        fold_header(spelling): field
        for field, spellings in HEADER_SYNONYMS.items()
        for spelling in (field.replace("_", " "), *spellings)
    }
    folded: dict[str, str] = {}
    for header, field in HEADERS_IN_OTHER_LANGUAGES:
        key = fold_header(header)
        assert english.get(key, field) == field, header
        assert folded.setdefault(key, field) == field, header


def test_a_german_tracker_loads_every_column(tmp_path):
    from infoview_kit.io.load import load_log

    path = tmp_path / "kontakte.csv"
    path.write_text(
        "Vorname;Nachname;E-Mail;Firma;Kontaktiert am;Antwort;Treffen am;Notizen\n"
        "Ada;Beispiel;ada@example.com;Acme GmbH;04.03.2025;ja;18.03.2025;hilfsbereit\n"
        "Bo;Muster;bo@example.com;Globex AG;05.03.2025;nein;;\n",
        encoding="utf-8",
    )
    log = load_log(path, as_of="2025-07-01")
    assert log.report.problems.empty
    assert log.contacts["name"].tolist() == ["Ada Beispiel", "Bo Muster"]
    assert log.contacts["organization"].tolist() == ["Acme GmbH", "Globex AG"]
    kinds = log.events.groupby("kind", observed=True).size().to_dict()
    assert kinds == {"request_sent": 2, "reply_received": 1, "meeting_held": 1}
    assert log.events.loc[log.events["kind"] == "meeting_held", "at"].tolist() == [
        pd.Timestamp("2025-03-18")
    ]


def test_a_french_form_with_first_and_family_name_keeps_both(tmp_path):
    from infoview_kit.io.load import load_log

    path = tmp_path / "contacts.csv"
    path.write_text(
        "Nom,Prénom,Courriel,Entreprise,Date de contact,Réponse\n"
        "Exemple,Ada,ada@example.com,Acme,04/03/2025,oui\n",
        encoding="utf-8",
    )
    log = load_log(path, as_of="2025-07-01")
    assert log.contacts["name"].tolist() == ["Ada Exemple"]
    only_nom = tmp_path / "nom.csv"
    only_nom.write_text("Nom,Courriel\nAda Exemple,ada@example.com\n", encoding="utf-8")
    assert load_log(only_nom).contacts["name"].tolist() == ["Ada Exemple"]


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        ("Informational interview completed", "meeting_held"),
        ("Sent thank-you note", "thank_you_sent"),
        ("Call scheduled", "meeting_scheduled"),
        ("Not interested", "declined"),
        ("Reached out", "request_sent"),
    ],
)
def test_status_phrases_people_write_name_their_step(status, kind):
    assert canonical_label(status, "kind") == kind


def test_a_status_that_only_waits_makes_no_event_and_no_warning(tmp_path):
    from infoview_kit.io.load import load_log

    path = tmp_path / "status.csv"
    path.write_text(
        "Name,Status,Date contacted\nAda Example,Waiting to hear back,2025-03-04\n"
        "Bo Sample,Informational interview completed,2025-03-05\n",
        encoding="utf-8",
    )
    log = load_log(path, as_of="2025-07-01")
    assert log.report.problems.empty
    kinds = sorted(log.events["kind"].astype(str))
    assert kinds == ["meeting_held", "request_sent", "request_sent"]


def test_an_outlook_contacts_export_gives_the_job_title_and_a_phone(tmp_path):
    from infoview_kit.io.load import load_log

    path = tmp_path / "outlook.csv"
    path.write_text(
        '"First Name","Last Name","Title","Company","Job Title","Business Phone","Mobile Phone",'
        '"E-mail Address"\n'
        '"Ada","Example","Dr.","Acme","Data Scientist","+1 555 0100","","ada@example.com"\n'
        '"Bo","Sample","","Globex","Curator","","+1 555 0101","bo@example.com"\n',
        encoding="utf-8",
    )
    log = load_log(path)
    assert log.contacts["role"].tolist() == ["Data Scientist", "Curator"]
    # "Title" (filled once) and "Mobile Phone" (as full as "Business Phone", but later) are kept.
    assert log.contacts["Title"].iloc[0] == "Dr."
    assert pd.isna(log.contacts["Title"].iloc[1])
    assert log.contacts["phone"].tolist()[0] == "+1 555 0100"
    assert log.contacts["Mobile Phone"].tolist()[1] == "+1 555 0101"


def test_a_google_contacts_export_gives_email_phone_organisation_and_title(tmp_path):
    from infoview_kit.io.load import load_log

    path = tmp_path / "contacts.csv"
    path.write_text(
        "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,"
        "Phone 1 - Value,Organization 1 - Name,Organization 1 - Title\n"
        "Ada Example,Ada,Example,* Work,ada@example.com,Mobile,+1 555 0100,Acme,Data Scientist\n",
        encoding="utf-8",
    )
    contact = load_log(path).contacts.iloc[0]
    assert (contact["email"], contact["phone"], contact["organization"], contact["role"]) == (
        "ada@example.com",
        "+1 555 0100",
        "Acme",
        "Data Scientist",
    )
