"""LinkedIn's "get a copy of your data" archive: Connections.csv, messages.csv, Invitations.csv.

What becomes what:

* every connection becomes a contact (``added_on`` = "Connected On",
  ``connection`` = "other": the export does not say how you know them);
* a conversation whose first message is yours is outreach: ``request_sent``
  (channel linkedin) to each recipient; another message of yours before
  they answer, a day or more later, is a ``follow_up_sent``; the first
  message of each other participant is their ``reply_received``; later
  messages are part of the same exchange (counted as merged);
* an invitation you sent *with a note* is a ``request_sent``; if the person
  is now a connection, a ``connected`` event is added at "Connected On";
  when they then wrote first, that message is their reply;
* not outreach, so left out and counted as rejected with a reason: drafts,
  spam, conversations others started (recruiters' InMails, sponsored
  messages, group chats), invitations you received or sent without a note.

Your own name (the sender of your messages) is found in the data: the person
taking part in the most conversations, or the sender of your outgoing
invitations. Pass ``owner_name=`` if the guess is wrong.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

import pandas as pd

from infoview_kit.errors import NotALogError
from infoview_kit.io.importers._common import (
    LOADED,
    MERGED,
    REJECTED,
    SAME_REQUEST_GAP,
    Accounting,
    Source,
    Table,
    archive_members,
    decode_text,
    finish,
    given_family_names,
    lookup,
    normalise_linkedin_url,
    parse_export_dates,
    person_key,
    read_bytes,
    read_table,
    source_name,
)
from infoview_kit.io.limits import Limits, resolve
from infoview_kit.model import OutreachLog, Problems
from infoview_kit.schema import make_contact_ids

#: The archive members this importer reads (matched on the file name, any case).
CORE_FILES: dict[str, str] = {
    "connections.csv": "connections",
    "messages.csv": "messages",
    "invitations.csv": "invitations",
}

#: Other members of a LinkedIn archive: with one core file they identify the archive.
OTHER_EXPORT_FILES: frozenset[str] = frozenset(
    {
        "profile.csv",
        "positions.csv",
        "education.csv",
        "skills.csv",
        "endorsement_received_info.csv",
        "endorsement_given_info.csv",
        "registration.csv",
        "ad_targeting.csv",
        "email addresses.csv",
        "phonenumbers.csv",
        "company follows.csv",
        "member_follows.csv",
        "recommendations_received.csv",
        "recommendations_given.csv",
        "reactions.csv",
        "shares.csv",
        "comments.csv",
        "certifications.csv",
        "languages.csv",
        "rich_media.csv",
        "learning.csv",
        "inferences_about_you.csv",
        "savedjobalerts.csv",
        "search queries.csv",
        "votes.csv",
        "events.csv",
    }
)

_MARKER = re.compile(r"\b(?:inmail|sponsored)\b", re.IGNORECASE)
_OUTGOING = {"outgoing", "sent", "outbound"}
_INCOMING = {"incoming", "received", "inbound"}
_TRUE = {"true", "yes", "1", "y"}


def is_connections_header(h: list[str]) -> bool:
    cols = set(h)
    return {"first name", "last name"} <= cols and (
        "connected on" in cols or {"company", "position"} <= cols
    )


def is_messages_header(h: list[str]) -> bool:
    return {"from", "to", "date", "content"} <= set(h)


def is_invitations_header(h: list[str]) -> bool:
    cols = set(h)
    return {"from", "to", "sent at"} <= cols and bool({"direction", "message"} & cols)


_KIND_TESTS = {
    "connections": is_connections_header,
    "messages": is_messages_header,
    "invitations": is_invitations_header,
}


def sniff_kind(text: str) -> str | None:
    """Which LinkedIn file ``text`` (the first lines of a CSV) is, from its header, or None.

    >>> sniff_kind("Notes:\\n\\nFirst Name,Last Name,URL,Email Address,Company,Connected On\\n")
    'connections'
    >>> sniff_kind("Name,Company\\n") is None
    True
    """
    import csv

    from infoview_kit.io.headers import fold_header

    lines = text.splitlines()[:12]
    # Every LinkedIn header has a "First Name" or a "From" column: without either word
    # (quotes aside, as the CSV reader drops them) no line can be one, so none is folded.
    plain = "\n".join(lines).replace('"', "").casefold()
    if "first" not in plain and "from" not in plain:
        return None
    try:
        records = list(csv.reader(lines))
    except csv.Error:
        return None
    for rec in records:
        folded = [fold_header(c) for c in rec]
        for kind, test in _KIND_TESTS.items():
            if test(folded):
                return kind
    return None


def looks_like_archive(names: list[str]) -> bool:
    """True when member names look like a LinkedIn export (two core files, or one plus others).

    >>> looks_like_archive(["Connections.csv", "messages.csv"])
    True
    >>> looks_like_archive(["connections.csv"])  # could be anyone's tracker
    False
    """
    base = {PurePosixPath(n).name.casefold() for n in names}
    core = len(base & set(CORE_FILES))
    return core >= 2 or (core == 1 and bool(base & OTHER_EXPORT_FILES))


def read_linkedin(
    source: Source,
    *,
    owner: str | None = None,
    owner_name: str | None = None,
    name: str | None = None,
    limits: Limits | None = None,
) -> OutreachLog:
    """Read a LinkedIn data archive (zip or extracted folder) or one of its CSV files.

    ``owner`` labels the log (default: your name as found in the data, else
    "me"); ``owner_name`` is your name as LinkedIn shows it, when the guess
    from the data is wrong; ``name`` is the file name used in reports when
    ``source`` is bytes; ``limits`` are the budgets of :mod:`infoview_kit.io.limits`.

    >>> csv = (
    ...     "Notes:\\n\\"Some e-mail addresses may be missing.\\"\\n\\n"
    ...     "First Name,Last Name,URL,Email Address,Company,Position,Connected On\\n"
    ...     "Ada,Example,https://www.linkedin.com/in/ada-example,,Acme,Engineer,07 Jun 2025\\n"
    ... )
    >>> log = read_linkedin(csv.encode(), owner="me", name="Connections.csv")
    >>> log.contacts[["name", "organization", "added_on"]].to_dict("records")
    [{'name': 'Ada Example', 'organization': 'Acme', 'added_on': Timestamp('2025-06-07 00:00:00')}]
    >>> log.report.rows_read, log.report.rows_loaded, log.report.problems.empty
    (1, 1, True)
    """
    label = source_name(source, name)
    texts, skipped = _collect(source, label, resolve(limits))
    problems = Problems()
    files = {kind: file for kind, (file, _) in texts.items()}
    tables = {
        kind: read_table(text, file=file, is_header=_KIND_TESTS[kind])
        for kind, (file, text) in texts.items()
    }
    _report_extra_cells(tables, files, problems)
    conns = _connections_frame(tables.get("connections"), files.get("connections"), problems)
    msgs = _messages_frame(tables.get("messages"), files.get("messages"), problems)
    invs = _invitations_frame(tables.get("invitations"), files.get("invitations"), problems)
    me_key, me_name, me_urls = _detect_owner(msgs, invs, owner=owner, owner_name=owner_name)
    if me_key is None and (len(msgs) or len(invs)):
        _report_unknown_owner(files, problems)
    log_owner = owner or me_name or "me"
    conns["contact_id"] = _connection_ids(conns, log_owner)
    msg_events, pending = _message_events(msgs, me_key, me_urls)
    inv_events = _invitation_events(invs, me_key, me_urls)
    candidates = pd.concat([msg_events, inv_events, pending], ignore_index=True)
    candidates["contact_id"], new_people = _resolve_people(candidates, conns, log_owner)
    events = _settle(candidates, msgs, invs, conns, problems, files)
    contacts = _contacts(conns, new_people, events, problems, files.get("connections"))
    contacts["owner"] = log_owner
    events["owner"] = log_owner
    frames = {"connections": conns, "messages": msgs, "invitations": invs}
    return finish(contacts, events, _accounting(frames, files, skipped, problems))


def _connection_ids(conns: pd.DataFrame, owner: str) -> pd.Series:
    """The contact id of each connection; one profile listed twice is one person."""
    ids = make_contact_ids(
        pd.Series(owner, index=conns.index), conns["email"], conns["name"], conns["organization"]
    )
    loaded = conns["outcome"].eq(LOADED)
    ids = _namesakes_apart(ids, conns, loaded, owner)
    # the same profile listed twice is one person, whatever else differs
    by_url = ids[loaded].groupby(conns.loc[loaded, "url_key"]).first()
    return conns["url_key"].map(by_url).astype("str").where(loaded).fillna(ids)


def _accounting(
    frames: dict[str, pd.DataFrame], files: dict[str, str], skipped, problems: Problems
) -> Accounting:
    """Every row of every file of the export accounted for; members that are not its own skipped."""
    accounting = Accounting(problems)
    for kind, frame in frames.items():
        if kind in files:
            _report_rejected(frame, files[kind], problems)
            accounting.add_file(files[kind], f"linkedin {kind}", frame["outcome"])
    for member in skipped:
        accounting.skip_file(member, "not part of the LinkedIn export: load it on its own")
    return accounting


def _namesakes_apart(
    ids: pd.Series, conns: pd.DataFrame, loaded: pd.Series, owner: str
) -> pd.Series:
    """Ids of namesakes (same name and company, no e-mail) with different profiles kept apart.

    Two profiles are two people: their ids also hash the profile, so they never merge.
    """
    url = conns["url_key"]
    known = loaded & url.notna()
    profiles = url[known].groupby(ids[known]).nunique()
    clash = known & ids.map(profiles).gt(1).fillna(False).astype(bool) & conns["email"].isna()
    if not clash.any():
        return ids
    apart = make_contact_ids(
        pd.Series(owner, index=conns.index),
        conns["email"],
        conns["name"],
        conns["organization"].astype("str").fillna("") + " " + url.astype("str"),
    )
    return ids.where(~clash, apart)


def _report_rejected(frame: pd.DataFrame, file: str, problems: Problems) -> None:
    """One problem row per rejected record, grouped by reason (vectorised per reason)."""
    rejected = frame[frame["outcome"].eq(REJECTED)]
    for (reason, column), group in rejected.groupby(["reason", "column"], sort=False, dropna=False):
        problems.add(
            file,
            group["row"],
            None if pd.isna(column) else column,
            group["value"],
            reason if isinstance(reason, str) else "not used",
            kept=False,
        )


# ---------------------------------------------------------------- reading


def _collect(
    source: Source, label: str, limits: Limits
) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """kind -> (file name for reports, text) of the LinkedIn CSV files in ``source``,
    and the members that other importers read (mailboxes, calendars, address books)."""
    if isinstance(source, (str, os.PathLike)) and Path(source).is_dir():
        members = archive_members(source, name=label, limits=limits)
    else:
        data = read_bytes(source, name=label, limits=replace(limits, table_mb=limits.unpacked_mb))
        if data[:4] in (b"PK\x03\x04", b"PK\x05\x06") or zipfile.is_zipfile(io.BytesIO(data)):
            members = archive_members(data, name=label, limits=limits)
        else:
            if len(data) > limits.table_bytes:
                raise limits.exceeded(label, "is larger than", "table_mb")
            text = decode_text(data)
            kind = sniff_kind(text)
            if kind is None:
                raise NotALogError(
                    f"{label}: not a LinkedIn export file (expected the header of "
                    "Connections.csv, messages.csv or Invitations.csv)."
                )
            return {kind: (label, text)}, []
    found: dict[str, tuple[str, str]] = {}
    for member in sorted(members, key=lambda m: (m.count("/"), m)):
        kind = CORE_FILES.get(PurePosixPath(member).name.casefold())
        if kind and kind not in found:
            found[kind] = (f"{label}/{member}", decode_text(members[member]))
    if not found:
        raise NotALogError(
            f"{label}: no Connections.csv, messages.csv or Invitations.csv in this LinkedIn export."
        )
    skipped = [
        f"{label}/{m}" for m in members if PurePosixPath(m).suffix.casefold() in _OTHER_SOURCES
    ]
    return found, skipped


_OTHER_SOURCES = {".mbox", ".ics", ".vcf"}


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame:
        return frame[name]
    return pd.Series(pd.NA, index=frame.index, dtype="str")


def _outcomes(index: pd.Index) -> dict[str, pd.Series]:
    """Empty decision columns: outcome, reason, and the column/value a problem row shows."""
    return {
        "outcome": pd.Series(pd.NA, index=index, dtype="str"),
        "reason": pd.Series(pd.NA, index=index, dtype="str"),
        "column": pd.Series(pd.NA, index=index, dtype="str"),
        "value": pd.Series(pd.NA, index=index, dtype="str"),
    }


def _empty(columns: list[str]) -> pd.DataFrame:
    """A frame of a file that is absent or has no rows, with the dtypes a full one has."""
    dtypes = {"at": "datetime64[us]", "added_on": "datetime64[us]", "row": "int64"}
    names = [*columns, *_outcomes(pd.RangeIndex(0))]
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "str")) for c in names})


def _reject(
    frame: pd.DataFrame, mask: pd.Series, reason: str, column: str | None, value=None
) -> None:
    """Mark undecided rows in ``mask`` as rejected (first reason wins). ``frame`` is ours."""
    pick = mask & frame["outcome"].isna()
    frame.loc[pick, "outcome"] = REJECTED
    frame.loc[pick, "reason"] = reason
    frame.loc[pick, "column"] = column
    if value is not None:
        frame.loc[pick, "value"] = value[pick]


def _connections_frame(table: Table | None, file: str | None, problems: Problems) -> pd.DataFrame:
    columns = [
        "row",
        "name",
        "email",
        "organization",
        "role",
        "linkedin_url",
        "url_key",
        "added_on",
    ]
    if table is None or table.frame.empty:
        return _empty(columns)
    f = table.frame
    name = (_col(f, "first name").fillna("") + " " + _col(f, "last name").fillna("")).str.strip()
    name = name.where(name.str.len() > 0)
    raw_date = _col(f, "connected on")
    added = parse_export_dates(
        raw_date, file=file, column="Connected On", problems=problems, rows=f["row"]
    )
    bad_date = raw_date.notna() & added.isna()
    problems.add(
        file,
        f.loc[bad_date, "row"],
        "Connected On",
        raw_date[bad_date],
        "unreadable date",
        kept=True,
    )
    url = _col(f, "url")
    out = pd.DataFrame(
        {
            "row": f["row"],
            "name": name,
            "email": _col(f, "email address"),
            "organization": _col(f, "company"),
            "role": _col(f, "position"),
            "linkedin_url": url,
            "url_key": normalise_linkedin_url(url),
            "added_on": added,
            **_outcomes(f.index),
        }
    )
    _reject(
        out, name.isna(), "no name: LinkedIn hides this member's details in exports", "First Name"
    )
    out.loc[out["outcome"].isna(), "outcome"] = LOADED
    return out


def _messages_frame(table: Table | None, file: str | None, problems: Problems) -> pd.DataFrame:
    columns = [
        "row",
        "file",
        "conv",
        "sender",
        "sender_url",
        "to",
        "to_urls",
        "at",
        "subject",
        "title",
        "content",
        "folder",
        "direction",
    ]
    if table is None or table.frame.empty:
        return _empty(columns)
    f = table.frame
    raw_date = _col(f, "date")
    # LinkedIn writes US-style dates (month first) when it does not write ISO ones
    at = parse_export_dates(
        raw_date, file=file, column="DATE", problems=problems, rows=f["row"], assume="month"
    )
    raw_folder = _col(f, "folder")
    folder = raw_folder.str.casefold()
    draft = (
        folder.eq("draft").fillna(False)
        | _col(f, "is message draft").str.casefold().isin(_TRUE)
        | _col(f, "is conversation draft").str.casefold().isin(_TRUE)
    )
    out = pd.DataFrame(
        {
            "row": f["row"],
            "file": file,
            "conv": _col(f, "conversation id"),
            "sender": given_family_names(_col(f, "from")),
            "sender_url": _col(f, "sender profile url"),
            # recipients are separated by commas, unless the cell reads as one "Family, Given"
            "to": given_family_names(_col(f, "to")),
            "to_urls": _col(f, "recipient profile urls"),
            "at": at,
            "subject": _col(f, "subject"),
            "title": _col(f, "conversation title"),
            "content": _col(f, "content"),
            "folder": folder,
            "direction": _col(f, "direction").str.casefold(),
            **_outcomes(f.index),
        }
    )
    _reject(out, draft, "draft, never sent", "FOLDER", raw_folder)
    _reject(out, folder.eq("spam").fillna(False), "in the spam folder", "FOLDER", raw_folder)
    _reject(out, at.isna(), "unreadable date", "DATE", raw_date)
    return out


def _invitations_frame(table: Table | None, file: str | None, problems: Problems) -> pd.DataFrame:
    columns = ["row", "file", "sender", "to", "at", "message", "direction", "sender_url", "to_url"]
    if table is None or table.frame.empty:
        return _empty(columns)
    f = table.frame
    raw_date = _col(f, "sent at")
    at = parse_export_dates(
        raw_date, file=file, column="Sent At", problems=problems, rows=f["row"], assume="month"
    )
    out = pd.DataFrame(
        {
            "row": f["row"],
            "file": file,
            "sender": given_family_names(_col(f, "from")),
            "to": given_family_names(_col(f, "to")),
            "at": at,
            "message": _col(f, "message"),
            "direction": _col(f, "direction").str.casefold(),
            "sender_url": _col(f, "inviterprofileurl"),
            "to_url": _col(f, "inviteeprofileurl"),
            **_outcomes(f.index),
        }
    )
    out["raw_at"] = raw_date
    return out


# ---------------------------------------------------------------- who is "me"


def _split_list(values: pd.Series) -> pd.Series:
    """Several recipients (names or URLs) of one message are separated by commas."""
    return values.str.split(r"\s*,\s*", regex=True)


def _detect_owner(
    msgs: pd.DataFrame, invs: pd.DataFrame, *, owner: str | None, owner_name: str | None
) -> tuple[str | None, str | None, set[str]]:
    """(folded name, display name, normalised profile URLs) of the archive's owner."""
    names = _names_seen(msgs, invs)
    key = None
    if owner_name:
        key = person_key(pd.Series([owner_name])).iloc[0]
    elif owner and person_key(pd.Series([owner])).iloc[0] in set(names["key"]):
        key = person_key(pd.Series([owner])).iloc[0]
    if key is None and (len(invs) or len(msgs)):
        key = _owner_by_direction(msgs, invs)
    if key is None and len(msgs) and len(names):
        key = _owner_by_conversations(msgs, names)
    if key is None:
        return None, owner_name, set()
    spelled = names.loc[names["key"] == key, "name"]
    display = owner_name or (spelled.mode().iloc[0] if len(spelled) else None)
    urls = pd.concat(
        [
            msgs.loc[person_key(msgs["sender"]).eq(key).fillna(False), "sender_url"],
            invs.loc[person_key(invs["sender"]).eq(key).fillna(False), "sender_url"],
            invs.loc[person_key(invs["to"]).eq(key).fillna(False), "to_url"],
        ]
    )
    return key, display, set(normalise_linkedin_url(urls.astype("str")).dropna())


