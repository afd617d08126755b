"""Containers of many articles: WARC files and JSONL (one article per line)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import IO, Any, Iterable, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsdesk.models import Failure, RawDocument
from newsdesk.sources.documents import article_document
from newsdesk.sources.fetch import split_content_type

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_FIELDS = ("html", "text", "content")


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def iter_warc(stream: IO[bytes], name: str, max_bytes: int) -> Iterator[RawDocument | Failure]:
    """Every HTML response (or resource) record: uri = WARC-Target-URI, fetched_at = WARC-Date."""
    found = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type not in ("response", "resource"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{name}#{found}"
            status = None
            if record.rec_type == "response":
                if record.http_headers is None:
                    continue
                status = int(record.http_headers.get_statuscode() or 0)
                ctype_header = record.http_headers.get_header("Content-Type")
            else:
                ctype_header = record.rec_headers.get_header("Content-Type")
            content_type, charset = split_content_type(ctype_header)
            if content_type not in HTML_TYPES or (status is not None and not 200 <= status < 300):
                continue
            found += 1
            content = record.content_stream().read(max_bytes + 1)
            if len(content) > max_bytes:
                yield Failure(uri, f"{name}: record {uri}: body larger than the {max_bytes} byte cap")
                continue
            meta = {"warc": name, "warc_record_id": record.rec_headers.get_header("WARC-Record-ID")}
            yield article_document(
                uri, content, kind="html", content_type=content_type, declared_encoding=charset,
                meta=meta, fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")), status=status,
            )
    except ArchiveLoadFailed as exc:
        yield Failure(name, f"{name}: not a valid WARC: {' '.join(str(exc).split())}")
        return
    except Exception as exc:  # noqa: BLE001 - warcio fails in many ways on damaged input
        yield Failure(name, f"{name}: corrupt WARC after {found} records: {' '.join(str(exc).split())}")
        return
    if not found:
        yield Failure(name, f"{name}: WARC holds no HTML responses")


def _jsonl_document(data: Any, where: str) -> RawDocument | Failure:
    if not isinstance(data, dict):
        return Failure(where, f"{where}: a line must be a JSON object")
    field = next((f for f in TEXT_FIELDS if isinstance(data.get(f), str) and data[f].strip()), None)
    if field is None:
        return Failure(where, f"{where}: no 'html' or 'text' field")
    meta = {k: v for k, v in data.items() if k not in TEXT_FIELDS and v not in (None, "")}
    meta["line"] = where
    kind = "html" if field == "html" else "text"
    uri = data.get("url") if isinstance(data.get("url"), str) and data.get("url") else where
    content = data[field].encode("utf-8")
    doc = article_document(uri, content, kind=kind, meta=meta, declared_encoding="utf-8",
                           fetched_at=_warc_date(data.get("fetched_at")) if isinstance(data.get("fetched_at"), str) else None)
    if isinstance(doc, Failure):
        return Failure(where, f"{where}: {doc.error.split(': ', 1)[-1]}", doc.kind)
    return doc


def iter_jsonl(lines: Iterable[bytes], name: str, max_bytes: int) -> Iterator[RawDocument | Failure]:
    """One article per line: url, title, html or text, published, outlet... (other fields go to meta)."""
    for lineno, line in enumerate(lines, 1):
        where = f"{name}:{lineno}"
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield Failure(where, f"{where}: line larger than the {max_bytes} byte cap")
            continue
        try:
            data = json.loads(line)
        except (ValueError, UnicodeDecodeError) as exc:
            yield Failure(where, f"{where}: invalid JSON: {exc}")
            continue
        yield _jsonl_document(data, where)


def iter_json(content: bytes, name: str) -> Iterator[RawDocument | Failure]:
    """A .json file holding one article object or a list of them (same fields as a JSONL line)."""
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError) as exc:
        yield Failure(name, f"{name}: invalid JSON: {exc}")
        return
    if isinstance(data, dict):
        yield _jsonl_document(data, name)
        return
    if not isinstance(data, list):
        yield Failure(name, f"{name}: expected an article object or a list of them")
        return
    for index, item in enumerate(data, 1):
        yield _jsonl_document(item, f"{name}[{index}]")
