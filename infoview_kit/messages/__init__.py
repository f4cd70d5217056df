"""The messages of an information interview, their checks, and the interview questions.

The modules, from the ground up:

* ``text``: counting words and speaking time, names and greetings, dates;
* ``settings``: every limit the checks use, with its reason (adjust them here);
* ``verdicts``: the one :class:`Check` type and the :class:`Checks` list;
* ``rules`` and ``checks``: :func:`check_draft`, one checker for any text a
  person wrote or edited, and the rules behind it;
* ``phrasing``, ``draft`` and ``builders``: each message built from its parts
  (templates ship in ``messages/templates``) and checked with the same rules;
* ``questions``: questions from the bank (``messages/question_bank.csv``) that
  fit the time asked for, and the printable interview sheet.
"""

from infoview_kit.messages.builders import (
    follow_up,
    introduction,
    phone_script,
    request_message,
    stay_in_touch_update,
    thank_you,
    voicemail,
)
from infoview_kit.messages.checks import KINDS, check_draft
from infoview_kit.messages.draft import Draft, to_eml
from infoview_kit.messages.questions import (
    add_question,
    interview_sheet,
    pick_questions,
    question_bank,
)
from infoview_kit.messages.settings import Limits, reset_limits, set_limits
from infoview_kit.messages.text import as_date, sentence, speaking_seconds, word_count
from infoview_kit.messages.verdicts import Check, Checks

__all__ = [
    "KINDS",
    "Check",
    "Checks",
    "Draft",
    "Limits",
    "add_question",
    "as_date",
    "check_draft",
    "follow_up",
    "interview_sheet",
    "introduction",
    "phone_script",
    "pick_questions",
    "question_bank",
    "request_message",
    "reset_limits",
    "sentence",
    "set_limits",
    "speaking_seconds",
    "stay_in_touch_update",
    "thank_you",
    "to_eml",
    "voicemail",
    "word_count",
]
