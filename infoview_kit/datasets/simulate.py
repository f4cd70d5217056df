"""Seeded, synthetic outreach data: one person's log, a cohort, and sample files.

Every person, organisation, e-mail address and phone number here is invented:
names come from short lists written for this module, e-mails are at
example.com/.org/.net and phones are in the fictional 555-01xx range.

The numbers follow the figures in the project's domain notes: reply rates by
connection and channel (cold e-mail ~6%, LinkedIn ~15-20%, alumni ~30%,
referrals ~55%), a first follow-up that lifts replies by ~45% relative (and
never a third touch), right-skewed reply delays in business days, meetings for
about two replies in three, a thank-you usually within a day, and 0-2 onward
names per meeting, which become new contacts (referral chains). Requests made
shortly before the end of the period have no answer yet (censored).

All randomness flows from one :class:`numpy.random.Generator` per call, so the
same seed gives the same tables and the same file bytes.

>>> log = personal_log()
>>> len(log.contacts), log.owners
(60, ['sample'])
>>> log.contacts["email"].str.endswith(("@example.com", "@example.org", "@example.net")).all()
np.True_

Regenerate the committed files with ``python -m infoview_kit.datasets.simulate data/sample``.
"""

from __future__ import annotations

import io
import json
import math
import sys
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from infoview_kit.model import OutreachLog
from infoview_kit.schema import CONTACT_COLUMNS, EVENT_COLUMNS, make_contact_ids

__all__ = [
    "FIELDS",
    "FIRST_NAMES",
    "FOLLOW_UP_LIFT",
    "LAST_NAMES",
    "SampleFiles",
    "cohort",
    "main",
    "personal_log",
    "personal_tracker",
    "student_ids",
    "write_sample",
]

# ---------------------------------------------------------------------------
# Word lists (all invented or common; no real person is meant)
# ---------------------------------------------------------------------------

FIRST_NAMES: tuple[str, ...] = (
    "Zoë", "Łukasz", "Amara", "Mateo", "Priya", "Kenji", "Siobhán", "Olumide", "Ingrid",
    "Rafael", "Mei", "Aisha", "Tomás", "Freya", "Dmitri", "Nadia", "Kwame", "Hana", "Lucía",
    "Arjun", "Élodie", "Björn", "Fatima", "Jonah", "Yara", "Chidi", "Sofía", "Mihail",
    "Leilani", "Omar", "Anaïs", "Rohan", "Greta", "Tariq", "Ximena", "Wei", "Noa", "Søren",
    "Imani", "Pavel", "Camila", "Ravi", "Astrid", "Hamid", "Beatriz", "Malik", "Ewa", "Diego",
    "Ayesha", "Felix", "Thandiwe", "Jun", "Renée", "Samir", "Marta", "Kofi", "Linnea",
    "Hiroshi", "Paloma", "Ahmed", "Grace", "Daniel", "Emily", "Marcus", "Laura", "Ben",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Nguyễn", "Kowalski", "Okafor", "García", "Patel", "Tanaka", "O'Brien", "Adeyemi",
    "Lindqvist", "Moreau", "Chen", "Haddad", "Silva", "Johansson", "Ivanova", "Mensah", "Kim",
    "Fernández", "Sharma", "Dubois", "Müller", "Rahman", "Schwartz", "Castillo", "Nakamura",
    "Osei", "Novak", "Kaur", "Bianchi", "Andersen", "Ramírez", "Yılmaz", "Park", "Abebe",
    "Costa", "Wójcik", "Hughes", "Santos", "Mwangi", "Takahashi", "Petrov", "Delgado",
    "Farouk", "Brennan", "Lee", "Øverby", "Murphy", "Cohen", "Banerjee", "Reyes", "Walsh",
    "Kovač", "Achebe", "Larsen", "Torres", "Ahmadi", "Fischer", "Horvath", "Mendes", "Ward",
)  # fmt: skip

#: Career fields with invented organisations, typical roles and things a
#: contact might have taught the student (short, in our own words).
FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "data science": {
        "orgs": ("Northwind Analytics", "Lumen Metrics", "Bluefin Data Lab", "Quarry Insights"),
        "roles": ("Data Scientist", "Senior Data Analyst", "Machine Learning Engineer",
                  "Analytics Manager"),
        "learned": (
            "Most of the job is cleaning data; get fluent in SQL.",
            "Hiring managers look for projects built on messy real data.",
            "Explaining results to non-experts matters as much as the model.",
            "Suggested a portfolio with two end-to-end projects.",
        ),
    },
    "UX research": {
        "orgs": ("Pebble & Pine Studio", "Clearpath Software", "Foxglove Interactive",
                 "Harbor Labs Design"),
        "roles": ("UX Researcher", "Design Researcher", "Research Ops Lead", "Product Designer"),
        "learned": (
            "Running small studies teaches more than reading about them.",
            "Mixed methods are valued; brush up on survey design.",
            "Many teams hire researchers from contract roles.",
            "Write one case study that shows the messy middle, not just the result.",
        ),
    },
    "public health": {
        "orgs": ("Harbor Health", "Riverbend County Health Dept.", "Cityline Community Clinic",
                 "Maple Grove Health Institute"),
        "roles": ("Epidemiologist", "Program Coordinator", "Health Policy Analyst",
                  "Community Health Manager"),
        "learned": (
            "Grant cycles set the rhythm of the year.",
            "An MPH helps, but field experience counts as much.",
            "Learn R and some mapping for county-level work.",
            "Suggested volunteering at the spring vaccination drive.",
        ),
    },
    "sustainability consulting": {
        "orgs": ("Greenline Advisory", "Terra Nova Partners", "Kestrel Climate Group",
                 "Brightwater Consulting"),
        "roles": ("Sustainability Consultant", "ESG Analyst", "Energy Advisor",
                  "Senior Associate"),
        "learned": (
            "Carbon accounting standards are the core skill right now.",
            "Clients want people who can read a balance sheet.",
            "Junior work is mostly data collection from suppliers.",
            "Expect a lot of travel in the first two years.",
        ),
    },
    "museum education": {
        "orgs": ("Museum of Lantern Arts", "Riverside Science Center",
                 "Old Mill Heritage Museum", "Cobalt Children's Museum"),
        "roles": ("Education Coordinator", "Public Programs Manager", "Gallery Educator",
                  "Volunteer Coordinator"),
        "learned": (
            "Most people start as part-time gallery educators.",
            "Grant writing is a hidden part of the job.",
            "Bilingual programmes are where the growth is.",
            "Suggested visiting on a school-group morning to watch a session.",
        ),
    },
    "urban planning": {
        "orgs": ("Crossroads Planning Collaborative", "Eastvale Transit Authority",
                 "Parkway Urban Design", "Eastvale City Planning Office"),
        "roles": ("Urban Planner", "Transportation Analyst", "GIS Specialist",
                  "Community Engagement Lead"),
        "learned": (
            "Evening public meetings are a big part of the work.",
            "GIS skills open most doors for new planners.",
            "A city internship is the usual way in.",
            "Zoning reform is where the field is moving.",
        ),
    },
    "science communication": {
        "orgs": ("Signal & Noise Media", "Open Atlas Press", "Stellar Outreach Lab",
                 "The Curious Cell Podcast"),
        "roles": ("Science Writer", "Communications Officer", "Podcast Producer", "Editor"),
        "learned": (
            "Editors want clips; start a small blog and pitch often.",
            "Fact-checking work is a good first step.",
            "Audio skills are in demand for podcasts.",
            "Keep a list of researchers who like to explain their work.",
        ),
    },
    "nonprofit management": {
        "orgs": ("Hands Together Foundation", "Open Door Food Network",
                 "Bright Futures Youth Alliance", "Common Ground Housing"),
        "roles": ("Program Manager", "Development Director", "Operations Lead",
                  "Volunteer Manager"),
        "learned": (
            "Budgets and fundraising matter even in programme roles.",
            "Board meetings shape the calendar.",
            "Volunteering first is the common path in.",
            "Small teams mean wearing many hats from day one.",
        ),
    },
}  # fmt: skip

_CONTACT_NOTES: dict[str, tuple[str, ...]] = {
    "referral": ("Name from an earlier conversation.", "Was told they enjoy mentoring."),
    "alumni": ("Same programme, a few years ahead.", "Found in the alumni directory."),
    "faculty": ("Taught my methods seminar.", "Runs the department's practice projects."),
    "family": ("My cousin's partner.", "Family friend."),
    "friend": ("Friend from the climbing club.", "My roommate's sister."),
    "colleague": ("Worked together on a summer project.", "Former manager at my internship."),
    "event": ("Met at the career fair.", "Spoke on a panel I attended.", "Met at a meetup."),
    "cold": ("Found on the team page.", "Wrote an article I liked.", "Gave a talk I watched."),
    "other": ("Met through volunteering.",),
}

_REPLY_NOTES = (
    "Happy to talk next week.",
    "Offered a 20-minute call.",
    "Asked for a few times that suit me.",
    "Can answer a few questions by e-mail.",
    "Said yes; suggested a coffee.",
)
_REPLY_ONLY_NOTES = (
    "Answered my questions by e-mail.",
    "Busy now; asked me to write again next month.",
    "Pointed me to a useful guide instead of a call.",
)
_DECLINE_NOTES = (
    "Too busy this quarter.",
    "Not the right person, and no time.",
    "Said to try again in the autumn.",
)
_UPDATE_NOTES = (
    "Told them I started the course they suggested.",
    "Shared progress on my portfolio.",
    "Sent an article I thought they would like.",
    "Let them know how the talk with their contact went.",
)
_FOLLOW_UP_NOTES = ("Short, friendly nudge.", "Re-sent with a shorter ask.")
_CANCEL_NOTES = ("They had a deadline; will try again later.", "Moved; waiting for a new date.")

