"""For career advisors: a cohort of logs, flags to act on, keyed pseudonyms, the report."""

from infoview_kit.advisor.cohort import (
    cohort_files_report,
    cohort_rates,
    compare_cohorts,
    empty_log_owners,
    load_cohort,
    resolve_as_of,
    student_table,
    suppress_small,
)
from infoview_kit.advisor.flags import FlagSettings, load_flag_settings, settings_file_text
from infoview_kit.advisor.privacy import (
    load_key,
    new_key,
    new_key_file,
    pseudonym_table,
    pseudonymise,
)
from infoview_kit.advisor.report import (
    cohort_fields_explored,
    cohort_report_html,
    contact_list_csv,
    to_contact_this_week,
    write_cohort_report,
)

__all__ = [
    "FlagSettings",
    "cohort_fields_explored",
    "cohort_files_report",
    "cohort_rates",
    "cohort_report_html",
    "compare_cohorts",
    "contact_list_csv",
    "empty_log_owners",
    "load_cohort",
    "load_flag_settings",
    "load_key",
    "new_key",
    "new_key_file",
    "pseudonym_table",
    "pseudonymise",
    "resolve_as_of",
    "settings_file_text",
    "student_table",
    "suppress_small",
    "to_contact_this_week",
    "write_cohort_report",
]
