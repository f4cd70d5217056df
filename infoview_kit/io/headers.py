"""Header and label spellings that people really use, mapped to canonical names.

Spreadsheet trackers differ in every column name. ``canonical_header`` folds a
header (case, spacing, punctuation, a trailing "(Y/N)" or "?") and looks it up
in ``HEADER_SYNONYMS``. Cell labels (channel, connection, event kind) are
looked up the same way in ``LABEL_SYNONYMS``.

>>> canonical_header("Response? (Y/N)")
'replied'
>>> canonical_header("  Company Name ")
'organization'
>>> canonical_label("LinkedIn InMail", "channel")
'linkedin'
"""

from __future__ import annotations

import re

#: Canonical field -> spellings (already folded by ``fold_header``).
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    # who owns the log (a cohort sheet has one row per student's contact)
    "owner": (
        "owner",
        "student",
        "student id",
        "student name",
        "participant",
        "student email",
        "user",
    ),
    # the contact
    "contact_id": ("contact id", "contact_id", "id"),
    "name": (
        "name",
        "full name",
        "contact",
        "contact name",
        "person",
        "who",
        "interviewee",
        "professional",
        "contact person",
    ),
    "first_name": ("first name", "firstname", "given name", "first"),
    "last_name": ("last name", "lastname", "surname", "family name", "last"),
    "organization": (
        "organization",
        "organisation",
        "company",
        "company name",
        "employer",
        "firm",
        "org",
        "workplace",
        "institution",
        "agency",
    ),
    "role": ("role", "position", "title", "job title", "job", "occupation"),
    "field": ("field", "industry", "sector", "career field", "area", "field of interest"),
    "connection": (
        "connection",
        "how connected",
        "connection type",
        "relationship",
        "how do i know them",
        "how i know them",
        "how met",
        "how we met",
        "source of contact",
        "connected via",
    ),
    "referred_by": (
        "referred by",
        "referrer",
        "introduced by",
        "who referred",
        "referral from",
        "introduction from",
    ),
    "email": ("email", "e mail", "email address", "e mail address", "mail"),
    "phone": ("phone", "phone number", "telephone", "tel", "mobile", "cell", "phone no"),
    "linkedin_url": (
        "linkedin",
        "linkedin url",
        "linkedin profile",
        "profile",
        "profile url",
        "url",
    ),
    "tags": ("tags", "labels", "keywords"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "what i learned"),
    "added_on": ("added on", "date added", "added", "created"),
    # tracker steps (dates or yes/no)
    "channel": (
        "channel",
        "method",
        "contact method",
        "how contacted",
        "medium",
        "via",
        "outreach method",
        "mode",
    ),
    "contacted_on": (
        "date contacted",
        "contacted",
        "contacted on",
        "request date",
        "outreach date",
        "date of contact",
        "first contact",
        "date sent",
        "sent",
        "contact date",
        "initial contact",
        "date requested",
        "request sent",
        "requested on",
        "date of outreach",
    ),
    "followed_up_on": (
        "follow up",
        "followed up",
        "follow up date",
        "date followed up",
        "follow up sent",
        "followup",
        "followup date",
        "second contact",
        "nudge sent",
    ),
    "replied": (
        "replied",
        "response",
        "reply",
        "heard back",
        "responded",
        "response received",
        "got reply",
        "answered",
    ),
    "replied_on": (
        "reply date",
        "date replied",
        "response date",
        "date of reply",
        "heard back on",
        "replied on",
        "date of response",
        "responded on",
    ),
    "declined": ("declined", "said no", "turned down"),
    "meeting_on": (
        "meeting date",
        "interview date",
        "date of interview",
        "meeting",
        "met on",
        "date met",
        "informational interview date",
        "info interview date",
        "meeting held",
        "met",
        "interview held",
        "interviewed",
    ),
    "thank_you_on": (
        "thank you sent",
        "thank you",
        "thank you note",
        "thanked",
        "thank you date",
        "ty sent",
        "thank you note sent",
        "thanks sent",
        "date thanked",
    ),
    "referrals": (
        "referrals given",
        "referrals",
        "names given",
        "new contacts",
        "referred me to",
        "leads",
        "new names",
        "referrals received",
    ),
    "next_step": ("next step", "next steps", "next action", "to do", "todo", "action"),
    "status": ("status", "stage", "outcome"),
    # events layout
    "at": ("at", "date", "when", "timestamp", "date time", "datetime", "time", "event date"),
    "kind": ("kind", "event", "event type", "type", "activity", "step", "action taken"),
    "source": ("source",),
}

