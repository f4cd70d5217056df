"""Column names written as a form's questions, read as the field they ask for.

A form that students fill in after each outreach heads its columns with the
questions themselves: "Who did you contact?", "Contact's email", "When did you
reach out?", "Did they respond?". :func:`question_field` sets the wording of a
question aside (the question word, "did you", a possessive such as "their" or
"the contact's", articles) and looks up what is left in the header table, or
reads the verb ("reach out", "meet", "reply") as the step it names. It is the
last resort of :func:`infoview_kit.io.headers.canonical_header`: a spelling the
table knows never reaches it, so no known header changes meaning.

Questions about the one filling in the form ("Your name", "Your email",
"Name of student") name the log's owner, never the contact.

>>> from infoview_kit.io.headers import canonical_header
>>> canonical_header("Who did you contact?"), canonical_header("Contact's email")
('name', 'email')
>>> canonical_header("When did you reach out?"), canonical_header("How did you reach out?")
('contacted_on', 'channel')
>>> canonical_header("Did you send a thank-you?"), canonical_header("Your name")
('thank_you_on', 'owner')
"""

from __future__ import annotations

from collections.abc import Callable

#: Fields that identify a person: asked about "you", they name the owner of the log.
IDENTITY_FIELDS = frozenset({"name", "first_name", "last_name", "email", "contact_id", "owner"})
#: Fields a "your ..." question may still give as they are (your notes, your next step).
_YOUR_OWN = frozenset({"connection", "notes", "next_step", "referrals"})

#: Words before a noun that say whose it is: the contact's.
_THEIRS = (
    "their", "contact s", "the contact s", "your contact s", "the person s", "this person s",
    "person s", "the professional s", "professional s", "interviewee s", "the interviewee s",
    "his her", "his or her",
)  # fmt: skip
#: ... and the respondent's own.
_YOURS = ("your", "my", "student s", "the student s")
#: "X of the person you contacted", "X of your contact": the contact's X.
_OF_THEM = ("person", "contact", "professional", "interviewee", "individual")
_OF_YOU = ("student", "respondent", "participant")
_ARTICLES = frozenset({"the", "a", "an"})

#: Verbs a question asks about, and the step each one is.
_VERBS: dict[str, str] = {
    "reach out": "contacted_on", "reached out": "contacted_on", "contact": "contacted_on",
    "contacted": "contacted_on", "email": "contacted_on", "emailed": "contacted_on",
    "message": "contacted_on", "messaged": "contacted_on", "write": "contacted_on",
    "send request": "contacted_on", "sent request": "contacted_on",
    "follow up": "followed_up_on", "followed up": "followed_up_on",
    "respond": "replied", "responded": "replied", "reply": "replied", "replied": "replied",
    "answer": "replied", "answered": "replied", "hear back": "replied", "heard back": "replied",
    "write back": "replied", "get back": "replied", "got back": "replied",
    "decline": "declined", "declined": "declined", "say no": "declined", "said no": "declined",
    "meet": "meeting_on", "met": "meeting_on", "speak": "meeting_on", "spoke": "meeting_on",
    "talk": "meeting_on", "talked": "meeting_on", "interview": "meeting_on",
    "interviewed": "meeting_on", "have meeting": "meeting_on", "had meeting": "meeting_on",
    "have call": "meeting_on", "had call": "meeting_on",
    "send thank you": "thank_you_on", "sent thank you": "thank_you_on",
    "thank": "thank_you_on", "thanked": "thank_you_on",
    "refer": "referred_by", "referred": "referred_by", "introduce": "referred_by",
    "introduced": "referred_by", "know": "connection", "find": "connection",
    "found": "connection", "work": "organization", "work for": "organization",
    "work at": "organization", "learn": "notes", "learned": "notes", "learnt": "notes",
}  # fmt: skip
_BY_LENGTH = sorted(_VERBS, key=len, reverse=True)
#: The only words a question may hold after its verb or its "of the person": so a
#: heading that also names someone ("Who did you contact? (Ada)") is no question we read,
#: and a pseudonymised report keeps masking it.
_AFTER = frozenset({
    "them", "him", "her", "it", "this", "that", "person", "contact", "professional",
    "interviewee", "individual", "you", "yet", "first", "out", "back", "up", "for", "at",
    "note", "email", "e", "mail", "card", "message", "letter", "call", "meeting",
    "contacted", "reached", "met", "spoke", "interviewed", "emailed", "wrote", "asked",
    "talked", "to", "with", "your", "their",
})  # fmt: skip
_AUXILIARIES = frozenset({"did", "do", "does", "have", "has", "had", "was", "were", "will"})
_SUBJECTS = frozenset({"you", "they", "he", "she", "we", "i", "them", "it"})
_ASKING = {
    # question word -> step -> field it asks for (a missing step: the question is not read)
    "when": {
        "contacted_on": "contacted_on", "followed_up_on": "followed_up_on",
        "replied": "replied_on", "meeting_on": "meeting_on", "thank_you_on": "thank_you_on",
    },
    "how": {"contacted_on": "channel", "followed_up_on": "channel", "connection": "connection"},
    "who": {
        "contacted_on": "name", "meeting_on": "name", "replied": "name",
        "referred_by": "referred_by",
    },
    "where": {"organization": "organization"},
    "what": {"notes": "notes"},
    "yes or no": {
        "contacted_on": "contacted_on", "followed_up_on": "followed_up_on",
        "replied": "replied", "declined": "declined", "meeting_on": "meeting_on",
        "thank_you_on": "thank_you_on",
    },
}  # fmt: skip
_WHEN = ("when", "what date", "which date", "on what date", "on which date", "what day")
#: Longer than this, a column name is a sentence of its own, not a question to read.
_MAX_WORDS = 14