def _names_seen(msgs: pd.DataFrame, invs: pd.DataFrame) -> pd.DataFrame:
    """Every name on a message or invitation (sender and recipients), with its conversation
    (an invitation is its own) and its folded key."""
    seen = []
    if len(msgs):
        conv = msgs["conv"].fillna("row:" + msgs["row"].astype("str"))
        seen.append(pd.DataFrame({"conv": conv, "name": msgs["sender"]}))
        seen.append(pd.DataFrame({"conv": conv, "name": _split_list(msgs["to"])}).explode("name"))
    if len(invs):
        tag = "inv:" + invs["row"].astype("str")
        seen.append(pd.DataFrame({"conv": tag, "name": invs["sender"]}))
        seen.append(pd.DataFrame({"conv": tag, "name": invs["to"]}))
    names = (
        pd.concat(seen, ignore_index=True).dropna()
        if seen
        else pd.DataFrame({"conv": [], "name": []})
    )
    names["key"] = person_key(names["name"].astype("str"))
    return names


def _owner_by_direction(msgs: pd.DataFrame, invs: pd.DataFrame) -> str | None:
    """The sender of what went out, the recipient of what came in: the most frequent one."""
    frames = [frame for frame in (invs, msgs) if len(frame)]
    mine = pd.concat(
        [frame.loc[frame["direction"].isin(_OUTGOING), "sender"] for frame in frames]
        + [_split_list(frame.loc[frame["direction"].isin(_INCOMING), "to"]).explode()
           for frame in frames]
    ).dropna()  # fmt: skip
    return person_key(mine).mode().iloc[0] if len(mine) else None


