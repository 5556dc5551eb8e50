"""Atomic, safe writing of a document to a file: what :meth:`isms.Isms.save` does.

The same guarantees as the ``isms`` command's writes (``cli/src/io.rs``,
issue 11 "Writes"):

- **Atomic.** The text goes to a temporary file created exclusively
  (``tempfile.mkstemp``: ``O_EXCL``, a random name, mode 0600) in the target's
  own directory, is flushed and fsynced, then renamed over the target with
  :func:`os.replace`, and the directory is fsynced. A reader, or a crash at any
  moment, sees the old file or the new one, never a torn one. The temporary
  file is removed on every error.
- **The file a path names.** A symlink is followed, and the file it points to
  is replaced; the link stays a link.
- **Refused, with the path in the message**, rather than silently split,
  overridden or replaced: a file with other hard links (``OSError`` EMLINK), a
  read-only file (:class:`PermissionError`), a FIFO, a device, a socket
  (``OSError`` EINVAL) or a directory (:class:`IsADirectoryError`).
- **Owner, group and mode kept**; a new file gets 0666 less the umask.
- **Serialised with the CLI.** The rename happens under the same advisory lock
  (``flock``) on the target that the ``isms`` command holds while it rewrites a
  document, so a save never lands in the middle of one.

POSIX only where POSIX matters (``fchown``, ``flock``); elsewhere those steps
are skipped.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from typing import Optional, Union

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

__all__ = ["save_text"]

PathLike = Union[str, "os.PathLike[str]"]

#: How long a save waits for another writer's lock before giving up.
LOCK_WAIT_SECONDS = 30.0


def _refuse(err: int, path: str, why: str) -> OSError:
    cls: type[OSError] = OSError
    if err == errno.EACCES:
        cls = PermissionError
    elif err == errno.EISDIR:
        cls = IsADirectoryError
    return cls(err, f"refusing to write {path}: {why}", path)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _resolve(path: str) -> tuple[str, Optional[os.stat_result]]:
    """The file to replace (symlinks followed) and its status, or ``None``
    when it does not exist yet; raises for a target that must not be replaced."""
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        return path, None
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise _refuse(errno.ENOENT, path, "it is a symbolic link to a file that does not exist") from None
    if stat.S_ISDIR(st.st_mode):
        raise _refuse(errno.EISDIR, path, "it is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise _refuse(errno.EINVAL, path, f"it is not a regular file ({_kind(st.st_mode)}); a document must be one")
    if st.st_nlink > 1:
        raise _refuse(
            errno.EMLINK,
            path,
            f"it has {st.st_nlink} hard links, and replacing it would leave the other names with the old content",
        )
    if st.st_mode & 0o222 == 0:
        raise _refuse(
            errno.EACCES,
            path,
            f"it is read-only (mode {stat.S_IMODE(st.st_mode):04o}); make it writable first if the change is intended",
        )
    real = os.path.realpath(path) if stat.S_ISLNK(link.st_mode) else path
    return real, st


def _umask() -> int:
    """The process umask, read without changing it (``os.umask`` would, for
    a moment, for every thread)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def _lock_current(path: str) -> Optional[int]:
    """An fd of ``path`` holding its exclusive lock, checked to be the file
    the path names now (a writer that waited may find it was replaced), or
    ``None`` when there is no file or no ``flock``."""
    if fcntl is None:
        return None
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise _refuse(errno.EINVAL, path, "it is no longer a regular file")
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise BlockingIOError(
                            errno.EWOULDBLOCK, f"{path}: another writer has held its lock for too long", path
                        ) from None
                    time.sleep(0.005)
            held = os.fstat(fd)
            try:
                now = os.stat(path)
            except FileNotFoundError:
                os.close(fd)
                return None
            if (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


def _fsync_dir(directory: str) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(directory, flags)
    except OSError:  # pragma: no cover - platforms that cannot open a directory
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def save_text(path: PathLike, text: str) -> None:
    """Writes ``text`` (UTF-8) to ``path`` atomically, with the guarantees of
    this module's doc. On any error the original file is unchanged."""
    shown = os.fspath(path)
    target, st = _resolve(shown)
    data = text.encode("utf-8")
    directory = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.tmp-", dir=directory)
    lock: Optional[int] = None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if st is not None:
            if hasattr(os, "fchown") and (os.fstat(fd).st_uid, os.fstat(fd).st_gid) != (st.st_uid, st.st_gid):
                os.fchown(fd, st.st_uid, st.st_gid)
            mode = stat.S_IMODE(st.st_mode)
        else:
            mode = 0o666 & ~_umask()
        # After chown, which may clear set-id bits; mkstemp made it 0600.
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        else:  # pragma: no cover - not POSIX
            os.chmod(tmp, mode)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        lock = _lock_current(target)
        os.replace(tmp, target)
        tmp = ""
        _fsync_dir(directory)
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        if lock is not None:
            os.close(lock)
