"""All user-facing Danish text: component labels, rule texts, warnings and number/date formatting."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from chefloen.money import given_decimals, round_money

if TYPE_CHECKING:
    from chefloen.model import Converted, Factor, HolidayPayout

STATUS = {
    "sourced": "kildebelagt",
    "inferred": "udledt",
    "expected": "forventet",
    "user": "egen",
    "assumed": "antaget",
}

LINE_LABELS = {
    "basisloen": "Basisløn, trin {detail}",
    "opslagstillaeg": "Forskel til opslagsniveau",
    "kvalifikationsloen": "Kvalifikationsløn",
    "funktionsloen": "Funktionsløn",
    "tillaeg": "Tillæg: {detail}",
    "afkoeb": "Afkøb af merarbejde{detail}",
    "engangsvederlag": "Engangsvederlag",
}


@lru_cache(maxsize=4096)
def line_label(key: str, detail: str = "") -> str:
    return LINE_LABELS[key].format(detail=detail)


# Control characters (ESC starts sequences that retitle a window or clear the screen) and the marks that
# reverse text direction: in a terminal they act instead of showing, so they are shown as escapes.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    r"""``text`` with its control characters shown, not acted on.

    >>> visible("A\x1b]0;title\x07")
    'A\\x1b]0;title\\x07'
    """
    return _INVISIBLE.sub(lambda match: match[0].encode("unicode_escape").decode("ascii"), text)


def kr(amount: Decimal) -> str:
    """Whole kroner the Danish way.

    >>> kr(Decimal("792072"))
    '792.072 kr.'
    >>> kr(Decimal("-1234"))
    '-1.234 kr.'
    """
    return f"{number(amount, 0)} kr."


def kr_ore(amount: Decimal) -> str:
    """Kroner and øre the Danish way.

    >>> kr_ore(Decimal("66006"))
    '66.006,00 kr.'
    """
    return f"{number(amount, 2)} kr."


_UNITS = [Decimal(1).scaleb(-places) for places in range(7)]


def number(value: Decimal, places: int) -> str:
    """A number with Danish separators: ``.`` between thousands, ``,`` before decimals.

    >>> number(Decimal("1.168869"), 6)
    '1,168869'
    >>> number(Decimal("1072226"), 0), number(Decimal("24.50"), 0), number(Decimal("0.1234567"), 7)
    ('1.072.226', '25', '0,1234567')
    """
    unit = _UNITS[places] if places < len(_UNITS) else Decimal(1).scaleb(-places)
    # Rounded as the engine rounds (half up); format() alone would round half to even: 24,50 kr. to 24.
    text = f"{round_money(value, unit):,.{places}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def exact(value: Decimal, least: int = 2, most: int = 4) -> str:
    """A figure as it was given: every decimal it has (trailing zeros not counted), at least ``least``. One with
    more than ``most``, as no typed figure has, is a ratio such as 30/37 of a week, rounded to ``least``.

    >>> exact(Decimal("0.545")), exact(Decimal("7.5")), exact(Decimal("5.5550")), exact(Decimal(30) / 37, 4, 6)
    ('0,545', '7,50', '5,555', '0,8108')
    """
    given = given_decimals(value)
    return number(value, max(least, given) if given <= most else least)


def thousands(count: int) -> str:
    """A whole count with Danish thousands separators, for limits in messages.

    >>> thousands(131072)
    '131.072'
    """
    return number(Decimal(count), 0)


def percent(value: Decimal) -> str:
    """A percentage with a Danish decimal comma.

    >>> percent(Decimal("21.59"))
    '21,59 %'
    >>> percent(Decimal("10"))
    '10 %'
    >>> percent(Decimal("99.99999999999999999999999999999"))  # exactly, never rounded to 28 digits
    '99,99999999999999999999999999999 %'
    """
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").removesuffix(".")
    return text.replace(".", ",") + " %"


def date(on: dt.date) -> str:
    """A date as Danes write it.

    >>> date(dt.date(2025, 11, 1))
    '1.11.2025'
    """
    return f"{on.day}.{on.month}.{on.year}"


MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november",
          "december")  # fmt: skip
MONTH_NAMES = ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.")


def month(day: dt.date) -> str:
    """A month as Danish tables write it.

    >>> month(dt.date(2025, 9, 1)), month(dt.date(2026, 5, 1))
    ('sep. 2025', 'maj 2026')
    """
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def factor(value: Decimal) -> str:
    return number(value, 6)


def afkoeb_text(kind: str, value: Decimal) -> str:
    """An afkøb as a table cell: ``10 %``, ``5 t/uge`` or a grundbeløb ``25.000``.

    >>> afkoeb_text("percent", Decimal("10")), afkoeb_text("amount", Decimal("25000"))
    ('10 %', '25.000')
    """
    if kind == "amount":
        return number(value, 2 if value % 1 else 0)
    return afkoeb_detail(kind, value).strip(" ()")


def hours(value: Decimal) -> str:
    """Weekly hours as given: whole, or with every decimal given and at least two.

    >>> hours(Decimal("5")), hours(Decimal("7.5")), hours(Decimal("5.555"))
    ('5', '7,50', '5,555')
    """
    return exact(value, 2 if value % 1 else 0)


@lru_cache(maxsize=4096)
def afkoeb_detail(kind: str, value: Decimal) -> str:
    """What an afkøb line adds to its label: the percentage or the weekly hours.

    >>> afkoeb_detail("percent", Decimal("10")), afkoeb_detail("hours", Decimal("7.5"))
    (' (10 %)', ' (7,50 t/uge)')
    """
    if kind == "percent":
        return f" ({percent(value)})"
    return f" ({hours(value)} t/uge)"


def rule_text(kind: str, inputs: tuple[Decimal, ...]) -> str:
    """How a line's amount was computed, in words, from the rule and inputs the engine recorded (``Line.how``).

    >>> rule_text("regulated", (Decimal("570591"), Decimal("1.168869"), Decimal("1")))
    '570.591 × 1,168869, afrundet til hele kr.'
    """
    return RULES[kind](*inputs)


def rule_regulated(base_amount: Decimal, factor_value: Decimal, fraction: Decimal) -> str:
    text = f"{number(base_amount, 2 if base_amount % 1 else 0)} × {factor(factor_value)}"
    if fraction != 1:
        text += f" × {exact(fraction, 4, 6)} (deltid)"
    return text + ", afrundet til hele kr."


def rule_afkoeb_percent(share: Decimal, pay: Decimal) -> str:
    return f"{percent(share)} af løn {kr(pay)}, afrundet til hele kr."


def rule_afkoeb_hours(weekly: Decimal, full_time_pay: Decimal, weeks: Decimal, annual_hours: Decimal) -> str:
    return (
        f"{hours(weekly)} t/uge × {number(weeks, 0)} uger × timeløn "
        f"({kr(full_time_pay)} / {number(annual_hours, 0)} t), afrundet til hele kr."
    )


def rule_one_off() -> str:
    return "Aftalt beløb i aktuelle kroner; reguleres ikke"


RULES: dict[str, Callable[..., str]] = {
    "regulated": rule_regulated,
    "afkoeb_percent": rule_afkoeb_percent,
    "afkoeb_hours": rule_afkoeb_hours,
    "one_off": rule_one_off,
}


STATUS_MEANING = {
    "expected": "en prognose, ikke bekræftet",
    "inferred": "udledt af trykte beløb, ikke trykt selv",
    "user": "tilføjet af dig med chefloen index add, ikke en del af de leverede data",
    "assumed": "din egen antagelse, ikke en aftalt regulering",
}


@lru_cache(maxsize=4096)
def warn_factor_status(status: str, value: Decimal, effective: dt.date) -> str:
    return f"Reguleringsfaktoren {factor(value)} pr. {date(effective)} er {STATUS[status]}: {STATUS_MEANING[status]}."


def warn_factors_status(factors: Sequence[Factor]) -> str:
    """One warning for several factors of one status (a result over many dates)."""
    first, last = factors[0], factors[-1]
    return (
        f"Reguleringsfaktorerne pr. {date(first.effective)}–{date(last.effective)} "
        f"({factor(first.value)}–{factor(last.value)}, {len(factors)} i alt) er {STATUS[first.status]}: "
        f"{STATUS_MEANING[first.status]}."
    )


def date_span(first: dt.date, last: dt.date) -> str:
    return date(first) if first == last else f"{date(first)}–{date(last)}"


def elapsed(months: int) -> str:
    """A span of whole months as Danes say it.

    >>> elapsed(0), elapsed(1), elapsed(8), elapsed(12), elapsed(165)
    ('under en måned', '1 måned', '8 måneder', '1 år', '13 år og 9 måneder')
    """
    if months == 0:
        return "under en måned"
    years, rest = divmod(months, 12)
    parts = [f"{years} år"] if years else []
    if rest:
        parts.append(f"{rest} {'måned' if rest == 1 else 'måneder'}")
    return " og ".join(parts)


@lru_cache(maxsize=4096)
def warn_after_last(last: Factor, months: int, missed: int, regular_days: str, upcoming: str) -> str:
    """Said once per result whose date lies ``months`` after the last regulation in the series (``last``, which
    may be the user's assumption); past a year, ``missed`` regular regulation days lie between. ``upcoming`` (a
    regulation that may be missing) and ``regular_days`` (1.4 og 1.10) may be empty."""
    assumed = last.status == "assumed"
    text = (
        f"Datoen ligger {elapsed(months)} efter den seneste {'antagne' if assumed else 'kendte'} regulering pr. "
        f"{date(last.effective)} (faktor {factor(last.value)}), som bruges."
    )
    several = months >= 12 and missed > 1
    if several:
        days = f" ({regular_days})" if regular_days else ""
        text += (
            f" I den tid ligger {missed} faste reguleringsdatoer{days}: flere regionale reguleringer mangler "
            "sandsynligvis, og beløbene er formentlig for lave."
        )
    else:
        text += f" En senere regional regulering kan mangle{f' ({upcoming})' if upcoming else ''}."
    if assumed:
        return (
            text + " Antag flere med --assume DATO:+PCT%." if several else text + " Antag den med --assume DATO:+PCT%."
        )
    them = "dem, når de er" if several else "den, når den er"
    return text + f" Tilføj {them} offentliggjort: chefloen index add DATO --percent PCT --source KILDE."


def regular_days(months: Sequence[int], day: int) -> str:
    """The regular regulation days in words.

    >>> regular_days((4, 10), 1)
    '1.4 og 1.10'
    """
    days = [f"{day}.{month}" for month in months]
    return days[0] if len(days) == 1 else f"{', '.join(days[:-1])} og {days[-1]}"


@lru_cache(maxsize=4096)
def warn_pension_status(status: str, percent_value: Decimal) -> str:
    return f"Pensionssatsen {percent(percent_value)} er {STATUS[status]} for denne dato; se kilden."


def warn_level_includes_afkoeb() -> str:
    """The same for every date, so a result over many dates says it once; the figures stand in the result."""
    return (
        "Opslagsniveauet indeholder afkøb af merarbejde i ukendt omfang, så pensionen er et spænd: høj med hele "
        "niveauet pensionsgivende, lav uden forskellen til opslagsniveauet. Begge ender er vist."
    )


def warn_afkoeb_counted_twice() -> str:
    return (
        "Opslagsniveauet indeholder allerede afkøb af merarbejde, og der er lagt afkøb oven i: afkøbet kan være "
        "talt med to gange. Læg kun det afkøb til, der er aftalt ud over opslagsniveauet."
    )


PENSION_HIGH = "hele niveauet pensionsgivende"
PENSION_LOW = "forskellen til opslagsniveauet ikke pensionsgivende"

# Pension taken as pay, the holiday allowance, and the totals they make (see Breakdown.extra_totals).
TAXABLE_PAY = "Løn inkl. fritvalgstillæg"
TOTAL_COMPENSATION = "Samlet aflønning"


def fritvalg_label(points: Decimal) -> str:
    return f"Fritvalgstillæg {percent(points)}"


def holiday_label(rate: Decimal) -> str:
    return f"Ferietillæg {percent(rate)}"


def note_fritvalg(points: Decimal, floor: Decimal, source: str | None) -> str:
    where = "angivet af brugeren" if source is None else f"kilde: {source}"
    return (
        f"Fritvalg: {percent(points)} af den pensionsgivende løn udbetales som fritvalgstillæg i stedet for "
        "pension: skattepligtig løn, der ikke selv er pensionsgivende. Pensionen over "
        f"{percent(floor)} kan tages som løn ({where}; et andet gulv med --fritvalg-gulv). OK26's forhøjede "
        "fritvalgsbidrag er ikke medregnet: dets procent er ikke offentliggjort."
    )


def note_holiday_paid(payout: HolidayPayout, outstanding: Decimal) -> str:
    law = percent(payout.law_percent)
    later = f" Optjent i perioden og udbetalt efter den: {kr_ore(outstanding)}" if outstanding else ""
    return (
        f"Ferietillæg (særlig feriegodtgørelse) af løn og fritvalgstillæg optjent i perioden, som for en ansat fra "
        f"periodens første dag: ferielovens {law} med lønnen for {MONTHS[payout.law_months[0] - 1]} "
        f"(optjent 1. september–31. maj) og {MONTHS[payout.law_months[1] - 1]} (optjent 1. juni–31. august), resten "
        "med lønnen "
        f"for {MONTHS[payout.rest_month - 1]} året efter ({STATUS[payout.status]}; se region-holiday.toml).{later}"
    )


NOTE_NET_SPREAD = (
    "Netto (skøn): hvert kalenderårs skat beregnes af årets indkomst i perioden (ingen anden indkomst i året) og "
    "fordeles på årets måneder i forhold til deres bruttoindkomst, som en fast trækprocent; årets sidste måned "
    "tager de øre, afrundingen efterlader, så månederne summer til årets netto."
)


def warn_holiday_status(status: str, rate: Decimal) -> str:
    return f"Den særlige feriegodtgørelse {percent(rate)} er {STATUS[status]} for denne dato; se kilden."


def note_holiday(rate: Decimal, status: str, assumption: str) -> str:
    return (
        f"Ferietillæg er den særlige feriegodtgørelse, {percent(rate)} ({STATUS[status]}) af årets løn inkl. "
        "fritvalgstillæg; den optjenes i år og udbetales året efter (chefloen earnings viser hvornår). "
        f"{assumption}. Samlet aflønning = løn, fritvalgstillæg, pension og ferietillæg."
    )


def note_modelled_as(posted: str, step: str) -> str:
    if posted == step:
        return f"Opslagets trin {posted} er beregnet som trin {step} plus forskellen til opslagsniveauet."
    return (
        f"Opslagets trin {posted} er beregnet som trin {step} plus forskellen til opslagsniveauet: en antagelse, "
        f"da ingen fundet kilde forklarer “{posted}”."
    )


def note_difference_derived(level: Decimal, level_date: dt.date, step: str) -> str:
    return (
        f"Forskel til opslagsniveau er chefloens udledning, ikke et aftalt tillæg: opslagsniveauet {kr(level)} "
        f"minus basislønnen for trin {step} pr. {date(level_date)}, omregnet til grundbeløb, så opslaget kan "
        "reguleres til andre datoer."
    )


def note_level_at_date(level: Decimal, level_date: dt.date, at_date: Decimal, on: dt.date) -> str:
    """A posting priced at another date than its level's: its published level, and what that level is there."""
    return f"Opslagsniveau {kr(level)} pr. {date(level_date)} svarer til {kr(at_date)} pr. {date(on)}."


