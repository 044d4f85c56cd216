"""Every file chefloen opens or writes, by one set of rules (the ground floor: it imports only chefloen.errors).

Reading (:func:`read_regular`): only a regular file of a bounded size; no link is followed where none was asked
for; a file the user must be able to trust (their own tables, the cache) is theirs alone, else it is refused,
never silently skipped.

Writing (:func:`atomic_output`): the file appears whole or not at all, through a private temporary file beside
it whose name fits the file system's limit; never over a read-only file, one another user owns, or a symbolic
link; temporary files of ours left by a killed run are removed by the next write. ``-``, devices, FIFOs and
names in /dev are written to as they are. :func:`locked` gives a user table's read-modify-write to one process
at a time.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

from chefloen.errors import OutputError

# The shipped tables are a few kB, the 98 municipalities' tax rates 20 kB; a user's own tables are of that kind.
MAX_DATA_BYTES = 10_000_000
# A file name's limit in bytes on Linux, macOS and Windows file systems alike (NAME_MAX).
NAME_MAX = 255
# Our temporary files end so; one older than STALE_SECONDS was left by a run that was killed mid-write.
TEMPORARY = ".chefloen.tmp"
STALE_SECONDS = 600
# How long a table's lock is waited for: an add takes milliseconds, so a run holding it this long has stalled.
LOCK_SECONDS = 30.0
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def byte_count(count: int) -> str:
    """A number of bytes with Danish thousands separators (files imports nothing that formats numbers).

    >>> byte_count(10_000_000)
    '10.000.000 bytes'
    """
    return f"{count:,} bytes".replace(",", ".")


class Refused(OSError):
    """A file that is not read: not a regular file, too large, a link, or not the user's alone (``strerror``)."""


def owned(status: os.stat_result) -> bool:
    """Whether a file or directory is the user's own."""
    return not hasattr(os, "getuid") or status.st_uid == os.getuid()


def own_alone(status: os.stat_result) -> bool:
    """Whether a file or directory is the user's own and no one else may change it (the trust rule)."""
    return owned(status) and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_regular(path: Path, *, limit: int = MAX_DATA_BYTES, follow_links: bool = True, trusted: bool = False) -> bytes:
    """The content of the regular file at ``path``; :class:`Refused` (an OSError whose ``strerror`` says why)
    for a FIFO, device or directory, a file over ``limit`` bytes, a link when ``follow_links`` is false, or,
    when it must be ``trusted``, a file another user owns or others may write to."""
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    flags = os.O_RDONLY | _NONBLOCK | (0 if follow_links else _NOFOLLOW)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        if not follow_links and os.path.islink(path):
            raise Refused(exc.errno, "a symbolic link, which is not followed here") from None
        raise
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise Refused(0, "not a regular file (a FIFO, a device or a directory)")
        if status.st_size > limit:
            raise Refused(0, f"larger than {byte_count(limit)}")
        if trusted and not own_alone(status):
            whose = "others may change it" if owned(status) else "another user owns it"
            raise Refused(0, f"not yours alone ({whose}); chefloen does not trust it")
        if trusted and not own_alone(os.stat(Path(path).parent)):
            raise Refused(0, "its directory is not yours alone, so another user could replace it")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            content = handle.read(limit + 1)
        if len(content) > limit:
            raise Refused(0, f"larger than {byte_count(limit)}")
        return content
    finally:
        os.close(descriptor)


class Snapshot(NamedTuple):
    """A file read once: its content, or the error that stopped the read (neither: there is no file). A cache key
    and the validation it keys are both taken from one snapshot, so a file that changes between the two cannot
    have its new content stored under its old key."""

    content: bytes | None
    problem: OSError | None = None

    def state(self) -> str:
        """As a cache key's part: ``missing``, ``refused: why``, or the content's size and CRC-32 (which catches
        every change of up to 32 adjacent bits)."""
        import zlib

        if self.content is not None:
            return f"{len(self.content)}-{zlib.crc32(self.content):08x}"
        if self.problem is None:
            return "missing"
        return f"refused: {self.problem.strerror or type(self.problem).__name__}"


def snapshot(path: Path, *, user: bool = False) -> Snapshot:
    """The file at ``path`` read once, as :func:`read_regular` reads it; a ``user`` table (one the user keeps, at a
    path chefloen chose) only if it is the user's alone, and not through a link. A missing file is no error."""
    try:
        return Snapshot(read_regular(path, trusted=user, follow_links=not user))
    except FileNotFoundError:
        if user and os.path.islink(path):  # a link to nothing is there, and is refused
            return Snapshot(None, Refused(0, "a symbolic link, which is not followed here"))
        return Snapshot(None)
    except OSError as exc:
        return Snapshot(None, exc)


