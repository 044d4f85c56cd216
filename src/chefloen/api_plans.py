"""The library's plans, many breakdowns a call: ``compare``, ``offer``, ``solve``, ``earnings``, ``history`` and
``scenarios`` (the CLI's commands of those names). Arguments as in :mod:`chefloen.api`; each docstring says its own.

>>> import chefloen
>>> [b.annual_pay for b in chefloen.history(51).breakdowns][-3:]  # 1.10.2025, 1.11.2025, 1.4.2026 (RLTN)
[Decimal('662913'), Decimal('667552'), Decimal('683573')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Unpack

from chefloen import arguments, parsing
from chefloen.arguments import COMPONENTS, Components, DateLike, GridComponents, date_or_today, documented
from chefloen.errors import InputError
from chefloen.loading import kept
from chefloen.scenario_text import Value, parse_spec, scenario_from_row, scenario_of, text_of

if TYPE_CHECKING:
    from chefloen.breakdown import Breakdown
    from chefloen.earnings import Earnings
    from chefloen.model import Scales
    from chefloen.net_plans import NetSolution
    from chefloen.offers import Offer
    from chefloen.plans import Comparison, Grid, History, Solution
    from chefloen.tax import NetPay


def _subject(trin: object, posting: object) -> tuple[str | None, str | None]:
    step, posting_id = arguments.optional_name(trin, "trin"), arguments.optional_name(posting, "posting")
    if (step is None) == (posting_id is None):
        raise InputError("give either trin or posting")
    return step, posting_id


def compare(
    scenarios: Iterable[Mapping[str, object] | str],
    date: DateLike = None,
    *,
    kommune: str | None = None,
    kirke: bool = False,
    skatteaar: int | None = None,
    scales: Scales | None = None,
    assume: Sequence[str] | str = (),
    period_start: str | None = None,
) -> Comparison:
    """Two or more scenarios side by side: a :class:`~chefloen.plans.Comparison` of their breakdowns, the first
    the reference the others' differences are to; with ``kommune``, a net-pay estimate of each too.

    Arguments:
    scenarios: each a dict of batch columns (``{"trin": 51, "kvalifikationsloen": 60000}``, keys in any case) or
        a spec as the CLI's ``--scenario`` writes it: ``"LABEL | key=value | …"``.
    date: the date a scenario without its own is priced at, as for :func:`chefloen.quote`; default: today.
    kommune: add each scenario's net pay (an estimate) in this municipality, and its difference to the first's.
    kirke: a member of the folkekirke (kirkeskat); ja/nej or a bool. skatteaar: the income year's tax rules
        (default: each date's year). scales, assume, period_start: as for :func:`chefloen.quote`.

    >>> pair = compare([{"trin": 51}, "Med kval | trin=51 | kvalifikationsloen=50000"], "2025-11-01")
    >>> [b.annual_pay for b in pair.breakdowns]  # 50.000 × 1,169930 = 58.497 kr. more
    [Decimal('667552'), Decimal('726049')]
    """
    from dataclasses import replace

    from chefloen.plans import compare as compare_scenarios

    on = date_or_today(date)
    loaded = arguments.priced_tables(scales, assume, period_start)
    today = date_or_today(None)
    rows = [parse_spec(item) if isinstance(item, str) else arguments.row(item) for item in arguments.items(scenarios)]
    result = compare_scenarios([scenario_from_row(row, on, loaded, today) for row in rows], loaded)
    nets = _nets(result.breakdowns, kommune, kirke, skatteaar)
    return result if nets is None else replace(result, nets=nets)


def _nets(
    breakdowns: Sequence[Breakdown], kommune: object, kirke: object, skatteaar: object
) -> tuple[NetPay, ...] | None:
    """A net-pay estimate of each breakdown in ``kommune``, each under its date's tax year (or ``skatteaar``);
    None when no kommune is given."""
    from chefloen.tax import net_pay

    place = arguments.optional_name(kommune, "kommune")
    if place is None:
        return None
    church, year = arguments.flag(kirke, "kirke"), arguments.year(skatteaar, "skatteaar")
    nets = []
    for breakdown in breakdowns:
        rules, asked = arguments.tax_rules(breakdown.on, year)
        nets.append(net_pay(breakdown.taxable_pay, place, church=church, rules=rules, asked_year=asked))
    return tuple(nets)


def offer(
    scenarios: Iterable[Mapping[str, object] | str],
    date: DateLike = None,
    *,
    kandidat: str = "",
    tiltraedelse: DateLike = None,
    kommune: str | None = None,
    kirke: bool = False,
    skatteaar: int | None = None,
    scales: Scales | None = None,
    assume: Sequence[str] | str = (),
    period_start: str | None = None,
) -> Offer:
    """The offer sheet's content: one to four alternatives side by side, made today for a candidate.
    ``chefloen.render.html.sheet(offer)`` lays it out as ``chefloen offer`` does.

    Arguments:
    scenarios: one to four, each as for :func:`compare` (a dict of batch columns or a ``"LABEL | key=value"`` spec).
    date: the index date the alternatives are priced at; default: ``tiltraedelse``, else today.
    kandidat: the candidate's name, shown on the sheet. tiltraedelse: the start date, shown, and the pricing date
        unless ``date`` is given.
    kommune, kirke, skatteaar: add each alternative's net pay (an estimate), as for :func:`compare`.
    scales, assume, period_start: as for :func:`chefloen.quote`.

    >>> made = offer(["Med 10 % afkøb | posting=kontorchef-sundhed-praksis | afkoeb=10%"], "1.11.2025")
    >>> made.breakdowns[0].annual_pay  # 792.072 kr. + 10 % = 79.207 kr.
    Decimal('871279')
    """
    from dataclasses import replace

    from chefloen.offers import check_count
    from chefloen.offers import offer as make_offer

    rows = [parse_spec(item) if isinstance(item, str) else arguments.row(item) for item in arguments.items(scenarios)]
    check_count(len(rows))
    start = None if tiltraedelse is None else date_or_today(tiltraedelse)
    on = date_or_today(date) if date is not None or start is None else start
    loaded = arguments.priced_tables(scales, assume, period_start)
    today = date_or_today(None)
    alternatives = [scenario_from_row(row, on, loaded, today) for row in rows]
    candidate = arguments.optional_name(kandidat, "kandidat") or ""
    made = make_offer(alternatives, loaded, issued=today, candidate=candidate, start=start)
    nets = _nets(made.breakdowns, kommune, kirke, skatteaar)
    return made if nets is None else replace(made, nets=nets)


@documented(COMPONENTS)
def solve(
    trin: Value = None,
    posting: str | None = None,
    *,
    date: DateLike = None,
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
    """The least kvalifikationsløn (a whole-krone grundbeløb, 31.3.2018 level) that reaches a target: a
    :class:`~chefloen.plans.Solution` (``base_amount``, ``reached``, ``breakdown``), or with ``target_net`` a
    :class:`~chefloen.net_plans.NetSolution` that carries the net estimate too.

    Arguments:
    trin, posting: the chef trin, or a posting's id (one of them).
    date: the index date, as for :func:`chefloen.quote`; default: today.
    target_pay: the annual pay before pension, in kroner (``750000``, ``"750.000"``); or
    target_total: pay plus pension a year; or
    target_net: net pay (an estimate) a month, or a year with ``per="aar"`` (``"45.000"``); needs ``kommune``.
    per: the unit of ``target_net``: ``"maaned"`` (default) or ``"aar"`` (also måned, år).
    kommune, kirke, skatteaar: the municipality, folkekirke membership and income year of ``target_net``.
    scales, assume, period_start and the other components: as for :func:`chefloen.quote` (no kvalifikationsløn).

    >>> solve(51, date="2025-11-01", target_pay=726049).base_amount  # what 50.000 × 1,169930 adds, back
    Decimal('50000')
    """
    from chefloen.plans import solve as solve_scenario

    step, posting_id = _subject(trin, posting)
    given = [(name, value) for name, value in (("pay", target_pay), ("total", target_total), ("net", target_net))
             if text_of(value) is not None]  # fmt: skip
    if len(given) != 1:
        raise InputError("give one of target_pay, target_total or target_net")
    kind, value = given[0]
    target = parsing.parse_amount(text_of(value) or "", f"target_{kind}")
    place, unit_text = arguments.optional_name(kommune, "kommune"), arguments.optional_name(per, "per")
    church, year = arguments.flag(kirke, "kirke"), arguments.year(skatteaar, "skatteaar")
    net_options = {"per": unit_text, "kommune": place, "kirke": church or None, "skatteaar": year}
    if kind != "net":
        stray = next((name for name, option in net_options.items() if option is not None), None)
        if stray is not None:
            raise InputError(f"{stray} goes with target_net")
    elif place is None:
        raise InputError("target_net needs kommune, e.g. kommune='Viborg'")
    unit = "month" if unit_text is None else parsing.parse_per(unit_text)
    loaded = arguments.priced_tables(scales, assume, period_start)
    scenario = scenario_of(on=date_or_today(date), step=step, posting=posting_id, scales=loaded, **components)
    if place is None:
        return solve_scenario(scenario, loaded, target=target, kind="total" if kind == "total" else "pay")
    from chefloen.net_plans import solve_net

    rules, asked = arguments.tax_rules(scenario.on, year)
    return solve_net(
        scenario, loaded, target=target, per=unit, kommune=place, church=church, rules=rules, asked_year=asked
    )


@documented(COMPONENTS)
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
    """What a period pays month by month, each month at the factor in force on its first day (a part month pro
    rata by days): an :class:`~chefloen.earnings.Earnings` with ``pay``, ``pension``, ``total`` and ``holiday``
    (særlig feriegodtgørelse paid in the period), kroner to øre, and its ``months``.

    Arguments:
    trin, posting: the chef trin, or a posting's id (one of them).
    start, end: the first and the last day of the period (dates as for :func:`chefloen.quote`), both needed.
    kommune: add each month's net (an estimate: each calendar year's tax spread by gross); kirke: folkekirke.
    scales, assume, period_start and the components: as for :func:`chefloen.quote`.

    >>> period = earnings(51, start="2025-11-01", end="2025-12-31")  # two months of 667.552 / 12
    >>> period.pay, [month.pay for month in period.months]
    (Decimal('111258.66'), [Decimal('55629.33'), Decimal('55629.33')])
    """
    from chefloen.earnings import earnings as period_earnings
    from chefloen.earnings import with_net

    step, posting_id = _subject(trin, posting)
    first, last = arguments.given_date(start, "start"), arguments.given_date(end, "end")
    loaded = arguments.priced_tables(scales, assume, period_start)
    template = scenario_of(on=first, step=step, posting=posting_id, scales=loaded, **components)
    result = period_earnings(template, loaded, start=first, end=last)
    place = arguments.optional_name(kommune, "kommune")
    if place is None:
        return result
    return with_net(result, place, church=arguments.flag(kirke, "kirke"), rules_for=kept.tax_year_for)


@documented(COMPONENTS)
def history(
    trin: Value = None,
    posting: str | None = None,
    *,
    scales: Scales | None = None,
    assume: Sequence[str] | str = (),
    period_start: str | None = None,
    **components: Unpack[Components],
) -> History:
    """The pay of a trin or posting at every regulation date since 2018, oldest first: a
    :class:`~chefloen.plans.History` of breakdowns (kroner a year and a month, as :func:`chefloen.quote`).

    Arguments:
    trin, posting: the chef trin, or a posting's id (one of them).
    scales, assume, period_start and the components: as for :func:`chefloen.quote`; kroner given as components
        are today's, turned into the grundbeløb that each date then regulates.

    >>> [(b.date.isoformat(), b.annual_pay) for b in history(51).breakdowns[:2]]  # × 1,000000, × 1,011000
    [('2018-03-31', Decimal('570591')), ('2018-04-01', Decimal('576868'))]
    """
    from chefloen.plans import history as pay_history

    step, posting_id = _subject(trin, posting)
    loaded = arguments.priced_tables(scales, assume, period_start)
    template = scenario_of(on=date_or_today(None), step=step, posting=posting_id, scales=loaded, **components)
    return pay_history(template, loaded)


@documented(COMPONENTS)
def scenarios(
    trin: Value = None,
    posting: str | None = None,
    *,
    date: DateLike | Sequence[DateLike] = None,
    kvalifikationsloen: Value | Sequence[Value] = None,
    kvalifikationsloen_range: str | None = None,
    afkoeb: Value | Sequence[Value] = None,
    afkoeb_pensionsgivende: bool = False,
    scales: Scales | None = None,
    assume: Sequence[str] | str = (),
    period_start: str | None = None,
    **components: Unpack[GridComponents],
) -> Grid:
    """A grid: every combination of dates × kvalifikationsløn × afkøb (in that order, dates outermost), a
    :class:`~chefloen.plans.Grid` of breakdowns with ``to_frame()`` for a table of them.

    Arguments:
    trin, posting: the chef trin, or a posting's id (one of them).
    date: one date or a list of them, as for :func:`chefloen.quote`; default: today.
    kvalifikationsloen: one grundbeløb or a list (kroner, ``"40.000 kr."``, are kroner at the first date).
    kvalifikationsloen_range: ``"START:STOP:STEP"`` of grundbeløb, e.g. ``"0:100000:25000"`` (added to the list).
    afkoeb: one afkøb option or a list (``"10%"``, ``"5t"``, ``25000``; ``0`` for none); afkoeb_pensionsgivende.
    scales, assume, period_start and the other components: as for :func:`chefloen.quote`.

    >>> grid = scenarios(51, date=["2025-11-01", "2026-04-01"], kvalifikationsloen=[0, 50000])
    >>> [b.annual_pay for b in grid.breakdowns]  # 570.591 and + 50.000, × 1,169930 and × 1,198008
    [Decimal('667552'), Decimal('726049'), Decimal('683573'), Decimal('743473')]
    """
    from chefloen.plans import afkoeb_options, grid, kval_range_of
    from chefloen.scenario_text import BaseAmounts

    step, posting_id = _subject(trin, posting)
    loaded = arguments.priced_tables(scales, assume, period_start)
    dates = [date_or_today(value) for value in arguments.values(date, "date")] or [date_or_today(None)]
    read = BaseAmounts(loaded, dates[0])  # kroner given as values are kroner at the first date
    kvals = [read(text, "kvalifikationsløn") for text in arguments.names(kvalifikationsloen, "kvalifikationsloen")]
    range_text = arguments.optional_name(kvalifikationsloen_range, "kvalifikationsloen_range")
    if range_text is not None:
        kvals += kval_range_of(range_text, "kvalifikationsloen_range")
    pensionable = arguments.flag(afkoeb_pensionsgivende, "afkoeb_pensionsgivende")
    texts = []
    for value in arguments.values(afkoeb, "afkoeb") or ["0"]:
        arguments.not_share(value, "afkoeb")
        texts.append(text_of(value) or "0")
    options = afkoeb_options(texts, pensionable=pensionable, read=read)
    template = scenario_of(on=dates[0], step=step, posting=posting_id, scales=loaded, **components)
    cells = kvals or [template.kvalifikationsloen]
    return grid(template, loaded, kvals=cells, afkoebs=options, dates=dates)
