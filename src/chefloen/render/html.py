"""A self-contained Danish offer sheet (one HTML page, no network resources, one printed A4 page) for one to four
alternatives."""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from html import escape

from chefloen import labels
from chefloen.breakdown import Breakdown
from chefloen.model import Posting
from chefloen.offers import Offer
from chefloen.plans import History
from chefloen.render import offer_text
from chefloen.tax import NetPay

# The screen layout, then the printed one: one A4 page, no table split across pages. A single alternative's sheet
# keeps the structure it has always had, so the print rules find its parts by their place in it.
STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 48rem;
       color: #1b1b1b; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 1.8rem; }
.sub { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .95rem; }
th, td { padding: .35rem .5rem; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; border-top: 2px solid #333; }
.rule { color: #666; font-size: .8rem; }
.warn { background: #fff6d6; border-left: 4px solid #e0a800; padding: .5rem .8rem; margin: .4rem 0; }
.note { color: #555; font-size: .85rem; }
blockquote { margin: .6rem 0; padding: .4rem .9rem; border-left: 4px solid #9bb; color: #334; }
svg text { font-family: inherit; font-size: 11px; fill: #333; }
tr.group th { padding-top: .8rem; border-bottom: 1px solid #999; }
th.num .rule { font-weight: normal; white-space: normal; }
table.offer td:first-child { white-space: nowrap; }
@page { size: A4; margin: 8mm 11mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 7.5pt; line-height: 1.25; }
  h1 { font-size: 13pt; margin: 0 0 1mm; } h2 { font-size: 9.5pt; margin: 2.5mm 0 1mm; break-after: avoid; }
  .sub { margin: 0 0 1mm; }
  table { font-size: 7.5pt; margin: 1mm 0; break-inside: avoid; }
  th, td { padding: .3mm 1.5mm; } tr.group th { padding-top: 1.5mm; }
  .rule { font-size: 6.5pt; } .note { font-size: 6.8pt; margin: .6mm 0; line-height: 1.2; }
  .warn { padding: .8mm 2mm; margin: 1mm 0; font-size: 7pt; break-inside: avoid; }
  blockquote { margin: 1.5mm 0; padding: 1mm 3mm; }
  h2 + table:has(thead) td:first-child { white-space: nowrap; }
  svg + table th.num { white-space: normal; } svg + table td, svg + table th { padding: 0 .8mm; }
  svg + table { font-size: 6pt; line-height: 1.1; margin: 0; }
  svg + table + p { clear: both; padding-top: 1mm; }
  /* A single alternative's pay since 2018: its chart beside its table; */
  svg { float: left; width: 42%; margin-right: 2%; } svg + table { float: right; width: 55%; }
  /* with a net-pay estimate (the one table of a tbody only), the estimate on the left and the pay since 2018,
     chart above table, on the right. */
  h2:has(+ table > tbody:only-child), h2 + table:has(> tbody:only-child),
  h2 + table:has(> tbody:only-child) + p.note, h2 + table:has(> tbody:only-child) + p.note ~ div.warn {
    float: left; clear: left; width: 47%; }
  body:has(h2 + table > tbody:only-child) h2:has(+ svg) { margin-left: 50%; }
  body:has(h2 + table > tbody:only-child) svg { float: none; display: block; width: 50%; margin: 0 0 1mm 50%; }
  body:has(h2 + table > tbody:only-child) svg + table { float: none; width: 50%; margin-left: 50%; }
}
"""


def sheet(offer: Offer) -> str:
    """The whole offer page as one HTML string: one alternative in detail, or two to four side by side."""
    if len(offer.breakdowns) > 1:
        from chefloen.render.offer_columns import side_by_side

        return side_by_side(offer)
    return single(offer)


def head(title: str) -> list[str]:
    return [
        "<!DOCTYPE html>",
        '<html lang="da"><head><meta charset="utf-8">',
        f"<title>Lønoverslag: {escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
    ]


def offer_line(offer: Offer) -> str:
    """The offer's own date, and the candidate and the start date when given."""
    fields = [f"Dato: {labels.date(offer.issued)}"]
    if offer.candidate:
        fields.append(f"Kandidat: {escape(offer.candidate)}")
    if offer.start is not None:
        fields.append(f"Tiltrædelse: {labels.date(offer.start)}")
    return f'<p class="sub">{" · ".join(fields)}</p>'


def factor_note(breakdown: Breakdown) -> str:
    factor = breakdown.factor.entry
    return (
        f"<p class='note'>Grundbeløb i 31.3.2018-niveau × reguleringsfaktor {labels.factor(factor.value)} "
        f"pr. {labels.date(factor.effective)} ({labels.STATUS[factor.status]}). Kilde: "
        f"{escape(offer_text.factor_source(factor))}.</p>"
    )


def posting_note(posting: Posting) -> str:
    return f"<p class='note'>Opslaget: {escape(posting.source.title)} {escape(posting.source.url)}.</p>"


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
