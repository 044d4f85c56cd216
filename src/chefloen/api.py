"""The library: keyword functions behind ``chefloen.quote(...)`` and friends, for scripts and notebooks.

Arguments take the CLI's notations as text (``"50.000"``, ``"10%"``, ``"5t"``, ``"1.11.2025"``) or plain values:
numbers (numpy's too), ``Decimal``, dates, datetimes and ``pd.Timestamp`` (their date), ``np.datetime64``; NaN,
None, ``pd.NA``, ``NaT`` and empty text are "not given". Every result has ``to_data()``, equal to the CLI's
``--format json``, and its figures as ``Decimal`` attributes. The tables are loaded once a process
(:mod:`chefloen.loading.kept`). This module has one result a call; the plans are in :mod:`chefloen.api_plans`,
the tables' listings in :mod:`chefloen.api_data`.

>>> import chefloen
>>> chefloen.quote(trin="51", date="2025-11-01").to_data()["annual_pay"]
'667552'
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Unpack, overload

from chefloen import arguments, parsing
from chefloen.api_plans import compare, earnings, history, scenarios, solve
from chefloen.arguments import (
    COMPONENTS,
    PRICING,
    Components,
    DateLike,
    date_or_today,
    documented,
    tax_rules,
    with_assumed,
)
from chefloen.errors import InputError
from chefloen.loading import kept
from chefloen.scenario_text import Value, scenario_of, text_of

if TYPE_CHECKING:
    import os

    import pandas

    from chefloen.batch_rows import BatchRow
    from chefloen.breakdown import Breakdown
    from chefloen.model import Scales, Scenario
    from chefloen.tax import NetPay, TaxYear

__all__ = [
    "Components",
    "DateLike",
    "batch",
    "compare",
    "compute",
    "date_or_today",
    "earnings",
    "history",
    "load_scales",
    "load_tax_year",
    "net_pay",
    "posting",
    "quote",
    "reload",
    "scenarios",
    "solve",
    "tax_rules",
    "with_assumed",
]

# A batch row: its fields by column name (as text; a frame's records have their column names as Hashable).
Row = Mapping[str, object] | Mapping[Hashable, object]


def subject(trin: object, posting: object) -> tuple[str | None, str | None]:
    """The trin or the posting id, exactly one of them."""
    step, posting_id = arguments.optional_name(trin, "trin"), arguments.optional_name(posting, "posting")
    if (step is None) == (posting_id is None):
        raise InputError("give either trin or posting")
    return step, posting_id


@documented(PRICING + COMPONENTS)
def quote(
    trin: Value,
    date: DateLike = None,
    *,
    scales: Scales | None = None,
    assume: Sequence[str] | str = (),
    period_start: str | None = None,
    **components: Unpack[Components],
) -> Breakdown:
    """Annual and monthly pay, pension and total for a trin at an index date: a :class:`~chefloen.Breakdown`,
    its figures in kroner a year (``annual_pay``, ``pension``, ``total``, ``total_compensation``) and a month
    (``monthly_pay``, ``monthly_pension``, ``monthly_total``).

    >>> b = quote(51, "2025-11-01")  # RLTN 1.11.2025: 570.591 × 1,169930, 55.629,33 kr. a month
    >>> b.annual_pay, b.monthly_pay, b.pension, b.date
    (Decimal('667552'), Decimal('55629.33'), Decimal('144124'), datetime.date(2025, 11, 1))
    >>> quote(51, "2025-11-01", kvalifikationsloen="50.000").annual_pay  # 667.552 + 50.000 × 1,169930 rounded
    Decimal('726049')

    Arguments:
    trin: the chef trin: 49 … 55 or ``"55+"`` (text or a number), or a lønramme, ``"LR37"``.
    date: the index date: ``"2025-11-01"``, ``"1.11.2025"``, ``"i dag"``, a date, datetime or ``pd.Timestamp``;
        default: today.
    """
    from chefloen.calc import compute as price

    loaded = arguments.priced_tables(scales, assume, period_start)
    return price(scenario_of(on=date_or_today(date), step=subject(trin, None)[0], scales=loaded, **components), loaded)


@documented(PRICING + COMPONENTS)
def posting(
    id: str,
    date: DateLike = None,
    *,
    scales: Scales | None = None,
    assume: Sequence[str] | str = (),
    period_start: str | None = None,
    **components: Unpack[Components],
) -> Breakdown:
    """A published posting re-indexed to a date, with any extra components: a :class:`~chefloen.Breakdown`. At the
    posting's ``level_date`` it reproduces the posted level; at another date it is that level re-indexed.

    >>> offer = posting("kontorchef-sundhed-praksis", "1.11.2025")  # the posted 792.072 kr. at 1.11.2025
    >>> offer.annual_pay, offer.monthly_pay
    (Decimal('792072'), Decimal('66006.00'))

    Arguments:
    id: the posting's id, as :func:`chefloen.postings` lists them (the shipped ones and your own).
    date: the index date, as for :func:`quote`; default: today.
    """
    from chefloen.calc import compute as price

    loaded = arguments.priced_tables(scales, assume, period_start)
    scenario = scenario_of(on=date_or_today(date), posting=subject(None, id)[1], scales=loaded, **components)
    return price(scenario, loaded)


def net_pay(gross: Value, kommune: str, *, kirke: bool = False, skatteaar: int | None = None) -> NetPay:
    """A net-pay estimate of an annual gross pay (before pension, which the employer pays on top) in a kommune:
    a :class:`~chefloen.tax.NetPay` with ``net_annual`` and ``net_monthly`` in kroner, and its tax lines.

    Arguments:
    gross: the pay a year in kroner (``792072``, ``"792.072"``); a breakdown's ``taxable_pay`` is the one to give.
    kommune: the municipality, as it is named (``"Aarhus"``, ``"Århus"``, ``"Københavns Kommune"``).
    kirke: a member of the folkekirke (adds kirkeskat): a bool or ja/nej; default no.
    skatteaar: the income year whose rules apply (``2026``); default: the latest year in data/tax.

    >>> net = net_pay(792072, "Viborg", skatteaar=2026)
    >>> net.gross, net.year, net.kommune, net.net_annual < net.gross
    (Decimal('792072'), 2026, 'Viborg', True)
    """
    from chefloen.tax import net_pay as estimate

    amount = parsing.parse_amount(text_of(gross) or "", "gross")
    rules = kept.tax_year(arguments.year(skatteaar, "skatteaar"))
    return estimate(amount, arguments.name(kommune, "kommune"), church=arguments.flag(kirke, "kirke"), rules=rules)


@overload
def batch(rows: pandas.DataFrame, *, date: DateLike = None, scales: Scales | None = None) -> pandas.DataFrame: ...


@overload
def batch(rows: Iterable[Row], *, date: DateLike = None, scales: Scales | None = None) -> Iterator[BatchRow]: ...


def batch(
    rows: Iterable[Row] | pandas.DataFrame, *, date: DateLike = None, scales: Scales | None = None
) -> Iterator[BatchRow] | pandas.DataFrame:
    """One result a row (dicts of the batch columns, or a batch's own results, whose computed fields are read
    past), in order; a bad row's result carries its error (``error``), and the run goes on. Given a
    ``pandas.DataFrame``, a DataFrame of the results: one row an input row, in order, with the input's index; a
    failed row has its ``error`` and ``<NA>`` figures (columns typed as :mod:`chefloen.frames` says).

    Arguments:
    rows: mappings of the batch columns (``trin`` or ``posting``, ``date``, ``kvalifikationsloen``, …, as the
        components of :func:`quote`), each a row; or a DataFrame with those columns.
    date: the date a row without one is priced at, as for :func:`quote`; default: today.
    scales: the tables, as for :func:`quote`.

    >>> rows = [{"trin": 51, "date": "2025-11-01"}, {"trin": 99, "date": "2025-11-01"}]
    >>> [(row.annual_pay, row.error) for row in batch(rows)]
    [(Decimal('667552'), None), (None, "unknown trin '99'; known: 49, 50, 51, 52, 53, 54, 55, 55+")]
    """
    from chefloen.batch_rows import results
    from chefloen.columns import RESULT_COLUMNS

    if type(rows).__module__.partition(".")[0] == "pandas":  # pandas itself only when the rows are its
        from chefloen import frames

        columns, cells, index = frames.frame_rows(rows)
        names = arguments.columns(columns)
        records = ({name: value for name, value in zip(names, values, strict=True) if name} for values in cells)
        computed = [row.values for row in batch(records, date=date, scales=scales)]
        return frames.table_frame((list(RESULT_COLUMNS), computed), index=index)
    loaded, default = arguments.tables(scales), date_or_today(date)
    return results(arguments.rows(rows), loaded, default_date=default, today=date_or_today(None))


def compute(scenario: Scenario, scales: Scales) -> Breakdown:
    """The breakdown of a :class:`~chefloen.Scenario` (a record of parsed fields) with the given tables: the engine
    beneath :func:`quote`, for scripts that build scenarios themselves.

    >>> import datetime as dt
    >>> from chefloen.model import Scenario
    >>> compute(Scenario(on=dt.date(2025, 11, 1), step="51"), load_scales()).annual_pay
    Decimal('667552')
    """
    from chefloen.calc import compute as price
    from chefloen.model import Scenario

    if not isinstance(scenario, Scenario):
        raise InputError(f"scenario is a chefloen.Scenario, not {type(scenario).__name__}; quote() takes fields")
    return price(scenario, arguments.tables(scales))


def load_scales(
    directory: str | os.PathLike[str] | None = None, user_directory: str | os.PathLike[str] | None = None
) -> Scales:
    """Load the tables from disk (through the cache on disk): those of ``directory`` (default: the shipped ones, or
    $CHEFLOEN_SCALES_DIR) and your own of ``user_directory`` (default: $CHEFLOEN_USER_DIR, else your user data
    directory). Pass the result as ``scales=`` to price against tables of your choice; without it, every function
    uses the tables the process keeps.

    >>> load_scales().steps["51"].base_amount  # grundbeløb at the 31.3.2018 level (DM)
    Decimal('570591')
    """
    from chefloen.loading.scales import load_scales as load

    return load(arguments.path(directory, "directory"), arguments.path(user_directory, "user_directory"))


def load_tax_year(year: int | None = None, directory: str | os.PathLike[str] | None = None) -> TaxYear:
    """The tax rules of an income year (default: the latest known) from ``directory`` (default: data/tax, or
    $CHEFLOEN_TAX_DIR).

    >>> load_tax_year(2026).year
    2026
    """
    from chefloen.loading.tax import load_tax_year as load

    return load(arguments.year(year, "year"), arguments.path(directory, "directory"))


def reload() -> None:
    """Forget the tables the process keeps, so the next call loads them again (a change to a table file is seen
    without this; a change made in a way no file's status shows, e.g. within one clock tick, is not).

    >>> reload()
    """
    kept.reload()
