"""The offer sheet of two to four alternatives: one column each, the lines and totals a year, the pay and the net
a month, and each alternative's difference to the first; then what the figures rest on, said once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

from chefloen import labels
from chefloen.breakdown import Breakdown
from chefloen.offers import Offer
from chefloen.render import offer_text
from chefloen.render.offer_page import factor_note, head, offer_line, posting_note

# A cell's figure for an alternative, or None where the alternative has none.
Figure = Callable[[Breakdown], Decimal | None]
NONE = "–"


def common(values: Sequence[str]) -> str:
    """The one value all alternatives share, or "" when they differ."""
    return values[0] if len(set(values)) == 1 else ""


def describe(breakdown: Breakdown) -> str:
    """What an alternative is: its posting or trin, and its share of full time when not full time."""
    subject = breakdown.subject
    posting = subject.posting
    text = f"{posting.title}, trin {posting.trin_as_posted}" if posting else f"Trin {subject.step.step}"
    if breakdown.fraction != 1:
        text += f", deltid {labels.exact(breakdown.fraction, 2, 6)}"
    return text


def heading(position: int, breakdown: Breakdown, *, dated: bool) -> str:
    name = breakdown.subject.label or f"Alternativ {position + 1}"
    what = describe(breakdown) + (f", pr. {labels.date(breakdown.on)}" if dated else "")
    return f"<th class='num'>{escape(name)}<div class='rule'>{escape(what)}</div></th>"


def kr_or_none(value: Decimal | None) -> str:
    return NONE if value is None else labels.kr(value)


def low_or_high(low: Decimal | None, high: Decimal) -> Decimal:
    """The low end of a range; an alternative without a range has the one figure at both ends."""
    return high if low is None else low


def fritvalg_low(breakdown: Breakdown) -> Decimal:
    return low_or_high(breakdown.fritvalg_low, breakdown.fritvalg_annual)


def side_by_side(offer: Offer) -> str:
    """The whole page for two to four alternatives."""
    breakdowns = offer.breakdowns
    titles = [describe(b) for b in breakdowns]
    employers = [", ".join(p for p in (b.subject.posting.employer, b.subject.posting.location) if p)
                 if b.subject.posting else "" for b in breakdowns]  # fmt: skip
    dates = list(dict.fromkeys(labels.date(b.on) for b in breakdowns))
    title = common(titles) or "Chefstilling"
    parts = [
        *head(title),
        f'<p class="sub">{escape(common(employers) or "Aftale for chefer (regioner)")} · lønoverslag pr. '
        f"{', '.join(dates)} · {len(breakdowns)} alternativer</p>",
        offer_line(offer),
    ]
    postings = {b.subject.posting.id: b.subject.posting for b in breakdowns if b.subject.posting}
    parts += [f"<blockquote>{escape(p.wording)}</blockquote>" for p in postings.values()]
    dated = len(dates) > 1
    headings = "".join(heading(position, b, dated=dated) for position, b in enumerate(breakdowns))
    parts += [
        "<h2>Alternativerne side om side</h2>",
        f"<table class='offer'><thead><tr><th>Årligt</th>{headings}</tr></thead><tbody>",
        *rows(offer),
        "</tbody></table>",
    ]
    parts += [factor_note(b) for b in unique(breakdowns, key=lambda b: b.factor.entry)]
    parts += [posting_note(p) for p in postings.values()]
    parts += notes_and_warnings(offer)
    parts.append(f"<p class='note'>{offer_text.FOOTER}</p></body></html>")
    return "\n".join(parts)


def unique(breakdowns: Sequence[Breakdown], *, key: Callable[[Breakdown], object]) -> list[Breakdown]:
    """The first alternative of each distinct ``key``, in order."""
    seen: dict[object, Breakdown] = {}
    for breakdown in breakdowns:
        seen.setdefault(key(breakdown), breakdown)
    return list(seen.values())


def row(label: str, cells: Sequence[str], *, total: bool = False) -> str:
    css = " class='total'" if total else ""
    shown = "".join(f"<td class='num'>{cell}</td>" for cell in cells)
    return f"<tr{css}><td>{escape(label)}</td>{shown}</tr>"


def rows(offer: Offer) -> list[str]:
    """The lines in the order they first appear (as compare's table), then the totals, the differences and the
    month; a pension range adds its low end under each figure it changes."""
    breakdowns = offer.breakdowns
    first = breakdowns[0]
    ranged = any(b.pension_low is not None for b in breakdowns)
    fritvalg = any(b.fritvalg is not None for b in breakdowns)
    high = " (høj)" if ranged else ""
    out = []
    for label in dict.fromkeys(line.label for b in breakdowns for line in b.lines):
        cells = [kr_or_none(next((line.annual for line in b.lines if line.label == label), None)) for b in breakdowns]
        out.append(row(label, cells))

    def figures(label: str, figure: Figure, *, total: bool = False) -> None:
        out.append(row(label, [kr_or_none(figure(b)) for b in breakdowns], total=total))

    figures("Løn i alt", lambda b: b.annual_pay, total=True)
    if fritvalg:
        split = any(b.fritvalg_low is not None and b.fritvalg_low != b.fritvalg_annual for b in breakdowns)
        mark = " (høj)" if split else ""
        figures("Fritvalgstillæg" + mark, lambda b: b.fritvalg_annual if b.fritvalg else None)
        if split:
            figures("Fritvalgstillæg (lav)", lambda b: fritvalg_low(b) if b.fritvalg else None)
        figures(labels.TAXABLE_PAY + mark, lambda b: b.taxable_pay)
        if split:
            figures(labels.TAXABLE_PAY + " (lav)", lambda b: b.annual_pay + fritvalg_low(b))
    out.append(row("Pensionsprocent", [labels.percent(b.kept_rate) for b in breakdowns]))
    figures("Pension" + high, lambda b: b.pension)
    if ranged:
        figures("Pension (lav)", lambda b: low_or_high(b.pension_low, b.pension))
    figures("Løn og pension i alt" + high, lambda b: b.total, total=True)
    if ranged:
        figures("Løn og pension i alt (lav)", lambda b: low_or_high(b.total_low, b.total), total=True)
    holiday_split = any(b.holiday_low is not None for b in breakdowns)
    figures("Ferietillæg" + (" (høj)" if holiday_split else ""), lambda b: b.holiday)
    if holiday_split:
        figures("Ferietillæg (lav)", lambda b: low_or_high(b.holiday_low, b.holiday))
    figures(labels.TOTAL_COMPENSATION + high, lambda b: b.total_compensation, total=True)
    if ranged:
        figures(
            labels.TOTAL_COMPENSATION + " (lav)",
            lambda b: low_or_high(b.total_compensation_low, b.total_compensation),
            total=True,
        )
    differences = [signed(b.total_compensation - first.total_compensation) for b in breakdowns[1:]]
    out.append(row(f"Forskel i samlet aflønning{high}", ["", *differences]))
    nets = offer.nets
    if nets:
        out.append(row(labels.NET_ANNUAL_ROW, [labels.kr(net.net_annual) for net in nets], total=True))
        out.append(row(labels.NET_DIFF_ANNUAL, ["", *(signed(n.net_annual - nets[0].net_annual) for n in nets[1:])]))
    out.append(f"<tr class='group'><th colspan='{len(breakdowns) + 1}'>Pr. måned</th></tr>")
    pay = labels.TAXABLE_PAY if fritvalg else "Løn i alt"
    out.append(row(f"{pay} før skat", [labels.kr_ore(b.monthly_figure("taxable_pay")) for b in breakdowns]))
    if nets:
        out.append(row("Nettoløn pr. måned (skøn)", [labels.kr_ore(n.net_monthly) for n in nets], total=True))
        monthly = [signed(n.net_monthly - nets[0].net_monthly, ore=True) for n in nets[1:]]
        out.append(row(labels.NET_DIFF_MONTHLY, ["", *monthly]))
    return out


def signed(value: Decimal, *, ore: bool = False) -> str:
    """A difference with its sign: +12.345 kr., -1.234 kr., 0 kr."""
    shown = labels.kr_ore(value) if ore else labels.kr(value)
    return ("+" if value > 0 else "") + shown


def notes_and_warnings(offer: Offer) -> list[str]:
    """Every note and warning as the candidate reads it, each said once; one that holds for only some of the
    alternatives names them."""
    names = [b.subject.label or f"Alternativ {position + 1}" for position, b in enumerate(offer.breakdowns)]
    notes: dict[str, list[str]] = {}
    warnings: dict[str, list[str]] = {}
    for name, breakdown in zip(names, offer.breakdowns, strict=True):
        for note in breakdown.notes:
            notes.setdefault(offer_text.breakdown_text(note, breakdown, offer.regulation), []).append(name)
        for notice in breakdown.notices:
            warnings.setdefault(offer_text.breakdown_text(notice, breakdown, offer.regulation), []).append(name)
    for name, net in zip(names, offer.nets, strict=False):
        for notice in net.notices:
            warnings.setdefault(offer_text.net_text(notice, net), []).append(name)
    if offer.nets:
        net = offer.nets[0]
        church = "med kirkeskat" if net.church else "uden kirkeskat"
        years = ", ".join(dict.fromkeys(str(n.year) for n in offer.nets))
        text = f"Nettoløn: skøn for {net.kommune} {years}, {church}. {labels.NET_DISCLAIMER}"
        notes[text] = names
    return [f"<p class='note'>{escape(said(text, which, names))}</p>" for text, which in notes.items()] + [
        f"<div class='warn'>{escape(said(text, which, names))}</div>" for text, which in warnings.items()
    ]


def said(text: str, which: list[str], names: list[str]) -> str:
    """``text``, led by the alternatives it holds for when it does not hold for all."""
    shown = list(dict.fromkeys(which))
    if len(shown) == len(set(names)):
        return text
    return f"{', '.join(shown)}: {text}"
