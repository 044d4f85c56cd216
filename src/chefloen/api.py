"""The library: keyword functions behind ``chefloen.quote(...)`` and friends, for scripts and notebooks.

Options take the CLI's notations as text (``"50.000"``, ``"10%"``, ``"5t"``, ``"1.11.2025"``) or plain values
(numbers, ``Decimal``, ``datetime.date``). Every result has ``to_data()``, equal to the CLI's ``--format json``.

>>> import chefloen
>>> chefloen.quote(trin="51", date="2025-11-01").to_data()["annual_pay"]
'667552'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypedDict, Unpack

from chefloen import parsing
from chefloen.errors import InputError
from chefloen.loading import load_scales, load_tax_year
from chefloen.model import Scales
from chefloen.scenario_text import Supplements, Value, parse_spec, scenario_from_row, scenario_of, text_of

if TYPE_CHECKING:
    from chefloen.batch_rows import BatchRow
    from chefloen.breakdown import Breakdown
    from chefloen.earnings import Earnings
    from chefloen.net_plans import NetSolution
    from chefloen.plans import Comparison, History, Solution
    from chefloen.tax import NetPay, TaxYear

DateLike = str | dt.date


class Components(TypedDict, total=False):
    """The optional parts of a scenario, named as the CLI's options and the batch columns."""

    label: str
    kvalifikationsloen: Value
    funktionsloen: Value
    tillaeg: Supplements
    afkoeb: Value
    afkoeb_pensionsgivende: Value | bool
    engangsvederlag: Value
    engangsvederlag_pensionsgivende: Value | bool
    pension: Value
    pensionsgruppe: str
    deltid: Value
    fritvalg: Value
    fritvalg_gulv: Value


def date_or_today(value: DateLike | None) -> dt.date:
    """The date given (text in either notation, a date, or ``i dag``/``today``), else today: the one date rule
    of every command and function that prices something.

    >>> date_or_today("i dag") == date_or_today(None) == dt.date.today()
    True
    """
    # The library and the CLI are the boundaries: "today" is decided here, never in the core.
    today = dt.date.today()
    if value is None:
        return today
    if isinstance(value, dt.datetime):  # a datetime is a date too (a notebook's timestamps are)
        return parsing.in_range(value.date())
    if isinstance(value, dt.date):
        return parsing.in_range(value)
    if not isinstance(value, str):
        raise InputError(f"a date is text (2025-11-01, 1.11.2025) or a date, not {type(value).__name__}")
    return parsing.parse_date(value, today)


def with_assumed(scales: Scales, assume: Sequence[str] | str, period_start: str | None) -> Scales:
    """``scales`` with the assumed regulations applied (one text, or several); without any, as they are (and
    assumptions not imported)."""
    if isinstance(assume, str):  # one assumption, not its characters
        assume = [assume]
    if not assume and period_start is None:
        return scales
    from chefloen.assumptions import with_assumptions

    return with_assumptions(scales, list(assume), period_start=period_start)


def _scales(scales: Scales | None, assume: Sequence[str] | str, period_start: str | None) -> Scales:
    return with_assumed(load_scales() if scales is None else scales, assume, period_start)


def _subject(trin: Value, posting: str | None) -> tuple[str | None, str | None]:
    step = text_of(trin)
    if (step is None) == (posting is None):
        raise InputError("give either trin or posting")
    return step, posting


def quote(
    trin: Value,
    date: DateLike | None = None,
    *,
    scales: Scales | None = None,
    assume: Sequence[str] | str = (),
    period_start: str | None = None,
    **components: Unpack[Components],
) -> Breakdown:
    """Annual and monthly pay, pension and total for a trin at an index date (default: today)."""
    from chefloen.calc import compute

    loaded = _scales(scales, assume, period_start)
    return compute(scenario_of(on=date_or_today(date), step=trin, scales=loaded, **components), loaded)


def posting(
    id: str,
    date: DateLike | None = None,
    *,
    scales: Scales | None = None,
    assume: Sequence[str] | str = (),
    period_start: str | None = None,
    **components: Unpack[Components],
) -> Breakdown:
    """A published posting re-indexed to a date (default: today), with any extra components; ``date`` = its
    ``level_date`` reproduces the posted level."""
    from chefloen.calc import compute

    loaded = _scales(scales, assume, period_start)
    return compute(scenario_of(on=date_or_today(date), posting=id, scales=loaded, **components), loaded)


def compare(
    scenarios: Iterable[Mapping[str, Value] | str],
    date: DateLike | None = None,
    *,
    kommune: str | None = None,
    kirke: bool = False,
    skatteaar: int | None = None,
    scales: Scales | None = None,
    assume: Sequence[str] | str = (),
    period_start: str | None = None,
) -> Comparison:
    """Scenarios side by side, each a dict of batch columns or a spec ``"LABEL | key=value | …"``; with
    ``kommune``, a net-pay estimate of each and its difference to the first's."""
    from dataclasses import replace

    from chefloen.plans import compare as compare_scenarios

    on = date_or_today(date)
    rows = [parse_spec(item) if isinstance(item, str) else item for item in scenarios]
    loaded = _scales(scales, assume, period_start)
    today = date_or_today(None)
    result = compare_scenarios([scenario_from_row(row, on, loaded, today) for row in rows], loaded)
    if kommune is None:
        return result
    nets = tuple(_net_at(b, kommune, kirke=kirke, skatteaar=skatteaar) for b in result.breakdowns)
    return replace(result, nets=nets)


