"""infoview-kit: outreach logs, guided preparation and charts for information interviews.

The package's folders are its layers (``docs/architecture.md``):

* ``errors``, ``schema``, ``model``: exceptions, columns and vocabularies,
  :class:`OutreachLog` and :class:`LoadReport`;
* ``io``: files in and out (:func:`load_log`, :class:`Workbook`, importers, exports);
* ``analytics``: pure figures (:func:`response_rates`, :func:`due_list`, ...);
* ``messages``: message builders with checks, interview questions;
* ``advisor``: cohorts, pseudonyms, the cohort report;
* ``workshop``: the workbook folder of the notebooks, prep files, check-my-work;
* ``plots``, ``widgets``, ``datasets``, ``cli``.

Every public name below is importable from ``infoview_kit`` itself. Names are
imported lazily, so ``import infoview_kit`` stays light (no pandas,
matplotlib or ipywidgets until something that needs them is used).
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("infoview-kit")
except PackageNotFoundError:  # pragma: no cover - running from a tree that was never installed
    __version__ = "0+unknown"

# The one list of the top-level API: subpackage (or module) -> the public names it re-exports.
_PUBLIC: dict[str, tuple[str, ...]] = {
    "infoview_kit.errors": (
        "InfoviewError",
        "NotALogError",
        "UnreadableFileError",
        "WorkbookError",
    ),
    "infoview_kit.model": ("LoadReport", "OutreachLog"),
    "infoview_kit.io": (
        "Limits",
        "Workbook",
        "combine_logs",
        "due_list_to_ics",
        "load_log",
        "log_to_csv",
        "log_to_tracker",
        "log_to_xlsx",
        "merge_contacts",
        "neutralise_formulas",
        "possible_duplicates",
        "read_ics",
        "read_linkedin",
        "read_mbox",
        "read_vcf",
    ),
    "infoview_kit.analytics": (
        "Analysis",
        "compare_options",
        "contact_types",
        "contacts_per_month",
        "discipline_summary",
        "due_list",
        "fields_explored",
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
        "time_to_first_reply",
    ),
    "infoview_kit.messages": (
        "Check",
        "Draft",
        "check_draft",
        "follow_up",
        "interview_sheet",
        "introduction",
        "phone_script",
        "pick_questions",
        "question_bank",
        "request_message",
        "set_limits",
        "stay_in_touch_update",
        "thank_you",
        "to_eml",
        "voicemail",
    ),
    "infoview_kit.advisor": (
        "FlagSettings",
        "cohort_files_report",
        "cohort_rates",
        "cohort_report_html",
        "compare_cohorts",
        "load_cohort",
        "load_flag_settings",
        "load_key",
        "new_key",
        "new_key_file",
        "pseudonym_table",
        "pseudonymise",
        "student_table",
        "suppress_small",
        "write_cohort_report",
    ),
    "infoview_kit.workshop": (
        "ResearchNotes",
        "capture_meeting",
        "check_my_work",
        "open_workbook",
        "reset_workbook",
        "workbook_path",
    ),
}

_HOME = {name: module for module, names in _PUBLIC.items() for name in names}
__all__ = sorted([*_HOME, "__version__"])


def __getattr__(name: str):
    try:
        module = _HOME[name]
    except KeyError:
        raise AttributeError(f"module 'infoview_kit' has no attribute {name!r}") from None
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
