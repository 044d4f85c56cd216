"""Batch runs: one result per scenario row, in order; a bad row gives its error and the run goes on.

The rows come from chefloen.batch_input (files) or from the library (dicts); chefloen.render.files writes
the results.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar

from chefloen.calc import Engine, Priced
from chefloen.columns import GIVEN_AS, KNOWN, RESULT_COLUMNS
from chefloen.errors import ChefloenError, InputError
from chefloen.memo import Repeats, remember
from chefloen.model import Scales, Scenario
from chefloen.money import monthly
from chefloen.plain import Data, Notice, notices_data
from chefloen.rules import Shape, figures
from chefloen.scenario_text import (
    SEPARATOR,
    Value,
    afkoeb_of,
    amount_of,
    fritvalg_of,
    given,
    parse_flag,
    part_time_of,
    pension_percent_of,
    scenario_from_row,
    subject_and_date,
    supplements_of,
)

Row = Mapping[str, str | None]
Result = list[Any]  # one value per RESULT_COLUMNS (chefloen.columns): see BatchRow
# A row that fails by a fault of chefloen's, not of the row: the generated tests look for this text.
INTERNAL_ERROR = "chefloen could not compute this row; please report it"
QUOTED = 40  # characters of a field that an error quotes, as chefloen.batch_input quotes them
T = TypeVar("T")


# What a row gave, as it gave it: these result columns, from the row's fields of these names.
GIVEN_COLUMNS = RESULT_COLUMNS[RESULT_COLUMNS.index("trin_given") : RESULT_COLUMNS.index("fritvalg_gulv") + 1]
_GIVEN_FIELDS = tuple(GIVEN_AS.get(name, name) for name in GIVEN_COLUMNS)


def given_fields(row: Row) -> list[str | None]:
    """What a row gave, as it gave it, for the GIVEN_COLUMNS."""
    return list(map(row.get, _GIVEN_FIELDS))


def result(number: int, row: Row, label: str, on: dt.date, priced: Priced) -> Result:
    """A computed row's result, in RESULT_COLUMNS order: what it gave, its lines and its totals, all from
    ``priced`` (a batch builds no breakdown). A batch makes one for every row, so it is written for speed."""
    shape, amounts = priced.shape, priced.figures
    posting = shape.subject.posting
    annual = amounts.total
    low = priced.pension_low
    taken = priced.fritvalg
    total = annual + (taken.annual if taken else 0) + priced.pension
    shape_annuals = shape.annuals  # basisløn, then a posting's opslagstillæg (see calc.compile_form)
    kval = funk = afkoeb = supplements = names = bases = None
    own = amounts.lines()
    if own:
        tillaeg: list[tuple[str, Decimal, int]] = []
        for (key, detail, base, _), amount in own:
            if key == "kvalifikationsloen":
                kval = base, amount
            elif key == "funktionsloen":
                funk = base, amount
            elif key == "tillaeg":
                tillaeg.append((detail, base, amount))
            else:
                afkoeb = base, amount
        if tillaeg:
            names = SEPARATOR.join(name for name, _, _ in tillaeg)
            bases = SEPARATOR.join(f"{name}={base:f}" for name, base, _ in tillaeg)
            supplements = sum(amount for _, _, amount in tillaeg)
    return [
        number,
        label,
        on,
        shape.subject.step.step,
        posting.trin_as_posted if posting else None,
        posting.id if posting else None,
        *map(row.get, _GIVEN_FIELDS),
        kval and kval[0],
        funk and funk[0],
        bases,
        afkoeb and afkoeb[0],
        shape_annuals[0],
        shape_annuals[1] if len(shape_annuals) > 1 else None,
        kval and kval[1],
        funk and funk[1],
        supplements,
        names,
        amounts.afkoeb or (afkoeb and afkoeb[1]),
        amounts.one_off or None,
        None if taken is None else taken.annual,
        annual,
        monthly(annual),
        priced.pension,
        total,
        low,
        None if low is None else annual + low + (0 if taken is None else taken.annual_low or 0),
        priced.holiday,
        total + priced.holiday,
        shape.lookup.entry.status,
        priced.rated.codes,
        None,
    ]


def failure(number: int, row: Row | None, error: str) -> Result:
    """A failed row's result: what the row gave, as it gave it (its trin also as ``trin``), and the error."""
    row = row or {}
    values: dict[str, object] = dict(zip(GIVEN_COLUMNS, given_fields(row), strict=True))
    values |= {"row": number, "label": row.get("label"), "date": row.get("date"), "trin": row.get("trin"),
               "posting": row.get("posting"), "warnings": "", "error": error}  # fmt: skip
    return [values.get(name) for name in RESULT_COLUMNS]


