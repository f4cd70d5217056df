"""Turn what a person typed into parts of grammatical sentences (the templates' filters).

People type fragments in every shape: "a third-year biology student", "I'm
studying biology.", "Most counsellors come from teaching", "that grants are
scored twice", "nothing yet". These functions fit each into the sentence the
template builds around it, so the result reads as English whatever came in.

>>> situation_sentence("third-year biology student")
"I'm a third-year biology student."
>>> situation_sentence("I am studying biology at Lakeside", tone="formal")
'I am studying biology at Lakeside.'
>>> learned_object("Most counsellors come from teaching.")
'that most counsellors come from teaching'
>>> action_phrase("I have joined the network.")
'joined the network'
"""

from __future__ import annotations

import re
from typing import Any

from infoview_kit.messages.text import (
    address,
    clause,
    clean,
    first_name,
    greeting,
    indefinite_article,
    sentence,
)

__all__ = [
    "FILTERS",
    "action_phrase",
    "learned_object",
    "situation_sentence",
    "window_phrase",
]

_WINDOW_LEADS = (
    "in ", "within ", "during ", "over ", "before ", "by ", "this ", "next ", "sometime ",
    "some time ", "later ", "early ", "around ", "after ", "on ", "any ", "until ", "from ",
    "whenever ", "at ", "tomorrow", "soon",
)  # fmt: skip


def window_phrase(value: Any) -> str:
    """``the next two weeks`` -> ``in the next two weeks``; ``next week`` stays.

    >>> window_phrase("the coming weeks"), window_phrase("before the end of March")
    ('in the coming weeks', 'before the end of March')
    """
    text = clause(value)
    if not text:
        return ""
    if text.casefold().startswith(_WINDOW_LEADS):
        return text
    return "in " + text


_SUBJECT = re.compile(r"^(?:i\s+have|i've|i’ve|i\s+had|i'd|i’d|i)\s+", re.IGNORECASE)


def action_phrase(value: Any) -> str:
    """``I have joined the network.`` -> ``joined the network`` (the template adds "I've")."""
    return clause(_SUBJECT.sub("", clause(value)))


_CLAUSE_START = re.compile(
    r"^(?:that|how|why|what|when|where|which|who|whether|about|your|the\s+way|the\s+idea"
    r"|the\s+advice|the\s+tip|the\s+point|the\s+story|the\s+fact|the\s+part)\b",
    re.IGNORECASE,
)
_HAS_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|can|could|will|would|should|may"
    r"|might|must|come|comes|came|start|starts|started|get|gets|got|go|goes|went|need|needs"
    r"|take|takes|took|make|makes|made|matter|matters|count|counts|move|moves|moved|work|works"
    r"|worked|lead|leads|led|hire|hires|grow|grows|use|uses|used|help|helps|helped|begin|begins"
    r"|look|looks|want|wants|value|values|expect|expects|rely|relies|mean|means|depend|depends"
    r"|pay|pays|learn|learns|spend|spends|keep|keeps|find|finds|say|says|said)\b",
    re.IGNORECASE,
)


def learned_object(value: Any) -> str:
    """What was learned, shaped to follow "I especially valued hearing ...".

    A full statement becomes a "that" clause; a phrase that already starts
    with "that", "how", "about", "your"... is kept; a bare noun phrase becomes
    "about ...". Empty input gives an empty string.

    >>> learned_object("how grants are scored"), learned_object("grant scoring")
    ('how grants are scored', 'about grant scoring')
    """
    text = clause(value)
    if not text:
        return ""
    if _CLAUSE_START.match(text):
        return text
    if _HAS_VERB.search(text):
        return "that " + text
    return "about " + text


_SELF_START = re.compile(
    r"^(?:i\b|i'm\b|i’m\b|my\b|currently\b|at\s+the\s+moment\b|right\s+now\b|for\s+the\s+past\b)",
    re.IGNORECASE,
)
_NOW = re.compile(
    r"^(?:currently|at\s+the\s+moment|right\s+now|presently|now)[,\s]+", re.IGNORECASE
)
_BARE_START = re.compile(
    r"^(?:a|an|the|one|studying|working|finishing|completing|leading|running|doing|training"
    r"|teaching|in|at|on|with|between|from|about|currently|based|part|half|nearly|almost"
    r"|halfway|still|now|new|recently|just|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.IGNORECASE,
)