def base_number(value: Decimal) -> str:
    """A grundbeløb as tables show it: whole kroner, or kroner and øre where it has øre."""
    return number(value, 2 if value % 1 else 0)


def note_converted(converted: Converted, *, part_time: bool = False) -> str:
    """How an amount given in kroner, or at the 31.3.2000 level, became the grundbeløb the breakdown uses;
    kroner are full-time kroner, which ``part_time`` says."""
    what = converted.what[:1].upper() + converted.what[1:]
    base = base_number(converted.base_amount)
    if converted.unit == "kroner":
        given = number(converted.given, 2 if converted.given % 1 else 0)
        full = " ved fuld tid" if part_time else ""
        return (
            f"{what} {given} kr.{full} pr. {date(converted.on)} = grundbeløb {base} (31.3.2018-niveau; {given} / "
            f"{factor(converted.factor)}, det grundbeløb der giver beløbet igen), reguleret derfra."
        )
    return (
        f"{what}: grundbeløb {base_number(converted.given)} i 31.3.2000-niveau × {factor(converted.factor)} = "
        f"grundbeløb {base} i 31.3.2018-niveau, afrundet til hele kr."
    )


def note_user_posting(source_title: str) -> str:
    return f"Opslaget er dit eget (egen), tilføjet med chefloen postings add. Kilde: {source_title}"


