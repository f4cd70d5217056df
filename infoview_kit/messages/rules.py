"""The rules behind the message checks: each reads a text and returns one :class:`Check`.

They are written to agree with a career adviser reading the draft: a job ask
is caught in its polite disguises ("keep me in mind", "pass my CV on") and left
alone in innocent sentences ("how you got your first job", "the vacancy-rate
study"); a time window is a phrase ("the next 2-3 weeks", "before the end of
March"), never letters inside a word; a thank-you is specific only when it
names a concrete thing learned and a concrete step taken.
``tests/messages/drafts_corpus.csv`` holds the drafts, with an adviser's
verdict, that these rules are measured against.

>>> find_job_asks("Please keep me in mind if anything opens up.")
[('keep me in mind', 'fail'), ('if anything opens up', 'fail')]
>>> find_job_asks("I'd love to hear how you got your first job.")
[]
>>> find_time_window("a career in market research"), find_time_window("in the next 2-3 weeks")
(None, 'in the next 2-3 weeks')
"""

from __future__ import annotations

import re

from infoview_kit.messages.settings import Limits, reason
from infoview_kit.messages.text import (
    sentences,
    speaking_seconds,
    word_count,
)
from infoview_kit.messages.verdicts import Check, Severity

__all__ = ["find_duration", "find_job_asks", "find_time_window"]

_I = re.IGNORECASE

# --------------------------------------------------------------------------- general


_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,60}\]")


def placeholders(text: str) -> list[Check]:
    """A failing check when words in [square brackets] are still waiting to be replaced."""
    found = _PLACEHOLDER.findall(text or "")
    if not found:
        return []
    shown = ", ".join(dict.fromkeys(found[:3]))
    return [Check.fail("fill in the blanks", f"replace {shown} with your own words.")]


def presence(name: str, value: str, missing: str, *, severity: Severity = "fail") -> Check:
    """OK when ``value`` is not empty, else ``missing`` at ``severity``."""
    if value:
        return Check.ok(name, "included.")
    return Check(name, False, missing, severity)


def _search(pattern: re.Pattern, text: str) -> bool:
    return bool(pattern.search(text or ""))


_SIGN_OFF = re.compile(
    r"^(?:thanks|thank\s+you|many\s+thanks|best|regards|kind\s+regards|warm\s+regards|cheers"
    r"|all\s+the\s+best|with\s+thanks|warm\s+wishes|best\s+wishes|sincerely|yours)\b",
    _I,
)


def ends_with_question(body: str) -> Check:
    """The last real sentence (a sign-off such as "Thanks, Ada" aside) asks something."""
    found = sentences(body)
    while found and _SIGN_OFF.match(found[-1]) and word_count(found[-1]) <= 6:
        found.pop()
    if found and found[-1].rstrip("\"'”’)").endswith("?"):
        return Check.ok("ends with a question", "the last sentence asks something easy to answer.")
    return Check.warn(
        "ends with a question",
        "finish with a question (for example about a short call), so a reply is easy.",
    )


_THANKS = re.compile(r"\b(?:thank|thanks|grateful|appreciate|appreciated)\b", _I)


def thanks_check(text: str) -> Check:
    if _search(_THANKS, text):
        return Check.ok("thanks", "you thank them.")
    return Check.warn("thanks", "thank them (for their time, or for considering it).")


# --------------------------------------------------------------------------- length


_WORD_LIMITS = {
    # (kind, channel) -> (ideal setting, most setting); channel "*" is any other
    ("request", "letter"): ("letter_words", "letter_words_most"),
    ("request", "card"): ("card_words", "letter_words_most"),
    ("request", "*"): ("email_words", "email_words_most"),
    ("thank_you", "card"): ("card_words", "thank_you_words"),
    ("thank_you", "letter"): ("letter_words", "letter_words_most"),
    ("thank_you", "*"): ("thank_you_words", "thank_you_words_most"),
    ("follow_up", "*"): ("follow_up_words", "follow_up_words_most"),
    ("stay_in_touch", "letter"): ("letter_words", "letter_words_most"),
    ("stay_in_touch", "*"): ("stay_in_touch_words", "stay_in_touch_words_most"),
}


def length_check(text: str, body: str, *, kind: str, channel: str, limits: Limits) -> Check:
    """Length against the limits for this kind and channel, with the reason in words."""
    if channel == "linkedin":
        return linkedin_check(text, limits)
    ideal_name, most_name = _WORD_LIMITS.get((kind, channel)) or _WORD_LIMITS[(kind, "*")]
    ideal, most = getattr(limits, ideal_name), getattr(limits, most_name)
    words = word_count(body)
    if words <= ideal:
        return Check.ok("length", f"{words} words, within {ideal}.")
    if words <= most:
        return Check.warn(
            "length",
            f"{words} words; consider trimming towards {ideal}.",
            reason=reason(ideal_name),
        )
    return Check.fail(
        "length",
        f"{words} words; cut it to under {most} (ideally {ideal}).",
        reason=reason(most_name),
    )


def linkedin_check(text: str, limits: Limits) -> Check:
    n, most = len(text), limits.linkedin_characters
    if n > most:
        return Check.fail(
            "LinkedIn limit",
            f"{n} characters; a note holds {most}.",
            reason=reason("linkedin_characters"),
        )
    if n > most - 20:
        return Check.warn("LinkedIn limit", f"{n} of {most} characters: right at the edge.")
    return Check.ok("LinkedIn limit", f"{n} of {most} characters.")