def situation_sentence(value: Any, *, tone: str = "warm") -> str:
    """Where someone is now, as a sentence of its own about "I".

    >>> situation_sentence("an MBA student"), situation_sentence("MBA student")
    ("I'm an MBA student.", "I'm an MBA student.")
    >>> situation_sentence("finishing my degree", tone="formal")
    'I am finishing my degree.'
    """
    text = clause(value)
    if not text:
        return ""
    lead = "I am" if tone == "formal" else "I'm"
    adverb = _NOW.match(text)
    if adverb and not re.match(r"^i\b", text[adverb.end() :], re.IGNORECASE):
        return f"{lead} {text[0].lower()}{text[1:]}."
    if _SELF_START.match(text):
        return sentence(text)
    if _BARE_START.match(text):
        return f"{lead} {text}."
    return f"{lead} {indefinite_article(text)} {text}."


def interest_phrase(value: Any) -> str:
    """What someone is exploring, after "exploring" (a leading "exploring" is not doubled)."""
    text = clause(value)
    return re.sub(r"^(?:i'm\s+|i\s+am\s+)?exploring\s+", "", text, flags=re.IGNORECASE)


def hope_phrase(value: Any) -> str:
    """What someone hopes to learn, after "I'd love to hear ..." ("about" added to a bare noun).

    >>> hope_phrase("how you moved into policy"), hope_phrase("your path")
    ('how you moved into policy', 'about your path')
    """
    text = clause(value)
    text = re.sub(
        r"^(?:i'd\s+love\s+to\s+(?:hear|learn)|to\s+(?:hear|learn))\s+", "", text, flags=re.I
    )
    if not text or (_CLAUSE_START.match(text) and not text.casefold().startswith(("your", "the "))):
        return text
    if text.casefold().startswith(("about ", "whether ", "if ")):
        return text
    return "about " + text


_DETERMINER = re.compile(r"^(?:a|an|the|one|my|our|this|that)\b", re.IGNORECASE)


def self_introduction(name: Any, situation: Any, *, tone: str = "warm") -> str:
    """Who is writing: "I'm Ada Example, a public health student." (or two sentences).

    The situation is joined to the name only when it is a noun phrase ("a
    student", "third-year student" gets its article); anything else becomes a
    sentence of its own, so no role is ever attached to "my name".

    >>> self_introduction("Priya Raman", "third-year biology student", tone="formal")
    'I am Priya Raman, a third-year biology student.'
    >>> self_introduction("Priya Raman", "I'm studying biology.")
    "I'm Priya Raman. I'm studying biology."
    >>> self_introduction("", "a nurse"), self_introduction("Priya", "")
    ("I'm a nurse.", "I'm Priya.")
    """
    who, lead = clean(name), ("I am" if tone == "formal" else "I'm")
    where = clause(situation)
    if not who:
        return situation_sentence(where, tone=tone)
    if not where:
        return f"{lead} {who}."
    if re.match(r"^[^\W\d_]+ing\b", where) and not _NOW.match(where):
        return f"{lead} {who}, {where[0].lower()}{where[1:]}."  # "I'm Ada, finishing my degree."
    if _SELF_START.match(where) or (_BARE_START.match(where) and not _DETERMINER.match(where)):
        return f"{lead} {who}. {situation_sentence(where, tone=tone)}"
    if not _DETERMINER.match(where):
        where = f"{indefinite_article(where)} {where}"
    return f"{lead} {who}, {where}."


_PARTICIPLES = {
    "wrote": "written", "took": "taken", "began": "begun", "spoke": "spoken", "gave": "given",
    "went": "been", "saw": "seen", "chose": "chosen", "ran": "run", "did": "done", "ate": "eaten",
    "rewrote": "rewritten", "drew": "drawn", "undertook": "undertaken", "forgot": "forgotten",
}  # fmt: skip
_BASE_PARTICIPLES = {
    "read", "met", "sent", "bought", "built", "found", "made", "put", "set", "joined", "got",
    "signed", "spent", "heard", "kept", "left", "paid", "sat", "told", "won", "led", "held",
    "taught", "brought", "thought", "felt", "done", "been", "seen", "written", "taken", "begun",
    "spoken", "given", "chosen", "run", "rewritten", "drawn", "reread", "re-read",
}  # fmt: skip
_NOTHING_DONE = re.compile(
    r"^(?:nothing|none|not\s+yet|n/?a|no|nope|nothing\s+(?:yet|so\s+far|really|much)|not\s+much"
    r"|haven'?t|have\s+not|i\s+haven'?t|i\s+have\s+not)\b",
    re.IGNORECASE,
)


