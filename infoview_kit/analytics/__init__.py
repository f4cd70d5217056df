"""Pure figures over an outreach log: rates, timing, funnel, habits, growth, network, reminders.

Every function takes an :class:`~infoview_kit.OutreachLog` (or a DataFrame)
and keyword-only options, and returns a DataFrame, a dict or a graph: no I/O,
no display. To ask several questions of one log, build one :class:`Analysis`
and pass it instead of the log: its tables (the request table first) are
worked out once and shared openly.

``analysis`` (the request table and the shared tables), ``rates``,
``timing``, ``funnel``, ``discipline``, ``growth``, ``filters``, ``summary``,
``network`` and ``reminders`` hold the figures; ``metrics`` re-exports the
ones that lived there before the split.
"""

from infoview_kit.analytics.analysis import NOT_RECORDED, Analysis, PairCodes, analyse, example_log
from infoview_kit.analytics.discipline import (
    CONTACT_TYPES,
    FOLLOW_UP_TIMINGS,
    contact_types,
    discipline_summary,
    follow_up_discipline,
    thank_you_timing,
)
from infoview_kit.analytics.filters import FILTER_COLUMNS, LogFilter, filter_log
from infoview_kit.analytics.funnel import FUNNEL_STAGES, funnel
from infoview_kit.analytics.growth import contacts_per_month, network_growth
from infoview_kit.analytics.network import (
    referral_depths,
    referral_graph,
    referral_stats,
    referral_tree_layout,
)
from infoview_kit.analytics.options import (
    compare_options,
    fields_explored,
    option_evidence,
    settle_actions,
    takeaways_from_events,
    who_could_answer,
)
from infoview_kit.analytics.rates import response_rates, wilson_interval
from infoview_kit.analytics.reminders import due_list
from infoview_kit.analytics.summary import format_summary, lessons_by_field, summary_figures
from infoview_kit.analytics.timing import REPLY_HORIZONS, ReplyTimes, time_to_first_reply

__all__ = [
    "CONTACT_TYPES",
    "FILTER_COLUMNS",
    "FOLLOW_UP_TIMINGS",
    "FUNNEL_STAGES",
    "NOT_RECORDED",
    "REPLY_HORIZONS",
    "Analysis",
    "LogFilter",
    "PairCodes",
    "ReplyTimes",
    "analyse",
    "compare_options",
    "contact_types",
    "contacts_per_month",
    "discipline_summary",
    "due_list",
    "example_log",
    "fields_explored",
    "filter_log",
    "follow_up_discipline",
    "format_summary",
    "funnel",
    "lessons_by_field",
    "network_growth",
    "option_evidence",
    "referral_depths",
    "referral_graph",
    "referral_stats",
    "referral_tree_layout",
    "response_rates",
    "settle_actions",
    "summary_figures",
    "takeaways_from_events",
    "thank_you_timing",
    "time_to_first_reply",
    "who_could_answer",
    "wilson_interval",
]
