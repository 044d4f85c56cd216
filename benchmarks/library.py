"""The library's cost a call, as a notebook pays it; prints figures, checks nothing.

1. ``chefloen.quote(51, "2026-12-01")``, which finds the tables the process keeps (a few stats to see that none of
   their files changed), against the same quote with ``scales=`` passed, which does no such check. Target: <= 2.
2. The first quote of a process, which loads the tables (from the cache on disk), and the quote after a user
   table was rewritten, which loads them again.

Each figure is the median of rounds of calls, the two quotes of (1) in turn, so a ratio holds while the machine
speeds up or slows down. The cache and the user's directory are temporary ones of the run's own.

Usage: python benchmarks/library.py [--calls N] [--rounds N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path


def per_call(call: Callable[[], object], calls: int) -> float:
    """Seconds a call, over ``calls`` calls in a row."""
    started = time.perf_counter()
    for _ in range(calls):
        call()
    return (time.perf_counter() - started) / calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--calls", type=int, default=2000, help="calls a round (default 2000)")
    parser.add_argument("--rounds", type=int, default=15, help="rounds of each quote, in turn (default 15)")
    args = parser.parse_args()
    if min(args.calls, args.rounds) < 1:
        parser.error("--calls and --rounds must be at least 1")
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        os.environ["CHEFLOEN_CACHE_DIR"] = str(directory / "cache")
        os.environ["CHEFLOEN_USER_DIR"] = str(directory / "user")
        import chefloen  # after the variables: nothing of the user's is read or written

        print(
            f"{dt.date.today()}, {platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, chefloen {chefloen.__version__}"
        )
        chefloen.load_scales()  # fills the cache on disk, as any earlier run would have
        started = time.perf_counter()
        chefloen.quote(51, "2026-12-01")
        first = time.perf_counter() - started
        scales = chefloen.load_scales()
        kept: list[float] = []
        passed: list[float] = []
        for _ in range(args.rounds):
            kept.append(per_call(lambda: chefloen.quote(51, "2026-12-01"), args.calls))
            passed.append(per_call(lambda: chefloen.quote(51, "2026-12-01", scales=scales), args.calls))
        ratio = statistics.median(k / p for k, p in zip(kept, passed, strict=True))
        print(f"quote(51, '2026-12-01'), median of {args.rounds} rounds of {args.calls} calls:")
        print(f"  tables kept by the library      {statistics.median(kept) * 1e6:8.1f} us")
        print(f"  scales= passed                  {statistics.median(passed) * 1e6:8.1f} us")
        verdict = "meets" if ratio <= 2 else "misses"
        print(f"  kept / passed                   {ratio:8.2f}    target <= 2.00 ({verdict})")
        from chefloen.loading import userdata

        # The user's own posting, written as `chefloen postings add` writes it (atomically: a new file).
        userdata.add_posting(
            scales, "mine", trin="51", level=Decimal(800000), level_date=dt.date(2025, 11, 1), title="Kontorchef"
        )
        started = time.perf_counter()
        chefloen.posting("mine", "2025-11-01")
        changed = time.perf_counter() - started
        print(f"  the first quote of a process    {first * 1e3:8.2f} ms (loads the tables from the cache on disk)")
        print(f"  after a user table changed      {changed * 1e3:8.2f} ms (validates them again: a new cache entry)")


if __name__ == "__main__":
    main()