def spoken_time(
    text: str,
    name: str,
    *,
    ideal: int,
    most: int,
    names: tuple[str, str],
    limits: Limits,
) -> Check:
    seconds = speaking_seconds(text, words_per_minute=limits.words_per_minute)
    if seconds <= ideal:
        return Check.ok(name, f"about {_count(seconds, 'second')} when read slowly.")
    if seconds <= most:
        return Check.warn(
            name,
            f"about {seconds} seconds; consider trimming towards {ideal}.",
            reason=reason(names[0]),
        )
    return Check.fail(
        name, f"about {seconds} seconds; cut it to {ideal} or so.", reason=reason(names[1])
    )


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def introduction_time(text: str, limits: Limits) -> Check:
    """About 30 seconds: honest about short texts too (5 seconds is not "about 30")."""
    name = "about 30 seconds"
    seconds = speaking_seconds(text, words_per_minute=limits.words_per_minute)
    words = word_count(text)
    said = f"{_count(words, 'word')}, about {_count(seconds, 'second')} to say"
    if seconds < limits.intro_seconds_least:
        return Check.warn(
            name, f"{said}: add what is missing.", reason=reason("intro_seconds_least")
        )
    if seconds <= limits.intro_seconds:
        return Check.ok(name, f"{said}.")
    if seconds <= limits.intro_seconds_most:
        return Check.warn(
            name, f"{said}; trim towards {limits.intro_seconds}.", reason=reason("intro_seconds")
        )
    return Check.fail(
        name,
        f"{said}; cut it to about {limits.intro_seconds} seconds.",
        reason=reason("intro_seconds_most"),
    )


# --------------------------------------------------------------------------- job asks

# Each pattern asks for a job, an opening, a referral or a look at a CV, in
# plain or polite form. They are matched after _mask_innocent has blanked out
# negations ("I'm not asking about openings") and descriptive uses.
_JOB_WORDS = r"(?:jobs?|positions?|roles?|openings?|vacanc(?:y|ies)|internships?|placements?|work)"
_CV = r"(?:cv|c\.v\.|r[eé]sum[eé]s?|resumes?)"
_EMPLOYER = (
    r"(?:company|firm|organi[sz]ation|team|agency|office|department|practice|studio|lab"
    r"|group|school|hospital|charity|council|ministry|bank|newsroom|museum|company's)"
)
_STRONG_JOB_ASKS = [
    r"\b(?:hire|employ|recruit|take\s+on)\s+me\b",
    r"\brefer(?:ring)?\s+me\b",
    r"\b(?:are|is)\s+(?:you|they|there|your\s+(?:\w+\s+)?\w+)\s+(?:currently\s+|still\s+|by\s+any\s+chance\s+)?hiring\b",
    r"\b(?:you|they|we|your\s+\w+)\s*(?:are|'re|’re|is)\s+(?:currently\s+|still\s+)?hiring\b",
    r"\b(?:if|whether)\s+(?:[\w’'&-]+\s+){1,4}?(?:is|are)\s+(?:currently\s+|still\s+)?hiring\b",
    r"\b(?:any|open|available|upcoming)\s+(?:\w+\s+)?(?:jobs?|positions?|roles?(?![\s-]+models?)"
    r"|openings?|vacanc(?:y|ies)|internships?|placements?)\b",
    r"\bcurrent\s+(?:job\s+)?(?:openings|vacancies)\b",
    r"\b(?:job|career|employment|internship)\s+(?:openings?|offers?|opportunit(?:y|ies)|leads?)\b",
    r"\bopportunit(?:y|ies)\s+(?:at|with|in|on)\s+(?:your|the)\s+" + _EMPLOYER + r"\b",
    r"\bvacanc(?:y|ies)\b(?![\s-]+(?:rates?|data|figures|statistics|surveys?|stud(?:y|ies)|trends?))",
    r"\b(?:internship|placement)\s+(?:offers?|openings?|positions?|places?)\b",
    r"\b(?:looking|searching|hoping)\s+for\s+(?:a\s+|an\s+)?(?:new\s+|full-time\s+|part-time\s+"
    r"|summer\s+|graduate\s+|paid\s+)?" + _JOB_WORDS + r"\b",
    r"\b(?:give|offer|get|find|land)\s+me\s+(?:a\s+|an\s+)?(?:job|position|role|internship|interview|placement)\b",
    r"\bhelp\s+me\s+(?:to\s+)?(?:get|find|land|secure)\s+(?:a|an)\s+(?:\w+\s+)?"
    + _JOB_WORDS
    + r"\b",
    r"\bput\s+in\s+a\s+(?:good\s+)?word\b|\bput\s+a\s+(?:good\s+)?word\s+in\b",
    r"\b(?:pass|forward|send|share|circulate|hand)\s+(?:on\s+|along\s+)?my\s+(?:" + _CV[3:],
    r"\bmy\s+" + _CV + r"\s+(?:on|along)\s+to\b",
    r"\b(?:attach(?:ed|ing)?|enclos(?:ed|ing)?|please\s+find)\b[^.?!\n]{0,40}\b" + _CV + r"\b",
    r"\b" + _CV + r"\s+(?:is\s+)?(?:attached|enclosed)\b",
    r"\b(?:keep|bear|have)\s+me\s+in\s+mind\b",
    r"\bthink\s+of\s+me\s+(?:if|when|for)\b",
    r"\bif\s+you\s+(?:hear|know)\s+of\s+(?:anything|something|any\b|an?\s+(?:role|job|position|opening))",
    r"\blet\s+me\s+know\s+(?:if|when|about)\s+(?:any|anything|something)\b",
    r"\bput\s+(?:me|my\s+name)\s+forward\b|\brecommend\s+me\s+(?:for|to)\b",
    r"\bif\s+(?:anything|something|a\s+(?:role|position|job|spot|place|vacancy))\s+"
    r"(?:opens?\s+up|comes?\s+up|becomes?\s+(?:free|available))\b",
    r"\b(?:be\s+)?considered\s+for\s+(?:a|an|the|any|your|future|upcoming)\b",
    r"\b(?:place|spot|room|role|position|job|opening)\s+for\s+(?:me|someone\s+like\s+me)\b",
    r"\b(?:love|like|want|hope|keen|eager)\s+to\s+(?:work\s+(?:for|at|with)|join)\s+"
    r"(?:you\b|your\s+" + _EMPLOYER + r"|the\s+team)",
    r"\bwork\s+(?:for|at)\s+your\s+" + _EMPLOYER + r"\b",
]
_WEAK_JOB_ASKS = [
    r"\bjob[\s-]+(?:search(?:ing)?|hunt(?:ing)?|seek(?:ing|er))\b",
    r"\bapply(?:ing)?\s+(?:for|to)\s+(?:(?:a|an|the|one\s+of\s+your)\s+)?(?:\w+\s+)?"
    r"(?:jobs?|positions?|roles?|openings?|internships?)\b",
    r"\b(?:a|an)\s+(?:summer\s+|paid\s+)?(?:job|internship|placement)\s+(?:would|with\s+you|at\s+your)\b",
]
_STRONG = [re.compile(p, _I) for p in _STRONG_JOB_ASKS]
_WEAK = [re.compile(p, _I) for p in _WEAK_JOB_ASKS]
_INNOCENT = re.compile(
    # a negation or a contrast that rules the job out, to the end of its clause
    r"\b(?:not|never|n't|n’t)\s+(?:\w+\s+){0,2}?(?:asking|looking|writing|seeking|hoping|after"
    r"|here|expecting|requesting|fishing|angling)\b[^,.;:!?\n]*"
    r"|\brather\s+than\b[^,.;:!?\n]*"
    r"|\b(?:not|no|isn't|is\s+not)\s+(?:a\s+)?(?:job|request\s+for\s+a\s+job)\b[^,.;:!?\n]*"
    r"|\bin\s+a\s+position\s+to\b|\bposition\s+(?:on|of)\b",
    _I,
)