TAX_LABELS = {
    "atp": "ATP (eget bidrag)",
    "am_bidrag": "AM-bidrag",
    "beskaeftigelsesfradrag": "Beskæftigelsesfradrag",
    "jobfradrag": "Jobfradrag",
    "personfradrag": "Personfradrag",
    "bundskat": "Bundskat",
    "mellemskat": "Mellemskat",
    "topskat": "Topskat",
    "toptopskat": "Top-topskat",
    "kommuneskat": "Kommuneskat",
    "kirkeskat": "Kirkeskat",
}


def tax_label(key: str) -> str:
    """A tax line's label; a bracket new to a later year's tax file shows under its own name."""
    return TAX_LABELS.get(key) or key.capitalize()


NET_DISCLAIMER = (
    "Skøn over nettoløn: tager ikke højde for anden indkomst, kapitalindkomst, egne fradrag (fx renter, "
    "befordring, fagforening), fritvalgstillæg eller særlige ordninger som forskerskat. ATP er fuldtidssatsen; "
    "skatteloftet er indregnet."
)


def warn_tax_year_missing(used: int, asked: int) -> str:
    return (
        f"Nettolønnen er et skøn efter skattereglerne for {used}: der er ingen regler for {asked}, datoens år, i "
        f"data. Reglerne for {asked} kan afvige (personfradrag, grænser, kommuneskat); --skatteaar vælger året."
    )


