"""Cell words of tracker layouts (infoview_kit.io.layouts)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoview_kit.io.layouts import NO_WORDS, YES_WORDS, yes_no

_ANSWERS = [(w, 1) for w in sorted(YES_WORDS)] + [(w, 0) for w in sorted(NO_WORDS)]


def test_no_word_is_both_a_yes_and_a_no():
    assert YES_WORDS & NO_WORDS == frozenset()


@given(
    answer=st.sampled_from(_ANSWERS),
    case=st.sampled_from([str.lower, str.upper, str.title]),
    around=st.sampled_from(["", "!", ".", " ", "(", "¡"]),
)
def test_yes_and_no_words_in_any_case_with_punctuation_around(answer, case, around):
    word, expected = answer
    closing = {"(": ")", "¡": "!"}.get(around, around)
    assert yes_no(pd.Series([f"{around}{case(word)}{closing}"])).tolist() == [expected]


@pytest.mark.parametrize("word", ["tak", "Tak!", "da", "jo", "ne", "vielleicht", "quizás"])
def test_words_that_mean_something_else_in_another_language_are_not_guessed(word):
    assert yes_no(pd.Series([word])).tolist() == [-1]
