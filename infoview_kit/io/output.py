"""Files written where the user said, and nowhere else: the one safe way to write an output.

:func:`write_output` writes a report (or any file a command produces) to the
path the user named:

* a new path, or an existing regular file (replaced atomically: written to a
  temporary file beside it, synced, then renamed over it, so a reader never
  sees half a report);
* a link to a regular file is written through to that file (the link stays a
  link; a file shared by link keeps getting the updates);
* a folder, a device (``/dev/full``, ``/dev/null``), a pipe, a socket or a
  link to nowhere is refused with one line, before anything is written;
* a missing parent folder is an error unless ``make_parents`` (``--parents``
  in a shell) asks for it;
* an operating-system failure (disk full, permission denied, read-only
  disk) is one line naming the path and the reason; the temporary file is
  removed on any failure, Ctrl+C included.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> write_output(folder / "report.html", "<p>hello</p>").name
'report.html'
>>> write_output(folder, "x")
Traceback (most recent call last):
...
infoview_kit.errors.InfoviewError: ... is a folder: name a file inside it, e.g. .../report.html
"""

from __future__ import annotations

import errno
import os
import stat
import uuid
from collections.abc import Callable
from pathlib import Path

from infoview_kit.errors import InfoviewError

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the disk is read-only",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EISDIR: "it is a folder",
    errno.ENOENT: "its folder does not exist",
}


def write_target(path: str | os.PathLike[str], *, label: str | None = None) -> Path:
    """The regular file a write to ``path`` replaces: ``path``, or the file a link there names.

    A new path is returned as it is. A folder, device, pipe, socket or a link
    to nowhere raises :class:`InfoviewError` (one line).
    """
    path = Path(path)
    shown = label or os.fspath(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise _failed(shown, exc) from None
    if stat.S_ISLNK(info.st_mode):
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise InfoviewError(
                f"{shown} is a link to nothing (or to itself): not written"
            ) from None
        return _regular(real, f"{shown} (a link to {real})")
    return _regular(path, shown)


def _regular(path: Path, shown: str) -> Path:
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise InfoviewError(
            f"{shown} is a folder: name a file inside it, e.g. {Path(shown) / 'report.html'}"
        )
    if not stat.S_ISREG(info.st_mode):
        raise InfoviewError(
            f"{shown} is not a regular file (a device, pipe or socket): not written; "
            "name a new file or an existing ordinary file"
        )
    return path


def write_output(
    path: str | os.PathLike[str], data: str | bytes, *, make_parents: bool = False
) -> Path:
    """Write ``data`` (text is UTF-8) to ``path`` safely (see the module); returns the path written.

    ``make_parents`` creates missing parent folders (``--parents`` in a shell);
    without it a missing folder is an error that names it.
    """
    shown = os.fspath(path)
    target = check_output(path, make_parents=make_parents)
    if make_parents and not target.parent.is_dir():
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _failed(shown, exc) from None
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    try:
        replace_file(target, payload)
    except OSError as exc:
        raise _failed(shown, exc) from None
    return target


def check_output(path: str | os.PathLike[str], *, make_parents: bool = False) -> Path:
    """What :func:`write_output` would write to, checked now (before a long computation).

    Raises :class:`InfoviewError` (one line) when the path cannot be written.
    """
    shown = os.fspath(path)
    target = write_target(path)
    parent = target.parent
    if parent.is_dir():
        return target
    if parent.exists() or _under_a_file(parent):
        raise InfoviewError(f"{shown} cannot be written: {parent} is a file, not a folder")
    if not make_parents:
        raise InfoviewError(
            f"{shown} cannot be written: the folder {parent} does not exist "
            "(create it first, or add --parents)"
        )
    return target


def _under_a_file(folder: Path) -> bool:
    """True when some existing part of ``folder``'s path is a file (writing under it fails)."""
    for part in [folder, *folder.parents]:
        if part.exists():
            return not part.is_dir()
    return False


def replace_file(
    target: Path, payload: bytes, *, before_rename: Callable[[], None] | None = None
) -> None:
    """The one atomic write of the package: temp file beside ``target``, synced, renamed over it.

    ``target`` keeps its permissions; the temp file never outlives the call;
    ``before_rename`` runs once the new bytes are safely on disk (the
    workbook keeps its backup there). A failure leaves ``target`` as it was.
    """
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.tmp")
    mode = None
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        pass
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode is not None:
            os.chmod(temp, mode)  # the replaced file keeps its permissions
        if before_rename is not None:
            before_rename()
        write_target(target)  # still a regular file (or still absent) just before the rename
        os.replace(temp, target)
    finally:
        try:
            os.unlink(temp)
        except OSError:  # gone already (renamed), or nothing more we can do
            pass


def _failed(shown: str, exc: OSError) -> InfoviewError:
    reason = _REASONS.get(exc.errno or 0) or (exc.strerror or type(exc).__name__).lower()
    return InfoviewError(f"{shown} could not be written: {reason}")
