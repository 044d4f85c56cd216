"""A batch prices its rows the spared way (each distinct field text read once, each shape compiled once); a quote
prices its one scenario the plain way. Generated files, good rows and hostile ones mixed, must give the same
output by both, in every column: figures, status, warnings (codes and messages) and errors word for word."""

from __future__ import annotations

import csv
import random
from decimal import Decimal
from pathlib import Path

import pytest

from chefloen import batch_input
from chefloen.batch_rows import BatchRow, Row, failure, results
from chefloen.breakdown import Line
from chefloen.calc import compute
from chefloen.columns import KNOWN, RESULT_COLUMNS
from chefloen.errors import ChefloenError, InputError
from chefloen.loading.scales import load_scales
from chefloen.model import Scales
from chefloen.money import monthly
from chefloen.plain import Data
from chefloen.scenario_text import scenario_from_row
from tests.helpers import TRIED

# Values each column may take: good ones first (GOOD of them), then every hostile shape the parsers know.
VALUES = {
    "label": ["", "Scenarie", "  mellemrum  ", "=cmd()", "\x1b[31mrød", "Ærø ø å"],
    "trin": ["", "", "51", "49", "55+", " 53 ", "99", "fem"],
    "loenramme": ["", "", "", "", "37", "lønramme 39", "LR 42", "99", "36,5"],
    "posting": ["", "", "", "kontorchef-sundhed-praksis", "direktoer-regionssekretariatet", "ukendt"],
    "date": ["2025-11-01", "1.4.2026", "01-10-2019", "2030-06-01", "", "1.1.1990", "31.2.2025", "i går"],
    "kvalifikationsloen": ["", "", "50.000", "25000,50", "0", "-5", "abc", "50,000", "40.000 kr.", "9" * 40],
    "funktionsloen": ["", "", "10000", "0,01", "x"],
    "tillaeg": ["", "", "Ledelse=20000", "A=1|B=2.000", "A=1|a=2", "uden lighedstegn", "=5"],
    "afkoeb": ["", "", "10%", "5t", "7,5 t", "20000", "37t", "100%", "-1", "0%", "t"],
    "afkoeb_pensionsgivende": ["", "", "ja", "nej", "måske"],
    "engangsvederlag": ["", "", "30000", "0,5", "-1", "1.000.000.001"],
    "engangsvederlag_pensionsgivende": ["", "ja", "1", "kanske"],
    "pension": ["", "", "", "21,59", "0", "99,99", "100", "x"],
    "pensionsgruppe": ["", "", "", "chef", "regionsdirektoer", "ingen"],
    "deltid": ["", "", "", "0.8", "30t", "0", "1.5", "37t", "40t", "½"],
    "fritvalg": ["", "", "max", "3,5", "6.59 %", "0", "6,6", "-1", "alle", "max%"],
    "fritvalg_gulv": ["", "", "", "16", "21,59", "15 %", "100", "x"],
}
GOOD = {"label": 6, "trin": 6, "loenramme": 6, "posting": 5, "date": 4, "kvalifikationsloen": 5, "funktionsloen": 4,
        "tillaeg": 4, "afkoeb": 8, "afkoeb_pensionsgivende": 4, "engangsvederlag": 4,
        "engangsvederlag_pensionsgivende": 3, "pension": 6, "pensionsgruppe": 5, "deltid": 6, "fritvalg": 6,
        "fritvalg_gulv": 6}  # fmt: skip


SEEDS = range(6)


def columns_of(seed: int) -> list[str]:
    """The columns of generated file ``seed``: a subject and a date, six others, and a lønramme in every other."""
    chooser = random.Random(seed)
    subjects = ["trin", "posting", "date", *(["loenramme"] if seed % 2 else [])]
    return [*subjects, *chooser.sample(sorted(set(VALUES) - {"trin", "posting", "date", "loenramme"}), k=6)]


def generate(path: Path, rows: int, seed: int, columns: list[str], header: list[str] | None = None) -> None:
    """``rows`` generated rows of ``columns``, under ``header`` (another spelling of the columns) if given."""
    chooser = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header or columns)
        for _ in range(rows):
            hostile = chooser.random() < 0.3  # then any field may be bad; a subject may still be missing
            writer.writerow([chooser.choice(VALUES[c] if hostile else VALUES[c][: GOOD[c]]) for c in columns])


