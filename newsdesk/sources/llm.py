"""The one door to an optional OpenAI-compatible chat endpoint (`[llm] url`).

Nothing calls it unless the admin configured a URL; the request goes through `post_json`
(SSRF guard with the configured host allowed, no redirects, timeout, size cap).
"""

from __future__ import annotations

from typing import Any, Callable
from urllib.parse import urlsplit


def endpoint(url: str) -> str:
    base = url.rstrip("/")
    if base.endswith("/chat/completions"):
        return base
    return base + ("/chat/completions" if base.endswith("/v1") else "/v1/chat/completions")


def chat(llm: Any, messages: list[dict[str, str]], post: Callable[..., Any] | None = None) -> str:
    """The model's reply to `messages`; raises ValueError on an answer without content."""
    if post is None:
        from newsdesk.sources.post import post_json as post
    payload = {"model": getattr(llm, "model", "") or "default", "temperature": 0, "messages": messages}
    headers = {"Authorization": f"Bearer {llm.api_key}"} if getattr(llm, "api_key", "") else {}
    host = urlsplit(llm.url).hostname or ""
    answer = post(endpoint(llm.url), payload, headers=headers, timeout_s=float(getattr(llm, "timeout_s", 60.0)),
                  allow_private=[host])  # the admin chose this service, wherever it runs
    try:
        return str(answer["choices"][0]["message"]["content"])
    except (KeyError, IndexError, TypeError):
        raise ValueError("the answer has no choices[0].message.content") from None
