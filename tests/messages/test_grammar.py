"""Every builder, in both tones, with awkward inputs: the output must stay correct English.

The catalogue below holds what people really type into the forms: titles,
one-word and lower-case names, names in other scripts, fragments with and
without full stops, whole sentences, "nothing yet", bare links, empty
optional parts. Each builder is rendered with each awkward value of each of
its fields (the other fields at ordinary values) and the text is checked by
simple rules of our own. A rule is broken only by text the template wrote: a
match that lies inside what the person typed is theirs, not ours.
"""

from __future__ import annotations

import re

import pytest

from infoview_kit.messages import builders
from infoview_kit.messages.draft import TONES

NAMES = [
    "Dr. Helen Ortiz",
    "Prof Ana María López Ortiz",
    "dana",
    "山田太郎",
    "Nguyễn Văn An",
    "Helen Ortiz, PhD",
    "Siobhán O'Brien-Smith",
    "",
    "  Dana   Okafor  ",
]
CATALOGUE: dict[str, list[str]] = {
    "contact_name": NAMES,
    "your_name": ["Priya Raman", "priya", "", "Zoë Ødegaard-Łukasz", "李小龍"],
    "full_name": ["Priya Raman", "priya", "", "李小龍"],
    "connection": [
        "Lee Park suggested I get in touch.",
        "we both studied at Lakeside College",
        "",
        "LinkedIn",
        "I saw your talk at the Data Guild meetup...",
        "Lee Park suggested I get in touch!!",
    ],
    "situation": [
        "a third-year biology student",
        "third-year biology student",
        "I'm studying biology.",
        "studying biology at Lakeside",
        "",
        "MBA student",
        "Currently between jobs;",
        "nurse",
        "An engineer",
    ],
    "background": [
        "I'm finishing a nursing degree",
        "a nurse",
        "nurse at St Mary's",
        "",
        "Studying maths.",
    ],
    "interest": ["Marine conservation.", "exploring market research", "", "UX research, mostly"],
    "interests": ["community care", "", "Marine conservation.", "exploring data journalism"],
    "hope_to_learn": [
        "how you got started",
        "your career path",
        "",
        "I'd love to hear how you got started.",
        "Career advice",
    ],
    "window": ["", "next week", "the next 2-3 weeks", "before the end of March", "soon"],
    "medium": ["phone, video or in person", "in person", "Zoom", ""],
    "research": ["", "your report on kelp forests", "I read your post on microlearning."],
    "learned": [
        "Most counsellors come from teaching.",
        "a lot",
        "that grants are scored twice",
        "how grants are scored",
        "grant scoring",
        "",
        "The importance of networking!!",
        "so much",
    ],
    "action_taken": [
        "I have joined the network.",
        "nothing yet",
        "Joined the network",
        "I'll read the report tomorrow",
        "",
        "read the report you mentioned.",
        "wrote to Lee Park",
        "signing up for the course",
    ],
    "next_step": ["", "I'll write again after my exams.", "see you at the conference"],
    "progress": ["I started an internship.", "", "got the job!", "nothing much"],
    "something_useful": [
        "https://example.com/podcast",
        "This podcast made me think of you: https://example.com/p",
        "",
        "a podcast about rural clinics",
    ],
    "purpose": [
        "I'm exploring public health careers",
        "",
        "exploring public health careers",
        "I'd value 15 minutes of your advice.",
    ],
    "retry_in": ["", "next week", "a couple of weeks", "on Friday"],
    "phone": ["555 0142 77", ""],
    "email": ["ada@example.com", ""],
}

BASE = {
    "introduction": dict(
        full_name="Ada Example",
        connection="Lee Park suggested I get in touch",
        background="I'm finishing a nursing degree",
        interests="community care",
    ),
    "request_message": dict(
        your_name="Ada Example",
        contact_name="Dana Okafor",
        connection="Lee Park suggested I get in touch",
        situation="a public health student",
        interest="programme evaluation",
        hope_to_learn="how you got started",
    ),
    "voicemail": dict(
        your_name="Ada Example",
        phone="555 0142 77",
        email="ada@example.com",
        contact_name="Dana Okafor",
        connection="Lee Park suggested I call",
        purpose="I'm exploring public health careers",
    ),
    "phone_script": dict(
        your_name="Ada Example",
        contact_name="Dana Okafor",
        connection="Lee Park suggested I call",
        purpose="I'm exploring public health careers",
    ),
    "thank_you": dict(
        contact_name="Dana Okafor",
        your_name="Ada Example",
        learned="that most evaluators start in data roles",
        action_taken="joined the network",
        meeting_on="2025-06-05",
        sent_on="2025-06-06",
    ),
    "follow_up": dict(
        your_name="Ada Example",
        contact_name="Dana Okafor",
        sent_on="2025-06-02",
        today="2025-06-12",
        interest="programme evaluation",
        situation="a public health student",
    ),
    "stay_in_touch_update": dict(
        your_name="Ada Example",
        contact_name="Dana Okafor",
        met_on="2025-03-03",
        today="2025-06-02",
        progress="I started an internship",
        something_useful="https://example.com/r",
    ),
}
CHANNELS = {
    "request_message": ("email", "linkedin", "letter"),
    "thank_you": ("email", "letter", "card"),
}
EXTRA_FIELDS = {
    "request_message": ("window", "medium", "research"),
    "thank_you": ("next_step",),
    "voicemail": ("retry_in",),
    "follow_up": ("window",),
    "stay_in_touch_update": ("something_useful",),
}

