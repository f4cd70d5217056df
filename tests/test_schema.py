"""Columns, dtypes and text folding (infoview_kit.schema)."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_kit.schema import (
    CHANNELS,
    EVENT_COLUMNS,
    EVENT_KINDS,
    as_category,
    conform_events,
    empty_events,
    normalise_text,
)

_SPACES = re.compile(r"\s+")


def _reference_fold(text: object) -> object:
    """The original, one value at a time definition of normalise_text."""
    if not isinstance(text, str):
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped).strip().casefold()


def _reference(values: pd.Series) -> pd.Series:
    return values.map(_reference_fold).astype("str")


@settings(max_examples=300, deadline=2000)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
            st.sampled_from(["  José  GARCÍA ", "ǅ", "ﬁ", "İ", "e\u0301", "a\x1cb", "A\u00a0B "]),
        )
    )
)
def test_normalise_text_equals_the_one_value_definition(values):
    series = pd.Series(values, dtype="str", name="who")
    pd.testing.assert_series_equal(normalise_text(series), _reference(series))


def test_normalise_text_keeps_non_text_values_as_text():
    out = normalise_text(pd.Series([3, None, " Zoë "], dtype=object))
    assert out.tolist()[0] == "3"
    assert pd.isna(out.iloc[1])
    assert out.iloc[2] == "zoe"


def _events() -> pd.DataFrame:
    return conform_events(
        pd.DataFrame(
            {
                "owner": ["me", "me"],
                "contact_id": ["c-1", "c-2"],
                "at": pd.to_datetime(["2025-03-03 10:00", "2025-03-04 00:00"]),
                "kind": ["request_sent", "pigeon_sent"],
                "channel": ["email", None],
                "notes": [None, "hello"],
                "source": ["log.csv:2", "log.csv:3"],
            }
        )
    )


def test_conform_of_a_canonical_frame_is_a_shallow_copy_with_the_same_values():
    events = _events()
    again = conform_events(events)
    assert again is not events
    pd.testing.assert_frame_equal(again, events)
    # categories are reused, not rebuilt
    assert again["kind"].cat.categories.tolist() == [*EVENT_KINDS, "pigeon_sent"]
    again["notes"] = "changed"  # a copy: the input is not touched
    assert events["notes"].tolist()[1] == "hello"


def test_conform_still_fixes_a_frame_that_is_nearly_canonical():
    events = _events()
    reordered = events[list(reversed(EVENT_COLUMNS))]
    assert list(conform_events(reordered).columns) == list(EVENT_COLUMNS)
    as_object = events.astype({"owner": object})
    assert conform_events(as_object)["owner"].dtype == "str"
    subset = events.iloc[:1]  # the unknown kind is no longer used: its category goes
    assert conform_events(subset)["kind"].cat.categories.tolist() == list(EVENT_KINDS)
    plain_kind = events.assign(kind=events["kind"].astype(object))
    pd.testing.assert_frame_equal(conform_events(plain_kind), events)


def test_as_category_reuses_matching_categories_and_repairs_others():
    channel = _events()["channel"]
    assert as_category(channel, CHANNELS) is channel
    other = pd.Series(pd.Categorical(["video", "fax"], categories=["fax", "video"]))
    out = as_category(other, CHANNELS)
    assert out.cat.categories.tolist() == [*CHANNELS, "fax"]
    assert out.tolist() == ["video", "fax"]
    assert len(empty_events()) == 0
