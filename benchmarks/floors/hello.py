"""The start-up floor: a minimal Typer hello-world."""

import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"Hello {name}")


app()
