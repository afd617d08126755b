"""The `newsdesk` command line (entry point `newsdesk.cli:app`)."""

from newsdesk.cli.commands import app

__all__ = ["app"]
