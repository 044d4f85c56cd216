"""What tests share besides fixtures: the shipped tables' directory and the robustness tally."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCALES_DIR = ROOT / "data" / "scales"

# How many generated cases the robustness suite tried; reported at the end of the run.
TRIED: dict[str, int] = {}


def chromium() -> str | None:
    """Debian's headless browser, which renders the offer sheet; None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")
