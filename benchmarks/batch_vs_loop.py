"""chefloen's batch against a minimal hand-written loop doing the same arithmetic on the same rows.

Both run in this process on the same generated CSV (benchmarks/batch.py's generator), so start-up is
left out; medians over REPEAT runs. Target (issue 5): chefloen within 2× of the loop.
Usage: python benchmarks/batch_vs_loop.py [ROWS] [REPEAT]   (default 20000 5)
"""

from __future__ import annotations

import csv
import io
import statistics
import sys
import tempfile
import time
from bisect import bisect_right
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch import generate

from chefloen import batch
from chefloen.scales import load_scales

ONE, HUNDRED = Decimal(1), Decimal(100)


def hand_loop(path: Path) -> int:
    """The same pay arithmetic with no validation, no provenance and no error handling."""
    scales = load_scales()
    dates = [factor.effective.isoformat() for factor in scales.index.factors]
    values = [factor.value for factor in scales.index.factors]
    steps = {key: step.base_amount for key, step in scales.steps.items()}
    postings = {key: (p.step, p.supplement_base_amount) for key, p in scales.postings.items()}
    out = io.StringIO()
    writer = csv.writer(out)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            factor = values[bisect_right(dates, row["date"]) - 1]
            fraction = ONE
            if row["deltid"]:
                text = row["deltid"]
                fraction = Decimal(text[:-1]) / 37 if text.endswith("t") else Decimal(text)
            bases = []
            if row["posting"]:
                step, supplement = postings[row["posting"]]
                bases = [steps[step], supplement]
            else:
                bases = [steps[row["trin"]]]
            if row["kvalifikationsloen"]:
                bases.append(Decimal(row["kvalifikationsloen"].replace(".", "")))
            lines = [(base * factor * fraction).quantize(ONE, ROUND_HALF_UP) for base in bases]
            pay = sum(lines)
            afkoeb = row["afkoeb"]
            extra = Decimal(0)
            if afkoeb.endswith("%"):
                extra = (pay * Decimal(afkoeb[:-1]) / HUNDRED).quantize(ONE, ROUND_HALF_UP)
            elif afkoeb.endswith("t"):
                extra = (pay / fraction * Decimal(afkoeb[:-1]) * 52 / 1924).quantize(ONE, ROUND_HALF_UP)
            elif afkoeb:
                extra = (Decimal(afkoeb) * factor * fraction).quantize(ONE, ROUND_HALF_UP)
            pension = (pay * Decimal("21.59") / HUNDRED).quantize(ONE, ROUND_HALF_UP)
            annual = pay + extra
            writer.writerow([row["label"], annual, annual / 12, pension, annual + pension])
    return out.tell()


def chefloen_batch(path: Path) -> int:
    scales = load_scales()
    out = io.StringIO()
    with batch.open_rows(path) as rows:
        batch.run(rows, scales, batch.csv_writer(out), lambda message: None)
    return out.tell()


def main(rows: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "rows.csv"
        generate(path, rows)
        timings: dict[str, list[float]] = {"hand-written loop": [], "chefloen batch": []}
        for _ in range(repeat):
            for name, function in (("hand-written loop", hand_loop), ("chefloen batch", chefloen_batch)):
                started = time.perf_counter()
                function(path)
                timings[name].append(time.perf_counter() - started)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    for name, value in medians.items():
        print(f"{name:<18} {rows / value:9.0f} rows/s (median of {repeat} runs over {rows} rows)")
    print(f"chefloen / loop time = {medians['chefloen batch'] / medians['hand-written loop']:5.2f}   (target ≤ 2)")


if __name__ == "__main__":
    arguments = [int(arg) for arg in sys.argv[1:]]
    main(*(arguments + [20000, 5][len(arguments) :]))
