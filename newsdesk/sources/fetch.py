"""The polite, safe HTTP fetcher: the only place newsdesk talks HTTP.

`Fetcher(config.fetch).fetch(url, etag=None, last_modified=None)` returns a
`FetchResult` or raises `FetchError`, whose str is one line naming the URL and
the cause. Politeness: robots.txt (cached per host, Crawl-delay honoured), a
per-host minimum delay, conditional GET, retries with exponential backoff on
429/5xx honouring Retry-After. Safety: an SSRF guard on every redirect hop and
pinned connections (`net.GuardedBackend`), connect/read timeouts plus a
wall-clock deadline per request (trickling servers), a redirect limit with loop
detection, and a body cap that also bounds the decompressed size.
"""

from __future__ import annotations

import email.utils
import ssl
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import httpx

from newsdesk import metrics
from newsdesk.config import FetchConfig
from newsdesk.models import utcnow
from newsdesk.sources.body import BodyTooLarge, UnsupportedEncoding, read_capped
from newsdesk.sources.net import DeadlineExceeded, deadline, guarded_transport
from newsdesk.sources.robots import RobotsAnswer, RobotsCache
from newsdesk.sources.ssrf import AddressGuard, RefusedAddress, Resolver, system_resolver

ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/feed+json;q=0.9,application/json;q=0.8,application/xml;q=0.9,text/xml;q=0.9,"
    "text/plain;q=0.8,*/*;q=0.5"
)
REDIRECTS = {301, 302, 303, 307, 308}
ROBOTS_MAX_BYTES = 512 * 1024


class FetchError(Exception):
    """A fetch that failed; str(error) is one line: `URL: cause`."""

    def __init__(self, url: str, cause: str, status: int | None = None, network: bool = False) -> None:
        self.url = url
        self.cause = " ".join(cause.split())
        self.status = status
        self.network = network  # the host could not be reached (timeout, refused address...)
        super().__init__(f"{url}: {self.cause}")


@dataclass
class FetchResult:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    headers: dict[str, str]
    content: bytes
    content_type: str | None  # media type only, lower case ("text/html")
    encoding: str | None  # charset declared by the HTTP header, if any
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime = field(default_factory=utcnow)


class _Retryable(Exception):
    def __init__(self, cause: str, retry_after: float | None = None, status: int | None = None) -> None:
        super().__init__(cause)
        self.cause = cause
        self.retry_after = retry_after
        self.status = status


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def split_content_type(value: str | None) -> tuple[str | None, str | None]:
    """("text/html", "utf-8") from "text/html; charset=UTF-8"."""
    if not value:
        return None, None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'").lower()
    return media.strip().lower() or None, charset


class HostThrottle:
    """At most one request per host every `delay` seconds; slots are reserved, so threads queue."""

    def __init__(self) -> None:
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str, delay: float) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + delay
        if start > now:
            time.sleep(start - now)


