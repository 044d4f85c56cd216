"""The floor for `chefloen quote --format json`: a Typer command with quote's options, the data inline,
the same arithmetic in Decimal, and a JSON document of the same shape on stdout."""

import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated

import typer

STEPS = {"49": "497000", "50": "532575", "51": "570591", "52": "611252", "53": "654928", "54": "701714"}
FACTOR, RATE = Decimal("1.169930"), Decimal("21.59")
app = typer.Typer()
Text = Annotated[str | None, typer.Option()]
Flag = Annotated[bool, typer.Option()]
Texts = Annotated[list[str] | None, typer.Option()]


def kroner(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal(1), ROUND_HALF_UP)


@app.command()
def quote(
    trin: Annotated[str, typer.Option("--trin", "-t")],
    date: Annotated[str | None, typer.Option("--date", "-d")] = None,
    kvalifikationsloen: Text = None,
    funktionsloen: Text = None,
    tillaeg: Texts = None,
    afkoeb: Text = None,
    afkoeb_pensionsgivende: Flag = False,
    engangsvederlag: Text = None,
    engangsvederlag_pensionsgivende: Flag = False,
    pension: Text = None,
    pensionsgruppe: Text = None,
    deltid: Text = None,
    assume: Texts = None,
    period_start: Text = None,
    net: Flag = False,
    kommune: Text = None,
    kirke: Flag = False,
    skatteaar: Text = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f")] = None,
    output: Annotated[str | None, typer.Option("--output", "-o")] = None,
    csv_dialect: Text = None,
) -> None:
    base = Decimal(STEPS[trin])
    annual = kroner(base * FACTOR)
    pension_amount = kroner(annual * RATE / 100)
    line = {"key": "basisloen", "label": f"Basisløn, trin {trin}", "base_amount": str(base), "annual": str(annual)}
    document = {
        "date": date,
        "lines": [line],
        "annual_pay": str(annual),
        "pension_rate": str(RATE),
        "pension": str(pension_amount),
        "total": str(annual + pension_amount),
        "warnings": [],
        "notes": [],
    }
    print(json.dumps(document, ensure_ascii=False, indent=2))


app()
