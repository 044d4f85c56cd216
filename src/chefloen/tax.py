"""Net pay estimate: Danish income tax under one year's rules (data/tax/<year>.toml). An estimate, not a tax
return. Pure: the rules are loaded by chefloen.loading.

Bases: AM-bidrag on pay less the employee's ATP (employer-paid pension is never in pay here);
personal income = that base less AM-bidrag; bundskat and the bracket taxes on personal income;
kommune- and kirkeskat on taxable income = personal income less beskæftigelses- and jobfradrag;
personfradrag off the base of bundskat, kommune- and kirkeskat. The skatteloft cuts a bracket
tax by what kommuneskat + bundskat + the bracket rates so far exceed its ceiling.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from chefloen import labels
from chefloen.breakdown import Breakdown
from chefloen.errors import InputError, UnknownKeyError, bounded
from chefloen.money import HUNDRED, ORE, ZERO, monthly, round_money
from chefloen.plain import CsvTable, Data, Notice, amount, notices_data


@dataclass(frozen=True, slots=True, kw_only=True)
class Bracket:
    name: str
    percent: Decimal
    threshold: Decimal
    ceiling: Decimal


# Where a year's rules come from: "shipped" in data/tax/<year>.toml, "user" the user's own (chefloen tax add).
TaxYearStatus = Literal["shipped", "user"]
# A figure copied from another year's rules and not edited since: the rule (a key of the tax file, or a
# bracket's name), the figure (a field, "" for a rule of one figure, a municipality's name for its rates), the year.
Copied = tuple[str, str, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class TaxYear:
    """The rules of one income year."""

    year: int
    am_percent: Decimal
    atp_employee: Decimal
    personfradrag: Decimal
    besk_percent: Decimal
    besk_maximum: Decimal
    job_percent: Decimal
    job_threshold: Decimal
    job_maximum: Decimal
    bundskat_percent: Decimal
    brackets: tuple[Bracket, ...]
    kommuner: dict[str, tuple[str, Decimal, Decimal]]
    inferred: tuple[str, ...]
    status: TaxYearStatus = "shipped"
    copied: tuple[Copied, ...] = ()
    # By municipality (place_key): the year its rates are copied from, and whether kommune- and kirkeskat are.
    copied_rates: dict[str, tuple[int, bool, bool]] = field(default_factory=dict)

    def copied_for(self, name: str, *, church: bool) -> tuple[Copied, ...]:
        """The copied, unedited figures an estimate in the municipality ``name`` (as the rules name it) rests on."""
        year, local, kirke = self.copied_rates.get(place_key(name), (0, False, False))
        rates = [("kommuneskat", name, year)] if local else []
        return self.copied + tuple(rates + ([("kirkeskat", name, year)] if kirke and church else []))

    def kommune(self, name: str) -> tuple[str, Decimal, Decimal]:
        """A municipality by its name as people write it (see place_key); else the closest names as a hint."""
        key = place_key(bounded(name, "kommune", LONGEST_NAME))
        for candidate in (key, key.removesuffix("s")):  # "Københavns Kommune"
            if candidate in self.kommuner:
                return self.kommuner[candidate]
        import difflib

        closest = difflib.get_close_matches(key, self.kommuner, n=3, cutoff=0.6)
        if closest:
            raise UnknownKeyError("kommune", name, [self.kommuner[k][0] for k in closest], lead="did you mean")
        example = next(iter(self.kommuner.values()))[0]
        raise UnknownKeyError(
            "kommune", name, [f"write it as the municipality is named, e.g. {example}"], lead="none is close"
        )


# The longest municipality's name (Ringkøbing-Skjern) has 17 characters; with Kommune and blanks to spare, a longer
# one is refused unread.
LONGEST_NAME = 100
_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
_KOMMUNE = "kommune"


def place_key(name: str) -> str:
    """A municipality's name as a key that the ways people write it share: any case, NFC or NFD, å or aa,
    ø or oe or o, with or without "Kommune", hyphens or blanks.

    >>> {place_key(name) for name in ("Århus", "Aarhus", "aarhus kommune", "A\u030arhus")}
    {'arhus'}
    >>> place_key("Kobenhavn") == place_key("København"), place_key("Hoeje-Taastrup") == place_key("Høje Taastrup")
    (True, True)
    """
    text = unicodedata.normalize("NFC", name).casefold().strip()
    # "Kommune" before or after the name, apart from it by blanks; str methods, so linear in the name's length.
    if text.startswith(_KOMMUNE) and text[len(_KOMMUNE) : len(_KOMMUNE) + 1].isspace():
        text = text[len(_KOMMUNE) :].lstrip()
    if text.endswith(_KOMMUNE) and text[-len(_KOMMUNE) - 1 : -len(_KOMMUNE)].isspace():
        text = text[: -len(_KOMMUNE)].rstrip()
    text = text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    return _NOT_LETTERS.sub("", text.replace("aa", "a").replace("oe", "o"))


@dataclass(frozen=True, slots=True, kw_only=True)
class TaxLine:
    key: str
    base: Decimal
    amount: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class NetPay:
    """A net-pay estimate: exact tax lines (shown rounded) and net pay rounded from their exact sum."""

    year: int
    kommune: str
    church: bool
    gross: Decimal
    lines: tuple[TaxLine, ...]
    net_exact: Decimal
    marginal: Decimal
    inferred: tuple[str, ...]
    # The income year the estimate was wanted for (a date's year) when that year has no rules of its own.
    asked_year: int | None = None
    status: TaxYearStatus = "shipped"
    copied: tuple[Copied, ...] = ()

    @property
    def net_annual(self) -> Decimal:
        return round_money(self.net_exact)

    @property
    def net_monthly(self) -> Decimal:
        return monthly(self.net_annual)

    @property
    def effective_rate(self) -> Decimal:
        return ZERO if not self.gross else round_money((self.gross - self.net_exact) / self.gross * HUNDRED, ORE)

    @property
    def marginal_rate(self) -> Decimal:
        return round_money(self.marginal * HUNDRED, ORE)

    @property
    def warnings(self) -> tuple[Notice, ...]:
        """What a reader must know about the estimate (``notices``)."""
        return self.notices

    @property
    def notices(self) -> tuple[Notice, ...]:
        notices = []
        if self.asked_year is not None and self.asked_year != self.year:
            notices.append(Notice("tax_year_missing", labels.warn_tax_year_missing(self.year, self.asked_year)))
        if self.status == "user":
            notices.append(Notice("user_tax_year", labels.warn_user_tax_year(self.year)))
        if self.copied:
            notices.append(Notice("copied_tax_figure", labels.warn_tax_copied(self.year, self.copied)))
        if self.inferred:
            notices.append(Notice("inferred_tax_rule", labels.warn_tax_inferred(self.inferred)))
        return tuple(notices)

    def to_data(self) -> Data:
        """The JSON contract of ``chefloen net`` (and of ``net`` beside a breakdown)."""
        return {
            "estimate": True,
            "year": self.year,
            "tax_year_status": self.status,
            "kommune": self.kommune,
            "church": self.church,
            "gross": amount(self.gross),
            "lines": [
                {
                    "key": line.key,
                    "label": labels.tax_label(line.key),
                    "base": amount(line.base),
                    "amount": amount(line.amount),
                }
                for line in self.lines
            ],
            "net_annual": amount(self.net_annual),
            "net_monthly": amount(self.net_monthly),
            "marginal_rate": str(self.marginal_rate),
            "effective_rate": str(self.effective_rate),
            "rates_in": "percent",
            "disclaimer": labels.NET_DISCLAIMER,
            "warnings": notices_data(self.notices),
        }

    def csv_table(self) -> CsvTable:
        data = self.to_data()
        rows = [[line["key"], line["label"], line["base"], line["amount"]] for line in data["lines"]]
        rows += [
            ["net_annual", "Nettoløn pr. år (skøn)", None, data["net_annual"]],
            ["net_monthly", "Nettoløn pr. måned (skøn)", None, data["net_monthly"]],
            ["marginal_rate", "Marginalskat (%)", None, data["marginal_rate"]],
            ["effective_rate", "Gennemsnitsskat (%)", None, data["effective_rate"]],
        ]
        return ["key", "label", "base", "amount"], rows


def pct(value: Decimal) -> Decimal:
    return value / HUNDRED


def tax_lines(gross: Decimal, rules: TaxYear, kommune_pct: Decimal, church_pct: Decimal) -> list[TaxLine]:
    """Every deduction and tax on ``gross`` pay, unrounded; negative lines are fradrag."""
    atp = min(rules.atp_employee, gross)
    am_base = gross - atp
    am = am_base * pct(rules.am_percent)
    personal = am_base - am
    besk = min(am_base * pct(rules.besk_percent), rules.besk_maximum)
    job = min(max(am_base - rules.job_threshold, ZERO) * pct(rules.job_percent), rules.job_maximum)
    taxable = personal - besk - job
    local_base = max(taxable - rules.personfradrag, ZERO)
    bund_base = max(personal - rules.personfradrag, ZERO)
    lines = [
        TaxLine(key="atp", base=gross, amount=atp),
        TaxLine(key="am_bidrag", base=am_base, amount=am),
        TaxLine(key="beskaeftigelsesfradrag", base=am_base, amount=-besk),
        TaxLine(key="jobfradrag", base=am_base, amount=-job),
        TaxLine(key="personfradrag", base=rules.personfradrag, amount=-rules.personfradrag),
        TaxLine(key="bundskat", base=bund_base, amount=bund_base * pct(rules.bundskat_percent)),
    ]
    cumulative = kommune_pct + rules.bundskat_percent
    cut_so_far = ZERO
    for bracket in rules.brackets:
        base = max(personal - bracket.threshold, ZERO)
        cumulative += bracket.percent
        # Skatteloft: the part of the cumulative rate above this bracket's ceiling not already cut below.
        cut = max(cumulative - cut_so_far - bracket.ceiling, ZERO)
        cut_so_far += cut
        lines.append(TaxLine(key=bracket.name, base=base, amount=base * pct(bracket.percent - cut)))
    lines.append(TaxLine(key="kommuneskat", base=local_base, amount=local_base * pct(kommune_pct)))
    lines.append(TaxLine(key="kirkeskat", base=local_base, amount=local_base * pct(church_pct)))
    return lines


def paid(lines: list[TaxLine]) -> Decimal:
    """What leaves the pay: ATP, AM-bidrag and taxes (fradrag only shape the bases)."""
    return sum((line.amount for line in lines if line.amount > 0), ZERO)


def net_pay(gross: Decimal, kommune: str, *, church: bool, rules: TaxYear, asked_year: int | None = None) -> NetPay:
    """Estimate net pay of ``gross`` annual pay (before pension, which the employer pays on top) under the rules
    of one income year (see :func:`chefloen.loading.load_tax_year`); ``asked_year``, the year the estimate is
    for when the rules were chosen for it (``loading.tax.tax_year_for``), so that a mismatch is told."""
    if gross < 0:
        raise InputError("gross pay must not be negative")
    name, kommune_pct, church_pct = rules.kommune(kommune)
    church_pct = church_pct if church else ZERO
    lines = tax_lines(gross, rules, kommune_pct, church_pct)
    net = gross - paid(lines)
    marginal = paid(tax_lines(gross + 1, rules, kommune_pct, church_pct)) - paid(lines)
    shown = tuple(TaxLine(key=line.key, base=round_money(line.base), amount=round_money(line.amount)) for line in lines)
    return NetPay(
        year=rules.year,
        kommune=name,
        church=church,
        gross=gross,
        lines=shown,
        net_exact=net,
        marginal=marginal,
        inferred=rules.inferred,
        asked_year=asked_year,
        status=rules.status,
        copied=rules.copied_for(name, church=church),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class WithNet:
    """A breakdown with a net-pay estimate of its annual pay."""

    breakdown: Breakdown
    net: NetPay

    @property
    def notices(self) -> tuple[Notice, ...]:
        return self.breakdown.notices + self.net.notices

    def to_data(self) -> Data:
        """The breakdown's JSON contract with the estimate under ``net``."""
        return self.breakdown.to_data() | {"net": self.net.to_data()}

    def csv_table(self) -> CsvTable:
        header, rows = self.breakdown.csv_table()
        net = self.net
        label = f"Nettoløn (skøn, {net.kommune} {net.year})"
        rows.append(["net_annual", label, None, amount(net.net_annual), amount(net.net_monthly), None])
        return header, rows
