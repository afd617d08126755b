"""The only places publisher data may become markup.

Everything else in templates goes through Jinja2 autoescape; nothing from a
publisher is ever marked `|safe` directly.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3
from markupsafe import Markup


def snippet_html(snippet: str | None) -> Markup:
    """A search snippet keeps its <mark> highlights and nothing else."""
    if not snippet:
        return Markup("")
    return Markup(nh3.clean(snippet, tags={"mark"}, attributes={}))


def safe_url(url: str | None) -> str | None:
    """Only http(s) links reach an href or src: no javascript:, data: or relative tricks."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url


SECURITY_HEADERS = {
    # Article images are the publisher's (https); everything else is ours.
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' https: data:; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
