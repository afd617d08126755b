"""`newsdesk backfill`: web archives and folders of pages through a Dask cluster or a process pool."""

from __future__ import annotations

from typing import Optional

import typer

from newsdesk.cli.commands import app, opened_store
from newsdesk.cli.output import fail, progress_bar, report_batch


@app.command()
def backfill(
    ctx: typer.Context,
    inputs: list[str] = typer.Argument(..., help="WARC/WARC.gz files, folders of pages, or globs of them.",
                                       metavar="PATH_OR_GLOB..."),
    engine: str = typer.Option("dask", help="dask (a cluster) or local (a process pool on this machine)."),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address (default: a LocalCluster here)."),
    workers: Optional[int] = typer.Option(None, min=1, help="Worker processes (default: one per core, at most 4)."),
    batch_size: Optional[int] = typer.Option(None, "--batch-size", min=1, help="Documents per worker task."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary (and one line per failure)."),
) -> None:
    """Extract and enrich archives on many workers, store them here, then assign stories in date order.

    Resumable: documents already stored are skipped, so a stopped backfill is simply run again."""
    from newsdesk.pipeline.backfill import backfill as run_backfill, expand_inputs
    from newsdesk.pipeline.engines import ENGINES

    if engine not in ENGINES:
        fail(f"--engine {engine!r}: choose one of {', '.join(ENGINES)}", code=2)
    if scheduler and engine != "dask":
        fail("--scheduler needs --engine dask", code=2)
    try:
        expand_inputs(inputs)
    except ValueError as exc:
        fail(str(exc), code=2)
    config = ctx.obj.config
    with opened_store(config) as store, progress_bar("backfill") as progress:
        result = run_backfill(
            inputs, store, config, engine=engine, workers=workers, scheduler=scheduler,
            batch_size=batch_size or config.pipeline.batch_size, progress=progress,
        )
    report_batch(result, as_json)