def quoted(number: int, row: Row | InputError, scales: Scales) -> BatchRow:
    """A row priced as a quote is, by its own: scenario_from_row and compute, no readings or shapes kept; each
    result column filled by its name, from the breakdown's lines and the row as it was given."""
    try:
        if isinstance(row, InputError):
            raise row
        breakdown = compute(scenario_from_row(row, None, scales), scales)
    except ChefloenError as exc:
        return BatchRow(number, failure(number, None if isinstance(row, InputError) else row, str(exc)), str(exc))
    subject, low = breakdown.subject, breakdown.pension_low
    posting = subject.posting
    lines: dict[str, list[Line]] = {}
    for line in breakdown.lines:
        lines.setdefault(line.key, []).append(line)

    def base(key: str) -> Decimal | None:
        return lines[key][0].base_amount if key in lines else None

    def annual(key: str) -> Decimal | None:
        return sum((line.annual for line in lines[key]), Decimal(0)) if key in lines else None

    supplements = lines.get("tillaeg", [])
    values = {
        "row": number, "label": subject.label, "date": breakdown.on, "trin": subject.step.step,
        "trin_as_posted": posting.trin_as_posted if posting else None, "posting": posting.id if posting else None,
        **{name: row.get(name) for name in VALUES if name not in ("label", "trin", "posting", "date", "pension")},
        "trin_given": row.get("trin"), "pension_percent": row.get("pension"),
        "kvalifikationsloen_grundbeloeb": base("kvalifikationsloen"),
        "funktionsloen_grundbeloeb": base("funktionsloen"),
        "tillaeg_grundbeloeb": "|".join(f"{line.label.removeprefix('Tillæg: ')}={line.base_amount:f}"
                                        for line in supplements) or None,
        "afkoeb_grundbeloeb": base("afkoeb"),
        **{f"{key}_annual": annual(key) for key in ("basisloen", "opslagstillaeg", "kvalifikationsloen",
                                                     "funktionsloen", "tillaeg", "afkoeb", "engangsvederlag")},
        "tillaeg_names": "|".join(line.label.removeprefix("Tillæg: ") for line in supplements) or None,
        "fritvalgstillaeg": None if breakdown.fritvalg is None else breakdown.fritvalg.annual,
        "annual_pay": breakdown.annual_pay, "monthly_pay": monthly(breakdown.annual_pay), "pension": breakdown.pension,
        "total": breakdown.total, "pension_low": low, "total_low": breakdown.total_low,
        "holiday_pay": breakdown.holiday, "total_compensation": breakdown.total_compensation,
        "factor_status": breakdown.factor.entry.status,
        "warnings": " ".join(notice.code for notice in breakdown.notices), "error": None,
    }  # fmt: skip
    assert set(values) == set(RESULT_COLUMNS)
    return BatchRow(number, [values[name] for name in RESULT_COLUMNS], None, breakdown.notices)


def output(row: BatchRow) -> Data:
    """Every column of a row, its warnings as codes and messages: what ``--format json`` writes of it."""
    return row.to_data()


@pytest.mark.parametrize("seed", SEEDS)
def test_a_batch_gives_what_quoting_each_row_gives(tmp_path: Path, seed: int) -> None:
    path = tmp_path / "rows.csv"
    generate(path, 400, seed, columns_of(seed))
    scales = load_scales()
    with batch_input.open_rows(path) as opened:
        batch = list(results(opened.rows, scales))
    with batch_input.open_rows(path) as opened:
        quotes = [quoted(number, row, scales) for number, row in opened.rows]
    assert len(batch) == len(quotes) == 400
    for spared, plain in zip(batch, quotes, strict=True):
        assert output(spared) == output(plain), spared.number
    computed = sum(row.error is None for row in batch)
    assert 40 < computed < 360, computed  # both kinds are well represented
    TRIED["batch rows by both paths"] = TRIED.get("batch rows by both paths", 0) + len(batch)


def test_the_paths_compare_every_column() -> None:
    # to_data() carries every result column, so the comparison above cannot skip one; and the generated files
    # between them give every column a row may have.
    row = quoted(2, {"trin": "51", "date": "2025-11-01"}, load_scales())
    assert list(output(row)) == list(RESULT_COLUMNS)
    assert {column for seed in SEEDS for column in columns_of(seed)} == set(VALUES) == KNOWN


def test_rows_that_repeat_give_their_own_number_and_label(tmp_path: Path) -> None:
    # Pricing gives a row whose fields but its label came before the result they gave: with its own number and
    # label, and the same as quoting it, on a file where every row repeats one of a few.
    chooser = random.Random(11)
    path = tmp_path / "repeats.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["label", "trin", "date", "kvalifikationsloen", "afkoeb"])
        for number in range(300):
            writer.writerow([chooser.choice(["", f"  r{number} ", "Ærø"]), chooser.choice(["51", "53"]), "2025-11-01",
                             chooser.choice(["", "25000"]), chooser.choice(["", "10%", "fem"])])  # fmt: skip
    scales = load_scales()
    with batch_input.open_rows(path) as opened:
        batch = list(results(opened.rows, scales))
    with batch_input.open_rows(path) as opened:
        quotes = [quoted(number, row, scales) for number, row in opened.rows]
    assert [output(row) for row in batch] == [output(row) for row in quotes]
    assert len({row.values[1] for row in batch}) > 50  # the labels differ where the figures repeat