def _owner_by_conversations(msgs: pd.DataFrame, names: pd.DataFrame) -> str | None:
    """You take part in every conversation of your own archive: the one name in the most;
    in a tie (one conversation partner), the one who wrote more of the messages."""
    per_key = names.groupby("key")["conv"].nunique().sort_values(ascending=False, kind="stable")
    best = per_key[per_key == per_key.iloc[0]]
    if len(best) == 1:
        return best.index[0]
    sent = person_key(msgs["sender"].dropna()).value_counts()
    sent = sent[sent.index.isin(best.index)]
    if len(sent) == 1 or (len(sent) > 1 and sent.iloc[0] > sent.iloc[1]):
        return sent.index[0]
    return None


def _is_me(names: pd.Series, urls: pd.Series, me_key: str | None, me_urls: set[str]) -> pd.Series:
    by_name = (
        person_key(names).eq(me_key).fillna(False)
        if me_key
        else pd.Series(False, index=names.index)
    )
    return by_name | normalise_linkedin_url(urls.astype("str")).isin(me_urls)


# ---------------------------------------------------------------- events


def _report_extra_cells(tables: dict, files: dict[str, str], problems: Problems) -> None:
    for kind, table in tables.items():
        extra = table.frame[table.frame["extra"] > 0]
        problems.add(
            files[kind],
            extra["row"],
            None,
            None,
            "more cells than headers; the extra cells were ignored",
            kept=True,
        )


