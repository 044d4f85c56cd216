"""chefloen's speed against floors and references measured in the same run; prints figures and a table of
targets. It checks one thing only: that the references, when installed, give chefloen's figures.

Each ratio is the median of the ratios of whole processes run side by side, in turn (runs in turn share the
machine's mood, so a ratio holds while the machine speeds up or slows down). Every chefloen run has an empty
folder of its own for CHEFLOEN_USER_DIR and a cache of its own; both sides of a batch pair write a file in
the same temporary folder.

1. `chefloen quote --format json` ÷ a Typer hello-world (floors/hello.py).
2. The same JSON quote ÷ its own floor (floors/quote_json.py): quote's options in the same Typer, the data
   inline, started as chefloen's console entry starts. A guard: it measures only what chefloen adds.
3. `chefloen quote` (a table) ÷ the hello-world; beside it the hello-world drawing a Rich table of the same
   shape (floors/quote_table.py).
4. `chefloen batch` of mixed rows (trin and postings, five dates, kvalifikationsløn, afkøb in all three
   forms, deltid) ÷ reading the same rows with csv.reader and writing as many rows of as many columns as
   the batch writes with csv.writer (floors/csv_copy.py).
5. The same on distinct rows (nearly every row its own: a date by the day over 2019-2026, a kvalifikationsløn,
   afkøb and deltid drawn at random), at --batch-rows and again at --memory-rows.
6. The batch of distinct rows ÷ the pandas and the polars references (references/, the same rules as
   columnar operations), when those are installed (`pip install -e '.[bench]'`).
7. The peak memory of the batch of --memory-rows distinct rows (its own peak resident set, from the kernel).
8. The batch of mixed rows written as .xlsx ÷ the same written as CSV.

Run it from a wheel install, or a checkout (its bytecode is compiled first): `python benchmarks/speed.py`.
Usage: python benchmarks/speed.py [--starts N] [--batch-rows N] [--batch-runs N] [--memory-rows N]
       [--memory-runs N] [--no-references]
"""

from __future__ import annotations

import argparse
import compileall
import csv
import datetime as dt
import importlib.util
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
from typing import NamedTuple

import chefloen
from chefloen.columns import RESULT_COLUMNS
from chefloen.loading.paths import default_dir

BENCHMARKS = Path(__file__).parent
FLOORS = BENCHMARKS / "floors"
REFERENCES = BENCHMARKS / "references"
DATE = ["--date", "2025-11-01"]
STEPS = ["49", "50", "51", "52", "53", "54", "55", "55+"]
POSTINGS = ["kontorchef-sundhed-praksis", "direktoer-regionssekretariatet"]
DATES = ["2019-10-01", "2021-04-01", "2023-10-01", "2024-04-01", "2025-11-01"]
HEADER = ["label", "trin", "posting", "date", "kvalifikationsloen", "afkoeb", "deltid"]
FIRST_DAY, LAST_DAY = dt.date(2019, 1, 1), dt.date(2026, 12, 31)


class Target(NamedTuple):
    """A measure's target, and the stretch beyond it that we aim at: ratios, or megabytes."""

    name: str
    target: float
    stretch: float
    unit: str = ""


TARGETS = {
    "json": Target("quote --format json ÷ hello-world", 1.15, 1.10),
    "guard": Target("quote --format json ÷ its floor", 1.15, 1.05),
    "table": Target("quote (table) ÷ hello-world", 1.65, 1.50),
    "mixed": Target("batch, benchmark rows ÷ CSV floor", 3.0, 2.0),
    "distinct": Target("batch, distinct rows ÷ CSV floor", 4.0, 3.0),
    "distinct-large": Target("batch, distinct rows ÷ CSV floor", 4.0, 3.0),
    "pandas": Target("batch, distinct rows ÷ pandas", 2.5, 1.5),
    "polars": Target("batch, distinct rows ÷ polars", 2.5, 1.5),
    "memory": Target("peak memory, batch of distinct rows", 32.0, 24.0, " MB"),
    "xlsx": Target("batch as .xlsx ÷ as CSV", 5.0, 3.0),
}


