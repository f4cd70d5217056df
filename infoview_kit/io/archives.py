"""Archives and folders opened safely: budgets checked first, members streamed, links confined.

Zip archives are opened without trusting what they declare: members are
counted against :attr:`Limits.members` before anything is unpacked, then
unpacked one at a time in chunks, each byte counted against the load's
:class:`~infoview_kit.io.limits.Budget` (shared by every archive and nesting
level), so a member that lies about its size stops at the budget too. A
partly unpacked member is removed when anything goes wrong (Ctrl+C included).

Folders are walked without leaving them: a link is followed only when it
points inside the folder the user named, each real file and folder is
visited once (so a link loop ends), and pipes, devices and sockets are never
opened (opening a pipe waits forever). Links inside the folder are not
followed either: what they point to is read once, under its own name.

>>> classify(Path("/no/such/place"), root=Path("/"), seen=set())
'missing'
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from infoview_kit.errors import UnreadableFileError
from infoview_kit.io.limits import Budget, Limits

_CHUNK = 1 << 20
#: What zipfile and zlib raise on a damaged, encrypted or unsupported member.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    RuntimeError,
    NotImplementedError,
    OSError,
    EOFError,
    ValueError,
    KeyError,
    zlib.error,
)


def open_zip(source: Path | os.PathLike | object, label: str) -> zipfile.ZipFile:
    """An open ZipFile, or UnreadableFileError (one line) when it is not a readable zip."""
    try:
        return zipfile.ZipFile(source)
    except ZIP_ERRORS:
        raise UnreadableFileError(f"{label} is not a readable zip archive") from None


def members(archive: zipfile.ZipFile, label: str, limits: Limits) -> list[zipfile.ZipInfo]:
    """The file members of ``archive`` (folders left out), refused past ``limits.members``."""
    try:
        infos = archive.infolist()
    except ZIP_ERRORS:  # pragma: no cover - the central directory was read on opening
        raise UnreadableFileError(f"{label} is not a readable zip archive") from None
    files = [i for i in infos if not i.is_dir()]
    if len(files) > limits.members:
        raise limits.exceeded(label, "holds more files than", "members")
    return files


def unsafe_member(name: str) -> bool:
    """A member name that would land outside the folder it is unpacked into.

    >>> unsafe_member("../etc/passwd"), unsafe_member("C:/x"), unsafe_member("ana/log.csv")
    (True, True, False)
    """
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":")


def read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, budget: Budget, label: str
) -> bytes:
    """One member's bytes, streamed, within the budget and the one-table size limit."""
    limits = budget.limits
    if info.file_size > limits.table_bytes:
        raise limits.exceeded(label, "is larger than", "table_mb")
    out = bytearray()
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            budget.spend(len(chunk), label)
            out += chunk
            if len(out) > limits.table_bytes:
                raise limits.exceeded(label, "is larger than", "table_mb")
    return bytes(out)


def unpack_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, *, budget: Budget, label: str
) -> None:
    """Stream one member to ``target`` within the budget; nothing is left behind on failure."""
    if info.file_size > budget.left:
        budget.spend(info.file_size, label)  # raises: refused before anything is written
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with archive.open(info) as source, open(target, "xb") as sink:
            while chunk := source.read(_CHUNK):
                budget.spend(len(chunk), label)
                sink.write(chunk)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- folders


@dataclass(frozen=True)
class Entry:
    """One child of a folder as the walk sees it: ``kind`` is "file", "dir" or a skip reason."""

    path: Path
    kind: str


def classify(path: Path, *, root: Path, seen: set[tuple[int, int]]) -> str:
    """``"file"``, ``"dir"``, ``"missing"`` or the reason ``path`` is skipped.

    ``root`` is the resolved folder the user named; ``seen`` holds the
    (device, inode) of every file and folder already visited (updated here).
    """
    try:
        info = os.stat(path)  # follows links: what would be read
    except (OSError, RuntimeError, ValueError):
        if os.path.islink(path):
            return "a link that leads nowhere (or to itself); skipped"
        return "missing"
    if os.path.islink(path):
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "a link that leads nowhere (or to itself); skipped"
        if real != root and root not in real.parents:
            return "a link to a place outside the folder; skipped"
        # What it points to is in the folder, so it is read once, under its own name.
        return "a link to something else in the folder (read once, under its own name); skipped"
    key = (info.st_dev, info.st_ino)
    if stat.S_ISDIR(info.st_mode):
        if key in seen:
            return "a folder already read (a link loop or a mount seen twice); skipped"
        seen.add(key)
        return "dir"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a pipe, device or socket); skipped"
    if key in seen:
        return "a file already read through another link; skipped"
    seen.add(key)
    return "file"


def children(directory: Path) -> Iterator[Path]:
    """The children of ``directory`` in name order (an unreadable folder has none)."""
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return iter(())
    return (directory / name for name in names)


def check_regular(path: Path, label: str) -> None:
    """UnreadableFileError unless ``path`` is a regular file (or a link to one)."""
    try:
        info = os.stat(path)
    except OSError:
        raise UnreadableFileError(f"{label} was not found") from None
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFileError(
            f"{label} is not a regular file (a pipe, device or socket) and was not read"
        )
