"""Where a notebook finds its workbook.

Every workbook notebook opens the same folder, so a participant's work carries
from one notebook to the next. The folder is ``$INFOVIEW_WORKBOOK`` when set
(tests and facilitators point it elsewhere), else ``my_workbook`` beside the
notebooks. A new workbook starts as a copy of the bundled sample unless asked
to start empty.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from infoview_kit.messages import Check, Checks

DEFAULT_FOLDER = "my_workbook"


def workbook_path(path: str | os.PathLike | None = None) -> Path:
    """The workbook folder: ``path``, else ``$INFOVIEW_WORKBOOK``, else ``my_workbook``.

    >>> workbook_path("somewhere/else").name
    'else'
    """
    return Path(path or os.environ.get("INFOVIEW_WORKBOOK") or DEFAULT_FOLDER)


def open_workbook(path: str | os.PathLike | None = None, *, sample: bool = True):
    """Open the workbook, creating it (from the sample, or empty) the first time."""
    from infoview_kit.io.store import META_FILE, Workbook

    folder = workbook_path(path)
    new = not (folder / META_FILE).exists()
    workbook = Workbook.open_or_create(folder, sample=sample)
    if new and sample:  # the sample's conversations come with takeaways, for 08_decide
        from infoview_kit.workshop.takeaways import add_sample_takeaways

        add_sample_takeaways(workbook)
    return workbook


def describe_workbook(workbook) -> str:
    """One sentence on what a workbook holds (counts only: no names).

    >>> from types import SimpleNamespace
    >>> import pandas as pd
    >>> wb = SimpleNamespace(path=Path("my_workbook"), contacts=pd.DataFrame({"a": [1, 2]}),
    ...                      events=pd.DataFrame({"at": pd.to_datetime(["2025-03-01"])}))
    >>> describe_workbook(wb)
    'Workbook my_workbook: 2 contacts, 1 events, last activity on 2025-03-01.'
    """
    events = workbook.events
    text = f"Workbook {workbook.path}: {len(workbook.contacts)} contacts, {len(events)} events"
    last = events["at"].max() if len(events) else None
    if last is not None and last == last:  # not NaT
        text += f", last activity on {last:%Y-%m-%d}"
    return text + "."


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def describe_import(before: tuple[int, int], workbook, log) -> str:
    """What adding ``log`` to ``workbook`` did: people and events new, and those already there.

    ``before`` is the workbook's (contacts, events) count before the import. Counts only.

    >>> from types import SimpleNamespace as NS
    >>> wb = NS(contacts=[0] * 12, events=[0] * 30)
    >>> describe_import((10, 25), wb, NS(contacts=[0] * 3, events=[0] * 7))
    'added 2 new people and 5 new events; 1 person and 2 events were already in your workbook.'
    >>> describe_import((12, 30), wb, NS(contacts=[0] * 3, events=[0] * 7))
    'nothing new: all 3 people and 7 events were already in your workbook.'
    """
    people = max(len(workbook.contacts) - before[0], 0)
    events = max(len(workbook.events) - before[1], 0)
    known_people = max(len(log.contacts) - people, 0)
    known_events = max(len(log.events) - events, 0)
    if not people and not events:
        return (
            f"nothing new: all {_counted(known_people, 'person', 'people')} and "
            f"{_counted(known_events, 'event', 'events')} were already in your workbook."
        )
    text = (
        f"added {_counted(people, 'new person', 'new people')} and "
        f"{_counted(events, 'new event', 'new events')}"
    )
    if known_people or known_events:
        text += (
            f"; {_counted(known_people, 'person', 'people')} and "
            f"{_counted(known_events, 'event', 'events')} were already in your workbook"
        )
    return text + "."


def load_uploaded(
    name: str, content: bytes, *, owner: str | None = None, dayfirst: bool | None = None
):
    """Load a file given as bytes (a notebook upload) as if it were on disk under ``name``.

    The report names the file as the user knows it, not the temporary copy. ``dayfirst``
    is the loader's (None: decided from the file's dates).
    """
    import tempfile

    from infoview_kit.io.load import load_log

    safe = Path(name).name or "upload"
    with tempfile.TemporaryDirectory(prefix="infoview-upload-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(content)
        log = load_log(path, owner=owner or Path(safe).stem, dayfirst=dayfirst)
    for table in (log.report.problems, log.report.files):
        if "file" in table:
            table["file"] = table["file"].astype("str").str.replace(str(path), safe, regex=False)
    return log


def check_start(starter) -> Checks:
    """The "check my work" of 00_start_here: is a workbook open, and does it load?"""
    from infoview_kit.io.load import load_log

    checks = Checks()
    workbook = getattr(starter, "workbook", None)
    if workbook is None:
        checks.append(
            Check.fail(
                "workbook",
                "no workbook open yet: run the 'Create your workbook' cell and "
                "press Open my workbook.",
            )
        )
        return checks
    checks.append(Check.ok("workbook", describe_workbook(workbook)))
    log = load_log(workbook.path)
    clean = log.report.balanced and log.report.rows_rejected == 0
    verdict = Check.ok if clean else Check.fail
    checks.append(verdict("loads cleanly", log.report.summary_line()))
    return checks


def reset_workbook(path: str | Path | None = None, *, sample: bool = True):
    """Start a participant's workbook again: the old folder is kept aside, a fresh one created.

    The old folder is renamed ``<folder>-old-<date-time>`` (nothing is deleted).
    Returns the new :class:`~infoview_kit.io.store.Workbook`.
    """
    folder = workbook_path(path)
    if folder.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        folder.rename(folder.with_name(f"{folder.name}-old-{stamp}"))
    return open_workbook(folder, sample=sample)
