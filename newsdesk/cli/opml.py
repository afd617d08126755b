"""`newsdesk opml import FILE` / `newsdesk opml export [FILE]`: sources as OPML."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from newsdesk.cli.commands import app, opened_store
from newsdesk.cli.output import emit_json, err, fail, warn

opml_app = typer.Typer(help="Import and export followed feeds as OPML.", no_args_is_help=True)
app.add_typer(opml_app, name="opml")


@opml_app.command("import")
def import_opml(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="An OPML file (folders are flattened)."),
    as_json: bool = typer.Option(False, "--json", help="Print what was imported as JSON."),
) -> None:
    """Follow every feed listed in an OPML file (already followed ones are kept once)."""
    from newsdesk.sources.opml import MAX_OPML_BYTES, parse_opml

    try:
        with path.open("rb") as handle:
            content = handle.read(MAX_OPML_BYTES + 1)
    except OSError as exc:
        fail(f"{path}: cannot read: {exc.strerror or exc}", code=2)
    try:
        reading = parse_opml(content, str(path))
    except ValueError as exc:
        fail(str(exc), code=2)
    with opened_store(ctx.obj.config) as store:
        before = {s.url for s in store.list_sources()}
        for feed in reading.feeds:
            store.add_source(feed.url, kind="feed", title=feed.title)
    new = [f.url for f in reading.feeds if f.url not in before]
    for problem in reading.problems:
        warn(problem)
    if as_json:
        emit_json({"feeds": len(reading.feeds), "new": new, "problems": reading.problems})
    else:
        err.print(f"{path}: {len(reading.feeds)} feeds, {len(new)} new", markup=False, soft_wrap=True)


@opml_app.command("export")
def export_opml(
    ctx: typer.Context,
    path: Optional[Path] = typer.Argument(None, help="Write here (default: standard output)."),
) -> None:
    """Write every followed feed as OPML 2.0."""
    from newsdesk.sources.opml import OpmlFeed, write_opml

    with opened_store(ctx.obj.config) as store:
        feeds = [OpmlFeed(s.url, s.title) for s in store.list_sources() if s.kind == "feed"]
    data = write_opml(feeds)
    if path is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)  # all or nothing: a failed write leaves any old file whole
    except OSError as exc:
        fail(f"{path}: cannot write: {exc.strerror or exc}")
    err.print(f"{path}: {len(feeds)} feeds", markup=False, soft_wrap=True)