def _mask_innocent(text: str) -> str:
    return _INNOCENT.sub(lambda m: " " * len(m.group(0)), text)


def find_job_asks(text: str | None) -> list[tuple[str, Severity]]:
    """Phrases in ``text`` that ask for a job, with how sure the rule is.

    ``fail``: an ask for a job, opening, referral or CV hand-on, outright or
    polite ("are you hiring", "any openings", "opportunities at your company",
    "keep me in mind", "if anything opens up", "put in a word", "pass my CV
    on", "refer me", "be considered for", an attached résumé). ``warn``:
    mentioning a job search or applying for roles, which may read as one.
    Negations and descriptions are left alone ("I'm not asking about openings",
    "what your job involves", "a vacancy-rate study", "hiring trends").

    >>> find_job_asks("Are you hiring? I'd love to hear about your job.")
    [('Are you hiring', 'fail')]
    >>> find_job_asks("I'm not looking for a job, only your view of the field.")
    []
    """
    masked = _mask_innocent(text or "")
    found: list[tuple[int, int, str, Severity]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or e <= start for s, e, _, _ in found)

    for patterns, severity in ((_STRONG, "fail"), (_WEAK, "warn")):
        for pattern in patterns:
            for match in pattern.finditer(masked):
                if free(*match.span()):
                    found.append((match.start(), match.end(), match.group(0), severity))
    return [(phrase, severity) for _, _, phrase, severity in sorted(found)]


def job_check(text: str) -> Check:
    name = "asks for advice, not a job"
    asks = find_job_asks(text)
    if not asks:
        return Check.ok(name, "no job-hunting wording.")
    quoted = ", ".join(f"“{' '.join(phrase.split())}”" for phrase, _ in asks[:3])
    if any(sev == "fail" for _, sev in asks):
        return Check.fail(
            name,
            f"{quoted} reads as asking for a job; ask for their advice and experience instead.",
            reason="People agree to share advice; a job request puts them on the spot.",
        )
    return Check.warn(
        name, f"{quoted} may read as job hunting; keep the ask to advice and information."
    )


# --------------------------------------------------------------------------- the ask