def _past_verb(text: str) -> bool:
    verb = text.split(" ", 1)[0].casefold()
    return verb in _PARTICIPLES or verb in _BASE_PARTICIPLES or verb.endswith("ed")


def action_sentence(value: Any, *, tone: str = "warm") -> str:
    """What someone did after the meeting, as a sentence that stays grammatical.

    >>> action_sentence("joined the network"), action_sentence("I wrote to Lee Park.")
    ("Since we spoke, I've joined the network.", "Since we spoke, I've written to Lee Park.")
    >>> action_sentence("I'll read the report on Friday", tone="formal")
    "I'll read the report on Friday."
    >>> action_sentence("nothing yet")
    "I haven't acted on your advice yet, but I will."
    """
    text = clause(value)
    formal = tone == "formal"
    lead = "Since our conversation, I have" if formal else "Since we spoke, I've"
    if not text:
        return ""
    if _NOTHING_DONE.match(text):
        if formal:
            return "I have not yet acted on your advice, but I will do so shortly."
        return "I haven't acted on your advice yet, but I will."
    if _SUBJECT.match(text):
        rest = _SUBJECT.sub("", text)
        if _past_verb(rest):
            return action_sentence(rest, tone=tone)
        return sentence(text)
    if re.match(r"^(?:i|we|my|our)\b", text, re.IGNORECASE):
        return sentence(text)
    first, _, rest = text.partition(" ")
    verb = first.casefold()
    if verb in _PARTICIPLES or verb in _BASE_PARTICIPLES or verb.endswith("ed"):
        verb = _PARTICIPLES.get(verb, verb)
        return f"{lead} {' '.join(filter(None, [verb, rest]))}."
    if verb.endswith("ing"):
        return f"{lead} been {text}."
    return sentence(text)


#: What learned can be so general that no sentence built on it says anything.
_EMPTY_LEARNING = re.compile(
    r"^(?:a\s+lot|lots|so\s+much|much|a\s+great\s+deal|many\s+things|everything|all\s+of\s+it"
    r"|it|stuff|things|nothing|heaps|loads|a\s+ton)(?:\s+(?:really|too|as\s+well))?$",
    re.IGNORECASE,
)


def learned_sentence(value: Any, *, tone: str = "warm") -> str:
    """The sentence about what was learned ("I especially valued hearing that ...").

    >>> learned_sentence("Most counsellors come from teaching.")
    'I especially valued hearing that most counsellors come from teaching.'
    >>> learned_sentence("a lot")
    'I enjoyed our conversation.'
    """
    text = clause(value)
    if not text:
        return ""
    if _EMPTY_LEARNING.match(text):
        return (
            "I much appreciated our conversation."
            if tone == "formal"
            else "I enjoyed our conversation."
        )
    if re.match(r"^(?:i|you|your|it)\b", text, re.IGNORECASE) and _HAS_VERB.search(text):
        return sentence(text)
    lead = (
        "I particularly appreciated hearing" if tone == "formal" else "I especially valued hearing"
    )
    return f"{lead} {learned_object(text)}."


def research_sentence(value: Any, *, tone: str = "warm") -> str:
    """What drew you to them, from your research, as the sentence after the connection.

    >>> research_sentence("your report on rural clinics", tone="formal")
    'Your report on rural clinics prompted me to write to you.'
    >>> research_sentence("I read your post on microlearning")
    'I read your post on microlearning.'
    """
    text = clause(value)
    if not text:
        return ""
    if re.match(r"^(?:i|i'm|i’m|i've|i’ve|we)\b", text, re.IGNORECASE) or _HAS_VERB.search(text):
        return sentence(text)
    text = text[0].upper() + text[1:]
    if tone == "formal":
        return f"{text} prompted me to write to you."
    return f"{text} is what made me want to ask you."


def news_sentence(progress: Any, since: str, *, tone: str = "warm") -> str:
    """The opening of an update: how long it has been, and the news (or a plain hello)."""
    news = clause(progress)
    if news and _past_verb(news) and not news.casefold().startswith(("read ", "set ", "put ")):
        news = "I " + news
    if tone == "formal":
        start = f"I hope you are well. It has been {since} since we spoke"
        if not news:
            return f"{start}, and I wanted to send my best wishes."
        return f"{start}, and I wanted to let you know how things have moved on: {news}."
    start = f"I hope things are going well. It's been {since} since our conversation"
    if not news:
        return f"{start}, and I wanted to say hello."
    return f"{start}, and I wanted to share some news: {news}."


