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
    "whenever ", "at ",
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
    if _SELF_START.match(text):
        return sentence(text)
    lead = "I am" if tone == "formal" else "I'm"
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


def useful_sentence(value: Any) -> str:
    """Something shared with a contact, as a sentence (a bare link gets a few words around it)."""
    text = clean(value)
    if re.fullmatch(r"(?:https?://|www\.)\S+", text):
        return f"I thought you might enjoy this: {text}"
    return sentence(text)


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
}
