"""Run the CLI as ``python -m chefloen``."""

from chefloen.cli import app

app(prog_name="chefloen")
