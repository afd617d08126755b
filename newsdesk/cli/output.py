"""What the command line prints: one-line errors on stderr, JSON lines on stdout, progress bars."""

from __future__ import annotations

import json
import logging
import sys
from contextlib import contextmanager
from typing import Any, Iterator, NoReturn, Optional

import typer
from rich.console import Console

err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"newsdesk: error: {message}", markup=False, soft_wrap=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    err.print(f"newsdesk: warning: {message}", markup=False, soft_wrap=True)


def emit_json(data: Any) -> None:
    """One JSON object per line on stdout (flushed: scripts read it as it comes)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


class OneLineFormatter(logging.Formatter):
    """Library warnings as one line each: the traceback only with --verbose."""

    def format(self, record: logging.LogRecord) -> str:
        message = " ".join(record.getMessage().split())
        if record.exc_info and record.exc_info[1] is not None:
            message += f" ({type(record.exc_info[1]).__name__}: {' '.join(str(record.exc_info[1]).split())})"
        return f"newsdesk: {record.levelname.lower()}: {message}"


def setup_logging(verbose: bool, format: str = "text", level: str = "") -> None:
    """Text (one line per message, tracebacks with --verbose) or JSON lines (`[log] format`)."""
    from newsdesk.logs import JsonFormatter, level_for

    handler = logging.StreamHandler(sys.stderr)
    if format == "json":
        handler.setFormatter(JsonFormatter())
    elif verbose:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    else:
        handler.setFormatter(OneLineFormatter())
    handler.set_name("newsdesk-cli")
    root = logging.getLogger()
    # replace only our own handler: an embedding process (tests) keeps its handlers
    root.handlers[:] = [h for h in root.handlers if h.get_name() != "newsdesk-cli"] + [handler]
    root.setLevel(level_for(format, level, verbose))


@contextmanager
def progress_bar(label: str) -> Iterator[Any]:
    """A rich progress bar on stderr (stdout stays clean for --json); yields the
    callback the pipeline reports to: progress(done, total or None, current item)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[item]}"), console=err, transient=False,
    ) as progress:
        task = progress.add_task(label, total=None, item="")

        def report(done: int, total: Optional[int] = None, item: str = "") -> None:
            progress.update(task, completed=done, total=total, item=item[-60:])

        yield report


def report_batch(report: Any, as_json: bool) -> None:
    """Print what an ingest/poll did; failures are one line each; exit 1 if any input failed."""
    if as_json:
        emit_json(report.to_json())
    else:
        for failure in report.failures:
            err.print(f"failed: {failure.error}", markup=False, soft_wrap=True)
        err.print(str(report), markup=False)
    if report.failed:
        raise typer.Exit(1)


def escape(text: str) -> str:
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def plain_snippet(snippet: str) -> str:
    import html
    import re

    return " ".join(html.unescape(re.sub(r"</?mark>", "", snippet or "")).split())
