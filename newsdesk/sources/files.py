"""Local inputs: a file or a directory (recursed), format from the extension, the bytes or `--format`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

from newsdesk.models import Failure, RawDocument
from newsdesk.sources.archives import iter_json, iter_jsonl, iter_warc
from newsdesk.sources.documents import article_document
from newsdesk.sources.sniff import Kind, sniff

EXTENSIONS: dict[str, str] = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".txt": "text", ".text": "text",
    ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".json": "json", ".xml.gz": "sitemap",
}
CONTAINERS = ("feed", "sitemap")
# (content, name, kind) -> documents: how feeds and sitemaps found on disk are expanded
ExpandFeed = Callable[[bytes, str, str], Iterator[RawDocument | Failure]]


def extension_kind(path: Path) -> str | None:
    name = path.name.lower()
    for ext in sorted(EXTENSIONS, key=len, reverse=True):
        if name.endswith(ext):
            return EXTENSIONS[ext]
    return None


def _walk(directory: Path) -> Iterator[Path]:
    """Files with a known extension, sorted, hidden files and folders skipped."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and extension_kind(path):
                yield path


def read_path(path: Path, expand_feed: ExpandFeed, format: str | None, max_bytes: int) -> Iterator[RawDocument | Failure]:
    name = str(path)
    if path.is_dir():
        found = False
        for child in _walk(path):
            found = True
            yield from read_file(child, expand_feed, format, max_bytes)
        if not found:
            yield Failure(name, f"{name}: no article files in directory")
        return
    yield from read_file(path, expand_feed, format, max_bytes)


def read_file(path: Path, expand_feed: ExpandFeed, format: str | None, max_bytes: int) -> Iterator[RawDocument | Failure]:
    name = str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            yield Failure(name, f"{name}: not a regular file")
            return
        with path.open("rb") as handle:
            head = handle.read(8192)
    except FileNotFoundError:
        yield Failure(name, f"{name}: no such file or directory")
        return
    except OSError as exc:
        yield Failure(name, f"{name}: cannot read: {exc.strerror or exc}")
        return
    except ValueError as exc:  # a NUL byte in the path (found by fuzzing)
        yield Failure(name, f"{name}: invalid path: {exc}")
        return
    if size == 0 or not head.strip():
        yield Failure(name, f"{name}: empty file")
        return
    kind = _decide(path, head, format)
    if kind == "warc":
        with path.open("rb") as handle:
            yield from iter_warc(handle, name, max_bytes)
        return
    if kind == "jsonl":
        with path.open("rb") as handle:
            yield from iter_jsonl(handle, name, max_bytes)
        return
    if size > max_bytes and kind not in CONTAINERS:
        yield Failure(name, f"{name}: file larger than the {max_bytes} byte cap")
        return
    content = path.read_bytes()
    if kind == "json":
        yield from iter_json(content, name)
        return
    if kind in CONTAINERS:
        yield from expand_feed(content, name, kind)
        return
    yield article_document(name, content, kind=kind if kind in ("html", "text") else None)


def _decide(path: Path, head: bytes, format: str | None) -> Kind:
    """`--format` wins; containers are recognised by their bytes; else the extension; else sniffing."""
    if format:
        return format  # type: ignore[return-value]
    sniffed = sniff(head)
    by_extension = extension_kind(path)
    if sniffed in ("warc", "binary"):
        return sniffed
    if by_extension in ("html", "text"):
        return by_extension
    if sniffed in CONTAINERS or by_extension is None:
        return sniffed
    if by_extension == "json":  # a JSON Feed, or one article object (or a list of them)
        return "feed" if sniffed == "feed" else "json"  # type: ignore[return-value]
    if by_extension == "feed" and sniffed in ("html", "text"):
        return sniffed  # an .xml file that is not a feed: let the article path judge it
    return by_extension