def generate(path: Path, rows: int) -> None:
    """Mixed scenarios: trin and postings, five dates, kvalifikationsløn, afkøb in all three forms, part time."""
    chooser = random.Random(2025)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
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


def generate_distinct(path: Path, rows: int) -> None:
    """Scenarios nearly all distinct: a date by the day over 2019-2026, a kvalifikationsløn from 0 to 150.000,
    afkøb as a percent (one decimal), hours (one decimal) or a grundbeløb, or none, deltid as a fraction or
    weekly hours, or none, a trin or a posting."""
    chooser = random.Random(2026)
    first, last = FIRST_DAY.toordinal(), LAST_DAY.toordinal()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(rows):
            posting = chooser.random() < 0.3
            afkoeb = chooser.choice(
                [
                    "",
                    f"{chooser.randint(1, 200) / 10}%",
                    f"{chooser.randint(1, 80) / 10}t",
                    str(chooser.randint(1000, 60000)),
                ]
            )
            deltid = chooser.choice(["", f"0.{chooser.randint(50, 99)}", f"{chooser.randint(20, 36)}t"])
            writer.writerow(
                [
                    f"scenarie {number}",
                    "" if posting else chooser.choice(STEPS),
                    chooser.choice(POSTINGS) if posting else "",
                    dt.date.fromordinal(chooser.randint(first, last)).isoformat(),
                    str(chooser.randint(0, 150_000)),
                    afkoeb,
                    deltid,
                ]
            )


