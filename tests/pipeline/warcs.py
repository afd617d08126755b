"""A CC-NEWS style WARC.gz written by the tests: small distinct articles plus one broken record."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.pipeline.pages import article_html

BROKEN_URI = "https://broken.example/not-an-article"  # binary junk: refused when read
EMPTY_URI = "https://broken.example/empty-page"  # HTML without an article: fails in the workers


def write_warc(path: Path, count: int = 10, start: int = 0, broken: bool = True) -> list[str]:
    """`count` article responses (request records beside them, as crawlers write them), then,
    with `broken`, an HTML response whose body is binary junk and a page with no article text.
    Returns the article URIs."""
    uris = []
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n in range(start, start + count):
            uri = f"https://news{n % 3}.example/2025/05/story-{n}.html"
            uris.append(uri)
            _response(writer, uri, article_html(n).encode("utf-8"))
            writer.write_record(writer.create_warc_record(uri, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        if broken:
            _response(writer, BROKEN_URI, bytes(range(256)) * 8)
            _response(writer, EMPTY_URI, b"<html><head><title>Menu</title></head><body><nav>Home</nav></body></html>")
    return uris


def _response(writer: WARCWriter, uri: str, body: bytes) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": "2025-05-11T08:15:00Z"})
    writer.write_record(record)
