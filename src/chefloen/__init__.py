"""chefloen: pay under the Danish regions' 'Aftale for chefer', computed exactly from sourced tables."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "1.0.0"

# Names are imported on first use, so `python -m chefloen` and the CLI start with only what they need.
_EXPORTS = {
    "compute": "chefloen.calc",
    "convert": "chefloen.calc",
    "step_table": "chefloen.calc",
    "ChefloenError": "chefloen.errors",
    "InputError": "chefloen.errors",
    "NotCoveredError": "chefloen.errors",
    "ScaleFileError": "chefloen.errors",
    "UnknownKeyError": "chefloen.errors",
    "Breakdown": "chefloen.breakdown",
    "Scales": "chefloen.model",
    "Scenario": "chefloen.model",
    "load_scales": "chefloen.loading.scales",
}

__all__ = [
    "Breakdown",
    "ChefloenError",
    "InputError",
    "NotCoveredError",
    "ScaleFileError",
    "Scales",
    "Scenario",
    "UnknownKeyError",
    "__version__",
    "compute",
    "convert",
    "load_scales",
    "step_table",
]

if TYPE_CHECKING:
    from chefloen.breakdown import Breakdown
    from chefloen.calc import compute, convert, step_table
    from chefloen.errors import ChefloenError, InputError, NotCoveredError, ScaleFileError, UnknownKeyError
    from chefloen.loading.scales import load_scales
    from chefloen.model import Scales, Scenario


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'chefloen' has no attribute {name!r}")
