"""What the offer sheet tells the candidate, in plain Danish: the warnings and notes of a breakdown or a net-pay
estimate say what to type to a user of chefloen; the sheet says what they mean for the pay instead.

Each notice code with a command or a word for the program's user in its message has a sentence here, made from
the breakdown and the data; any other notice is shown as it is, without a command line should one ever be added.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from chefloen import labels
from chefloen.breakdown import Breakdown
from chefloen.model import Factor, IndexSeries, Status
from chefloen.plain import Notice
from chefloen.tax import NetPay

# What a figure's status means to someone who did not compute it (labels.STATUS_MEANING speaks to the user).
MEANING: dict[Status, str] = {
    "sourced": "offentliggjort",
    "expected": "forventet, men endnu ikke bekræftet",
    "inferred": "udledt af offentliggjorte tal, ikke selv offentliggjort",
    "user": "tilføjet efter en særskilt kilde",
    "assumed": "en antagelse, ikke aftalt",
}

FOOTER = (
    "Beregnet ud fra offentlige kilder. Et overslag, ikke en lønseddel: lokale aftaler, senere reguleringer og "
    "individuelle vilkår afgør den faktiske løn."
)


def next_regulation(after: dt.date, regulation: IndexSeries) -> dt.date | None:
    """The first day after ``after`` on which a regulation may come: the one the data expects, else the next
    regular regulation day; None when the data knows neither.

    >>> from chefloen.loading import load_scales
    >>> next_regulation(dt.date(2026, 4, 1), load_scales().regulation)
    datetime.date(2026, 10, 1)
    """
    upcoming, regular = regulation.upcoming, regulation.regular
    if upcoming is not None and upcoming.date > after:
        return upcoming.date
    if regular is None:
        return None
    days = (dt.date(year, month, regular.day) for year in (after.year, after.year + 1) for month in regular.months)
    return min((day for day in days if day > after), default=None)


def after_last(breakdown: Breakdown, regulation: IndexSeries) -> str:
    """A date past the last regulation: the pay may rise by regulations not published yet."""
    last = breakdown.factor.entry
    if last.status == "assumed":
        return "Lønnen kan ændre sig ved senere reguleringer, som endnu ikke er aftalt."
    coming = next_regulation(last.effective, regulation)
    if coming is None:
        return "Lønnen kan stige ved en senere regulering, som endnu ikke er offentliggjort."
    regular = regulation.regular
    missed = 0 if regular is None else regular.between(last.effective, breakdown.on)
    if missed > 1:
        return (
            f"Lønnen stiger formentlig ved reguleringerne fra {labels.date(coming)} og frem, som endnu ikke er "
            f"offentliggjort: beløbene bygger på den seneste offentliggjorte regulering pr. "
            f"{labels.date(last.effective)}."
        )
    return f"Lønnen kan stige ved en regulering pr. {labels.date(coming)}, som endnu ikke er offentliggjort."


def factor_source(factor: Factor) -> str:
    """Where a regulation factor comes from, as the sheet names it: an assumption is said to be one."""
    if factor.status == "assumed":
        return "en antagelse i dette overslag, ikke en aftalt regulering"
    return " ".join(part for part in (without_commands(factor.source.title), factor.source.url) if part)


def factor_status(breakdown: Breakdown, _: IndexSeries) -> str:
    factor = breakdown.factor.entry
    return (
        f"Reguleringsfaktoren {labels.factor(factor.value)} pr. {labels.date(factor.effective)} er "
        f"{MEANING[factor.status]}."
    )


def pension_status(breakdown: Breakdown, _: IndexSeries) -> str:
    rate = breakdown.pension_rate
    return f"Pensionsprocenten {labels.percent(rate.percent)} er {MEANING[rate.status]} for denne dato."


def holiday_status(breakdown: Breakdown, _: IndexSeries) -> str:
    rate = breakdown.holiday_rate
    assert rate is not None, "a holiday warning comes with its rate"
    return f"Ferietillæggets sats {labels.percent(rate.percent)} er {MEANING[rate.status]} for denne dato."


def afkoeb_counted_twice(_: Breakdown, __: IndexSeries) -> str:
    return (
        "Opslagsniveauet indeholder allerede afkøb af merarbejde, og der er lagt afkøb oven i: beløbet forudsætter, "
        "at dette afkøb er aftalt ud over opslagsniveauet."
    )


def difference_derived(breakdown: Breakdown, _: IndexSeries) -> str:
    posting = breakdown.subject.posting
    assert posting is not None, "a posting's note"
    return (
        f"Forskel til opslagsniveau er beregnet, ikke et aftalt tillæg: opslagsniveauet {labels.kr(posting.level)} "
        f"minus basislønnen for trin {posting.step} pr. {labels.date(posting.level_date)}, omregnet til grundbeløb, "
        "så opslaget kan reguleres til andre datoer."
    )


def user_posting(breakdown: Breakdown, _: IndexSeries) -> str:
    posting = breakdown.subject.posting
    assert posting is not None, "a posting's note"
    return f"Opslaget er tilføjet efter en særskilt kilde: {posting.source.title}."


def fritvalg(breakdown: Breakdown, _: IndexSeries) -> str:
    taken = breakdown.fritvalg
    assert taken is not None, "the note of a fritvalg"
    floor = "et særskilt aftalt gulv" if taken.floor_overridden else f"kilde: {breakdown.floor_source}"
    return (
        f"Fritvalg: {labels.percent(taken.points)} af den pensionsgivende løn udbetales som fritvalgstillæg i stedet "
        "for pension: skattepligtig løn, der ikke selv er pensionsgivende. Pensionen over "
        f"{labels.percent(taken.floor)} kan tages som løn ({floor}). OK26's forhøjede fritvalgsbidrag er ikke "
        "medregnet: dets procent er ikke offentliggjort."
    )


Said = Callable[[Breakdown, IndexSeries], str]
FOR_CANDIDATE: dict[str, Said] = {
    "after_last_regulation": after_last,
    **{f"{status}_factor": factor_status for status in MEANING},
    **{f"{status}_pension_rate": pension_status for status in MEANING},
    **{f"{status}_holiday_rate": holiday_status for status in MEANING},
    "afkoeb_counted_twice": afkoeb_counted_twice,
    "posting_difference_derived": difference_derived,
    "user_posting": user_posting,
    "fritvalg": fritvalg,
}


def breakdown_text(notice: Notice, breakdown: Breakdown, regulation: IndexSeries) -> str:
    """A warning or note of ``breakdown`` as the candidate reads it."""
    said = FOR_CANDIDATE.get(notice.code)
    return without_commands(notice.message) if said is None else said(breakdown, regulation)


def net_text(notice: Notice, net: NetPay) -> str:
    """A warning of a net-pay estimate as the candidate reads it."""
    if notice.code == "tax_year_missing" and net.asked_year is not None:
        return (
            f"Nettolønnen er et skøn efter skattereglerne for {net.year}: reglerne for {net.asked_year} er ikke med "
            "i beregningen og kan afvige (personfradrag, grænser, kommuneskat)."
        )
    return without_commands(notice.message)


_COMMAND = re.compile(r"\bchefloen |--\w")
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")


def without_commands(text: str) -> str:
    """``text`` without what it says to type: a parenthesis keeps its parts that name no command, and a sentence
    that still names one goes.

    >>> without_commands("Udbetales året efter (chefloen earnings viser hvornår). Tilføj den: chefloen index add.")
    'Udbetales året efter.'
    >>> without_commands("Pensionen over 15 % (kilde: OK21; et andet gulv med --fritvalg-gulv).")
    'Pensionen over 15 % (kilde: OK21).'
    """

    def kept(match: re.Match[str]) -> str:
        if not _COMMAND.search(match[1]):
            return match[0]
        parts = [part.strip() for part in match[1].split(";") if not _COMMAND.search(part)]
        return f" ({'; '.join(parts)})" if parts else ""

    sentences = _SENTENCE_END.split(_PARENTHESIS.sub(kept, text))
    return " ".join(sentence for sentence in sentences if not _COMMAND.search(sentence))
