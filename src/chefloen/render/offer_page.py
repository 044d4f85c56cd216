"""What every offer sheet has: the style sheet (screen and print), the head, the offer's own line (its date,
the candidate, the start date) and the notes on the regulation factor and a posting's source."""

from __future__ import annotations

from html import escape

from chefloen import labels
from chefloen.breakdown import Breakdown
from chefloen.model import Posting
from chefloen.offers import Offer
from chefloen.render import offer_text

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
    source = " ".join(part for part in (posting.source.title, posting.source.url) if part)
    return f"<p class='note'>Opslaget: {escape(source)}.</p>"
