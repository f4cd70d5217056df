"""A mailbox (``.mbox``, as Google Takeout exports Gmail) read into outreach events.

What becomes what:

* a thread whose first message is yours is outreach: ``request_sent``
  (channel email) to each address in its To line; another message of yours
  before anyone answers, a day or more later, is a ``follow_up_sent``; the
  first message of each other person in the thread is their
  ``reply_received``; later messages are part of the exchange (merged);
* threads are Gmail's own (``X-GM-THRID``), else follow ``In-Reply-To`` and
  ``References``, else a "Re:" subject sent between the same people;
* left out and counted as rejected, with a reason: spam, drafts and chats,
  auto-replies (``Auto-Submitted``, ``X-Autoreply``, "Out of office" or
  "Automatic reply" subjects), bounces (mailer-daemon, delivery reports),
  newsletters and lists (``List-Unsubscribe``, ``List-Id``,
  ``Precedence: bulk``), and threads someone else started.

Your address is the most frequent sender of the messages Gmail labels
"Sent" (else of all the messages kept); give your address as the owner
(``--owner`` in a shell) when the guess is wrong. A Date header that
cannot be read, or that is earlier than the message it answers, is
reported and replaced (by the time on the mbox separator line, or the
message answered), so a reply time is never negative. A body line that
starts with "From " and that its writer did not escape stays in its message.
"""

from __future__ import annotations

import email.utils
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser, HeaderParser
from email.policy import compat32
from itertools import chain, pairwise
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from infoview_kit.errors import NotALogError, UnreadableFileError
from infoview_kit.io.importers._common import (
    LOADED,
    MERGED,
    REJECTED,
    SAME_REQUEST_GAP,
    Accounting,
    Source,
    finish,
    given_family_names,
    lookup,
    read_bytes,
    source_name,
)
from infoview_kit.io.limits import Limits, resolve
from infoview_kit.model import OutreachLog, Problems
from infoview_kit.names import given_family
from infoview_kit.schema import make_contact_ids

#: Subjects that mark an automatic answer (case ignored, at the start).
AUTO_REPLY_SUBJECT = re.compile(
    r"^\s*(?:out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?reply|autoreply|auto:|"
    r"away from (?:the )?office|abwesenheitsnotiz|r[ée]ponse automatique|respuesta autom[áa]tica)",
    re.IGNORECASE,
)
_REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:re|fw|fwd|aw|wg|sv|vs|tr|rv|antw)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE
)
_MSGID = re.compile(r"<[^<>\s]+>")
_BOUNCE_SENDERS = re.compile(r"^(?:mailer-daemon|postmaster|mail-daemon)@", re.IGNORECASE)
_HEADERS = (
    "from",
    "to",
    "cc",
    "date",
    "subject",
    "message-id",
    "in-reply-to",
    "references",
    "x-gm-thrid",
    "x-gmail-labels",
    "auto-submitted",
    "x-autoreply",
    "x-autorespond",
    "precedence",
    "list-unsubscribe",
    "list-id",
    "content-type",
    "x-failed-recipients",
)