def chefloen_command() -> list[str]:
    """The installed console script, as a user runs it; `python -m chefloen` where there is none."""
    script = Path(sys.executable).with_name("chefloen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "chefloen"]


def entry(module: str, directory: Path) -> list[str]:
    """A floor started as the console script starts chefloen: a small script that imports the floor's main,
    its bytecode cached as an installed package's is, and calls it."""
    script = directory / f"{module}-entry"
    script.write_text(f"import sys\nsys.path.insert(0, {str(FLOORS)!r})\nfrom {module} import main\nsys.exit(main())\n")
    return [sys.executable, str(script)]


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """The wall time of one run of ``command``, and its peak resident set in megabytes."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status:
        raise SystemExit(f"{' '.join(command)} failed (wait status {status})")
    return elapsed, usage.ru_maxrss / 1024


def interleaved(
    commands: dict[str, list[str]], rounds: int, env: dict[str, str], *, warm: bool = True
) -> dict[str, list[float]]:
    """Each command once a round, in turn, after one run each to warm the disk cache and chefloen's cache."""
    if warm:
        for command in commands.values():
            timed(command, env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            samples[name].append(timed(command, env)[0])
    return samples


def paired(a: list[float], b: list[float]) -> float:
    return statistics.median(x / y for x, y in zip(a, b, strict=True))


def show(samples: dict[str, list[float]]) -> None:
    for name, values in samples.items():
        print(f"  {name:<44} {statistics.median(values) * 1000:9.1f} ms")


class Results:
    """The measures of one run, for the table at the end."""

    def __init__(self) -> None:
        self.values: dict[str, tuple[float, str]] = {}

    def add(self, key: str, value: float, detail: str = "") -> None:
        self.values[key] = (value, detail)
        target = TARGETS[key]
        print(f"  {self.label(key):<60} {value:7.2f}{target.unit}   target <= {target.target:g}{target.unit}")

    def label(self, key: str) -> str:
        detail = self.values[key][1]
        return f"{TARGETS[key].name}{f' ({detail})' if detail else ''}"

    def table(self, heading: str) -> None:
        print(f"\nTargets ({heading}):")
        print(f"  {'measure':<60} {'ratio':>8} {'target':>10} {'stretch':>10}  verdict")
        for key, (value, _) in self.values.items():
            target = TARGETS[key]
            verdict = "misses" if value > target.target else "meets" if value > target.stretch else "meets, stretch too"
            limits = [f"<= {limit:g}{target.unit}" for limit in (target.target, target.stretch)]
            print(f"  {self.label(key):<60} {value:8.2f} {limits[0]:>10} {limits[1]:>10}  {verdict}")


def startup(rounds: int, directory: Path, env: dict[str, str], results: Results) -> None:
    python = sys.executable
    commands = {
        "typer hello-world": [python, str(FLOORS / "hello.py")],
        "floor: typer, quote's options, JSON": [*entry("quote_json", directory), "-t", "51", *DATE],
        "chefloen quote --format json": [*chefloen_command(), "quote", "-t", "51", *DATE, "--format", "json"],
        "floor: hello-world with a Rich table": [python, str(FLOORS / "quote_table.py")],
        "chefloen quote (table)": [*chefloen_command(), "quote", "-t", "51", *DATE],
    }
    samples = interleaved(commands, rounds, env)
    hello, json_floor, json_quote, table_floor, table_quote = samples.values()
    print(f"Start-up, median of {rounds} interleaved runs each:")
    show(samples)
    results.add("json", paired(json_quote, hello), f"floor {paired(json_floor, hello):.2f}")
    results.add("guard", paired(json_quote, json_floor))
    results.add("table", paired(table_quote, hello), f"floor {paired(table_floor, hello):.2f}")


def copy_floor(source: Path, target: Path) -> list[str]:
    return [sys.executable, str(FLOORS / "csv_copy.py"), str(source), str(target), str(len(RESULT_COLUMNS))]


def batch_command(source: Path, target: Path) -> list[str]:
    return [*chefloen_command(), "batch", str(source), "--output", str(target)]


def batch(source: Path, kind: str, key: str, runs: int, env: dict[str, str], results: Results) -> None:
    rows = sum(1 for _ in source.open(encoding="utf-8")) - 1
    commands = {
        "floor: csv.reader + csv.writer": copy_floor(source, source.with_name(f"{source.stem}-floor.csv")),
        "chefloen batch": batch_command(source, source.with_name(f"{source.stem}-out.csv")),
    }
    samples = interleaved(commands, runs, env)
    floor, ours = samples.values()
    print(f"Batch of {rows:,} {kind} rows, whole processes, median of {runs} interleaved runs each:")
    show(samples)
    per_row = statistics.median(ours) / rows * 1e6
    print(f"  chefloen batch: {rows / statistics.median(ours):,.0f} rows/s, {per_row:.1f} us a row")
    results.add(key, paired(ours, floor), f"{rows:,} rows")


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def reference_command(name: str, source: Path, target: Path) -> list[str]:
    script = REFERENCES / f"{name}_batch.py"
    return [sys.executable, str(script), str(source), str(target), str(default_dir())]


def agree(reference: Path, ours: Path, name: str) -> None:
    """Every value the reference writes is what chefloen wrote in the column of that name, row by row."""
    with reference.open(encoding="utf-8", newline="") as theirs, ours.open(encoding="utf-8", newline="") as own:
        rows = 0
        for expected, written in zip(csv.DictReader(theirs), csv.DictReader(own), strict=True):
            wrong = {key: (value, written.get(key)) for key, value in expected.items() if written.get(key) != value}
            if wrong:
                raise SystemExit(f"the {name} reference and chefloen differ on row {expected['row']}: {wrong}")
            rows += 1
    print(f"  the {name} reference gives chefloen's figures on all {rows:,} rows of {ours.name}")


def references(distinct: Path, mixed: Path, runs: int, env: dict[str, str], results: Results) -> None:
    names = [name for name in ("pandas", "polars") if installed(name)]
    if not names:
        print("References: neither pandas nor polars is installed (pip install -e '.[bench]'); skipped")
        return
    commands = {"chefloen batch": batch_command(distinct, distinct.with_name("distinct-out.csv"))}
    for name in names:
        commands[f"reference: {name}"] = reference_command(name, distinct, distinct.with_name(f"distinct-{name}.csv"))
    samples = interleaved(commands, runs, env)
    print(f"Batch of distinct rows against the references, median of {runs} interleaved runs each:")
    show(samples)
    ours = samples["chefloen batch"]
    for name in names:
        results.add(name, paired(ours, samples[f"reference: {name}"]))
        agree(distinct.with_name(f"distinct-{name}.csv"), distinct.with_name("distinct-out.csv"), name)
        timed(reference_command(name, mixed, mixed.with_name(f"mixed-{name}.csv")), env)
        agree(mixed.with_name(f"mixed-{name}.csv"), mixed.with_name("mixed-out.csv"), name)


def workbook(source: Path, runs: int, env: dict[str, str], results: Results) -> None:
    commands = {
        "chefloen batch -o out.csv": batch_command(source, source.with_name("as-csv.csv")),
        "chefloen batch -o out.xlsx": batch_command(source, source.with_name("as-xlsx.xlsx")),
    }
    samples = interleaved(commands, runs, env)
    as_csv, as_xlsx = samples.values()
    print(f"The batch of mixed rows written as CSV and as .xlsx, median of {runs} interleaved runs each:")
    show(samples)
    results.add("xlsx", paired(as_xlsx, as_csv))


def large(source: Path, runs: int, env: dict[str, str], results: Results) -> None:
    """The batch of many distinct rows: its time against the CSV floor's, and its peak memory."""
    rows = sum(1 for _ in source.open(encoding="utf-8")) - 1
    floor: list[float] = []
    ours: list[float] = []
    peaks: list[float] = []
    for _ in range(runs):
        floor.append(timed(copy_floor(source, source.with_name("large-floor.csv")), env)[0])
        elapsed, peak = timed(batch_command(source, source.with_name("large-out.csv")), env)
        ours.append(elapsed)
        peaks.append(peak)
    print(f"Batch of {rows:,} distinct rows, {runs} interleaved run(s) each:")
    show({"floor: csv.reader + csv.writer": floor, "chefloen batch": ours})
    results.add("distinct-large", paired(ours, floor), f"{rows:,} rows")
    results.add("memory", max(peaks), f"{rows:,} rows, {statistics.median(ours):.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--starts", type=int, default=41, help="runs of each start-up command (default 41)")
    parser.add_argument("--batch-rows", type=int, default=100_000, help="rows of the batch ratios (100000)")
    parser.add_argument("--batch-runs", type=int, default=5, help="runs of each batch and its floor (default 5)")
    parser.add_argument(
        "--memory-rows", type=int, default=1_000_000, help="distinct rows for peak memory and the large ratio (1000000)"
    )
    parser.add_argument("--memory-runs", type=int, default=1, help="runs of the large batch and its floor (1)")
    parser.add_argument("--no-references", action="store_true", help="skip pandas and polars even when installed")
    args = parser.parse_args()
    if min(args.starts, args.batch_runs, args.memory_runs) < 1:
        parser.error("--starts, --batch-runs and --memory-runs must be at least 1")
    heading = (
        f"{dt.date.today()}, {platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, Typer {version('typer')}, chefloen {chefloen.__version__}"
    )
    print(heading)
    # pip compiles a package's bytecode when it installs it; an editable checkout run with
    # PYTHONDONTWRITEBYTECODE never would, and would be timed compiling its own source. The floors are
    # imported by their entry scripts the same way.
    compileall.compile_dir(Path(chefloen.__file__).parent, quiet=1)
    compileall.compile_dir(FLOORS, quiet=1)
    results = Results()
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        user = directory / "user"
        user.mkdir()
        env = {
            **os.environ,
            "CHEFLOEN_CACHE_DIR": str(directory / "cache"),
            "CHEFLOEN_USER_DIR": str(user),
            "COLUMNS": "100",
        }
        startup(args.starts, directory, env, results)
        mixed, distinct = directory / "mixed.csv", directory / "distinct.csv"
        generate(mixed, args.batch_rows)
        generate_distinct(distinct, args.batch_rows)
        batch(mixed, "mixed", "mixed", args.batch_runs, env, results)
        batch(distinct, "distinct", "distinct", args.batch_runs, env, results)
        if not args.no_references:
            references(distinct, mixed, args.batch_runs, env, results)
        workbook(mixed, args.batch_runs, env, results)
        if args.memory_rows:
            many = directory / "many.csv"
            generate_distinct(many, args.memory_rows)
            large(many, args.memory_runs, env, results)
    results.table(heading)


if __name__ == "__main__":
    main()
