"""chefloen: pay under the Danish regions' 'Aftale for chefer', computed exactly from sourced tables.

>>> import chefloen
>>> chefloen.posting("kontorchef-sundhed-praksis", "1.11.2025").to_data()["annual_pay"]
'792072'

The functions are in :mod:`chefloen.api`; every result has ``to_data()``, the CLI's JSON.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from chefloen.version import __version__

# The CLI imports this package on every start, so names load on first use: `chefloen quote` pays for
# the engine, not for the library's other functions. dir() and type checkers see them all.
_EXPORTS = {
    "quote": "chefloen.api",
    "posting": "chefloen.api",
    "compare": "chefloen.api",
    "offer": "chefloen.api",
    "solve": "chefloen.api",
    "earnings": "chefloen.api",
    "history": "chefloen.api",
    "net_pay": "chefloen.api",
    "batch": "chefloen.api",
    "load_scales": "chefloen.loading",
    "load_tax_year": "chefloen.loading",
    "compute": "chefloen.calc",
    "Breakdown": "chefloen.breakdown",
    "Scales": "chefloen.model",
    "Scenario": "chefloen.model",
    "ChefloenError": "chefloen.errors",
    "UsageError": "chefloen.errors",
    "InputError": "chefloen.errors",
    "UnknownKeyError": "chefloen.errors",
    "NotCoveredError": "chefloen.errors",
    "ScaleFileError": "chefloen.errors",
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
    "UsageError",
    "__version__",
    "batch",
    "compare",
    "compute",
    "earnings",
    "history",
    "load_scales",
    "load_tax_year",
    "net_pay",
    "offer",
    "posting",
    "quote",
    "solve",
]

if TYPE_CHECKING:
    from chefloen.api import batch, compare, earnings, history, net_pay, offer, posting, quote, solve
    from chefloen.breakdown import Breakdown
    from chefloen.calc import compute
    from chefloen.errors import (
        ChefloenError,
        InputError,
        NotCoveredError,
        ScaleFileError,
        UnknownKeyError,
        UsageError,
    )
    from chefloen.loading import load_scales, load_tax_year
    from chefloen.model import Scales, Scenario


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module 'chefloen' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
