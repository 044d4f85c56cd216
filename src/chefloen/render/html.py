"""A self-contained Danish offer sheet (one HTML page, no network resources, one printed A4 page) for one to four
alternatives: one in detail here, several side by side in chefloen.render.offer_columns."""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from html import escape

from chefloen import labels
from chefloen.offers import Offer
from chefloen.plans import History
from chefloen.render import offer_text
from chefloen.render.offer_columns import side_by_side
from chefloen.render.offer_page import factor_note, head, offer_line, posting_note
from chefloen.tax import NetPay


def sheet(offer: Offer) -> str:
    """The whole offer page as one HTML string: one alternative in detail, or two to four side by side."""
    if len(offer.breakdowns) > 1:
        return side_by_side(offer)
    return single(offer)


def single(offer: Offer) -> str:
    """One alternative: every line with its rule, the totals, the notes, the net pay and the pay since 2018."""
    breakdown = offer.breakdowns[0]
    subject = breakdown.subject
    posting = subject.posting
    title = f"{posting.title}, trin {posting.trin_as_posted}" if posting else f"Chefstilling, trin {subject.step.step}"
    where = ", ".join(part for part in (posting.employer, posting.location) if part) if posting else ""
    employer = where or "Aftale for chefer (regioner)"
    parts = [
        *head(title),
        f'<p class="sub">{escape(employer)} · lønoverslag pr. {labels.date(breakdown.on)}'
        + (f" · {escape(subject.label)}" if subject.label else "")
        + "</p>",
        offer_line(offer),
    ]
    if posting:
        parts.append(f"<blockquote>{escape(posting.wording)}</blockquote>")
    parts += [
        "<h2>Løn og pension</h2>",
        "<table><thead><tr><th>Komponent</th><th class='num'>Grundbeløb</th>"
        "<th class='num'>Årligt</th><th class='num'>Månedligt</th><th>Pension</th></tr></thead><tbody>",
    ]
    for line in breakdown.lines:
        base = "" if line.base_amount is None else labels.number(line.base_amount, 2 if line.base_amount % 1 else 0)
        parts.append(
            f"<tr><td>{escape(line.label)}<div class='rule'>{escape(line.rule)}</div></td>"
            f"<td class='num'>{base}</td><td class='num'>{labels.kr(line.annual)}</td>"
            f"<td class='num'>{labels.kr_ore(line.monthly)}</td><td>{'ja' if line.pensionable else 'nej'}</td></tr>"
        )
    kept = labels.percent(breakdown.kept_rate)
    totals = [
        ("annual_pay", "Løn i alt", breakdown.annual_pay),
        ("pension", f"Pension {kept} af {labels.kr(breakdown.pensionable_pay)}", breakdown.pension),
        ("total", "Løn og pension i alt", breakdown.total),
    ]
    if breakdown.pension_low is not None and breakdown.total_low is not None:
        totals = [
            totals[0],
            (
                "pension",
                f"Pension {kept} af {labels.kr(breakdown.pensionable_pay)} ({labels.PENSION_HIGH})",
                breakdown.pension,
            ),
            ("pension_low", f"Pension {kept} ({labels.PENSION_LOW})", breakdown.pension_low),
            ("total", f"Løn og pension i alt ({labels.PENSION_HIGH})", breakdown.total),
            ("total_low", f"Løn og pension i alt ({labels.PENSION_LOW})", breakdown.total_low),
        ]
    fritvalg = breakdown.fritvalg_totals(f" ({labels.PENSION_HIGH})")
    totals = [totals[0], *fritvalg, *totals[1:], *breakdown.extra_totals(f" ({labels.PENSION_HIGH})")]
    for key, label, value in totals:
        css = "total" if key.startswith(("annual", "total")) else ""
        parts.append(
            f"<tr class='{css}'><td>{escape(label)}</td><td></td><td class='num'>{labels.kr(value)}</td>"
            f"<td class='num'>{labels.kr_ore(breakdown.monthly_figure(key))}</td><td></td></tr>"
        )
    parts.append("</tbody></table>")
    parts.append(factor_note(breakdown))
    if posting:
        parts.append(posting_note(posting))
    said = partial(offer_text.breakdown_text, breakdown=breakdown, regulation=offer.regulation)
    parts += [f"<p class='note'>{escape(said(note))}</p>" for note in breakdown.notes]
    parts += [f"<div class='warn'>{escape(said(notice))}</div>" for notice in breakdown.notices]
    if offer.nets:
        parts += net_section(offer.nets[0])
    if offer.history is not None:
        parts += ["<h2>Løn ved hver regulering siden 2018</h2>", chart(offer.history)]
    parts.append(f"<p class='note'>{offer_text.FOOTER}</p></body></html>")
    return "\n".join(parts)


