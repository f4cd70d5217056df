"""Bytes in and out: every file people keep becomes an :class:`~infoview_kit.OutreachLog`.

* ``sheets``: bytes to raw tables (CSV in any Excel flavour, XLSX, JSON);
* ``layouts``: raw tables to contacts and events (tracker and events layouts);
* ``headers``: the column and label spellings people use (``form_questions``: column
  names written as a form's questions); ``dates``: their dates;
  ``addresses``: the address in an e-mail cell (``mailto:``, ``Name <address>``, "n/a");
  ``placeholders``: cells holding only a word for "nothing" ("N/A", "none", "-"), blank
  in the fields that name or describe a contact, kept in free text, in every format;
  ``month_names``: month and weekday names in the languages of our users (from the CLDR);
* ``merge``: one person once, with every merge reported; ``duplicates``: people who are
  probably one, listed for the user to confirm; ``load``: :func:`load_log`; ``batch``:
  many small files at once, in stacks and worker processes (a cohort's folder);
  ``owners``: whose log a file is, from its name (Canvas, Moodle, Blackboard downloads);
  ``forms``: a Google Forms or Microsoft Forms responses sheet, one owner per respondent;
* ``encodings``: which characters a file's bytes stand for; ``formulas``: cells quoted
  against spreadsheet formulas on export, unquoted exactly on load; ``formula_cells``:
  workbook formulas saved without a result (they read as empty), named in the report;
  ``error_values``: cells whose formula failed (``#N/A``, ``#REF!``, ``#WERT!``,
  ``Err:502``) read as empty in every format, named in the report;
* ``limits``: the budgets of a load (raise them with ``--limit`` or ``INFOVIEW_LIMITS``);
  ``archives``: zips and folders opened within them; ``output``: files written safely;
  ``text``: text from files shown back with its control characters made visible;
* ``store``: the workbook folder (atomic, locked saves); ``export``: files out;
* ``importers``: LinkedIn archive, mailbox, calendar and address book.
"""

from infoview_kit.io.batch import load_entries_batched
from infoview_kit.io.duplicates import merge_contacts, possible_duplicates
from infoview_kit.io.export import (
    due_list_to_ics,
    log_to_csv,
    log_to_tracker,
    log_to_xlsx,
    neutralise_formulas,
)
from infoview_kit.io.forms import FormColumns, form_columns, respondent_owners
from infoview_kit.io.importers import read_ics, read_linkedin, read_mbox, read_vcf
from infoview_kit.io.limits import LimitExceededError, Limits
from infoview_kit.io.load import load_log
from infoview_kit.io.merge import combine_logs
from infoview_kit.io.output import write_output
from infoview_kit.io.owners import is_drive_download, is_submission_receipt, owner_from_name
from infoview_kit.io.store import UnknownContactError, Workbook, read_workbook_tables
from infoview_kit.io.text import neutralise_text

__all__ = [
    "FormColumns",
    "LimitExceededError",
    "Limits",
    "UnknownContactError",
    "Workbook",
    "combine_logs",
    "due_list_to_ics",
    "form_columns",
    "is_drive_download",
    "is_submission_receipt",
    "load_entries_batched",
    "load_log",
    "log_to_csv",
    "log_to_tracker",
    "log_to_xlsx",
    "merge_contacts",
    "neutralise_formulas",
    "neutralise_text",
    "owner_from_name",
    "possible_duplicates",
    "read_ics",
    "read_linkedin",
    "read_mbox",
    "read_vcf",
    "read_workbook_tables",
    "respondent_owners",
    "write_output",
]
