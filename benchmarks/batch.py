"""Measure batch throughput and peak memory on generated rows; prints figures, asserts nothing.

Usage: python benchmarks/batch.py [ROWS ...]   (default: 100000 1000000)
"""

from __future__ import annotations

import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STEPS = ["49", "50", "51", "52", "53", "54", "55", "55+"]
POSTINGS = ["kontorchef-sundhed-praksis", "direktoer-regionssekretariatet"]
DATES = ["2019-10-01", "2021-04-01", "2023-10-01", "2024-04-01", "2025-11-01"]


def generate(path: Path, rows: int) -> None:
    chooser = random.Random(2025)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["label", "trin", "posting", "date", "kvalifikationsloen", "afkoeb", "deltid"])
        for number in range(rows):
            posting = chooser.random() < 0.3
            writer.writerow(
                [
                    f"scenarie {number}",
                    "" if posting else chooser.choice(STEPS),
                    chooser.choice(POSTINGS) if posting else "",
                    chooser.choice(DATES),
                    chooser.choice(["", "25000", "50.000", "75000"]),
                    chooser.choice(["", "10%", "5t", "20000"]),
                    chooser.choice(["", "", "", "0.8", "30t"]),
                ]
            )


def measure(rows: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        source, target = Path(directory) / "in.csv", Path(directory) / "out.csv"
        generate(source, rows)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "chefloen", "batch", str(source), "--output", str(target)],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        elapsed = time.perf_counter() - started
        peak_mb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
        written = sum(1 for _ in target.open(encoding="utf-8")) - 1
    print(
        f"{rows:>9} rows: {elapsed:7.1f} s, {rows / elapsed:8.0f} rows/s, peak RSS {peak_mb:6.1f} MB, {written} written"
    )


if __name__ == "__main__":
    for count in [int(arg) for arg in sys.argv[1:]] or [100_000, 1_000_000]:
        measure(count)