_NUMBER_WORDS = {
    "five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30,
    "forty": 40, "forty-five": 45, "sixty": 60,
}  # fmt: skip
_AMOUNT = r"(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_DURATION = re.compile(
    r"\b" + _AMOUNT + r"(?:\s*(?:-|–|to|or)\s*" + _AMOUNT + r")?[\s-]*(?:minutes?|mins?)\b", _I
)
_HOURS = re.compile(
    r"\b(?:half\s+an\s+hour|half-hour|half\s+hour|quarter\s+of\s+an\s+hour|an\s+hour)\b", _I
)


def find_duration(text: str | None) -> int | None:
    """The longest number of minutes the text asks for, or None.

    >>> find_duration("15-20 minutes"), find_duration("half an hour"), find_duration("a chat")
    (20, 30, None)
    """
    text = text or ""
    match = _DURATION.search(text)
    if match:
        tokens = [t.casefold() for t in match.groups() if t]
        return max(int(t) if t.isdigit() else _NUMBER_WORDS[t] for t in tokens)
    hours = _HOURS.search(text)
    if hours:
        phrase = hours.group(0).casefold()
        return 30 if phrase.startswith("half") else 15 if phrase.startswith("quarter") else 60
    return None


def duration_check(text: str, limits: Limits) -> Check:
    name = "short, stated length"
    minutes = find_duration(text)
    if minutes is None:
        return Check.warn(
            name,
            "consider naming the minutes you ask for, e.g. 20 minutes.",
            reason="A stated, short length makes yes easy; 'a brief chat' works if you keep to it.",
        )
    if minutes <= 0:
        return Check.fail(name, "the length of the conversation must be more than zero.")
    if minutes <= limits.request_minutes:
        return Check.ok(name, f"{minutes} minutes is an easy yes.")
    if minutes <= limits.request_minutes_most:
        return Check.warn(
            name,
            f"{minutes} minutes is a big ask; consider 15-30.",
            reason=reason("request_minutes"),
        )
    return Check.fail(
        name,
        f"{minutes} minutes is long for a first request; ask for 15-30.",
        reason=reason("request_minutes_most"),
    )


_MONTHS_ANY_CASE = (
    "january|february|march|april|june|july|august|september|october|november|december"
)
_MONTHS_CAPITAL = "May|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_MONTH = r"(?:(?i:" + _MONTHS_ANY_CASE + r")|(?:" + _MONTHS_CAPITAL + r")\.?)\b"
_COUNT = r"(?:\d{1,2}|a|one|two|three|four|five|six|few|couple(?:\s+of)?|several)"
_RANGE = _COUNT + r"(?:\s*(?:-|–|to|or)\s*" + _COUNT + r")?"
_UNIT = r"(?:days?|weeks?|months?|fortnight)"
_SEASON = r"(?:week|month|term|semester|spring|summer|autumn|fall|winter|quarter|fortnight)"
_WINDOW_PATTERNS = [
    r"(?i:\b(?:next|coming|following)\s+(?:" + _RANGE + r"\s+)?" + _UNIT + r"\b)",
    r"(?i:\b(?:in|within|over)\s+(?:the\s+)?(?:next\s+)?" + _RANGE + r"\s+" + _UNIT + r"\b)",
    r"(?i:\b(?:this|next|later\s+this|early\s+next|later\s+next|end\s+of\s+the)\s+"
    + _SEASON
    + r"\b)",
    r"(?i:\b(?:over|during)\s+the\s+(?:summer|spring|autumn|winter|holidays|break)\b)",
    r"\b(?i:in|before|by|during|early|late|mid|around|until|through|after|from|of)[\s-]+" + _MONTH,
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH,
    r"\b" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?\b",
    r"(?i:\b(?:by|before)\s+(?:the\s+)?(?:end|middle|start)\s+of\s+(?:the\s+)?\w+)",
    r"(?i:\bthe\s+week\s+(?:of|after|before)\b)",
    r"(?i:\b(?:after|before)\s+(?:the\s+|my\s+)?(?:exams?|holidays?|break|conference|deadline)\b)",
]
_WINDOW = re.compile("|".join(_WINDOW_PATTERNS))


#: Words that put a date in the past ("we met in October", "I graduated last May").
_PAST_MARKERS = {
    "met", "graduated", "started", "joined", "finished", "began", "begun", "spoke", "saw",
    "heard", "attended", "was", "were", "moved", "completed", "visited", "presented",
    "published", "launched", "wrote", "last", "ago", "since", "had", "qualified", "left",
}  # fmt: skip


def find_time_window(text: str | None) -> str | None:
    """The first phrase that says roughly when (word-bounded), or None.

    >>> find_time_window("before the end of March"), find_time_window("in June or July")
    ('before the end of March', 'in June')
    >>> find_time_window("a decision on a junior role"), find_time_window("you may know")
    (None, None)
    >>> find_time_window("We met in October. Could we talk in March?")
    'in March'

    """
    text = text or ""
    for match in _WINDOW.finditer(text):
        before = re.findall(r"[\w’']+", text[max(0, match.start() - 40) : match.start()])[-4:]
        if any(word.casefold() in _PAST_MARKERS for word in before):
            continue  # "we met in October": a date in the past is no window
        return " ".join(match.group(0).split())
    return None


