"""The messages of an information interview, their checks, and the interview questions.

``builders`` renders each message from its parts (templates ship in
``messages/templates``) and checks it; ``questions`` picks questions from the
bank (``messages/question_bank.csv``) to fit the time asked for.
"""

from infoview_kit.messages.builders import (
    Check,
    Checks,
    Draft,
    follow_up,
    introduction,
    request_message,
    stay_in_touch_update,
    thank_you,
    to_eml,
    voicemail,
)
from infoview_kit.messages.questions import (
    add_question,
    interview_sheet,
    pick_questions,
    question_bank,
)

__all__ = [
    "Check",
    "Checks",
    "Draft",
    "add_question",
    "follow_up",
    "interview_sheet",
    "introduction",
    "pick_questions",
    "question_bank",
    "request_message",
    "stay_in_touch_update",
    "thank_you",
    "to_eml",
    "voicemail",
]
