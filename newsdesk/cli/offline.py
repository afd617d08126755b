"""`newsdesk extract`: extract + enrich without a database, one JSON line per article, in input order."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterator, Optional

EXTRACT_CHUNK = 16  # inputs whose articles are enriched together (spaCy batches)


def extract_lines(
    inputs: list[str], fetcher: Any, fmt: Optional[str], published: Optional[datetime]
) -> Iterator[dict[str, Any]]:
    """The JSON line(s) of every input, in input order: articles, or {"input", "error"}."""
    for start in range(0, len(inputs), EXTRACT_CHUNK):
        chunk = inputs[start:start + EXTRACT_CHUNK]
        yield from enrich_slots([slot for item in chunk for slot in extract_input(item, fetcher, fmt, published)])


def extract_input(item: str, fetcher: Any, fmt: Optional[str], published: Optional[datetime]) -> list[Any]:
    """Articles (not yet enriched) or error lines for one input; a folder or a feed gives several."""
    from newsdesk.extract import ExtractError, extract
    from newsdesk.models import Failure
    from newsdesk.sources import read_inputs

    slots: list[Any] = []
    try:
        for doc in read_inputs([item], fetcher, fmt):
            if isinstance(doc, Failure):
                slots.append({"input": item, "error": doc.error})
                continue
            try:
                slots.append(extract(doc, format=fmt, published=published))
            except ExtractError as exc:
                slots.append({"input": item, "error": str(exc)})
            except Exception as exc:  # noqa: BLE001 - an extractor bug on one page never stops the rest
                slots.append({"input": item, "error": f"{doc.uri}: {type(exc).__name__}: {one_line(exc)}"})
    except Exception as exc:  # noqa: BLE001 - one bad input never stops the others
        slots.append({"input": item, "error": f"{item}: {type(exc).__name__}: {one_line(exc)}"})
    return slots or [{"input": item, "error": f"{item}: no article found"}]


def enrich_slots(slots: list[Any]) -> Iterator[dict[str, Any]]:
    """Enrich the articles among the slots in one batch; error lines pass through in place."""
    from newsdesk.enrich import enrich_many
    from newsdesk.models import Article

    enriched = iter(enrich_many([s for s in slots if isinstance(s, Article)]))
    for slot in slots:
        yield next(enriched).to_json() if isinstance(slot, Article) else slot


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def explain_files(inputs: list[str]) -> None:
    """`extract --explain`: every line of each local text file, tab-separated: label, reason, line."""
    from pathlib import Path

    from newsdesk.cli.output import fail
    from newsdesk.extract import explain_text

    for item in inputs:
        path = Path(item)
        if not path.is_file():
            fail(f"{item}: --explain reads local text files only")
        text = path.read_bytes().decode("utf-8", errors="replace")
        for line, label, reason in explain_text(text):
            print(f"{label}\t{reason}\t{line}")