def window_check(text: str) -> Check:
    found = find_time_window(text)
    if found:
        return Check.ok("time window", f"you say roughly when (“{found}”).")
    return Check.warn(
        "time window",
        "suggest a window, e.g. 'in the next two or three weeks'.",
        reason="A window gives them a gentle deadline and makes the ask concrete.",
    )


_FLEXIBLE = re.compile(
    r"\b(?:whenever\s+(?:it\s+)?suits|(?:a\s+)?time\s+that\s+suits|suits\s+you|at\s+your\s+convenience"
    r"|convenient\s+(?:to|for)\s+you|fit\s+(?:around\s+|in\s+with\s+)?your\s+(?:schedule|diary|calendar)"
    r"|works?\s+(?:best\s+)?for\s+you|flexible|work\s+around\s+your|whatever\s+time|any\s+time\s+that"
    r"|whenever\s+you(?:'re|’re|\s+are)\s+free|when\s+you\s+have\s+(?:a\s+)?(?:moment|time))",
    _I,
)


def flexibility_check(text: str) -> Check:
    if _search(_FLEXIBLE, text):
        return Check.ok("fits their schedule", "you offer to fit around them.")
    return Check.warn(
        "fits their schedule", "offer to fit their schedule, e.g. 'whenever suits you'."
    )


_MEDIUM = re.compile(
    r"\b(?:phone|call|video|zoom|teams|meet|in\s+person|coffee|over\s+tea|chat|conversation"
    r"|talk|speak|visit)\b",
    _I,
)


def medium_check(text: str) -> Check:
    if _search(_MEDIUM, text):
        return Check.ok("how you could talk", "you say how you could talk.")
    return Check.warn(
        "how you could talk", "offer a way to talk: by phone, video, or in person over coffee."
    )


_EXIT = re.compile(
    r"\b(?:by\s+e-?mail|over\s+e-?mail|questions?\s+(?:by|over|in)\s+(?:e-?mail|message|writing)"
    r"|reply\s+here|answers?\s+by|in\s+writing|someone\s+else|a\s+colleague|another\s+person"
    r"|if\s+(?:now|this|that|a\s+call|a\s+conversation|it)\s+is(?:n't|n’t)?\s+(?:not\s+)?"
    r"(?:a\s+(?:good|busy|bad)|hard|difficult|too|possible|convenient)"
    r"|(?:completely|totally|fully|quite)\s+understand|no\s+pressure|hard\s+to\s+fit|difficult\s+to\s+arrange"
    r"|(?:too|very|really)\s+busy|no\s+worries\s+if|if\s+you(?:'re|’re|\s+are)\s+(?:too\s+)?busy"
    r"|if\s+you\s+(?:can't|cannot|can’t)|(?:point|direct)\s+me\s+to|if\s+not\b|no\s+problem"
    r"|(?:doesn't|doesn’t|does\s+not|won't|won’t|don't|don’t)\s+(?:suit|work)|too\s+much"
    r"|if\s+(?:a\s+call|a\s+conversation|a\s+meeting|that|this|it|now|talking)\s+(?:is|isn't|isn’t|'s|’s)\b"
    r"|(?:a\s+)?(?:short|brief|quick)\s+(?:e-?mail|reply|note|answer|message)\b)",
    _I,
)


def exit_check(text: str) -> Check:
    if _search(_EXIT, text):
        return Check.ok("graceful exit", "you offer an easier alternative.")
    return Check.warn(
        "graceful exit",
        "offer an easy alternative, e.g. a few questions by e-mail or someone else to ask.",
        reason="An easy way to say no (or a smaller yes) makes a reply more likely.",
    )


_CONNECTION = re.compile(
    r"\b(?:alumni|alumnus|alumna|alum|graduate[ds]?|studied|class\s+of|member|met|meeting|heard|saw"
    r"|read|suggested|recommended|referred|mentioned|introduced|introducing|colleague|former"
    r"|fellow|both|same|gave\s+me\s+your|passed\s+(?:on\s+)?your|your\s+(?:talk|article|post|panel"
    r"|paper|session|podcast|interview|report|book|work)|through|via|at\s+the|mutual|friend|advis[eo]r"
    r"|professor|lecturer|tutor|mentor|cousin|aunt|uncle|neighbour|neighbor|sister|brother|parent)\b",
    _I,
)


def connection_early(body: str) -> Check:
    """The link between you comes in the first two sentences."""
    name = "connection first"
    opening = " ".join(sentences(body)[:2])
    if _search(_CONNECTION, opening):
        return Check.ok(name, "the connection comes in the opening lines.")
    if _search(_CONNECTION, body):
        return Check.warn(name, "move how you are connected into the first two sentences.")
    return Check.warn(
        name, "open with how you are connected (who suggested them, a shared school or event)."
    )


# --------------------------------------------------------------------------- spoken


_SAYS_NAME = re.compile(r"\b(?:I'm|I’m|I\s+am|my\s+name\s+is|this\s+is|it's|it’s)\s+[^\W\d_]", _I)


def says_name(text: str) -> Check:
    if _search(_SAYS_NAME, text):
        return Check.ok("says who you are", "you give your name.")
    return Check.fail("says who you are", "start by saying your full name.")


def connection_named(text: str) -> Check:
    if _search(_CONNECTION, text):
        return Check.ok("connection", "you say what links you.")
    return Check.warn(
        "connection",
        "say what links you: who suggested them, or the school, event or group you share.",
    )