def warn_tax_inferred(rules: tuple[str, ...]) -> str:
    return f"Skatteberegningen bruger udledte satser for: {', '.join(rules)}."


# Net pay in plans: the net differences of ``compare --net``, ``solve --target-net`` and the offer sheet.
NET_ANNUAL_ROW = "Nettoløn pr. år (skøn)"
NET_DIFF_MONTHLY = "Forskel netto pr. måned"
NET_DIFF_ANNUAL = "Forskel netto pr. år"
NET_PER = {"month": "om måneden", "year": "om året"}


def net_amount(value: Decimal, per: str) -> str:
    """A net amount with its unit: a month in kroner and øre, a year in whole kroner unless it has øre.

    >>> net_amount(Decimal("45000"), "month"), net_amount(Decimal("540000"), "year")
    ('45.000,00 kr. om måneden', '540.000 kr. om året')
    """
    shown = kr_ore(value) if per == "month" or value % 1 else kr(value)
    return f"{shown} {NET_PER[per]}"


def net_target_already_reached(target: str, on: dt.date, reached: str) -> str:
    """``solve --target-net`` when no kvalifikationsløn is needed; the amounts as :func:`net_amount` gives them."""
    return (
        f"Målet er allerede nået uden kvalifikationsløn: nettolønnen (skøn) pr. {date(on)} er {reached}, og målet "
        f"var {target}."
    )


