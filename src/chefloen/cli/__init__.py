"""The command line: the Typer app and its one error boundary (app), shared options, one module a command family."""