class BatchRow(NamedTuple):
    """One row's result: its values in RESULT_COLUMNS order; a failed row has its error and what identifies it.

    The values are typed (the row an int, the date a date, kroner ints, the monthly pay a Decimal of øre,
    warnings their codes), so each output writes them its own way; ``notices`` are the warnings in full. A
    batch creates one for every row, so it is a NamedTuple (see model.py)."""

    number: int
    values: Result
    error: str | None = None
    notices: tuple[Notice, ...] = ()

    def to_data(self) -> Data:
        """The JSON contract of one batch row (an item of ``--format json``, a line of ``--format jsonl``)."""
        data: Data = dict(zip(RESULT_COLUMNS, self.cells(), strict=True))
        data["row"] = self.number
        data["warnings"] = notices_data(self.notices)
        return data

    # As a reader names them: the row's date, its warnings, and its figures as Decimals (None for a failed row):
    # kroner a year, the monthly pay to øre.
    @property
    def date(self) -> dt.date | None:
        on = self.values[2]
        return on if isinstance(on, dt.date) else None

    @property
    def warnings(self) -> tuple[Notice, ...]:
        return self.notices

    def figure(self, column: str) -> Decimal | None:
        """The row's figure in one of RESULT_COLUMNS' amount columns (annual_pay, monthly_pay, pension, total, …)."""
        value = self.values[RESULT_COLUMNS.index(column)]
        return None if value is None else Decimal(value)

    @property
    def annual_pay(self) -> Decimal | None:
        """Pay a year before pension, kroner."""
        return self.figure("annual_pay")

    @property
    def monthly_pay(self) -> Decimal | None:
        """Pay a month, kroner to øre."""
        return self.figure("monthly_pay")

    @property
    def pension(self) -> Decimal | None:
        """Pension a year, kroner."""
        return self.figure("pension")

    @property
    def total(self) -> Decimal | None:
        """Pay and pension a year, kroner."""
        return self.figure("total")

    @property
    def total_compensation(self) -> Decimal | None:
        """Samlet aflønning a year, kroner."""
        return self.figure("total_compensation")

    def cells(self) -> list[str | None]:
        """The values as CSV text: amounts as exact decimals, the date in ISO form, warnings as their codes."""
        return [None if value is None else str(value) for value in self.values]


class Pricing:
    """Prices batch rows one at a time, each by the same engine a quote is (chefloen.calc), in the way that spares a
    long batch its repeats: each distinct text of a field is read once (:class:`FieldReadings`), and each shape
    compiled once (:class:`~chefloen.calc.Engine`). A row that fails there is read again the way a quote is, so
    its error is word for word the one a quote of it gives."""

    def __init__(self, scales: Scales, default_date: dt.date | None = None, today: dt.date | None = None) -> None:
        self.scales = scales
        self.default_date = default_date
        self.today = today
        self.engine = Engine(scales)
        self.fields = FieldReadings(self.engine, default_date, today)
        self.repeats: Repeats[tuple[Any, ...], BatchRow] = Repeats()

    def row(self, number: int, row: Row | InputError) -> BatchRow:
        """The result of one row; a bad row gives its error as a result. A row whose fields but its label came
        before gives the result they gave (see :class:`~chefloen.memo.Repeats`)."""
        if not isinstance(row, InputError):
            try:
                key = tuple(item for item in row.items() if item[0] != "label")
                found = self.repeats.find(key)
            except TypeError:  # a value that cannot be a key: the row is priced as it is
                key, found = None, None
            if found is not None:
                values = found.values.copy()
                values[0], values[1] = number, given(row.get("label")) or ""
                return BatchRow(number, values, None, found.notices)
            try:
                label, on, priced = self.fields.price(row)
            except Exception:
                pass
            else:
                done = BatchRow(number, result(number, row, label, on, priced), None, priced.rated.notices)
                return done if key is None else self.repeats.keep(key, done)
        try:
            if isinstance(row, InputError):
                raise row
            scenario = scenario_from_row(row, self.default_date, self.scales, self.today)
            priced = self.engine.price(scenario)
        except ChefloenError as exc:
            error = str(exc) if isinstance(row, InputError) else briefly_quoted(str(exc), row)
        except Exception as exc:  # a fault of ours must not cost the user every later row
            error = f"{INTERNAL_ERROR} ({type(exc).__name__})"
        else:
            values = result(number, row, scenario.label, scenario.on, priced)
            return BatchRow(number, values, None, priced.rated.notices)
        return BatchRow(number, failure(number, None if isinstance(row, InputError) else row, error), error)