def net_target_solved(target: str, base_amount: Decimal, annual: Decimal, on: dt.date) -> str:
    return (
        f"For at nå en nettoløn (skøn) på {target} kræves kvalifikationsløn med grundbeløb {number(base_amount, 0)} "
        f"(= {kr(annual)} pr. {date(on)})."
    )


def net_target_check(reached: str, other: str, over: str, *, within: bool) -> str:
    """The check of a solved net target: the net reached in the target's unit and the other, and how far over."""
    text = f"Kontrol: nettolønnen bliver {reached} ({other}), {over} over målet"
    return text + (": inden for 1 kr. om måneden." if within else ".")


# --- tax years: the shipped ones and the user's own (chefloen tax) -----------------------------------------------

TAX_YEAR_STATUS = {"shipped": "udgivet", "user": "egen"}
# A rule or a figure of a tax year in a sentence; a bracket goes by its line's label.
TAX_RULE_NAMES = {
    "am_bidrag": "AM-bidrag",
    "atp": "ATP",
    "personfradrag": "personfradrag",
    "beskaeftigelsesfradrag": "beskæftigelsesfradrag",
    "jobfradrag": "jobfradrag",
    "bundskat": "bundskat",
    "kommuneskat": "kommuneskat",
    "kirkeskat": "kirkeskat",
}
TAX_FIGURE_NAMES = {"percent": "sats", "maximum": "maksimum", "threshold": "grænse", "ceiling": "skatteloft"}


def tax_rule_name(rule: str) -> str:
    """A rule of a tax year as a sentence names it.

    >>> tax_rule_name("beskaeftigelsesfradrag"), tax_rule_name("toptopskat")
    ('beskæftigelsesfradrag', 'top-topskat')
    """
    if rule in TAX_RULE_NAMES:
        return TAX_RULE_NAMES[rule]
    label = tax_label(rule)
    return label[:1].lower() + label[1:]


