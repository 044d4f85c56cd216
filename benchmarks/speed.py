"""chefloen's speed against floors measured in the same run; prints figures, checks nothing.

Three ratios, each the median of the ratios of runs side by side (runs in turn share the machine's mood, so a
ratio holds while the machine speeds up or slows down), each shown beside its floor and its target:

1. `chefloen quote --format json` / a Typer hello-world. Floor: a Typer command with quote's 21 options and the
   data inline (benchmarks/floors/quote_json.py). Target <= 1.15.
2. `chefloen quote` (a table) / the same hello-world. Floor: the hello-world drawing a Rich table of the same
   shape (floors/quote_table.py). Target <= 1.75.
3. `chefloen batch` of mixed rows / reading the same rows with csv.reader and writing as many rows of the
   batch's 15 columns with csv.writer (floors/csv_copy.py), both whole processes. Floor 1. Target <= 3.

Then the peak memory of `chefloen batch` over a million rows (its own peak resident set, from the kernel).
Run it from a wheel install: `python benchmarks/speed.py` with that environment's python.

Usage: python benchmarks/speed.py [--starts N] [--batch-rows N] [--batch-runs N] [--memory-rows N]
"""

from __future__ import annotations

import argparse
import compileall
import csv
import datetime as dt
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import chefloen

FLOORS = Path(__file__).with_name("floors")
DATE = ["--date", "2025-11-01"]
STEPS = ["49", "50", "51", "52", "53", "54", "55", "55+"]
POSTINGS = ["kontorchef-sundhed-praksis", "direktoer-regionssekretariatet"]
DATES = ["2019-10-01", "2021-04-01", "2023-10-01", "2024-04-01", "2025-11-01"]


def generate(path: Path, rows: int) -> None:
    """Mixed scenarios: trin and postings, five dates, kvalifikationsløn, afkøb in all three forms, part time."""
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


def chefloen_command() -> list[str]:
    """The installed console script, as a user runs it; `python -m chefloen` where there is none."""
    script = Path(sys.executable).with_name("chefloen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "chefloen"]


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def interleaved(commands: dict[str, list[str]], rounds: int, env: dict[str, str]) -> dict[str, list[float]]:
    """Each command once a round, in turn, after one run each to warm the disk cache and chefloen's cache."""
    for command in commands.values():
        timed(command, env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            samples[name].append(timed(command, env))
    return samples


def paired(a: list[float], b: list[float]) -> float:
    return statistics.median(x / y for x, y in zip(a, b, strict=True))


def show(samples: dict[str, list[float]]) -> None:
    for name, values in samples.items():
        print(f"  {name:<37} {statistics.median(values) * 1000:9.1f} ms")


def ratio_line(name: str, ratio: float, floor: float, target: float) -> None:
    verdict = "meets" if ratio <= target else "misses"
    print(f"  {name:<37} {ratio:5.2f}   floor {floor:5.2f}   target <= {target:.2f} ({verdict})")


def startup(rounds: int, directory: Path) -> None:
    # pip compiles a package's bytecode when it installs it; an editable checkout run with
    # PYTHONDONTWRITEBYTECODE never would, and would be timed compiling its own source.
    compileall.compile_dir(Path(chefloen.__file__).parent, quiet=1)
    env = {**os.environ, "CHEFLOEN_CACHE_DIR": str(directory / "cache"), "COLUMNS": "100"}
    python = sys.executable
    commands = {
        "typer hello-world": [python, str(FLOORS / "hello.py")],
        "floor: typer, quote's options, JSON": [python, str(FLOORS / "quote_json.py"), "-t", "51", *DATE],
        "chefloen quote --format json": [*chefloen_command(), "quote", "-t", "51", *DATE, "--format", "json"],
        "floor: hello-world with a Rich table": [python, str(FLOORS / "quote_table.py")],
        "chefloen quote (table)": [*chefloen_command(), "quote", "-t", "51", *DATE],
    }
    samples = interleaved(commands, rounds, env)
    hello, json_floor, json_quote, table_floor, table_quote = samples.values()
    print(f"Start-up, median of {rounds} interleaved runs each:")
    show(samples)
    ratio_line("quote --format json / hello-world", paired(json_quote, hello), paired(json_floor, hello), 1.15)
    ratio_line("quote (table) / hello-world", paired(table_quote, hello), paired(table_floor, hello), 1.75)


def batch(rows: int, runs: int, directory: Path) -> None:
    source = directory / "rows.csv"
    generate(source, rows)
    env = {**os.environ, "CHEFLOEN_CACHE_DIR": str(directory / "cache")}
    commands = {
        "floor: csv.reader + csv.writer": [sys.executable, str(FLOORS / "csv_copy.py"), str(source), os.devnull],
        "chefloen batch": [*chefloen_command(), "batch", str(source), "--output", str(directory / "out.csv")],
    }
    samples = interleaved(commands, runs, env)
    floor, ours = samples.values()
    print(f"Batch of {rows} mixed rows, whole processes, median of {runs} interleaved runs each:")
    show(samples)
    per_row = statistics.median(ours) / rows * 1e6
    print(f"  chefloen batch: {rows / statistics.median(ours):,.0f} rows/s, {per_row:.1f} us a row")
    ratio_line("batch / csv floor", paired(ours, floor), 1.0, 3.0)


def peak_memory(rows: int, directory: Path) -> None:
    source = directory / "million.csv"
    generate(source, rows)
    env = {**os.environ, "CHEFLOEN_CACHE_DIR": str(directory / "cache")}
    command = [*chefloen_command(), "batch", str(source), "--output", str(directory / "million-out.csv")]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status:
        raise SystemExit(f"chefloen batch failed over {rows} rows (wait status {status})")
    print(f"Peak memory, chefloen batch of {rows} rows: {usage.ru_maxrss / 1024:.1f} MB ({elapsed:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--starts", type=int, default=21, help="runs of each start-up command (default 21)")
    parser.add_argument("--batch-rows", type=int, default=100_000, help="rows for the batch ratio (100000)")
    parser.add_argument("--batch-runs", type=int, default=5, help="runs of the batch and its floor (default 5)")
    parser.add_argument("--memory-rows", type=int, default=1_000_000, help="rows for peak memory (1000000)")
    args = parser.parse_args()
    if min(args.starts, args.batch_runs) < 1:
        parser.error("--starts and --batch-runs must be at least 1")
    print(
        f"{dt.date.today()}, {platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, Typer {version('typer')}, chefloen {chefloen.__version__}"
    )
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        startup(args.starts, directory)
        batch(args.batch_rows, args.batch_runs, directory)
        if args.memory_rows:
            peak_memory(args.memory_rows, directory)


if __name__ == "__main__":
    main()
