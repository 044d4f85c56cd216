"""chefloen: pay under the Danish regions' 'Aftale for chefer', computed exactly from sourced tables.

>>> import chefloen
>>> chefloen.posting("kontorchef-sundhed-praksis", "1.11.2025").to_data()["annual_pay"]
'792072'

Every command of the CLI is a function here, with the CLI's names and notations (:mod:`chefloen.api`,
:mod:`chefloen.api_plans`, :mod:`chefloen.api_data`); every result has ``to_data()``, the CLI's JSON, its figures
as ``Decimal`` attributes, and, where it is a table, ``to_frame()`` for pandas (``pip install "chefloen[pandas]"``).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

from chefloen.version import __version__

# The CLI imports this package on every start, so names load on first use: `chefloen quote` pays for
# the engine, not for the library's other functions. dir() and type checkers see them all.
_EXPORTS = {
    "quote": "chefloen.api",
    "posting": "chefloen.api",
    "net_pay": "chefloen.api",
    "batch": "chefloen.api",
    "compute": "chefloen.api",
    "load_scales": "chefloen.api",
    "load_tax_year": "chefloen.api",
    "reload": "chefloen.api",
    "compare": "chefloen.api_plans",
    "offer": "chefloen.api_plans",
    "solve": "chefloen.api_plans",
    "earnings": "chefloen.api_plans",
    "history": "chefloen.api_plans",
    "scenarios": "chefloen.api_plans",
    "convert": "chefloen.api_data",
    "steps": "chefloen.api_data",
    "index": "chefloen.api_data",
    "postings": "chefloen.api_data",
    "tax_years": "chefloen.api_data",
    "Breakdown": "chefloen.breakdown",
    "Scales": "chefloen.model",
    "Scenario": "chefloen.model",
    "ChefloenError": "chefloen.errors",
    "UsageError": "chefloen.errors",
    "InputError": "chefloen.errors",
    "UnknownKeyError": "chefloen.errors",
    "NotCoveredError": "chefloen.errors",
    "ScaleFileError": "chefloen.errors",
    "MissingExtraError": "chefloen.errors",
}

__all__ = [
    "Breakdown",
    "ChefloenError",
    "InputError",
    "MissingExtraError",
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
    "convert",
    "earnings",
    "history",
    "index",
    "load_scales",
    "load_tax_year",
    "net_pay",
    "offer",
    "posting",
    "postings",
    "quote",
    "reload",
    "scenarios",
    "solve",
    "steps",
    "tax_years",
]

if TYPE_CHECKING:
    from chefloen.api import batch, compute, load_scales, load_tax_year, net_pay, posting, quote, reload
    from chefloen.api_data import convert, index, postings, steps, tax_years
    from chefloen.api_plans import compare, earnings, history, offer, scenarios, solve
    from chefloen.breakdown import Breakdown
    from chefloen.errors import (
        ChefloenError,
        InputError,
        MissingExtraError,
        NotCoveredError,
        ScaleFileError,
        UnknownKeyError,
        UsageError,
    )
    from chefloen.model import Scales, Scenario


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module 'chefloen' has no attribute {name!r}")


class _Package(types.ModuleType):
    """This package, whose function ``earnings`` has the name of its module ``chefloen.earnings``: importing the
    module would bind it here in the function's place, so a module never replaces a public name."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __dir__() -> list[str]:
    # The public names only: not the submodules that importing them binds here, nor this module's own helpers.
    return sorted(__all__)
