"""A whole-response cache for anonymous reads, as a plain ASGI middleware.

Most visitors are anonymous and read the same pages; building a story or article page costs
several queries and a template, answering it from memory costs a dictionary look-up. An entry
is used while nothing was committed to the store since it was made (`store.data_version()`,
which changes on every commit by any process) and it is younger than `ttl_s` (pages say
"5 minutes ago"). Entries carry an ETag, so a browser holding the page gets 304 Not Modified.

What is never cached, so no reader can see another reader's page:
- requests with our session or CSRF cookie, or an Authorization header (signed-in pages
  depend on who asks; the CSRF token is per browser);
- responses that set a cookie, say `no-store`/`private`, or are not 200;
- paths outside READ_PATHS (accounts, alerts, inboxes, feed-token URLs, admin, metrics).

The key holds scheme, Host, path, query and the htmx headers (a fragment is not the page).
The cache is a bounded LRU (entries and bytes) per process: with several workers each has its own.

Two layers share one `ResponseCache`: hits are answered by `answer` from the app's outermost
`__call__` (app.py), before the error middleware, routing, dependencies and the session/CSRF
work; a request it does not answer carries its key and data version in the scope to the
`ResponseCacheFill` middleware, which sits inside the latency metric and outside the security
headers (so a kept response holds them) and keeps the response.

An entry is fresh while the data version is the same and it is younger than `ttl_s` (its
relative ages, "5 minutes ago", move on). A page that says its only dependence on the clock is
through the ages it shows (`ages.only_ages_change()`: story, article and search pages) stays
fresh past `ttl_s` until the first of those ages would read differently (at most
MAX_AGE_HOLD_S): a page of "3 days ago"s is not rebuilt every 30 s to the same bytes.

Stale-while-revalidate, so that no more than one request per key per process builds a page:
- an entry only older than `ttl_s` (same data version: just its ages moved on) is answered at
  once, marked `stale`, while a background request of this process builds it again (one such
  build at a time per process; past ttl_s + STALE_GRACE_S the reader who asks rebuilds it);
- an entry of an older data version is rebuilt by the first request that asks (it waits and
  gets the new page); requests for the same key while that build runs get the old entry,
  marked `stale`, instead of building it again.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any, Awaitable, Callable

from newsdesk import metrics
from newsdesk.web import ages
from newsdesk.web.auth import SESSION_COOKIE
from newsdesk.web.csrf import CSRF_COOKIE

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

READ_PATHS = ("/stories", "/articles", "/entities", "/outlets/", "/search", "/feeds/front.", "/feeds/stories/",
              "/feeds/entities/", "/feeds/outlets/", "/feeds/search.", "/api/articles", "/api/stories",
              "/api/search", "/api/outlets/", "/api/entities", "/api/quotes")
PRIVATE_COOKIES = (SESSION_COOKIE, CSRF_COOKIE)
MAX_ENTRY_BYTES = 2 * 1024 * 1024  # a bigger response streams through uncached
REVALIDATE = (b"cache-control", b"no-cache")  # browsers keep the page but ask (If-None-Match) each time
STATUS_HEADER = b"x-newsdesk-cache"
PLAN = "newsdesk.cache"  # scope key: (key, data version) of a request the fill layer should keep
HIT, STALE, MISS = (STATUS_HEADER, b"hit"), (STATUS_HEADER, b"stale"), (STATUS_HEADER, b"miss")
REFRESH_SLOTS = 1
STALE_GRACE_S = 300.0  # an expired entry older than ttl_s + this is rebuilt by the reader who asks
MAX_AGE_HOLD_S = 600.0  # a page without changing ages is kept past ttl_s, but no longer than this
log = logging.getLogger(__name__)


@dataclass
class Entry:
    version: int
    made: float  # time.monotonic()
    headers: list[tuple[bytes, bytes]]  # as sent, ETag included
    body: bytes
    etag: bytes
    route: str  # the route template, for the latency metric of hits
    hit_headers: list[tuple[bytes, bytes]] | None = None  # headers + the hit marker, made once
    fresh_until: float = 0.0  # time.time() up to which it stays fresh past ttl_s: no age on it changes


def is_read_path(path: str) -> bool:
    return path == "/" or path.startswith(READ_PATHS)


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers") or ():
        if key == name:
            return value
    return None


def is_anonymous(scope: Scope) -> bool:
    if _header(scope, b"authorization") is not None:
        return False
    raw = b"; ".join(v for k, v in scope.get("headers") or () if k == b"cookie")
    if not raw:
        return True
    cookie: SimpleCookie = SimpleCookie()
    try:
        cookie.load(raw.decode("latin-1"))
    except Exception:  # noqa: BLE001 - an unparsable Cookie header: treat as personal, never cache
        return False
    return not any(name in cookie for name in PRIVATE_COOKIES)


def cache_key(scope: Scope) -> tuple:
    htmx = tuple(sorted((k, v) for k, v in scope.get("headers") or () if k.startswith(b"hx-")))
    return (scope.get("scheme", "http"), _header(scope, b"host") or b"", scope.get("root_path", ""),
            scope["path"], scope.get("query_string", b""), htmx)


def etag_of(body: bytes) -> bytes:
    return b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode("ascii") + b'"'


def etag_matches(scope: Scope, etag: bytes) -> bool:
    sent = _header(scope, b"if-none-match")
    if not sent:
        return False
    tags = {t.strip().removeprefix(b"W/") for t in sent.split(b",")}
    return etag in tags or b"*" in tags


def storable(status: int, headers: list[tuple[bytes, bytes]]) -> bool:
    if status != 200:
        return False
    for name, value in headers:
        if name == b"set-cookie":
            return False
        if name == b"cache-control" and (b"no-store" in value or b"private" in value):
            return False
    return True


class LRU:
    """Entries by key, least recently used dropped first when over `max_entries` or `max_bytes`."""

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.bytes = 0
        self._items: OrderedDict[tuple, Entry] = OrderedDict()
        self._lock = threading.Lock()  # the app also runs in test clients' threads

    def get(self, key: tuple) -> Entry | None:
        with self._lock:
            entry = self._items.get(key)
            if entry is not None:
                self._items.move_to_end(key)
            return entry

    def put(self, key: tuple, entry: Entry) -> None:
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.bytes -= len(old.body)
            self._items[key] = entry
            self.bytes += len(entry.body)
            while self._items and (len(self._items) > self.max_entries or self.bytes > self.max_bytes):
                _, dropped = self._items.popitem(last=False)
                self.bytes -= len(dropped.body)

    def discard(self, key: tuple) -> None:
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.bytes -= len(old.body)

    def __len__(self) -> int:
        return len(self._items)


class ResponseCache:
    """The entries and the hit path; the store is read from `scope["app"].state.store`."""

    def __init__(self, ttl_s: float = 30.0, max_entries: int = 4096, max_mb: float = 64.0) -> None:
        self.ttl_s = ttl_s
        self.entries = LRU(max_entries, int(max_mb * 1024 * 1024))
        self.enabled = max_mb > 0 and ttl_s > 0
        self.building: set[tuple] = set()  # keys a request of this process is building now
        self._tasks: set[asyncio.Task] = set()  # background refreshes (a reference keeps them alive)
        self._refreshing: tuple[Any, asyncio.Semaphore] | None = None  # (its event loop, slots)
        self._timers: dict[tuple[str, str], Any] = {}  # latency histogram children by (route, method)

    def eligible(self, scope: Scope) -> bool:
        return (self.enabled and scope["type"] == "http" and scope["method"] in ("GET", "HEAD")
                and is_read_path(scope["path"]) and is_anonymous(scope))

    async def answer(self, scope: Scope, send: Send, app: ASGIApp) -> bool:
        """Answer from the cache (True), or leave the request to `app` (False; a cacheable GET
        then carries its plan in the scope). `app` is what a background refresh runs."""
        if not self.eligible(scope):
            return False
        store = getattr(scope["app"].state, "store", None)
        if store is None:
            return False
        started = time.perf_counter()
        version = store.data_version()  # one cheap query: changes on every commit, any process
        key = cache_key(scope)
        entry = self.entries.get(key)
        if entry is not None:
            if entry.version == version:
                if time.monotonic() - entry.made < self.ttl_s or time.time() < entry.fresh_until:
                    await self._send(scope, send, entry, HIT)
                    self._observe(entry.route, scope["method"], started)
                    return True
                if time.monotonic() - entry.made < self.ttl_s + STALE_GRACE_S:
                    # only its ages moved on: answer it now, build it again in the background
                    if key not in self.building:
                        self._refresh(app, scope, key, version)
                    await self._send(scope, send, entry, STALE)
                    self._observe(entry.route, scope["method"], started)
                    return True
            if key in self.building:  # new data: another request is building this page now
                await self._send(scope, send, entry, STALE)
                self._observe(entry.route, scope["method"], started)
                return True
        if scope["method"] == "GET":  # a HEAD has no body to keep: the next GET fills the entry
            scope[PLAN] = (key, version)
        return False

    def _observe(self, route: str, method: str, started: float) -> None:
        timer = self._timers.get((route, method))
        if timer is None:
            timer = self._timers[(route, method)] = metrics.REQUEST_SECONDS.labels(route=route, method=method)
        timer.observe(time.perf_counter() - started)

    async def _send(self, scope: Scope, send: Send, entry: Entry, state: tuple[bytes, bytes]) -> None:
        scope["newsdesk.route"] = entry.route
        if etag_matches(scope, entry.etag):
            headers = [(b"etag", entry.etag), REVALIDATE, state]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        if state is HIT:
            if entry.hit_headers is None:
                entry.hit_headers = [*entry.headers, HIT]
            headers = entry.hit_headers
        else:
            headers = [*entry.headers, state]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else entry.body})

    def _refresh_slots(self) -> asyncio.Semaphore:
        """At most REFRESH_SLOTS (one) background build at a time per process: it holds the GIL in a
        worker thread, so many at once would take the event loop's turns from the readers
        being answered from the cache (the stale copies are good meanwhile)."""
        loop = asyncio.get_running_loop()
        if self._refreshing is None or self._refreshing[0] is not loop:  # one per serving loop
            self._refreshing = (loop, asyncio.Semaphore(REFRESH_SLOTS))
        return self._refreshing[1]

    def _refresh(self, app: ASGIApp, scope: Scope, key: tuple, version: int) -> None:
        """Build the page again as a GET of its own whose answer only fills the cache."""
        headers = [(k, v) for k, v in scope.get("headers") or () if k != b"if-none-match"]
        copy = {**scope, "method": "GET", "headers": headers, "state": dict(scope.get("state") or {}),
                PLAN: (key, version)}
        self.building.add(key)  # before the task starts: the requests just behind get the stale copy

        async def receive() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def discard(message: Message) -> None:
            return None

        async def run() -> None:
            try:
                async with self._refresh_slots():  # hundreds of keys can expire together
                    await app(copy, receive, discard)
            except Exception:  # noqa: BLE001 - the stale entry stays; the next request tries again
                log.exception("refreshing the cached %s failed", scope["path"])
            finally:
                self.building.discard(key)

        task = asyncio.get_running_loop().create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


class ResponseCacheFill:
    """ASGI middleware: runs a request `ResponseCache.answer` planned to keep, keeps its response
    when storable, then answers it. Any other request goes straight through."""

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        plan = scope.get(PLAN) if scope["type"] == "http" else None
        if plan is None:
            await self.app(scope, receive, send)
            return
        key, version = plan
        self.cache.building.add(key)
        horizon, token = ages.track_changes()  # the worker thread that renders shares the list
        scope["newsdesk.ages"] = horizon
        try:
            await self._fill(scope, receive, send, key, version)
        finally:
            ages.reset_tracking(token)
            self.cache.building.discard(key)

    async def _fill(self, scope: Scope, receive: Receive, send: Send, key: tuple, version: int) -> None:
        """Run the app, hold its response until complete, keep it when storable, then answer."""
        made = time.monotonic()
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        passing = False  # not storable (or too big): everything goes straight through

        async def capture(message: Message) -> None:
            nonlocal start, size, passing
            if passing:
                await send(message)
                return
            if message["type"] == "http.response.start":
                start = message
                if not storable(message["status"], list(message.get("headers") or [])):
                    passing = True
                    self.cache.entries.discard(key)  # not a page any more (404, ...): no stale copy
                    await send(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > MAX_ENTRY_BYTES and message.get("more_body", False):
                passing = True
                self.cache.entries.discard(key)
                await send(start)  # type: ignore[arg-type]
                await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": True})
                return
            if not message.get("more_body", False):
                await self._store_and_send(scope, send, key, version, made, start, b"".join(chunks))  # type: ignore[arg-type]

        await self.app(scope, receive, capture)

    async def _store_and_send(self, scope: Scope, send: Send, key: tuple, version: int, made: float,
                              start: Message, body: bytes) -> None:
        etag = etag_of(body)
        headers = [(k, v) for k, v in start.get("headers") or [] if k not in (b"etag", b"cache-control")]
        headers += [(b"etag", etag), REVALIDATE]
        route = getattr(scope.get("route"), "path", None) or "unmatched"
        entry = Entry(version, made, headers, body, etag, route)
        horizon = scope.get("newsdesk.ages")
        if horizon is not None and horizon[1]:  # the page moves with the clock only through its ages
            entry.fresh_until = min(horizon[0], time.time() + MAX_AGE_HOLD_S)
        self.cache.entries.put(key, entry)
        if etag_matches(scope, etag):
            await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", etag), REVALIDATE, MISS]})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": [*headers, MISS]})
        await send({"type": "http.response.body", "body": body})