_INTERESTS = re.compile(
    r"\b(?:interest(?:s|ed)?|exploring|explore|curious|hoping|hope|want\s+to|would\s+like|keen"
    r"|passion(?:ate)?|considering|looking\s+into|learn(?:ing)?\s+(?:more\s+)?about|drawn\s+to"
    r"|thinking\s+about|planning|aim(?:ing)?|move\s+into|moving\s+into|switch|focus)\b",
    _I,
)


def interests_named(text: str) -> Check:
    if _search(_INTERESTS, text):
        return Check.ok("interests", "you say what you are exploring.")
    return Check.warn("interests", "say what you are exploring or hoping to do.")


_PHONE = re.compile(r"(?<![\w@])\+?\d[\d\s().\-]{5,}\d(?!\w)")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


def details_twice(text: str) -> list[Check]:
    """Phone number and e-mail address said twice, so they can be noted on a second hearing."""
    numbers = [re.sub(r"\D", "", n) for n in _PHONE.findall(text or "")]
    emails = [e.casefold().rstrip(".") for e in _EMAIL.findall(text or "")]
    checks = []
    for name, found, what in (
        ("your phone number", numbers, "number"),
        ("your e-mail", emails, "e-mail address"),
    ):
        if not found:
            checks.append(Check.fail(name, f"give your {what}."))
    repeated = [found for found in (numbers, emails) if found]
    if not repeated:
        return checks
    if all(max(found.count(x) for x in found) >= 2 for found in repeated):
        checks.append(
            Check.ok("details twice", "your details come at the start and again at the end.")
        )
    else:
        checks.append(
            Check.warn(
                "details twice",
                "say your number and e-mail near the start and again at the end.",
                reason="Listeners reach for a pen the first time and write it down the second.",
            )
        )
    return checks


_RETRY = re.compile(
    r"\b(?:try|call|ring|phone|reach)\s+(?:you\s+)?(?:again|back)|\bfollow\s+up\b"
    r"|\bget\s+back\s+in\s+touch\b|\b(?:call|try)\s+you\s+(?:on|next|in|later)\b",
    _I,
)


def retry_check(text: str) -> Check:
    if _search(_RETRY, text):
        return Check.ok("when you will try again", "you say you will try again.")
    return Check.warn(
        "when you will try again", "say when you will call again, e.g. 'in a couple of weeks'."
    )


_GOOD_TIME = re.compile(
    r"\b(?:(?:a\s+|an\s+)?(?:good|convenient|okay|ok|bad|all\s+right|alright)\s+(?:time|moment)"
    r"|a\s+(?:quick\s+)?moment"
    r"|(?:have|got|spare)\s+(?:a\s+)?(?:minute|few\s+minutes|moment)|is\s+now\s+(?:ok|okay|all\s+right|alright|good|convenient)"
    r"|caught\s+you\s+at|catch\s+you\s+at|free\s+to\s+talk|time\s+to\s+talk)\b",
    _I,
)


def good_time_check(text: str, limits: Limits) -> Check:
    """A pick-up script asks early whether now is a good time."""
    name = "asks if now is a good time"
    match = _GOOD_TIME.search(text or "")
    if not match:
        return Check.fail(name, "ask straight after your name whether now is a good time to talk.")
    before = text[: match.end()]
    seconds = speaking_seconds(before, words_per_minute=limits.words_per_minute)
    if seconds > limits.phone_seconds:
        return Check.warn(
            name,
            f"you ask after about {seconds} seconds; ask sooner.",
            reason=reason("phone_seconds"),
        )
    return Check.ok(name, f"you ask within about {_count(seconds, 'second')}.")


_CALL_BACK = re.compile(
    r"\b(?:call|ring|phone|try)\s+(?:you\s+)?(?:back|again|later|another\s+time)|\banother\s+time\b"
    r"|\bbetter\s+time\b|\b(?:e-?mail|send)\s+you\b|\blater\s+(?:today|this\s+week)\b",
    _I,
)


def call_back_check(text: str) -> Check:
    if _search(_CALL_BACK, text):
        return Check.ok("offers another time", "you offer to call back or write instead.")
    return Check.warn(
        "offers another time", "if it is a bad moment, offer to call back or to e-mail instead."
    )


# --------------------------------------------------------------------------- thank-you

