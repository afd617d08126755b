"""Sources: everything that brings documents in. The only stage that talks HTTP.

Public API (stable; other stages and the CLI call only these):

- `read_inputs(inputs, fetcher, format=None) -> Iterator[RawDocument | Failure]`
  Each input is a local path (file or directory, recursed; hidden files and
  unknown extensions inside directories are skipped) or an http(s) URL. Local
  formats: .html/.htm (html), .txt (text already flattened), .warc/.warc.gz
  (each HTML response record), .jsonl (one article per line: url, title,
  html or text, published, outlet...; other fields go to `meta`), .json (a
  JSON Feed, or one such article object or a list of them), .xml/.rss/.atom
  (a feed or sitemap whose entries are fetched; offline, entries that carry
  their full HTML are used as is). Other files are sniffed. A URL may be a page,
  a feed (RSS/Atom/JSON Feed) or a sitemap (urlset, Google News, sitemapindex):
  decided from the bytes, then the Content-Type. Feeds and sitemaps expand into
  fetches of their entries; each resulting RawDocument.meta carries the entry's
  title / published (ISO string) / outlet / summary / feed_url. `format`
  ("html", "text", "warc", "jsonl", "feed", "sitemap") overrides detection.
  Every yielded RawDocument has format "html" or "text" and `encoding` set to
  the decided charset. Problems are yielded as `Failure`s whose `error` is one
  line naming the input (`PATH: empty file`, `URL: timed out after 20s`...);
  nothing is raised for a bad input. `fetcher=None` means offline: URLs fail.
- `fetch_feed(source, fetcher) -> (entries, updated_source)` for `newsdesk poll`:
  conditional GET with the source's etag / last_modified (304 -> no entries),
  parses a feed or sitemap (kind "page": the page itself is the one entry, its
  bytes in `entry.document`). Never raises for fetch/parse problems: the
  returned Source has `error` / `error_count` set, `last_fetched` and
  `next_fetch` updated (errors back off exponentially).
- `fetch_entries(entries, fetcher, source_id=None) -> Iterator[RawDocument | Failure]`:
  the page of every entry (deduplicated by URL), meta from the entry. Filter
  out entries you already hold before calling it.
- `Fetcher(config.fetch)` (`fetch.py`): `fetch(url, etag=None, last_modified=None)
  -> FetchResult` or raises `FetchError` (one line: `URL: cause`). Close it
  (or use it as a context manager) when done. Safe for threads. `timeout_s`
  is the wall-clock budget of one attempt (connect, headers, body).

Typical poll loop (the pipeline's):

    with Fetcher(config.fetch) as fetcher:
        for source in store.due_sources(now):
            entries, source = fetch_feed(source, fetcher)
            new = [e for e in entries if not already_stored(e.url)]
            for item in fetch_entries(new, fetcher, source_id=source.id): ...
- `FeedEntry`, `Feed`, `parse_feed(content, name, base=None, content_type=None)`
  (`feeds.py`) for callers that hold feed bytes themselves.

Raw bytes are kept by the store (`Storage.put_raw`), content-addressed, so
re-processing a RawDocument never re-fetches.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from typing import Iterable, Iterator

from newsdesk.config import FetchConfig
from newsdesk.models import Failure, RawDocument, Source, utcnow
from newsdesk.sources.archives import iter_jsonl, iter_warc
from newsdesk.sources.documents import article_document
from newsdesk.sources.feeds import Feed, FeedEntry, FeedError, parse_feed
from newsdesk.sources.fetch import Fetcher, FetchError, FetchResult
from newsdesk.sources.files import read_path
from newsdesk.sources.sniff import sniff

__all__ = [
    "Feed", "FeedEntry", "FeedError", "FetchError", "FetchResult", "Fetcher",
    "fetch_entries", "fetch_feed", "parse_feed", "read_inputs",
]

MAX_SITEMAP_DEPTH = 2  # index -> index -> urlset
MAX_CHILD_SITEMAPS = 50
MAX_BACKOFF_S = 24 * 3600


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def read_inputs(
    inputs: Iterable[str], fetcher: Fetcher | None, format: str | None = None
) -> Iterator[RawDocument | Failure]:
    max_bytes = fetcher.config.max_bytes if fetcher else FetchConfig().max_bytes
    for item in inputs:
        item = str(item)
        if is_url(item):
            yield from _read_url(item, fetcher, format)
        else:
            def expand(content: bytes, name: str, kind: str) -> Iterator[RawDocument | Failure]:
                yield from _expand_container(content, name, None, fetcher, kind)

            yield from read_path(Path(item), expand, format, max_bytes)


def fetch_entries(
    entries: Iterable[FeedEntry], fetcher: Fetcher | None, source_id: int | None = None
) -> Iterator[RawDocument | Failure]:
    seen: set[str] = set()
    for entry in entries:
        if entry.url in seen:
            continue
        seen.add(entry.url)
        if entry.document is not None:
            yield replace(entry.document, source_id=source_id, meta={**entry.meta(), **entry.document.meta})
            continue
        if fetcher is None:
            if entry.content_html:  # offline, but the feed carries the article
                yield article_document(entry.url, entry.content_html.encode("utf-8"), kind="html",
                                       declared_encoding="utf-8", meta=entry.meta(), source_id=source_id)
            else:
                yield Failure(entry.url, f"{entry.url}: not fetched (offline: no fetcher)")
            continue
        try:
            result = fetcher.fetch(entry.url)
        except FetchError as exc:
            yield Failure(entry.url, str(exc), "fetch")
            continue
        yield _fetched_document(result, entry.meta(), source_id)


def fetch_feed(source: Source, fetcher: Fetcher) -> tuple[list[FeedEntry], Source]:
    now = utcnow()
    updated = replace(source, last_fetched=now)
    try:
        result = fetcher.fetch(source.url, etag=source.etag, last_modified=source.last_modified)
        entries, title = ([], None) if result.not_modified else _entries_of(result, source, fetcher)
    except (FetchError, FeedError) as exc:
        updated.error = str(exc)
        updated.error_count = source.error_count + 1
        backoff = min(source.interval_s * 2 ** min(updated.error_count, 8), MAX_BACKOFF_S)
        updated.next_fetch = now + timedelta(seconds=backoff)
        return [], updated
    if not result.not_modified:
        updated.etag = result.etag
        updated.last_modified = result.last_modified
    updated.title = source.title or title
    updated.error, updated.error_count = None, 0
    updated.next_fetch = now + timedelta(seconds=source.interval_s)
    return entries, updated


# ------------------------------------------------------------------ internal


def _entries_of(result: FetchResult, source: Source, fetcher: Fetcher) -> tuple[list[FeedEntry], str | None]:
    """The entries (and title) of a fetched source; a sitemap index brings its children's entries."""
    if source.kind == "page":
        doc = _fetched_document(result, {}, source.id)
        if isinstance(doc, Failure):
            raise FeedError(doc.error)
        return [FeedEntry(url=result.final_url, document=doc)], None
    feed = parse_feed(result.content, source.url, result.final_url, result.content_type)
    entries = list(feed.entries)
    for child in _child_sitemaps(feed, fetcher):
        if isinstance(child, Feed):
            entries.extend(child.entries)
    return entries, feed.title


