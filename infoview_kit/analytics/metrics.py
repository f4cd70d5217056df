"""The figures of an outreach log under one name (the modules they live in since the split).

Code written before :mod:`infoview_kit.analytics` was split into
``analysis``, ``rates``, ``timing``, ``funnel``, ``discipline``, ``growth``,
``filters`` and ``summary`` imports from here; new code imports from
:mod:`infoview_kit.analytics` itself. Nothing is defined here.

>>> from infoview_kit.analytics import example_log
>>> response_rates(example_log())[["requests", "replied", "rate"]].to_dict("records")
[{'requests': 4, 'replied': 3, 'rate': 0.75}]
"""

from __future__ import annotations

from infoview_kit.analytics.analysis import KEY, NOT_RECORDED, Analysis, analyse, example_log
from infoview_kit.analytics.discipline import (
    CONTACT_TYPES,
    FOLLOW_UP_TIMINGS,
    contact_types,
    discipline_summary,
    follow_up_discipline,
    thank_you_timing,
)
from infoview_kit.analytics.filters import LogFilter, filter_log
from infoview_kit.analytics.funnel import FUNNEL_STAGES, funnel
from infoview_kit.analytics.growth import contacts_per_month, network_growth
from infoview_kit.analytics.rates import response_rates, wilson_interval
from infoview_kit.analytics.summary import format_summary, lessons_by_field, summary_figures
from infoview_kit.analytics.timing import REPLY_HORIZONS, ReplyTimes, time_to_first_reply

__all__ = [
    "CONTACT_TYPES",
    "FOLLOW_UP_TIMINGS",
    "FUNNEL_STAGES",
    "KEY",
    "NOT_RECORDED",
    "REPLY_HORIZONS",
    "Analysis",
    "LogFilter",
    "ReplyTimes",
    "analyse",
    "contact_types",
    "contacts_per_month",
    "discipline_summary",
    "example_log",
    "filter_log",
    "follow_up_discipline",
    "format_summary",
    "funnel",
    "lessons_by_field",
    "network_growth",
    "response_rates",
    "summary_figures",
    "thank_you_timing",
    "time_to_first_reply",
    "wilson_interval",
]
