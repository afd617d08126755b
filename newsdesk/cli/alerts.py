"""`newsdesk alerts run`: match every user's follows and saved searches, then deliver
new items by webhook and e-mail (run it from cron, or after `newsdesk poll`)."""

from __future__ import annotations

from typing import Optional

import typer

from newsdesk.cli.commands import app, opened_store
from newsdesk.cli.output import emit_json, err, warn

alerts_app = typer.Typer(help="Alerts: match and deliver.", no_args_is_help=True)
app.add_typer(alerts_app, name="alerts")


@alerts_app.command("run")
def run_alerts(
    ctx: typer.Context,
    base_url: Optional[str] = typer.Option(None, help="Public address of this newsdesk, for links in alerts."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Find new matches for every user and deliver them; failures are reported, not fatal."""
    from newsdesk.alerts.deliver import run_alerts as run

    config = ctx.obj.config
    with opened_store(config) as store:
        report = run(store, config, base_url)
    if as_json:
        emit_json({"users": report.users, "matched": report.matched, "webhooks": report.webhooks,
                   "emails": report.emails, "errors": report.errors})
    else:
        for error in report.errors:
            warn(error)
        err.print(f"alerts: {report}", markup=False, soft_wrap=True)
    if report.errors:
        raise typer.Exit(1)
