"""The batch's own loop for a CSV file in and plain CSV out: a row as the cells csv reads, its result as the line
written, with no objects made for it between the two.

Each distinct text of a field is read once, by the readers every batch row is read with (chefloen.scenario_text);
a row's subject, date and deltid come to a form by the factor in force, and a shape by its share of full time
(chefloen.calc's engine); its amounts are chefloen.rules.figures, as a quote's are. The cells the program
controls (a subject's, a date's, a rate's) become CSV text once, and a row's line is kept by its fields, so a
file that repeats its scenarios computes each once. All that is kept is bounded (chefloen.memo.KEEP).

A row the loop does not take goes through :class:`chefloen.batch_rows.Pricing`, as every row of every other
kind of file does, so its result and its error are theirs word for word: a row the reader refused, a reading
that fails, amounts given in kroner, and the fields whose lines the loop does not write (tillæg, fritvalg).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from operator import itemgetter
from typing import Any, NamedTuple

from chefloen.batch_cells import Table
from chefloen.batch_input import cell_names
from chefloen.batch_rows import GIVEN_COLUMNS, BatchRow, Pricing
from chefloen.columns import COLUMNS, GIVEN_AS
from chefloen.errors import InputError
from chefloen.memo import Repeats, remember
from chefloen.model import Afkoeb, Scales, Scenario
from chefloen.money import half_up, monthly_text
from chefloen.rules import Day, Ratio, Shape, Share, figures, pension_of, shape_of
from chefloen.scenario_text import (
    afkoeb_of,
    amount_of,
    date_of,
    given,
    named_subject,
    parse_flag,
    part_time_of,
    pension_percent_of,
)

# The characters that make csv quote a field (QUOTE_MINIMAL with "\n" ending a line; "\r" to be safe).
_needs_quotes = re.compile('[,"\n\r]').search
_quote_or_break = re.compile('["\n\r]').search  # in cells joined by commas, of which each is counted
_GIVEN_FIELDS = [GIVEN_AS.get(name, name) for name in GIVEN_COLUMNS]


def csv_cell(text: str) -> str:
    """``text`` as csv writes it in a row of several fields.

    >>> print(csv_cell("Søren"), csv_cell('Chef, "ny" i år'))
    Søren "Chef, ""ny"" i år"
    """
    if not _needs_quotes(text):
        return text
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([text, ""])
    return out.getvalue()[: -len(",\n")]


def _text(value: object) -> str:
    """A value as a cell of plain CSV: nothing for None, str() of the rest (as csv writes them)."""
    return "" if value is None else csv_cell(str(value))


class _Subject(NamedTuple):
    named: tuple[str | None, str | None]
    scenario: Scenario  # the subject's, at no particular date: what the engine reads a subject from
    cells: str  # trin, trin_as_posted, posting


class _Date(NamedTuple):
    on: dt.date
    day: Day
    cells: str  # the date


class _Share(NamedTuple):
    share: Share
    ratio: Ratio


class _Rate(NamedTuple):
    ratio: Ratio
    cells: str  # factor_status, warnings and error: the row's last cells


class CsvLoop:
    """Writes the results of a CSV file's rows to a plain CSV stream, the header already written."""

    def __init__(self, table: Table, scales: Scales, pricing: Pricing) -> None:
        names = table.names
        self.lines = table.lines
        self.pricing = pricing
        self.engine = pricing.engine
        self.worktime = scales.worktime
        width = len(names)
        # An absent column reads as the empty cell appended to every row: absent and empty read alike.
        at = {name: position for position, name in enumerate(names) if name is not None}
        self.named = cell_names(names)
        self.label = at.get("label", width)
        fields = [name for name in COLUMNS if name != "label"]
        self.fields = itemgetter(*(at.get(name, width) for name in fields))
        self.given = itemgetter(*(fields.index(name) for name in _GIVEN_FIELDS))  # of the fields
        self.written = 0
        self.subjects: dict[tuple[str, str, str], _Subject] = {}
        self.dates: dict[str, _Date] = {}
        self.shares: dict[str, _Share] = {}
        self.forms = self.engine.forms
        self.amounts: dict[str, tuple[Decimal, str]] = {}
        self.afkoeb: dict[tuple[str, str], tuple[Afkoeb | None, str]] = {}
        self.one_offs: dict[tuple[str, str], tuple[Decimal, bool]] = {}
        self.rates: dict[tuple[Any, ...], _Rate] = {}

    def results(self, write: Callable[[str], object]) -> Iterator[BatchRow]:
        """Write each row's line with ``write``; yield, in its place, each row the loop does not take, priced by
        Pricing, for the caller to write. ``written`` counts the rows written here."""
        label_at, fields, line_of, price = self.label, self.fields, self.line_of, self.pricing.row
        repeats: Repeats[tuple[str, ...], str] = Repeats()
        for number, cells in self.lines:
            if isinstance(cells, InputError):
                yield price(number, cells)
                continue
            cells.append("")  # the cell of every absent column
            key = fields(cells)
            tail = repeats.find(key)
            if tail is None:
                try:
                    tail = line_of(key)
                except Exception:  # read again by Pricing, which gives the error word for word
                    tail = None
                else:
                    if tail is not None:
                        repeats.keep(key, tail)
            if tail is None:
                yield price(number, self.named(cells[:-1]))  # without the cell of absent columns
                continue
            label = cells[label_at].strip()
            if _needs_quotes(label):
                label = csv_cell(label)
            write(f"{number},{label},{tail}")
            self.written += 1

    def line_of(self, fields: tuple[str, ...]) -> str | None:
        """A row's line from its date on (its number and label go before), from its ``fields`` in COLUMNS order
        but the label; or None when the loop does not take it. Any other failure is the row's to Pricing too."""
        (trin, loenramme, posting, date, kval_text, funk_text, tillaeg, afkoeb_text, afkoeb_flag, one_off_text,
         one_off_flag, pension_text, group_text, deltid, fritvalg, fritvalg_gulv) = fields  # fmt: skip
        if tillaeg or fritvalg or fritvalg_gulv:
            return None
        subject = self.subjects.get((trin, loenramme, posting)) or self.subject(trin, loenramme, posting)
        day = self.dates.get(date) or self.date(date)
        share = self.shares.get(deltid) or self.share(deltid)
        form = self.forms.get((subject.named, day.day.lookup.entry.effective)) or self.engine.form(
            subject.scenario, day.day
        )
        shape = shape_of(form, day.day, share.share, share.ratio)
        kval, kval_cell = self.amounts.get(kval_text) or self.amount(kval_text, "kvalifikationsløn")
        funk, funk_cell = self.amounts.get(funk_text) or self.amount(funk_text, "funktionsløn")
        afkoeb_key = (afkoeb_text, afkoeb_flag)
        afkoeb, afkoeb_cell = self.afkoeb.get(afkoeb_key) or self.afkoeb_reading(afkoeb_key)
        one_off_key = (one_off_text, one_off_flag)
        one_off, one_off_pensionable = self.one_offs.get(one_off_key) or self.one_off(one_off_key)
        amounts = figures(shape, kval, funk, (), afkoeb, one_off, one_off_pensionable, self.worktime)
        afkoeb_given = afkoeb is not None and afkoeb.value != 0
        rate_key = (day.day.kind, subject.named, pension_text, group_text, afkoeb_given)
        rate = self.rates.get(rate_key) or self.rate(rate_key, subject, day, shape, pension_text, group_text, afkoeb)
        pension, low = pension_of(amounts.pensionable, shape, rate.ratio)
        annual = amounts.total
        total = annual + pension
        holiday_n, holiday_d = day.day.holiday_ratio
        holiday = half_up(annual * holiday_n, holiday_d)
        annuals = shape.annuals
        given_cells = self.given(fields)
        given = ",".join(given_cells)
        if given.count(",") != len(_GIVEN_FIELDS) - 1 or _quote_or_break(given):
            given = ",".join(map(csv_cell, given_cells))
        line_amount = afkoeb_cell and amounts.afkoeb_line
        return (
            f"{day.cells},{subject.cells},{given},{kval_cell},{funk_cell},,{afkoeb_cell},{annuals[0]},"
            f"{annuals[1] if len(annuals) > 1 else ''},{kval_cell and amounts.kvalifikationsloen},"
            f"{funk_cell and amounts.funktionsloen},,,{amounts.afkoeb or line_amount},{amounts.one_off or ''},,"
            f"{annual},{monthly_text(annual)},{pension},{total},{'' if low is None else low},"
            f"{'' if low is None else annual + low},{holiday},{total + holiday},{rate.cells}\n"
        )

    # Each reading below is made once for each distinct text and kept; a failure is read again by Pricing.

    def subject(self, trin: str, loenramme: str, posting: str) -> _Subject:
        step, posting_id = named_subject(trin, posting, loenramme)
        scenario = Scenario(on=dt.date.min, step=step, posting=posting_id)
        found = self.engine.subject(scenario)
        cells = ",".join(
            map(
                _text,
                (found.step.step, found.posting and found.posting.trin_as_posted, found.posting and found.posting.id),
            )
        )
        return remember(self.subjects, (trin, loenramme, posting), _Subject((step, posting_id), scenario, cells))

    def date(self, text: str) -> _Date:
        pricing = self.pricing
        on = date_of(text, pricing.default_date, pricing.today)
        return remember(self.dates, text, _Date(on, self.engine.day(on, None), _text(on)))

    def share(self, text: str) -> _Share:
        part_time = part_time_of(text)
        return remember(self.shares, text, _Share(*self.engine.share(part_time)))

    def amount(self, text: str, what: str) -> tuple[Decimal, str]:
        value = amount_of(text, what)  # kroner need a date to become a grundbeløb: such a row goes through Pricing
        return remember(self.amounts, text, (value, str(value) if value else ""))

    def afkoeb_reading(self, key: tuple[str, str]) -> tuple[Afkoeb | None, str]:
        afkoeb = afkoeb_of(key[0], parse_flag(key[1], "afkoeb_pensionsgivende"))
        cell = str(afkoeb.value) if afkoeb is not None and afkoeb.kind == "amount" and afkoeb.value else ""
        return remember(self.afkoeb, key, (afkoeb, cell))

    def one_off(self, key: tuple[str, str]) -> tuple[Decimal, bool]:
        value = amount_of(key[0], "engangsvederlag", base=False)
        return remember(self.one_offs, key, (value, parse_flag(key[1], "engangsvederlag_pensionsgivende")))

    def rate(
        self,
        key: tuple[Any, ...],
        subject: _Subject,
        day: _Date,
        shape: Shape,
        pension_text: str,
        group_text: str,
        afkoeb: Afkoeb | None,
    ) -> _Rate:
        """The pension rate of a row, and its last cells: what they rest on is the same on every date of a day's
        kind (see chefloen.calc.Engine.day), for the subject, the pension and group given, and whether afkøb is."""
        scenario = subject.scenario._replace(
            on=day.on, pension_percent=pension_percent_of(pension_text), pension_group=given(group_text),
            afkoeb=afkoeb,
        )  # fmt: skip
        rated = self.engine.rate(scenario, shape)
        cells = f"{_text(day.day.lookup.entry.status)},{_text(rated.codes)},"
        return remember(self.rates, key, _Rate(rated.ratio, cells))
