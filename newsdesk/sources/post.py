"""POST a JSON request to a configured service (the optional LLM endpoint) and read a JSON answer.

Same safety as the fetcher: the SSRF guard on the connection (a service the admin
configured on a private address is allowed by naming its host), no redirects, no
environment proxy, connect/read timeouts plus a wall-clock deadline, and a cap on
the answer's size. Errors are FetchError with one line naming the URL and the cause.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import httpx

from newsdesk.sources.body import BodyTooLarge, UnsupportedEncoding, read_capped
from newsdesk.sources.fetch import FetchError, _check_url
from newsdesk.sources.net import DeadlineExceeded, deadline, guarded_transport
from newsdesk.sources.ssrf import AddressGuard, RefusedAddress

MAX_ANSWER = 2 * 1024 * 1024


def post_json(url: str, payload: Any, *, headers: dict[str, str] | None = None, timeout_s: float = 60.0,
              max_bytes: int = MAX_ANSWER, allow_private: list[str] | None = None) -> Any:
    """POST `payload` as JSON to `url`; the decoded JSON answer. `allow_private`: hosts or
    networks that may resolve to private or loopback addresses (the configured service's)."""
    _check_url(url)
    guard = AddressGuard(list(allow_private or []))
    parts = urlsplit(url)
    try:
        guard.resolve(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))
        with httpx.Client(transport=guarded_transport(guard), timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0)),
                          follow_redirects=False, trust_env=False) as client, deadline(timeout_s):
            request = client.build_request("POST", url, json=payload,
                                           headers={"Accept": "application/json", **(headers or {})})
            response = client.send(request, stream=True)
            try:
                if response.status_code != 200:
                    raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                                     response.status_code)
                body = read_capped(response.iter_raw(65536), response.headers.get("content-encoding"), max_bytes)
            finally:
                response.close()
    except RefusedAddress as exc:
        raise FetchError(url, str(exc), network=True) from None
    except (DeadlineExceeded, httpx.TimeoutException):
        raise FetchError(url, f"timed out after {timeout_s:g}s", network=True) from None
    except (BodyTooLarge, UnsupportedEncoding) as exc:
        raise FetchError(url, str(exc)) from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(url, f"{type(exc).__name__}: {exc}", network=True) from None
    try:
        return json.loads(body)
    except ValueError as exc:
        raise FetchError(url, f"answer is not JSON: {exc}") from None
