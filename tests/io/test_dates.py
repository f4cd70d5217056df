"""Date parsing of hand-kept trackers (infoview_kit.io.dates)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_kit.io.dates import AMBIGUOUS, DAY_FIRST, MONTH_FIRST, parse_date_columns, parse_dates


def stamps(values):
    return [None if pd.isna(v) else pd.Timestamp(v).isoformat() for v in values]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-06-07", "2025-06-07T00:00:00"),
        ("2025-6-7", "2025-06-07T00:00:00"),
        ("2025-06-07T10:15:00", "2025-06-07T10:15:00"),
        ("2025-06-07 10:15", "2025-06-07T10:15:00"),
        ("2025-06-07T10:00:00+02:00", "2025-06-07T08:00:00"),
        ("2025-06-07T10:00:00Z", "2025-06-07T10:00:00"),
        ("2025-06-06T22:30:00-05:00", "2025-06-07T03:30:00"),
        ("2025/06/07", "2025-06-07T00:00:00"),
        ("20250607", "2025-06-07T00:00:00"),
        ("7-Jun-25", "2025-06-07T00:00:00"),
        ("07-JUN-2025", "2025-06-07T00:00:00"),
        ("07 June 2025", "2025-06-07T00:00:00"),
        ("7 Jun 2025", "2025-06-07T00:00:00"),
        ("June 7, 2025", "2025-06-07T00:00:00"),
        ("Jun 7 2025", "2025-06-07T00:00:00"),
        ("June 7th, 2025", "2025-06-07T00:00:00"),
        ("Sat, 7 Jun 2025", "2025-06-07T00:00:00"),
        ("7 Sept 2025", "2025-09-07T00:00:00"),
        ("  7-Jun-25  ", "2025-06-07T00:00:00"),
        ("45815", "2025-06-07T00:00:00"),
        ("45815.5", "2025-06-07T12:00:00"),
        ("07.06.2025", "2025-06-07T00:00:00"),
    ],
)
def test_formats_people_write(text, expected):
    assert stamps(parse_dates(pd.Series([text]))) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "soon",
        "31/31/2025",
        "2025-13-01",
        "sometime in March",
        "12345",
        "June",
        "20251301",
        "12345678",
    ],
)
def test_unreadable_cells_are_flagged_not_guessed(text):
    parsed = parse_date_columns({"d": pd.Series([text, "2025-01-02"])})
    assert parsed.unreadable["d"].tolist() == [True, False]
    assert parsed.dates["d"].isna().tolist() == [True, False]


def test_blank_cells_are_missing_not_unreadable():
    parsed = parse_date_columns({"d": pd.Series([None, np.nan, "2025-01-02"], dtype=object)})
    assert parsed.unreadable["d"].tolist() == [False, False, False]
    assert parsed.dates["d"].isna().tolist() == [True, True, False]


def test_a_day_above_12_proves_day_first_for_every_column_of_the_file():
    parsed = parse_date_columns(
        {"sent": pd.Series(["03/04/2025"]), "met": pd.Series(["25/04/2025"])}
    )
    assert parsed.order == DAY_FIRST
    assert stamps(parsed.dates["sent"]) == ["2025-04-03T00:00:00"]
    assert stamps(parsed.dates["met"]) == ["2025-04-25T00:00:00"]
    assert parsed.ambiguous_columns == []


def test_a_second_part_above_12_proves_month_first():
    parsed = parse_date_columns({"sent": pd.Series(["03/04/2025", "4/25/25"])})
    assert parsed.order == MONTH_FIRST
    assert stamps(parsed.dates["sent"]) == ["2025-03-04T00:00:00", "2025-04-25T00:00:00"]


def test_contradicting_cells_follow_the_majority_and_are_flagged():
    values = pd.Series(["13/05/2025", "05/14/2025", "05/15/2025", "05/06/2025"])
    parsed = parse_date_columns({"d": values})
    assert parsed.order == MONTH_FIRST
    assert parsed.contradicting["d"].tolist() == [True, False, False, False]
    assert stamps(parsed.dates["d"]) == [
        "2025-05-13T00:00:00",
        "2025-05-14T00:00:00",
        "2025-05-15T00:00:00",
        "2025-05-06T00:00:00",
    ]


def test_no_proof_is_ambiguous_read_month_first_and_names_the_columns():
    parsed = parse_date_columns(
        {
            "sent": pd.Series(["03/04/2025"]),
            "met": pd.Series(["2025-05-01"]),
            "same": pd.Series(["5/5/2025"]),
        }
    )
    assert parsed.order == AMBIGUOUS
    assert parsed.ambiguous_columns == ["sent"]
    assert stamps(parsed.dates["sent"]) == ["2025-03-04T00:00:00"]


@pytest.mark.parametrize(
    ("dayfirst", "expected"), [(True, "2025-04-03T00:00:00"), (False, "2025-03-04T00:00:00")]
)
def test_dayfirst_forces_the_order(dayfirst, expected):
    parsed = parse_date_columns({"d": pd.Series(["03/04/2025"])}, dayfirst=dayfirst)
    assert parsed.ambiguous_columns == []
    assert stamps(parsed.dates["d"]) == [expected]


def test_forced_order_still_reads_a_cell_that_only_fits_the_other_way():
    parsed = parse_date_columns({"d": pd.Series(["25/04/2025"])}, dayfirst=False)
    assert stamps(parsed.dates["d"]) == ["2025-04-25T00:00:00"]
    assert parsed.contradicting["d"].tolist() == [True]


def test_dotted_dates_are_day_first_and_prove_nothing_about_slashes():
    parsed = parse_date_columns({"d": pd.Series(["07.06.2025", "03/04/2025"])})
    assert parsed.order == AMBIGUOUS
    assert stamps(parsed.dates["d"]) == ["2025-06-07T00:00:00", "2025-03-04T00:00:00"]


def test_two_digit_years_and_times_of_day():
    parsed = parse_dates(pd.Series(["1/2/25 3:04 PM", "1/2/70 12:00 am", "12/31/2024 23:59:59"]))
    assert stamps(parsed) == ["2025-01-02T15:04:00", "1970-01-02T00:00:00", "2024-12-31T23:59:59"]


def test_native_cells_from_spreadsheets():
    values = pd.Series(
        [
            dt.datetime(2025, 6, 7, 9, 30),
            dt.date(2025, 6, 8),
            pd.Timestamp("2025-06-07T10:00", tz="Europe/Paris"),
            45815,
            45815.25,
            True,
            dt.time(9, 30),
            3.5,
        ],
        dtype=object,
    )
    parsed = parse_date_columns({"d": values})
    assert stamps(parsed.dates["d"]) == [
        "2025-06-07T09:30:00",
        "2025-06-08T00:00:00",
        "2025-06-07T08:00:00",
        "2025-06-07T00:00:00",
        "2025-06-07T06:00:00",
        None,
        None,
        None,
    ]
    assert parsed.unreadable["d"].tolist() == [False] * 5 + [True] * 3


def test_datetime_columns_pass_through_in_utc():
    aware = pd.Series(pd.to_datetime(["2025-06-07T10:00:00+02:00"]))
    naive = pd.Series(pd.to_datetime(["2025-06-07T10:00:00"]))
    parsed = parse_date_columns({"a": aware, "n": naive})
    assert parsed.dates["a"].dtype == "datetime64[us]"
    assert stamps(parsed.dates["a"]) == ["2025-06-07T08:00:00"]
    assert stamps(parsed.dates["n"]) == ["2025-06-07T10:00:00"]


def test_factorised_input_and_index_kept():
    parsed = parse_date_columns(
        {"d": (np.array([0, -1, 0, 1]), np.array(["2025-01-02", "junk"], dtype=object))}
    )
    assert stamps(parsed.dates["d"]) == ["2025-01-02T00:00:00", None, "2025-01-02T00:00:00", None]
    assert parsed.unreadable["d"].tolist() == [False, False, False, True]
    series = pd.Series(["2025-01-02"], index=[42])
    assert parse_dates(series).index.tolist() == [42]


def test_each_distinct_value_is_parsed_once_for_a_million_rows():
    # Not a timing assertion: the parse works on the distinct values and maps back.
    values = pd.Series(np.repeat(["06/07/2025", "13/07/2025", "", "bad"], 250_000))
    parsed = parse_date_columns({"d": values.replace("", None)})
    assert parsed.order == DAY_FIRST
    assert int(parsed.unreadable["d"].sum()) == 250_000
    assert parsed.dates["d"].notna().sum() == 500_000


_FORMATS = {
    "iso": ("%Y-%m-%d", None),
    "us": ("%m/%d/%Y", False),
    "us_short": ("%m/%d/%y", False),
    "day_first": ("%d/%m/%Y", True),
    "dotted": ("%d.%m.%Y", None),
    "excel": ("%d-%b-%y", None),
    "long": ("%d %B %Y", None),
    "american_long": ("%B %d, %Y", None),
}


@settings(max_examples=150, deadline=2000)
@given(
    days=st.lists(
        st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2068, 12, 31)),
        min_size=1,
        max_size=8,
    ),
    style=st.sampled_from(sorted(_FORMATS)),
)
def test_round_trip_of_every_style(days, style):
    fmt, dayfirst = _FORMATS[style]
    text = pd.Series([d.strftime(fmt) for d in days])
    parsed = parse_date_columns({"d": text}, dayfirst=dayfirst)
    assert not parsed.unreadable["d"].any()
    assert [ts.date() for ts in parsed.dates["d"]] == days


def test_dates_without_a_year_take_the_year_as_of_gives():
    values = pd.Series(
        ["3/4", "Mar 3", "12/20", "3 March", "Jul 30", "4.3.", "Feb 30", "2025-03-01"]
    )
    as_of = pd.Timestamp("2025-07-01")
    parsed = parse_date_columns({"sent": values}, as_of=as_of)
    assert stamps(parsed.dates["sent"]) == [
        "2025-03-04T00:00:00",
        "2025-03-03T00:00:00",
        "2024-12-20T00:00:00",  # December 2025 would be months after as_of: the year before
        "2025-03-03T00:00:00",
        "2025-07-30T00:00:00",  # within a month after as_of: this year
        "2025-03-04T00:00:00",  # dotted: day first
        None,
        "2025-03-01T00:00:00",
    ]
    assert parsed.yearless["sent"].tolist() == [True] * 6 + [False, False]
    assert parsed.unreadable["sent"].tolist() == [False] * 6 + [True, False]
    # without as_of nothing is guessed
    assert parse_date_columns({"sent": values}).unreadable["sent"].sum() == 7


def test_a_day_above_12_without_a_year_still_decides_the_order():
    parsed = parse_date_columns(
        {"sent": pd.Series(["13/4", "3/4"])}, as_of=pd.Timestamp("2025-07-01")
    )
    assert parsed.order == DAY_FIRST
    assert stamps(parsed.dates["sent"]) == ["2025-04-13T00:00:00", "2025-04-03T00:00:00"]


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("March 2025", "2025-03-01T00:00:00"),
        ("Mar 2025", "2025-03-01T00:00:00"),
        ("Sept. 2025", "2025-09-01T00:00:00"),
        ("Mar-2025", "2025-03-01T00:00:00"),
        ("03/2025", "2025-03-01T00:00:00"),
        ("3/2025", "2025-03-01T00:00:00"),
        ("03.2025", "2025-03-01T00:00:00"),
        ("2025-03", "2025-03-01T00:00:00"),
        ("2025/3", "2025-03-01T00:00:00"),
        ("mars 2025", "2025-03-01T00:00:00"),
        ("marzo de 2025", "2025-03-01T00:00:00"),
        ("Dezember 2024", "2024-12-01T00:00:00"),
        ("févr. 2025", "2025-02-01T00:00:00"),
        ("Mar '25", "2025-03-01T00:00:00"),  # the apostrophe says "year"
        ("Mar-99", "1999-03-01T00:00:00"),  # no day is 99
    ],
)
def test_a_month_and_a_year_is_read_as_its_first_day_and_marked(text, month):
    parsed = parse_date_columns({"d": pd.Series([text, "2025-01-02"])})
    assert stamps(parsed.dates["d"]) == [month, "2025-01-02T00:00:00"]
    assert parsed.dayless["d"].tolist() == [True, False]
    assert not parsed.unreadable["d"].any()
    assert not parsed.yearless["d"].any()


@pytest.mark.parametrize(
    ("text", "day_or_year"),
    [
        ("Mar-25", True),
        ("Sept-07", True),
        ("mars-25", True),
        ("13/2025", False),
        ("2025-13", False),
        ("0/2025", False),
        ("Q1 2025", False),
    ],
)
def test_a_month_with_a_short_or_impossible_year_stays_unread(text, day_or_year):
    # "Mar-25" is March 2025 in Excel's mmm-yy, or 25 March: not guessed, even with as_of
    # (Excel's d-mmm, "25-Mar", has the day first and is read as a date without a year).
    for as_of in (None, pd.Timestamp("2025-07-01")):
        parsed = parse_date_columns({"d": pd.Series([text])}, as_of=as_of)
        assert parsed.unreadable["d"].tolist() == [True]
        assert parsed.day_or_year["d"].tolist() == [day_or_year]
        assert not parsed.dayless["d"].any()
    late = parse_date_columns({"d": pd.Series(["25-Mar"])}, as_of=pd.Timestamp("2025-07-01"))
    assert stamps(late.dates["d"]) == ["2025-03-25T00:00:00"]
    assert late.yearless["d"].tolist() == [True]


def test_month_and_year_cells_do_not_vote_on_the_day_month_order():
    # "03/2025" and "12/2025" look like d/m or m/d with a day above 12 in neither place:
    # they must not settle the order of "4/5/2025", whatever their count.
    parsed = parse_date_columns({"d": pd.Series(["03/2025"] * 5 + ["12/2025", "4/5/2025"])})
    assert parsed.order == AMBIGUOUS
    assert parsed.ambiguous_columns == ["d"]
    grouped = parse_date_columns(
        {"d": (np.array([0, 1, 2]), np.array(["03/2025", "4/5/2025", "12/2025"], dtype=object))},
        groups=np.array([0, 0, 1]),
    )
    assert grouped.ambiguous_by_group == {0: ["d"]}
    assert stamps(grouped.dates["d"]) == [
        "2025-03-01T00:00:00",
        "2025-04-05T00:00:00",
        "2025-12-01T00:00:00",
    ]
    assert grouped.dayless["d"].tolist() == [True, False, True]


@pytest.mark.parametrize(
    "text",
    [
        "4 mars 2025",  # French, Swedish, Norwegian
        "mardi 4 mars 2025",
        "3. März 2025",  # German
        "Dienstag, 4. März 2025",
        "4 de marzo de 2025",  # Spanish
        "martes, 4 de marzo de 2025",
        "4 marzo 2025",  # Italian
        "4 mar. 2025",
        "4 maart 2025",  # Dutch
        "4 mrt 2025",
        "4 de março de 2025",  # Portuguese
        "terça-feira, 4 de março de 2025",
        "4. marts 2025",  # Danish
        "tirsdag den 4. marts 2025",
        "4 marca 2025",  # Polish
        "4. maaliskuuta 2025",  # Finnish
        "4 MARS 2025",
        "  4  Mars  2025 ",
        "4 mars 25",
        "marzo 4, 2025",
    ],
)
def test_dates_with_a_month_named_in_another_language(text):
    parsed = parse_date_columns({"d": pd.Series([text])})
    day = 3 if "März" in text and "Dienstag" not in text else 4
    assert stamps(parsed.dates["d"]) == [f"2025-03-0{day}T00:00:00"]
    assert not (parsed.dayless["d"].any() or parsed.yearless["d"].any())


@pytest.mark.parametrize(
    "text",
    [
        "4 jui 2025",  # juin or juillet
        "4 ma 2025",  # too short to be a month
        "31 février 2025",
        "soon 4 mars 2025",  # not a weekday
        "4 mars 2025 14:00 or later",
        "4 mai",  # no year and no as_of
    ],
)
def test_month_names_that_are_not_sure_stay_unread(text):
    assert parse_date_columns({"d": pd.Series([text])}).unreadable["d"].tolist() == [True]


def test_a_foreign_date_without_a_year_takes_the_year_as_of_gives():
    parsed = parse_date_columns(
        {"d": pd.Series(["4 mai", "3. Dezember", "30 février"])}, as_of=pd.Timestamp("2025-07-01")
    )
    assert stamps(parsed.dates["d"]) == ["2025-05-04T00:00:00", "2024-12-03T00:00:00", None]
    assert parsed.yearless["d"].tolist() == [True, True, False]
    assert parsed.unreadable["d"].tolist() == [False, False, True]


def test_a_name_that_means_two_months_in_two_languages_is_not_read(monkeypatch):
    from infoview_kit.io import month_names

    # "listopad" is November in Polish and October in Croatian; "srpanj" is July in Croatian.
    monkeypatch.setattr(month_names, "LOCALES", ("pl", "hr"))
    table = month_names.name_table.__wrapped__()
    assert "listopad" in table.clashing
    assert "listopad" not in table.months
    assert table.months["srpanj"] == 7
    assert table.months["stycznia"] == 1


def test_every_month_name_of_every_language_reads_to_its_month():
    from infoview_kit.io.month_names import month_number, name_table

    table = name_table()
    assert table.clashing == frozenset()  # the chosen languages never disagree on a name
    assert all(month_number(name) == month for name, month in table.months.items())
    assert {month_number(w) for w in ("jan", "Jänner", "gennaio", "stycznia", "tammikuu")} == {1}
    assert [month_number(w) for w in ("mai", "maj", "mei", "mayo", "maggio", "maio")] == [5] * 6


def test_files_with_only_usual_dates_never_build_the_name_table():
    code = (
        "import sys, pandas as pd\n"
        "from infoview_kit.io.dates import parse_date_columns\n"
        "values = pd.Series(['2025-03-04', '3/4/2025', '7-Jun-25', 'soon', '03/2025'])\n"
        "parse_date_columns({'d': values}, as_of=pd.Timestamp('2025-07-01'))\n"
        "print('babel' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


_LOCALE_FORMATS = st.sampled_from(["long", "full"])


@settings(max_examples=150, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2068, 12, 31)),
    locale=st.sampled_from(
        ["en", "fr", "de", "de_AT", "es", "it", "pt", "pt_PT", "nl", "sv", "da", "nb", "pl", "fi"]
    ),
    width=_LOCALE_FORMATS,
    shout=st.booleans(),
)
def test_long_dates_as_each_language_writes_them(day, locale, width, shout):
    from babel.dates import format_date

    text = format_date(day, width, locale=locale)
    text = text.upper() if shout else text
    parsed = parse_date_columns({"d": pd.Series([text])})
    assert [ts.date() for ts in parsed.dates["d"]] == [day], text


_MONTH_YEAR_FORMS = ["%B %Y", "%b %Y", "%m/%Y", "%-m/%Y", "%Y-%m", "%m.%Y", "%b-%Y", "%B, %Y"]


@settings(max_examples=150, deadline=None)
@given(
    month=st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2068, 12, 31)),
    form=st.sampled_from(_MONTH_YEAR_FORMS),
    others=st.lists(st.sampled_from(["4/5/2025", "13/5/2025", "5/13/2025"]), max_size=3),
)
def test_a_month_and_a_year_in_any_form_is_its_first_day_and_never_votes(month, form, others):
    text = month.strftime(form)
    alone = parse_date_columns({"d": pd.Series(others)})
    parsed = parse_date_columns({"d": pd.Series([text, *others])})
    assert parsed.dates["d"].iloc[0].date() == month.replace(day=1), text
    assert parsed.dayless["d"].tolist() == [True] + [False] * len(others)
    assert parsed.order == alone.order  # the month changed nothing in the decision
    assert stamps(parsed.dates["d"].iloc[1:]) == stamps(alone.dates["d"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 20, 2025 10:00 AM (EST)", "2025-03-20 10:00"),  # a calendar export
        ("Mar 20, 2025 12:15 PM", "2025-03-20 12:15"),
        ("March 20, 2025 12:30 am", "2025-03-20 00:30"),
        ("Thu, 20 Mar 2025 10:00:00 +0000", "2025-03-20 10:00"),  # a mail header
        ("20 Mar 2025, 10:00", "2025-03-20 10:00"),
        ("Mar 20 2025 at 9.30 pm", "2025-03-20 21:30"),
        ("20 March 2025 14h30", "2025-03-20 14:30"),
        # An offset makes the time UTC, as it does in an ISO date; a zone's name does not.
        ("Thu, 20 Mar 2025 10:00:00 +0100", "2025-03-20 09:00"),
        ("20 Mar 2025, 10:00 GMT+1", "2025-03-20 09:00"),
        ("March 20, 2025 10:00 (UTC+01:00)", "2025-03-20 09:00"),
        ("Mar 20 2025 00:30 +02:00", "2025-03-19 22:30"),
        ("20 Mar 2025 10:00 -0500", "2025-03-20 15:00"),
        ("March 20, 2025 10:00 AM UTC", "2025-03-20 10:00"),
    ],
)
def test_a_named_month_date_with_a_time_of_day_keeps_the_time(text, expected):
    assert parse_dates(pd.Series([text])).tolist() == [pd.Timestamp(expected)]


@given(
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2060, 12, 31)),
    st.sampled_from(["%B %d, %Y %I:%M %p", "%d %b %Y, %H:%M", "%a, %d %b %Y %H:%M:%S +0000"]),
)
@settings(max_examples=80, deadline=None)
def test_named_dates_with_times_read_back_to_the_minute(moment, fmt):
    moment = moment.replace(microsecond=0, second=moment.second if "%S" in fmt else 0)
    assert parse_dates(pd.Series([moment.strftime(fmt)])).tolist() == [pd.Timestamp(moment)]


@pytest.mark.parametrize(
    "text", ["March 20, 2025 25:00", "March 20, 2025 10:75 PM", "March 20, 2025 10:00 +2500"]
)
def test_an_impossible_time_of_day_leaves_the_cell_unread(text):
    assert parse_dates(pd.Series([text])).isna().all()
