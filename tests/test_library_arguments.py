"""Generated: every argument of every public function, given every kind of value a script or a notebook may hold,
ends in a result or in a ChefloenError, never in another exception (a TypeError or AttributeError from inside)."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import chefloen
from chefloen.arguments import Components
from chefloen.model import Scenario
from tests.helpers import TRIED

ON = "2025-11-01"
# A call that works, for each public function; each argument is then given each value in turn.
GOOD: dict[str, dict[str, Any]] = {
    "quote": {"trin": 51, "date": ON},
    "posting": {"id": "kontorchef-sundhed-praksis", "date": ON},
    "compare": {"scenarios": [{"trin": 51}, {"trin": 52}], "date": ON},
    "tax_years": {},
    "offer": {"scenarios": [{"trin": 51}, {"trin": 52}], "date": ON, "kandidat": "Anne"},
    "solve": {"trin": 51, "date": ON, "target_pay": 750000},
    "earnings": {"trin": 51, "start": ON, "end": "2025-12-31"},
    "history": {"trin": 51},
    "scenarios": {"trin": 51, "date": ON},
    "net_pay": {"gross": 792072, "kommune": "Viborg"},
    "batch": {"rows": [{"trin": 51, "date": ON}]},
    "convert": {"amount": 50000, "date": ON},
    "steps": {"date": ON},
    "index": {},
    "postings": {},
    "load_scales": {},
    "load_tax_year": {},
    "compute": {"scenario": Scenario(on=dt.date(2025, 11, 1), step="51"), "scales": None},
    "reload": {},
}
VALUES: list[object] = [
    *("", " ", "x", "51", "-1", "0", "10%", "5t", "1e400", "NaN", "i dag", "2025-11-01", "max", "ja", "\x00", "%"),
    *(0, 1, -1, 51, 2026, 10**40, True, False, None),
    *(0.1, 0.5, 51.0, -0.1, float("nan"), float("inf"), float("-inf"), 1e300, 5e-324),
    *(Decimal("1.5"), Decimal("0.2159"), Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("1E+40")),
    *(dt.date(2025, 11, 1), dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.datetime(2025, 11, 1, 8), dt.timedelta(1)),
    *(b"51", bytearray(b"x"), [], [51], ["51", None], (), {}, {"a": 1}, {"trin": 51}, set(), object(), 1j),
    *(Path("/"), Path("nowhere"), "9" * 100_000, "x" * 1_000_000, "Ledelse=20000|Rådighed=5000"),
    *(np.int64(51), np.int8(-1), np.float64(0.1), np.float64("nan"), np.True_, np.str_("51")),
    *(np.datetime64(ON), np.datetime64("NaT"), np.datetime64(10**15, "D"), np.timedelta64(1, "D"), np.array([1])),
    *(pd.Timestamp(ON), pd.NaT, pd.NA, pd.Series([51]), pd.DataFrame(), pd.DataFrame({"trin": [51]})),
    *(pd.Period("2025-11"), pd.Timedelta(days=1)),
]


def arguments_of(name: str) -> list[str]:
    """The function's named arguments, and the components of a scenario where it takes them."""
    parameters = inspect.signature(getattr(chefloen, name)).parameters.values()
    names = [p.name for p in parameters if p.kind is not inspect.Parameter.VAR_KEYWORD]
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        names += [key for key in Components.__annotations__ if key not in names]
    return names


CASES = [(name, argument) for name in GOOD for argument in arguments_of(name)]


def run(function: Callable[..., object], arguments: dict[str, Any]) -> None:
    result = function(**arguments)
    if inspect.isgenerator(result):
        list(result)
    if hasattr(result, "to_data"):
        result.to_data()


def test_every_public_function_has_a_good_call() -> None:
    public = {name for name in chefloen.__all__ if callable(getattr(chefloen, name)) and name[0].islower()}
    assert public == set(GOOD)
    for name, arguments in GOOD.items():
        run(getattr(chefloen, name), arguments)


@pytest.mark.parametrize(("name", "argument"), CASES, ids=[f"{name}-{argument}" for name, argument in CASES])
def test_every_argument_takes_every_value_or_says_why_not(name: str, argument: str) -> None:
    function = getattr(chefloen, name)
    for value in VALUES:
        TRIED["library arguments × values"] = TRIED.get("library arguments × values", 0) + 1
        message = None
        try:
            run(function, GOOD[name] | {argument: value})
        except chefloen.ChefloenError as exc:
            message = str(exc)
        except Exception as exc:  # pragma: no cover - what the test is for
            shown = f"{name}({argument}={value!r:.60})"
            raise AssertionError(f"{shown} raised {type(exc).__name__}: {exc!s:.200}") from None
        assert message is None or (message.strip() and "\n" not in message), (name, argument, value)
    chefloen.reload()  # a run that changed nothing leaves nothing kept from an odd directory
