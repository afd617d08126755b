"""Full-text search helpers: user text -> a safe FTS5 query; FTS5 marks -> safe HTML.

Users type anything (`"`, `AND (`, `NEAR`, `*`, `-x`); FTS5 would raise a syntax
error on most of it. We keep only word characters, quote every term (so FTS5
operators become plain words) and keep "double-quoted phrases" as phrases.
Snippets come back with sentinel characters around matches; the publisher's
text is HTML-escaped first and only then are the sentinels turned into <mark>.
"""

from __future__ import annotations

import html
import re

OPEN, CLOSE, ELLIPSIS = "\x02", "\x03", "\x04"
_PHRASE_OR_WORD = re.compile(r'"([^"]*)"|([^\s"]+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str, max_terms: int = 16) -> str | None:
    """A MATCH expression over the user's words (all must match), or None when
    the text holds no searchable word."""
    parts: list[str] = []
    for phrase, word in _PHRASE_OR_WORD.findall(text or ""):
        words = _WORD.findall(phrase if phrase else word)
        if not words:
            continue
        if phrase:
            parts.append('"' + " ".join(words) + '"')
        else:
            parts.extend(f'"{w}"' for w in words)
        if len(parts) >= max_terms:
            break
    return " ".join(parts[:max_terms]) or None


def marks_to_html(marked: str) -> str:
    """Escape everything, then turn the sentinels into <mark>...</mark>."""
    escaped = html.escape(marked, quote=True)
    return (
        escaped.replace(OPEN, "<mark>")
        .replace(CLOSE, "</mark>")
        .replace(ELLIPSIS, "…")
    )


def index_text(text: str | None) -> str:
    """Publisher text as indexed: without our sentinel characters, so a page cannot forge marks."""
    return (text or "").translate({ord(OPEN): " ", ord(CLOSE): " ", ord(ELLIPSIS): " "})