#: Reply probability before any follow-up, by connection (cold by channel below).
_REPLY_P: dict[str, float] = {
    "referral": 0.55,
    "alumni": 0.30,
    "faculty": 0.45,
    "family": 0.70,
    "friend": 0.60,
    "colleague": 0.45,
    "event": 0.20,
    "cold": 0.08,
    "other": 0.20,
}
_COLD_REPLY_P: dict[str, float] = {"email": 0.06, "linkedin": 0.15, "phone": 0.08, "letter": 0.05}

#: A first follow-up raises the reply rate by this much, relative.
FOLLOW_UP_LIFT = 0.45

#: Channel of the first request, by connection.
_REQUEST_CHANNELS: dict[str, dict[str, float]] = {
    "referral": {"email": 0.85, "linkedin": 0.15},
    "alumni": {"linkedin": 0.5, "email": 0.5},
    "faculty": {"email": 0.8, "in_person": 0.2},
    "family": {"phone": 0.5, "email": 0.3, "in_person": 0.2},
    "friend": {"email": 0.5, "phone": 0.3, "in_person": 0.2},
    "colleague": {"email": 0.6, "linkedin": 0.3, "phone": 0.1},
    "event": {"linkedin": 0.55, "email": 0.45},
    "cold": {"email": 0.55, "linkedin": 0.40, "phone": 0.03, "letter": 0.02},
    "other": {"email": 1.0},
}

_MAX_DEPTH = 4  # referral chains stop after four levels
_SOURCE = "sample generator"


# ---------------------------------------------------------------------------
# Small vectorised helpers
# ---------------------------------------------------------------------------


def _pick(rng: np.random.Generator, options: Sequence[str], n: int) -> np.ndarray:
    return np.asarray(options, dtype=object)[rng.integers(0, len(options), n)]


def _maybe(rng: np.random.Generator, values: np.ndarray, p: float) -> np.ndarray:
    """Keep each value with probability ``p``, else missing."""
    return np.where(rng.random(len(values)) < p, values, None)


def _clock(
    rng: np.random.Generator, n: int, mean_h: float, sd_h: float, lo_h: float, hi_h: float
) -> np.ndarray:
    hours = np.clip(rng.normal(mean_h, sd_h, n), lo_h, hi_h)
    return np.round(hours * 60).astype("int64").astype("timedelta64[m]")


def _request_clock(rng: np.random.Generator, n: int) -> np.ndarray:
    # mostly office hours, a quarter written in the evening
    day = _clock(rng, n, 10.5, 1.8, 8.0, 17.5)
    evening = _clock(rng, n, 20.5, 0.8, 18.0, 22.0)
    return np.where(rng.random(n) < 0.75, day, evening)


def _busday(days: np.ndarray, offsets: np.ndarray | int) -> np.ndarray:
    return np.busday_offset(days.astype("datetime64[D]"), offsets, roll="forward")


