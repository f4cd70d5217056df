"""Pure figures over an outreach log: rates, timing, funnel, habits, growth, network, reminders.

Every function takes an :class:`~infoview_kit.OutreachLog` (or a DataFrame) and
keyword-only options, and returns a DataFrame, a dict or a graph: no I/O, no display.
"""

from infoview_kit.analytics.metrics import (
    contact_types,
    contacts_per_month,
    discipline_summary,
    filter_log,
    follow_up_discipline,
    format_summary,
    funnel,
    lessons_by_field,
    network_growth,
    response_rates,
    summary_figures,
    thank_you_timing,
    time_to_first_reply,
)
from infoview_kit.analytics.network import referral_graph, referral_stats
from infoview_kit.analytics.reminders import due_list

__all__ = [
    "contact_types",
    "contacts_per_month",
    "discipline_summary",
    "due_list",
    "filter_log",
    "follow_up_discipline",
    "format_summary",
    "funnel",
    "lessons_by_field",
    "network_growth",
    "referral_graph",
    "referral_stats",
    "response_rates",
    "summary_figures",
    "thank_you_timing",
    "time_to_first_reply",
]
