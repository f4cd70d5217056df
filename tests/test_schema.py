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
    make_contact_ids,
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


# Ids already stored in people's workbooks: computed with the code of December 2026
# (before the three id functions became one). They must never change.
PINNED_IDS = [
    (("me", "Ada@Example.com", "Ada Example", "Acme"), "c-5258dbdecd"),
    (("me", "ada@example.com", None, None), "c-5258dbdecd"),
    (("me", None, "Ada Example", "Acme"), "c-e18935a5b2"),
    (("me", None, "  ada   EXAMPLE ", "ACME"), "c-e18935a5b2"),
    (("me", None, "Bo Sample", None), "c-22dd747213"),
    (("me", None, "José García", "Fundación Ejemplo"), "c-ef229a8c4f"),
    (("me", None, "Jose Garcia", "Fundacion Ejemplo"), "c-ef229a8c4f"),
    (("me", None, "김민준", "예시 회사"), "c-b2a766a590"),
    (("me", None, "Дмитрий Пример", None), "c-9cbd2c850c"),
    (("student-07", "bo@example.com", "Bo Sample", "Globex"), "c-fb8eb4d226"),
    (("student-07", None, "Bo Sample", "Globex"), "c-60e04fa5cd"),
    (("", None, "Cy Example", "Initech"), "c-e881cc93ce"),
    (("me", None, None, "Acme"), None),
    (("Zoë", "zoe@example.com", "Zoë Example", None), "c-ed1d97c6bd"),
]


def test_contact_ids_stored_in_workbooks_never_change():
    frame = pd.DataFrame([r for r, _ in PINNED_IDS], columns=["owner", "email", "name", "org"])
    for dtype in ("str", "object", "category"):
        typed = frame.astype(dtype)
        ids = make_contact_ids(typed["owner"], typed["email"], typed["name"], typed["org"])
        assert [None if pd.isna(i) else i for i in ids] == [i for _, i in PINNED_IDS], dtype


def test_every_loader_makes_the_pinned_ids(tmp_path):
    from infoview_kit import load_log

    # one row per person (rows of one person would merge into the first)
    rows = [PINNED_IDS[k][0] for k in (0, 4, 5, 7, 8)]
    table = pd.DataFrame(rows, columns=["Owner", "Email", "Name", "Company"])
    table.to_csv(tmp_path / "tracker.csv", index=False)
    log = load_log(tmp_path / "tracker.csv")
    pinned = {r: i for r, i in PINNED_IDS}
    assert set(log.contacts["contact_id"]) == {pinned[r] for r in rows}
