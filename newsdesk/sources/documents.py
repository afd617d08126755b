"""Turning bytes that hold one article into a RawDocument (or a Failure saying why not)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newsdesk.models import Failure, RawDocument, utcnow
from newsdesk.sources.sniff import Kind, decodes, detect_encoding, sniff

ARTICLE_FORMATS = ("html", "text")


def article_document(
    uri: str,
    content: bytes,
    *,
    kind: Kind | None = None,
    content_type: str | None = None,
    declared_encoding: str | None = None,
    meta: dict[str, Any] | None = None,
    fetched_at: datetime | None = None,
    final_url: str | None = None,
    status: int | None = None,
    source_id: int | None = None,
) -> RawDocument | Failure:
    """`kind` when the caller knows it (extension, --format); otherwise sniffed from the bytes."""
    if not content.strip():
        return Failure(uri, f"{uri}: empty file" if "://" not in uri else f"{uri}: empty body")
    sniffed = sniff(content, content_type)
    if sniffed == "binary":
        what = f" ({content_type})" if content_type else ""
        return Failure(uri, f"{uri}: binary file, not an article{what}", kind="binary")
    kind = kind or sniffed
    if kind not in ARTICLE_FORMATS:
        return Failure(uri, f"{uri}: not an article (looks like {kind})")
    encoding = detect_encoding(content, declared_encoding)
    if not decodes(content, encoding):
        return Failure(uri, f"{uri}: binary file, not an article (not decodable as text)", kind="binary")
    return RawDocument(
        uri=uri,
        content=content,
        format=kind,  # type: ignore[arg-type]
        content_type=content_type,
        encoding=encoding,
        fetched_at=fetched_at or utcnow(),
        final_url=final_url if final_url and final_url != uri else None,
        status=status,
        source_id=source_id,
        meta=dict(meta or {}),
    )