def copied_figures(copied: Sequence[tuple[str, str, int]]) -> str:
    """Copied figures (rule, figure, year) by rule, in the order given.

    >>> copied_figures([("personfradrag", "", 2026), ("jobfradrag", "threshold", 2026),
    ...                 ("jobfradrag", "maximum", 2026), ("kommuneskat", "Aarhus", 2026)])
    'personfradrag, jobfradrag (grænse, maksimum), kommuneskat (Aarhus)'
    """
    by_rule: dict[str, list[str]] = {}
    for rule, figure, _ in copied:
        by_rule.setdefault(rule, []).extend([TAX_FIGURE_NAMES.get(figure, figure)] if figure else [])
    return ", ".join(
        f"{tax_rule_name(rule)} ({', '.join(figures)})" if figures else tax_rule_name(rule)
        for rule, figures in by_rule.items()
    )


def warn_user_tax_year(year: int) -> str:
    return f"Skattereglerne for {year} er dine egne (egen), ikke udgivet med chefloen; chefloen tax viser filen."


def warn_tax_copied(year: int, copied: Sequence[tuple[str, str, int]]) -> str:
    by_year: dict[int, list[tuple[str, str, int]]] = {}
    for entry in copied:
        by_year.setdefault(entry[2], []).append(entry)
    parts = [f"kopieret fra {source} og ikke rettet: {copied_figures(entries)}" for source, entries in by_year.items()]
    return (
        f"Tal i skattereglerne for {year} er {'; '.join(parts)}. Ret dem efter skm.dk, eller slet copied_from ved en "
        "regel, hvis tal er uændrede (chefloen tax viser filen)."
    )


def warn_tax_year_shadowed(year: int, path: str) -> str:
    return (
        f"Din {path} bruges ikke: chefloen udgiver nu selv skattereglerne for {year}, og de går forud. "
        f"Fjern din med chefloen tax remove {year}."
    )


def tax_year_added(year: int, source: int, path: str) -> str:
    return f"Tilføjet: skatteår {year} (egen), kopieret fra {source}. Gemt i {path}"


def tax_year_to_update(year: int, source: int, brackets: Sequence[str]) -> list[str]:
    """What to copy from skm.dk into a tax year just added, line by line."""
    names = [tax_rule_name(name) for name in brackets]
    listed = ", ".join(names[:-1]) + f" og {names[-1]}" if len(names) > 1 else "".join(names)
    return [
        f"Tallene er {source}'s, og et nettoskøn for {year} advarer om hvert tal, der ikke er rettet. Ret efter "
        f"skm.dk (satser og beløbsgrænser {year}; oversigt over kommuneskatter {year}):",
        "  - personfradrag (personfradrag.amount)",
        f"  - grænserne for {listed} (threshold under hver [[bracket]])",
        "  - beskæftigelsesfradragets maksimum (beskaeftigelsesfradrag.maximum)",
        "  - jobfradragets grænse og maksimum (jobfradrag.threshold, jobfradrag.maximum)",
        "  - kommuneskat og kirkeskat for hver kommune ([[kommune]])",
        "Et beløb, personskattelovens § 20 regulerer, kan skrives som sit 2010-grundbeløb, fx amount = "
        "{ base_2010 = 39350 }, med årets reguleringstal øverst i filen, fx reguleringstal = 137.3 (det for 2026); "
        "chefloen runder op til hele 100 kr.",
        "Et rettet tal advares der ikke om; er et tal uændret (satserne gælder fx “for 2026 og følgende år”), "
        "så slet copied_from ved dets regel.",
    ]


def tax_year_removed(year: int, path: str) -> str:
    return f"Fjernet: dit skatteår {year} ({path})."


def copied_count(figures: int, kommuner: int) -> str:
    """How much of a tax year is copied and not edited, for the list of tax years.

    >>> copied_count(18, 98), copied_count(0, 1), copied_count(0, 0)
    ('18 tal, 98 kommuners satser', '1 kommunes satser', 'intet')
    """
    parts = [f"{figures} tal"] if figures else []
    parts += [f"{kommuner} kommune{'rs' if kommuner != 1 else 's'} satser"] if kommuner else []
    return ", ".join(parts) or "intet"


TAX_YEARS_TITLE = "Skatteår"
TAX_YEARS_COLUMNS = ("År", "Status", "Personfradrag", "Kopieret, ikke rettet", "Fil")
TAX_YEAR_SHADOWED = "bruges ikke"
TAX_YEARS_NOTE = (
    "Når skm.dk udgiver næste års satser og beløbsgrænser, tilføjer chefloen tax add året som dit eget (egen) ud fra "
    "det seneste udgivne; ret så tallene i filen."
)


