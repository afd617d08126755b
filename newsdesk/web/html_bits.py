"""Small HTML pieces every list row uses (a moment, a link out, citations, an entity name),
as template globals written in Python: a Jinja macro call costs several times the work of
the piece itself, and a story page makes hundreds of them. Each returns escaped `Markup`,
exactly what the macros they replace rendered under autoescape."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Mapping

from jinja2.filters import do_int
from jinja2.utils import url_quote
from markupsafe import Markup, escape

from newsdesk.web.ages import age_text, date_text
from newsdesk.web.sanitize import safe_url

EMPTY = Markup("")
_ESTIMATED = ' <span class="flag" title="The page gave no date; this one is estimated">estimated</span>'
# markupsafe's escape() is C; Markup.format() goes through a Python string.Formatter, slower
# than the macro it would replace


def when(moment: datetime | None, now: Any = None, estimated: bool = False) -> Markup:
    """<time> with the date as its title and the age as its text ('' without a moment)."""
    if not moment:
        return EMPTY
    out = (f'<time datetime="{escape(moment.isoformat())}" title="{escape(date_text(moment))}">'
           f"{escape(age_text(moment))}</time>")
    return Markup(out + _ESTIMATED if estimated else out)


def link_out(url: str | None, text: Any) -> Markup:
    """A link to an outside page (http/https only), else the text alone."""
    href = safe_url(url)
    if not href:
        return escape(text)
    return Markup(f'<a href="{escape(href)}" rel="noopener noreferrer nofollow">{escape(text)}</a>')


def cites(ids: Iterable[Any] | None, numbers: Mapping[int, int] | None = None) -> Markup:
    """' [1][2]' links to the cited articles. With `numbers` (article id -> its number in the
    page's source list) an article keeps one number across the page, so [3] is always the same
    source; without it the numbers only count the links."""
    if not ids:
        return EMPTY
    links = "".join(
        f'<a href="/articles/{do_int(i)}" title="source article">[{(numbers or {}).get(do_int(i)) or n}]</a>'
        for n, i in enumerate(ids, 1))
    return Markup(f' <span class="cites">{links}</span>')


def source_numbers(articles: Iterable[Any] | None) -> dict[int, int]:
    """Article id -> 1, 2, ... in the order of a story's article list (its source list)."""
    out: dict[int, int] = {}
    for entry in articles or []:
        if isinstance(entry, Mapping) and entry.get("id") is not None:
            out.setdefault(do_int(entry["id"]), len(out) + 1)
    return out


def entity_link(name: Any, links: Mapping[str, int] | None) -> Markup:
    """An entity's page when the store knows the name, else a search for it."""
    if links and name in links:
        return Markup(f'<a href="/entities/{do_int(links[name])}">{escape(name)}</a>')
    return Markup(f'<a href="/search?q={escape(url_quote(name))}">{escape(name)}</a>')
