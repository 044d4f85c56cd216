"""Files chefloen writes (batch results, offer sheets, the user's own tables): whole, or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from chefloen.errors import OutputError


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[IO[str]]:
    """A file that appears at ``target`` whole, or not at all if the run fails or is interrupted."""
    directory = target.resolve().parent
    try:
        handle = tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", newline="", dir=directory, prefix=f".{target.name}.", suffix=".tmp", delete=False
        )
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(handle.name, 0o666 & ~umask)  # a temporary file is private; the result should not be
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