# --- The errors of batch rows in Danish, for spreadsheets (xlsx and excel-da CSV) --------------------------------
# Each English error a batch row can give, as the core writes it ({} is any text: a field, a quoted value, a
# figure), and its Danish; tests/test_batch_results.py holds them to the errors rows really give. An error not
# here stays English (the checks a row's text never reaches, a workbook cell openpyxl cannot read), as do the
# details Python's JSON and TOML readers give of what they cannot read.
_WHAT = {"trin": "trin", "posting": "opslag", "pension group": "pensionsgruppe", "lønramme": "lønramme"}
ERRORS_DANISH = (
    ("give either trin or posting", "angiv enten trin eller opslag"),
    ("give either trin or loenramme, not both", "angiv enten trin eller lønramme, ikke begge"),
    ("date is missing", "datoen mangler"),
    ("date {} does not exist", "datoen {} findes ikke"),
    ("date {} is not a date; write 2025-11-01, 1.11.2025 or 01-11-2025",
     "datoen {} er ikke en dato; skriv 2025-11-01, 1.11.2025 eller 01-11-2025"),
    ("date {} is ambiguous; write 26.12.2031 or 2026-12-31",
     "datoen {} er tvetydig; skriv 26.12.2031 eller 2026-12-31"),
    ("date {} is out of range; use dates from {} to {}",
     "datoen {} er uden for det mulige; brug datoer fra {} til {}"),
    ("the regulation factor is not known before {} (asked for {}); use a date on or after {}",
     "reguleringsfaktoren kendes ikke før {} (spurgt om {}); brug en dato fra og med {}"),
    ("the pension rate for {} is not known before {} (asked for {}); use a date on or after {}",
     "pensionssatsen for {} kendes ikke før {} (spurgt om {}); brug en dato fra og med {}"),
    ("unknown trin {}; that is how a posting writes trin {} plus its difference to the posted level; use trin {}, "
     "or the posting: {}",
     "ukendt trin {}; sådan skriver et opslag trin {} plus forskellen til opslagsniveauet; brug trin {} eller "
     "opslaget: {}"),
    *((f"unknown {what} {{}}; known: {{}}", f"ukendt {danish} {{}}; kendte: {{}}") for what, danish in _WHAT.items()),
    *((f"unknown {what} {{}}; did you mean: {{}}", f"ukendt {danish} {{}}; mente du: {{}}")
      for what, danish in _WHAT.items() if what != "lønramme"),  # a lønramme is a number: none is close
    ("unknown field {}; did you mean {}? known: {}", "ukendt felt {}; mente du {}? kendte: {}"),
    ("unknown field {}; known: {}", "ukendt felt {}; kendte: {}"),
    ("a value of type {} is not allowed here; give text, a number, a date or nothing",
     "en værdi af typen {} kan ikke bruges her; giv tekst, et tal, en dato eller intet"),
    ("fritvalg_gulv needs fritvalg: the points of pension taken as pay, or max",
     "fritvalg_gulv kræver fritvalg: de point af pensionen, der tages som løn, eller max"),
    ("fritvalg of {} points is more than the {} points the pension rate of {} has above the floor of {}; "
     "--fritvalg max takes them all",
     "fritvalg på {} point er mere end de {} point, som pensionssatsen på {} har over gulvet på {}; fritvalg max "
     "tager dem alle"),
    ("afkøb of {} hours a week must be below the full-time week of {} hours, as a percent must be below 100",
     "afkøb på {} timer om ugen skal være under fuldtidsugen på {} timer, som en procent skal være under 100"),
    ("deltid {} must be a fraction above 0 and at most 1, a percentage such as 80%, or hours such as 30t",
     "deltid {} skal være en brøk over 0 og højst 1, en procent som 80% eller timer som 30t"),
    ("deltid {} is not a share of full time; write e.g. 0,8, 80% or 30t",
     "deltid {} er ikke en andel af fuld tid; skriv fx 0,8, 80% eller 30t"),
    ("deltid {} must be more than 0 hours", "deltid {} skal være mere end 0 timer"),
    ("deltid {} must be above 0 % and at most 100 % (full time)",
     "deltid {} skal være over 0 % og højst 100 % (fuld tid)"),
    ("deltid must be more than 0 and at most full time (1 or 37t)",
     "deltid skal være mere end 0 og højst fuld tid (1 eller 37t)"),
    ("tillæg {} must be written NAVN=BELØB, e.g. Ledelsestillæg=20000",
     "tillæg {} skal skrives NAVN=BELØB, fx Ledelsestillæg=20000"),
    ("tillæg {} holds more than one '='; give each tillæg as its own NAVN=BELØB (--tillaeg again, or separated by "
     "| in a batch cell)",
     "tillæg {} har mere end ét '='; angiv hvert tillæg som sit eget NAVN=BELØB (adskilt af | i en celle)"),
    ("tillæg {} is given twice; give each name once", "tillæg {} er angivet to gange; angiv hvert navn én gang"),
    ("{} {} is ambiguous: {} with a Danish decimal comma, or {} with international thousands; write 50.000 or 50000 "
     "for fifty thousand, 50,00 for fifty",
     "{} {} er tvetydigt: {} med dansk decimalkomma eller {} med internationale tusinder; skriv 50.000 eller 50000 "
     "for halvtreds tusind, 50,00 for halvtreds"),
    ("{} {} is not a number; write e.g. 50000, 50.000 or 50.000,50",
     "{} {} er ikke et tal; skriv fx 50000, 50.000 eller 50.000,50"),
    ("{} {} is not a number; write e.g. 21,59 or 21.59", "{} {} er ikke et tal; skriv fx 21,59 eller 21.59"),
    ("{} {} has more than two decimals", "{} {} har mere end to decimaler"),
    ("{} {} has {} decimals; give at most {}", "{} {} har {} decimaler; angiv højst {}"),
    ("{} {} is too large; at most 1.000.000.000", "{} {} er for stort; højst 1.000.000.000"),
    ("{} {} is too long; at most {} characters", "{} {} er for langt; højst {} tegn"),
    ("{} {} must be below 100 %", "{} {} skal være under 100 %"),
    ("{} {}: a week has 168 hours", "{} {}: en uge har 168 timer"),
    ("{} {} must be ja or nej", "{} {} skal være ja eller nej"),
    ("{} {} must not be negative", "{} {} må ikke være negativ"),
    ("{} {}: kroner given for a grundbeløb are whole kroner", "{} {}: kroner angivet for et grundbeløb er hele kroner"),
    ("{} {} gives its unit twice; write e.g. 40.000 kr.", "{} {} angiver sin enhed to gange; skriv fx 40.000 kr."),
    ("more fields than the header has", "flere felter end overskriften har"),
    ("lines {}-{} are read as one row: is a quote left open?",
     "linje {}-{} læses som én række: står et anførselstegn åbent?"),
    ("line {}: a field is longer than {} characters (a quote left open?)",
     "linje {}: et felt er længere end {} tegn (står et anførselstegn åbent?)"),
    ("each scenario must be an object of named fields", "hvert scenarie skal være et objekt med navngivne felter"),
    ("field {} is given twice (in any case); give each field once",
     "feltet {} er angivet to gange (i store eller små bogstaver); angiv hvert felt én gang"),
    ("field {} is given twice; give each field once", "feltet {} er angivet to gange; angiv hvert felt én gang"),
    ("a number of more than 30 digits is too large", "et tal med mere end 30 cifre er for stort"),
    ("not valid {}", "ikke gyldig {}"),
    ("chefloen could not compute this row; please report it ({})",
     "chefloen kunne ikke beregne denne række; meld det venligst ({})"),
)  # fmt: skip


@lru_cache(maxsize=1)
def _errors_danish() -> list[tuple[re.Pattern[str], str]]:
    """ERRORS_DANISH as patterns, made the first time an error is put in Danish (no start pays for them)."""
    return [
        (re.compile("(.+?)".join(map(re.escape, english.split("{}"))), re.DOTALL), danish)
        for english, danish in ERRORS_DANISH
    ]


def danish_error(text: str) -> str:
    """A batch row's error in Danish, when ERRORS_DANISH has it; else as it is.

    >>> danish_error("unknown trin '99'; known: 49, 50, 51")
    "ukendt trin '99'; kendte: 49, 50, 51"
    >>> danish_error("kvalifikationsløn 'abc' is not a number; write e.g. 50000, 50.000 or 50.000,50")
    "kvalifikationsløn 'abc' er ikke et tal; skriv fx 50000, 50.000 eller 50.000,50"
    """
    for pattern, danish in _errors_danish():
        found = pattern.fullmatch(text)
        if found:
            return danish.format(*found.groups())
    return text