#: Label synonyms per categorical column (folded with ``fold_header``).
LABEL_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "channel": {
        "email": ("email", "e mail", "mail", "gmail", "outlook"),
        "linkedin": (
            "linkedin",
            "linked in",
            "linkedin message",
            "linkedin inmail",
            "inmail",
            "li",
            "linkedin note",
            "linkedin connection",
        ),
        "phone": ("phone", "call", "phone call", "telephone", "cold call", "tel"),
        "voicemail": ("voicemail", "voice mail", "vm", "left voicemail"),
        "video": ("video", "zoom", "teams", "video call", "google meet", "meet", "skype", "webex"),
        "in_person": (
            "in person",
            "inperson",
            "face to face",
            "coffee",
            "office visit",
            "on site",
            "event",
        ),
        "letter": ("letter", "post", "mailed letter"),
        "other": ("other", "text", "sms", "whatsapp", "slack"),
    },
    "connection": {
        "referral": (
            "referral",
            "referred",
            "referred by someone",
            "introduction",
            "intro",
            "warm intro",
            "warm",
        ),
        "alumni": (
            "alumni",
            "alum",
            "alumnus",
            "alumna",
            "alumni network",
            "same school",
            "school",
        ),
        "faculty": ("faculty", "professor", "teacher", "instructor", "lecturer", "advisor"),
        "family": ("family", "relative", "parent", "cousin"),
        "friend": ("friend", "friend of friend", "friends", "acquaintance"),
        "colleague": ("colleague", "coworker", "co worker", "former colleague", "work", "manager"),
        "event": (
            "event",
            "career fair",
            "conference",
            "meetup",
            "networking event",
            "info session",
        ),
        "cold": (
            "cold",
            "none",
            "no connection",
            "cold outreach",
            "linkedin search",
            "online",
            "website",
        ),
        "other": ("other",),
    },
    "kind": {
        "request_sent": (
            "request sent",
            "request",
            "sent request",
            "outreach",
            "contacted",
            "initial contact",
            "first contact",
            "asked",
        ),
        "follow_up_sent": (
            "follow up sent",
            "follow up",
            "followed up",
            "followup",
            "nudge",
            "reminder sent",
        ),
        "voicemail_left": ("voicemail left", "voicemail", "left voicemail", "left message", "vm"),
        "reply_received": (
            "reply received",
            "reply",
            "replied",
            "response",
            "heard back",
            "responded",
        ),
        "declined": ("declined", "said no", "no", "turned down", "not available"),
        "meeting_scheduled": (
            "meeting scheduled",
            "scheduled",
            "booked",
            "meeting booked",
            "interview scheduled",
        ),
        "meeting_held": (
            "meeting held",
            "meeting",
            "met",
            "interview",
            "interview held",
            "informational interview",
            "coffee chat",
            "call held",
        ),
        "meeting_cancelled": (
            "meeting cancelled",
            "meeting canceled",
            "cancelled",
            "canceled",
            "no show",
        ),
        "thank_you_sent": ("thank you sent", "thank you", "thanked", "thank you note", "ty sent"),
        "referral_received": (
            "referral received",
            "referral",
            "referred",
            "got referral",
            "new name",
        ),
        "update_sent": ("update sent", "update", "stay in touch", "kept in touch", "check in"),
        "connected": ("connected", "connection accepted", "accepted"),
        "note": ("note", "comment"),
    },
}

_NON_WORD = re.compile(r"[^0-9a-z]+")
_TRAILING_YN = re.compile(r"\b(y n|yes no|y or n|date|dd mm yy(yy)?|mm dd yy(yy)?|yyyy mm dd)$")


def fold_header(text: object) -> str:
    """Lower-case, replace punctuation and underscores by spaces, collapse spaces.

    >>> fold_header("Thank-You_Sent?")
    'thank you sent'
    """
    folded = _NON_WORD.sub(" ", str(text).casefold()).strip()
    return folded


def _lookup_table(synonyms: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, spellings in synonyms.items():
        for spelling in (canonical.replace("_", " "), *spellings):
            table.setdefault(fold_header(spelling), canonical)
    return table


_HEADERS = _lookup_table(HEADER_SYNONYMS)
_LABELS = {column: _lookup_table(table) for column, table in LABEL_SYNONYMS.items()}


def canonical_header(header: object) -> str | None:
    """The canonical field for a header as people write it, or None if unknown.

    A trailing "(Y/N)", "?" or "(date)" is ignored: ``"Replied? (Y/N)"`` is
    ``replied``. Date-step headers that end in "date" match either way.

    >>> canonical_header("Date Contacted"), canonical_header("Outreach Date")
    ('contacted_on', 'contacted_on')
    >>> canonical_header("Favourite colour") is None
    True
    """
    folded = fold_header(header)
    if folded in _HEADERS:
        return _HEADERS[folded]
    trimmed = _TRAILING_YN.sub("", folded).strip()
    return _HEADERS.get(trimmed)


def canonical_label(label: object, column: str) -> str | None:
    """The canonical vocabulary label for a cell, or None if unknown.

    >>> canonical_label("Zoom", "channel"), canonical_label("Alum", "connection")
    ('video', 'alumni')
    """
    if label is None or (isinstance(label, float) and label != label):
        return None
    return _LABELS[column].get(fold_header(label))


#: Tracker step columns and the event kind each one becomes.
TRACKER_STEPS: dict[str, str] = {
    "contacted_on": "request_sent",
    "followed_up_on": "follow_up_sent",
    "replied_on": "reply_received",
    "meeting_on": "meeting_held",
    "thank_you_on": "thank_you_sent",
}


#: Status words that describe where things stand rather than something that
#: happened (folded with ``fold_header``): a tracker's status column with one
#: of these adds no event and no warning.
STATUS_WITHOUT_EVENT: frozenset[str] = frozenset(
    {
        "waiting",
        "pending",
        "no reply",
        "no response",
        "no answer",
        "not contacted",
        "to contact",
        "to do",
        "todo",
        "planned",
        "open",
        "in progress",
        "closed",
        "done",
        "active",
        "ongoing",
        "awaiting reply",
        "waiting for reply",
        "not yet",
        "new",
        "ghosted",
        "on hold",
        "n a",
        "na",
        "none",
    }
)
