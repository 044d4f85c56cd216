"""chefloen's speed, measured side by side; prints figures and ratios, and checks nothing but that the
hand-written loop and the batch agree on every figure.

1. Start-up: one `chefloen quote --format json`, a bare interpreter and a minimal Typer hello-world,
   interleaved and repeated; medians, and ratios as the median of each round's ratio. Target: a quote
   within 1,30 x the hello-world.
2. Batch engine against a minimal hand-written loop doing the same arithmetic on the same rows, in
   this process (no start-up); medians. Target: the batch takes <= 2 x the loop's time.
3. `chefloen batch` end to end in a subprocess: rows per second and peak memory.

Usage: python benchmarks/speed.py [--starts N] [--rows N] [--repeat N] [--batch-rows N ...]
"""

from __future__ import annotations

import argparse
import compileall
import csv
import datetime as dt
import io
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from bisect import bisect_right
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from importlib.metadata import version
from pathlib import Path

import chefloen
from chefloen import batch_input, batch_rows
from chefloen.loading.scales import load_scales
from chefloen.render.files import batch_writer

HELLO = """
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"Hello {name}")


app()
"""
QUOTE = ["quote", "--trin", "51", "--date", "2025-11-01", "--format", "json"]
STEPS = ["49", "50", "51", "52", "53", "54", "55", "55+"]
POSTINGS = ["kontorchef-sundhed-praksis", "direktoer-regionssekretariatet"]
DATES = ["2019-10-01", "2021-04-01", "2023-10-01", "2024-04-01", "2025-11-01"]
ONE, ORE, HUNDRED, TWELVE = Decimal(1), Decimal("0.01"), Decimal(100), Decimal(12)


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


# --- 1. start-up -----------------------------------------------------------------------------------


