"""The `newsdesk` commands.

Every command loads the config (`--config PATH`, ./newsdesk.toml, NEWSDESK_* env),
prints a one-line error naming the input when something fails, and exits non-zero.
Heavy imports (spaCy, the pipeline, the web app) happen inside the commands that
need them so `newsdesk --help` stays instant.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Optional

import typer
from rich.console import Console

from newsdesk.cli.offline import explain_files, extract_lines
from newsdesk.cli.output import emit_json, err, escape, fail, plain_snippet, progress_bar, report_batch, setup_logging, warn
from newsdesk.config import Config, load_config


class NewsdeskApp(typer.Typer):
    """Unexpected errors end as one line and exit code 1 (NEWSDESK_DEBUG=1 shows the traceback)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().__call__(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the last line of defence of a command line tool
            if os.environ.get("NEWSDESK_DEBUG"):
                raise
            message = " ".join(str(exc).split())
            err.print(f"newsdesk: error: {type(exc).__name__}: {message}", markup=False, soft_wrap=True)
            sys.exit(1)


app = NewsdeskApp(
    name="newsdesk",
    help="A self-hosted news desk: follow stories across outlets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

FORMATS = ("html", "text")


@dataclass
class State:
    config_path: Optional[Path]
    _config: Optional[Config] = None

    @property
    def config(self) -> Config:
        if self._config is None:
            try:
                self._config = load_config(self.config_path)
            except ValueError as exc:
                fail(str(exc), code=2)
        return self._config  # type: ignore[return-value]


def parse_published(value: Optional[str]) -> Optional[datetime]:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        fail(f"--published {value!r}: not an ISO date (e.g. 2025-05-11 or 2025-05-11T06:30:00+00:00)", code=2)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def check_format(value: Optional[str]) -> Optional[str]:
    if value is not None and value not in FORMATS:
        fail(f"--format {value!r}: choose one of {', '.join(FORMATS)}", code=2)
    return value


@contextmanager
def opened_store(config: Config) -> Iterator[Any]:
    from newsdesk.store import open_store, redact_url

    if config.db_url.startswith("sqlite:"):
        Path(config.data_dir).mkdir(parents=True, exist_ok=True)
    try:
        store = open_store(config)
        store.migrate()
    except Exception as exc:  # noqa: BLE001 - any driver error becomes one line
        message = str(exc) if redact_url(config.db_url) in str(exc) else f"{redact_url(config.db_url)}: {exc}"
        fail(f"cannot open the database: {message}")
    try:
        yield store
    finally:
        store.close()


@app.callback()
def main(
    ctx: typer.Context,
    config: Optional[Path] = typer.Option(None, "--config", help="TOML config file (default: ./newsdesk.toml)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log details and tracebacks."),
) -> None:
    ctx.obj = State(config_path=config)
    try:  # the log format comes from the config; a bad config is reported by the command itself
        log = load_config(config).log
        setup_logging(verbose, log.format, log.level)
    except ValueError:
        setup_logging(verbose)


@app.command()
def init(ctx: typer.Context) -> None:
    """Create the data folder and the database."""
    config = ctx.obj.config
    with opened_store(config):
        pass
    from newsdesk.store import redact_url

    err.print(f"database ready: {redact_url(config.db_url)}", markup=False)


@app.command("add-feed")
def add_feed(
    ctx: typer.Context,
    url: str = typer.Argument(..., help="Feed (RSS/Atom), sitemap or page URL."),
    kind: str = typer.Option("feed", help="feed, sitemap or page."),
    as_json: bool = typer.Option(False, "--json", help="Print the source as JSON."),
) -> None:
    """Follow a feed: `newsdesk poll` and `newsdesk run` fetch it when due."""
    from newsdesk.web.sanitize import safe_url

    if kind not in {"feed", "sitemap", "page"}:
        fail(f"--kind {kind!r}: choose feed, sitemap or page", code=2)
    if not safe_url(url):
        fail(f"{url}: not an http(s) URL", code=2)
    with opened_store(ctx.obj.config) as store:
        source = store.add_source(url, kind=kind)
    if as_json:
        emit_json({"id": source.id, "url": source.url, "kind": source.kind})
    else:
        err.print(f"following {source.url} (source {source.id})", markup=False)


@app.command()
def ingest(
    ctx: typer.Context,
    inputs: list[str] = typer.Argument(..., help="Files, folders, URLs, feeds, WARC or JSONL.", metavar="PATH|URL..."),
    fmt: Optional[str] = typer.Option(None, "--format", help="html or text: override detection."),
    published: Optional[str] = typer.Option(None, help="ISO date for pages that carry none."),
    outlet: Optional[str] = typer.Option(None, help="Outlet name for documents that carry none (local files)."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary (and one line per failure)."),
) -> None:
    """Fetch or read inputs, extract, enrich, cluster and store them."""
    from newsdesk import pipeline

    fmt, when = check_format(fmt), parse_published(published)
    outlet = " ".join((outlet or "").split())[:200] or None
    config = ctx.obj.config
    with opened_store(config) as store, progress_bar("ingest") as progress:
        result = pipeline.ingest(inputs, store, config, format=fmt, published=when, outlet=outlet, progress=progress)
    report_batch(result, as_json)


@app.command()
def poll(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print a JSON summary."),
) -> None:
    """Fetch every followed feed that is due, once, and store what is new."""
    from newsdesk import pipeline

    config = ctx.obj.config
    with opened_store(config) as store, progress_bar("poll") as progress:
        if not store.list_sources():
            warn("no feeds are followed yet: add one with `newsdesk add-feed URL`")
        result = pipeline.poll(store, config, progress=progress)
    report_batch(result, as_json)


@app.command()
def search(
    ctx: typer.Context,
    query: str = typer.Argument(..., help='Words to find; all must match; "quoted words" match as a phrase.'),
    limit: int = typer.Option(20, min=1, max=200),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per hit."),
) -> None:
    """Full-text search over stored articles."""
    from newsdesk.web import queries

    with opened_store(ctx.obj.config) as store:
        try:
            hits = queries.search(store, query, limit)
        except Exception as exc:  # noqa: BLE001 - a malformed FTS query is the user's input
            fail(f"search {query!r}: {exc}")
    if as_json:
        for hit in hits:
            emit_json(queries.hit_json(hit))
        return
    if not hits:
        err.print(f"no articles match {query!r}", markup=False)
        return
    out = Console(highlight=False)
    for hit in hits:
        out.print(f"[bold]{hit.article_id:>6}[/bold]  {escape(hit.title or '(untitled)')}"
                  f"  [dim]{escape(hit.outlet or '')}[/dim]")
        out.print(f"        {escape(plain_snippet(hit.snippet))}", style="dim")


@app.command()
def extract(
    ctx: typer.Context,
    inputs: list[str] = typer.Argument(..., help="Files or URLs of article pages.", metavar="PATH|URL..."),
    fmt: Optional[str] = typer.Option(None, "--format", help="html or text: override detection."),
    published: Optional[str] = typer.Option(None, help="ISO date used when the page has none."),
    as_json: bool = typer.Option(True, "--json/--no-json", help="One JSON object per line (default)."),
    explain: bool = typer.Option(False, "--explain", help="Flattened-text files: print each line's label and why."),
) -> None:
    """Extract and enrich articles without a database; print one JSON line per article, in input order.

    A failed input prints {"input": ..., "error": ...} on its line; the others go on, and the exit code is 1.
    """
    from newsdesk.sources import Fetcher

    if explain:
        explain_files(inputs)
        return
    fmt, when = check_format(fmt), parse_published(published)
    failed = False
    with Fetcher(ctx.obj.config.fetch) as fetcher:
        for line in extract_lines(inputs, fetcher, fmt, when):
            failed |= "error" in line
            if as_json:
                emit_json(line)
            else:
                print(line.get("error") or f"{line.get('title') or '(untitled)'}  [{line.get('outlet') or ''}]")
    if failed:
        raise typer.Exit(1)


@app.command()
def cluster(
    paths: list[Path] = typer.Argument(..., help="Article files or folders to group into stories.", metavar="PATH..."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON array of stories."),
) -> None:
    """Group articles into stories without a database.

    With --json prints one array [{"story", "title", "members", "outlets", "duplicates", "reasons"}];
    each document that failed is one line on stderr (exit code 1 then).
    """
    from newsdesk.stories import cluster_paths

    lines = cluster_paths(paths)
    stories = [line for line in lines if "error" not in line]
    for line in lines:
        if "error" in line:
            err.print(f"failed: {line['error']}", markup=False, soft_wrap=True)
    if as_json:
        sys.stdout.write(json.dumps(stories, ensure_ascii=False, default=str) + "\n")
        sys.stdout.flush()
    else:
        for story in stories:
            print(f"story {story['story']}: {story['title']}")
            for member in story["members"]:
                print(f"    {member}")
    if len(stories) < len(lines):
        raise typer.Exit(1)


@app.command()
def serve(
    ctx: typer.Context,
    host: Optional[str] = typer.Option(None, help="Address to listen on (default from config: 127.0.0.1)."),
    port: Optional[int] = typer.Option(None, min=1, max=65535, help="Port (default from config: 8000)."),
) -> None:
    """Serve the web pages and the JSON API."""
    config = ctx.obj.config
    with opened_store(config):
        pass  # create the database before the first request
    serve_app(config, host, port, ctx.obj.config_path)


@app.command()
def run(
    ctx: typer.Context,
    host: Optional[str] = typer.Option(None, help="Address to listen on (default from config: 127.0.0.1)."),
    port: Optional[int] = typer.Option(None, min=1, max=65535, help="Port (default from config: 8000)."),
) -> None:
    """Everything at once: ingest the configured paths, follow feeds, poll on a schedule, serve the web."""
    from newsdesk.scheduler import FeedScheduler

    config = ctx.obj.config
    paths = []
    for name in config.ingest_paths:
        path = Path(name)
        if path.exists():
            paths.append(path)
        else:
            warn(f"{name}: ingest path does not exist, skipped")
    with opened_store(config) as store:
        known = {s.url for s in store.list_sources()}
        for url in config.feeds:
            if url not in known:
                store.add_source(url, kind="feed")
    scheduler = FeedScheduler(
        config, ingest_paths=paths, on_error=warn,
        on_info=lambda message: err.print(f"newsdesk: {message}", markup=False, soft_wrap=True),
    )
    scheduler.start()
    try:
        serve_app(config, host, port, ctx.obj.config_path)
    finally:
        scheduler.stop()


def serve_app(config: Config, host: Optional[str], port: Optional[int], config_path: Optional[Path] = None) -> None:
    import uvicorn

    from newsdesk.accounts.tokens import app_secret
    from newsdesk.web.app import create_app
    from newsdesk.web.workers import share_with_workers, worker_count

    host = host or config.web.host
    port = port if port is not None else config.web.port
    workers = worker_count(config.web.workers)
    if workers > 1 and not share_with_workers(config, config_path):
        warn("web.workers: the config cannot be rebuilt from its file and environment, serving with one process")
        workers = 1
    err.print(f"newsdesk at http://{host}:{port}/  (API docs at /docs, {workers} process{'es' if workers > 1 else ''})",
              markup=False)
    # JSON logs: uvicorn keeps no handlers of its own, its records go through ours
    log_config = None if config.log.format == "json" else uvicorn.config.LOGGING_CONFIG
    options: dict[str, Any] = dict(host=host, port=port, log_level="info", proxy_headers=False, log_config=log_config,
                                   access_log=config.web.access_log)
    if workers == 1:
        uvicorn.run(create_app(config), **options)
        return
    app_secret(config.web.secret_key, config.data_dir)  # made once here, so the workers never race to create it
    # a worker importing the app on a busy machine can miss uvicorn's 5 s health ping and be killed
    uvicorn.run("newsdesk.web.app:app_from_env", factory=True, workers=workers, timeout_worker_healthcheck=60, **options)