def read_file_or_pipe(path: Path, *, limit: int) -> bytes:
    """A regular file (as :func:`read_regular`), or a pipe the shell already opened (``@<(...)`` names
    /dev/fd/N), read up to ``limit`` bytes (:class:`Refused` past it). A named FIFO is refused: nothing may be
    writing to it, and reading would wait for ever."""
    if not str(path).startswith(("/dev/fd/", "/proc/self/fd/")):
        return read_regular(path, limit=limit)
    with open(path, "rb") as handle:
        content = handle.read(limit + 1)
    if len(content) > limit:
        raise Refused(0, f"larger than {byte_count(limit)}")
    return content


class TooLong(Refused):
    """A stream that goes on past the most that is kept of it."""


def kept_copy(
    handle: IO[bytes], *, limit: int, stack: contextlib.ExitStack, check_start: Callable[[bytes], None] | None = None
) -> IO[bytes]:
    """A stream (standard input, a pipe, a device) copied into a private temporary file in TMPDIR, which the
    ``stack`` removes, so it can be looked at before it is read: at most ``limit`` bytes of it (:class:`TooLong`
    past them), and ``check_start`` sees its first chunk before more is copied (to refuse /dev/zero at once)."""
    import tempfile

    copy = stack.enter_context(tempfile.TemporaryFile())
    size = 0
    while chunk := handle.read(1 << 20):
        if not size and check_start is not None:
            check_start(chunk)
        size += len(chunk)
        if size > limit:
            raise TooLong(0, f"goes on past {byte_count(limit)}")
        copy.write(chunk)
    copy.seek(0)
    return copy


def scratch_file() -> IO[bytes]:
    """A private temporary file in TMPDIR for what waits to be written elsewhere (a workbook's notes), removed
    when it is closed (on POSIX it has no name from the start, so no signal leaves it behind)."""
    import tempfile

    return tempfile.TemporaryFile()


def state(path: Path, *, user: bool = False) -> str:
    """What stands at ``path``, as a cache key's part (see :meth:`Snapshot.state`)."""
    return snapshot(path, user=user).state()


# --- writing ------------------------------------------------------------------------------------------------


def stream_or_device(target: Path) -> bool:
    """Whether ``target`` is written to as it is, never replaced: ``-`` (standard output), a device or a FIFO,
    or a name in /dev (/dev/stdout stands for whatever the shell opened)."""
    if str(target) == "-" or Path(os.path.abspath(target)).is_relative_to("/dev"):
        return True
    try:
        mode = os.stat(target).st_mode
    except OSError:  # nothing there yet: a file to be made
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


# A temporary name is ".", as much of the target's name as fits, ".", 8 random hex digits and TEMPORARY.
_TOKEN = 8


def _temporary_stem(name: str) -> str:
    # A name is bytes to the file system; one that is not UTF-8 arrives with surrogates, which fsencode keeps.
    room = NAME_MAX - len(f"..{'0' * _TOKEN}{TEMPORARY}")
    return "." + os.fsdecode(os.fsencode(name)[:room])


def temporary_name(target: Path) -> str:
    """A hidden name beside ``target`` for writing it, within NAME_MAX bytes however long the target's name is.

    >>> len(temporary_name(Path("x" * 255 + ".csv")).encode()) <= NAME_MAX
    True
    """
    # os.urandom, not secrets, which imports hashlib and with it OpenSSL (4 MB) for four random bytes.
    return f"{_temporary_stem(target.name)}.{os.urandom(_TOKEN // 2).hex()}{TEMPORARY}"


def remove_stale(directory: Path, target_name: str, *, older_than: float = STALE_SECONDS) -> None:
    """Remove our own temporary files for ``target_name`` (or for any name it begins) in ``directory`` that a
    killed run left behind."""
    stem = _temporary_stem(target_name)
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(directory) as entries:
        for entry in entries:
            if not (entry.name.startswith(stem) and entry.name.endswith(TEMPORARY)):
                continue
            with contextlib.suppress(OSError):
                status = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(status.st_mode) and owned(status) and now - status.st_mtime > older_than:
                    os.unlink(entry.path)


