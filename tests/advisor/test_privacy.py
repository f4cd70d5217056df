"""Keyed pseudonyms: stable, consistent, and nothing personal left behind."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from infoview_kit.advisor.privacy import (
    MASKED_VALUE,
    load_key,
    new_key,
    new_key_file,
    pseudonymise,
    student_pseudonyms,
)
from infoview_kit.errors import InfoviewError, UnreadableFileError
from tests.helpers.cohort_cases import PERSONAL_STRINGS, hand_cohort

KEY = "a-test-key-that-is-long-enough"


def _all_text(log) -> str:
    """Every cell of both tables and of the load report, as one string."""
    frames = [log.contacts, log.events, log.report.problems, log.report.files]
    return "\n".join(frame.astype(str).to_csv(index=False) for frame in frames)


def test_no_personal_string_survives():
    safe = pseudonymise(hand_cohort(), key=KEY)
    text = _all_text(safe)
    for personal in PERSONAL_STRINGS:
        assert personal not in text, personal
    # ... while the original really did hold them (the check above can fail).
    original = _all_text(hand_cohort())
    assert all(p in original for p in PERSONAL_STRINGS)
    assert KEY not in text


def test_pseudonym_shapes_and_kept_columns():
    log = hand_cohort()
    safe = pseudonymise(log, key=KEY)
    assert safe.events["owner"].str.fullmatch(r"S-[0-9a-f]{8}").all()
    assert safe.contacts["contact_id"].str.fullmatch(r"P-[0-9a-f]{10}").all()
    assert safe.events["source"].str.fullmatch(r"F-[0-9a-f]{8}\.csv:\d+").all()
    # connection, dates, kinds and channels (all in the vocabulary here) are kept as they are
    for column in ["connection", "added_on"]:
        pd.testing.assert_series_equal(safe.contacts[column], log.contacts[column])
    for column in ["at", "kind", "channel"]:
        pd.testing.assert_series_equal(safe.events[column], log.events[column])
    # free text goes: role, notes and every personal column are empty
    assert safe.events["notes"].isna().all()
    columns = ["name", "email", "phone", "linkedin_url", "notes", "role", "tags"]
    assert safe.contacts[columns].isna().all().all()
    # organisations become codes (same organisation, same code); fields typed by
    # fewer than 5 students become "other" (here each field is one student's)
    assert safe.contacts["organization"].str.fullmatch(r"O-[0-9a-f]{10}").all()
    assert safe.contacts["organization"].nunique() == log.contacts["organization"].nunique()
    assert set(safe.contacts["field"]) == {"other"}
    assert set(pseudonymise(log, key=KEY, field_min_students=1).contacts["field"]) == set(
        log.contacts["field"]
    )
    # four students stay four, thirteen contacts stay thirteen.
    assert safe.events["owner"].nunique() == 4
    assert safe.contacts["contact_id"].nunique() == 13


def test_contact_ids_and_referrals_remapped_consistently():
    log = hand_cohort()
    contacts = log.contacts.copy()
    # Yan was referred by Xia (same student).
    contacts.loc[contacts["contact_id"] == "yan", "referred_by"] = "xia"
    log = type(log)(contacts, log.events, log.report)
    safe = pseudonymise(log, key=KEY)
    xia = safe.contacts.loc[log.contacts["contact_id"] == "xia", "contact_id"].item()
    yan_ref = safe.contacts.loc[log.contacts["contact_id"] == "yan", "referred_by"].item()
    assert yan_ref == xia
    # every event still points at a contact of the same student
    pairs = set(zip(safe.contacts["owner"], safe.contacts["contact_id"], strict=True))
    assert set(zip(safe.events["owner"], safe.events["contact_id"], strict=True)) <= pairs


def test_same_key_same_pseudonyms_next_term_other_key_differs():
    first = pseudonymise(hand_cohort(), key=KEY)
    again = pseudonymise(hand_cohort(), key=KEY.encode())
    other = pseudonymise(hand_cohort(), key="another-key-also-long-enough")
    pd.testing.assert_frame_equal(first.events, again.events)
    assert set(first.events["owner"]).isdisjoint(other.events["owner"])
    # case, accents and spacing of a student's name do not change the pseudonym
    names = pd.Series(["Ana Example", " ana  EXAMPLE", "Ána Example"])
    assert len(set(student_pseudonyms(names, key=KEY))) == 1


def test_typed_categories_become_other_and_input_is_untouched():
    log = hand_cohort()
    contacts = log.contacts.astype({"connection": "object"})
    events = log.events.astype({"channel": "object", "kind": "object"})
    contacts.loc[0, "connection"] = "Referred by Prof Ida Lindqvist"
    events.loc[0, "channel"] = "Lunch with Tomasz Kowalczyk"
    events.loc[1, "kind"] = "coffee with Uma Castellanos"
    typed = type(log)(contacts, events, log.report)
    before = typed.contacts.copy()
    safe = pseudonymise(typed, key=KEY)
    assert safe.contacts.loc[0, "connection"] == "other"
    assert safe.events.loc[0, "channel"] == "other"
    assert safe.events.loc[1, "kind"] == "note"
    text = _all_text(safe) + str(safe.report.events_by_kind)
    for name in ("Lindqvist", "Kowalczyk", "Castellanos", "Harbour Lab"):
        assert name not in text
    pd.testing.assert_frame_equal(typed.contacts, before)


def test_load_report_is_masked_but_keeps_its_counts():
    log = hand_cohort()
    safe = pseudonymise(log, key=KEY)
    report = safe.report
    assert (report.problems["value"] == MASKED_VALUE).all()
    assert report.problems["file"].str.fullmatch(r"F-[0-9a-f]{8}\.csv").all()
    assert report.files["file"].iloc[-1].endswith(".txt")
    message = report.files["message"].iloc[-1]
    assert re.fullmatch(r"F-[0-9a-f]{8}\.txt: no outreach columns", message)
    assert (report.rows_read, report.rows_rejected) == (28, 4)
    assert report.files["rows_rejected"].tolist() == log.report.files["rows_rejected"].tolist()


def test_short_key_is_refused():
    with pytest.raises(InfoviewError, match="too short"):
        pseudonymise(hand_cohort(), key="short")


def test_key_files(tmp_path):
    path = new_key_file(tmp_path / "cohort.key")
    key = load_key(path)
    assert len(key) == 64 and path.stat().st_mode & 0o077 == 0
    with pytest.raises(InfoviewError, match="already exists"):
        new_key_file(path)
    with pytest.raises(UnreadableFileError, match="no key file"):
        load_key(tmp_path / "missing.key")
    two = tmp_path / "two.key"
    two.write_text(new_key() + "\n" + new_key() + "\n")
    with pytest.raises(InfoviewError, match="exactly one line"):
        load_key(two)
    padded = tmp_path / "padded.key"
    padded.write_text("\n  " + "x" * 20 + "  \n\n")
    assert load_key(padded) == b"x" * 20


def test_key_never_in_error_messages(tmp_path):
    secret = "s3cr3t"  # too short: the message gives its length, never the key
    path = tmp_path / "k.key"
    path.write_text(secret)
    with pytest.raises(InfoviewError) as info:
        load_key(path)
    assert secret not in str(info.value)
