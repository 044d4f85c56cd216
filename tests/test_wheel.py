"""A plain (non-editable) wheel in a fresh virtual environment finds its tables and quotes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_quotes(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("chefloen-*.whl")
    env_dir = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    environment = {key: value for key, value in os.environ.items() if key != "CHEFLOEN_SCALES_DIR"}
    result = subprocess.run(
        [str(env_dir / "bin" / "chefloen"), "posting", "kontorchef-sundhed-praksis", "-d", "1.11.2025", "-f", "json"],
        cwd=tmp_path,  # away from the checkout, so only the packaged tables can be found
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["annual_pay"] == "792072"
    module = subprocess.run(
        [str(python), "-m", "chefloen", "steps", "--date", "2023-10-01", "--format", "csv"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "1112438" in module.stdout
    net = subprocess.run(
        [str(env_dir / "bin" / "chefloen"), "net", "--gross", "792072", "--kommune", "Viborg", "--format", "json"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(net.stdout)["year"] == 2026
    located = subprocess.run(
        [str(python), "-c", "from chefloen.loading.paths import default_dir; print(default_dir())"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(env_dir) in located.stdout
    # The user's own regulation and posting, from the installed program, in a user directory of their own.
    user = environment | {"CHEFLOEN_USER_DIR": str(tmp_path / "user-data")}
    chefloen = str(env_dir / "bin" / "chefloen")
    for args in (
        ["index", "add", "2026-10-01", "--percent", "0,54", "--source", "KRL satstabel 1.10.2026"],
        ["postings", "add", "mine", "--trin", "51", "--level", "800000", "--level-date", "2025-11-01", "--title", "X"],
    ):
        subprocess.run([chefloen, *args], cwd=tmp_path, env=user, capture_output=True, text=True, check=True)
    own = subprocess.run(
        [chefloen, "posting", "mine", "--date", "2026-10-01", "--format", "json"],
        cwd=tmp_path,
        env=user,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(own.stdout)
    # 1,198008 + 0,0054 × 1,169930 = 1,204326 (reference §2 item 4, inside OK26).
    assert (data["index"]["factor"], data["index"]["status"], data["subject"]["posting_status"]) == (
        "1.204326",
        "user",
        "user",
    )
    # The library, from the installed wheel, typed: the command the issue asks to work.
    library = subprocess.run(
        [
            str(python),
            "-c",
            "import chefloen; print(chefloen.quote(trin='51', date='2025-11-01').to_data()['annual_pay'])",
        ],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert library.stdout == "667552\n"  # RLTN 1.11.2025: trin 51, 55.629,33 kr. a month
    typed = subprocess.run(
        [
            str(python),
            "-c",
            "import chefloen, pathlib; print((pathlib.Path(chefloen.__file__).parent / 'py.typed').exists())",
        ],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert typed.stdout == "True\n"
    # pandas is an extra: without it the package imports and quotes, and a frame is one line that says how.
    frame = (
        "import chefloen\ntry:\n    chefloen.quote(51, '2025-11-01').to_frame()\n"
        "except chefloen.MissingExtraError as error:\n    print(error)"
    )
    without = subprocess.run(
        [str(python), "-c", frame], cwd=tmp_path, env=environment, capture_output=True, text=True, check=True
    )
    assert without.stdout == 'to_frame() needs pandas, which is not installed: pip install "chefloen[pandas]"\n'