# A learning cue, then what was learned. The words after the cue must carry
# some content of their own: "a lot about the industry" does not.
_LEARN_CUE = re.compile(
    r"\b(?:learn(?:ed|t)|learning|(?:to\s+)?learn\s+(?:that|how|why|about|what)|to\s+(?:hear|discover|find\s+out)|hearing|hear(?:ing)?\s+about|heard|valued|appreciated|enjoyed"
    r"|struck\s+(?:me|by)|stuck\s+with\s+me|had\s+no\s+idea|(?:didn't|didn’t|did\s+not|never)\s+"
    r"(?:knew|know|realis(?:ed|e)|realiz(?:ed|e)|thought)|hadn't\s+(?:realised|realized|known)|stayed\s+with\s+me|stood\s+out|took\s+away|takeaway"
    r"|surprised|realis(?:ed|e)|realiz(?:ed|e)|understand|understood|discovered|found\s+out"
    r"|(?:your|the)\s+(?:point|tip|suggestion|idea|advice|comment|remark|explanation|description"
    r"|story|example|insight)s?\s+(?:about|on|that|to|of)"
    r"|you\s+(?:said|mentioned|explained|described|pointed\s+out|told\s+me|suggested|shared"
    r"|recommended|showed|noted|stressed|emphasi[sz]ed))\b",
    _I,
)
_VAGUE_WORDS = {
    "a", "an", "the", "lot", "lots", "so", "much", "many", "great", "deal", "things", "thing",
    "stuff", "everything", "all", "it", "this", "that", "about", "from", "of", "on", "in",
    "your", "you", "my", "me", "i", "industry", "field", "sector", "job", "work", "career",
    "careers", "advice", "insights", "insight", "time", "experience", "experiences", "story",
    "perspective", "perspectives", "conversation", "chat", "talk", "really", "very", "truly",
    "helpful", "useful", "interesting", "valuable", "information", "info", "tips", "more",
    "new", "how", "what", "and", "to", "with", "for", "today", "yesterday", "meeting",
    "role", "day", "path", "us", "our", "we", "was", "were", "is", "be", "had", "have",
    "some", "few", "such", "just", "also", "too", "thoughts", "views", "knowledge", "world",
    "area", "space", "myself", "at", "by", "as", "but", "yet", "nothing", "anything",
    "wisdom", "guidance", "generous", "generosity", "enjoyed", "appreciated", "valued",
    "learned", "learnt", "hearing", "heard", "loved",
}  # fmt: skip
_CONTENT_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def _content_words(phrase: str) -> list[str]:
    return [
        w
        for w in _CONTENT_WORD.findall(phrase)
        if w.casefold() not in _VAGUE_WORDS and not w.casefold().endswith("ly")
    ]


def _learned_phrases(text: str) -> list[str]:
    """What follows each learning cue, to the end of its sentence."""
    out = []
    for one in sentences(text):
        for match in _LEARN_CUE.finditer(one):
            out.append(one[match.end() :])
    return out


def specific_learning(text: str) -> Check:
    """A concrete thing learned: a learning cue followed by words with content."""
    name = "something specific"
    phrases = _learned_phrases(text)
    if any(len(_content_words(p)) >= 3 for p in phrases):
        return Check.ok(name, "you name something you learned.")
    if not phrases:
        return Check.warn(
            name,
            "name one thing you learned from them (a fact, a tip, a way of seeing it).",
            reason="A specific detail shows you listened; general praise could be sent to anyone.",
        )
    return Check.warn(
        name,
        "be specific: which idea, tip or fact stayed with you?",
        reason="A specific detail shows you listened; general praise could be sent to anyone.",
    )


_NOT_YET = re.compile(
    r"\b(?:nothing\s+(?:yet|so\s+far|to\s+report|new)|not\s+(?:yet|had\s+(?:a\s+)?(?:chance|time))|haven'?t\s+"
    r"(?:had\s+(?:a\s+)?(?:chance|time)|done|managed|got\s+round|gotten\s+around|started)"
    r"|have\s+not\s+(?:had|done|started)|no\s+time\s+yet)\b",
    _I,
)
_IRREGULAR_DONE = (
    r"read|re-?read|(?:re)?written|(?:re)?wrote|chosen|chose|seen|saw|undertaken|begun|began|bought|taken|took|made|sent|put|built|done|spoken|spoke|met"
    r"|gone|went\s+(?:to|along)|found|given|gave|set\s+up|signed\s+up|picked\s+up|got\s+in\s+touch"
    r"|looked\s+(?:up|into|at)|reached\s+out|checked\s+out|filled\s+in|drawn\s+up|run|ran|sat"
)
#: Verbs ending in -ed that report a feeling or a thought, not a step taken.
_NOT_STEPS = {
    "learned", "enjoyed", "appreciated", "valued", "wanted", "hoped", "needed", "liked", "loved",
    "realised", "realized", "noticed", "wondered", "felt", "thought", "considered", "decided",
    "reflected", "pondered", "been", "struggled", "tried", "hesitated", "missed", "forgotten",
    "interested", "inspired", "motivated", "surprised", "fascinated", "impressed", "pleased",
    "looked", "seemed", "wished", "worried", "expected", "gained", "received", "glad",
}  # fmt: skip
_DONE = re.compile(
    r"\bI(?:'ve|’ve|\s+have)?\s+(?:already\s+|now\s+|just\s+|since\s+|also\s+|finally\s+|then\s+)?"
    r"(?P<verb>" + _IRREGULAR_DONE + r"|[^\W\d_]+ed)\b",
    _I,
)


def _step_match(part: str) -> re.Match | None:
    for match in _DONE.finditer(part):
        if match.group("verb").casefold() not in _NOT_STEPS:
            return match
    return None