def chefloen_command() -> list[str]:
    """The installed console script, as a user runs it; `python -m chefloen` where there is none."""
    script = Path(sys.executable).with_name("chefloen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "chefloen"]


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def startup(rounds: int) -> None:
    # pip compiles a package's bytecode when it installs it; an editable checkout run with
    # PYTHONDONTWRITEBYTECODE never would, and would be timed compiling its own source.
    compileall.compile_dir(Path(chefloen.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as directory:
        hello = Path(directory) / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        env = {**os.environ, "CHEFLOEN_CACHE_DIR": str(Path(directory) / "cache")}
        commands = {
            "bare python -c pass": [sys.executable, "-c", "pass"],
            "typer hello-world": [sys.executable, str(hello)],
            "chefloen quote --format json": [*chefloen_command(), *QUOTE],
        }
        for command in commands.values():  # warm the disk cache and chefloen's scales cache
            timed(command, env)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(rounds):
            for name, command in commands.items():
                samples[name].append(timed(command, env))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    print(f"Start-up, median of {rounds} interleaved runs each:")
    if commands["chefloen quote --format json"][0] == sys.executable:
        print("  (no chefloen console script beside this interpreter; timed `python -m chefloen`)")
    for name, value in medians.items():
        print(f"  {name:<30} {value * 1000:7.1f} ms")
    # Each ratio is the median of the ratios within a round: runs side by side share the machine's mood,
    # so the ratio holds while the machine speeds up or slows down, where a ratio of medians drifts.
    bare, hello_world, quote = samples.values()

    def paired(a: list[float], b: list[float]) -> float:
        return statistics.median(x / y for x, y in zip(a, b, strict=True))

    print(f"  quote / typer hello-world = {paired(quote, hello_world):5.2f}   (target <= 1.30)")
    print(f"  quote / bare python       = {paired(quote, bare):5.2f}")
    print(f"  typer hello / bare python = {paired(hello_world, bare):5.2f}")


# --- 2. batch engine against a hand-written loop ------------------------------------------------------


def hand_loop(path: Path) -> str:
    """The batch's arithmetic written out for these rows: no validation, provenance, warnings or errors."""
    scales = load_scales()
    factor_dates = [factor.effective.isoformat() for factor in scales.regulation.factors]
    factors = [factor.value for factor in scales.regulation.factors]
    rates = scales.pension_group("chef").rates  # both postings are in the chef group
    rate_dates = [rate.effective.isoformat() for rate in rates]
    rate_values = [rate.percent for rate in rates]
    steps = {key: step.base_amount for key, step in scales.steps.items()}
    postings = {key: (posting.step, posting.supplement_base_amount) for key, posting in scales.postings.items()}
    worktime = scales.worktime
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):  # rows are numbered by line; the header is 1
            date = row["date"]
            factor = factors[bisect_right(factor_dates, date) - 1]
            rate = rate_values[bisect_right(rate_dates, date) - 1]
            numerator = denominator = ONE  # share of full time; multiply by it before dividing, once
            if deltid := row["deltid"]:
                numerator = Decimal(deltid[:-1]) if deltid[-1] == "t" else Decimal(deltid)
                denominator = worktime.weekly_hours if deltid[-1] == "t" else ONE
            if row["posting"]:
                step, supplement = postings[row["posting"]]
                bases = [steps[step], supplement]
            else:
                bases = [steps[row["trin"]]]
            if kval := row["kvalifikationsloen"]:
                bases.append(Decimal(kval.replace(".", "")))
            pay = sum((base * factor * numerator / denominator).quantize(ONE, ROUND_HALF_UP) for base in bases)
            afkoeb, extra = row["afkoeb"], Decimal(0)
            if afkoeb.endswith("%"):
                extra = (pay * Decimal(afkoeb[:-1]) / HUNDRED).quantize(ONE, ROUND_HALF_UP)
            elif afkoeb.endswith("t"):  # at the hourly rate of the full-time pay, as a full-timer is paid it
                full_time = sum((base * factor).quantize(ONE, ROUND_HALF_UP) for base in bases)
                hours_paid = Decimal(afkoeb[:-1]) * worktime.weeks_per_year
                extra = (full_time * hours_paid / worktime.annual_hours).quantize(ONE, ROUND_HALF_UP)
            elif afkoeb:
                extra = (Decimal(afkoeb) * factor * numerator / denominator).quantize(ONE, ROUND_HALF_UP)
            pension = (pay * rate / HUNDRED).quantize(ONE, ROUND_HALF_UP)  # afkøb is not pensionable
            annual = pay + extra
            monthly = (annual / TWELVE).quantize(ORE, ROUND_HALF_UP)
            writer.writerow([number, annual, monthly, pension, annual + pension])
    return out.getvalue()


def chefloen_batch(path: Path) -> str:
    """What `chefloen batch FILE` does once its options are read."""
    scales = load_scales()
    out = io.StringIO()
    with batch_input.open_rows(path) as opened, batch_writer("csv", out) as write:
        for row in batch_rows.results(opened.rows, scales):
            write(row)
    return out.getvalue()


def figures(loop_output: str, batch_output: str) -> tuple[list[list[str]], list[list[str]]]:
    from_loop = list(csv.reader(io.StringIO(loop_output)))
    columns = ("row", "annual_pay", "monthly_pay", "pension", "total")
    from_batch = [[record[name] for name in columns] for record in csv.DictReader(io.StringIO(batch_output))]
    return from_loop, from_batch


def batch_against_loop(rows: int, repeat: int) -> None:
    functions: dict[str, Callable[[Path], str]] = {"hand-written loop": hand_loop, "chefloen batch": chefloen_batch}
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "rows.csv"
        generate(path, rows)
        outputs = {name: function(path) for name, function in functions.items()}  # warm-up, and the check
        from_loop, from_batch = figures(outputs["hand-written loop"], outputs["chefloen batch"])
        if from_loop != from_batch:
            wrong = next(a for a, b in zip(from_loop, from_batch, strict=False) if a != b)
            raise SystemExit(f"the loop and the batch disagree, e.g. row {wrong[0]}; the comparison is void")
        timings: dict[str, list[float]] = {name: [] for name in functions}
        for _ in range(repeat):
            for name, function in functions.items():
                started = time.perf_counter()
                function(path)
                timings[name].append(time.perf_counter() - started)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    print(f"Batch in process, {rows} rows, median of {repeat} interleaved runs; both give the same figures:")
    for name, value in medians.items():
        print(f"  {name:<18} {value * 1000:7.1f} ms  {rows / value:9.0f} rows/s  {value / rows * 1e6:5.1f} us/row")
    ratio = medians["chefloen batch"] / medians["hand-written loop"]
    print(f"  chefloen batch / loop time = {ratio:5.2f}   (target <= 2)")


# --- 3. end to end ----------------------------------------------------------------------------------------


def end_to_end(rows: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        source, target = Path(directory) / "in.csv", Path(directory) / "out.csv"
        generate(source, rows)
        started = time.perf_counter()
        subprocess.run(
            [*chefloen_command(), "batch", str(source), "--output", str(target)], check=True, stderr=subprocess.DEVNULL
        )
        elapsed = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        with target.open(encoding="utf-8") as written:
            count = sum(1 for _ in written) - 1
    print(
        f"  {rows:>9} rows: {elapsed:6.1f} s, {rows / elapsed:7.0f} rows/s, peak RSS of any run so far "
        f"{peak_mb:5.1f} MB, {count} written"
    )


def workbook_writers(rows: int) -> None:
    """The two .xlsx writers on the batch's own sheet: XlsxWriter (what chefloen uses) and openpyxl's
    write-only mode, each writing the same typed rows with the same number formats."""
    from decimal import Decimal

    from openpyxl import Workbook as OpenpyxlWorkbook
    from openpyxl.cell import WriteOnlyCell

    from chefloen.batch_rows import RESULT_COLUMNS
    from chefloen.render.files import BATCH_KINDS
    from chefloen.render.sheet import Workbook, typed

    values = [
        [number, f"Scenarie {number}", dt.date(2025, 11, 1), "51", "51", "kontorchef-sundhed-praksis",
         Decimal(792072), Decimal("66006.00"), Decimal(171008), Decimal(963080), None, None, "sourced", "", None]
        for number in range(2, rows + 2)
    ]  # fmt: skip

    def with_xlsxwriter(path: Path) -> None:
        with path.open("wb") as handle:
            book = Workbook(handle, "Resultater", RESULT_COLUMNS, BATCH_KINDS, [14] * len(RESULT_COLUMNS))
            for row in values:
                book.append(row)
            book.save([])

    def with_openpyxl(path: Path) -> None:
        book = OpenpyxlWorkbook(write_only=True)
        sheet = book.create_sheet("Resultater")
        sheet.freeze_panes = "A2"
        sheet.append(list(RESULT_COLUMNS))
        for row in values:
            cells = []
            for value, kind in zip(row, BATCH_KINDS, strict=True):
                cell = WriteOnlyCell(sheet, value=typed(value, kind))  # type: ignore[arg-type]
                cell.number_format = kind.number_format
                cells.append(cell)
            sheet.append(cells)
        book.save(path)

    print(f"writing a batch workbook of {rows} rows:")
    with tempfile.TemporaryDirectory() as directory:
        for name, write in (("XlsxWriter", with_xlsxwriter), ("openpyxl write-only", with_openpyxl)):
            path = Path(directory) / f"{name.split()[0]}.xlsx"
            started = time.perf_counter()
            write(path)
            elapsed = time.perf_counter() - started
            print(f"  {name:<20} {elapsed:6.2f} s, {path.stat().st_size / 1024:8.0f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--starts", type=int, default=41, help="runs of each start-up command (default 41)")
    parser.add_argument("--rows", type=int, default=20_000, help="rows for the in-process comparison (20000)")
    parser.add_argument("--repeat", type=int, default=11, help="runs of the batch and of the loop (default 11)")
    parser.add_argument("--batch-rows", type=int, nargs="*", default=[100_000], help="end-to-end sizes (100000)")
    parser.add_argument("--xlsx-rows", type=int, default=20_000, help="rows for the workbook writers (20000)")
    args = parser.parse_args()
    print(
        f"{dt.date.today()}, {platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, Typer {version('typer')}, chefloen {chefloen.__version__}"
    )
    startup(args.starts)
    batch_against_loop(args.rows, args.repeat)
    if args.batch_rows:
        print("chefloen batch end to end (start-up, reading, writing):")
        for rows in args.batch_rows:
            end_to_end(rows)
    if args.xlsx_rows:
        workbook_writers(args.xlsx_rows)


if __name__ == "__main__":
    main()
