"""Metrics against values worked out by hand on small, synthetic logs.

Calendar used below (June 2025): Mon 2, Tue 3, Wed 4, Thu 5, Fri 6,
Mon 9, Tue 10, Wed 11, Thu 12, Fri 13, Mon 16 ... Mon 23, Thu 26, Fri 27,
Sun 29, Mon 30. March 2025: Mon 3, Tue 4, Thu 6, Sun 9, Tue 11.
"""

from __future__ import annotations

import json
import sys

import numpy as np
import pandas as pd
import pytest

from infoview_kit.analytics import due_list, metrics
from infoview_kit.errors import InfoviewError
from infoview_kit.model import OutreachLog


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def make_log(rows, contacts=None, *, owner="me") -> OutreachLog:
    """rows: (contact_id, at, kind, channel); contacts: list of dicts."""
    events = pd.DataFrame(rows, columns=["contact_id", "at", "kind", "channel"])
    events.insert(0, "owner", owner)
    events["at"] = pd.to_datetime(events["at"])
    people = pd.DataFrame(contacts or [], columns=None)
    if len(people) and "owner" not in people:
        people.insert(0, "owner", owner)
    return OutreachLog(contacts=people, events=events)


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson score interval written out, to check statsmodels against."""
    z = 1.959963984540054
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


# ----------------------------------------------------------------- response rates


RATES_ROWS = [
    ("a", "2025-03-03", "request_sent", "email"),
    ("a", "2025-03-04", "reply_received", "email"),
    ("b", "2025-03-03", "request_sent", "email"),
    ("b", "2025-03-13", "follow_up_sent", "email"),  # a follow-up is not a second request
    ("c", "2025-03-03", "request_sent", "linkedin"),
    ("c", "2025-03-03", "reply_received", "linkedin"),  # same-day reply counts
    ("d", "2025-03-10", "request_sent", "linkedin"),
    ("d", "2025-03-01", "reply_received", "linkedin"),  # before the request: not a reply
    ("e", "2025-03-20", "request_sent", "email"),
    ("e", None, "reply_received", "email"),  # "replied: yes", no date
]


def test_response_rate_overall_and_wilson_interval():
    # 5 requests (a..e); replies: a, c, e (undated) -> 3; d's "reply" predates its request.
    table = metrics.response_rates(make_log(RATES_ROWS))
    row = table.iloc[0]
    assert (row["requests"], row["replied"], row["excluded_recent"]) == (5, 3, 0)
    assert row["rate"] == pytest.approx(0.6)
    # Wilson 3/5 by hand: centre (0.6 + 0.3842)/1.7683 = 0.5566, half 0.3258 -> [0.2307, 0.8824]
    assert (row["ci_low"], row["ci_high"]) == pytest.approx(wilson(3, 5))
    assert row["ci_low"] == pytest.approx(0.2307, abs=1e-4)
    assert row["ci_high"] == pytest.approx(0.8824, abs=1e-4)
    assert list(table.columns) == [
        "requests",
        "replied",
        "rate",
        "ci_low",
        "ci_high",
        "excluded_recent",
    ]


def test_response_rate_by_channel():
    # email: a (replied), b (no), e (undated reply) -> 2/3; linkedin: c (same day), d (no) -> 1/2
    table = metrics.response_rates(make_log(RATES_ROWS), by="channel")
    assert table["channel"].astype(str).tolist() == ["email", "linkedin"]
    assert table["requests"].tolist() == [3, 2]
    assert table["replied"].tolist() == [2, 1]
    assert table["rate"].tolist() == pytest.approx([2 / 3, 0.5])


def test_within_days_excludes_recent_requests_and_late_replies():
    # as_of = latest event = 2025-03-20 (e's request). within 7 days:
    # e (0 days old) is excluded as recent; d (10 days old) stays.
    # a replied after 1 day (counts); c after 0 (counts); b, d none -> 2 of 4.
    table = metrics.response_rates(make_log(RATES_ROWS), within_days=7)
    row = table.iloc[0]
    assert (row["requests"], row["replied"], row["excluded_recent"]) == (4, 2, 1)
    # within 0 days: a's 1-day reply no longer counts; c's same-day reply does, and so
    # does e's undated one (a reply of unknown date is never held against the request).
    row = metrics.response_rates(make_log(RATES_ROWS), within_days=0).iloc[0]
    assert (row["requests"], row["replied"], row["excluded_recent"]) == (5, 2, 0)


def test_within_days_keeps_an_undated_reply_and_can_empty_a_group():
    # as_of 2025-03-25: e is 5 days old -> with within_days=7 it is excluded, so the
    # email group keeps a, b (1/2) and linkedin keeps c, d (1/2).
    table = metrics.response_rates(
        make_log(RATES_ROWS), by="channel", within_days=7, as_of="2025-03-25"
    )
    assert table["requests"].tolist() == [2, 2]
    assert table["excluded_recent"].tolist() == [1, 0]
    # within 30 days at as_of 2025-03-25: every request is too young -> groups with 0 requests
    table = metrics.response_rates(
        make_log(RATES_ROWS), by="channel", within_days=30, as_of="2025-03-25"
    )
    assert table["requests"].tolist() == [0, 0]
    assert table["rate"].isna().all() and table["ci_low"].isna().all()
    assert table["excluded_recent"].tolist() == [3, 2]


def test_as_of_ignores_later_events():
    # as of 2025-03-05: a, b, c requested (d, e later); a and c replied -> 2/3
    row = metrics.response_rates(make_log(RATES_ROWS), as_of="2025-03-05").iloc[0]
    assert (row["requests"], row["replied"]) == (3, 2)


def test_all_none_single_and_empty():
    all_replied = make_log(
        [(c, "2025-03-03", "request_sent", "email") for c in "wxyz"]
        + [(c, "2025-03-04", "declined", "email") for c in "wxyz"]
    )
    row = metrics.response_rates(all_replied).iloc[0]
    assert (row["replied"], row["rate"]) == (4, 1.0)
    assert row["ci_low"] == pytest.approx(wilson(4, 4)[0]) and row["ci_high"] == pytest.approx(1.0)
    none = make_log([(c, "2025-03-03", "request_sent", "email") for c in "wxyz"])
    row = metrics.response_rates(none).iloc[0]
    assert (row["replied"], row["rate"], row["ci_low"]) == (0, 0.0, 0.0)
    assert row["ci_high"] == pytest.approx(wilson(0, 4)[1])  # 0.4899
    single = metrics.response_rates(make_log([("w", "2025-03-03", "voicemail_left", "voicemail")]))
    assert single[["requests", "replied"]].iloc[0].tolist() == [1, 0]
    empty = metrics.response_rates(OutreachLog())
    assert empty[["requests", "replied", "excluded_recent"]].iloc[0].tolist() == [0, 0, 0]
    assert np.isnan(empty["rate"].iloc[0])
    assert metrics.response_rates(OutreachLog(), by="channel").empty


def test_group_by_contact_column_month_and_owner():
    contacts = [
        {"contact_id": "a", "field": "design", "connection": "alumni"},
        {"contact_id": "b", "field": "design", "connection": "cold"},
        {"contact_id": "c", "field": None, "connection": "alumni"},
    ]
    log = make_log(RATES_ROWS, contacts)
    by_field = metrics.response_rates(log, by="field")
    # design: a (yes), b (no); not recorded: c (yes), d (no), e (yes, undated)
    assert by_field["field"].tolist() == ["design", metrics.NOT_RECORDED]
    assert by_field["replied"].tolist() == [1, 2] and by_field["requests"].tolist() == [2, 3]
    by_two = metrics.response_rates(log, by=["connection", "channel"])
    # alumni/email (a), alumni/linkedin (c), cold/email (b),
    # not recorded/email (e), not recorded/linkedin (d)
    pairs = list(zip(by_two["connection"].astype(str), by_two["channel"].astype(str), strict=True))
    assert pairs == [
        ("alumni", "email"),
        ("alumni", "linkedin"),
        ("cold", "email"),
        (metrics.NOT_RECORDED, "email"),
        (metrics.NOT_RECORDED, "linkedin"),
    ]
    assert by_two["requests"].tolist() == [1, 1, 1, 1, 1]
    by_month = metrics.response_rates(log, by="month")
    assert by_month["month"].tolist() == ["2025-03"] and by_month["requests"].tolist() == [5]
    two_owners = OutreachLog(
        events=pd.concat([make_log(RATES_ROWS).events, make_log(RATES_ROWS, owner="you").events])
    )
    by_owner = metrics.response_rates(two_owners, by="owner")
    assert by_owner["owner"].tolist() == ["me", "you"] and by_owner["requests"].tolist() == [5, 5]


def test_grouping_by_an_event_column_and_an_unknown_name():
    rows = [
        ("a", "2025-03-03", "request_sent", "email"),
        ("b", "2025-03-03", "request_sent", "email"),
    ]
    log = make_log(rows)
    events = log.events.assign(source=["tracker.csv:2", "gmail.mbox:7"])
    table = metrics.response_rates(OutreachLog(events=events), by="source")
    assert table["source"].tolist() == ["gmail.mbox:7", "tracker.csv:2"]
    with pytest.raises(InfoviewError, match="Cannot group by 'shoe_size'"):
        metrics.response_rates(log, by="shoe_size")


def test_plain_events_frame_and_inputs_not_mutated():
    log = make_log(RATES_ROWS)
    before_events, before_contacts = log.events.copy(), log.contacts.copy()
    from_frame = metrics.response_rates(log.events, by="channel")
    from_log = metrics.response_rates(log, by="channel")
    pd.testing.assert_frame_equal(from_frame, from_log)
    metrics.time_to_first_reply(log)
    metrics.funnel(log)
    metrics.follow_up_discipline(log)
    metrics.filter_log(log, channels=["email"])
    pd.testing.assert_frame_equal(log.events, before_events)
    pd.testing.assert_frame_equal(log.contacts, before_contacts)
    with pytest.raises(InfoviewError, match="missing: kind"):
        metrics.response_rates(pd.DataFrame({"contact_id": ["a"], "at": ["2025-01-01"]}))
    with pytest.raises(InfoviewError, match="as-of date: expected a date"):
        metrics.response_rates(log, as_of="next tuesday-ish")


# ----------------------------------------------------------- time to first reply


KM_ROWS = [
    ("a", "2025-03-03", "request_sent", "email"),
    ("a", "2025-03-04", "reply_received", "email"),  # 1 day
    ("b", "2025-03-03", "request_sent", "email"),
    ("b", "2025-03-04", "meeting_scheduled", "email"),  # 1 day (a tie with a)
    ("c", "2025-03-03", "request_sent", "email"),
    ("c", "2025-03-06", "reply_received", "email"),  # 3 days
    ("d", "2025-03-09", "request_sent", "email"),  # no reply: censored at 2 days
    ("e", "2025-03-06", "request_sent", "email"),  # no reply: censored at 5 days
    ("f", "2025-03-03", "request_sent", "email"),
    ("f", None, "reply_received", "email"),  # replied, time unknown
    ("g", "2025-03-03", "request_sent", "email"),
    ("g", "2025-03-03", "reply_received", "email"),  # same day: 0 days
]


def test_kaplan_meier_by_hand():
    # Known times (f left out): 0*, 1*, 1*, 2, 3*, 5   (* = reply, else censored at as_of 03-11)
    # t=0: 6 at risk, 1 reply -> S = 5/6
    # t=1: 5 at risk, 2 replies -> S = 5/6 * 3/5 = 1/2
    # t=3: 2 at risk (3 and 5), 1 reply -> S = 1/2 * 1/2 = 1/4
    times = metrics.time_to_first_reply(make_log(KM_ROWS), as_of="2025-03-11")
    curve = times.curves
    assert curve["days"].tolist() == [0.0, 1.0, 3.0, 5.0]  # the last row carries on to 5 days
    assert curve["p_replied"].tolist() == pytest.approx([1 / 6, 1 / 2, 3 / 4, 3 / 4])
    assert curve["at_risk"].tolist() == [6, 5, 2, 1]
    # Greenwood at t=1: var = S^2 (1/(6*5) + 2/(5*3)) = 0.25 * 1/6 -> se 0.2041
    # log-log: theta_se = 0.2041 / (0.5 * ln 2) = 0.5890 -> S in [0.5^e^1.1544, 0.5^e^-1.1544]
    # = [0.1110, 0.8036] -> p_replied in [0.1964, 0.8890]
    row = curve.iloc[1]
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((0.1964, 0.8890), abs=1e-3)
    summary = times.summary.iloc[0]
    assert (summary["requests"], summary["replied"], summary["unknown_time"]) == (7, 5, 1)
    assert summary["median_days"] == 1.0  # first time p_replied reaches 1/2
    assert summary["p_within_3"] == pytest.approx(0.75)
    assert summary["p_within_3_ci_low"] < 0.75 < summary["p_within_3_ci_high"]
    # nobody was watched 7 days and the curve has not reached 1: unknown, not 75%
    assert np.isnan(summary["p_within_7"]) and np.isnan(summary["p_within_30_ci_high"])
    assert times.as_of == pd.Timestamp("2025-03-11")


def test_all_replied_none_replied_and_groups():
    rows = [
        ("a", "2025-03-03", "request_sent", "email"),
        ("a", "2025-03-05", "reply_received", "email"),
        ("b", "2025-03-03", "request_sent", "email"),
        ("b", "2025-03-07", "reply_received", "email"),
        ("c", "2025-03-03", "request_sent", "linkedin"),
        ("d", "2025-03-03", "request_sent", "linkedin"),
    ]
    times = metrics.time_to_first_reply(make_log(rows), by="channel", as_of="2025-03-13")
    email, linkedin = times.summary.iloc[0], times.summary.iloc[1]
    # email: replies at 2 and 4 days -> S: 1/2 at 2, 0 at 4; median 2;
    # within 30 days = 1 (the curve reached 1, so it is known beyond the last reply)
    assert email["median_days"] == 2.0 and email["p_within_3"] == pytest.approx(0.5)
    assert email["p_within_30"] == 1.0
    # linkedin: both censored at 10 days -> p = 0 up to 10, unknown beyond; no median
    assert np.isnan(linkedin["median_days"]) and linkedin["p_within_7"] == 0.0
    assert np.isnan(linkedin["p_within_14"])
    assert times.curves.groupby("channel", observed=True).size().tolist() == [3, 2]
    assert times.curves[times.curves["channel"] == "linkedin"]["days"].tolist() == [0.0, 10.0]


def test_time_to_reply_empty_and_single():
    empty = metrics.time_to_first_reply(OutreachLog())
    assert empty.curves.empty and empty.summary["requests"].tolist() == [0]
    single = metrics.time_to_first_reply(make_log([("a", "2025-03-03", "request_sent", "email")]))
    # one request, censored at 0 days (as_of = its own time)
    assert single.summary[["requests", "replied", "unknown_time"]].iloc[0].tolist() == [1, 0, 0]
    assert single.curves["p_replied"].tolist() == [0.0]


# ------------------------------------------------------------------------- funnel


def test_funnel_stages_by_hand():
    rows = [
        ("a", "2025-03-03", "request_sent", "email"),
        ("a", "2025-03-04", "reply_received", "email"),
        ("a", "2025-03-10", "meeting_held", "video"),
        ("a", "2025-03-10", "thank_you_sent", "email"),
        ("a", "2025-04-01", "referral_received", "email"),
        ("b", "2025-03-03", "request_sent", "email"),
        ("b", "2025-03-05", "reply_received", "email"),
        ("b", "2025-03-12", "meeting_held", "video"),  # never thanked
        ("c", "2025-03-03", "request_sent", "email"),
        ("c", "2025-03-04", "declined", "email"),
        ("d", "2025-03-03", "request_sent", "email"),
        ("e", "2025-03-03", "request_sent", "linkedin"),
        ("e", "2025-03-04", "reply_received", "linkedin"),
        ("e", "2025-03-11", "meeting_held", "in_person"),
        ("e", "2025-03-12", "thank_you_sent", "email"),
        ("h", "2025-03-03", "request_sent", "email"),
        ("h", "2025-03-04", "reply_received", "email"),
        ("h", "2025-03-05", "thank_you_sent", "email"),  # thanks *before* the meeting: not thanked
        ("h", "2025-03-10", "meeting_held", "video"),
        (
            "g",
            "2025-03-20",
            "meeting_held",
            "in_person",
        ),  # met at an event, no request: not in funnel
    ]
    contacts = [{"contact_id": "f", "referred_by": "e"}]  # e led to f
    table = metrics.funnel(make_log(rows, contacts))
    # contacted a b c d e h = 6; replied a b c e h = 5; met a b e h = 4;
    # thanked a e = 2; referred a e = 2
    assert table["stage"].astype(str).tolist() == list(metrics.FUNNEL_STAGES)
    assert table["count"].tolist() == [6, 5, 4, 2, 2]
    assert table["from_previous"].tolist() == pytest.approx([1, 5 / 6, 4 / 5, 2 / 4, 2 / 2])
    assert table["from_contacted"].tolist() == pytest.approx([1, 5 / 6, 4 / 6, 2 / 6, 2 / 6])
    by = metrics.funnel(make_log(rows, contacts), by="channel")
    linkedin = by[by["channel"] == "linkedin"]
    assert linkedin["count"].tolist() == [1, 1, 1, 1, 1]


def test_funnel_empty_stage_and_empty_log():
    table = metrics.funnel(make_log([("d", "2025-03-03", "request_sent", "email")]))
    assert table["count"].tolist() == [1, 0, 0, 0, 0]
    assert table["from_previous"].iloc[1] == 0.0 and np.isnan(table["from_previous"].iloc[2])
    empty = metrics.funnel(OutreachLog())
    assert empty["count"].tolist() == [0] * 5 and empty["from_contacted"].isna().all()


# ------------------------------------------------------------ follow-up discipline


DISCIPLINE_ROWS = [
    ("r1", "2025-06-02", "request_sent", "email"),
    ("r1", "2025-06-11", "follow_up_sent", "email"),
    ("r2", "2025-06-02", "request_sent", "email"),
    ("r2", "2025-06-05", "follow_up_sent", "email"),
    ("r3", "2025-06-02", "request_sent", "email"),
    ("r3", "2025-06-23", "follow_up_sent", "email"),
    ("r3", "2025-06-25", "reply_received", "email"),
    ("r4", "2025-06-02", "request_sent", "email"),
    ("r5", "2025-06-02", "request_sent", "email"),
    ("r5", "2025-06-04", "reply_received", "email"),
    ("r6", "2025-06-02", "request_sent", "email"),
    ("r6", "2025-06-12", "reply_received", "email"),
    ("r7", "2025-06-23", "request_sent", "email"),
    ("r8", "2025-06-19", "request_sent", "email"),
    ("r9", "2025-06-02", "request_sent", "email"),
    ("r9", None, "reply_received", "email"),
    ("r11", "2025-06-05", "request_sent", "email"),
    ("r11", "2025-06-06", "reply_received", "email"),
    ("m1", "2025-06-02", "meeting_held", "video"),
    ("m1", "2025-06-02", "thank_you_sent", "email"),
    ("m2", "2025-06-03", "meeting_held", "video"),
    ("m2", "2025-06-05", "thank_you_sent", "email"),
    ("m3", "2025-06-27", "meeting_held", "video"),
    ("m4", "2025-06-29", "meeting_held", "video"),
    ("zz", "2025-06-30", "note", None),
]
DISCIPLINE_CONTACTS = [
    {"contact_id": "r4", "organization": "Acme"},
    {"contact_id": "r11", "organization": "Acme"},
]


def test_follow_up_discipline_by_hand():
    table = metrics.follow_up_discipline(make_log(DISCIPLINE_ROWS, DISCIPLINE_CONTACTS))
    table = table.set_index("contact_id")
    # r5 replied in 2 business days, r9 at an unknown time, r11 in 1 day: not listed.
    # r7 (Mon 23) reaches 7 business days on Wed 2 July, after as_of (Mon 30): not yet listed.
    assert sorted(table.index) == ["r1", "r2", "r3", "r4", "r6", "r8"]
    # business days from Mon 2: to Wed 11 = 7, to Thu 5 = 3, to Mon 23 = 15
    assert table.loc[["r1", "r2", "r3"], "business_days_to_follow_up"].tolist() == [7, 3, 15]
    timing = table["timing"].astype(str).to_dict()
    assert timing == {
        "r1": "on time",  # day 7
        "r2": "early",  # day 3
        "r3": "late",  # day 15
        "r4": "missed",  # nothing by day 20
        "r6": "answered first",  # reply on day 8, no follow-up needed
        "r8": "window open",  # Thu 19 -> Mon 30 is day 7 exactly: still time
    }
    assert table.loc["r1", "follow_up_due"] == pd.Timestamp("2025-06-11")
    assert table["on_time"].sum() == 1
    # r3 replied (Wed 25) after its follow-up (Mon 23)
    assert table["replied_after_follow_up"].to_dict() == {
        "r1": False,
        "r2": False,
        "r3": True,
        "r4": False,
        "r6": False,
        "r8": False,
    }
    # 3B: r11 at the same organisation was written to on Thu 5 = business day 3 after r4
    assert table["tried_second_contact"].to_dict()["r4"] is True
    assert table["tried_second_contact"].sum() == 1


def test_discipline_summary_and_thank_you_timing_by_hand():
    log = make_log(DISCIPLINE_ROWS, DISCIPLINE_CONTACTS)
    thanks = metrics.thank_you_timing(log).set_index("contact_id")
    # m1 same day (0), m2 after 2 days, m3 (Fri 27) none and judged (the day after is over),
    # m4 (Sun 29) none, still open on Mon 30.
    assert thanks["days_to_thank_you"].tolist()[:2] == [0.0, 2.0]
    assert thanks["within_day"].to_dict() == {"m1": True, "m2": False, "m3": False, "m4": False}
    assert thanks["judged"].to_dict() == {"m1": True, "m2": True, "m3": True, "m4": False}
    summary = metrics.discipline_summary(log)
    # settled: r1 on time, r2 early, r3 late, r4 missed -> 1/4
    assert summary["follow_up_adherence"] == 0.25
    assert (summary["settled"], summary["on_time"], summary["followed_up"]) == (4, 1, 3)
    assert summary["requests_needing_follow_up"] == 6
    assert summary["thank_you_within_day_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert summary["second_contact_rate"] == pytest.approx(1 / 6, abs=1e-4)
    json.dumps(summary)


def test_discipline_rule_and_empty():
    log = make_log(DISCIPLINE_ROWS)
    # 2B5: follow up after 5 business days, on time until day 8. r1 (day 7) is now on time,
    # r2 (day 3) early, r3 (day 15) late.
    table = metrics.follow_up_discipline(log, rule="2B5").set_index("contact_id")
    assert table.loc[["r1", "r2", "r3"], "timing"].astype(str).tolist() == [
        "on time",
        "early",
        "late",
    ]
    with pytest.raises(InfoviewError, match="rule must look like '3B7'"):
        metrics.follow_up_discipline(log, rule="whenever")
    empty = metrics.follow_up_discipline(OutreachLog())
    assert empty.empty and "timing" in empty
    summary = metrics.discipline_summary(OutreachLog())
    assert summary["follow_up_adherence"] is None and summary["thank_you_within_day_rate"] is None


# ---------------------------------------------------------------- network growth


def test_network_growth_by_hand():
    contacts = [
        {"contact_id": "a", "connection": "alumni", "added_on": "2025-01-10"},
        {"contact_id": "b", "connection": "alumni", "added_on": "2025-01-20"},
        {"contact_id": "c", "referred_by": "a", "added_on": None},  # enters on its first event
        {"contact_id": "u", "connection": None},  # no date at all: left out
    ]
    rows = [
        ("c", "2025-03-05", "request_sent", "email"),
        ("x", "2025-03-07", "request_sent", "email"),  # only in events: route not recorded
        ("a", "2025-04-02", "update_sent", "email"),  # latest event: the grid runs to April
    ]
    growth = metrics.network_growth(make_log(rows, contacts), freq="M")
    assert growth["entered_via"].cat.categories.tolist() == [
        "referral",
        "alumni",
        metrics.NOT_RECORDED,
    ]
    wide = growth.pivot_table(
        index="period", columns="entered_via", values="cumulative", observed=True
    )
    # Jan: alumni 2; Feb: same; Mar: + referral c, + not recorded x; Apr: same
    assert wide["alumni"].tolist() == [2, 2, 2, 2]
    assert wide["referral"].tolist() == [0, 0, 1, 1]
    assert wide[metrics.NOT_RECORDED].tolist() == [0, 0, 1, 1]
    assert wide.index.tolist() == list(
        pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"])
    )
    assert growth["new"].sum() == 4
    weekly = metrics.network_growth(make_log(rows, contacts))
    assert weekly["period"].min() == pd.Timestamp("2025-01-06")  # the Monday of 10 Jan's week
    assert metrics.network_growth(OutreachLog()).empty
    with pytest.raises(InfoviewError, match="freq must be a period"):
        metrics.network_growth(make_log(rows, contacts), freq="fortnightly")


def test_contacts_per_month_fills_quiet_months():
    rows = [
        ("a", "2025-01-10", "request_sent", "email"),
        ("b", "2025-01-30", "request_sent", "email"),
        ("b", "2025-02-03", "follow_up_sent", "email"),  # not a new person
        ("c", "2025-03-02", "request_sent", "email"),
    ]
    table = metrics.contacts_per_month(make_log(rows))
    assert table["month"].dt.strftime("%Y-%m").tolist() == ["2025-01", "2025-02", "2025-03"]
    assert table["requests"].tolist() == [2, 0, 1]
    assert metrics.contacts_per_month(OutreachLog()).empty


# ------------------------------------------------------------------ contact types


def test_contact_types_by_hand():
    rows = [
        # quick (1 business day), no nudge, met -> Booster
        ("boost", "2025-06-02", "request_sent", "email"),
        ("boost", "2025-06-03", "reply_received", "email"),
        ("boost", "2025-06-10", "meeting_held", "video"),
        # reply after a follow-up -> Obligate
        ("nudge", "2025-06-02", "request_sent", "email"),
        ("nudge", "2025-06-11", "follow_up_sent", "email"),
        ("nudge", "2025-06-12", "reply_received", "email"),
        # slow reply (6 business days), no nudge -> Obligate
        ("slow", "2025-06-02", "request_sent", "email"),
        ("slow", "2025-06-10", "reply_received", "email"),
        # declined -> Curmudgeon
        ("no", "2025-06-02", "request_sent", "email"),
        ("no", "2025-06-03", "declined", "email"),
        # silence for 20 business days (Mon 2 -> Mon 30) -> Curmudgeon
        ("silent", "2025-06-02", "request_sent", "email"),
        # silence for 5 business days -> too early to tell
        ("fresh", "2025-06-23", "request_sent", "email"),
        # quick reply 2 business days ago, no meeting yet -> too early to tell
        ("recent", "2025-06-25", "request_sent", "email"),
        ("recent", "2025-06-26", "reply_received", "email"),
        # undated reply -> not enough data
        ("vague", "2025-06-02", "request_sent", "email"),
        ("vague", None, "reply_received", "email"),
        ("zz", "2025-06-30", "note", None),
    ]
    types = metrics.contact_types(make_log(rows)).set_index("contact_id")["type"].astype(str)
    assert types.to_dict() == {
        "boost": "Booster",
        "nudge": "Obligate",
        "slow": "Obligate",
        "no": "Curmudgeon",
        "silent": "Curmudgeon",
        "fresh": "too early to tell",
        "recent": "too early to tell",
        "vague": "not enough data",
    }
    table = metrics.contact_types(make_log(rows)).set_index("contact_id")
    assert table.loc["slow", "business_days_to_reply"] == 6  # Mon 2 -> Tue 10
    assert bool(table.loc["nudge", "nudged_before_reply"]) is True


# -------------------------------------------------------- filters and lessons


def filter_fixture() -> OutreachLog:
    contacts = [
        {"contact_id": "a", "field": "design", "connection": "alumni"},
        {"contact_id": "b", "field": "data", "connection": "cold"},
        {"contact_id": "c", "field": "data", "connection": "referral", "added_on": "2025-02-01"},
        {"contact_id": "d", "field": None, "connection": None, "added_on": "2025-05-01"},
    ]
    rows = [
        ("a", "2025-03-03", "request_sent", "email"),
        ("a", "2025-04-20", "reply_received", "email"),
        ("b", "2025-03-31", "request_sent", "linkedin"),
        ("c", "2025-03-15", "meeting_held", "video"),  # no request: dated by its first event
        (None, "2025-03-03", "note", None),  # no contact id
    ]
    return make_log(rows, contacts)


def test_filter_log_each_filter():
    log = filter_fixture()
    ids = lambda small: sorted(small.contacts["contact_id"])  # noqa: E731
    assert metrics.filter_log(log) is log
    assert ids(metrics.filter_log(log, channels=["email"])) == ["a"]
    assert ids(metrics.filter_log(log, connections=["cold", "referral"])) == ["b", "c"]
    assert ids(metrics.filter_log(log, fields="data")) == ["b", "c"]
    # dates: a 3 Mar, b 31 Mar, c 15 Mar (first event), d 1 May (added_on); both ends included
    assert ids(metrics.filter_log(log, start="2025-03-15", end="2025-03-31")) == ["b", "c"]
    assert ids(metrics.filter_log(log, start="2025-04-01")) == ["d"]
    # a's reply (20 Apr) is kept with its request (3 Mar) even though it is after `end`
    small = metrics.filter_log(log, end="2025-03-10")
    assert ids(small) == ["a"] and small.events["kind"].astype(str).tolist() == [
        "request_sent",
        "reply_received",
    ]
    assert metrics.filter_log(log, fields=[]).contacts.empty
    assert ids(metrics.filter_log(log, fields=["data"], channels=["linkedin"])) == ["b"]


def test_lessons_by_field():
    contacts = [
        {"contact_id": "a", "name": "Ada Example", "field": "design"},
        {"contact_id": "b", "name": "Bo Sample", "field": None},
    ]
    rows = [
        ("a", "2025-03-10", "meeting_held", "video"),
        ("b", "2025-03-12", "meeting_held", "video"),
        ("a", "2025-03-11", "thank_you_sent", "email"),
    ]
    log = make_log(rows, contacts)
    events = log.events.assign(notes=["Portfolios beat CVs", "   ", "thanks for the chat"])
    table = metrics.lessons_by_field(OutreachLog(contacts=log.contacts, events=events))
    # b's note is blank and the thank-you is not a meeting: one lesson
    assert table[["field", "name", "notes"]].to_dict("records") == [
        {"field": "design", "name": "Ada Example", "notes": "Portfolios beat CVs"}
    ]


# ---------------------------------------------------------------------- summary


def test_summary_figures_by_hand_and_json():
    figures = metrics.summary_figures(make_log(KM_ROWS), as_of="2025-03-11")
    json.dumps(figures)
    assert figures["as_of"] == "2025-03-11T00:00:00"
    assert (figures["requests"], figures["replies"], figures["unknown_reply_time"]) == (7, 5, 1)
    assert figures["response_rate"] == pytest.approx(5 / 7, abs=1e-4)
    assert figures["response_rate_ci"] == pytest.approx(list(wilson(5, 7)), abs=1e-4)
    assert figures["km_median_days"] == 1.0
    assert figures["p_reply_within_7"] is None  # see test_kaplan_meier_by_hand
    assert figures["funnel"] == {
        "contacted": 7,
        "replied": 5,
        "met": 0,
        "thanked": 0,
        "referred": 0,
    }
    assert figures["contacts_per_month"] == {"2025-03": 7}
    assert figures["deepest_referral_chain"] == 0
    text = metrics.format_summary(figures)
    assert "Requests sent: 7; replies: 5, a reply rate of 71%" in text
    assert "Half of your requests had a reply within 1.0 days." in text
    assert "1 replies without a date" in text


def test_summary_of_an_empty_log():
    figures = metrics.summary_figures(OutreachLog())
    json.dumps(figures)
    assert (
        figures["requests"] == 0 and figures["response_rate"] is None and figures["as_of"] is None
    )
    assert "No requests logged yet" in metrics.format_summary(figures)


def test_summary_as_of_cuts_events_everywhere():
    # as of 03-05: requests a, b, c, f, g (d, e come later); a, b, g answered by then (c on 03-06)
    figures = metrics.summary_figures(make_log(KM_ROWS), as_of="2025-03-05")
    assert (figures["requests"], figures["replies"]) == (5, 4)  # f's undated reply still counts
    assert figures["funnel"]["contacted"] == 5


# ------------------------------------------------------------------ shared work


def test_an_analysis_shares_its_tables_and_gives_the_same_answers():
    log = make_log(DISCIPLINE_ROWS, DISCIPLINE_CONTACTS)
    fresh_funnel = metrics.funnel(log)
    fresh_follow = metrics.follow_up_discipline(log)
    fresh_figures = metrics.summary_figures(log)
    analysis = metrics.Analysis(log)
    figures = metrics.summary_figures(analysis)  # works out the request table once
    requests = analysis.requests
    funnel = metrics.funnel(analysis)
    follow = metrics.follow_up_discipline(analysis)
    follow["timing"] = "changed by a caller"  # must not reach the next answer
    funnel.loc[0, "count"] = -1
    assert analysis.requests is requests  # kept on the object, not worked out again
    assert figures == fresh_figures
    pd.testing.assert_frame_equal(metrics.follow_up_discipline(analysis), fresh_follow)
    pd.testing.assert_frame_equal(metrics.funnel(analysis), fresh_funnel)
    pd.testing.assert_frame_equal(
        metrics.follow_up_discipline(analysis, rule="2B5"),
        metrics.follow_up_discipline(log, rule="2B5"),
    )


def test_an_analysis_at_another_moment_shares_tables_only_when_no_event_lies_between():
    log = make_log(KM_ROWS)
    analysis = metrics.Analysis(log)
    later = analysis.at("2030-01-01")
    assert later.as_of == pd.Timestamp("2030-01-01") and later.requests is analysis.requests
    earlier = analysis.at("2025-03-05")
    assert earlier.cutoff == pd.Timestamp("2025-03-05")
    assert len(earlier.requests) == 5 and earlier.requests is not analysis.requests
    assert metrics.summary_figures(earlier) == metrics.summary_figures(log, as_of="2025-03-05")
    assert analysis.people_count == len(analysis.people)
    # an Analysis given with another as_of is looked at from that moment
    assert metrics.response_rates(analysis, as_of="2025-03-05")["requests"].iloc[0] == 5


def test_request_table_orders_undated_last_and_ties_in_log_order():
    rows = [
        ("a", None, "request_sent", "email"),
        ("a", "2025-03-03", "follow_up_sent", "linkedin"),  # first dated: the request
        ("a", None, "voicemail_left", "phone"),
        ("a", "2025-03-03", "request_sent", "email"),
        ("b", None, "request_sent", "email"),
        ("b", None, "follow_up_sent", "linkedin"),
        ("b", "2025-03-05", "reply_received", "email"),  # the request's date is unknown: counts
        ("c", "2025-03-10", "request_sent", "email"),
        ("c", "2025-03-01", "reply_received", "email"),  # before the request
        ("c", "2025-03-12", "declined", "email"),  # same day as the next: log order wins
        ("c", "2025-03-12", "reply_received", "email"),
    ]
    log = make_log(rows)
    req = metrics.Analysis(log).requests.set_index("contact_id")
    assert req.loc["a", "channel"] == "linkedin"
    assert req.loc["a", "request_at"] == req.loc["a", "follow_up_at"] == pd.Timestamp("2025-03-03")
    assert req.loc["a", "last_outreach_at"] == pd.Timestamp("2025-03-03")
    assert req["n_follow_ups"].to_dict() == {"a": 3, "b": 1, "c": 0}
    assert pd.isna(req.loc["b", "request_at"]) and pd.isna(req.loc["b", "follow_up_at"])
    assert pd.isna(req.loc["b", "last_outreach_at"]) and pd.isna(req.loc["c", "follow_up_at"])
    assert req["replied"].to_dict() == {"a": False, "b": True, "c": True}
    assert req.loc["b", "reply_at"] == pd.Timestamp("2025-03-05")
    assert req.loc["c", "reply_kind"] == "declined"
    assert req.loc["c", "days_to_reply"] == 2.0


def test_an_undated_thank_you_counts_as_thanks_but_not_for_timing():
    # A tracker said "Thank-you sent: Y" for Ada (no date) and nothing for Bo.
    # Ada: thanked, timing unknown -> not judged; Bo: met 10 days before as_of,
    # no thank-you -> judged, not within a day. Rate = 0 within / 1 judged.
    events = pd.DataFrame(
        {
            "owner": ["me"] * 4,
            "contact_id": ["ada", "ada", "bo", "ada"],
            "at": pd.to_datetime(["2025-03-03", "2025-03-10", "2025-03-11", None]),
            "kind": ["request_sent", "meeting_held", "meeting_held", "thank_you_sent"],
        }
    )
    log = OutreachLog(events=events)
    timing = metrics.thank_you_timing(log, as_of="2025-03-21").set_index("contact_id")
    assert timing.loc["ada", "thanked"] and not timing.loc["ada", "judged"]
    assert not timing.loc["bo", "thanked"] and timing.loc["bo", "judged"]
    assert metrics.discipline_summary(log, as_of="2025-03-21")["thank_you_within_day_rate"] == 0.0


def test_summary_counts_each_person_once_from_contacts_and_events():
    # a: contact with events; b: contact listed twice, no events; c: only in the events;
    # a row without an id is nobody
    contacts = [
        {"contact_id": "a", "name": "Ada Example"},
        {"contact_id": "b", "name": "Bo Sample"},
        {"contact_id": "b", "name": "Bo Sample"},
        {"contact_id": None, "name": "Nobody Example"},
    ]
    rows = [
        ("a", "2025-03-03", "request_sent", "email"),
        ("c", "2025-03-04", "request_sent", "email"),
    ]
    log = make_log(rows, contacts)
    analysis = metrics.Analysis(log)
    assert metrics.summary_figures(log)["contacts"] == 3
    assert analysis.people_count == len(analysis.people) == 3


@pytest.mark.parametrize(
    ("which", "filters"),
    [
        ("discipline", {}),
        ("discipline", {"channels": ["email"]}),
        ("discipline", {"start": "2025-06-03"}),
        ("example", {"connections": ["alumni", "referral"]}),
        ("example", {"fields": ["data"], "end": "2025-03-20"}),
        ("example", {"start": "2025-03-20"}),
    ],
)
def test_a_filter_analysis_gives_the_figures_of_the_filtered_log(which, filters):
    if which == "example":
        log = metrics.example_log()
    else:
        log = make_log(DISCIPLINE_ROWS, DISCIPLINE_CONTACTS)
    chooser = metrics.LogFilter(log)
    shared = chooser.analysis(**filters)  # numbered once for the whole log
    alone = metrics.Analysis(metrics.filter_log(log, **filters))
    pd.testing.assert_frame_equal(shared.log.events, alone.log.events)
    assert metrics.summary_figures(shared) == metrics.summary_figures(alone)
    for figure in (metrics.follow_up_discipline, metrics.contact_types, metrics.network_growth):
        pd.testing.assert_frame_equal(figure(shared), figure(alone))
    assert (shared.contact_codes >= 0).sum() == (alone.contact_codes >= 0).sum()
    today = "2025-06-30"
    pd.testing.assert_frame_equal(due_list(shared, today=today), due_list(alone, today=today))