def _child_sitemaps(feed: Feed, fetcher: Fetcher | None, depth: int = 1) -> Iterator[Feed | Failure]:
    """The urlsets under a sitemap index, at most MAX_CHILD_SITEMAPS of them, MAX_SITEMAP_DEPTH deep."""
    if feed.kind != "sitemapindex":
        return
    if depth > MAX_SITEMAP_DEPTH:
        yield Failure(feed.sitemaps[0] if feed.sitemaps else "sitemap", "sitemap index nested too deep")
        return
    for url in feed.sitemaps[:MAX_CHILD_SITEMAPS]:
        if fetcher is None:
            yield Failure(url, f"{url}: not fetched (offline: no fetcher)")
            continue
        try:
            result = fetcher.fetch(url)
            child = parse_feed(result.content, url, result.final_url, result.content_type)
        except (FetchError, FeedError) as exc:
            yield Failure(url, str(exc))
            continue
        yield child
        yield from _child_sitemaps(child, fetcher, depth + 1)


def _expand_container(
    content: bytes, name: str, base: str | None, fetcher: Fetcher | None, kind: str | None = None
) -> Iterator[RawDocument | Failure]:
    if kind == "warc":
        yield from iter_warc(BytesIO(content), name, len(content) + 1)
        return
    if kind == "jsonl":
        yield from iter_jsonl(BytesIO(content), name, len(content) + 1)
        return
    try:
        feed = parse_feed(content, name, base)
    except FeedError as exc:
        yield Failure(name, str(exc))
        return
    if not feed.entries and feed.kind != "sitemapindex":
        yield Failure(name, f"{name}: {feed.kind} has no entries")
        return
    yield from fetch_entries(feed.entries, fetcher)
    for child in _child_sitemaps(feed, fetcher):
        if isinstance(child, Failure):
            yield child
        else:
            yield from fetch_entries(child.entries, fetcher)


def _read_url(url: str, fetcher: Fetcher | None, format: str | None) -> Iterator[RawDocument | Failure]:
    if fetcher is None:
        yield Failure(url, f"{url}: not fetched (offline: no fetcher)")
        return
    try:
        result = fetcher.fetch(url)
    except FetchError as exc:
        yield Failure(url, str(exc), "fetch")
        return
    kind = format or sniff(result.content, result.content_type)
    if kind in ("feed", "sitemap", "warc", "jsonl"):
        yield from _expand_container(result.content, url, result.final_url, fetcher, kind)
        return
    yield _fetched_document(result, {}, None, kind if kind in ("html", "text") else None)


def _fetched_document(result: FetchResult, meta: dict, source_id: int | None, kind: str | None = None) -> RawDocument | Failure:
    """A fetched article page; feeds, images, PDFs... are refused with the reason."""
    if kind is None:
        sniffed = sniff(result.content, result.content_type)
        if sniffed in ("feed", "sitemap", "warc", "jsonl"):
            return Failure(result.url, f"{result.url}: not an article (looks like a {sniffed})")
        ctype = result.content_type
        if sniffed != "binary" and ctype and not _textual(ctype):
            return Failure(result.url, f"{result.url}: not an article (content-type {ctype})")
    return article_document(
        result.url, result.content, kind=kind, content_type=result.content_type,  # type: ignore[arg-type]
        declared_encoding=result.encoding, meta=meta, fetched_at=result.fetched_at,
        final_url=result.final_url, status=result.status, source_id=source_id,
    )


def _textual(content_type: str) -> bool:
    return content_type.startswith("text/") or any(t in content_type for t in ("html", "xml", "json"))
