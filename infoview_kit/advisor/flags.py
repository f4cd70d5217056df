"""Flags an advisor can act on: thresholds you can set, a severity, and one next step each.

A flag names a situation an advisor can help with this week, not a grade.
Each is defined against a threshold held in :class:`FlagSettings`; the
defaults are argued in ``docs/advisors.md`` (on the sample cohort they flag
about a quarter of the students to contact, not most of the class). Change
them in a small settings file (:func:`load_flag_settings`, ``infoview report
--flag-settings FILE``) or pass ``FlagSettings(...)`` to the report.

The flags, most urgent first:

* **stuck** (call this week): fewer than ``stuck_requests`` requests and
  nothing sent for ``quiet_days`` days; an empty log is always stuck;
* **gone quiet** (check in this week): had started, then nothing sent for
  ``quiet_days`` days;
* **no follow-ups** (mention at the next meeting): ``unanswered_requests``
  or more requests past the 3B7 point with neither a reply nor a follow-up,
  and follow-ups sent on fewer than ``follow_up_share`` of the requests
  that needed one;
* **thank-yous missing** (mention at the next meeting): ``missing_thank_yous``
  or more meetings held two days ago or more with no thank-you logged.

>>> table = pd.DataFrame({"owner": ["a", "b"], "requests": [0, 12],
...     "days_since_outreach": [float("nan"), 3.0], "unanswered_no_follow_up": [0, 6],
...     "follow_up_share": [float("nan"), 0.0], "meetings_without_thanks": [0, 0],
...     "days_since_last_activity": [float("nan"), 3.0]})
>>> flagged = flag_students(table)
>>> flagged[["owner", "concerns", "severity"]].values.tolist()
[['a', 'stuck', 'call this week'], ['b', 'no follow-ups', 'mention at the next meeting']]
>>> flagged["next_step"].iloc[1]  # doctest: +ELLIPSIS
'6 unanswered requests without a follow-up: show the 3B7 rule (one polite follow-up after 7 busi...'
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from infoview_kit.errors import InfoviewError, UnreadableFileError

__all__ = [
    "FLAGS",
    "SEVERITIES",
    "Flag",
    "FlagSettings",
    "flag_students",
    "load_flag_settings",
    "settings_file_text",
]


@dataclass(frozen=True, kw_only=True)
class FlagSettings:
    """The thresholds behind the flags (see the module docstring and docs/advisors.md)."""

    #: "stuck": fewer requests than this ...
    stuck_requests: int = 5
    #: ... and nothing sent for this many days ("gone quiet" uses the same span).
    quiet_days: int = 28
    #: "no follow-ups": this many requests past the 3B7 point, unanswered, never followed up ...
    unanswered_requests: int = 5
    #: ... and follow-ups sent on fewer than this share of the requests that needed one.
    follow_up_share: float = 0.25
    #: "thank-yous missing": at least this many meetings with no thank-you logged.
    missing_thank_yous: int = 3

    def __post_init__(self) -> None:
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise InfoviewError(f"flag setting {item.name} must be a number of 0 or more.")
        if self.follow_up_share > 1:
            raise InfoviewError("flag setting follow_up_share is a share between 0 and 1.")


#: Severity words, most urgent first (what the advisor does, and when).
SEVERITIES: tuple[str, ...] = (
    "call this week",
    "check in this week",
    "mention at the next meeting",
)


@dataclass(frozen=True)
class Flag:
    """One flag: its name, severity, who it applies to, and the next step for one student."""

    name: str
    severity: str
    applies: Callable[[pd.DataFrame, FlagSettings], pd.Series]
    next_step: Callable[[pd.Series, FlagSettings], str]
    meaning: Callable[[FlagSettings], str]


def _plural(n: float, word: str) -> str:
    n = int(n)
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _quiet(table: pd.DataFrame, settings: FlagSettings) -> pd.Series:
    days = table["days_since_outreach"].astype("float64")
    return days.isna() | (days >= settings.quiet_days)


def _since(row: pd.Series) -> str:
    days = row["days_since_outreach"]
    return "nothing sent yet" if pd.isna(days) else f"nothing sent for {int(days)} days"


def _stuck(table: pd.DataFrame, settings: FlagSettings) -> pd.Series:
    return (table["requests"] < settings.stuck_requests) & _quiet(table, settings)


def _gone_quiet(table: pd.DataFrame, settings: FlagSettings) -> pd.Series:
    return (table["requests"] >= settings.stuck_requests) & _quiet(table, settings)


def _no_follow_ups(table: pd.DataFrame, settings: FlagSettings) -> pd.Series:
    share = table["follow_up_share"].astype("float64").fillna(0.0)
    many = table["unanswered_no_follow_up"] >= max(settings.unanswered_requests, 1)
    return many & (share < settings.follow_up_share)


def _thanks_missing(table: pd.DataFrame, settings: FlagSettings) -> pd.Series:
    return table["meetings_without_thanks"] >= max(settings.missing_thank_yous, 1)


#: The flags, most urgent first.
FLAGS: tuple[Flag, ...] = (
    Flag(
        "stuck",
        SEVERITIES[0],
        _stuck,
        lambda r, s: (
            f"{_plural(r['requests'], 'request')}, {_since(r)}: choose three people to write "
            "to, together, and draft the first request."
        ),
        lambda s: (
            f"fewer than {s.stuck_requests} requests and nothing sent for {s.quiet_days} days "
            "(an empty log counts too)"
        ),
    ),
    Flag(
        "gone quiet",
        SEVERITIES[1],
        _gone_quiet,
        lambda r, s: (
            f"{_plural(r['requests'], 'request')}, then {_since(r)}: ask what is in the way "
            "and agree on one message to send this week."
        ),
        lambda s: f"{s.stuck_requests} requests or more, then nothing sent for {s.quiet_days} days",
    ),
    Flag(
        "no follow-ups",
        SEVERITIES[2],
        _no_follow_ups,
        lambda r, s: (
            f"{_plural(r['unanswered_no_follow_up'], 'unanswered request')} without a follow-up: "
            "show the 3B7 rule (one polite follow-up after 7 business days)."
        ),
        lambda s: (
            f"{s.unanswered_requests} or more requests unanswered after 7 business days and never "
            f"followed up, and follow-ups on fewer than {100 * s.follow_up_share:.0f}% of the "
            "requests that needed one"
        ),
    ),
    Flag(
        "thank-yous missing",
        SEVERITIES[2],
        _thanks_missing,
        lambda r, s: (
            f"{_plural(r['meetings_without_thanks'], 'meeting')} with no thank-you logged: ask "
            "whether they sent one (a short note naming one thing they learned)."
        ),
        lambda s: (
            f"{s.missing_thank_yous} or more meetings held two days ago or more with no "
            "thank-you logged since"
        ),
    ),
)


def _join(masks: dict[str, np.ndarray], n: int) -> np.ndarray:
    joined = np.full(n, "", dtype=object)
    for name, mask in masks.items():
        joined = np.where(mask, np.where(joined == "", name, joined + "; " + name), joined)
    return joined


def flag_students(table: pd.DataFrame, *, settings: FlagSettings | None = None) -> pd.DataFrame:
    """Add ``concerns``, ``severity`` and ``next_step`` to a student table; most urgent first.

    ``concerns``: the names of the flags that apply, most urgent first,
    joined by "; " ("" when none); ``severity``: the most urgent one's
    severity (:data:`SEVERITIES`, "" when none); ``next_step``: one line for
    each flag that applies, with the student's own counts. Rows are sorted by
    severity, then number of flags, then the longest quiet; the input is not
    modified. See the module docstring for an example.
    """
    settings = settings or FlagSettings()
    masks = {
        flag.name: flag.applies(table, settings).to_numpy(dtype=bool, na_value=False)
        for flag in FLAGS
    }
    out = table.copy()
    out["concerns"] = pd.Series(_join(masks, len(out)), index=out.index, dtype="str")
    rank = np.full(len(out), len(SEVERITIES), dtype=np.int64)
    for flag in reversed(FLAGS):
        rank = np.where(masks[flag.name], SEVERITIES.index(flag.severity), rank)
    severity = np.array([*SEVERITIES, ""], dtype=object)[rank]
    out["severity"] = pd.Series(severity, index=out.index, dtype="str")
    steps = pd.Series("", index=out.index, dtype="object")
    for flag in FLAGS:
        hit = masks[flag.name]
        if hit.any():
            lines = out[hit].apply(lambda r, f=flag: f.next_step(r, settings), axis=1)
            steps[hit] = np.where(steps[hit] == "", lines, steps[hit] + "\n" + lines)
    out["next_step"] = steps.astype("str")
    n_flags = np.column_stack([*masks.values()]).sum(axis=1) if len(out) else np.zeros(0, int)
    quiet = out["days_since_last_activity"].astype("float64").fillna(np.inf)
    order = np.lexsort((out["owner"].astype("str").to_numpy(), -quiet.to_numpy(), -n_flags, rank))
    return out.iloc[order].reset_index(drop=True)


#: Names a settings file may use, with what each means (for the file's comments).
_SETTING_NOTES = {
    "stuck_requests": "'stuck': fewer requests than this, and nothing sent for quiet_days",
    "quiet_days": "days with nothing sent before 'stuck' or 'gone quiet' applies",
    "unanswered_requests": "'no follow-ups': this many unanswered requests never followed up",
    "follow_up_share": "... and follow-ups on fewer than this share (0 to 1) of those needing one",
    "missing_thank_yous": "'thank-yous missing': this many meetings with no thank-you logged",
}


def settings_file_text(settings: FlagSettings | None = None) -> str:
    """A settings file (TOML) holding ``settings`` (default: the defaults), one commented line each.

    >>> print(settings_file_text().splitlines()[2])
    stuck_requests = 5  # 'stuck': fewer requests than this, and nothing sent for quiet_days
    """
    settings = settings or FlagSettings()
    lines = [
        "# Thresholds of the advisor flags (infoview report --flag-settings THIS_FILE).",
        "# Remove a line to use its default; see docs/advisors.md for the reasoning.",
    ]
    for name, note in _SETTING_NOTES.items():
        lines.append(f"{name} = {getattr(settings, name)}  # {note}")
    return "\n".join(lines) + "\n"


def load_flag_settings(path: str | os.PathLike[str]) -> FlagSettings:
    """Read flag thresholds from a small TOML file (see :func:`settings_file_text`).

    >>> import tempfile
    >>> file = Path(tempfile.mkdtemp()) / "flags.toml"
    >>> _ = file.write_text("quiet_days = 21\\n")
    >>> load_flag_settings(file).quiet_days, load_flag_settings(file).stuck_requests
    (21, 5)
    >>> _ = file.write_text("quiet_dayz = 21\\n")
    >>> load_flag_settings(file)
    Traceback (most recent call last):
    ...
    infoview_kit.errors.InfoviewError: flags.toml: unknown setting quiet_dayz; ...
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UnreadableFileError(f"{path}: no flag settings file there.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableFileError(f"{path.name}: cannot read the flag settings ({exc}).") from None
    except tomllib.TOMLDecodeError as exc:
        raise InfoviewError(f"{path.name}: not a settings file ({exc}).") from None
    unknown = sorted(set(data) - set(_SETTING_NOTES))
    if unknown:
        raise InfoviewError(
            f"{path.name}: unknown setting {', '.join(unknown)}; the settings are "
            f"{', '.join(_SETTING_NOTES)}."
        )
    try:
        return FlagSettings(**data)
    except InfoviewError as exc:
        raise InfoviewError(f"{path.name}: {exc}") from None