def results(
    rows: Iterable[tuple[int, Row | InputError]],
    scales: Scales,
    *,
    default_date: dt.date | None = None,
    today: dt.date | None = None,
) -> Iterator[BatchRow]:
    """Compute every row (see :class:`Pricing`); a bad row gives its error as a result, and the run goes on."""
    price = Pricing(scales, default_date, today).row
    for number, row in rows:
        yield price(number, row)


def briefly_quoted(error: str, row: Row) -> str:
    """``error`` with each long field of ``row`` that it quotes cut short, so no message repeats a file's content
    (a batch file that is a link to a key file) beyond a fragment that finds the field."""
    for text in (*row, *row.values()):
        if text and len(text) > QUOTED:
            # As a message may quote it: whole, stripped, folded, or one tillæg of several (NAVN=BELØB|…).
            forms = {text, text.strip(), text.strip().casefold(), *re.split(r"\s*[|=]\s*", text.strip())}
            for form in forms:
                if len(form) > QUOTED:
                    error = error.replace(repr(form), f"{form[:QUOTED]!r}…")
    return error


def _remembered(read: Callable[[Any], T]) -> Callable[[Any], T]:
    """``read``, reading each distinct value once (as many as chefloen.memo.KEEP are kept)."""
    known: dict[Any, T] = {}

    def remembered(value: Any) -> T:
        try:
            return known[value]
        except KeyError:
            return remember(known, value, read(value))

    return remembered


class FieldReadings:
    """Rows read as scenario_from_row reads them, by the same functions, but each distinct text of a field once.

    A row that scenario_from_row would refuse may raise anything here; results() reads it again."""

    def __init__(self, engine: Engine, default_date: dt.date | None, today: dt.date | None = None) -> None:
        self.engine = engine
        self.default_date = default_date
        self.today = today
        self.shape = _remembered(self._shape)
        self.kvalifikationsloen = _remembered(lambda text: amount_of(text, "kvalifikationsløn"))
        self.funktionsloen = _remembered(lambda text: amount_of(text, "funktionsløn"))
        self.engangsvederlag = _remembered(lambda text: amount_of(text, "engangsvederlag", base=False))
        self.tillaeg = _remembered(lambda text: supplements_of(None if text is None else given(text)))
        self.afkoeb = _remembered(lambda key: afkoeb_of(key[0], parse_flag(key[1], "afkoeb_pensionsgivende")))
        self.one_off_pensionable = _remembered(lambda text: parse_flag(text, "engangsvederlag_pensionsgivende"))
        self.pension = _remembered(pension_percent_of)
        self.group = _remembered(given)
        self.fritvalg = _remembered(lambda key: fritvalg_of(*key))
        self.worktime = engine.scales.worktime

    def _shape(self, key: tuple[Value, ...]) -> tuple[Scenario, Shape]:
        trin, posting, date, deltid, loenramme = key
        step, posting_id, on = subject_and_date(trin, posting, date, self.default_date, loenramme, self.today)
        scenario = Scenario(on=on, step=step, posting=posting_id, part_time=part_time_of(deltid))
        return scenario, self.engine.shape(scenario)

    def price(self, row: Row) -> tuple[str, dt.date, Priced]:
        if not KNOWN.issuperset(row):
            raise InputError("unknown field")
        get = row.get
        scenario, shape = self.shape((get("trin"), get("posting"), get("date"), get("deltid"), get("loenramme")))
        pension, group = self.pension(get("pension")), self.group(get("pensionsgruppe"))
        afkoeb = self.afkoeb((get("afkoeb"), get("afkoeb_pensionsgivende")))  # a failure here is read again in order
        amounts = figures(
            shape,
            self.kvalifikationsloen(get("kvalifikationsloen")),
            self.funktionsloen(get("funktionsloen")),
            self.tillaeg(get("tillaeg")),
            afkoeb,
            self.engangsvederlag(get("engangsvederlag")),
            self.one_off_pensionable(get("engangsvederlag_pensionsgivende")),
            self.worktime,
        )
        fritvalg = self.fritvalg((get("fritvalg"), get("fritvalg_gulv")))
        if pension is not None or group is not None or afkoeb is not None or fritvalg is not None:
            scenario = scenario._replace(pension_percent=pension, pension_group=group, afkoeb=afkoeb, fritvalg=fritvalg)
        return given(get("label")) or "", scenario.on, self.engine.priced(scenario, shape, amounts)