_TITLED = r"(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.?"
RULES: dict[str, re.Pattern] = {
    "doubled punctuation": re.compile(r"[,;:]\s*[.,;:!?]|[.!?][,;:]|[.!?]\s*\.(?!\.)|,,|!!|\?\?"),
    "space before punctuation": re.compile(r"\s[,.;:!?](?!\S*\.\w)"),
    "double space": re.compile(r"[^\n]  +"),
    "lower-case sentence start": re.compile(r"(?<![.\w])[.!?]\s+[a-z]"),
    "capital after a joining word": re.compile(
        r"\b(?:hearing|exploring|about|that|in|on)\s+(?:Most|The|A|An|How|What|That|This|Many|"
        r"Some|Your|My|Our|Marine|Exploring|Career|Studying|Joined|Read|Got|Nothing|Currently)\b"
    ),
    "empty slot": re.compile(
        r"\b(?:hearing|exploring|I'm|I am|I've|I have|this is|from|about|for|at|of|to|by|with"
        r"|and|the|a|an|is)\s*[.,;:!?]|[:;]\s*$|\(\s*\)|\{\{|\bNone\b|\bnan\b",
        re.MULTILINE,
    ),
    "dangling too": re.compile(r"\btoo\b"),
    "dangling it": re.compile(r"\b(?:in|of|for|about|on)\s+it\b[.,!?]"),
    "role attached to my name": re.compile(r"[Mm]y name is [^.,;]+, (?:a|an|the)\b"),
    "have nothing": re.compile(r"\bI(?:'ve| have) (?:nothing|not yet)\b(?! acted)"),
    "article": re.compile(r"\ba [aeio]\w|\ban [bcdfgjklmnpqrstvwz]\w"),
    "doubled word": re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE),
    "whole titled name in greeting": re.compile(
        rf"^(?:Hi|Dear|Hello|Good day),? {_TITLED} [^\s,]+ [^\s,]+ [^\s,]+,", re.MULTILINE
    ),
    "greeting without a name": re.compile(r"^(?:Hi|Dear)\s*,\s*$", re.MULTILINE),
    "placeholder": re.compile(r"\[[^\]]*\]"),
    "sentence that is only a fragment": re.compile(
        r"(?:^|[.!?:]\s+)(?:Exploring|Studying|Finishing|Working|Hoping|Looking)\b", re.MULTILINE
    ),
    "run-on after an address": re.compile(r"(?:@[\w-]+(?:\.[\w-]+)+|https?://\S+) [A-Z]"),
}


def cases():
    for builder, base in BASE.items():
        fields = [*base, *EXTRA_FIELDS.get(builder, ())]
        for tone in TONES:
            for channel in CHANNELS.get(builder, (None,)):
                for field in fields:
                    for value in CATALOGUE.get(field, []):
                        yield builder, tone, channel, field, value


def render(builder, tone, channel, field, value):
    kwargs = {**BASE[builder], field: value, "tone": tone}
    if channel:
        kwargs["channel"] = channel
    return getattr(builders, builder)(**kwargs), kwargs


def breaches(text: str, inputs: list[str]) -> list[str]:
    """Rule breaks in ``text`` that the template made (a match inside an input is the input's)."""
    typed = [v for v in inputs if isinstance(v, str) and v.strip()]
    found = []
    for rule, pattern in RULES.items():
        for match in pattern.finditer(text):
            if any(match.group(0).strip() in value for value in typed):
                continue
            found.append(f"{rule}: {match.group(0)!r}")
    return found


ALL = list(cases())


def test_the_catalogue_covers_every_builder_both_tones_and_many_inputs():
    assert {c[0] for c in ALL} == set(BASE) | set()
    assert len(ALL) > 500


@pytest.mark.parametrize("builder", sorted(BASE))
def test_every_output_keeps_to_the_grammar_rules(builder):
    problems = []
    for case in (c for c in ALL if c[0] == builder):
        draft, kwargs = render(*case)
        for breach in breaches(draft.text, list(kwargs.values())):
            problems.append(f"{case[1:]}: {breach}\n    {draft.text!r}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:15])


@pytest.mark.parametrize(
    ("name", "warm", "formal"),
    [
        ("Dr. Helen Ortiz", "Dear Dr. Ortiz,", "Dear Dr. Ortiz,"),
        ("Helen Ortiz, PhD", "Hi Helen,", "Dear Helen Ortiz,"),
        ("dana", "Hi Dana,", "Dear Dana,"),
        ("山田太郎", "Hi 山田太郎,", "Dear 山田太郎,"),
        ("", "Hello,", "Hello,"),
    ],
)
def test_greetings_handle_titles_one_word_names_and_other_scripts(name, warm, formal):
    for tone, expected in (("warm", warm), ("formal", formal)):
        draft = builders.request_message(
            **{**BASE["request_message"], "contact_name": name}, tone=tone
        )
        assert draft.text.splitlines()[0] == expected


def test_rules_catch_the_mistakes_they_are_for():
    assert breaches("I especially valued hearing Most counsellors come.", [])
    assert breaches("I wanted to share some news:.", [])
    assert breaches("A short reply here would help too, but could we talk?", [])
    assert breaches("My name is Priya Raman, a third-year biology student.", [])
    assert breaches("Since we spoke, I've nothing yet.", [])
    assert breaches("Hi Dr. Helen Maria Ortiz,", [])  # two words: test_greetings_handle_titles
    assert not breaches("Hi Dana,\n\nThank you for talking with me today.", [])