def read_mbox(
    source: Source,
    *,
    owner: str | None = None,
    owner_address: str | Iterable[str] | None = None,
    name: str | None = None,
    limits: Limits | None = None,
) -> OutreachLog:
    """Read a mailbox (a path, or its bytes) into contacts and e-mail events.

    A folder as Apple Mail exports mailboxes ("Inbox.mbox" holding a file
    ``mbox``), or a folder of several, is read as one mailbox: a reply in
    Inbox answers a request in Sent.

    ``owner`` labels the log (default: your address); ``owner_address`` is
    your address (or several), when the guess from the data is wrong;
    ``name`` is the file name used in reports when ``source`` is bytes.

    >>> box = (
    ...     b"From 1@x Mon Jun 02 09:00:00 +0000 2025\\n"
    ...     b"From: Sam <sam@example.com>\\nTo: Ada <ada@example.com>\\n"
    ...     b"Subject: A question\\nDate: Mon, 2 Jun 2025 09:00:00 +0000\\n"
    ...     b"Message-ID: <a1@example.com>\\n\\nHi\\n"
    ...     b"From 2@x Tue Jun 03 10:00:00 +0000 2025\\n"
    ...     b"From: Ada <ada@example.com>\\nTo: Sam <sam@example.com>\\nSubject: Re: A question\\n"
    ...     b"Date: Tue, 3 Jun 2025 10:00:00 +0000\\nIn-Reply-To: <a1@example.com>\\n\\nSure\\n"
    ... )
    >>> log = read_mbox(box, owner_address="sam@example.com", name="mail.mbox")
    >>> log.events[["kind", "at"]].astype(str).values.tolist()
    [['request_sent', '2025-06-02 09:00:00'], ['reply_received', '2025-06-03 10:00:00']]
    """
    label = source_name(source, name)
    problems = Problems()
    heads = _messages_of(source, label, resolve(limits), problems)
    if not len(heads):
        raise NotALogError(f"{label}: no e-mail messages found (expected an .mbox file).")
    m = _classify(heads)
    me = _owner_addresses(m, owner=owner, owner_address=owner_address)
    log_owner = owner or (me[0] if me else "me")
    if not me:
        problems.add(label, None, "From", None, _WHICH_ADDRESS, kept=True)
    m["mine"] = m["from_addr"].isin(me)
    m = _fix_dates(m, label, problems)
    m["thread"] = _threads(m, set(me))
    events = _events(m, set(me), label, problems)

    people, events = _identified(_people(m, events), events, owner=log_owner, label=label)

    rejected = m[m["outcome"].eq(REJECTED)]
    for (reason, column), group in rejected.groupby(["reason", "column"], sort=False, dropna=False):
        problems.add(label, group["record"], column, group["value"], reason, kept=False)
    accounting = Accounting(problems)
    accounting.add_file(label, "mbox", m["outcome"])
    return finish(people, events, accounting)


