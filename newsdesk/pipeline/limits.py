"""Per-document limits (`[limits]` in the config), so one hostile document cannot hang or swamp the pipeline.

Extraction costs about linear time in the page size (measured in bench/hostile.py: a few
seconds per MB of dense markup on one core), so a document under `inline_bytes` is
extracted in this process, bounded by its size. A larger one is extracted in a child
process with a wall-clock limit: past `extract_time_s` the child is killed and the
document fails with one line saying so (the next document gets a fresh child). An
article whose text exceeds `max_article_chars` fails too, before enrichment, whose cost
grows with the text.

The child is forked from a forkserver that has the extract stage imported, so starting
one costs milliseconds; it exits by itself when this process dies (its pipe closes).
"""

from __future__ import annotations

import multiprocessing
import threading
import weakref
from datetime import datetime
from multiprocessing.connection import Connection
from typing import Any

from newsdesk.config import LimitsConfig
from newsdesk.extract.errors import ExtractError
from newsdesk.models import Article, RawDocument

STARTUP_S = 120.0
WARM_UP = (b"<html><head><title>Warm up</title></head><body><article><h1>Warm up</h1>"
           b"<p>The council said on Monday, 3 May 2024, that the bridge would reopen next week.</p>"
           b"<p>Engineers finished the inspection after three years of work on the old span.</p></article></body></html>")


def _serve(conn: Connection) -> None:
    """The child: extract what it is sent until the pipe closes."""
    from newsdesk.extract import extract

    try:  # first use loads lazy parts (date and language tables): not the first document's time
        extract(RawDocument(uri="warm-up", content=WARM_UP, format="html", encoding="utf-8"))
    except Exception:  # noqa: BLE001 - a warm-up only
        pass
    conn.send("ready")  # the parent's clock starts with the first document
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        raw, format, published, fast = job
        try:
            reply: tuple[bool, Any] = (True, extract(raw, format=format, published=published, fast=fast))
        except Exception as exc:  # noqa: BLE001 - sent back as a value, raised in the parent
            reply = (False, " ".join(str(exc).split()) or type(exc).__name__)
        conn.send(reply)


class _Child:
    def __init__(self) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["newsdesk.extract.core"])
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs,), daemon=True, name="newsdesk-extract")
        self.process.start()
        theirs.close()
        # starting (imports) is not the document's time: wait for the child to say it is ready
        if not self.conn.poll(STARTUP_S) or self.conn.recv() != "ready":
            self.stop()
            raise RuntimeError(f"the extraction worker did not start within {STARTUP_S}s")

    def stop(self) -> None:
        self.conn.close()
        self.process.kill()
        self.process.join(5)


class LimitedExtractor:
    """`extract()` under LimitsConfig. Safe for threads (one document in the child at a time)."""

    def __init__(self, limits: LimitsConfig | None = None, fast: bool = False) -> None:
        self.limits = limits or LimitsConfig()
        self.fast = fast  # the fast profile's extraction (extract(fast=True))
        self._child: _Child | None = None
        self._stop_at_exit: weakref.finalize | None = None
        self._lock = threading.Lock()

    def __call__(self, raw: RawDocument, format: str | None = None, published: datetime | None = None) -> Article:
        from newsdesk.extract import extract

        limits = self.limits
        if limits.extract_time_s <= 0 or len(raw.content) <= limits.inline_bytes:
            article = extract(raw, format=format, published=published, fast=self.fast)
        else:
            article = self._in_child(raw, format, published)
        if limits.max_article_chars and len(article.text) > limits.max_article_chars:
            raise ExtractError(raw.uri, f"article text too long: {len(article.text)} characters "
                                        f"(limit {limits.max_article_chars})")
        return article

    def _in_child(self, raw: RawDocument, format: str | None, published: datetime | None) -> Article:
        with self._lock:
            if self._child is None or not self._child.process.is_alive():
                self._drop()
                self._child = _Child()
                # stop the child when this object goes or at exit, while the modules stop() uses still
                # exist (a __del__ run during interpreter shutdown printed "Exception ignored in __del__")
                self._stop_at_exit = weakref.finalize(self, self._child.stop)
            child = self._child
            try:
                child.conn.send((raw, format, published, self.fast))
                answered = child.conn.poll(self.limits.extract_time_s)
                if answered:
                    ok, value = child.conn.recv()
            except (EOFError, OSError) as exc:  # the child died (out of memory, killed)
                self._drop()
                raise ExtractError(raw.uri, f"extraction process died: {type(exc).__name__}") from None
            if not answered:
                self._drop()
                raise ExtractError(raw.uri, f"extraction exceeded the {self.limits.extract_time_s:g}s time limit")
        if ok:
            return value
        raise ExtractError(raw.uri, value.removeprefix(f"{raw.uri}: "))

    def _drop(self) -> None:
        if self._stop_at_exit is not None:
            self._stop_at_exit()  # stops the child once; later calls do nothing
            self._stop_at_exit = None
        self._child = None

    def close(self) -> None:
        with self._lock:
            self._drop()
