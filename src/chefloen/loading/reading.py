"""Reading a data file, whatever stands at its path: only a regular file of sensible size is read, so a
FIFO does not wait forever and a link to /dev/zero does not fill memory."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from chefloen.labels import thousands

MAX_BYTES = 10_000_000  # the shipped tables are a few kB; the 98 municipalities' tax rates 20 kB


class NotReadable(OSError):
    """A data file that is not a regular file of at most MAX_BYTES; ``strerror`` says which."""


def read_bytes(path: Path) -> bytes:
    """The content of the regular file at ``path`` (an OSError, with the reason as ``strerror``, otherwise)."""
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotReadable(0, "not a regular file (a FIFO, a device or a directory)")
        if status.st_size > MAX_BYTES:
            raise NotReadable(0, f"larger than {thousands(MAX_BYTES)} bytes")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read(MAX_BYTES + 1)
    finally:
        os.close(descriptor)
