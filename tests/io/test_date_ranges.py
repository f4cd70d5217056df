"""Date cells that hold a range ("April 1-3, 2025", Notion's "April 1, 2025 → April 3, 2025"),
and the other date cells people really write, read through the loader.

A range is read as its start; its end goes to the load report. Both ends follow the file's
day/month decision, and a range votes in that decision only as its parts would.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_kit.io.dates import AMBIGUOUS, DAY_FIRST, MONTH_FIRST, parse_date_columns
from infoview_kit.io.load import load_log

AS_OF = "2025-07-01"


def read_one(text: str, **options):
    """(start, end) of one cell read alone (end: NaT when the cell is not a range)."""
    parsed = parse_date_columns({"d": pd.Series([text])}, **options)
    return parsed.dates["d"].iloc[0], parsed.range_ends["d"].iloc[0]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # Notion's date properties with an end, as its CSV export writes them
        ("April 1, 2025 → April 3, 2025", "2025-04-01", "2025-04-03"),
        ("April 1, 2025 10:00 AM → 11:00 AM", "2025-04-01 10:00", "2025-04-01 11:00"),
        (
            "April 1, 2025 10:00 AM (EST) → April 1, 2025 11:00 AM (EST)",
            "2025-04-01 10:00",
            "2025-04-01 11:00",
        ),
        ("April 1, 2025 10:00 AM → April 3, 2025 4:30 PM", "2025-04-01 10:00", "2025-04-03 16:30"),
        # typed by hand
        ("2025-04-01 - 2025-04-03", "2025-04-01", "2025-04-03"),
        ("2025-04-01 to 2025-04-03", "2025-04-01", "2025-04-03"),
        ("2025-04-01–2025-04-03", "2025-04-01", "2025-04-03"),
        ("April 1-3, 2025", "2025-04-01", "2025-04-03"),
        ("April 1 – 3, 2025", "2025-04-01", "2025-04-03"),
        ("1–3 April 2025", "2025-04-01", "2025-04-03"),
        ("1st-3rd April 2025", "2025-04-01", "2025-04-03"),
        ("from 1 to 3 April 2025", "2025-04-01", "2025-04-03"),
        ("Tue 1 Apr 2025 - Thu 3 Apr 2025", "2025-04-01", "2025-04-03"),
        ("10:00-11:00 on 2025-04-01", "2025-04-01 10:00", "2025-04-01 11:00"),
        ("2025-04-01 10:00 - 11:00", "2025-04-01 10:00", "2025-04-01 11:00"),
        ("10:00 - 11:00 AM, April 1, 2025", "2025-04-01 10:00", "2025-04-01 11:00"),
        ("11:00 - 1:00 PM, April 1, 2025", "2025-04-01 11:00", "2025-04-01 13:00"),
        ("April 1 - May 3, 2025", "2025-04-01", "2025-05-03"),
        ("Dec 30 - Jan 2, 2025", "2024-12-30", "2025-01-02"),  # the start takes the year before
        ("2025-04-01T10:00+02:00 - 2025-04-01T11:00+02:00", "2025-04-01 08:00", "2025-04-01 09:00"),
        ("45748 - 45750", "2025-04-01", "2025-04-03"),
        ("2025/04/01 ~ 2025/04/03", "2025-04-01", "2025-04-03"),
        ("2025-04-01/2025-04-03", "2025-04-01", "2025-04-03"),  # an ISO 8601 interval
        ("2025-04-01T10:00Z/2025-04-01T11:00Z", "2025-04-01 10:00", "2025-04-01 11:00"),
        ("1.4.2025 - 3.4.2025", "2025-04-01", "2025-04-03"),
        ("01.04.2025-03.04.2025", "2025-04-01", "2025-04-03"),
        ("March 31 – April 2, 2025", "2025-03-31", "2025-04-02"),
        # the month named in the other languages the loader reads
        ("1 avril 2025 → 3 avril 2025", "2025-04-01", "2025-04-03"),
        ("du 1er au 3 avril 2025", "2025-04-01", "2025-04-03"),
        ("1.–3. April 2025", "2025-04-01", "2025-04-03"),
        ("1. April 2025 bis 3. April 2025", "2025-04-01", "2025-04-03"),
        ("del 1 al 3 de abril de 2025", "2025-04-01", "2025-04-03"),
        ("1-3 aprile 2025", "2025-04-01", "2025-04-03"),
        ("1–3 kwietnia 2025", "2025-04-01", "2025-04-03"),
        ("1 april 2025 kl. 10:00–11:00", "2025-04-01 10:00", "2025-04-01 11:00"),
        ("1 tot 3 april 2025", "2025-04-01", "2025-04-03"),
    ],
)
def test_a_range_is_read_as_its_start_and_its_end_is_kept(text, start, end):
    assert read_one(text) == (pd.Timestamp(start), pd.Timestamp(end))


@pytest.mark.parametrize(
    "text",
    [
        "soon - 2025-04-03",  # the start is no date
        "2025-04-01 - call back",  # the second part is no date: a note, not a range
        "13/4/2025 – 4/14/2025",  # its two ends need the two opposite day/month orders
        "April 31-33, 2025",
        "call back - maybe",
        "-45748",
        "2025-04-01-2025-04-03",  # hyphens inside the dates: no place to cut
    ],
)
def test_what_is_not_a_readable_range_stays_unreadable(text):
    parsed = parse_date_columns({"d": pd.Series([text, "2025-01-02"])})
    assert parsed.unreadable["d"].tolist() == [True, False]
    assert parsed.ranges["d"].tolist() == [False, False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01-04-2025", "2025-01-04"),  # read in the file's order (month/day: nothing says)
        ("2025-04-01", "2025-04-01"),
        ("1-Apr-25", "2025-04-01"),
        ("01-Apr-2025", "2025-04-01"),
        ("2025-04", "2025-04-01"),
        ("Apr-2025", "2025-04-01"),
    ],
)
def test_hyphenated_single_dates_are_no_range(text, expected):
    parsed = parse_date_columns({"d": pd.Series([text])})
    assert parsed.dates["d"].tolist() == [pd.Timestamp(expected)]
    assert not parsed.ranges["d"].any()


def test_both_ends_follow_the_file_s_day_month_order():
    cells = pd.Series(["1/4/2025 – 3/4/2025", "20/03/2025"])  # 20/03 proves day-first
    parsed = parse_date_columns({"d": cells})
    assert parsed.order == DAY_FIRST
    assert parsed.dates["d"].iloc[0] == pd.Timestamp("2025-04-01")
    assert parsed.range_ends["d"].iloc[0] == pd.Timestamp("2025-04-03")

    parsed = parse_date_columns({"d": pd.Series(["1/4/2025 – 3/4/2025", "03/20/2025"])})
    assert parsed.order == MONTH_FIRST
    assert parsed.dates["d"].iloc[0] == pd.Timestamp("2025-01-04")
    assert parsed.range_ends["d"].iloc[0] == pd.Timestamp("2025-03-04")


def test_a_range_votes_only_as_its_parts_would():
    # Neither part proves the order: the range proves nothing either.
    parsed = parse_date_columns({"d": pd.Series(["1/4/2025 – 3/4/2025"])})
    assert parsed.order == AMBIGUOUS and parsed.ambiguous_columns == ["d"]
    # Its end proves day-first: so does the range, as that end alone would.
    ends_late = pd.Series(["5/4/2025 – 20/4/2025", "4/5/2025"])
    assert parse_date_columns({"d": ends_late}).order == DAY_FIRST
    assert parse_date_columns({"d": pd.Series(["20/4/2025", "4/5/2025"])}).order == DAY_FIRST
    # Dotted dates are day-first and vote for nothing, in a range as alone.
    dotted = parse_date_columns({"d": pd.Series(["01.04.2025 – 03.04.2025", "4/5/2025"])})
    assert dotted.order == AMBIGUOUS
    assert dotted.dates["d"].iloc[0] == pd.Timestamp("2025-04-01")


def test_a_range_whose_two_ends_prove_the_order_counts_as_two_votes():
    cells = ["13/4/2025 – 14/4/2025", "4/13/2025"]  # two day-first dates, one month-first
    assert parse_date_columns({"d": pd.Series(cells)}).order == DAY_FIRST
    codes, uniques = pd.factorize(pd.Series(cells + cells))
    stacked = parse_date_columns({"d": (codes, uniques)}, groups=[0, 0, 1, 1])
    assert stacked.dates["d"].tolist()[::2] == [pd.Timestamp("2025-04-13")] * 2
    assert not stacked.contradicting["d"].iloc[0]
    assert stacked.contradicting["d"].iloc[1]


def test_a_range_read_against_the_file_s_order_is_flagged_like_a_single_date():
    cells = pd.Series(["5/4/2025 – 20/4/2025", "03/20/2025", "03/21/2025"])
    parsed = parse_date_columns({"d": cells})
    assert parsed.order == MONTH_FIRST
    assert parsed.dates["d"].iloc[0] == pd.Timestamp("2025-04-05")  # the only possible way
    assert parsed.range_ends["d"].iloc[0] == pd.Timestamp("2025-04-20")
    assert parsed.contradicting["d"].tolist() == [True, False, False]


def test_columns_with_no_value_have_no_range():
    blank = (np.array([-1, -1]), np.array([], dtype=object))  # as the loader passes them
    parsed = parse_date_columns({"d": blank, "e": pd.Series([None, None])})
    assert parsed.ranges["d"].tolist() == [False, False]
    assert parsed.range_ends["e"].isna().all()


def test_a_range_without_a_year_takes_the_year_as_of_gives():
    parsed = parse_date_columns({"d": pd.Series(["April 1-3"])}, as_of=pd.Timestamp(AS_OF))
    assert parsed.dates["d"].tolist() == [pd.Timestamp("2025-04-01")]
    assert parsed.yearless["d"].tolist() == [True]
    assert parsed.range_ends["d"].tolist() == [pd.Timestamp("2025-04-03")]


def test_stacked_files_read_each_range_in_its_own_file_s_order():
    codes, uniques = pd.factorize(
        pd.Series(["1/4/2025 – 3/4/2025", "20/03/2025", "1/4/2025 – 3/4/2025", "03/20/2025"])
    )
    parsed = parse_date_columns({"d": (codes, uniques)}, groups=[0, 0, 1, 1])
    assert parsed.dates["d"].tolist()[::2] == [
        pd.Timestamp("2025-04-01"),
        pd.Timestamp("2025-01-04"),
    ]
    assert parsed.range_ends["d"].tolist()[::2] == [
        pd.Timestamp("2025-04-03"),
        pd.Timestamp("2025-03-04"),
    ]
    assert parsed.ranges["d"].tolist() == [True, False, True, False]


def test_a_range_is_ambiguous_when_only_its_end_reads_two_ways():
    # Found by the property below: the start (1 January) reads the same both ways, the end
    # does not (2 January or 1 February), so nothing proves the order.
    parsed = parse_date_columns({"d": pd.Series(["01/01/2000 → 02/01/2000"])})
    assert parsed.order == AMBIGUOUS
    assert parsed.range_ends["d"].tolist() == [pd.Timestamp("2000-02-01")]


_SINGLE_FORMS = ["%d/%m/%Y", "%m/%d/%Y", "%Y-%m-%d", "%d.%m.%Y", "%B %d, %Y", "%d %b %Y"]
_SEPARATORS = [" → ", " - ", " – ", "–", " to ", " until "]


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2068, 12, 31)),
    length=st.integers(min_value=0, max_value=40),
    form=st.sampled_from(_SINGLE_FORMS),
    separator=st.sampled_from(_SEPARATORS),
    others=st.lists(st.sampled_from(["4/5/2025", "13/5/2025", "5/13/2025"]), max_size=3),
    dayfirst=st.sampled_from([None, True, False]),
)
def test_a_range_reads_as_its_two_dates_alone(start, length, form, separator, others, dayfirst):
    """A file with a range decides and reads as the same file with the range's two dates in
    two cells: the same day/month order, the same start and end (when neither date alone
    goes against that order: then both ends of the range follow the one that must)."""
    end = start + dt.timedelta(days=length)
    first, last = start.strftime(form), end.strftime(form)
    alone = parse_date_columns({"d": pd.Series([first, last, *others])}, dayfirst=dayfirst)
    ranged = parse_date_columns(
        {"d": pd.Series([f"{first}{separator}{last}", *others])}, dayfirst=dayfirst
    )
    cell = f"{first}{separator}{last}"
    assert ranged.order == alone.order, cell
    assert ranged.ranges["d"].tolist() == [True] + [False] * len(others)
    assert ranged.dates["d"].iloc[1:].tolist() == alone.dates["d"].iloc[2:].tolist()
    if not alone.contradicting["d"].iloc[:2].any():
        assert ranged.dates["d"].iloc[0] == alone.dates["d"].iloc[0], cell
        assert ranged.range_ends["d"].iloc[0] == alone.dates["d"].iloc[1], cell
    assert ranged.contradicting["d"].iloc[0] == alone.contradicting["d"].iloc[:2].any(), cell


@settings(max_examples=100, deadline=None)
@given(
    start=st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2068, 12, 31)),
    length=st.integers(min_value=1, max_value=27),
    form=st.sampled_from(["{m} {a}-{b}, {y}", "{a}–{b} {m} {y}", "{a}. - {b}. {m} {y}"]),
    month_width=st.sampled_from(["%B", "%b"]),
)
def test_days_of_one_month_read_as_the_first_and_the_last(start, length, form, month_width):
    end = start + dt.timedelta(days=length)
    if end.month != start.month:
        end = start
    cell = form.format(m=start.strftime(month_width), a=start.day, b=end.day, y=start.year)
    parsed = parse_date_columns({"d": pd.Series([cell])})
    assert parsed.dates["d"].iloc[0].date() == start, cell
    assert parsed.range_ends["d"].iloc[0].date() == end, cell


# --------------------------------------------------------------------------- through the loader


def load_csv(tmp_path, text: str):
    path = tmp_path / "tracker.csv"
    path.write_text(text, encoding="utf-8")
    return load_log(path, as_of=AS_OF)


def test_the_load_report_names_each_range_and_its_end(tmp_path):
    log = load_csv(
        tmp_path,
        "Name,Email,Date contacted,Meeting date\n"
        'Ada Example,ada@example.com,20/03/2025,"April 1, 2025 10:00 AM → 11:00 AM"\n'
        "Bo Sample,bo@example.com,1/4/2025 – 3/4/2025,1–3 April 2025\n"
        "Cy Tester,cy@example.com,soon - 2025-04-03,\n",
    )
    problems = log.report.problems
    found = zip(problems["row"], problems["column"], problems["reason"], strict=True)
    assert sorted(found) == [
        (
            2,
            "Meeting date",
            "a date range: read as its start, 1 April 2025 10:00 (it ends at 11:00)",
        ),
        (
            3,
            "Date contacted",
            "a date range: read as its start, 1 April 2025 (it ends 3 April 2025)",
        ),
        (3, "Meeting date", "a date range: read as its start, 1 April 2025 (it ends 3 April 2025)"),
        (4, "Date contacted", "unreadable date"),
    ]
    assert problems["kept"].all()
    assert set(problems["file"]) == {str(tmp_path / "tracker.csv")}
    ranged = problems[problems["reason"].str.startswith("a date range")]
    assert len(ranged) == 3
    meetings = log.events[log.events["kind"] == "meeting_held"]["at"].sort_values().tolist()
    assert meetings == [pd.Timestamp("2025-04-01"), pd.Timestamp("2025-04-01 10:00")]
    requests = log.events[log.events["kind"] == "request_sent"]["at"].sort_values().tolist()
    assert requests == [pd.Timestamp("2025-03-20"), pd.Timestamp("2025-04-01")]


def test_the_catalogue_s_range_file_loads_every_date(tmp_path):
    from infoview_kit.datasets.awkward import awkward_inputs

    name, data = awkward_inputs()["date_ranges"]
    (tmp_path / name).write_bytes(data)
    log = load_log(tmp_path / name, as_of=AS_OF)
    problems = log.report.problems
    assert log.report.balanced and log.report.rows_loaded == 3
    assert problems["reason"].str.startswith("a date range: read as its start, ").all()
    assert sorted(zip(problems["row"], problems["column"], strict=True)) == [
        (2, "Date Contacted"),
        (2, "Meeting Date"),
        (3, "Date Contacted"),
        (3, "Meeting Date"),
        (4, "Date Contacted"),
    ]
    assert sorted(log.events.loc[log.events["kind"] == "meeting_held", "at"]) == [
        pd.Timestamp("2025-04-10 10:00"),
        pd.Timestamp("2025-04-14 10:00"),
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("45748", "2025-04-01"),  # an Excel serial day number in a CSV
        ("45748.5", "2025-04-01 12:00"),
        ("Tue 1 Apr 2025", "2025-04-01"),
        ("Tuesday, April 1, 2025", "2025-04-01"),
        ("April 1st, 2025", "2025-04-01"),
        ("1st April 2025", "2025-04-01"),
        ("2025.04.01", "2025-04-01"),
        ("01.04.2025", "2025-04-01"),
        ("2025/04/01", "2025-04-01"),
        ("2025-04-01T10:00:00Z", "2025-04-01 10:00"),
        ("2025-04-01T10:00:00.000Z", "2025-04-01 10:00"),
        ("4/13/2025 10:00:00", "2025-04-13 10:00"),  # a Google Forms timestamp
        ("mardi 1 avril 2025", "2025-04-01"),
        ("1er avril 2025", "2025-04-01"),
        ("Dienstag, 1. April 2025", "2025-04-01"),
        ("martes, 1 de abril de 2025", "2025-04-01"),
        ("1º de abril de 2025", "2025-04-01"),
        ("1st of April 2025", "2025-04-01"),
        ("2025-04-01 10:00:00 UTC", "2025-04-01 10:00"),  # as LinkedIn's exports write times
        ("2025-04-01 10:00 GMT", "2025-04-01 10:00"),
    ],
)
def test_other_date_cells_people_write_load_with_no_problem(tmp_path, cell, expected):
    log = load_csv(tmp_path, f'Name,Email,Date contacted\nAda Example,ada@example.com,"{cell}"\n')
    assert log.report.problems.empty, log.report.problems.to_dict("records")
    assert log.events["at"].tolist() == [pd.Timestamp(expected)]
