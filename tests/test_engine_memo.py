"""An engine keeps what it has worked out: forms by the factor in force, days by date, rates by the kind of
day. Over rows at many distinct dates (each regulation day and the day before it, dates past the last
regulation, before the first), one engine for all of them must give what a fresh engine gives each row:
every figure, warning and error."""

from __future__ import annotations

import csv
import datetime as dt
import random
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from chefloen import batch_input
from chefloen.batch_rows import results
from chefloen.breakdown import Breakdown
from chefloen.calc import Engine
from chefloen.errors import ChefloenError
from chefloen.memo import KEEP, remember
from chefloen.model import Afkoeb, Fritvalg, PartTime, Scales, Scenario, Supplement
from tests.test_batch_paths import output, quoted

T = TypeVar("T")

# Good values first; the last of each list (and of the lists in scenario()) is refused.
AFKOEB = [None, Afkoeb("percent", Decimal(10)), Afkoeb("hours", Decimal("5.5"), pensionable=True),
          Afkoeb("amount", Decimal(20000)), Afkoeb("hours", Decimal(37))]  # fmt: skip
PART_TIME = [None, PartTime("fraction", Decimal("0.8")), PartTime("hours", Decimal(30)), PartTime("hours", Decimal(40))]


def dates(scales: Scales) -> list[dt.date]:
    """Every third day from before the first factor to two years past the last, and both sides of each."""
    first, last = scales.regulation.factors[0].effective, scales.regulation.last.effective
    spread = [first - dt.timedelta(days=3) + dt.timedelta(days=day) for day in range(0, (last - first).days + 800, 3)]
    sides = [factor.effective + dt.timedelta(days=days) for factor in scales.regulation.factors for days in (-1, 0)]
    return spread + sides


def scenario(chooser: random.Random, on: dt.date) -> Scenario:
    """A scenario at ``on``; about one in three has one field that is refused."""
    hostile = chooser.choice([None, None, *range(9)])

    def pick(field: int, values: list[T]) -> T:
        return chooser.choice(values if field == hostile else values[:-1])

    posting = chooser.random() < 0.3
    return Scenario(
        on=on,
        step=None if posting else pick(0, ["49", "51", "55+", "LR37", "99"]),
        posting=chooser.choice(["kontorchef-sundhed-praksis", "direktoer-regionssekretariatet"]) if posting else None,
        kvalifikationsloen=Decimal(pick(1, [0, 0, 25000, 61234, -5])),
        funktionsloen=Decimal(chooser.choice([0, 0, 10000])),
        supplements=pick(2, [(), (), (Supplement("Ledelse", Decimal(20000)),), (Supplement("A", Decimal(-1)),)]),
        afkoeb=pick(3, AFKOEB),
        one_off=Decimal(pick(4, [0, 0, 30000, -1])),
        one_off_pensionable=chooser.random() < 0.5,
        pension_percent=pick(5, [None, None, None, Decimal("20"), Decimal(100)]),
        pension_group=pick(6, [None, None, None, "chef", "regionsdirektoer", "ingen"]),
        part_time=pick(7, PART_TIME),
        label=chooser.choice(["", "Scenarie"]),
        fritvalg=pick(8, [None, None, Fritvalg(), Fritvalg(Decimal("3.5")), Fritvalg(Decimal(9))]),
    )


def outcome(engine: Engine, scenario: Scenario) -> object:
    try:
        return engine.breakdown(scenario)
    except ChefloenError as exc:
        return type(exc), str(exc)


def test_one_engine_over_many_dates_gives_what_a_fresh_engine_gives(scales: Scales) -> None:
    chooser = random.Random(13)
    kept = Engine(scales)
    computed = 0
    for on in dates(scales):
        for _ in range(2):
            asked = scenario(chooser, on)
            fresh = outcome(Engine(scales), asked)
            assert outcome(kept, asked) == fresh, asked
            computed += isinstance(fresh, Breakdown)
    assert computed > 1200


def test_a_batch_over_distinct_dates_gives_what_quoting_each_row_gives(tmp_path: Path, scales: Scales) -> None:
    chooser = random.Random(26)
    path = tmp_path / "rows.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["label", "trin", "loenramme", "posting", "date", "kvalifikationsloen", "deltid", "tillaeg", "afkoeb"]
        )
        for number, on in enumerate(dates(scales)):
            writer.writerow(
                [
                    f"Række {number}",
                    *chooser.choice(
                        [("51", "", ""), ("55+", "", ""), ("", "", "direktoer-regionssekretariatet"), ("", "40", "")]
                    ),
                    on.isoformat(),
                    chooser.randint(0, 90000),
                    chooser.choice(["", "0,75", "30t"]),
                    chooser.choice(["", "A=1000|B=2.000"]),
                    chooser.choice(["", "10%", "3t", "15000", "-1"]),
                ]
            )
    with batch_input.open_rows(path) as opened:
        batch = list(results(opened.rows, scales))
    with batch_input.open_rows(path) as opened:
        quotes = [quoted(number, row, scales) for number, row in opened.rows]
    assert len(batch) == len(quotes) == len(dates(scales))
    for spared, plain in zip(batch, quotes, strict=True):
        assert output(spared) == output(plain), spared.number
    assert sum(row.error is None for row in batch) > len(batch) // 2


def test_a_full_memo_forgets_its_older_half_only() -> None:
    known: dict[int, int] = {}
    for number in range(KEEP * 3):
        remember(known, number, number)
        assert number in known
    assert KEEP // 2 <= len(known) <= KEEP
    assert list(known) == list(range(KEEP * 3 - len(known), KEEP * 3))