def writable_target(target: Path) -> os.stat_result | None:
    """What stands at ``target`` when chefloen may replace it: nothing (None), or a regular file of the user's
    that they may write. A link, a directory, a read-only file and another user's file are an OutputError."""
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
    if stat.S_ISLNK(status.st_mode):
        raise OutputError(
            f"cannot write {target}: it is a symbolic link, and chefloen does not write through links; "
            f"name the file itself ({os.path.realpath(target)})"
        )
    if stat.S_ISDIR(status.st_mode):
        raise OutputError(f"cannot write {target}: it is a directory; name a file in it")
    if not owned(status):
        raise OutputError(f"cannot write {target}: another user owns it")
    if not status.st_mode & stat.S_IWUSR:
        raise OutputError(f"cannot write {target}: it is read-only")
    return status


@contextlib.contextmanager
def atomic_output(
    target: Path, *, binary: bool = False, private: bool = False, locked_by_caller: bool = False
) -> Iterator[IO[Any]]:
    """A file that appears at ``target`` whole, or not at all if the run fails or is interrupted.

    ``-`` is standard output; a device, a FIFO or a name in /dev is written to as it is, since it cannot be
    replaced. An existing file keeps its mode; the temporary file is private while it is written, and a new
    file gets the mode the umask gives, or stays private (0600) when ``private``. See :func:`writable_target`
    for what is refused. A caller that holds the target's lock (:func:`locked`) has every temporary file of
    ours for it removed, whatever its age: no other run can be writing one.
    """
    if str(target) == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    text: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
    if stream_or_device(target):
        # Opened by the name given, since /dev/stdout resolves to no path when it is a pipe; appended to, since
        # it may be a file the shell opened for appending (`>> log`), whose lines must stay.
        with _failing_as_output(target), open(target, "ab" if binary else "a", **text) as device:
            yield device
        return
    status = writable_target(target)
    mode = 0o600 if private else _new_file_mode() if status is None else stat.S_IMODE(status.st_mode)
    directory = target.parent
    with _failing_as_output(target):
        remove_stale(directory, target.name, older_than=0 if locked_by_caller else STALE_SECONDS)
        temporary = directory / temporary_name(target)
    created = False
    try:
        with _failing_as_output(target):
            # A SIGTERM between making the file and knowing it made would leave it behind: the stopping
            # signals wait until both are done, and then unwind inside this try.
            with _stopping_signals_held():
                # O_EXCL | O_NOFOLLOW: made new, private (0600), never through a link planted at that name.
                descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
                created = True
            with os.fdopen(descriptor, "wb" if binary else "w", **text) as handle:
                yield handle
                handle.flush()
                os.fchmod(handle.fileno(), mode)  # by the descriptor: a name can be swapped for a link
                os.fsync(handle.fileno())
            os.replace(temporary, target)
    except BaseException:
        if created:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise


@contextlib.contextmanager
def _stopping_signals_held() -> Iterator[None]:
    """SIGTERM, SIGHUP and SIGINT held back while the block runs, then delivered (where the system can hold them)."""
    held = {signal.SIGTERM, signal.SIGINT} | ({signal.SIGHUP} if hasattr(signal, "SIGHUP") else set())
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def _failing_as_output(target: Path) -> Iterator[None]:
    """A failure to create, write or move the file (a full disk, no permission) as one line naming it."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold ``path``'s lock (a private ``.NAME.lock`` beside it) while a read-modify-write runs, so that two
    processes changing one table one after the other both keep their change. Where the system has no file
    locks (Windows), the block runs unlocked."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on the platforms CI runs
        yield
        return
    lock = path.with_name(f".{path.name}.lock")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # private whatever the umask, as its tables are
    try:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)
    except OSError as exc:
        raise OutputError(f"cannot lock {path}: {exc.strerror}") from None
    try:
        if not own_alone(os.fstat(descriptor)):
            raise OutputError(f"cannot lock {path}: its lock file {lock} is not yours alone")
        if not own_alone(os.stat(path.parent)):  # another user could replace or remove the table in it
            raise OutputError(f"cannot write {path}: its directory {path.parent} is not yours alone")
        waited = 0.0
        while True:  # another run holds it for a moment; one that stalls must not keep this one waiting for ever
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if waited >= LOCK_SECONDS:
                    raise OutputError(
                        f"cannot write {path}: another run has held it for {LOCK_SECONDS:.0f} s; try again"
                    ) from None
                time.sleep(0.05)
                waited += 0.05
        yield
    finally:
        os.close(descriptor)  # closing lets go of the lock
