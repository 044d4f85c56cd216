"""Every amount notation, of any length, in every option and batch column that takes an amount: a result or one
error line, never a traceback (Babel's strict check raised decimal.InvalidOperation past 28 digits with a mark)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from chefloen.batch_rows import INTERNAL_ERROR
from chefloen.cli.app import app
from tests.helpers import TRIED


def grouped(digits: str, mark: str) -> str:
    """``digits`` in groups of three from the right, ``mark`` between them."""
    head = len(digits) % 3 or 3
    return mark.join([digits[:head], *(digits[at : at + 3] for at in range(head, len(digits), 3))])


def long_forms(count: int) -> list[str]:
    """``count`` significant digits with marks, in each notation: 28 fit Decimal's context, 29 do not."""
    digits = "9" * count
    danish, international = grouped(digits, "."), grouped(digits, ",")
    whole = grouped(digits[:-2], ".")
    return [
        digits,
        danish,
        f"{whole},{digits[-2:]}",
        f"{grouped(digits[:-1], '.')},{digits[-1]}",
        f"{digits[:-2]},{digits[-2:]}",
        international,
        f"{grouped(digits[:-2], ',')}.{digits[-2:]}",
        f"0,{digits}",
        f"0.{digits}",
        f"{danish} kr.",
        f"kr. {whole},-",
        f"{whole}@2000",
        f"{danish.replace('.', chr(0xA0))}",
    ]


WRITTEN = [
    *("50000", "0", "007", "1000000000", "1000000001", "50.000", "1.072.226", "50000,50", "50.000,50", "50,000.50"),
    *("1234.56", "1,234", "50,000", "1.234,5678", "0,5", ",5", "5,", "1.234,", "0.000,5", "1.2345,6"),
    *("\u0661\u0662\u0663", "\u0661.\u0662\u0663\u0664"),  # Arabic-Indic digits: 123, 1.234
    *("50 000", "50\xa0000", "50\u202f000", " 50.000 ", "", " ", ".", ",", ".,", "1e9", "NaN", "∞", "½"),
]
UNITS = ["{} kr.", "kr. {}", "{},-", "{} t.kr.", "{} DKK", "DKK {}", "{}@2000", "{} (2000-niveau)", "{} kr. kr."]
SIGNS = ["+{}", "-{}", "\u2212{}", "- {}"]
NOTATIONS = [
    *WRITTEN,
    *(unit.format(number) for unit in UNITS for number in ("40.000", "40.000,50", "1.000.000.001")),
    *(sign.format(number) for sign in SIGNS for number in ("50000", "1.000,5")),
    *(form for count in (27, 28, 29, 40) for form in long_forms(count)),
]

# Every option that takes an amount, as the command that reads it; TEXT stands for the notation.
OPTIONS = {
    "--kvalifikationsloen": ["quote", "-t", "51", "--kvalifikationsloen", "TEXT"],
    "--funktionsloen": ["quote", "-t", "51", "--funktionsloen", "TEXT"],
    "--tillaeg": ["quote", "-t", "51", "--tillaeg", "Tillæg=TEXT"],
    "--afkoeb": ["quote", "-t", "51", "--afkoeb", "TEXT"],
    "--engangsvederlag": ["quote", "-t", "51", "--engangsvederlag", "TEXT"],
    "scenarios --kvalifikationsloen": ["scenarios", "-t", "51", "--kvalifikationsloen", "TEXT"],
    "convert": ["convert", "TEXT"],
    "convert --to grundbeloeb": ["convert", "TEXT", "--to", "grundbeloeb"],
    "net --gross": ["net", "--gross", "TEXT", "--kommune", "Viborg"],
    "solve --target-pay": ["solve", "-t", "51", "--target-pay", "TEXT"],
    "solve --target-total": ["solve", "-t", "51", "--target-total", "TEXT"],
    "solve --target-net": ["solve", "-t", "51", "--target-net", "TEXT", "--kommune", "Aarhus"],
}
COLUMNS = {
    "kvalifikationsloen": "{}",
    "funktionsloen": "{}",
    "tillaeg": "Tillæg={}",
    "afkoeb": "{}",
    "engangsvederlag": "{}",
}


@pytest.mark.parametrize("notation", NOTATIONS, ids=ascii)
@pytest.mark.parametrize("option", OPTIONS)
def test_every_notation_in_every_amount_option_is_a_result_or_one_line(option: str, notation: str) -> None:
    TRIED["amount notations"] = TRIED.get("amount notations", 0) + 1
    args = [part.replace("TEXT", notation) for part in OPTIONS[option]]
    result: Result = CliRunner().invoke(app, [*args, "-d", "2025-11-01", "-f", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), result.stderr
    if result.exit_code:
        assert (result.stdout, result.stderr.count("\n")) == ("", 1), result.stderr
        assert result.stderr.startswith("Error: ")


@pytest.mark.parametrize("kind", ["csv", "jsonl"])
@pytest.mark.parametrize("column", COLUMNS)
def test_every_notation_in_every_amount_column_is_a_result_or_its_rows_error(
    tmp_path: Path, column: str, kind: str
) -> None:
    rows = [{"trin": "51", "date": "2025-11-01", column: COLUMNS[column].format(text)} for text in NOTATIONS]
    TRIED["amount notations"] = TRIED.get("amount notations", 0) + len(rows)
    path = tmp_path / f"rader.{kind}"
    if kind == "csv":
        text = io.StringIO()
        writer = csv.DictWriter(text, ["trin", "date", column])
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(text.getvalue(), encoding="utf-8")
    else:
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(path), "-f", "jsonl"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1), result.stderr
    written = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(written) == len(rows)
    for row in written:
        assert row["error"] is None or not row["error"].startswith(INTERNAL_ERROR), row
    others = [line for line in result.stderr.splitlines() if not line.startswith(("row ", "Error: batch: "))]
    assert others == []


def test_a_date_in_digits_of_another_script_reads_as_the_same_date_either_way() -> None:
    # As amounts do (Python reads every script's digits): the ISO form and the Danish one alike.
    from chefloen.parsing import parse_date

    arabic = str.maketrans("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669")
    for text in ("2025-11-01", "1.11.2025", "01-11-2025"):
        assert parse_date(text.translate(arabic)) == parse_date(text)
