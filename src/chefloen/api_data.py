"""The library's look-ups in the tables: ``convert``, ``steps``, ``index`` and ``postings`` (the CLI's commands of
those names). Arguments as in :mod:`chefloen.api`.

>>> import chefloen
>>> chefloen.convert(50000, "2025-11-01").result  # 50.000 × 1,169930 = 58.496,5, rounded half up
Decimal('58497')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from chefloen import arguments, parsing
from chefloen.arguments import DateLike, date_or_today
from chefloen.errors import UnknownKeyError
from chefloen.scenario_text import Value, text_of

if TYPE_CHECKING:
    from chefloen.indexing import Conversion, StepTable
    from chefloen.model import IndexSeries, PostingList, Scales
    from chefloen.tax_years import TaxYearList

TARGETS = ("kroner", "grundbeloeb")


def convert(
    amount: Value,
    date: DateLike = None,
    *,
    to: Literal["kroner", "grundbeloeb"] = "kroner",
    scales: Scales | None = None,
    assume: Sequence[str] | str = (),
    period_start: str | None = None,
) -> Conversion:
    """A grundbeløb (31.3.2018 level) in kroner at a date, or kroner back to the grundbeløb that gives them: a
    :class:`~chefloen.indexing.Conversion` with ``result``, ``check`` (the result converted back) and the factor.

    Arguments:
    amount: a grundbeløb a year (``50000``, ``"50.000"``), or with ``to="grundbeloeb"`` kroner (``"58.497 kr."``).
    date: the index date, as for :func:`chefloen.quote`; default: today.
    to: ``"kroner"`` (default) or ``"grundbeloeb"``, as the CLI's ``--to``.
    scales, assume, period_start: as for :func:`chefloen.quote`.

    >>> back = convert("58.497 kr.", "1.11.2025", to="grundbeloeb")
    >>> back.result, back.check
    (Decimal('50000'), Decimal('58497'))
    """
    from chefloen.indexing import convert as converted

    target = text_of(to)
    if target not in TARGETS:
        raise UnknownKeyError("target", str(target)[:40], list(TARGETS))
    text = text_of(amount) or ""
    if target == "kroner":
        hint = '; to turn kroner into a grundbeløb, give to="grundbeloeb"'
        value = parsing.parse_base_amount(text, "amount", hint=hint)
    else:
        value = parsing.parse_amount(text)
    loaded = arguments.priced_tables(scales, assume, period_start)
    return converted(value, date_or_today(date), loaded, to="kroner" if target == "kroner" else "grundbeloeb")


def steps(
    date: DateLike = None,
    *,
    scales: Scales | None = None,
    assume: Sequence[str] | str = (),
    period_start: str | None = None,
) -> StepTable:
    """The chef step table at a date: a :class:`~chefloen.indexing.StepTable`, every trin's grundbeløb (31.3.2018
    level) and basisløn in kroner a year (``rows``), with ``to_frame()`` for a table.

    Arguments:
    date: the index date, as for :func:`chefloen.quote`; default: today.
    scales, assume, period_start: as for :func:`chefloen.quote`.

    >>> [row.annual for row in steps("2023-10-01").rows][:3]  # DM's table at 1.10.2023 (factor 1,09722)
    [Decimal('529808'), Decimal('566793'), Decimal('626064')]
    """
    from chefloen.indexing import step_table

    return step_table(date_or_today(date), arguments.priced_tables(scales, assume, period_start))


def index(
    *, scales: Scales | None = None, assume: Sequence[str] | str = (), period_start: str | None = None
) -> IndexSeries:
    """The regulation factors with status and source, and the agreement periods: the
    :class:`~chefloen.model.IndexSeries` the CLI's ``index`` lists (your own regulations and assumptions included).

    Arguments:
    scales, assume, period_start: as for :func:`chefloen.quote`.

    >>> [(f.effective.isoformat(), f.value) for f in index().factors if f.effective.year == 2025]  # RLTN, KRL
    [('2025-04-01', Decimal('1.156970')), ('2025-10-01', Decimal('1.161800')), ('2025-11-01', Decimal('1.169930'))]
    """
    return arguments.priced_tables(scales, assume, period_start).regulation


def postings(*, scales: Scales | None = None) -> PostingList:
    """The postings, the shipped ones and your own, in file order: a :class:`~chefloen.model.PostingList`.

    Arguments:
    scales: as for :func:`chefloen.quote`.

    >>> [(p.id, p.level) for p in postings().postings if p.id == "kontorchef-sundhed-praksis"]
    [('kontorchef-sundhed-praksis', Decimal('792072'))]
    """
    from chefloen.model import PostingList

    return PostingList(tuple(arguments.tables(scales).postings.values()))


def tax_years() -> TaxYearList:
    """The tax years a net-pay estimate can use, as ``chefloen tax`` lists them: the shipped ones (status
    ``shipped``) and your own (``user``, in the user data directory; ``chefloen tax add`` makes one), each with how
    many of its figures are still copied from the year it was made from: a :class:`~chefloen.tax_years.TaxYearList`.

    >>> [(entry.year, entry.status, entry.personfradrag) for entry in tax_years().years if entry.year == 2026]
    [(2026, 'shipped', Decimal('54100'))]
    """
    from chefloen.loading.user_tax import tax_years as listed

    return listed()
