"""Outgoing webhooks: POST a JSON body to a user's URL, through the same SSRF guard,
deadline and size limits as every fetch (only `sources` talks HTTP)."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import httpx

from newsdesk.config import FetchConfig
from newsdesk.sources.fetch import FetchError, _check_url
from newsdesk.sources.net import DeadlineExceeded, deadline, guarded_transport
from newsdesk.sources.ssrf import AddressGuard, RefusedAddress

MAX_REPLY_BYTES = 64 * 1024


SIGNATURE_HEADER = "X-Newsdesk-Signature"


def signature(key: bytes, body: bytes) -> str:
    """What the receiver recomputes to know the call is ours: sha256=HMAC(key, body)."""
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def post_json(url: str, payload: Any, config: FetchConfig, *, timeout_s: float = 10.0,
              max_bytes: int = 256 * 1024, signing_key: bytes | None = None) -> int:
    """POSTs `payload` as JSON (signed in X-Newsdesk-Signature when a key is given); returns
    the HTTP status (2xx). Raises FetchError (one line, naming the URL) when the address is
    refused, the body is too big, time runs out, or the server answers anything but 2xx.
    Redirects are not followed."""
    _check_url(url)
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    if len(body) > max_bytes:
        raise FetchError(url, f"webhook body of {len(body)} bytes exceeds the {max_bytes}-byte limit")
    headers = {SIGNATURE_HEADER: signature(signing_key, body)} if signing_key else {}
    client = httpx.Client(
        transport=guarded_transport(AddressGuard(list(config.allow_private))),
        timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, config.connect_timeout_s)),
        follow_redirects=False,
        trust_env=False,  # an environment proxy would bypass the address guard
        headers={"User-Agent": config.user_agent, "Content-Type": "application/json"},
    )
    try:
        with deadline(timeout_s), client.stream("POST", url, content=body, headers=headers) as response:
            read = 0
            for chunk in response.iter_raw():
                read += len(chunk)
                if read > MAX_REPLY_BYTES:
                    break  # the reply is not used; stop reading a server that keeps talking
            status = response.status_code
    except RefusedAddress as exc:
        raise FetchError(url, f"refused address: {exc}") from None
    except (httpx.HTTPError, DeadlineExceeded, OSError) as exc:
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, RefusedAddress):
            raise FetchError(url, f"refused address: {cause}") from None
        raise FetchError(url, f"webhook failed: {type(exc).__name__}: {exc}") from None
    finally:
        client.close()
    if not 200 <= status < 300:
        raise FetchError(url, f"webhook answered HTTP {status}", status)
    return status
