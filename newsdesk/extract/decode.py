"""Bytes to text: declared encoding first, then BOM, meta charset, then detection."""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def declared_charset(content: bytes) -> str | None:
    """The charset a page declares in its first few kilobytes (meta charset / http-equiv)."""
    match = _META_CHARSET.search(content[:8192])
    return _known(match.group(1).decode("ascii", "ignore")) if match else None


def decode(content: bytes, encoding: str | None = None) -> str:
    """Decode bytes: `encoding` when given and valid, else BOM, meta charset, UTF-8, cp1252."""
    for bom, name in _BOMS:
        if content.startswith(bom):
            return content.decode(name, errors="replace")
    for name in (_known(encoding), declared_charset(content)):
        if name:
            try:
                return content.decode(name)
            except UnicodeDecodeError:
                continue
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes  # optional: a dependency of requests

        best = from_bytes(content).best()
        if best is not None:
            return str(best)
    except ImportError:
        pass
    return content.decode("cp1252", errors="replace")