def question_field(folded: str, lookup: Callable[[str], str | None]) -> str | None:
    """The field a question asks for (``folded`` as :func:`~.headers.fold_header` gives
    it), ``lookup`` being the header table's own; None when it is no question we read.

    >>> table = {"email": "email", "name": "name", "date of meeting": "meeting_on"}
    >>> question_field("their email", table.get), question_field("your email", table.get)
    ('email', 'owner')
    >>> question_field("date of the meeting", table.get)
    'meeting_on'
    """
    words = folded.split()
    if not words or len(words) > _MAX_WORDS:
        return None
    for read in (_possessed, _of_someone, _asked):
        found = read(words, lookup)
        if found is not None:
            return found
    plain = [w for w in words if w not in _ARTICLES]
    return lookup(" ".join(plain)) if len(plain) < len(words) else None


def _whose(found: str | None, yours: bool) -> str | None:
    """A field asked about the respondent is the owner (identity) or stays (own notes)."""
    if found is None or not yours:
        return found
    if found in IDENTITY_FIELDS:
        return "owner"
    return found if found in _YOUR_OWN else None


def _noun(words: list[str], lookup) -> str | None:
    """A noun phrase looked up as it is, then without its articles."""
    text = " ".join(words)
    found = lookup(text)
    if found is None:
        plain = [w for w in words if w not in _ARTICLES]
        found = lookup(" ".join(plain)) if plain else None
    return found


def _possessed(words: list[str], lookup) -> str | None:
    """ "Their email", "Contact's role", "Your name", "Student's email"."""
    text = " ".join(words)
    if text.startswith(("what is ", "what s ", "what was ", "what are ")):
        words = words[2:]
        text = " ".join(words)
    for owners, yours in ((_YOURS, True), (_THEIRS, False)):
        for owner in owners:
            if text.startswith(owner + " ") and len(text) > len(owner) + 1:
                return _whose(_noun(text[len(owner) + 1 :].split(), lookup), yours)
    return None


def _of_someone(words: list[str], lookup) -> str | None:
    """ "Name of the person you contacted", "Email of your contact", "Name of student"."""
    if "of" not in words[1:]:
        return None
    at = words.index("of", 1)
    rest = [w for w in words[at + 1 :] if w not in _ARTICLES and w not in ("your", "this")]
    if not rest:
        return None
    if rest[0] in _OF_YOU and len(rest) == 1:
        return _whose(_noun(words[:at], lookup), True)
    if rest[0] in _OF_THEM and set(rest[1:]) <= _AFTER:
        found = _noun(words[:at], lookup)
        return found if found not in ("owner", None) else None
    return None


def _asked(words: list[str], lookup) -> str | None:
    """ "When did you reach out", "How did you reach out", "Did they reply", "Who did you
    meet": the question word and the verb say which field."""
    text = " ".join(words)
    asking = next((w for w in _WHEN if text.startswith(w + " ")), None)
    if asking is not None:
        words, asking = words[len(asking.split()) :], "when"
    elif words[0] in ("how", "who", "where", "whom", "what"):
        asking, words = {"whom": "who"}.get(words[0], words[0]), words[1:]
    elif words[0] in _AUXILIARIES:
        asking = "yes or no"
    else:
        return None
    while words and (words[0] in _AUXILIARIES or words[0] in _SUBJECTS or words[0] == "first"):
        words = words[1:]
    step = _verb_step([w for w in words if w not in _ARTICLES and w not in ("to", "with")])
    return None if step is None else _ASKING[asking].get(step)


def _verb_step(words: list[str]) -> str | None:
    """The step of the verb that opens ``words`` ("reach out to them" -> contacted_on)."""
    text = " ".join(words)
    for verb in _BY_LENGTH:
        if text == verb or (text.startswith(verb + " ") and _only_after(text[len(verb) :])):
            return _VERBS[verb]
    return None


def _only_after(rest: str) -> bool:
    return set(rest.split()) <= _AFTER
