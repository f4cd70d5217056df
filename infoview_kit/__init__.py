"""infoview-kit: outreach logs, guided preparation and charts for information interviews.

The public API, by layer (see ``docs/`` and the notebooks for a tour):

* data model: :class:`OutreachLog`, :class:`LoadReport`, :mod:`infoview_kit.schema`
* bytes in and out: :func:`load_log`, :class:`Workbook`
* preparing one conversation: message builders with checks (:func:`request_message`...),
  :func:`pick_questions`, :func:`capture_meeting`
* errors: :class:`InfoviewError` and its subclasses

Names are imported lazily, so ``import infoview_kit`` stays light (no
matplotlib, ipywidgets or statsmodels until a function that needs them runs).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY: dict[str, str] = {
    "OutreachLog": "infoview_kit.log",
    "LoadReport": "infoview_kit.log",
    "InfoviewError": "infoview_kit.errors",
    "NotALogError": "infoview_kit.errors",
    "UnreadableFileError": "infoview_kit.errors",
    "WorkbookError": "infoview_kit.errors",
    "load_log": "infoview_kit.load",
    "combine_logs": "infoview_kit.merge",
    "Workbook": "infoview_kit.store",
    "open_workbook": "infoview_kit.workspace",
    "workbook_path": "infoview_kit.workspace",
    "response_rates": "infoview_kit.metrics",
    "time_to_first_reply": "infoview_kit.metrics",
    "funnel": "infoview_kit.metrics",
    "follow_up_discipline": "infoview_kit.metrics",
    "discipline_summary": "infoview_kit.metrics",
    "network_growth": "infoview_kit.metrics",
    "contacts_per_month": "infoview_kit.metrics",
    "contact_types": "infoview_kit.metrics",
    "filter_log": "infoview_kit.metrics",
    "summary_figures": "infoview_kit.metrics",
    "format_summary": "infoview_kit.metrics",
    "referral_graph": "infoview_kit.network",
    "referral_stats": "infoview_kit.network",
    "due_list": "infoview_kit.reminders",
    "read_linkedin": "infoview_kit.importers",
    "read_mbox": "infoview_kit.importers",
    "read_ics": "infoview_kit.importers",
    "read_vcf": "infoview_kit.importers",
    "due_list_to_ics": "infoview_kit.export",
    "log_to_xlsx": "infoview_kit.export",
    "log_to_csv": "infoview_kit.export",
    "log_to_tracker": "infoview_kit.export",
    "neutralise_formulas": "infoview_kit.export",
    "load_cohort": "infoview_kit.cohort",
    "cohort_files_report": "infoview_kit.cohort",
    "student_table": "infoview_kit.cohort",
    "cohort_rates": "infoview_kit.cohort",
    "compare_cohorts": "infoview_kit.cohort",
    "suppress_small": "infoview_kit.cohort",
    "pseudonymise": "infoview_kit.privacy",
    "load_key": "infoview_kit.privacy",
    "new_key": "infoview_kit.privacy",
    "new_key_file": "infoview_kit.privacy",
    "cohort_report_html": "infoview_kit.report",
    "Check": "infoview_kit.compose",
    "Draft": "infoview_kit.compose",
    "introduction": "infoview_kit.compose",
    "request_message": "infoview_kit.compose",
    "voicemail": "infoview_kit.compose",
    "thank_you": "infoview_kit.compose",
    "follow_up": "infoview_kit.compose",
    "stay_in_touch_update": "infoview_kit.compose",
    "to_eml": "infoview_kit.compose",
    "question_bank": "infoview_kit.questions",
    "pick_questions": "infoview_kit.questions",
    "interview_sheet": "infoview_kit.questions",
    "ResearchNotes": "infoview_kit.prep",
    "capture_meeting": "infoview_kit.prep",
    "check_my_work": "infoview_kit.prep",
    "reset_workbook": "infoview_kit.prep",
}

__all__ = sorted([*_LAZY, "__version__"])


def __getattr__(name: str):
    try:
        module = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'infoview_kit' has no attribute {name!r}") from None
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover
    from .cohort import (
        cohort_files_report,
        cohort_rates,
        compare_cohorts,
        load_cohort,
        student_table,
        suppress_small,
    )
    from .compose import (
        Check,
        Draft,
        follow_up,
        introduction,
        request_message,
        stay_in_touch_update,
        thank_you,
        to_eml,
        voicemail,
    )
    from .errors import InfoviewError, NotALogError, UnreadableFileError, WorkbookError
    from .export import (
        due_list_to_ics,
        log_to_csv,
        log_to_tracker,
        log_to_xlsx,
        neutralise_formulas,
    )
    from .importers import read_ics, read_linkedin, read_mbox, read_vcf
    from .load import load_log
    from .log import LoadReport, OutreachLog
    from .merge import combine_logs
    from .metrics import (
        contact_types,
        contacts_per_month,
        discipline_summary,
        filter_log,
        follow_up_discipline,
        format_summary,
        funnel,
        network_growth,
        response_rates,
        summary_figures,
        time_to_first_reply,
    )
    from .network import referral_graph, referral_stats
    from .prep import ResearchNotes, capture_meeting, check_my_work, reset_workbook
    from .privacy import load_key, new_key, new_key_file, pseudonymise
    from .questions import interview_sheet, pick_questions, question_bank
    from .reminders import due_list
    from .report import cohort_report_html
    from .store import Workbook
    from .workspace import open_workbook, workbook_path
