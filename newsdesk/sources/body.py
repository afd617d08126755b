"""Reading a response body under a size cap that also bounds the decompressed size.

The body is decoded here (not by httpx) so that a gzip bomb is stopped after
`max_bytes` of output, not after it has filled memory: zlib is asked for at most
the bytes still allowed on every call.
"""

from __future__ import annotations

import zlib
from typing import Iterable


class BodyTooLarge(Exception):
    pass


class UnsupportedEncoding(Exception):
    pass


class _Identity:
    def feed(self, chunk: bytes, limit: int) -> bytes:
        return chunk

    def flush(self, limit: int) -> bytes:
        return b""


class _Zlib:
    """gzip (possibly multi-member), zlib-wrapped or raw deflate, with bounded output."""

    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._obj = zlib.decompressobj(wbits)
        self._raw_fallback = wbits == zlib.MAX_WBITS  # "deflate" is sometimes sent raw

    def feed(self, chunk: bytes, limit: int) -> bytes:
        out = bytearray()
        data = chunk
        while data and len(out) <= limit:
            try:
                piece = self._obj.decompress(data, limit - len(out) + 1)
            except zlib.error:
                if self._raw_fallback and not out:
                    self._raw_fallback = False
                    self._wbits = -zlib.MAX_WBITS
                    self._obj = zlib.decompressobj(self._wbits)
                    continue
                raise
            self._raw_fallback = False
            out += piece
            if self._obj.unconsumed_tail:
                data = self._obj.unconsumed_tail
            elif self._obj.eof and self._obj.unused_data.strip(b"\0"):
                data = self._obj.unused_data
                self._obj = zlib.decompressobj(self._wbits)
            else:
                data = b""
        return bytes(out)

    def flush(self, limit: int) -> bytes:
        return self._obj.flush(max(limit + 1, 1))


def decoder_for(content_encoding: str | None) -> _Identity | _Zlib:
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        return _Identity()
    if len(codings) == 1 and codings[0] in ("gzip", "x-gzip"):
        return _Zlib(zlib.MAX_WBITS | 16)
    if len(codings) == 1 and codings[0] == "deflate":
        return _Zlib(zlib.MAX_WBITS)
    raise UnsupportedEncoding(f"unsupported Content-Encoding {content_encoding!r}")


def read_capped(chunks: Iterable[bytes], content_encoding: str | None, max_bytes: int) -> bytes:
    """Join and decode `chunks`; raise BodyTooLarge as soon as the decoded size passes max_bytes."""
    decoder = decoder_for(content_encoding)
    compressed = not isinstance(decoder, _Identity)
    too_large = f"body larger than the {max_bytes} byte cap" + (" (decompressed)" if compressed else "")
    out = bytearray()
    try:
        for chunk in chunks:
            out += decoder.feed(chunk, max_bytes - len(out))
            if len(out) > max_bytes:
                raise BodyTooLarge(too_large)
        out += decoder.flush(max_bytes - len(out))
    except zlib.error as exc:
        raise UnsupportedEncoding(f"corrupt {content_encoding} body: {exc}") from None
    if len(out) > max_bytes:
        raise BodyTooLarge(too_large)
    return bytes(out)
