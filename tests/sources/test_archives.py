"""WARC (written with warcio here) and JSONL inputs."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from io import BytesIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.models import Failure, RawDocument
from newsdesk.sources import read_inputs


def _write_warc(path, gzip: bool) -> None:
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        records = [
            ("https://a.example/one", "text/html; charset=utf-8", "<html><body><p>One – café</p></body></html>".encode(), "200 OK"),
            ("https://a.example/style.css", "text/css", b"body{}", "200 OK"),
            ("https://a.example/moved", "text/html", b"", "301 Moved Permanently"),
            ("https://a.example/two", "text/html", "<html><body><p>Deux é</p></body></html>".encode("cp1252"), "200 OK"),
        ]
        for uri, ctype, body, status in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2025-05-11T08:15:00Z"})
            writer.write_record(record)
        writer.write_record(writer.create_warc_record("https://a.example/one", "request", payload=BytesIO(b"GET /")))


def test_warc_yields_html_responses(tmp_path):
    for gzip in (False, True):
        path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
        _write_warc(path, gzip)
        docs = list(read_inputs([str(path)], None))
        assert [d.uri for d in docs] == ["https://a.example/one", "https://a.example/two"]
        one, two = docs
        assert isinstance(one, RawDocument) and one.format == "html" and one.status == 200
        assert one.fetched_at == datetime(2025, 5, 11, 8, 15, tzinfo=timezone.utc)
        assert one.encoding == "utf-8" and "café" in one.content.decode(one.encoding)
        assert "Deux é" in two.content.decode(two.encoding)
        assert one.meta["warc"] == str(path)


def test_warc_by_content_without_extension(tmp_path):
    path = tmp_path / "archive.bin"
    _write_warc(path, gzip=True)
    assert len([d for d in read_inputs([str(path)], None) if isinstance(d, RawDocument)]) == 2


def test_corrupt_warc_is_a_failure(tmp_path):
    path = tmp_path / "broken.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort")
    items = list(read_inputs([str(path)], None))
    assert items and all(isinstance(i, Failure) for i in items)
    assert items[0].error.startswith(f"{path}: ")


def test_jsonl_one_article_per_line_and_bad_lines(tmp_path):
    path = tmp_path / "articles.jsonl"
    lines = [
        json.dumps({"url": "https://j.example/1", "title": "One", "html": "<p>One</p>", "outlet": "J", "published": "2025-05-11"}),
        "",
        json.dumps({"url": "https://j.example/2", "text": "Two as text", "authors": ["A B"]}),
        "{not json",
        json.dumps({"url": "https://j.example/3", "title": "no body"}),
        json.dumps(["a list"]),
        json.dumps({"text": "no url"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)], None))
    one, two, bad, nobody, alist, nourl = items
    assert (one.uri, one.format, one.meta["title"], one.meta["outlet"]) == ("https://j.example/1", "html", "One", "J")
    assert one.content == b"<p>One</p>" and one.meta["line"] == f"{path}:1"
    assert (two.format, two.meta["authors"]) == ("text", ["A B"])
    assert isinstance(bad, Failure) and bad.input == f"{path}:4" and bad.error.startswith(f"{path}:4: invalid JSON")
    assert nobody.error == f"{path}:5: no 'html' or 'text' field"
    assert alist.error == f"{path}:6: a line must be a JSON object"
    assert nourl.uri == f"{path}:7" and nourl.format == "text"


def test_json_file_with_one_article_or_a_list(tmp_path):
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"url": "https://j.example/1", "title": "One", "text": "Body"}, indent=2))
    (doc,) = list(read_inputs([str(single)], None))
    assert (doc.uri, doc.format, doc.meta["title"]) == ("https://j.example/1", "text", "One")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"url": "https://j.example/a", "html": "<p>a</p>"}, {"url": "https://j.example/b"}]))
    first, second = list(read_inputs([str(many)], None))
    assert first.format == "html" and second.error == f"{many}[2]: no 'html' or 'text' field"
