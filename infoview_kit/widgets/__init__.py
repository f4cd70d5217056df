"""Thin ipywidgets views over the package's functions (imported only by notebooks and apps).

Each view holds state and calls tested package functions; no computation
lives in a callback. ``import infoview_kit`` does not import this subpackage.
"""

from infoview_kit.widgets.check import CheckMyWork
from infoview_kit.widgets.cohort_dashboard import CohortDashboard
from infoview_kit.widgets.decide import DecideView
from infoview_kit.widgets.forms import (
    ContactsView,
    DueListView,
    FollowUpView,
    IntroductionView,
    MeetingView,
    QuestionsView,
    RequestView,
    ResearchView,
    StayInTouchView,
    ThankYouView,
    VoicemailView,
)
from infoview_kit.widgets.reflection import ReflectionDashboard
from infoview_kit.widgets.start import FileChecker, WorkbookStarter

__all__ = [
    "CheckMyWork",
    "CohortDashboard",
    "ContactsView",
    "DecideView",
    "DueListView",
    "FileChecker",
    "FollowUpView",
    "IntroductionView",
    "MeetingView",
    "QuestionsView",
    "ReflectionDashboard",
    "RequestView",
    "ResearchView",
    "StayInTouchView",
    "ThankYouView",
    "VoicemailView",
    "WorkbookStarter",
]
