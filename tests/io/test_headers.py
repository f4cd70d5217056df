"""Headers and labels as people write them (infoview_kit.io.headers)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoview_kit.io.headers import (
    CHANNELS_ABROAD,
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
