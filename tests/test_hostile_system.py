"""The program in a hostile system: output onto links, devices, FIFOs and directories, a full disk, a closed or
ASCII-only standard output, SIGTERM and SIGHUP mid-batch. These run the installed command in a process of its
own, since what they test (file descriptors, signals, resource limits) belongs to a process."""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import TRIED

CHEFLOEN = [sys.executable, "-m", "chefloen"]
GOOD_ROW = "51,2025-11-01\n"


def rows(directory: Path, count: int = 3) -> Path:
    path = directory / "rows.csv"
    path.write_text("trin,date\n" + GOOD_ROW * count, encoding="utf-8")
    return path


def run(*args: str, **options: object) -> subprocess.CompletedProcess[str]:
    TRIED["system cases"] = TRIED.get("system cases", 0) + 1
    return subprocess.run([*CHEFLOEN, *args], capture_output=True, text=True, timeout=120, **options)  # type: ignore[call-overload, no-any-return]


def one_line_error(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("Error: "), result.stderr
    return lines[-1]


def temporaries(directory: Path) -> list[str]:
    return [name for name in os.listdir(directory) if name.endswith(".tmp")]


def test_an_existing_file_keeps_its_mode_and_a_new_one_gets_the_umasks(tmp_path: Path) -> None:
    private = tmp_path / "private.csv"
    private.write_text("old")
    private.chmod(0o600)
    assert run("batch", str(rows(tmp_path)), "-o", str(private)).returncode == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    fresh = tmp_path / "fresh.csv"
    assert run("batch", str(rows(tmp_path)), "-o", str(fresh), preexec_fn=lambda: os.umask(0o027)).returncode == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640


def test_the_temporary_file_is_private_while_it_is_written(tmp_path: Path) -> None:
    source = tmp_path / "many.csv"
    source.write_text("trin,date\n" + GOOD_ROW * 200_000, encoding="utf-8")
    process = subprocess.Popen(
        [*CHEFLOEN, "batch", str(source), "-o", str(tmp_path / "out.csv")], stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while not temporaries(tmp_path) and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.01)
        seen = temporaries(tmp_path)
        if seen:  # a fast machine may finish first; then the check below is about the result only
            assert stat.S_IMODE((tmp_path / seen[0]).stat().st_mode) == 0o600
    finally:
        process.wait(timeout=120)
    assert process.returncode == 0
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("dangling", [False, True])
def test_a_symlink_is_never_written_through(tmp_path: Path, dangling: bool) -> None:
    """A link planted where the output goes must not lead the write elsewhere, to a file or to a new one."""
    target = tmp_path / "target.csv"
    if not dangling:
        target.write_text("stale")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = run("batch", str(rows(tmp_path)), "-o", str(link))
    assert result.returncode == 1
    assert "it is a symbolic link, and chefloen does not write through links" in one_line_error(result)
    assert link.is_symlink()
    assert target.read_text() == "stale" if not dangling else not target.exists()


def test_a_device_and_a_fifo_are_written_to_and_never_replaced(tmp_path: Path) -> None:
    assert run("batch", str(rows(tmp_path)), "-o", os.devnull).returncode == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    result = run("batch", str(rows(tmp_path)), "-o", str(fifo))
    received, _ = reader.communicate(timeout=60)
    assert result.returncode == 0
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received.count("55629.33") == 3  # trin 51 a month at 1.11.2025 (RLTN), one a row


def test_a_name_must_say_the_format_but_a_device_need_not(tmp_path: Path) -> None:
    message = one_line_error(run("quote", "-t", "51", "-o", str(tmp_path / "out")), code=2)
    assert message.startswith("Error: out: no extension; chefloen writes .txt (table), .json, .csv, .xlsx")
    assert list(tmp_path.iterdir()) == []
    quote = [*CHEFLOEN, "quote", "-t", "51", "-d", "2025-11-01", "-o", "/dev/stdout"]
    with (tmp_path / "shown").open("w") as stdout:  # /dev/stdout is the file the shell opened, named as it is
        result = subprocess.run(quote, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
    assert "667.552 kr." in (tmp_path / "shown").read_text(encoding="utf-8")


def test_dev_stdout_is_written_to_as_the_shell_opened_it(tmp_path: Path) -> None:
    quote = ["quote", "-t", "51", "-d", "2025-11-01", "-f", "csv", "-o", "/dev/stdout"]
    piped = run(*quote)  # `| cat`
    assert (piped.returncode, piped.stderr) == (0, "")
    assert piped.stdout.startswith("key,label,base_amount")
    log = tmp_path / "log.csv"
    log.write_text("written before\n", encoding="utf-8")
    with log.open("a") as stdout:  # `>> log.csv`: what was there stays
        appended = subprocess.run([*CHEFLOEN, *quote], stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60)
    assert (appended.returncode, appended.stderr) == (0, "")
    assert log.read_text(encoding="utf-8") == "written before\n" + piped.stdout


def test_dash_is_standard_output(tmp_path: Path) -> None:
    result = run("batch", str(rows(tmp_path)), "-o", "-", cwd=tmp_path)
    assert result.stdout.count("55629.33") == 3  # trin 51 a month at 1.11.2025 (RLTN), one a row
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("where", ["directory", "missing-directory", "dangling-link"])
def test_outputs_that_cannot_be_written_are_one_line(tmp_path: Path, where: str) -> None:
    target = {
        "directory": tmp_path,
        "missing-directory": tmp_path / "no" / "x.csv",
        "dangling-link": tmp_path / "l.csv",
    }
    if where == "dangling-link":
        target[where].symlink_to(tmp_path / "no" / "x.csv")
    message = one_line_error(run("batch", str(rows(tmp_path)), "-o", str(target[where])))
    assert message.startswith(f"Error: cannot write {target[where]}: ")


def small_disk() -> None:
    """A file-size limit stands in for a full disk: writes beyond it fail (EFBIG) as they would (ENOSPC)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_full_disk_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    source = rows(tmp_path, 500)
    out = tmp_path / "out.csv"
    message = one_line_error(run("batch", str(source), "-o", str(out), preexec_fn=small_disk))
    assert message.startswith(f"Error: cannot write {out}: ")
    assert not out.exists()
    assert temporaries(tmp_path) == []
    with (tmp_path / "stdout.csv").open("w") as stdout:
        result = subprocess.run(
            [*CHEFLOEN, "batch", str(source)], stdout=stdout, stderr=subprocess.PIPE, text=True, preexec_fn=small_disk
        )
    assert one_line_error(result).startswith("Error: cannot write the output: ")


def test_a_closed_or_ascii_only_standard_output(tmp_path: Path) -> None:
    closed = subprocess.run([*CHEFLOEN, "quote", "-t", "51"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, preexec_fn=lambda: os.close(1))  # fmt: skip
    assert one_line_error(closed).startswith("Error: standard output is closed")
    ascii_env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    table = run("quote", "-t", "51", "-d", "2025-11-01", env=ascii_env)
    assert (table.returncode, table.stderr) == (0, "")
    assert "Grundbel\\xf8b" in table.stdout
    data = run("quote", "-t", "51", "-d", "2025-11-01", "-f", "json", env=ascii_env)
    assert data.returncode == 0
    assert data.stdout.isascii()
    assert "ø" in json.dumps(json.loads(data.stdout), ensure_ascii=False)  # escaped, so still valid JSON


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_leave_no_temporary_file(tmp_path: Path, signal_number: int) -> None:
    source = tmp_path / "many.csv"
    source.write_text("trin,date\n" + GOOD_ROW * 300_000, encoding="utf-8")
    out = tmp_path / "out.csv"
    process = subprocess.Popen([*CHEFLOEN, "batch", str(source), "-o", str(out)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not temporaries(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert temporaries(tmp_path), "the batch finished before it could be stopped"
    process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signal_number
    assert b"Traceback" not in stderr
    assert temporaries(tmp_path) == []
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "-s", b"l\xffa | trin=51", "-s", "B | trin=52"],
        ["quote", "-t", "51", "--tillaeg", b"N\xff=1000", "-o", "x.csv"],
        ["quote", "-t", "51", "--tillaeg", b"N\xff=1000", "-f", "json"],
        ["postings", "add", "p", "--trin", "51", "--level", "700000", "--level-date", "2025-11-01", "--title",
         b"T", "--employer", b"K\xff"],
    ],
)  # fmt: skip
def test_an_argument_that_is_not_utf8_text_is_one_line(tmp_path: Path, args: list[str | bytes]) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates: no label, name or amount can hold them (a file
    name can, and is written: tests/test_files.py), so they are refused before anything is written."""
    env = {**os.environ, "CHEFLOEN_USER_DIR": str(tmp_path / "user")}
    for fmt in ("table", "json", "csv"):
        result = subprocess.run([*CHEFLOEN, *args, *(["-f", fmt] if args[0] == "compare" else [])],
                                capture_output=True, env=env, timeout=60, cwd=tmp_path)  # fmt: skip
        assert result.returncode == 2, result.stderr
        assert result.stderr.count(b"\n") == 1
        assert b"holds bytes that are not UTF-8 text" in result.stderr
        assert result.stdout == b""
    assert not (tmp_path / "x.csv").exists()
    assert not (tmp_path / "user").exists()


def test_an_offer_sheet_to_standard_output(tmp_path: Path) -> None:
    result = run("offer", "-t", "51", "-d", "2025-11-01", "-o", "-", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert list(tmp_path.iterdir()) == []
