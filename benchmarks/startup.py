"""Start-up cost of one quote, side by side with a bare interpreter and a minimal Typer app.

Runs each command REPEAT times, interleaved so machine noise hits all alike, and prints medians
and ratios. Targets (issue 5): quote ≤ Typer hello-world, and ≤ 6 × a bare interpreter start.
Usage: python benchmarks/startup.py [REPEAT]   (default 21)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HELLO = """
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"Hello {name}")


app()
"""


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        hello = Path(directory) / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        commands = {
            "bare python": [sys.executable, "-c", "pass"],
            "typer hello-world": [sys.executable, str(hello)],
            "chefloen quote --format json": [
                sys.executable, "-m", "chefloen", "quote", "--trin", "51", "--date", "2025-11-01", "--format", "json",
            ],
        }  # fmt: skip
        for command in commands.values():  # warm the disk cache and chefloen's scales cache
            timed(command)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(repeat):
            for name, command in commands.items():
                samples[name].append(timed(command))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    for name, value in medians.items():
        print(f"{name:<30} median {value * 1000:7.1f} ms over {repeat} runs")
    quote, hello_world, bare = (
        medians["chefloen quote --format json"],
        medians["typer hello-world"],
        medians["bare python"],
    )
    print(f"quote / typer hello-world = {quote / hello_world:5.2f}   (target ≤ 1)")
    print(f"quote / bare python       = {quote / bare:5.2f}   (target ≤ 6)")
    print(f"typer hello / bare python = {hello_world / bare:5.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 21)