def useful_sentence(value: Any) -> str:
    """Something shared with a contact, with or without a link, as a sentence.

    >>> useful_sentence("https://example.com/p")
    'I thought you might enjoy this: https://example.com/p'
    >>> useful_sentence("a podcast on rural clinics")
    'I came across a podcast on rural clinics and thought of you.'
    """
    text = clean(value)
    if not text:
        return ""
    if re.fullmatch(r"(?:https?://|www\.)\S+", text):
        return f"I thought you might enjoy this: {text}"
    if _DETERMINER.match(text) and not _HAS_VERB.search(text) and "://" not in text:
        return f"I came across {clause(text)} and thought of you."
    return sentence(text)


_BY = {
    "phone": "phone",
    "telephone": "telephone",
    "video": "video",
    "zoom": "Zoom",
    "teams": "Teams",
    "video call": "video",
    "phone call": "phone",
    "call": "phone",
    "e-mail": "e-mail",
}
_PLACES = {"in person": "in person", "coffee": "over coffee", "over coffee": "over coffee",
           "in-person": "in person", "face to face": "face to face"}  # fmt: skip


def medium_phrase(value: Any) -> str:
    """How you could talk: ``phone, video or in person`` -> ``by phone, video or in person``.

    >>> medium_phrase("phone or video"), medium_phrase("in person"), medium_phrase("Zoom")
    ('by phone or video', 'in person', 'by Zoom')
    """
    text = clause(value)
    if not text:
        return ""
    parts = [p.strip() for p in re.split(r",|\bor\b|\band\b|/", text) if p.strip()]
    by, places = [], []
    for part in parts:
        key = part.casefold()
        if key in _BY:
            by.append(_BY[key])
        elif key in _PLACES:
            places.append(_PLACES[key])
        elif re.match(r"^(?:by|in|over|on|at|via)\b", part, re.IGNORECASE):
            places.append(part)
        else:
            by.append(part)
    words = ([f"by {by[0]}", *by[1:]] if by else []) + places
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]


def contact_details(phone: Any, email: Any, *, tone: str = "warm") -> str:
    """ "My number is ... and my e-mail is ..." with whatever is given."""
    number, address_ = clean(phone), clean(email)
    if tone == "formal":
        parts = [f"on {number}" if number else "", f"by e-mail at {address_}" if address_ else ""]
        found = [p for p in parts if p]
        return f"You can reach me {' or '.join(found)}." if found else ""
    parts = [
        f"my number is {number}" if number else "",
        f"my e-mail is {address_}" if address_ else "",
    ]
    found = [p for p in parts if p]
    return sentence(" and ".join(found)).rstrip(".") + "." if found else ""


def listed(values: Any) -> str:
    """The non-empty values, joined with commas."""
    return ", ".join(v for v in (clean(x) for x in values) if v)


def purpose_sentence(value: Any, *, tone: str = "warm") -> str:
    """Why you are calling, as a sentence ("exploring X" -> "I'm exploring X.").

    >>> purpose_sentence("exploring public health careers")
    "I'm exploring public health careers."
    >>> purpose_sentence("to ask about your work", tone="formal")
    'I am calling to ask about your work.'
    >>> purpose_sentence("careers in policy")
    "I'm calling about careers in policy."
    """
    text = clause(value)
    if not text:
        return ""
    lead = "I am" if tone == "formal" else "I'm"
    if re.match(r"^(?:i|i'm|i’m|i'd|i’d|i've|i’ve|my|we|our)\b", text, re.IGNORECASE):
        return sentence(text)
    if re.match(r"^to\s", text, re.IGNORECASE):
        return f"{lead} calling {text}."
    if re.match(r"^[^\W\d_]+ing\b", text):
        return f"{lead} {text}."
    if _HAS_VERB.search(text) and not _DETERMINER.match(text):
        return sentence(text)
    return f"{lead} calling about {text}."


FILTERS = {
    "sentence": sentence,
    "clause": clause,
    "first_name": first_name,
    "address": address,
    "formal_address": lambda value: address(value, formal=True),
    "greeting": greeting,
    "window_phrase": window_phrase,
    "action": action_phrase,
    "learned": learned_object,
    "situation": situation_sentence,
    "interest": interest_phrase,
    "hope": hope_phrase,
    "useful": useful_sentence,
    "self_introduction": self_introduction,
    "action_sentence": action_sentence,
    "learned_sentence": learned_sentence,
    "research": research_sentence,
    "news": news_sentence,
    "medium": medium_phrase,
    "details": contact_details,
    "listed": listed,
    "purpose": purpose_sentence,
}
