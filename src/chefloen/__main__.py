"""Run the CLI as ``python -m chefloen``."""

from chefloen.cli.app import app

app(prog_name="chefloen")