def net_section(net: NetPay) -> list[str]:
    church = "med kirkeskat" if net.church else "uden kirkeskat"
    rows = "".join(
        f"<tr><td>{labels.tax_label(line.key)}</td><td class='num'>{labels.kr(line.amount)}</td></tr>"
        for line in net.lines
    )
    return [
        f"<h2>Nettoløn (skøn) {net.year}, {escape(net.kommune)} {church}</h2>",
        f"<table><tbody>{rows}<tr class='total'><td>Nettoløn pr. år</td><td class='num'>{labels.kr(net.net_annual)}"
        f"</td></tr><tr><td>Nettoløn pr. måned</td><td class='num'>{labels.kr_ore(net.net_monthly)}</td></tr>"
        "</tbody></table>",
        f"<p class='note'>Marginalskat {labels.percent(net.marginal_rate)}, gennemsnitsskat "
        f"{labels.percent(net.effective_rate)}. {escape(labels.NET_DISCLAIMER)}</p>",
        *(f"<div class='warn'>{escape(offer_text.net_text(notice, net))}</div>" for notice in net.notices),
    ]


COLOURS = {"sourced": "#2f6f9f", "inferred": "#6f9fc8", "expected": "#c8a24a", "user": "#6a9f5a", "assumed": "#c8674a"}


def chart(history: History) -> str:
    """An inline SVG bar chart of annual pay at every regulation date, coloured by the factor's status."""
    width, height, left, bottom = 720, 260, 70, 40
    points = history.breakdowns
    ranged = any(b.total_low is not None for b in points)
    top = max(b.annual_pay for b in points)
    scale = top or Decimal(1)  # a pay that rounds to 0 kr. (a tiny deltid) draws no bars
    slot = (width - left - 10) / len(points)
    bars = []
    for position, breakdown in enumerate(points):
        factor = breakdown.factor.entry
        bar_height = float(breakdown.annual_pay / scale) * (height - bottom - 20)
        x = left + position * slot + 2
        y = height - bottom - bar_height
        tip = f"{labels.date(breakdown.on)}: {labels.kr(breakdown.annual_pay)} ({labels.STATUS[factor.status]})"
        bars.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot - 4:.1f}" height="{bar_height:.1f}" '
            f'fill="{COLOURS[factor.status]}"><title>{escape(tip)}</title></rect>'
            f'<text x="{x + (slot - 4) / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
            f'transform="rotate(-45 {x + (slot - 4) / 2:.1f} {height - bottom + 14})">'
            f"{breakdown.on.strftime('%m.%y')}</text>"
        )
    legend = " ".join(f'<tspan fill="{colour}">■</tspan> {labels.STATUS[status]}' for status, colour in COLOURS.items())
    return (
        f'<svg role="img" aria-label="Årsløn ved hver regulering" viewBox="0 0 {width} {height + 20}" '
        f'xmlns="http://www.w3.org/2000/svg" width="100%">'
        f'<text x="0" y="14">{labels.kr(top)}</text><text x="0" y="{height - bottom}">0 kr.</text>'
        + "".join(bars)
        + f'<text x="{left}" y="{height + 14}">{legend}</text></svg>'
        + "<table><thead><tr><th>Fra</th><th class='num'>Faktor</th><th>Status</th><th class='num'>Årsløn</th>"
        + (
            "<th class='num'>I alt med pension (høj)</th><th class='num'>I alt med pension (lav)</th>"
            if ranged
            else "<th class='num'>I alt med pension</th>"
        )
        + "</tr></thead><tbody>"
        + "".join(
            f"<tr><td>{labels.date(b.on)}</td><td class='num'>{labels.factor(b.factor.entry.value)}</td>"
            f"<td>{labels.STATUS[b.factor.entry.status]}</td><td class='num'>{labels.kr(b.annual_pay)}</td>"
            f"<td class='num'>{labels.kr(b.total)}</td>"
            + (f"<td class='num'>{labels.kr(b.total_low)}</td>" if ranged and b.total_low is not None else "")
            + "</tr>"
            for b in points
        )
        + "</tbody></table>"
    )
