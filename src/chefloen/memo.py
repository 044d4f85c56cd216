"""What a long run keeps of what it has worked out, bounded: the engine's forms, days and rates, a batch's field
readings, and the results of rows that repeat."""

from __future__ import annotations

from itertools import islice
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

# How many shapes, rates or field readings a batch keeps of each kind: enough for any grid of scenarios,
# few enough that memory stays flat however many distinct rows a file has.
KEEP = 4096


def remember(known: dict[K, V], key: K, value: V) -> V:
    """Keep ``value`` under ``key`` in ``known``, which holds at most KEEP: when it is full, the older half goes
    (a dict keeps the order keys came in), so what many rows share stays while a run of distinct rows passes.

    >>> known = {number: number for number in range(KEEP)}
    >>> remember(known, "new", 1), len(known), min(key for key in known if key != "new")
    (1, 2049, 2048)
    """
    if len(known) >= KEEP:
        for old in list(islice(known, KEEP // 2)):
            del known[old]
    known[key] = value
    return value


class Repeats(Generic[K, V]):
    """What rows that repeat share (a batch row's result, kept by its fields), kept while rows do repeat: once
    KEEP rows have not been found, keeping is given up unless one in eight was, since keeping rows that never come
    again costs more than it saves.

    >>> repeats: Repeats[int, str] = Repeats()
    >>> repeats.find(1), repeats.keep(1, "one"), repeats.find(1)
    (None, 'one', 'one')
    """

    __slots__ = ("found", "known", "missed")

    def __init__(self) -> None:
        self.known: dict[K, V] | None = {}
        self.missed = self.found = 0

    def find(self, key: K) -> V | None:
        """The value kept under ``key``, or None."""
        known = self.known
        if known is None:
            return None
        value = known.get(key)
        if value is None:
            self.missed += 1
            if self.missed == KEEP and self.found < KEEP // 8:
                self.known = None
        else:
            self.found += 1
        return value

    def keep(self, key: K, value: V) -> V:
        if self.known is not None:
            remember(self.known, key, value)
        return value
