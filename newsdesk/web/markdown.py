"""Comment markdown -> safe HTML: markdown-it (raw HTML off), then nh3 with a short allow-list.

markdown-it already escapes raw HTML and refuses javascript:/data: link targets;
nh3 is the second wall: only the tags below survive, links get
rel="nofollow ugc noopener noreferrer", and only http(s)/mailto URLs are kept.
"""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")
TAGS = {"p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
        "h3", "h4", "h5", "h6"}
ATTRIBUTES = {"a": {"href", "title"}}
SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=4096)  # a thread re-renders the same bodies on every view; the result is immutable
def render_markdown(text: str) -> Markup:
    # headings would compete with the page's own: # and ## become level 3
    html = _MD.render(text or "").replace("<h1>", "<h3>").replace("</h1>", "</h3>")
    html = html.replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    clean = nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES,
        link_rel="nofollow ugc noopener noreferrer", strip_comments=True,
    )
    return Markup(clean)
