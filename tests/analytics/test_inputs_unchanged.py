"""Every public analytics function leaves the log it is given exactly as it was."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

from infoview_kit import analytics
from infoview_kit.model import OutreachLog

#: Options a function needs beyond the log (the rest take their defaults).
OPTIONS = {
    "due_list": {"today": "2025-03-24"},
    "settle_actions": {"today": "2025-03-24"},
    "option_evidence": {"takeaways": None, "option": "data"},
    "filter_log": {"channels": ["email"], "start": "2025-03-04"},
    "response_rates": {"by": "channel", "within_days": 3},
    "time_to_first_reply": {"by": "connection"},
    "funnel": {"by": "field"},
}
#: Public functions that do not take a log.
NOT_ON_A_LOG = {
    "analyse",
    "example_log",
    "format_summary",
    "read_skills",
    "takeaways_from_events",  # an events table: checked below
    "wilson_interval",
}


def busy_log() -> OutreachLog:
    """The example log with meeting notes, an undated event and a contact without an id."""
    log = analytics.example_log()
    notes = log.events["notes"].where(log.events["kind"] != "meeting_held", "Ask for names")
    events = log.events.assign(notes=notes)
    extra = pd.DataFrame({"owner": ["me"], "contact_id": [None], "at": [pd.NaT], "kind": ["note"]})
    return OutreachLog(contacts=log.contacts, events=pd.concat([events, extra], ignore_index=True))


def takes_an_analysis(name: str) -> bool:
    """Whether the function says it accepts an Analysis (its first parameter's type)."""
    first = next(iter(inspect.signature(getattr(analytics, name)).parameters.values()))
    return "Analysis" in str(first.annotation)


def functions() -> list[str]:
    names = []
    for name in analytics.__all__:
        value = getattr(analytics, name)
        if inspect.isfunction(value) and name not in NOT_ON_A_LOG:
            names.append(name)
    return names


def assert_unchanged(log: OutreachLog, contacts: pd.DataFrame, events: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(log.contacts, contacts)
    pd.testing.assert_frame_equal(log.events, events)


CASES = [(name, "log") for name in functions()]
CASES += [(name, "analysis") for name in functions() if takes_an_analysis(name)]


@pytest.mark.parametrize(("name", "given"), CASES)
def test_a_public_function_leaves_its_input_unchanged(name, given):
    log = busy_log()
    contacts, events = log.contacts.copy(deep=True), log.events.copy(deep=True)
    data = log if given == "log" else analytics.Analysis(log)
    result = getattr(analytics, name)(data, **OPTIONS.get(name, {}))
    assert result is not None
    assert_unchanged(log, contacts, events)
    if isinstance(result, pd.DataFrame) and len(result):  # a caller editing the answer...
        result.iloc[:, 0] = None
    assert_unchanged(log, contacts, events)  # ...does not reach the log either


def test_the_functions_list_covers_the_figures():
    assert {"response_rates", "summary_figures", "due_list", "referral_stats"} <= set(functions())


def test_an_analysis_and_a_filter_leave_the_log_unchanged():
    log = busy_log()
    contacts, events = log.contacts.copy(deep=True), log.events.copy(deep=True)
    analysis = analytics.Analysis(log, as_of="2025-03-12")
    for table in ("events", "requests", "stages", "people"):
        getattr(analysis, table)
    assert len(analysis.contact_codes) == len(log.contacts)
    chooser = analytics.LogFilter(log)
    part = chooser.apply(fields=["data"], end="2025-03-10")
    part.events.loc[:, "notes"] = "changed in the part"
    assert_unchanged(log, contacts, events)


def test_an_events_table_given_alone_is_left_unchanged():
    events = busy_log().events
    before = events.copy(deep=True)
    analytics.response_rates(events)
    analytics.time_to_first_reply(events)
    analytics.contacts_per_month(events)
    analytics.takeaways_from_events(events)
    pd.testing.assert_frame_equal(events, before)
