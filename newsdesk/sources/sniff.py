"""What a blob of bytes is (page, text, feed, sitemap, WARC, JSONL, binary) and its text encoding."""

from __future__ import annotations

import codecs
import re
import zlib
from typing import Literal

Kind = Literal["html", "text", "feed", "sitemap", "warc", "jsonl", "binary"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"RIFF", b"OggS", b"\x00\x00\x01\x00")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""", re.I)
_PROLOG = re.compile(r"<\?.*?\?>|<!--.*?-->|<![^>]*>", re.S)
_FIRST_TAG = re.compile(r"<([A-Za-z][\w:.-]*)")
_HTML_HINT = re.compile(r"<(!doctype\s+html|html|head|body|meta|title|div|p|article|script)[\s>/]", re.I)
FEED_ROOTS = {"rss", "rdf:rdf", "rdf", "feed", "channel"}
SITEMAP_ROOTS = {"urlset", "sitemapindex"}
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")


def bom_encoding(content: bytes) -> str | None:
    for bom, name in _BOMS:
        # FF FE 00 00 is also UTF-16 for a text starting with NUL: only whole 4-byte units are UTF-32
        if content.startswith(bom) and (name != "utf-32" or len(content) % 4 == 0):
            return name
    return None


def known_encoding(name: str | bytes | None) -> str | None:
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def gunzip_head(content: bytes, size: int = 4096) -> bytes:
    try:
        return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(content[:65536], size)
    except zlib.error:
        return b""


def is_binary(content: bytes) -> bool:
    """NUL bytes (outside UTF-16/32) or a well-known binary signature."""
    if bom_encoding(content) in ("utf-16", "utf-32"):
        return False
    head = content[:8192]
    return head.startswith(_MAGIC) or b"\x00" in head


def _head_text(content: bytes) -> str:
    encoding = bom_encoding(content)
    head = content[:8192]
    if encoding:
        return head.decode(encoding, errors="ignore").lstrip("\ufeff")
    return head.decode("latin-1")


def root_tag(content: bytes) -> str | None:
    """The first element name of an XML/HTML document, lower case, prolog skipped."""
    text = _PROLOG.sub(" ", _head_text(content))
    match = _FIRST_TAG.search(text)
    return match.group(1).lower() if match and text[: match.start()].strip() == "" else None


def sniff(content: bytes, content_type: str | None = None) -> Kind:
    """Decide from the bytes first (servers label feeds text/html and pages text/plain), then the type."""
    if content.startswith(b"WARC/") or (content.startswith(b"\x1f\x8b") and gunzip_head(content).startswith(b"WARC/")):
        return "warc"
    if content.startswith(b"\x1f\x8b"):
        inner = gunzip_head(content)
        return "sitemap" if root_tag(inner) in SITEMAP_ROOTS else "binary"
    if is_binary(content):
        return "binary"
    text = _head_text(content).lstrip()
    root = root_tag(content)
    if root in FEED_ROOTS:
        return "feed"
    if root in SITEMAP_ROOTS:
        return "sitemap"
    ctype = (content_type or "").lower()
    if text.startswith("{"):
        if "jsonfeed.org/version" in text[:4096] or "feed+json" in ctype:
            return "feed"
        return "jsonl"
    if any(t in ctype for t in FEED_TYPES):
        return "feed"
    if root is not None and _HTML_HINT.search(text[:4096]):
        return "html"
    if "html" in ctype:
        return "html"
    return "text"


def detect_encoding(content: bytes, declared: str | None = None) -> str:
    """BOM, then the page's own meta charset / XML declaration, then the HTTP header, then detection.

    A declared encoding the bytes do not decode under is skipped (UTF-8 pages
    labelled ISO-8859-1 by their server are common).
    """
    bom = bom_encoding(content)
    if bom == "utf-32" and not decodes(content, bom):
        bom = "utf-16"  # FF FE 00 00 can be UTF-16 text starting with a NUL
    if bom:
        return bom
    head = content[:8192]
    candidates = []
    for pattern in (_META_CHARSET, _XML_ENCODING):
        match = pattern.search(head)
        if match:
            candidates.append(known_encoding(match.group(1)))
    candidates.append(known_encoding(declared))
    # without a BOM a UTF-16/32 label is wrong for bytes we could read as ASCII tags
    candidates = [c for c in candidates if c and not c.startswith(("utf-16", "utf-32"))]
    if decodes(content, "utf-8"):
        # valid UTF-8 with non-ASCII bytes is UTF-8 whatever the label says (mislabelled pages are common)
        return "utf-8" if not content.isascii() or not candidates else candidates[0]
    for name in candidates:
        if name in ("latin-1", "iso8859-1", "ascii"):  # labels that in practice mean windows-1252
            name = "cp1252"
        if decodes(content, name):
            return name
    if _looks_western(content):
        return "cp1252"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(content[:200_000]).best()
        if best is not None:
            return known_encoding(best.encoding) or best.encoding
    except ImportError:  # pragma: no cover - charset-normalizer comes with our dependencies
        pass
    return "cp1252"


def decodes(content: bytes, encoding: str) -> bool:
    try:
        content.decode(encoding)
        return True
    except (UnicodeDecodeError, LookupError):
        return False


def _looks_western(content: bytes) -> bool:
    """Undeclared single-byte text whose few accented letters read as Latin-1 letters under cp1252.

    Detectors guess cp1250 or worse on short French or German text; windows-1252
    is also the web's default for unlabelled pages. Cyrillic or Greek in a
    single-byte code page also lands on U+00C0-U+00FF, but there nearly every
    letter is non-ASCII, so the share of accented letters tells them apart.
    """
    try:
        text = content[:200_000].decode("cp1252")
    except UnicodeDecodeError:
        return False
    letters = [c for c in text if c.isalpha()]
    accented = [c for c in letters if not c.isascii()]
    if not letters or not accented:
        return False
    latin = sum(1 for c in accented if "\u00c0" <= c <= "\u00ff")
    return latin / len(accented) >= 0.9 and len(accented) / len(letters) < 0.3