def _report_unknown_owner(files: dict[str, str], problems: Problems) -> None:
    problems.add(
        files.get("messages") or files.get("invitations"),
        None,
        "FROM",
        None,
        "could not tell which messages are yours: give your name as LinkedIn shows it "
        'as the owner (in a shell: --owner "Your Name")',
        kept=True,
    )


def _message_events(
    msgs: pd.DataFrame, me_key: str | None, me_urls: set[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Candidate events of messages.csv, and first messages of others that may answer
    an invitation of yours (decided once people are known). Sets the rows' outcomes."""
    if not len(msgs):
        return _event_frame(), _event_frame()
    if me_key is None and not me_urls:
        _reject(msgs, msgs["outcome"].isna(), "could not tell which messages are yours", "FROM")
        return _event_frame(), _event_frame()
    m, starter = _conversations(msgs[msgs["outcome"].isna()].copy(), me_key, me_urls)
    rec = _first_recipients(starter, me_key, me_urls)
    m = _mark_groups_and_inmail(m, starter, rec)
    events = _conversations_you_started(msgs, m, rec)
    pending = _conversations_they_started(msgs, m)
    return _event_frame(events), _event_frame(pending)


def _conversations(
    m: pd.DataFrame, me_key: str | None, me_urls: set[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Messages in conversation order (``pos``), who started each; the first messages."""
    m["mine"] = _is_me(m["sender"], m["sender_url"], me_key, me_urls)
    first_to = _split_list(m["to"]).str[0]
    counterpart = m["sender"].where(~m["mine"], first_to)
    m["conv"] = m["conv"].fillna("name:" + person_key(counterpart).fillna(""))
    m = m.sort_values(["conv", "at", "row"], kind="stable")
    m["pos"] = m.groupby("conv").cumcount()
    starter = m[m["pos"] == 0].set_index("conv")
    m["started_by_me"] = m["conv"].map(starter["mine"]).astype(bool)
    return m, starter


def _first_recipients(starter: pd.DataFrame, me_key: str | None, me_urls: set[str]):
    """Recipients of each conversation's first message: whom the outreach went to."""
    names = _split_list(starter["to"]).explode().rename("name").to_frame()
    names["pos"] = names.groupby(level=0).cumcount()
    urls = _split_list(starter["to_urls"]).explode().rename("url").to_frame()
    urls["pos"] = urls.groupby(level=0).cumcount()
    n_names = names.groupby(level=0).size()
    n_urls = urls.dropna().groupby(level=0).size().reindex(n_names.index, fill_value=0)
    rec = names.reset_index().merge(urls.reset_index(), on=["conv", "pos"], how="left")
    rec.loc[rec["conv"].map(n_names.ne(n_urls)), "url"] = pd.NA
    rec = rec.dropna(subset=["name"])
    return rec[~_is_me(rec["name"], rec["url"], me_key, me_urls)]


def _mark_groups_and_inmail(m: pd.DataFrame, starter: pd.DataFrame, rec: pd.DataFrame):
    """``group``: more than one other person; ``inmail``: sponsored or InMail conversations."""
    others = pd.concat(
        [
            m.loc[~m["mine"], ["conv", "sender"]].rename(columns={"sender": "name"}),
            rec[["conv", "name"]],
        ]
    )
    n_others = others.assign(key=person_key(others["name"])).groupby("conv")["key"].nunique()
    m["group"] = m["conv"].map(n_others).fillna(0).gt(1)
    marks = (
        starter["folder"].fillna("")
        + " "
        + starter["subject"].fillna("")
        + " "
        + starter["title"].fillna("")
        + " "
        + starter["content"].fillna("").str[:200]
    )
    inmail = ~starter["mine"] & (starter["subject"].notna() | marks.str.contains(_MARKER))
    m["inmail"] = m["conv"].map(inmail).fillna(False).astype(bool)
    return m


def _conversations_you_started(msgs: pd.DataFrame, m: pd.DataFrame, rec: pd.DataFrame):
    """Requests, follow-ups before the first answer, and the first answer of each person."""
    mine = m[m["started_by_me"]].copy()
    first_reply = mine.loc[~mine["mine"]].groupby("conv")["pos"].min()
    before_reply = mine["pos"] < mine["conv"].map(first_reply).fillna(len(m) + 1)
    own = mine[mine["mine"] & before_reply].copy()
    gap = own.groupby("conv")["at"].diff()
    own["kind"] = "follow_up_sent"
    own.loc[own["pos"] == 0, "kind"] = "request_sent"
    own = own[(own["pos"] == 0) | gap.ge(SAME_REQUEST_GAP)]
    replies = mine[~mine["mine"]]
    replies = replies[
        ~replies.assign(key=person_key(replies["sender"])).duplicated(["conv", "key"])
    ]
    outreach = own[["conv", "row", "file", "at", "kind"]].merge(
        rec[["conv", "name", "url"]], on="conv"
    )
    answers = replies.assign(
        name=replies["sender"], url=replies["sender_url"], kind="reply_received"
    )
    events = pd.concat([outreach, answers[["conv", "row", "file", "at", "kind", "name", "url"]]])
    in_mine = msgs["row"].isin(mine["row"])
    msgs.loc[in_mine, "outcome"] = MERGED
    msgs.loc[in_mine & msgs["row"].isin(events["row"]), "outcome"] = LOADED
    return events


def _conversations_they_started(msgs: pd.DataFrame, m: pd.DataFrame) -> pd.DataFrame:
    """Not outreach, unless the first message answers an invitation (decided later)."""
    theirs = m[~m["started_by_me"]]
    _reject(
        msgs,
        msgs["row"].isin(theirs.loc[theirs["group"], "row"]),
        "group conversation started by someone else",
        "FROM",
    )
    _reject(
        msgs,
        msgs["row"].isin(theirs.loc[theirs["inmail"], "row"]),
        "InMail or sponsored message, not your outreach",
        "SUBJECT",
    )
    _reject(
        msgs, msgs["row"].isin(theirs["row"]), "conversation started by the other person", "FROM"
    )
    first = theirs[~theirs["group"] & ~theirs["inmail"] & (theirs["pos"] == 0)]
    return first.assign(
        name=first["sender"], url=first["sender_url"], kind="reply_received", pending=True
    )


def _invitation_events(invs: pd.DataFrame, me_key: str | None, me_urls: set[str]) -> pd.DataFrame:
    if not len(invs):
        return _event_frame()
    direction = invs["direction"]
    sender_me = _is_me(invs["sender"], invs["sender_url"], me_key, me_urls)
    to_me = _is_me(invs["to"], invs["to_url"], me_key, me_urls)
    outgoing = direction.isin(_OUTGOING) | (direction.isna() & sender_me & ~to_me)
    incoming = direction.isin(_INCOMING) | (direction.isna() & to_me & ~sender_me)
    _reject(
        invs, incoming, "invitation you received, not your outreach", "Direction", invs["direction"]
    )
    _reject(
        invs, ~outgoing, "could not tell who sent this invitation", "Direction", invs["direction"]
    )
    _reject(
        invs,
        invs["message"].isna(),
        "invitation without a note (not counted as outreach)",
        "Message",
    )
    _reject(invs, invs["at"].isna(), "unreadable date", "Sent At", invs["raw_at"])
    sent = invs[invs["outcome"].isna()]
    invs.loc[sent.index, "outcome"] = LOADED
    return _event_frame(
        pd.DataFrame(
            {
                "row": sent["row"],
                "file": sent["file"],
                "at": sent["at"],
                "kind": "request_sent",
                "name": sent["to"],
                "url": sent["to_url"],
                "notes": "connection invitation with a note",
            }
        )
    )


_EVENT_COLUMNS = {
    "conv": "str",
    "row": "int64",
    "file": "str",
    "at": "datetime64[us]",
    "kind": "str",
    "name": "str",
    "url": "str",
    "notes": "str",
    "pending": "bool",
}


def _event_frame(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Candidate events with fixed columns (``pending``: a reply still to be confirmed)."""
    if frame is None:
        frame = pd.DataFrame(index=pd.RangeIndex(0))
    out = {}
    for column, dtype in _EVENT_COLUMNS.items():
        if column in frame:
            out[column] = frame[column].astype(dtype)
        elif dtype == "bool":
            out[column] = pd.Series(False, index=frame.index)
        else:
            out[column] = pd.Series(
                pd.NA, index=frame.index, dtype=dtype if dtype == "str" else "object"
            ).astype(dtype)
    return pd.DataFrame(out, index=frame.index).reset_index(drop=True)


# ---------------------------------------------------------------- people


def _resolve_people(
    candidates: pd.DataFrame, conns: pd.DataFrame, owner: str
) -> tuple[pd.Series, pd.DataFrame]:
    """Contact id per candidate event, and the people who are not connections.

    A person is a connection when the profile URL matches, or else when only
    one connection has that name (and the URLs do not contradict it). Other
    people get one id per name; namesakes with different profiles stay apart.
    """
    key = person_key(candidates["name"])
    url_key = normalise_linkedin_url(candidates["url"])
    known = conns[conns["outcome"] == LOADED].assign(key=lambda d: person_key(d["name"]))
    by_url = (
        known.dropna(subset=["url_key"])
        .drop_duplicates("url_key")
        .set_index("url_key")["contact_id"]
    )
    counts = known["key"].value_counts()
    by_name = known[known["key"].map(counts).eq(1)].set_index("key")
    ids = lookup(url_key, by_url).astype("str")
    name_url = lookup(key, by_name["url_key"]).astype("str")
    conflict = url_key.notna() & name_url.notna() & url_key.ne(name_url)
    ids = ids.fillna(lookup(key, by_name["contact_id"]).astype("str").where(~conflict))

    new = pd.DataFrame(
        {"key": key, "name": candidates["name"], "url": candidates["url"], "url_key": url_key}
    )
    new = new[ids.isna() & key.notna()]
    namesakes = lookup(new["key"], new.groupby("key")["url_key"].nunique()).gt(1)
    first_url = new.dropna(subset=["url_key"]).groupby("key")["url_key"].first()
    new["url_key"] = new["url_key"].fillna(lookup(new["key"], first_url).astype("str"))
    new["contact_id"] = make_contact_ids(
        pd.Series(owner, index=new.index),
        pd.Series(pd.NA, index=new.index, dtype="str"),
        new["name"],
        new["url_key"].where(namesakes),
    )
    return ids.fillna(new["contact_id"]).astype("str"), new


def _settle(
    candidates: pd.DataFrame,
    msgs: pd.DataFrame,
    invs: pd.DataFrame,
    conns: pd.DataFrame,
    problems: Problems,
    files: dict[str, str],
) -> pd.DataFrame:
    """Final events: replies to invitations confirmed, repeats merged, kinds ranked,
    acceptances added. Updates the outcomes of ``msgs`` and ``invs`` (our copies)."""
    ev = _answers_to_invitations(candidates[candidates["contact_id"].notna()], msgs)
    ev = _one_request_per_epoch(ev, msgs, invs)
    ev = pd.concat([ev, _acceptances(ev, conns, problems, files)], ignore_index=True)
    return pd.DataFrame(
        {
            "contact_id": ev["contact_id"],
            "at": ev["at"],
            "kind": ev["kind"],
            "channel": "linkedin",
            "notes": ev["notes"],
            "source": ev["file"] + ":" + ev["row"].astype("str"),
        }
    )


def _answers_to_invitations(ev: pd.DataFrame, msgs: pd.DataFrame) -> pd.DataFrame:
    """A conversation the other person started answers an earlier invitation of yours."""
    invited = (
        ev[(ev["kind"] == "request_sent") & ev["conv"].isna()].groupby("contact_id")["at"].min()
    )
    accepted = ev["pending"] & lookup(ev["contact_id"], invited).lt(ev["at"]).fillna(False)
    answered = msgs["conv"].isin(ev.loc[accepted, "conv"]) & msgs["reason"].eq(
        "conversation started by the other person"
    ).fillna(False)
    msgs.loc[answered, ["outcome", "reason", "column"]] = [MERGED, pd.NA, pd.NA]
    msgs.loc[msgs["row"].isin(ev.loc[accepted, "row"]) & answered, "outcome"] = LOADED
    return ev[~ev["pending"] | accepted]


def _one_request_per_epoch(ev: pd.DataFrame, msgs: pd.DataFrame, invs: pd.DataFrame):
    """Your outreach to one person: messages less than a day apart are one request;
    the first after each reply is a request, later ones are follow-ups."""
    ev = ev.sort_values(["contact_id", "at", "row"], kind="stable")
    is_out = ev["kind"].isin(["request_sent", "follow_up_sent"])
    epoch = (
        ev["contact_id"]
        + "#"
        + ev["kind"].eq("reply_received").groupby(ev["contact_id"]).cumsum().astype("str")
    )
    out = ev[is_out]
    repeat = (
        out.groupby(epoch[is_out])["at"]
        .diff()
        .lt(SAME_REQUEST_GAP)
        .reindex(ev.index, fill_value=False)
    )
    ev = ev.assign(kind=ev["kind"].mask(is_out, "follow_up_sent"))
    firsts = out.groupby(epoch[is_out]).head(1).index
    ev.loc[firsts, "kind"] = "request_sent"
    kept = pd.MultiIndex.from_frame(ev.loc[~repeat, ["file", "row"]])
    gone = pd.MultiIndex.from_frame(ev.loc[repeat, ["file", "row"]]).difference(kept)
    for frame in (msgs, invs):
        if len(frame):
            hit = pd.MultiIndex.from_frame(
                frame[["file", "row"]].astype({"file": "str", "row": "int64"})
            ).isin(gone)
            frame.loc[hit, "outcome"] = MERGED
    return ev[~repeat]


def _acceptances(ev: pd.DataFrame, conns: pd.DataFrame, problems: Problems, files) -> pd.DataFrame:
    """An invitation of yours is accepted when the invitee is now a connection."""
    sent = ev[(ev["kind"] != "reply_received") & ev["conv"].isna()]
    added = (
        conns[conns["outcome"] == LOADED]
        .drop_duplicates("contact_id")
        .set_index("contact_id")["added_on"]
    )
    connected_on = lookup(sent["contact_id"], added)
    ok = connected_on.notna() & (connected_on >= sent["at"].dt.floor("D"))
    early = connected_on.notna() & ~ok
    problems.add(
        files.get("invitations"),
        sent.loc[early, "row"],
        "Sent At",
        None,
        "already a connection before this invitation; no acceptance recorded",
        kept=True,
    )
    acceptances = sent[ok].assign(
        at=connected_on[ok], kind="connected", notes="invitation accepted"
    )
    return acceptances.drop_duplicates("contact_id")


def _contacts(
    conns: pd.DataFrame,
    new_people: pd.DataFrame,
    events: pd.DataFrame,
    problems: Problems,
    file: str | None,
) -> pd.DataFrame:
    """Connections (duplicates merged and reported) plus the people met only in messages."""
    loaded = conns[conns["outcome"] == LOADED]
    first_row = loaded.groupby("contact_id")["row"].transform("first")
    dups = loaded[loaded["row"].ne(first_row)]
    for first, group in dups.groupby(first_row[dups.index]):
        problems.add(file, group["row"], None, None, f"duplicate of row {first}; merged", kept=True)
    conns.loc[dups.index, "outcome"] = MERGED
    fields = ["contact_id", "name", "email", "organization", "role", "linkedin_url", "added_on"]
    from_conns = loaded[fields].groupby("contact_id", sort=False).first().reset_index()
    people = new_people[
        new_people["contact_id"].isin(events["contact_id"])
        & ~new_people["contact_id"].isin(from_conns["contact_id"])
    ]
    people = people.groupby("contact_id", sort=False).agg(
        name=("name", "first"), linkedin_url=("url", "first")
    )
    people = people.reset_index()
    people["added_on"] = lookup(
        people["contact_id"], events.groupby("contact_id")["at"].min()
    ).dt.floor("D")
    contacts = pd.concat([from_conns, people], ignore_index=True)
    contacts["connection"] = "other"
    return contacts