def _identified(
    people: pd.DataFrame, events: pd.DataFrame, *, owner: str, label: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """People with ids and first-contact dates, and events with ids, owner, channel, source."""
    ids = make_contact_ids(
        pd.Series(owner, index=people.index, dtype="str"),
        people["email"],
        people["name"],
        people["organization"],
    )
    people = people.assign(owner=owner, contact_id=ids)
    events = events.assign(
        contact_id=lookup(events["addr"], people.set_index("email")["contact_id"]).astype("str"),
        owner=owner,
        channel="email",
        source=label + ":" + events["record"].astype("str"),
    )
    first = events.groupby("contact_id")["at"].min()
    people["added_on"] = lookup(people["contact_id"], first).dt.floor("D")
    return people, events


#: What a user does when the owner's address cannot be told (no Python names).
_WHICH_ADDRESS = (
    "could not tell which address is yours: give it as the owner "
    "(in a shell: --owner you@example.com)"
)


# ---------------------------------------------------------------- reading


def _messages_of(source: Source, label: str, limits: Limits, problems: Problems) -> pd.DataFrame:
    """The headers of every message of a mailbox file, or of an Apple Mail export folder
    (then one kept report row per mailbox says which messages it holds)."""
    if isinstance(source, (str, os.PathLike)) and Path(source).is_dir():
        heads, spans = _mail_folder(Path(source), label, limits)
        for span in spans:
            problems.add(label, None, None, None, span, kept=True)
        return heads
    return _read_headers(source, label, limits)


#: The files of a mailbox as Apple Mail exports it: a folder "Inbox.mbox" holding these.
APPLE_MAIL_FILES = frozenset({"mbox", "info.plist", "table_of_contents"})


def looks_like_mail_folder(names: Iterable[str]) -> bool:
    """True when a folder's files are all parts of mailboxes exported by Apple Mail.

    >>> looks_like_mail_folder(["Inbox.mbox/mbox", "Inbox.mbox/Info.plist", "Sent.mbox/mbox"])
    True
    >>> looks_like_mail_folder(["Sent.mbox/mbox", "tracker.csv"])
    False
    """
    base = [PurePosixPath(n).name.casefold() for n in names]
    return "mbox" in base and all(b in APPLE_MAIL_FILES for b in base)


def _mail_folder(folder: Path, label: str, limits: Limits) -> tuple[pd.DataFrame, list[str]]:
    """The messages of every mailbox in an Apple Mail export folder, numbered on from one
    mailbox to the next, and a line per mailbox saying which numbers it holds."""
    files = sorted(
        path for path in folder.rglob("*")
        if path.name.casefold() == "mbox" and path.is_file() and not path.is_symlink()
    )  # fmt: skip
    frames, spans, count = [], [], 0
    for path in files:
        if path.stat().st_size == 0:  # a mailbox Apple Mail exported empty
            continue
        heads = _read_headers(path, f"{label}/{path.relative_to(folder).as_posix()}", limits)
        heads["record"] += count
        if len(heads):
            where = path.parent.relative_to(folder).as_posix()
            first, last = count + 1, count + len(heads)
            which = f"message {first} is" if first == last else f"messages {first}-{last} are"
            spans.append(f"{which} in mailbox {where}")
        count += len(heads)
        frames.append(heads)
    if not frames:
        raise NotALogError(f"{label}: no e-mail messages found (the mailboxes are empty).")
    return pd.concat(frames, ignore_index=True), spans


def _read_headers(source: Source, label: str, limits: Limits) -> pd.DataFrame:
    """One row per message: the headers we use, decoded, plus the separator line."""
    if isinstance(source, (str, os.PathLike)) and Path(source).is_file():
        with open(source, "rb") as fh:
            starts_ok = fh.read(5) == b"From "
        if starts_ok:
            return _headers_of_mbox(Path(source), label, limits)
    data = read_bytes(source, name=label, limits=limits)
    if not data.lstrip().startswith(b"From "):
        if not re.match(rb"^[\x21-\x39\x3b-\x7e]+:", data.lstrip()):
            raise NotALogError(
                f"{label}: not a mailbox (expected an .mbox file of e-mail messages)."
            )
        # a single message saved as .eml: give it a separator line
        data = b"From - Thu Jan  1 00:00:00 1970\n" + data.lstrip()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mail.mbox"
        path.write_bytes(data.lstrip())
        return _headers_of_mbox(path, label, limits)


def _headers_of_mbox(path: Path, label: str, limits: Limits) -> pd.DataFrame:
    parser = BytesHeaderParser(policy=compat32)
    budget = limits.header_kb * 1024
    rows = []
    try:
        with open(path, "rb") as fh:
            for number, (separator, head, oversized) in enumerate(
                _message_heads(fh, budget=budget), start=1
            ):
                row = dict.fromkeys(_HEADERS)
                if not oversized:
                    msg = _parse_head(parser, head)
                    row = {h: _text(msg.get_all(h)) for h in _HEADERS}
                separator = separator.decode("latin-1", errors="replace").rstrip("\r\n")
                row.update(record=number, separator=separator, oversized=oversized)
                rows.append(row)
    except (OSError, UnicodeError, ValueError):
        raise UnreadableFileError(f"{label}: the mailbox could not be read.") from None
    frame = pd.DataFrame(rows, columns=[*_HEADERS, "record", "separator", "oversized"])
    frame["oversized"] = frame["oversized"].eq(True)
    return frame.astype({h: "str" for h in (*_HEADERS, "separator")}).astype({"record": "int64"})


#: A separator line with the time the message was stored ("From x Wed Mar 05 10:00:00 2025").
_STORED_AT = re.compile(rb"^From \S*[ \t]+.*\b\d{1,2}:\d{2}")
_HEADER_START = re.compile(rb"^[\x21-\x39\x3b-\x7e]+:")
_BLANK = (b"\n", b"\r\n")


def _message_heads(lines: Iterable[bytes], *, budget: int) -> Iterator[tuple[bytes, bytes, bool]]:
    r"""(separator line, header lines, over ``budget``) of each message of an mbox, in one pass.

    A line starting "From " opens a message when it carries the time the
    message was stored, or when it follows a blank line and header lines
    follow it. Any other "From " line is a body line its writer did not
    escape as ">From " (Thunderbird, some exports): it stays in its message
    instead of cutting it in two.

    >>> box = b"From a Mon Jun 02 09:00:00 2025\nSubject: x\n\nFrom my notes\n\n"
    >>> box += b"From b Tue Jun 03 09:00:00 2025\nSubject: y\n\nHi\n"
    >>> [head for _, head, _ in _message_heads(box.splitlines(keepends=True), budget=100)]
    [b'Subject: x\n', b'Subject: y\n']
    """
    separator: bytes | None = None
    head = bytearray()
    in_head = previous_blank = False
    for line, following in pairwise(chain(lines, (b"",))):
        if line.startswith(b"From ") and (
            separator is None
            or _STORED_AT.match(line)
            or (previous_blank and _HEADER_START.match(following))
        ):
            if separator is not None:
                yield separator, bytes(head), len(head) > budget
            separator, head, in_head = line, bytearray(), True
        elif in_head:
            if line in _BLANK:
                in_head = False
            elif len(head) <= budget:
                head += line
        previous_blank = line in _BLANK
    if separator is not None:
        yield separator, bytes(head), len(head) > budget


def _parse_head(parser: BytesHeaderParser, head: bytes):
    """A message's headers; raw 8-bit text in them (no encoded-words, as newer mailers
    write) read as UTF-8, else Windows-1252, not as one unreadable character per byte."""
    if head.isascii():
        return parser.parsebytes(head)
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = head.decode("cp1252", errors="replace")
    return HeaderParser(policy=compat32).parsestr(text)


def _text(values: list | None) -> str | None:
    """A header's text, MIME encoded-words decoded; several occurrences joined by ", "."""
    if not values:
        return None
    out = []
    for value in values:
        try:
            out.append(str(make_header(decode_header(str(value)))))
        except (UnicodeError, LookupError, ValueError, email.errors.HeaderParseError):
            out.append(str(value))
    return ", ".join(" ".join(v.split()) for v in out)


# ---------------------------------------------------------------- classifying


def _addresses(values: pd.Series) -> pd.Series:
    """Lists of lower-case addresses in each header value."""
    uniques = values.dropna().unique()
    parsed = {
        v: [addr.casefold() for _, addr in email.utils.getaddresses([v]) if "@" in addr]
        for v in uniques
    }
    return values.map(parsed)


def _first_address(values: pd.Series) -> pd.Series:
    """The first lower-case address in each header value (missing if none)."""
    uniques = values.dropna().unique()
    first = {
        v: next((addr.casefold() for _, addr in email.utils.getaddresses([v]) if "@" in addr), None)
        for v in uniques
    }
    return lookup(values, pd.Series(first, dtype="str"))


def named_addresses(value: str) -> list[tuple[str, str]]:
    """(display name, address) of each address in a header line, names as written.

    Outlook quotes a name written "Family, Given" (``"Sample, Bo" <bo@example.com>``);
    a program that does not writes ``Sample, Bo <bo@example.com>``, which the standard
    reads as two addresses, "Sample" and "Bo <bo@example.com>". A word with no "@" just
    before a named address is taken for the family name of that address when the two
    read as one name written "Family, Given" (:func:`infoview_kit.names.given_family`).

    >>> named_addresses('Sample, Bo <bo@example.com>, "Example, Ada" <ada@example.com>')
    [('Sample, Bo', 'bo@example.com'), ('Example, Ada', 'ada@example.com')]
    >>> named_addresses("Acme, Inc <news@example.com>")
    [('Inc', 'news@example.com')]
    """
    pairs = [(n.strip().strip('"'), a.strip()) for n, a in email.utils.getaddresses([value])]
    out: list[tuple[str, str]] = []
    for i, (name, addr) in enumerate(pairs):
        if "@" not in addr:
            continue
        before = pairs[i - 1] if i else ("", "")
        if name and not before[0] and before[1] and "@" not in before[1]:
            joined = f"{before[1]}, {name}"
            if given_family(joined) != joined:
                name = joined
        out.append((name, addr))
    return out


def _display_names(values: pd.Series) -> pd.Series:
    """The display name of the first address in each header value (missing if none)."""
    uniques = values.dropna().unique()
    parsed = {v: next((n or None for n, _ in named_addresses(v)), None) for v in uniques}
    return values.map(parsed).astype("str")


def _classify(heads: pd.DataFrame) -> pd.DataFrame:
    """Addresses parsed, dates read, and automatic mail marked as rejected with a reason."""
    m = heads.copy()
    m["from_addr"] = _first_address(m["from"])
    m["from_name"] = _display_names(m["from"])
    m["to_addrs"] = _addresses(m["to"])
    m["cc_addrs"] = _addresses(m["cc"])
    m["at"] = _header_dates(m["date"])
    m["sep_at"] = _separator_dates(m["separator"])
    m["norm_subject"] = (
        m["subject"]
        .astype("str")
        .str.replace(_REPLY_PREFIX, "", regex=True)
        .str.strip()
        .str.casefold()
    )
    m["is_reply_subject"] = m["subject"].astype("str").str.match(_REPLY_PREFIX).fillna(False)
    for column in ("outcome", "reason", "column", "value"):
        m[column] = pd.Series(pd.NA, index=m.index, dtype="str")

    rules = _automatic_mail_rules(m)
    if "oversized" in m:  # first: its headers were not read at all
        rules.insert(0, (m["oversized"], _OVERSIZED, None, None))
    for mask, reason, column, value in rules:
        pick = mask & m["outcome"].isna()
        m.loc[pick, ["outcome", "reason", "column"]] = [REJECTED, reason, column]
        if value is not None:
            m.loc[pick, "value"] = value[pick].astype("str")
    return m


def _automatic_mail_rules(m: pd.DataFrame) -> list[tuple[pd.Series, str, str, Any]]:
    """(mask, reason, column, value shown) for mail that is not a person writing to you."""
    labels = m["x-gmail-labels"].astype("str").str.casefold()

    def has_label(name: str) -> pd.Series:
        return labels.str.contains(rf"(?:^|,)\s*{name}\s*(?:,|$)", regex=True).fillna(False)

    content_type = m["content-type"].astype("str").str.casefold()
    auto = m["auto-submitted"].astype("str").str.casefold()
    precedence = m["precedence"].astype("str").str.casefold().str.strip()
    rules = [
        (has_label("spam"), "in the spam folder", "X-Gmail-Labels", m["x-gmail-labels"]),
        (
            has_label("draft") | has_label("drafts"),
            "draft, never sent",
            "X-Gmail-Labels",
            m["x-gmail-labels"],
        ),
        (  # Google Takeout puts old Hangouts chats in the mailbox, one message per chat
            has_label("chat"),
            "a chat (Google Hangouts), not an e-mail",
            "X-Gmail-Labels",
            m["x-gmail-labels"],
        ),
        (
            m["from_addr"].str.match(_BOUNCE_SENDERS).fillna(False)
            | content_type.str.startswith("multipart/report").fillna(False)
            | m["x-failed-recipients"].notna(),
            "bounce: a delivery failure notice",
            "Content-Type",
            m["content-type"],
        ),
        (
            (auto.notna() & auto.ne("no"))
            | m["x-autoreply"].notna()
            | m["x-autorespond"].notna()
            | m["subject"].astype("str").str.match(AUTO_REPLY_SUBJECT).fillna(False),
            "automatic reply (e.g. out of office)",
            "Auto-Submitted",
            m["auto-submitted"],
        ),
        (
            m["list-unsubscribe"].notna()
            | m["list-id"].notna()
            | precedence.isin(["bulk", "list", "junk"]),
            "newsletter or mailing list",
            "List-Unsubscribe",
            None,
        ),
        (m["from_addr"].isna(), "no sender address", "From", None),
    ]
    return rules


_OVERSIZED = "headers larger than the limit (header_kb): message left out"


def _header_dates(values: pd.Series) -> pd.Series:
    """RFC 5322 Date headers as naive UTC; unreadable ones NaT (parsed once per distinct value)."""

    def one(text: str):
        try:
            stamp = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            return pd.NaT
        ts = pd.Timestamp(stamp)
        if ts.tzinfo:
            return ts.tz_convert("UTC").tz_localize(None)
        zone = _ZONE_NAME.search(text)  # a zone the e-mail library does not know, e.g. CET
        return ts - pd.Timedelta(hours=_ZONE_HOURS[zone.group(1).upper()]) if zone else ts

    uniques = values.dropna().unique()
    table = pd.Series([one(v) for v in uniques], index=uniques, dtype="datetime64[us]")
    return lookup(values, table)


#: Zone abbreviations some mailers write instead of an offset, beyond the US ones the
#: e-mail library knows (IST is left out: India or Ireland).
_ZONE_HOURS = {
    "CET": 1, "CEST": 2, "MET": 1, "MEST": 2, "BST": 1, "WET": 0, "WEST": 1, "EET": 2,
    "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "AEST": 10, "AEDT": 11,
    "NZST": 12, "NZDT": 13,
}  # fmt: skip
_ZONE_NAME = re.compile(r"\d\d:\d\d(?::\d\d)?\s+(" + "|".join(_ZONE_HOURS) + r")\s*$", re.I)
_SEPARATOR_DATE = re.compile(r"^From \S*\s+(.*\S)\s*$")


def _separator_dates(values: pd.Series) -> pd.Series:
    """The time on each mbox separator line ("From x@y Mon Jun 02 09:00:00 +0000 2025")."""
    tail = values.astype("str").str.extract(_SEPARATOR_DATE)[0]
    tail = tail.str.replace(r"\s+", " ", regex=True)
    with_zone = pd.to_datetime(tail, format="%a %b %d %H:%M:%S %z %Y", errors="coerce", utc=True)
    plain = pd.to_datetime(tail, format="%a %b %d %H:%M:%S %Y", errors="coerce")
    out = with_zone.dt.tz_localize(None).astype("datetime64[us]")
    return out.fillna(plain.astype("datetime64[us]"))


def _owner_addresses(
    m: pd.DataFrame, *, owner: str | None, owner_address: str | Iterable[str] | None
) -> list[str]:
    """Your addresses, most used first."""
    if owner_address:
        given = [owner_address] if isinstance(owner_address, str) else list(owner_address)
        return [a.strip().casefold() for a in given]
    if owner and "@" in owner:
        return [owner.strip().casefold()]
    labels = m["x-gmail-labels"].astype("str").str.casefold()
    sent = labels.str.contains(r"(?:^|,)\s*sent\s*(?:,|$)", regex=True).fillna(False).astype(bool)
    pool = m.loc[sent, "from_addr"] if sent.any() else m.loc[m["outcome"].isna(), "from_addr"]
    counts = pool.dropna().value_counts()
    if sent.any():
        return list(counts.index)
    return (
        list(counts.index[:1])
        if len(counts) and (len(counts) == 1 or counts.iloc[0] > counts.iloc[1])
        else []
    )


def _fix_dates(m: pd.DataFrame, label: str, problems: Problems) -> pd.DataFrame:
    """Unreadable Date headers fall back to the separator line's time, and say so."""
    m = m.copy()
    unreadable = m["at"].isna() & m["outcome"].isna()
    use_sep = unreadable & m["sep_at"].notna()
    problems.add(
        label,
        m.loc[use_sep, "record"],
        "Date",
        m.loc[use_sep, "date"],
        "unreadable Date header; used the time on the mbox separator line",
        kept=True,
    )
    m["at"] = m["at"].fillna(m["sep_at"].where(unreadable))
    # a sender's clock years off: trust the time the mailbox stored the message
    off = (
        m["at"].notna()
        & m["sep_at"].notna()
        & ((m["at"] - m["sep_at"]).abs() > pd.Timedelta(days=365))
    )
    off &= m["outcome"].isna()
    problems.add(
        label,
        m.loc[off, "record"],
        "Date",
        m.loc[off, "date"],
        "Date header more than a year from the delivery time; used the mbox separator line",
        kept=True,
    )
    m.loc[off, "at"] = m.loc[off, "sep_at"]

    # a message cannot be older than the message it answers
    own_id = m["message-id"].str.extract(f"({_MSGID.pattern})")[0].str.casefold()
    sent_at = m.assign(mid=own_id).dropna(subset=["mid"]).groupby("mid")["at"].min()
    answered = (m["in-reply-to"].fillna("") + " " + m["references"].fillna("")).str.findall(_MSGID)
    refs = answered.explode().dropna().str.casefold()
    parent_at = lookup(refs, sent_at).groupby(level=0).max().reindex(m.index)
    early = m["at"].notna() & parent_at.notna() & (m["at"] < parent_at) & m["outcome"].isna()
    fallback = m["sep_at"].where(m["sep_at"] >= parent_at, parent_at)
    problems.add(
        label,
        m.loc[early, "record"],
        "Date",
        m.loc[early, "date"],
        "Date header earlier than the message it answers; used the delivery time instead",
        kept=True,
    )
    m["at"] = m["at"].mask(early, fallback)
    m["date_fixed"] = use_sep | off | early
    return m


# ---------------------------------------------------------------- threads


def _threads(m: pd.DataFrame, me: set[str]) -> pd.Series:
    """A thread key per message: Gmail's thread id, reply headers, or a "Re:" subject."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    links = pd.DataFrame(
        {
            "node": "r:" + m["record"].astype("str"),
            "gm": "g:" + m["x-gm-thrid"].astype("str").str.strip(),
            "ids": (
                m["message-id"].fillna("")
                + " "
                + m["in-reply-to"].fillna("")
                + " "
                + m["references"].fillna("")
            ).str.findall(_MSGID),
        }
    )
    for node, gm, ids in links.itertuples(index=False):  # building the thread graph: one pass
        if isinstance(gm, str):
            union(node, gm)
        for mid in ids:
            union(node, "m:" + mid.casefold())
    thread = links["node"].map(find)

    # a "Re:" message alone in its thread joins the latest earlier thread with the
    # same subject between the same people (mail clients that drop reply headers)
    size = thread.map(thread.value_counts())
    orphan = (size == 1) & m["is_reply_subject"] & m["at"].notna()
    base = pd.DataFrame({"thread": thread, "subject": m["norm_subject"], "at": m["at"]})
    table = pd.concat(
        [base.assign(addr=m["to_addrs"]).explode("addr"), base.assign(addr=m["from_addr"])]
    )
    table = table[~table["addr"].isin(me) & table["addr"].notna()]
    starts = table.groupby("thread")["at"].transform("min")
    threads = table.assign(start=starts)[~orphan.reindex(table.index).astype(bool)]
    threads = threads.drop_duplicates(["thread", "subject", "addr"])
    wanted = table[orphan.reindex(table.index).astype(bool)].reset_index(names="msg")
    matched = wanted.merge(
        threads[["thread", "subject", "addr", "start"]], on=["subject", "addr"], suffixes=("", "_t")
    )
    matched = matched[matched["start"] < matched["at"]].sort_values("start")
    best = matched.groupby("msg")["thread_t"].last()
    return thread.where(
        ~thread.index.isin(best.index), lookup(pd.Series(thread.index, index=thread.index), best)
    )


# ---------------------------------------------------------------- events


def _events(m: pd.DataFrame, me: set[str], label: str, problems: Problems) -> pd.DataFrame:
    """Outreach events of the threads you started; sets every message's outcome."""
    mine = _threads_you_started(m)
    if not len(mine):
        return _empty_events()
    first = mine[mine["pos"] == 0]
    # whom the request went to: the To line of the first message, without you
    rec = first[["thread", "to_addrs"]].explode("to_addrs").rename(columns={"to_addrs": "addr"})
    rec = rec[rec["addr"].notna() & ~rec["addr"].isin(me)]
    outreach = _outreach(mine, rec, len(m))
    answers = _answers(mine, outreach, label, problems)
    events = pd.concat(
        [
            outreach.assign(notes=outreach["subject"]),
            answers[["thread", "record", "at", "kind", "addr"]].assign(notes=pd.NA),
        ],
        ignore_index=True,
    )
    m.loc[mine.index, "outcome"] = MERGED
    m.loc[m["record"].isin(events["record"]) & m.index.isin(mine.index), "outcome"] = LOADED
    empty_to = first.loc[~first["thread"].isin(rec["thread"])]
    lone = (
        m.index.isin(mine.index)
        & m["thread"].isin(empty_to["thread"])
        & ~m["record"].isin(events["record"])
    )
    m.loc[lone, ["outcome", "reason", "column"]] = [REJECTED, "no recipient other than you", "To"]
    return events[["record", "at", "kind", "addr", "notes"]]


def _threads_you_started(m: pd.DataFrame) -> pd.DataFrame:
    """Dated messages of threads you started, in order (``pos``); rejects the others."""
    live = m[m["outcome"].isna()]
    no_date = live["at"].isna()
    m.loc[no_date[no_date].index, ["outcome", "reason", "column"]] = [
        REJECTED,
        "no usable date",
        "Date",
    ]
    # order by the time the mailbox stored each message (the separator line) when known:
    # a sender's wrong clock must not make their answer look like the first message
    live = live[~no_date].assign(order=live["sep_at"].fillna(live["at"]))
    live = live.sort_values(["thread", "order", "record"], kind="stable")
    live = live.assign(pos=live.groupby("thread").cumcount())
    starter_mine = live.loc[live["pos"] == 0].set_index("thread")["mine"]
    live = live.assign(started_by_me=lookup(live["thread"], starter_mine).astype(bool))
    theirs = live[~live["started_by_me"]]
    m.loc[theirs.index, ["outcome", "reason", "column"]] = [
        REJECTED,
        "thread started by someone else (not outreach)",
        "From",
    ]
    return live[live["started_by_me"]]


def _outreach(mine: pd.DataFrame, rec: pd.DataFrame, n_messages: int) -> pd.DataFrame:
    """Your request and follow-ups before the first answer, one row per recipient."""
    first_reply = mine.loc[~mine["mine"]].groupby("thread")["pos"].min()
    before = mine["pos"] < lookup(mine["thread"], first_reply).fillna(n_messages + 1)
    own = mine[mine["mine"] & before]
    gap = own.groupby("thread")["at"].diff()
    own = own[(own["pos"] == 0) | gap.ge(SAME_REQUEST_GAP)]
    own = own.assign(
        kind=lambda d: d["pos"].eq(0).map({True: "request_sent", False: "follow_up_sent"})
    )
    return own[["thread", "record", "at", "kind", "subject", "date_fixed"]].merge(rec, on="thread")


def _answers(mine: pd.DataFrame, outreach: pd.DataFrame, label: str, problems: Problems):
    """The first answer of each person; a reply dated before the request gets a fixed date."""
    replies = mine[~mine["mine"]]
    replies = replies[~replies.duplicated(["thread", "from_addr"])]
    answers = replies.assign(addr=replies["from_addr"], kind="reply_received")
    asked = outreach[outreach["kind"] == "request_sent"].groupby("thread")["at"].min()
    asked_at = lookup(answers["thread"], asked)
    early = answers["at"] < asked_at
    fallback = answers["sep_at"].where(answers["sep_at"] >= asked_at, asked_at)
    problems.add(
        label,
        answers.loc[early, "record"],
        "Date",
        answers.loc[early, "date"],
        "Date header earlier than the message it answers; "
        "used the delivery time or the request's time",
        kept=True,
    )
    return answers.assign(at=answers["at"].mask(early, fallback))


def _empty_events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "record": pd.Series(dtype="int64"),
            "at": pd.Series(dtype="datetime64[us]"),
            "kind": pd.Series(dtype="str"),
            "addr": pd.Series(dtype="str"),
            "notes": pd.Series(dtype="str"),
        }
    )


def _people(m: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One contact per address that has an event, named as they sign their mail."""
    addrs = pd.Series(events["addr"].dropna().unique(), dtype="str")
    named = pd.concat(
        [
            pd.DataFrame({"addr": m["from_addr"], "name": m["from_name"]}),
            _to_names(m),
        ]
    ).dropna()
    named = named[named["addr"].isin(addrs)].assign(name=lambda d: given_family_names(d["name"]))
    best = (
        named.groupby("addr")["name"].agg(lambda s: s.value_counts().index[0])
        if len(named)
        else pd.Series(dtype="str")
    )
    return pd.DataFrame(
        {
            "email": addrs,
            "name": lookup(addrs, best.astype("str")).astype("str"),
            "organization": pd.Series(pd.NA, index=addrs.index, dtype="str"),
            "connection": pd.NA,
        }
    )


def _to_names(m: pd.DataFrame) -> pd.DataFrame:
    """(address, display name) pairs from the To lines."""
    uniques = m["to"].dropna().unique()
    pairs = [
        (addr.casefold(), name)
        for value in uniques
        for name, addr in named_addresses(value)
        if name
    ]
    return pd.DataFrame(pairs, columns=["addr", "name"])