def _tls_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _check_url(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # "https://[a.example/": a bracketed host that is no IP (found by fuzzing)
        raise FetchError(url, f"invalid URL: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"unsupported URL scheme {parts.scheme or '(none)'!r}")
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:
        raise FetchError(url, f"invalid URL: {exc}") from None
    if not parts.hostname:
        raise FetchError(url, "URL has no host")
    return url


class Fetcher:
    """One per process (or per thread pool): keeps connections, robots.txt and host timings."""

    def __init__(
        self, config: FetchConfig | None = None, verify: ssl.SSLContext | bool = True,
        resolver: Resolver = system_resolver,
    ) -> None:
        """`verify`: an SSLContext trusting a private CA (tests, intranets); True = system/certifi CAs.
        `resolver`: host name -> addresses (the system's DNS by default); every answer is checked."""
        self.config = config or FetchConfig()
        self.guard = AddressGuard(list(self.config.allow_private), resolver)
        self.throttle = HostThrottle()
        self.robots = RobotsCache(self.config.user_agent, self._fetch_robots)
        self._client = httpx.Client(
            transport=guarded_transport(self.guard, verify=verify),
            timeout=httpx.Timeout(self.config.timeout_s, connect=self.config.connect_timeout_s),
            follow_redirects=False,
            trust_env=False,  # an environment proxy would bypass the address guard
            headers={"User-Agent": self.config.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ public

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """`_fetch`, counted in the fetch metrics (outcome: ok, not_modified or the error kind)."""
        try:
            result = self._fetch(url, etag, last_modified)
        except FetchError as exc:
            metrics.record_fetch(metrics.error_kind(exc.cause))
            raise
        metrics.record_fetch("not_modified" if result.not_modified else "ok")
        return result

    def _fetch(self, url: str, etag: str | None, last_modified: str | None) -> FetchResult:
        """GET `url` (conditionally when etag/last_modified are given: a 304 gives `not_modified`).

        Retries `config.retries` times on 429, 5xx and refused connections, waiting
        `backoff_s * 2**n` or the server's Retry-After, whichever is longer; a
        Retry-After beyond `max_retry_after_s` is not waited out: the fetch fails
        at once, saying so. Raises FetchError for everything else.
        """
        _check_url(url)
        attempt = 0
        while True:
            try:
                return self._request(url, etag, last_modified, self.config.max_bytes, robots=True)
            except _Retryable as retry:
                attempt += 1
                if attempt > self.config.retries:
                    tries = f" (after {attempt} attempts)" if attempt > 1 else ""
                    raise FetchError(url, retry.cause + tries, retry.status) from None
                wait = self.config.backoff_s * 2 ** (attempt - 1)
                if retry.retry_after is not None:
                    if retry.retry_after > self.config.max_retry_after_s:
                        raise FetchError(
                            url,
                            f"{retry.cause}; Retry-After {retry.retry_after:.0f}s exceeds the "
                            f"{self.config.max_retry_after_s:g}s limit",
                            retry.status,
                        ) from None
                    wait = max(wait, retry.retry_after)
                time.sleep(wait)

    # ---------------------------------------------------------------- internal

    def _fetch_robots(self, robots_url: str) -> RobotsAnswer:
        try:
            result = self._request(robots_url, None, None, ROBOTS_MAX_BYTES, robots=False)
        except _Retryable as exc:
            if exc.status is None:
                raise  # cannot connect: the page fetch retries, robots.txt included
            return RobotsAnswer(exc.status)  # 429 / 5xx: unavailable, disallow for now
        except FetchError as exc:
            if exc.network:
                raise
            # 4xx, a redirect mess or an oversized file: RFC 9309 treats these as "no rules"
            return RobotsAnswer(exc.status if exc.status is not None else 404)
        return RobotsAnswer(result.status, result.content)

    def _request(
        self, url: str, etag: str | None, last_modified: str | None, max_bytes: int, robots: bool
    ) -> FetchResult:
        """One attempt: follow redirects by hand so every hop is checked and counted."""
        current, seen = url, {url}
        for _hop in range(self.config.max_redirects + 1):
            where = "" if current == url else f" (redirected to {current})"
            parts = urlsplit(current)
            try:  # refuse a private address before anything (robots.txt included) is sent
                self.guard.resolve(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))
            except RefusedAddress as exc:
                raise FetchError(url, f"{exc}{where}", network=True) from None
            delay = self.config.per_host_delay_s
            if robots and self.config.respect_robots:
                try:
                    refusal = self.robots.refusal(current)
                except FetchError as exc:
                    raise FetchError(url, f"{exc.cause}{where} (fetching robots.txt)", network=True) from None
                if refusal:
                    raise FetchError(url, refusal + where)
                delay = max(delay, self.robots.crawl_delay(current))
            self.throttle.wait(urlsplit(current).netloc.lower(), delay)
            headers = {"Accept": ACCEPT}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            try:
                with deadline(self.config.timeout_s):
                    response = self._client.send(self._client.build_request("GET", current, headers=headers), stream=True)
                    try:
                        location = response.headers.get("location")
                        if response.status_code in REDIRECTS and location:
                            try:
                                target = urljoin(current, location.strip())
                            except ValueError as exc:
                                raise FetchError(url, f"bad redirect to {location.strip()}: invalid URL: {exc}") from None
                            try:
                                _check_url(target)
                            except FetchError as exc:
                                raise FetchError(url, f"bad redirect to {target}: {exc.cause}") from None
                            if target in seen:
                                raise FetchError(url, f"redirect loop at {target}")
                            seen.add(target)
                            current = target
                            continue
                        return self._result(url, current, response, max_bytes)
                    finally:
                        response.close()
            except RefusedAddress as exc:
                raise FetchError(url, f"{exc}{where}", network=True) from None
            except (DeadlineExceeded, httpx.TimeoutException):
                raise FetchError(url, f"timed out after {self.config.timeout_s:g}s{where}", network=True) from None
            except httpx.ConnectError as exc:
                if _tls_failure(exc):  # a bad certificate does not get better by retrying
                    raise FetchError(url, f"TLS error{where}: {exc}", network=True) from None
                raise _Retryable(f"cannot connect{where}: {exc}") from None
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise FetchError(url, f"{type(exc).__name__}{where}: {exc}") from None
        raise FetchError(url, f"too many redirects (more than {self.config.max_redirects})")

    def _result(self, url: str, final_url: str, response: httpx.Response, max_bytes: int) -> FetchResult:
        status = response.status_code
        headers = {k.lower(): v for k, v in response.headers.items()}
        content_type, charset = split_content_type(headers.get("content-type"))
        common = dict(
            url=url, final_url=final_url, status=status, headers=headers,
            content_type=content_type, encoding=charset,
            etag=headers.get("etag"), last_modified=headers.get("last-modified"),
        )
        if status == 304:
            return FetchResult(content=b"", not_modified=True, **common)  # type: ignore[arg-type]
        if status == 429 or status >= 500:
            raise _Retryable(f"HTTP {status} {response.reason_phrase}".strip(),
                             parse_retry_after(headers.get("retry-after")), status)
        if status >= 300:
            raise FetchError(url, f"HTTP {status} {response.reason_phrase}".strip(), status)
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise FetchError(url, f"body too large: Content-Length {length} exceeds the {max_bytes} byte cap")
        try:
            content = read_capped(response.iter_raw(65536), headers.get("content-encoding"), max_bytes)
        except (BodyTooLarge, UnsupportedEncoding) as exc:
            raise FetchError(url, str(exc)) from None
        return FetchResult(content=content, **common)  # type: ignore[arg-type]