def solve(
    trin: Value = None,
    posting: str | None = None,
    *,
    date: DateLike | None = None,
    target_pay: Value = None,
    target_total: Value = None,
    target_net: Value = None,
    per: str | None = None,
    kommune: str | None = None,
    kirke: bool = False,
    skatteaar: int | None = None,
    scales: Scales | None = None,
    assume: Sequence[str] | str = (),
    period_start: str | None = None,
    **components: Unpack[Components],
) -> Solution | NetSolution:
    """The kvalifikationsløn needed to reach a target annual pay (``target_pay``), pay plus pension
    (``target_total``) or net pay (``target_net``, an estimate in ``kommune``: a month, or a year with
    ``per="aar"``), at ``date`` (default: today)."""
    from chefloen.plans import solve as solve_scenario

    step, posting_id = _subject(trin, posting)
    given = [target for target in (target_pay, target_total, target_net) if target is not None]
    if len(given) != 1:
        raise InputError("give one of target_pay, target_total or target_net")
    target = parsing.parse_amount(text_of(given[0]) or "")
    net_options = {"per": per, "kommune": kommune, "kirke": kirke or None, "skatteaar": skatteaar}
    if target_net is None:
        stray = next((name for name, value in net_options.items() if value is not None), None)
        if stray is not None:
            raise InputError(f"{stray} goes with target_net")
    elif kommune is None:
        raise InputError("target_net needs kommune, e.g. kommune='Viborg'")
    unit = "month" if per is None else parsing.parse_per(per)
    loaded = _scales(scales, assume, period_start)
    scenario = scenario_of(on=date_or_today(date), step=step, posting=posting_id, scales=loaded, **components)
    if kommune is None:
        return solve_scenario(scenario, loaded, target=target, kind="pay" if target_pay is not None else "total")
    from chefloen.net_plans import solve_net

    rules, asked = tax_rules(scenario.on, skatteaar)
    return solve_net(
        scenario, loaded, target=target, per=unit, kommune=kommune, church=kirke, rules=rules, asked_year=asked
    )


def earnings(
    trin: Value = None,
    posting: str | None = None,
    *,
    start: DateLike,
    end: DateLike,
    scales: Scales | None = None,
    assume: Sequence[str] | str = (),
    period_start: str | None = None,
    kommune: str | None = None,
    kirke: bool = False,
    **components: Unpack[Components],
) -> Earnings:
    """What the period from ``start`` to ``end`` pays month by month; with ``kommune``, each month's net too."""
    from chefloen.earnings import earnings as period_earnings
    from chefloen.earnings import with_net

    step, posting_id = _subject(trin, posting)
    first, last = date_or_today(start), date_or_today(end)
    loaded = _scales(scales, assume, period_start)
    template = scenario_of(on=first, step=step, posting=posting_id, scales=loaded, **components)
    result = period_earnings(template, loaded, start=first, end=last)
    if kommune is None:
        return result
    from chefloen.loading.tax import tax_year_for

    return with_net(result, kommune, church=kirke, rules_for=tax_year_for)


def history(
    trin: Value = None,
    posting: str | None = None,
    *,
    scales: Scales | None = None,
    assume: Sequence[str] | str = (),
    period_start: str | None = None,
    **components: Unpack[Components],
) -> History:
    """Pay of a trin or posting at every regulation date since 2018; kroner given as components are today's."""
    from chefloen.plans import history as pay_history

    step, posting_id = _subject(trin, posting)
    loaded = _scales(scales, assume, period_start)
    template = scenario_of(on=date_or_today(None), step=step, posting=posting_id, scales=loaded, **components)
    return pay_history(template, loaded)


def net_pay(gross: Value, kommune: str, *, kirke: bool = False, skatteaar: int | None = None) -> NetPay:
    """A net-pay estimate of an annual gross pay (before pension) in a kommune (default: the latest tax year)."""
    from chefloen.tax import net_pay as estimate

    amount = parsing.parse_amount(text_of(gross) or "", "gross")
    return estimate(amount, kommune, church=kirke, rules=load_tax_year(skatteaar))


def _net_at(breakdown: Breakdown, kommune: str, *, kirke: bool, skatteaar: int | None) -> NetPay:
    """A net-pay estimate of a breakdown's pay, under the rules of ``skatteaar``, else of its date's year."""
    from chefloen.tax import net_pay as estimate

    rules, asked = tax_rules(breakdown.on, skatteaar)
    return estimate(breakdown.taxable_pay, kommune, church=kirke, rules=rules, asked_year=asked)


def tax_rules(on: dt.date, skatteaar: int | None = None) -> tuple[TaxYear, int | None]:
    """The tax rules a net estimate of pay at ``on`` uses: of ``skatteaar`` when given, else of ``on``'s year (or
    the nearest year the data has), with the year they were chosen for, so that a mismatch is warned of."""
    from chefloen.loading.tax import tax_year_for

    if skatteaar is not None:
        return load_tax_year(skatteaar), None
    return tax_year_for(on.year), on.year


def batch(
    rows: Iterable[Mapping[str, Value]], *, date: DateLike | None = None, scales: Scales | None = None
) -> Iterator[BatchRow]:
    """One result a row (dicts of the batch columns, or a batch's own results, whose computed fields are read
    past), in order; a bad row's result carries its error. A row without a date is priced at ``date`` (default:
    today)."""
    from chefloen.batch_cells import mapping_row
    from chefloen.batch_rows import results

    numbered = ((number, mapping_row(row)) for number, row in enumerate(rows, start=1))
    today = date_or_today(None)
    return results(numbered, load_scales() if scales is None else scales, default_date=date_or_today(date), today=today)