def _at(days: np.ndarray, clock: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[m]") + clock


def _after(rng: np.random.Generator, candidate: np.ndarray, previous: np.ndarray) -> np.ndarray:
    """``candidate``, or a little after ``previous`` when it would not come later."""
    nudge = rng.integers(10, 90, len(candidate)).astype("timedelta64[m]")
    bumped = previous + nudge
    # past 23:00, the next business morning instead
    day = previous.astype("datetime64[D]")
    too_late = bumped >= day.astype("datetime64[m]") + np.timedelta64(23 * 60, "m")
    morning = _at(_busday(day, 1), np.timedelta64(8 * 60, "m") + nudge)
    return np.where(candidate <= previous, np.where(too_late, morning, bumped), candidate)


def _lognormal_days(rng: np.random.Generator, n: int, median: float, sigma: float) -> np.ndarray:
    """Right-skewed delays in business days: most 0-3, a tail to 30."""
    return np.floor(np.clip(rng.lognormal(np.log(median), sigma, n), 0, 30)).astype("int64")


def _late_share(gap: np.ndarray, *, median: float, sigma: float) -> np.ndarray:
    """P(a lognormal delay in business days is at least ``gap``)."""
    z = (np.log(np.maximum(gap, 1)) - np.log(median)) / (sigma * math.sqrt(2))
    return 0.5 * np.frompyfunc(math.erfc, 1, 1)(z).astype(float)


def _by_key(
    rng: np.random.Generator, keys: np.ndarray, table: dict[str, dict[str, float]]
) -> np.ndarray:
    """Draw one label per row from ``table[key]`` (a categorical distribution)."""
    out = np.empty(len(keys), dtype=object)
    for key, dist in table.items():
        mask = keys == key
        if mask.any():
            out[mask] = rng.choice(list(dist), size=int(mask.sum()), p=list(dist.values()))
    return out


def _events(key, at, kind, channel, notes=None, target=None) -> dict[str, np.ndarray]:
    """One kind of event for some contacts, as columns (joined once per wave)."""
    n = len(key)

    def column(value, dtype):
        return np.full(n, value, dtype=dtype) if value is None or isinstance(value, str) else value

    return {
        "key": np.asarray(key, dtype="int64"),
        "at": np.asarray(at, dtype="datetime64[m]"),
        "kind": np.asarray(column(kind, object), dtype=object),
        "channel": np.asarray(column(channel, object), dtype=object),
        "notes": np.asarray(column(notes, object), dtype=object),
        "target": np.full(n, -1, dtype="int64") if target is None else target,
    }


def _join_events(parts: list[dict[str, np.ndarray]]) -> pd.DataFrame:
    return pd.DataFrame({c: np.concatenate([p[c] for p in parts]) for c in parts[0]})


# ---------------------------------------------------------------------------
# The simulation (one wave of contacts at a time, vectorised within a wave)
# ---------------------------------------------------------------------------


@dataclass
class _Wave:
    """One wave of contacts as arrays, and the times each step of the simulation decided."""

    rng: np.random.Generator
    table: pd.DataFrame
    parts: list[dict[str, np.ndarray]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.n = len(self.table)
        self.key = self.table["key"].to_numpy()
        self.conn = self.table["connection"].to_numpy(dtype=object)
        self.added = self.table["added_on"].to_numpy(dtype="datetime64[m]")

    def add(self, *args, **kwargs) -> None:
        self.parts.append(_events(*args, **kwargs))


def _simulate_wave(
    rng: np.random.Generator, wave: pd.DataFrame, next_key: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Outreach, replies, meetings and referrals for one wave of contacts.

    Returns the wave's events and the contacts it was referred to (the next wave).
    Each step draws from ``rng`` in a fixed order, so a seed always gives the same log.
    """
    w = _Wave(rng, wave)
    _send_requests(w)
    _reply_or_not(w)
    _meet(w)
    _thank_and_update(w)
    referred = _referrals(w, next_key)
    return _join_events(w.parts), referred


def _send_requests(w: _Wave) -> None:
    """The first request, a few business days after adding the contact."""
    rng, n = w.rng, w.n
    w.channel = _by_key(rng, w.conn, _REQUEST_CHANNELS)
    w.req_day = _busday(w.added, rng.integers(0, 4, n))
    w.req_at = _after(rng, _at(w.req_day, _request_clock(rng, n)), w.added)
    voicemail = (w.channel == "phone") & (rng.random(n) < 0.5)
    referral_note = np.where(w.conn == "referral", "Named who suggested I write.", None)
    w.add(
        w.key,
        w.req_at,
        np.where(voicemail, "voicemail_left", "request_sent"),
        np.where(voicemail, "voicemail", w.channel),
        _maybe(rng, referral_note, 0.5),
    )


def _reply_or_not(w: _Wave) -> None:
    """Will they answer (perhaps after one follow-up), when, and how?"""
    rng, n, channel = w.rng, w.n, w.channel
    p = pd.Series(w.conn).map(_REPLY_P).to_numpy(dtype=float)
    cold_p = pd.Series(channel).map(_COLD_REPLY_P).fillna(0.08).to_numpy(dtype=float)
    p = np.where(w.conn == "cold", cold_p, p)
    will_reply = rng.random(n) < p
    first_delay = _lognormal_days(rng, n, 1.6, 0.95)
    fu_gap = rng.integers(5, 10, n)  # about seven business days (3B7)
    early = will_reply & (first_delay < fu_gap)

    # one follow-up at most; it lifts replies by FOLLOW_UP_LIFT relative
    follow = ~early & (rng.random(n) < w.table["fu_prob"].to_numpy())
    fu_at = _at(_busday(w.req_day, fu_gap), _request_clock(rng, n))
    follow_channel = np.where(channel == "phone", "voicemail", channel)
    w.add(
        w.key[follow],
        fu_at[follow],
        np.where(follow_channel[follow] == "voicemail", "voicemail_left", "follow_up_sent"),
        follow_channel[follow],
        _maybe(rng, _pick(rng, _FOLLOW_UP_NOTES, int(follow.sum())), 0.4),
    )
    # replies that were coming anyway but arrive after the nudge count towards the lift
    late_anyway = p * _late_share(fu_gap, median=1.6, sigma=0.95)
    extra_p = np.clip((FOLLOW_UP_LIFT * p - late_anyway) / (1 - p), 0.0, 1.0)
    extra = follow & ~will_reply & (rng.random(n) < extra_p)
    w.replied = will_reply | extra
    reply_day = np.where(
        extra,
        _busday(fu_at, _lognormal_days(rng, n, 1.2, 0.9)),
        _busday(w.req_day, first_delay),
    )
    reply_at = _at(reply_day, _clock(rng, n, 13.0, 2.5, 7.5, 19.0))
    w.reply_at = _after(rng, reply_at, np.where(follow, fu_at, w.req_at))
    w.reply_channel = np.where(np.isin(channel, ["phone", "in_person", "letter"]), "email", channel)
    _answer(w)


def _answer(w: _Wave) -> None:
    """About two replies in three lead to a meeting (more when someone vouched)."""
    rng, n, replied = w.rng, w.n, w.replied
    outcome = rng.random(n)
    meet_share = np.where(w.conn == "referral", 0.75, 0.62)
    w.meets = replied & (outcome < meet_share)
    declines = replied & (outcome >= meet_share) & (outcome < meet_share + 0.1)
    reply_note = np.where(
        w.meets,
        _pick(rng, _REPLY_NOTES, n),
        np.where(declines, _pick(rng, _DECLINE_NOTES, n), _pick(rng, _REPLY_ONLY_NOTES, n)),
    )
    w.add(
        w.key[replied],
        w.reply_at[replied],
        np.where(declines[replied], "declined", "reply_received"),
        w.reply_channel[replied],
        _maybe(rng, reply_note[replied], 0.6),
    )


_MEETING_CHANNELS = {
    "faculty": {"in_person": 0.7, "video": 0.2, "phone": 0.1},
    "other": {"video": 0.45, "in_person": 0.35, "phone": 0.2},
}


def _meet(w: _Wave) -> None:
    """Meetings: scheduled, then held (a few cancelled), with what was learned."""
    rng, n, meets, key = w.rng, w.n, w.meets, w.key
    sched_day = _busday(w.reply_at, rng.integers(0, 2, n))  # draws in this order: day, clock
    sched_at = _after(rng, _at(sched_day, _clock(rng, n, 12, 2.5, 8, 19)), w.reply_at)
    w.held_day = _busday(sched_at, rng.integers(2, 13, n))
    w.held_at = _at(w.held_day, (rng.integers(18, 34, n) * 30).astype("timedelta64[m]"))
    faculty = np.where(w.conn == "faculty", "faculty", "other")
    w.meet_channel = _by_key(rng, faculty, _MEETING_CHANNELS)
    w.add(key[meets], sched_at[meets], "meeting_scheduled", w.reply_channel[meets])
    cancelled = meets & (rng.random(n) < 0.05)
    cancel_at = _at(_busday(w.held_day, -1), _clock(rng, n, 11, 2, 8, 18))
    w.add(
        key[cancelled],
        cancel_at[cancelled],
        "meeting_cancelled",
        w.reply_channel[cancelled],
        _pick(rng, _CANCEL_NOTES, int(cancelled.sum())),
    )
    w.held = held = meets & ~cancelled
    w.field_of = w.table["field"].to_numpy(dtype=object)
    learned = np.empty(n, dtype=object)
    for name, spec in FIELDS.items():
        mask = w.field_of == name
        learned[mask] = _pick(rng, spec["learned"], int(mask.sum()))
    w.add(key[held], w.held_at[held], "meeting_held", w.meet_channel[held], learned[held])


def _thank_and_update(w: _Wave) -> None:
    """Thank-yous (usually that evening or next morning, a few late or missing), then updates."""
    rng, n, held, held_day = w.rng, w.n, w.held, w.held_day
    thanks = held & (rng.random(n) < w.table["ty_prob"].to_numpy())
    prompt = rng.random(n) < 0.9
    evening = rng.random(n) < 0.5
    prompt_at = np.where(
        evening,
        _at(held_day, _clock(rng, n, 19.5, 1.0, 17.5, 22.0)),
        _at(_busday(held_day, 1), _clock(rng, n, 9.0, 0.7, 7.5, 11.0)),
    )
    late_at = _at(_busday(held_day, rng.integers(2, 9, n)), _request_clock(rng, n))
    ty_at = _after(rng, np.where(prompt, prompt_at, late_at), w.held_at)
    ty_channel = np.where(w.channel == "linkedin", _pick(rng, ("email", "linkedin"), n), "email")
    w.add(w.key[thanks], ty_at[thanks], "thank_you_sent", ty_channel[thanks])

    updates = held & (rng.random(n) < 0.35)
    update_at = _at(_busday(held_day, rng.integers(20, 70, n)), _request_clock(rng, n))
    update_notes = _pick(rng, _UPDATE_NOTES, int(updates.sum()))
    w.add(w.key[updates], update_at[updates], "update_sent", "email", update_notes)


def _referrals(w: _Wave, next_key: int) -> pd.DataFrame:
    """0-2 names per meeting, each a contact of the next wave."""
    rng, n, wave = w.rng, w.n, w.table
    depth = wave["depth"].to_numpy()
    names = rng.choice([0, 1, 2], size=n, p=[0.15, 0.45, 0.4])
    names = np.where(w.held & (depth < _MAX_DEPTH) & wave["refers"].to_numpy(), names, 0)
    src = np.repeat(np.arange(n), names)
    m = len(src)
    new_keys = np.arange(next_key, next_key + m, dtype="int64")
    ref_day = _busday(w.held_day[src], rng.integers(0, 3, m))  # draws: day, then clock
    ref_at = _after(rng, _at(ref_day, _clock(rng, m, 15, 2, 9, 19)), w.held_at[src])
    w.add(w.key[src], ref_at, "referral_received", w.meet_channel[src], target=new_keys)
    same_field = rng.random(m) < 0.7
    new_field = np.where(same_field, w.field_of[src], _pick(rng, tuple(FIELDS), m))
    same_org = same_field & (rng.random(m) < 0.3)
    organization = np.where(same_org, wave["organization"].to_numpy(dtype=object)[src], None)
    referred = pd.DataFrame(
        {
            "key": new_keys,
            "owner": wave["owner"].to_numpy(dtype=object)[src],
            "added_on": ref_at + rng.integers(5, 60, m).astype("timedelta64[m]"),
            "connection": "referral",
            "field": new_field,
            "organization": organization,
            "referrer": w.key[src],
            "depth": depth[src] + 1,
            "refers": True,
            "fu_prob": wave["fu_prob"].to_numpy()[src],
            "ty_prob": wave["ty_prob"].to_numpy()[src],
        }
    )
    return _fill_organizations(rng, referred)


def _fill_organizations(rng: np.random.Generator, contacts: pd.DataFrame) -> pd.DataFrame:
    """Fill missing organisations and every role from the contact's field."""
    field_of = contacts["field"].to_numpy(dtype=object)
    org = contacts["organization"].to_numpy(dtype=object).copy()
    role = np.empty(len(contacts), dtype=object)
    for name, spec in FIELDS.items():
        mask = field_of == name
        k = int(mask.sum())
        org[mask] = np.where(pd.isna(org[mask]), _pick(rng, spec["orgs"], k), org[mask])
        role[mask] = _pick(rng, spec["roles"], k)
    return contacts.assign(organization=org, role=role)


def _simulate(
    rng: np.random.Generator, seeds: pd.DataFrame, *, as_of: np.datetime64
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run waves until nobody new is referred. Internal integer keys link tables."""
    if "refers" not in seeds:
        seeds = seeds.assign(refers=True)
    seeds = _fill_organizations(rng, seeds.assign(referrer=-1, depth=0, organization=None))
    waves = [seeds]
    events = []
    wave = seeds
    next_key = int(seeds["key"].max()) + 1 if len(seeds) else 0
    while len(wave):
        wave_events, wave = _simulate_wave(rng, wave, next_key)
        next_key += len(wave)
        wave = wave[wave["added_on"] < as_of]
        events.append(wave_events)
        waves.append(wave)
    contacts = pd.concat(waves, ignore_index=True)
    all_events = pd.concat(events, ignore_index=True)
    named = (all_events["target"] < 0) | all_events["target"].isin(contacts["key"])
    return contacts, all_events[(all_events["at"] < as_of) & named]


def _seeds(
    rng: np.random.Generator,
    *,
    owner: np.ndarray,
    start_day: np.ndarray,
    end_day: np.datetime64,
    connection_mix: dict[str, float],
    fields: np.ndarray,
    fu_prob: np.ndarray,
    ty_prob: np.ndarray,
    early_share: float,
    first_key: int = 0,
) -> pd.DataFrame:
    """First-hand contacts: added on business days, with a burst at the start."""
    n = len(owner)
    span = np.busday_count(start_day.astype("datetime64[D]"), end_day)
    burst = np.minimum(span, 15)
    offset = np.where(
        rng.random(n) < early_share,
        rng.integers(0, np.maximum(burst, 1)),
        rng.integers(0, np.maximum(span, 1)),
    )
    day = _busday(start_day, offset)
    added = _at(day, _clock(rng, n, 11.0, 2.5, 8.0, 21.0))
    connection = rng.choice(list(connection_mix), size=n, p=list(connection_mix.values()))
    return pd.DataFrame(
        {
            "key": np.arange(first_key, first_key + n, dtype="int64"),
            "owner": owner,
            "added_on": added,
            "connection": connection,
            "field": fields,
            "fu_prob": fu_prob,
            "ty_prob": ty_prob,
        }
    )


# ---------------------------------------------------------------------------
# People: names, e-mails, phones, ids
# ---------------------------------------------------------------------------

_ASCII_EXTRA = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "đ": "d", "ß": "ss"}
)


def _ascii_handle(text: str) -> str:
    """'Łukasz' -> 'lukasz', "O'Brien" -> 'obrien' (for e-mail local parts)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_EXTRA))
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


_FIRST_HANDLES = {n: _ascii_handle(n) for n in FIRST_NAMES}
_LAST_HANDLES = {n: _ascii_handle(n) for n in LAST_NAMES}


def _people(rng: np.random.Generator, contacts: pd.DataFrame) -> pd.DataFrame:
    """Give each contact a name unique within its owner, an e-mail and maybe a phone."""
    n = len(contacts)
    owner = contacts["owner"].to_numpy(dtype=object)
    combo = rng.integers(0, len(FIRST_NAMES) * len(LAST_NAMES), n)
    while True:  # redraw the (rare) clashes within an owner
        clash = pd.DataFrame({"o": owner, "c": combo}).duplicated().to_numpy()
        if not clash.any():
            break
        combo[clash] = rng.integers(0, len(FIRST_NAMES) * len(LAST_NAMES), int(clash.sum()))
    first = np.asarray(FIRST_NAMES, dtype=object)[combo // len(LAST_NAMES)]
    last = np.asarray(LAST_NAMES, dtype=object)[combo % len(LAST_NAMES)]
    first_s, last_s = pd.Series(first, dtype="str"), pd.Series(last, dtype="str")
    domain = rng.choice(["example.com", "example.org", "example.net"], n, p=[0.7, 0.2, 0.1])
    email = first_s.map(_FIRST_HANDLES) + "." + last_s.map(_LAST_HANDLES) + "@" + domain
    area = _pick(rng, ("212", "312", "415", "503", "617", "720", "919"), n)
    line = pd.Series(rng.integers(0, 100, n)).map("{:02d}".format).to_numpy()
    phone = pd.Series("(" + area + ") 555-01" + line, dtype="str")
    has_phone = rng.random(n) < np.where(
        np.isin(contacts["connection"].to_numpy(dtype=object), ["family", "friend"]), 0.9, 0.3
    )
    notes = np.empty(n, dtype=object)
    conn = contacts["connection"].to_numpy(dtype=object)
    for name, options in _CONTACT_NOTES.items():
        mask = conn == name
        notes[mask] = _pick(rng, options, int(mask.sum()))
    tags = _maybe(rng, _pick(rng, ("priority", "dream employer", "remote-friendly"), n), 0.2)
    return contacts.assign(
        name=(first_s + " " + last_s).to_numpy(dtype=object),
        email=email.to_numpy(dtype=object),
        phone=phone.where(has_phone).to_numpy(dtype=object),
        notes=_maybe(rng, notes, 0.7),
        tags=tags,
    )


def _to_log(rng: np.random.Generator, contacts: pd.DataFrame, events: pd.DataFrame) -> OutreachLog:
    """Name the people, derive contact ids and return canonical tables."""
    contacts = _people(rng, contacts.sort_values(["owner", "added_on", "key"], kind="stable"))
    ids = make_contact_ids(
        contacts["owner"].astype("str"),
        contacts["email"].astype("str"),
        contacts["name"].astype("str"),
        contacts["organization"].astype("str"),
    )
    id_of = pd.Series(ids.to_numpy(), index=contacts["key"].to_numpy())
    label_of = pd.Series(
        (contacts["name"] + " (" + contacts["organization"] + ")").to_numpy(),
        index=contacts["key"].to_numpy(),
    )
    table = contacts.assign(
        contact_id=ids.to_numpy(),
        referred_by=contacts["referrer"].map(id_of).to_numpy(),
        linkedin_url=None,
    )
    is_referral = events["kind"] == "referral_received"
    suggested = "Suggested I talk to " + events["target"].map(label_of) + "."
    ev = events.assign(
        owner=events["key"].map(contacts.set_index("key")["owner"]),
        contact_id=events["key"].map(id_of),
        notes=events["notes"].where(~is_referral, suggested),
        source=_SOURCE,
    ).sort_values(["owner", "at", "contact_id"], kind="stable")
    return OutreachLog(table[list(CONTACT_COLUMNS)], ev[list(EVENT_COLUMNS)])


# ---------------------------------------------------------------------------
# Public generators
# ---------------------------------------------------------------------------

_PERSONAL_MIX = {
    "cold": 0.24,
    "alumni": 0.20,
    "colleague": 0.14,
    "event": 0.12,
    "friend": 0.10,
    "faculty": 0.08,
    "family": 0.08,
    "other": 0.04,
}
_PERSONAL_FIELDS = {
    "data science": 0.35,
    "UX research": 0.25,
    "public health": 0.15,
    "sustainability consulting": 0.15,
    "museum education": 0.10,
}


def personal_log(
    *, seed: int = 7, start: str = "2025-01-06", months: int = 9, n_contacts: int = 60
) -> OutreachLog:
    """One person's outreach log: ``n_contacts`` contacts over ``months`` months.

    The owner is ``"sample"``. First-hand contacts (alumni, colleagues, cold
    requests...) are added through the period, with a burst at the start;
    meetings yield referrals, who become contacts with ``connection ==
    "referral"`` and ``referred_by`` set to the referrer's ``contact_id``.
    Nothing happens after the end of the period, so the latest requests are
    still unanswered. The log is drawn so that at least one referral chain is
    three levels deep (when ``n_contacts`` allows), to show a network tree.

    >>> log = personal_log(seed=7)
    >>> len(log.contacts), log.contacts["referred_by"].notna().sum() > 5
    (60, np.True_)
    >>> bool(log.events["at"].max() < pd.Timestamp("2025-10-06"))
    True
    """
    as_of = (pd.Timestamp(start) + pd.DateOffset(months=months)).to_datetime64()
    as_of = as_of.astype("datetime64[m]")
    start_day = np.datetime64(pd.Timestamp(start).date(), "D")
    end_day = np.busday_offset(as_of.astype("datetime64[D]"), -3, roll="backward")

    def first_hand(rng: np.random.Generator, n: int, *, early_share: float, first_key: int):
        return _seeds(
            rng,
            owner=np.full(n, "sample", dtype=object),
            start_day=np.full(n, start_day),
            end_day=end_day,
            connection_mix=_PERSONAL_MIX,
            fields=rng.choice(list(_PERSONAL_FIELDS), n, p=list(_PERSONAL_FIELDS.values())),
            fu_prob=np.full(n, 0.75),
            ty_prob=np.full(n, 0.93),
            early_share=early_share,
            first_key=first_key,
        )

    # Referral trees vary a lot in size, so draw until the first-hand contacts
    # and the people they lead to make between 60% and 100% of n_contacts,
    # with a chain at least three levels deep when n_contacts allows it ...
    n_seeds = max(1, round(n_contacts / 1.6))
    best: tuple | None = None
    for attempt in range(60):
        rng = np.random.default_rng([seed, attempt])
        contacts, events = _simulate(
            rng, first_hand(rng, n_seeds, early_share=0.3, first_key=0), as_of=as_of
        )
        total = len(contacts)
        deep = bool((contacts["depth"] >= 3).any()) or n_contacts < 20
        fits = 0.6 * n_contacts <= total <= n_contacts
        if fits and (deep or best is None):
            best = (rng, contacts, events)
            if deep:
                break
        if total > n_contacts:
            n_seeds = max(1, n_seeds - max(1, round((total - n_contacts) / 3)))
        elif total < 0.6 * n_contacts:
            n_seeds += max(1, round((0.8 * n_contacts - total) / 3))
    if best is None:  # pragma: no cover - only for an absurd n_contacts
        raise ValueError(f"Could not draw {n_contacts} contacts in {months} months.")
    rng, contacts, events = best
    # ... then top up with first-hand contacts spread over the whole period
    # (their meetings yield no names, so the count is exact).
    missing = n_contacts - len(contacts)
    if missing:
        extra = first_hand(rng, missing, early_share=0.0, first_key=int(contacts["key"].max()) + 1)
        extra_contacts, extra_events = _simulate(rng, extra.assign(refers=False), as_of=as_of)
        contacts = pd.concat([contacts, extra_contacts], ignore_index=True)
        events = pd.concat([events, extra_events], ignore_index=True)
    return _to_log(rng, contacts, events)


_COHORT_MIX = {
    "cold": 0.24,
    "alumni": 0.24,
    "event": 0.16,
    "faculty": 0.12,
    "friend": 0.08,
    "family": 0.06,
    "colleague": 0.06,
    "other": 0.04,
}

#: Student activity profiles: share of the cohort, first-hand contacts, follow-up
#: and thank-you habits.
_PROFILES: dict[str, dict] = {
    "very active": {"share": 0.2, "seeds": (15, 26), "fu": 0.85, "ty": 0.95},
    "steady": {"share": 0.45, "seeds": (6, 13), "fu": 0.65, "ty": 0.9},
    "light": {"share": 0.2, "seeds": (3, 6), "fu": 0.4, "ty": 0.85},
    "stuck": {"share": 0.15, "seeds": (1, 3), "fu": 0.0, "ty": 0.9},
}


def student_ids(n_students: int) -> list[str]:
    """Owner ids of a sample cohort: ``student_01``, ``student_02``...

    >>> student_ids(3)
    ['student_01', 'student_02', 'student_03']
    """
    width = max(2, len(str(n_students)))
    return [f"student_{i:0{width}d}" for i in range(1, n_students + 1)]


def _student_profiles(rng: np.random.Generator, n_students: int) -> pd.DataFrame:
    counts = {name: round(spec["share"] * n_students) for name, spec in _PROFILES.items()}
    counts["steady"] += n_students - sum(counts.values())
    profile = rng.permutation(np.repeat(list(counts), list(counts.values())))
    lo, hi = np.array([_PROFILES[p]["seeds"] for p in profile], dtype="int64").T
    fu = np.array([_PROFILES[p]["fu"] for p in profile], dtype=float)
    ty = np.array([_PROFILES[p]["ty"] for p in profile], dtype=float)
    # a few students never follow up; a few meet people but rarely say thank you
    order = rng.permutation(n_students)
    middling = order[np.isin(profile[order], ["steady", "light"])]
    never_follow = middling[: max(1, n_students // 13)]
    fu[never_follow] = 0.0
    busy = order[np.isin(profile[order], ["very active", "steady"])]
    forgetful = busy[::-1][: max(1, n_students // 13)]
    ty[forgetful] = 0.1
    return pd.DataFrame(
        {
            "owner": student_ids(n_students),
            "profile": profile,
            "n_seeds": rng.integers(lo, hi),
            "fu_prob": fu,
            "ty_prob": ty,
            "start_week": rng.integers(0, 4, n_students),
        }
    )


def cohort(
    *, seed: int = 11, n_students: int = 40, start: str = "2026-01-12", weeks: int = 14
) -> OutreachLog:
    """A term of a career class: ``n_students`` logs over ``weeks`` weeks.

    Students differ: some are very active, some stay stuck at one or two
    requests, a few never follow up, a few meet people without thanking them.
    Owners are ``student_01`` ... ``student_40``.

    >>> log = cohort(n_students=12)
    >>> len(log.owners), log.owners[0]
    (12, 'student_01')
    """
    rng = np.random.default_rng(seed)
    students = _student_profiles(rng, n_students)
    as_of = np.datetime64(pd.Timestamp(start).date(), "D") + np.timedelta64(7 * weeks, "D")
    per_seed = students.loc[students.index.repeat(students["n_seeds"])].reset_index(drop=True)
    n = len(per_seed)
    stuck = (per_seed["profile"] == "stuck").to_numpy()
    start_day = np.datetime64(pd.Timestamp(start).date(), "D") + (
        per_seed["start_week"].to_numpy() * 7
    ).astype("timedelta64[D]")
    # each student explores one to three fields
    field_names = np.asarray(list(FIELDS), dtype=object)
    interests = rng.integers(0, len(field_names), (n_students, 3))
    n_interests = rng.integers(1, 4, n_students)
    student_pos = np.repeat(np.arange(n_students), students["n_seeds"].to_numpy())
    pick = (rng.random(n) * n_interests[student_pos]).astype("int64")
    fields = field_names[interests[student_pos, pick]]
    seeds = _seeds(
        rng,
        owner=per_seed["owner"].to_numpy(dtype=object),
        start_day=start_day,
        end_day=np.busday_offset(as_of, -3, roll="backward"),
        connection_mix=_COHORT_MIX,
        fields=fields,
        fu_prob=per_seed["fu_prob"].to_numpy(dtype=float),
        ty_prob=per_seed["ty_prob"].to_numpy(dtype=float),
        early_share=0.35,
    )
    # stuck students write to strangers in their first two weeks, then stop
    cold_ones = rng.choice(["cold", "event"], n, p=[0.75, 0.25])
    seeds = seeds.assign(
        connection=np.where(stuck, cold_ones, seeds["connection"].to_numpy(dtype=object)),
        added_on=np.where(
            stuck,
            _at(_busday(start_day, rng.integers(0, 10, n)), _clock(rng, n, 11, 2, 8, 21)),
            seeds["added_on"].to_numpy(),
        ),
    )
    contacts, events = _simulate(rng, seeds, as_of=as_of.astype("datetime64[m]"))
    return _to_log(rng, contacts, events)


# ---------------------------------------------------------------------------
# Tracker view: one row per contact, a date per step (what people keep in Excel)
# ---------------------------------------------------------------------------


#: Event kinds a tracker or an events sheet shows.
_TRACKER_KINDS = (
    "request_sent",
    "follow_up_sent",
    "voicemail_left",
    "reply_received",
    "declined",
    "meeting_scheduled",
    "meeting_held",
    "meeting_cancelled",
    "thank_you_sent",
    "referral_received",
    "update_sent",
)


def _tracker_frame(log: OutreachLog) -> pd.DataFrame:
    """The flat tracker of a log: one row per contact, canonical field names."""
    contacts, events = log.contacts, log.events
    ev = events.assign(kind=events["kind"].astype("str")).sort_values("at", kind="stable")
    firsts = ev.pivot_table(index="contact_id", columns="kind", values="at", aggfunc="min")
    firsts = firsts.reindex(columns=list(_TRACKER_KINDS))
    outreach = ev[ev["kind"].isin(["request_sent", "voicemail_left", "follow_up_sent"])]
    nth = outreach.groupby("contact_id").cumcount()
    first_touch = outreach[nth == 0].set_index("contact_id")
    second_touch = outreach[nth == 1].set_index("contact_id")
    replies = ev[ev["kind"].isin(["reply_received", "declined"])]
    reply_on = replies.groupby("contact_id")["at"].min()
    meeting_notes = ev[ev["kind"] == "meeting_held"].groupby("contact_id")["notes"].first()
    decline_notes = ev[ev["kind"] == "declined"].groupby("contact_id")["notes"].first()
    referrals = ev[ev["kind"] == "referral_received"].groupby("contact_id").size()
    ids = contacts["contact_id"]
    name_of = contacts.set_index("contact_id")["name"]

    def per_contact(series: pd.Series) -> np.ndarray:
        return series.reindex(ids).to_numpy()

    reply_at = per_contact(reply_on)
    notes = (
        pd.Series(per_contact(meeting_notes), dtype="str")
        .fillna(pd.Series(per_contact(decline_notes), dtype="str"))
        .fillna(contacts["notes"].reset_index(drop=True))
    )
    return pd.DataFrame(
        {
            "owner": contacts["owner"].to_numpy(),
            "name": contacts["name"].to_numpy(),
            "organization": contacts["organization"].to_numpy(),
            "role": contacts["role"].to_numpy(),
            "field": contacts["field"].to_numpy(),
            "connection": contacts["connection"].astype("str").to_numpy(),
            "referred_by": contacts["referred_by"].map(name_of).to_numpy(),
            "email": contacts["email"].to_numpy(),
            "phone": contacts["phone"].to_numpy(),
            "channel": per_contact(first_touch["channel"].astype("str")),
            "contacted_on": per_contact(first_touch["at"]),
            "followed_up_on": per_contact(second_touch["at"]),
            "replied": pd.notna(reply_at),
            "replied_on": reply_at,
            "meeting_on": per_contact(firsts["meeting_held"]),
            "thank_you_on": per_contact(firsts["thank_you_sent"]),
            "referrals": per_contact(referrals.reindex(ids, fill_value=0)).astype("int64"),
            "notes": notes.to_numpy(),
        }
    )


_DATE_FIELDS = ("contacted_on", "followed_up_on", "replied_on", "meeting_on", "thank_you_on")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


_DATE_STYLES = {
    "iso": lambda t: f"{t.year}-{t.month:02d}-{t.day:02d}",
    "us": lambda t: f"{t.month}/{t.day}/{t.year}",
    "dayfirst": lambda t: f"{t.day:02d}/{t.month:02d}/{t.year}",
    "excel": lambda t: f"{t.day}-{_MONTHS[t.month - 1]}-{t.year % 100:02d}",
    "iso_time": lambda t: f"{t.year}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}",
    "us_time": lambda t: f"{t.month}/{t.day}/{t.year} {t.hour}:{t.minute:02d}",
}


def _format_dates(values: pd.Series, style: str) -> pd.Series:
    """Dates as text in one of the styles spreadsheets write; missing -> ''.

    >>> _format_dates(pd.Series(pd.to_datetime(["2025-06-07", None])), "excel").tolist()
    ['7-Jun-25', '']
    """
    stamps = pd.Series(pd.to_datetime(values).to_numpy(), index=values.index)
    uniques = stamps.dropna().unique()
    text = dict(zip(uniques, map(_DATE_STYLES[style], uniques), strict=True))
    return stamps.map(text).astype("str").fillna("")


_TITLE_LABELS = {
    "connection": {c: c.capitalize() for c in _REPLY_P},
    "channel": {
        "email": "Email",
        "linkedin": "LinkedIn",
        "phone": "Phone",
        "voicemail": "Voicemail",
        "video": "Video",
        "in_person": "In person",
        "letter": "Letter",
        "other": "Other",
    },
}

#: Header spellings seen in real trackers (all known to ``headers.HEADER_SYNONYMS``).
_HEADER_CHOICES: dict[str, tuple[str, ...]] = {
    "name": ("Name", "Contact Name", "Full name", "Contact"),
    "organization": ("Company", "Organization", "Employer", "Organisation", "Company name"),
    "role": ("Position", "Job title", "Title", "Role"),
    "field": ("Field", "Industry", "Career field", "Sector"),
    "connection": ("How connected", "Connection", "Relationship", "How we met", "Connection type"),
    "referred_by": ("Referred by", "Introduced by", "Referrer"),
    "email": ("Email", "E-mail", "Email address"),
    "phone": ("Phone", "Phone number", "Mobile"),
    "channel": ("Channel", "Method", "Contact method", "How contacted", "Via"),
    "contacted_on": (
        "Date Contacted",
        "Request Date",
        "Outreach Date",
        "Date sent",
        "Contacted on",
    ),
    "followed_up_on": ("Follow-up date", "Followed up", "Date followed up"),
    "replied": ("Response? (Y/N)", "Replied", "Heard back?", "Replied? (Y/N)", "Response received"),
    "replied_on": ("Reply date", "Date replied", "Response date"),
    "meeting_on": ("Meeting Date", "Interview date", "Date met", "Info interview date"),
    "thank_you_on": ("Thank-you sent", "Thank you note", "Thank you date"),
    "referrals": ("Referrals given", "Names given", "New contacts", "Referrals"),
    "notes": ("Notes", "Comments", "What I learned"),
}
_FLAG_HEADERS = {
    "followed_up_on": ("Followed up", "Follow up"),
    "thank_you_on": ("Thanked", "Thank-you sent", "TY sent"),
}

#: Label spellings per vocabulary (all known to ``headers.LABEL_SYNONYMS``).
_LABEL_CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "channel": {
        "email": ("Email", "E-mail", "email", "Gmail"),
        "linkedin": ("LinkedIn", "LinkedIn message", "InMail", "linkedin"),
        "phone": ("Phone", "Call", "Phone call"),
        "voicemail": ("Voicemail", "Left voicemail", "VM"),
        "video": ("Zoom", "Video call", "Teams"),
        "in_person": ("In person", "Coffee", "Face to face"),
        "letter": ("Letter",),
        "other": ("Text", "Other"),
    },
    "connection": {
        "referral": ("Referral", "Referred", "Intro"),
        "alumni": ("Alumni", "Alum", "Same school"),
        "faculty": ("Professor", "Faculty", "Instructor"),
        "family": ("Family", "Relative"),
        "friend": ("Friend", "Friend of friend"),
        "colleague": ("Colleague", "Former colleague", "Coworker"),
        "event": ("Career fair", "Event", "Meetup"),
        "cold": ("Cold", "None", "LinkedIn search"),
        "other": ("Other",),
    },
    "kind": {
        "request_sent": ("Request sent", "Outreach", "Initial contact"),
        "follow_up_sent": ("Follow-up", "Followed up", "Nudge"),
        "voicemail_left": ("Left voicemail", "Voicemail"),
        "reply_received": ("Reply", "Heard back", "Response"),
        "declined": ("Declined", "Said no"),
        "meeting_scheduled": ("Meeting scheduled", "Booked"),
        "meeting_held": ("Meeting", "Informational interview", "Coffee chat"),
        "meeting_cancelled": ("Cancelled", "Meeting cancelled"),
        "thank_you_sent": ("Thank-you note", "Thank you sent", "Thanked"),
        "referral_received": ("Referral", "New name"),
        "update_sent": ("Update", "Check-in", "Stay in touch"),
    },
}

_YES_NO = (("Y", "N"), ("yes", "no"), ("✓", ""), ("x", ""), ("TRUE", "FALSE"))

#: How the cohort's files are saved: (format, how many of 40). See ``_FILE_STYLES``.
_FILE_MIX = (
    ("csv", 7),
    ("excel_utf8", 6),
    ("cp1252", 5),
    ("semicolon", 5),
    ("tab", 4),
    ("xlsx", 7),
    ("events", 4),
    ("excel_dates", 2),
)


def _style(ext: str, sep: str = ",", encoding: str = "utf-8", newline: str = "\n", dates=("iso",)):
    return {"ext": ext, "sep": sep, "encoding": encoding, "newline": newline, "dates": dates}


_FILE_STYLES: dict[str, dict] = {
    # plain UTF-8 CSV (Google Sheets, LibreOffice)
    "csv": _style(".csv", dates=("iso", "us")),
    # Excel "CSV UTF-8": BOM and CRLF
    "excel_utf8": _style(".csv", encoding="utf-8-sig", newline="\r\n", dates=("us", "excel")),
    # Excel "CSV" on Windows: Windows-1252, characters it lacks become "?"
    "cp1252": _style(".csv", encoding="cp1252", newline="\r\n", dates=("us",)),
    # European Excel: semicolons, day first
    "semicolon": _style(".csv", ";", "utf-8-sig", "\r\n", dates=("dayfirst",)),
    "tab": _style(".tsv", "\t", dates=("iso", "excel")),
    "xlsx": _style(".xlsx"),
    "events": _style(".csv", dates=("iso_time", "us_time")),
    "excel_dates": _style(".csv", newline="\r\n", dates=("excel",)),
}

_MESS_KINDS = (
    "blank_date",
    "unreadable_date",
    "duplicate",
    "unknown_channel",
    "reply_before_request",
    "no_name_or_email",
)
_MESS_TEXT = {
    "blank_date": "the contact date is blank although the contact replied",
    "unreadable_date": "the contact date reads 'sometime in March'",
    "duplicate": "the same contact again, e-mail in different case",
    "unknown_channel": "the channel is 'Handshake message' (a careers site, not a known channel)",
    "reply_before_request": "the reply date is before the request",
    "no_name_or_email": "the row has no name and no e-mail",
}

_FIXED_STAMP = datetime(2025, 1, 6, 9, 0, 0)
_FIXED_ZIP_TIME = (2025, 1, 6, 9, 0, 0)


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------


def _csv_bytes(frame: pd.DataFrame, *, sep: str, encoding: str, newline: str) -> bytes:
    text = frame.to_csv(index=False, sep=sep, lineterminator=newline, na_rep="")
    return text.encode(encoding, errors="replace")


def _iso(values: pd.Series) -> pd.Series:
    text = pd.Series(
        np.datetime_as_string(values.to_numpy(dtype="datetime64[s]"), unit="s"),
        index=values.index,
        dtype="str",
    )
    return text.where(values.notna())


def _workbook_tables(log: OutreachLog) -> tuple[bytes, bytes]:
    """contacts.csv and events.csv as the workbook store writes them."""
    out = []
    for frame, columns in ((log.contacts, CONTACT_COLUMNS), (log.events, EVENT_COLUMNS)):
        cells = frame.assign(
            **{c: _iso(frame[c]) for c, dtype in columns.items() if dtype.startswith("datetime")}
        )
        out.append(_csv_bytes(cells[list(columns)], sep=",", encoding="utf-8", newline="\r\n"))
    return out[0], out[1]


def _xlsx_bytes(title: str | None, frame: pd.DataFrame, *, sheet: str) -> bytes:
    """An .xlsx with an optional title row, real date cells and fixed metadata."""
    from openpyxl import Workbook as XlsxWorkbook
    from openpyxl.styles import Font

    book = XlsxWorkbook()
    ws = book.active
    ws.title = sheet
    book.properties.creator = "infoview-kit sample generator"
    book.properties.created = _FIXED_STAMP
    if title:
        ws.append([title])
        ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    ws.append(list(frame.columns))
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
    cells = frame.astype(object).where(frame.notna(), None)
    date_columns = [i for i, c in enumerate(frame.columns) if frame[c].dtype.kind == "M"]
    for i in date_columns:
        cells[frame.columns[i]] = frame[frame.columns[i]].map(
            lambda t: None if pd.isna(t) else t.date()
        )
    for row in cells.itertuples(index=False, name=None):
        ws.append(list(row))
    for i in date_columns:
        for (cell,) in ws.iter_rows(min_row=header_row + 1, min_col=i + 1, max_col=i + 1):
            cell.number_format = "yyyy-mm-dd"
    for i, column in enumerate(frame.columns, start=1):
        width = max([len(str(column)), *cells[column].dropna().astype(str).str.len().tolist()])
        ws.column_dimensions[ws.cell(row=header_row, column=i).column_letter].width = min(
            max(width, 8) + 2, 50
        )
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    raw = io.BytesIO()
    book.save(raw)
    return _stable_zip(raw.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """Re-pack an .xlsx with fixed timestamps so the same content gives the same bytes."""
    stamp = _FIXED_STAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                start = content.find(b"<dcterms:modified")
                begin = content.find(b">", start) + 1
                end = content.find(b"</dcterms:modified>", begin)
                content = content[:begin] + stamp + content[end:]
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, content)
    return out.getvalue()


_PERSONAL_TRACKER_HEADERS = {
    "name": "Name",
    "organization": "Company",
    "role": "Position",
    "field": "Field",
    "connection": "How connected",
    "referred_by": "Referred by",
    "email": "Email",
    "phone": "Phone",
    "channel": "Channel",
    "contacted_on": "Date Contacted",
    "followed_up_on": "Followed up",
    "replied": "Replied? (Y/N)",
    "replied_on": "Reply Date",
    "meeting_on": "Meeting Date",
    "thank_you_on": "Thank-you sent",
    "referrals": "Referrals given",
    "notes": "Notes",
}


def personal_tracker(log: OutreachLog) -> pd.DataFrame:
    """The log as a hand-kept tracker: one row per contact, dates per step.

    Headers and labels are spelled the way people write them in Excel
    ("Company", "How connected", "Replied? (Y/N)"); dates are day-precision
    timestamps (they become real date cells in .xlsx).

    >>> sheet = personal_tracker(personal_log())
    >>> sheet.columns[:3].tolist(), sheet["Replied? (Y/N)"].isin(["Y", "N"]).all()
    (['Name', 'Company', 'Position'], np.True_)
    """
    table = _tracker_frame(log).drop(columns="owner")
    dates = {c: pd.to_datetime(table[c]).dt.floor("D") for c in _DATE_FIELDS}
    labels = {c: table[c].map(m).fillna(table[c]) for c, m in _TITLE_LABELS.items()}
    table = table.assign(**dates, **labels, replied=np.where(table["replied"], "Y", "N"))
    return table.rename(columns=_PERSONAL_TRACKER_HEADERS)


# ---------------------------------------------------------------------------
# The cohort's files: mixed formats, spellings, and a few messy rows
# ---------------------------------------------------------------------------


@dataclass
class _FilePlan:
    student: str
    style: str
    dates: str
    yes_no: tuple[str, str]
    headers: dict[str, str]
    labels: dict[str, dict[str, str]]
    flags: set[str] = field(default_factory=set)
    mess: str | None = None

    @property
    def name(self) -> str:
        return self.student + _FILE_STYLES[self.style]["ext"]


def _plan_files(
    rng: np.random.Generator, trackers: dict[str, pd.DataFrame]
) -> dict[str, _FilePlan]:
    students = list(trackers)
    n = len(students)
    pool = np.repeat([s for s, _ in _FILE_MIX], [k for _, k in _FILE_MIX])
    pool = pool[np.resize(np.arange(len(pool)), n)] if n != len(pool) else pool
    sizes = pd.Series({s: len(t) for s, t in trackers.items()})
    # day-first files go to students with a day after the 12th: the order is provable
    provable = [
        s
        for s in students
        if sizes[s] >= 4 and (pd.to_datetime(trackers[s]["contacted_on"]).dt.day > 12).any()
    ]
    dayfirst_slots = int((pool == "semicolon").sum())
    dayfirst = list(rng.permutation(provable)[:dayfirst_slots])
    rest_students = [s for s in students if s not in dayfirst]
    rest_styles = rng.permutation(
        np.concatenate(
            [pool[pool != "semicolon"], np.repeat("csv", dayfirst_slots - len(dayfirst))]
        )
    )
    style_of = {s: "semicolon" for s in dayfirst} | dict(
        zip(rest_students, rest_styles, strict=True)
    )
    # messy rows go into CSV trackers with a few rows each
    candidates = [
        s
        for s in students
        if style_of[s] in ("csv", "excel_utf8", "cp1252", "semicolon", "tab") and sizes[s] >= 4
    ]
    messy = dict(zip(rng.permutation(candidates)[: len(_MESS_KINDS)], _MESS_KINDS, strict=False))

    plans = {}
    for student in students:
        style = style_of[student]
        spec = _FILE_STYLES[style]
        dates = str(rng.choice(spec.get("dates", ("iso",))))
        yes_no_options = [yn for yn in _YES_NO if style != "cp1252" or yn[0] != "✓"]
        yes_no = yes_no_options[int(rng.integers(len(yes_no_options)))]
        flags = {f for f in _FLAG_HEADERS if rng.random() < 0.4}
        headers = {}
        for fld, options in _HEADER_CHOICES.items():
            choices = _FLAG_HEADERS[fld] if fld in flags else options
            headers[fld] = str(rng.choice(choices))
        labels = {
            vocab: {label: str(rng.choice(spellings)) for label, spellings in table.items()}
            for vocab, table in _LABEL_CHOICES.items()
        }
        plans[student] = _FilePlan(
            student, style, dates, yes_no, headers, labels, flags, messy.get(student)
        )
    return plans


_OPTIONAL_FIELDS = {
    "role": 0.8,
    "field": 0.5,
    "connection": 0.85,
    "referred_by": 0.6,
    "email": 0.85,
    "phone": 0.3,
    "followed_up_on": 0.8,
    "replied_on": 0.5,
    "meeting_on": 0.95,
    "thank_you_on": 0.75,
    "referrals": 0.5,
    "notes": 0.8,
}
_MESS_NEEDS = {"duplicate": "email", "reply_before_request": "replied_on"}


def _choose_fields(rng: np.random.Generator, plan: _FilePlan) -> list[str]:
    keep = {f for f, p in _OPTIONAL_FIELDS.items() if rng.random() < p}
    if plan.mess in _MESS_NEEDS:
        keep.add(_MESS_NEEDS[plan.mess])
    if plan.mess == "no_name_or_email":
        keep.add("email")
    return [f for f in _PERSONAL_TRACKER_HEADERS if f in keep or f not in _OPTIONAL_FIELDS]


def _make_mess(
    rng: np.random.Generator, table: pd.DataFrame, kind: str
) -> tuple[pd.DataFrame, int, str, str | None]:
    """Spoil one row of a canonical tracker.

    Returns the new table, the 0-based row, the field spoiled, and a text that
    replaces the formatted cell (or None).
    """
    replied = np.flatnonzero(table["replied"].to_numpy() & table["contacted_on"].notna().to_numpy())
    anyrow = np.flatnonzero(table["contacted_on"].notna().to_numpy())
    row = int(rng.choice(replied if len(replied) else anyrow))
    out = table.copy()
    if kind == "blank_date":
        out.loc[row, "contacted_on"] = pd.NaT
        return out, row, "contacted_on", None
    if kind == "unreadable_date":
        return out, row, "contacted_on", "sometime in March"
    if kind == "unknown_channel":
        out.loc[row, "channel"] = "Handshake message"
        return out, row, "channel", None
    if kind == "reply_before_request":
        out.loc[row, "replied_on"] = out.loc[row, "contacted_on"] - pd.Timedelta(days=4)
        out.loc[row, "replied"] = True
        return out, row, "replied_on", None
    if kind == "no_name_or_email":
        out.loc[row, ["name", "email"]] = None
        return out, row, "name", None
    # duplicate: the same person entered again later, e-mail typed differently
    copy = out.iloc[[row]].assign(email=out["email"].iloc[[row]].str.title(), notes=None)
    out = pd.concat([out, copy], ignore_index=True)
    return out, len(out) - 1, "email", None


def _styled_tracker(
    table: pd.DataFrame, plan: _FilePlan, fields: list[str], *, xlsx: bool
) -> pd.DataFrame:
    """A canonical tracker with one file's headers, labels, dates and yes/no marks."""
    yes, no = plan.yes_no
    cols = {}
    for fld in fields:
        col = table[fld]
        if fld in ("connection", "channel"):
            col = col.map(plan.labels[fld]).fillna(col)
        if fld in plan.flags:
            col = col.notna()
        if fld == "replied" or fld in plan.flags:
            if xlsx and yes == "TRUE":
                col = col.astype(bool)
            else:
                col = pd.Series(np.where(col, yes, no), index=col.index, dtype="str")
        elif fld in _DATE_FIELDS:
            col = pd.to_datetime(col).dt.floor("D") if xlsx else _format_dates(col, plan.dates)
        cols[plan.headers[fld]] = col
    return pd.DataFrame(cols)


def _events_sheet(contacts: pd.DataFrame, ev: pd.DataFrame, plan: _FilePlan) -> pd.DataFrame:
    """An events-layout sheet: Date, Contact, Event, Channel, Notes."""
    name_of = contacts.set_index("contact_id")["name"]
    kind = ev["kind"].astype("str")
    channel = ev["channel"].astype("str")
    return pd.DataFrame(
        {
            "Date": _format_dates(ev["at"], plan.dates),
            "Contact": ev["contact_id"].map(name_of),
            "Event": kind.map(plan.labels["kind"]).fillna(kind),
            "Channel": channel.map(plan.labels["channel"]).fillna(channel),
            "Notes": ev["notes"],
        }
    )


_COMBINED_HEADERS = {
    "name": "Name",
    "organization": "Organization",
    "role": "Role",
    "field": "Field",
    "connection": "Connection",
    "referred_by": "Referred by",
    "email": "Email",
    "channel": "Channel",
    "contacted_on": "Date contacted",
    "followed_up_on": "Follow-up date",
    "replied": "Replied",
    "replied_on": "Reply date",
    "meeting_on": "Meeting date",
    "thank_you_on": "Thank-you date",
    "referrals": "Referrals given",
    "notes": "Notes",
}

_COHORT_README = """\
Sample cohort folder (synthetic data)
=====================================

Each student_NN file is one student's outreach log, saved the way students
really hand them in: plain CSV, Excel's "CSV UTF-8" (with a byte-order mark),
Excel's older "CSV" (Windows-1252, where letters it lacks became "?"),
semicolon-separated files with the day first, tab-separated text, .xlsx
workbooks with a title row, and a few logs kept as one row per event.

Column names, date styles and yes/no marks differ from file to file, and a
handful of rows are deliberately wrong (a blank or unreadable date, a repeated
contact, an unknown channel, a reply dated before its request, a row with no
name). Loading this folder should report those rows and load everything else.

This README itself is not a log: a loader should skip it and carry on.

Every person and organisation in these files is invented.
"""


@dataclass
class SampleFiles:
    """What :func:`write_sample` wrote.

    ``paths``: every file, relative to the output folder (sorted).
    ``messy_rows``: the deliberately spoiled rows: ``file``, ``row`` (the row
    number a spreadsheet shows, header counted), ``column`` (as written in the
    file), ``problem``.
    """

    paths: list[Path]
    messy_rows: pd.DataFrame


def _cohort_files(
    log: OutreachLog, *, seed: int
) -> tuple[dict[str, bytes], pd.DataFrame, pd.DataFrame]:
    """Bytes of every cohort file, the messy-row table and the combined sheet."""
    rng = np.random.default_rng([seed, 2])
    owners = log.owners
    everyone = _tracker_frame(log)
    trackers = {
        s: part.drop(columns="owner").reset_index(drop=True)
        for s, part in everyone.groupby("owner", sort=False)
    }
    trackers = {s: trackers.get(s, everyone.iloc[:0].drop(columns="owner")) for s in owners}
    plans = _plan_files(rng, trackers)
    files: dict[str, bytes] = {}
    messy: list[dict] = []
    tables: dict[str, pd.DataFrame] = {}
    overrides: list[tuple[str, int, str, str]] = []  # student, row, field, text
    for student in owners:
        plan = plans[student]
        table = trackers[student]
        if plan.mess:
            table, row, fld, text = _make_mess(rng, table, plan.mess)
            if text is not None:
                overrides.append((student, row, fld, text))
            messy.append(
                {
                    "student": student,
                    "row0": row,
                    "field": fld,
                    "problem": plan.mess,
                    "file": f"cohort/{plan.name}",
                    "row": row + 2,
                    "column": plan.headers[fld],
                }
            )
        tables[student] = table
        mine = [(row, fld, text) for who, row, fld, text in overrides if who == student]
        files[plan.name] = _student_file(rng, log, student, table, plan, mine)
    combined_sheet, combined_messy = _combined_sheet(tables, overrides, messy)
    messy_rows = pd.DataFrame(messy + combined_messy)[["file", "row", "column", "problem"]]
    files["README.txt"] = _COHORT_README.encode("utf-8")
    return files, messy_rows, combined_sheet


def _student_file(rng, log: OutreachLog, student: str, table, plan, overrides) -> bytes:
    """One student's file, in the style its plan says, with its planted mistakes."""
    spec = _FILE_STYLES[plan.style]
    if plan.style == "events":
        sheet = _events_sheet(
            log.contacts[log.contacts["owner"] == student],
            log.events[log.events["owner"] == student],
            plan,
        )
        return _csv_bytes(
            sheet, sep=spec["sep"], encoding=spec["encoding"], newline=spec["newline"]
        )
    fields = _choose_fields(rng, plan)
    xlsx = plan.style == "xlsx"
    sheet = _styled_tracker(table, plan, fields, xlsx=xlsx)
    for row, fld, text in overrides:
        sheet.loc[row, plan.headers[fld]] = text
    if xlsx:
        title = f"Informational interviews - {student.replace('_', ' ')}, spring term"
        return _xlsx_bytes(title, sheet, sheet="Tracker")
    return _csv_bytes(sheet, sep=spec["sep"], encoding=spec["encoding"], newline=spec["newline"])


def _combined_sheet(
    tables: dict[str, pd.DataFrame], overrides: list, messy: list[dict]
) -> tuple[pd.DataFrame, list[dict]]:
    """The whole cohort in one sheet (a Student column), with the same planted mistakes."""
    combined = pd.concat(
        [table.assign(student=student) for student, table in tables.items()], ignore_index=True
    )
    offset = combined.groupby("student", sort=False).cumcount()
    combined_sheet = pd.DataFrame({"Student": combined["student"]}).join(
        _styled_tracker(
            combined,
            _FilePlan("all", "csv", "iso", ("Y", "N"), _COMBINED_HEADERS, _identity_labels()),
            list(_COMBINED_HEADERS),
            xlsx=False,
        )
    )
    position = pd.Series(np.arange(len(combined)), index=[combined["student"], offset])
    for student, row, fld, text in overrides:
        combined_sheet.loc[position[(student, row)], _COMBINED_HEADERS[fld]] = text
    combined_messy = [
        {
            "file": "cohort_combined.csv",
            "row": int(position[(record["student"], record["row0"])]) + 2,
            "column": _COMBINED_HEADERS[record["field"]],
            "problem": record["problem"],
        }
        for record in messy
    ]
    return combined_sheet, combined_messy


def _identity_labels() -> dict[str, dict[str, str]]:
    return {
        "connection": {c: c for c in _REPLY_P},
        "channel": dict(_TITLE_LABELS["channel"]),
        "kind": {k: k for k in _TRACKER_KINDS},
    }


_README_FILES = (
    (
        "personal/",
        "one person's workbook folder (owner `sample`): `contacts.csv`, `events.csv`, "
        "`workbook.json`, an empty `prep/`. {n_contacts} contacts, {n_events} events "
        "from {first} to {last}.",
    ),
    (
        "personal_tracker.xlsx",
        "the same log as a hand-kept tracker: one row per contact, a title row above the "
        "header, real date cells.",
    ),
    (
        "cohort/",
        "one file per student ({n_students} students, {n_cohort_contacts} contacts in all) in "
        "mixed formats: CSV (UTF-8, UTF-8 with BOM and CRLF, Windows-1252, semicolons with "
        "day-first dates), tab-separated, .xlsx with a title row, and a few logs kept as one "
        "row per event (Date, Contact, Event, Channel, Notes). Header spellings, date styles "
        "and yes/no marks vary. `README.txt` is not a log (a loader should skip it).",
    ),
    ("cohort_combined.csv", "the whole cohort in one sheet, with a `Student` column."),
)

_README = """\
# Sample data (all people are synthetic)

Generated by `python -m infoview_kit.datasets.simulate data/sample` from fixed seeds: the
same command gives the same bytes. Every name, organisation, e-mail address
(example.com/.org/.net) and phone number (555-01xx) is invented; any likeness
to a real person is chance.

{files}

Reply rates, follow-ups, reply delays, meetings, thank-yous and referrals
follow the figures in the project's domain notes; requests near the end of
each period have no answer yet.

## Deliberately messy rows

A loader should report each of these and keep going:

| file | row | column | problem |
| --- | --- | --- | --- |
{messy}
"""


def write_sample(
    out_dir: str | Path, *, personal_seed: int = 7, cohort_seed: int = 11
) -> SampleFiles:
    """Write the sample files into ``out_dir`` (created if needed).

    ``personal/`` (a workbook folder), ``personal_tracker.xlsx``, ``cohort/``
    (one file per student, mixed formats), ``cohort_combined.csv`` and a
    ``README.md``. The same seeds give the same bytes.

    >>> import tempfile
    >>> written = write_sample(tempfile.mkdtemp())
    >>> [p.name for p in written.paths if p.parts[0] == "personal"]
    ['contacts.csv', 'events.csv', '.gitkeep', 'workbook.json']
    >>> written.messy_rows["problem"].nunique()
    6
    """
    out = Path(out_dir)
    personal = personal_log(seed=personal_seed)
    group = cohort(seed=cohort_seed)
    files: dict[str, bytes] = {}

    contacts_csv, events_csv = _workbook_tables(personal)
    meta = {
        "format": "infoview-kit workbook",
        "version": 1,
        "owner": "sample",
        "created_at": _FIXED_STAMP.isoformat(),
    }
    files["personal/contacts.csv"] = contacts_csv
    files["personal/events.csv"] = events_csv
    files["personal/workbook.json"] = (json.dumps(meta, indent=2) + "\n").encode("utf-8")
    files["personal/prep/.gitkeep"] = b""
    files["personal_tracker.xlsx"] = _xlsx_bytes(
        "My informational interviews", personal_tracker(personal), sheet="Tracker"
    )

    cohort_bytes, messy_rows, combined = _cohort_files(group, seed=cohort_seed)
    files.update({f"cohort/{name}": data for name, data in cohort_bytes.items()})
    files["cohort_combined.csv"] = _csv_bytes(combined, sep=",", encoding="utf-8", newline="\n")

    messy_md = "\n".join(
        f"| `{r.file}` | {r.row} | {r.column} | {_MESS_TEXT[r.problem]} |"
        for r in messy_rows.itertuples()
    )
    counts = {
        "n_contacts": len(personal.contacts),
        "n_events": len(personal.events),
        "first": f"{personal.events['at'].min():%Y-%m-%d}",
        "last": f"{personal.events['at'].max():%Y-%m-%d}",
        "n_students": len(group.owners),
        "n_cohort_contacts": len(group.contacts),
    }
    table = "| path | what it is |\n| --- | --- |\n" + "\n".join(
        f"| `{path}` | {text.format(**counts)} |" for path, text in _README_FILES
    )
    files["README.md"] = _README.format(files=table, messy=messy_md).encode("utf-8")

    for name, data in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return SampleFiles(sorted(Path(name) for name in files), messy_rows)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m infoview_kit.datasets.simulate [OUT_DIR]``: regenerate the sample files."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1 or any(a in ("-h", "--help") for a in args):
        print("usage: python -m infoview_kit.datasets.simulate [OUT_DIR]   (default: data/sample)")
        return 0 if args and args[0] in ("-h", "--help") else 2
    out = Path(args[0] if args else "data/sample")
    written = write_sample(out)
    total = sum((out / p).stat().st_size for p in written.paths)
    print(f"Wrote {len(written.paths)} files ({total / 1024:.0f} KiB) to {out}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
