"""The floor for `chefloen quote --format json`: a Typer command with quote's options (their types, enums and
defaults), the data inline, the same arithmetic in Decimal, and a JSON document of the same shape on stdout.

It starts as chefloen's console entry does (chefloen.__main__): the collector off while it imports, what the
imports made frozen, then the collector on; so quote ÷ this floor measures only what chefloen does beyond it.
"""

import gc

STEPS = {"49": "482864", "50": "516572", "51": "570591", "52": "649262", "53": "712865", "54": "797658"}
FACTOR, RATE = "1.169930", "21.59"


def main() -> None:
    gc.disable()
    import json
    from decimal import ROUND_HALF_UP, Decimal
    from enum import StrEnum
    from pathlib import Path
    from typing import Annotated

    import typer

    class Format(StrEnum):
        table = "table"
        json = "json"
        csv = "csv"
        xlsx = "xlsx"

    class Dialect(StrEnum):
        plain = "plain"
        excel_da = "excel-da"

    app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_show_locals=False)
    Text = Annotated[str | None, typer.Option()]
    Flag = Annotated[bool, typer.Option()]
    Texts = Annotated[list[str] | None, typer.Option()]

    def kroner(amount: Decimal) -> Decimal:
        return amount.quantize(Decimal(1), ROUND_HALF_UP)

    @app.command()
    def quote(
        ctx: typer.Context,
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
        fritvalg: Text = None,
        fritvalg_gulv: Text = None,
        deltid: Text = None,
        assume: Texts = None,
        period_start: Text = None,
        net: Flag = False,
        kommune: Text = None,
        kirke: Flag = False,
        skatteaar: Text = None,
        fmt: Annotated[Format | None, typer.Option("--format", "-f", case_sensitive=False)] = None,
        output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
        csv_dialect: Annotated[Dialect, typer.Option(case_sensitive=False)] = Dialect.plain,
    ) -> None:
        base = Decimal(STEPS[trin])
        annual = kroner(base * Decimal(FACTOR))
        pension_amount = kroner(annual * Decimal(RATE) / 100)
        line = {"key": "basisloen", "label": f"Basisløn, trin {trin}", "base_amount": str(base), "annual": str(annual)}
        document = {
            "date": date,
            "lines": [line],
            "annual_pay": str(annual),
            "pension_rate": RATE,
            "pension": str(pension_amount),
            "total": str(annual + pension_amount),
            "warnings": [],
            "notes": [],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))

    gc.freeze()
    gc.enable()
    app(prog_name="chefloen")


if __name__ == "__main__":
    main()
