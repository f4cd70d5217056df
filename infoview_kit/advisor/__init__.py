"""For career advisors: a cohort of logs, keyed pseudonyms, and the shareable report."""

from infoview_kit.advisor.cohort import (
    cohort_files_report,
    cohort_rates,
    compare_cohorts,
    load_cohort,
    student_table,
    suppress_small,
)
from infoview_kit.advisor.privacy import load_key, new_key, new_key_file, pseudonymise
from infoview_kit.advisor.report import cohort_report_html

__all__ = [
    "cohort_files_report",
    "cohort_rates",
    "cohort_report_html",
    "compare_cohorts",
    "load_cohort",
    "load_key",
    "new_key",
    "new_key_file",
    "pseudonymise",
    "student_table",
    "suppress_small",
]
