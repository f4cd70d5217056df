"""Script payloads planted in every field, shared by the injection tests (kernel and browser)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from infoview_kit.io.store import Workbook
from infoview_kit.model import OutreachLog

IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
SVG = '"><svg onload=window.__pwned=1>'
PAYLOADS = (IMG, SCRIPT, SVG)
#: Payloads that can be part of a file or folder name (no "/").
PATH_PAYLOADS = (IMG, SVG)
#: Raw fragments that must never reach a page unescaped.
RAW = ("<img src=x", "<script>window", "<svg onload")


def seed_workbook(folder: Path) -> Workbook:
    """A workbook whose people, labels and notes are script payloads."""
    wb = Workbook.create(folder, owner="learner")
    with wb.batch():
        ada = wb.add_contact(
            name=IMG, organization=SVG, role=SCRIPT, field=IMG, connection="alumni",
            email="ada@example.com", notes=SCRIPT, added_on="2025-03-01",
        )  # fmt: skip
        bo = wb.add_contact(
            name=SVG, organization=IMG, field=SCRIPT, connection="referral", referred_by=ada,
            email="bo@example.com", notes=IMG, added_on="2025-03-02",
        )  # fmt: skip
        cy = wb.add_contact(
            name=SCRIPT, organization="Acme", field=SVG, connection=SCRIPT,
            email="cy@example.com", added_on="2025-03-03",
        )  # fmt: skip
        wb.log_event(ada, "request_sent", at="2025-03-03 09:00", channel="email")
        wb.log_event(ada, "reply_received", at="2025-03-04 10:00", channel="email")
        wb.log_event(ada, "meeting_held", at="2025-03-10 14:00", channel="video", notes=IMG)
        wb.log_event(ada, "referral_received", at="2025-03-10 15:00", notes=SVG)
        wb.log_event(bo, "request_sent", at="2025-03-12 09:00", channel=SCRIPT, notes=SCRIPT)
        wb.log_event(cy, "request_sent", at="2025-03-05 09:00", channel="linkedin")
        wb.log_event(cy, "reply_received", at="2025-03-06 09:00", channel="linkedin")
        wb.log_event(cy, "meeting_held", at="2025-03-20 09:00", channel="in_person", notes=SVG)
    return wb


def payload_cohort() -> OutreachLog:
    """Three students whose names, contacts, fields and notes carry the payloads."""
    people, events = [], []
    for s, student in enumerate(PAYLOADS):
        for c, label in enumerate(PAYLOADS):
            cid = f"c{s}{c}"
            people.append(
                {"owner": student, "contact_id": cid, "name": label, "organization": label,
                 "field": label, "connection": "alumni" if c else "cold",
                 "email": f"p{s}{c}@example.com", "notes": label}
            )  # fmt: skip
            day = pd.Timestamp("2025-03-03") + pd.Timedelta(days=c)
            events += [
                {"owner": student, "contact_id": cid, "at": day, "kind": "request_sent",
                 "channel": "email", "notes": label, "source": f"{student}.csv:{c + 2}"},
                {"owner": student, "contact_id": cid, "at": day + pd.Timedelta(days=2),
                 "kind": "reply_received", "channel": "email", "notes": label,
                 "source": f"{student}.csv:{c + 2}"},
            ]  # fmt: skip
    return OutreachLog(pd.DataFrame(people), pd.DataFrame(events))
