"""The keys articles are matched on: a normalised URL and a hash of the text.

Two fetches of one page differ in tracking parameters, scheme, `www.`, a
trailing slash or a fragment; `url_key` folds those so the same page is one
article. `text_hash` folds whitespace and case so a copy re-flowed by another
outlet's template still matches byte-for-byte equal text.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

from newsdesk.models import Article
from newsdesk.store.base import OutletRef

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "at_", "ga_")
_TRACKING = {
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "ref", "ref_src", "cmpid",
    "ocid", "smid", "smtyp", "taid", "ito", "CMP", "cmp", "s_cid", "share", "amp", "outputType",
}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def url_key(url: str | None) -> str | None:
    """Scheme-less, lower-cased host, no default port, no `www.`, no fragment, no
    tracking parameters, sorted query, no trailing slash. Non-web URIs (local files)
    are kept as they are: they still identify one input."""
    if not url or not url.strip():
        return None
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return url
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k not in _TRACKING and not k.lower().startswith(_TRACKING_PREFIXES)
    ]
    key = host + path
    if query:
        key += "?" + urlencode(sorted(query))
    return key


# the same article text is hashed four times on its way into the store (lock key, match, insert):
# cached, as a str keeps its own hash, so a hit costs no pass over the text
@lru_cache(maxsize=64)
def text_hash(text: str) -> str:
    folded = " ".join(text.split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def article_url(article: Article) -> str | None:
    return article.canonical_url or article.url


def outlet_ref(article: Article) -> OutletRef:
    """The (outlet, URL) that carried this copy of an article."""
    url = article_url(article)
    name = article.outlet or article.site_name or _host(url) or "unknown"
    return OutletRef(name=name, url=url, published=article.published, title=article.title)


def _host(url: str | None) -> str | None:
    key = url_key(url)
    if not key or key == url:  # not a web URL (a local file)
        return None
    return key.split("/", 1)[0] or None
