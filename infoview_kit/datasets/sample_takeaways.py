"""Invented takeaways for the sample log's meetings, so 08_decide has something to compare.

Seeded and deterministic: the same log gives the same takeaways. Every phrase
is written for this project; the people are the sample's invented people.

>>> from infoview_kit.datasets.simulate import personal_log
>>> table = sample_takeaways(personal_log())
>>> len(table) > 0, bool(table["feeling"].between(1, 5).all())
(True, True)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["sample_takeaways"]

#: Per field: typical week, skills, way in, appeal, put-offs, open questions.
_BANK: dict[str, dict[str, list[str]]] = {
    "data science": {
        "week": [
            "Two days of cleaning data, a day of modelling, meetings with product owners",
            "Mostly notebooks and code review, a weekly demo to the business side",
        ],
        "skills": ["Python", "SQL", "Statistics", "Explaining results to non-experts", "Git"],
        "way": [
            "Analyst role first, then a move into modelling",
            "A portfolio project on public data got the first interview",
        ],
        "appealed": ["Solving concrete puzzles", "Seeing a model used by real people"],
        "put_off": ["Long stretches of data cleaning", "Pressure to ship fast"],
        "questions": [
            "How much maths do junior roles really need?",
            "Do teams hire people without a computer science degree?",
        ],
    },
    "UX research": {
        "week": [
            "Interviews on two days, synthesis on one, a workshop with designers",
            "Planning studies, recruiting participants, writing short reports",
        ],
        "skills": ["Interviewing", "Synthesis", "Survey design", "Facilitation", "Storytelling"],
        "way": [
            "Came from psychology research, started with usability tests",
            "Moved over from customer support after running a few studies",
        ],
        "appealed": ["Talking with people every week", "Influence on what gets built"],
        "put_off": ["Research findings ignored by product teams", "Few junior openings"],
        "questions": [
            "How do researchers show their impact?",
            "Is a bootcamp certificate worth it?",
        ],
    },
    "sustainability consulting": {
        "week": ["Client calls, emissions spreadsheets, drafting a report section"],
        "skills": ["Carbon accounting", "Excel", "Client communication", "Report writing"],
        "way": ["Graduate scheme at a consultancy", "Started in an NGO's data team"],
        "appealed": ["Work that matters for the climate"],
        "put_off": ["Long hours before deadlines", "Travel to client sites"],
        "questions": ["Which certifications do firms look for?"],
    },
    "urban planning": {
        "week": ["Site visits, public meetings, reviewing applications"],
        "skills": ["GIS", "Policy reading", "Public speaking"],
        "way": ["A planning master's and an internship at a city office"],
        "appealed": ["Shaping places people live in"],
        "put_off": ["Slow decisions"],
        "questions": ["Are there planning roles outside government?"],
    },
}
_BANK["public health"] = {
    "week": ["Programme meetings, data checks, a visit to a partner clinic"],
    "skills": ["Epidemiology basics", "Excel", "Grant writing", "Community outreach"],
    "way": ["A public health master's and a placement with the city"],
    "appealed": ["Direct benefit to communities"],
    "put_off": ["Funding that changes every year"],
    "questions": ["How stable is grant-funded work?"],
}
_GENERIC = {
    "week": ["Meetings, focused project work, some admin"],
    "skills": ["Writing", "Project management", "Communication"],
    "way": ["An internship, then a junior role"],
    "appealed": ["The people on the team"],
    "put_off": ["Unclear career steps"],
    "questions": ["What does progression look like after two years?"],
}
_HAVE = np.array(["yes", "partly", "no"])


def _pick(rng: np.random.Generator, options: list[str]) -> str:
    return options[int(rng.integers(len(options)))]


def _one(rng: np.random.Generator, field: str, role: str) -> dict:
    bank = _BANK.get(field, _GENERIC)
    n_skills = min(len(bank["skills"]), int(rng.integers(2, 4)))
    chosen = rng.choice(len(bank["skills"]), size=n_skills, replace=False)
    skills = [
        {"skill": bank["skills"][i], "have": str(_HAVE[int(rng.integers(3))])} for i in chosen
    ]
    asked = rng.random() < 0.6
    return {
        "role": role,
        "field": field,
        "typical_week": _pick(rng, bank["week"]),
        "skills": skills,
        "entry_path": _pick(rng, bank["way"]),
        "appealed": _pick(rng, bank["appealed"]),
        "put_off": _pick(rng, bank["put_off"]) if rng.random() < 0.7 else "",
        "feeling": int(rng.integers(2, 6)) if field in _BANK else int(rng.integers(1, 4)),
        "open_questions": [_pick(rng, bank["questions"])] if asked else [],
    }


def sample_takeaways(log, *, seed: int = 18) -> pd.DataFrame:
    """One row of invented takeaways per meeting held in ``log`` (columns of load_takeaways)."""
    rng = np.random.default_rng(seed)
    held = log.events[log.events["kind"].astype("str") == "meeting_held"]
    held = held.dropna(subset=["at"]).sort_values("at", kind="stable")
    people = log.contacts.set_index("contact_id")
    rows = []
    for owner, contact_id, at in zip(held["owner"], held["contact_id"], held["at"], strict=True):
        person = people.loc[contact_id] if contact_id in people.index else None
        field = str(person["field"]) if person is not None and pd.notna(person["field"]) else ""
        role = str(person["role"]) if person is not None and pd.notna(person["role"]) else ""
        rows.append(
            {"owner": owner, "contact_id": contact_id, "held_at": at, **_one(rng, field, role)}
        )
    return pd.DataFrame(rows)