_PLANNED = re.compile(
    r"\bI(?:'ll|’ll|\s+will|\s+plan\s+to|\s+am\s+going\s+to|'m\s+going\s+to|’m\s+going\s+to"
    r"|'m|’m|\s+am)\s+(?:\w+\s+){0,6}?(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday)|tomorrow|this\s+(?:week|weekend|month)|next\s+(?:week|month)|in\s+(?:\w+\s+)?(?:days?|weeks?))\b",
    _I,
)
#: Words that say nothing about what was done ("looked into it a bit more since").
_FILLER = {
    "it", "that", "this", "them", "a", "bit", "more", "since", "further", "already", "little",
    "some", "things", "stuff", "properly", "too", "as", "well", "now", "up", "into", "about",
    "at", "over", "on", "your", "advice", "suggestion", "suggestions", "idea", "ideas", "tip",
    "tips", "thinking", "everything", "you", "said", "mentioned", "what", "of", "lot", "the",
    "again", "then", "yet", "all", "around", "through", "something",
}  # fmt: skip


def _vague_object(rest: str) -> bool:
    words = _CONTENT_WORD.findall(_object_of(rest))
    return not [w for w in words if w.casefold() not in _FILLER]


_CLAUSES = re.compile(r"[;:]|,?\s+\b(?:but|although|though|whereas)\b|,\s+(?:and\s+)?(?=I\b)")


def action_taken(text: str) -> Check:
    """A concrete step taken since the meeting (or one booked for a stated day)."""
    name = "action taken"
    why = "The method's thank-you says what you have done with their advice: it shows it landed."
    for one in sentences(text):
        for part in _CLAUSES.split(one):
            if _NOT_YET.search(part):
                continue
            match = _step_match(part)
            if match and not _vague_object(part[match.end() :]):
                return Check.ok(name, "you say what you have done with their advice.")
            if _PLANNED.search(part):
                return Check.ok(name, "you name a step and when you will take it.")
    if _search(_NOT_YET, text):
        return Check.warn(
            name,
            "'nothing yet' tells them little; take one small step first, then write.",
            reason=why,
        )
    return Check.warn(
        name,
        "say one thing you have done since (read, joined, contacted, signed up...).",
        reason=why,
    )


def _object_of(rest: str) -> str:
    """The words after an action verb, to the end of the clause."""
    return re.split(r"[,;:.!?]|\s+(?:and|but|because|so)\s+", rest, maxsplit=1)[0]


# --------------------------------------------------------------------------- follow-up, update


_PUSHY = re.compile(
    r"\b(?:haven'?t\s+heard|have\s+not\s+heard|haven’t\s+heard|no\s+(?:response|reply|answer)"
    r"|(?:didn'?t|didn’t|did\s+not|have\s+not|haven'?t|haven’t)\s+(?:reply|replied|answer|answered"
    r"|respond|responded|get\s+back|got\s+back)"
    r"|never\s+(?:replied|answered|responded|got\s+back)|ignored|still\s+waiting|as\s+i\s+(?:said|mentioned)"
    r"|again\s+and\s+again|urgent(?:ly)?|asap|a\s+s\s+a\s+p|surely|must\s+have\s+missed|chasing"
    r"|expect(?:ed)?\s+(?:a|your)\s+(?:reply|response|answer)|(?:third|fourth)\s+(?:time|e-?mail|message)"
    r"|(?:three|four|several|many|multiple|\d+)\s+times|without\s+(?:an?\s+|any\s+)?(?:answer|reply|response)"
    r"|really\s+need\s+(?:to|you|an?)|why\s+(?:you\s+)?(?:haven't|have\s+not))\b",
    _I,
)


def friendly_tone(text: str) -> Check:
    pushy = _PUSHY.search(text or "")
    if pushy:
        return Check.warn(
            "friendly tone",
            f"“{pushy.group(0)}” can sound like a reproach; assume it got buried, keep it light.",
        )
    return Check.ok("friendly tone", "no reproach in the wording.")


_NEWS = re.compile(
    r"\b(?:I(?:'ve|’ve|\s+have)?\s+(?:now\s+|just\s+|finally\s+|since\s+|recently\s+)?(?:started|joined"
    r"|got|landed|accepted|finished|completed|begun|began|been\s+(?:accepted|offered|selected|awarded)"
    r"|moved|decided|enrolled|passed|won|published|presented|launched|submitted|signed|taken|took"
    r"|made|switched|earned|graduated|secured|chose|settled|returned|spent|visited|met|spoke)"
    r"|news|update|progress|milestone|I\s+am\s+now|I'm\s+now|I’m\s+now)\b",
    _I,
)


def news_check(text: str) -> Check:
    if _search(_NEWS, text):
        return Check.ok("your news", "you share what has happened since.")
    return Check.warn("your news", "share one piece of progress since you met.")


_USEFUL = re.compile(
    r"https?://|www\.|\b(?:article|report|podcast|episode|event|talk|paper|book|study|newsletter"
    r"|video|webinar|conference|meetup|post|thread|dataset|tool|course|job\s+board|thought\s+of\s+you"
    r"|might\s+(?:interest|enjoy|like|find)|made\s+me\s+think\s+of|reminded\s+me\s+of|in\s+case\s+it"
    r"|introduce\s+you|put\s+you\s+in\s+touch|you\s+might\s+want)\b",
    _I,
)


def useful_check(text: str) -> Check:
    if _search(_USEFUL, text):
        return Check.ok("something useful", "you offer something of use to them.")
    return Check.warn(
        "something useful",
        "offer something of use: an article, an event, a contact.",
        reason="Staying in touch works both ways; a small gift keeps it from being only about you.",
    )
