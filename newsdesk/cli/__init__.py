"""The `newsdesk` command line (entry point `newsdesk.cli:app`)."""

from newsdesk.cli import alerts, opml, users  # noqa: F401 - they add their sub-commands to `app`
from newsdesk.cli.commands import app

__all__ = ["app"]
