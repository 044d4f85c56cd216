"""The floor for `chefloen quote` as a table: the hello-world drawing a Rich table of the same shape."""

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def hello(trin: str = "51") -> None:
    table = Table(title=f"Trin {trin} pr. 1.11.2025")
    for heading in ("Komponent", "Grundbeløb", "Årligt", "Månedligt", "Pension"):
        table.add_column(heading, justify="left" if heading == "Komponent" else "right")
    table.add_row(f"Basisløn, trin {trin}", "570.591", "667.552 kr.", "55.629,33 kr.", "ja")
    table.add_section()
    table.add_row("Løn i alt", "", "667.552 kr.", "55.629,33 kr.", "")
    table.add_row("Pension 21,59 %", "", "144.124 kr.", "12.010,33 kr.", "")
    table.add_row("Løn og pension i alt", "", "811.676 kr.", "67.639,67 kr.", "")
    console = Console(width=80)
    console.print(table)
    console.print("Grundbeløb i 31.3.2018-niveau. Reguleringsfaktor 1,169930 pr. 1.11.2025 (kildebelagt).")


app()
