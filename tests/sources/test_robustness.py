"""Property tests: arbitrary bytes never crash the readers; the capped decoder is exact."""

from __future__ import annotations

import gzip
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.models import Failure, RawDocument
from newsdesk.sources import read_inputs
from newsdesk.sources.body import BodyTooLarge, read_capped
from newsdesk.sources.feeds import FeedError, parse_feed
from newsdesk.sources.sniff import detect_encoding

SUFFIXES = [".html", ".txt", ".jsonl", ".warc", ".xml", ".json", ""]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_any_file_gives_documents_or_failures(tmp_path, content, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(content)
    for item in read_inputs([str(path)], None):
        assert isinstance(item, (RawDocument, Failure))
        if isinstance(item, RawDocument):
            assert item.format in ("html", "text")
            item.content.decode(item.encoding)  # the decided encoding reads the bytes
        else:
            assert "\n" not in item.error and str(path) in item.error


@settings(max_examples=60, deadline=None)
@given(content=st.binary(max_size=3000))
def test_parse_feed_raises_only_feed_error(content):
    try:
        parse_feed(content, "x.xml")
    except FeedError as exc:
        assert str(exc).startswith("x.xml: ")


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=2000), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "cp1251"]))
def test_detected_encoding_decodes(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    name = detect_encoding(data)
    data.decode(name)


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=20000), cuts=st.lists(st.integers(0, 20000), max_size=6), multi=st.booleans())
def test_capped_gzip_decoding_is_exact(data, cuts, multi):
    packed = gzip.compress(data) + (gzip.compress(data) if multi else b"")
    points = sorted({0, len(packed), *[c % (len(packed) + 1) for c in cuts]})
    chunks = [packed[a:b] for a, b in zip(points, points[1:])]
    expected = data * (2 if multi else 1)
    assert read_capped(chunks, "gzip", len(expected)) == expected
    if expected:
        with pytest.raises(BodyTooLarge):
            read_capped(chunks, "gzip", len(expected) - 1)


def test_raw_deflate_is_accepted():
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    raw = packer.compress(b"hello deflate") + packer.flush()
    assert read_capped([raw], "deflate", 100) == b"hello deflate"
    assert read_capped([zlib.compress(b"hello zlib")], "deflate", 100) == b"hello zlib"


def _no_dns(host: str, port: int) -> list[str]:
    import socket

    raise socket.gaierror(f"no DNS in this test for {host}")


@given(scheme=st.sampled_from(["http://", "https://", "HTTP://", "http:/", "ftp://"]),
       rest=st.text(alphabet=st.sampled_from(list("[]:@/?#%.-_ a1\\\u00e9\u0000")), max_size=30))
def test_any_url_gives_failures_not_exceptions(scheme, rest):
    # malformed hosts ("[", "[]", ports, userinfo, NULs) once raised ValueError out of the fetcher
    from newsdesk.sources import Fetcher

    url = scheme + rest
    with Fetcher(resolver=_no_dns) as fetcher:
        for item in read_inputs([url], fetcher):
            assert isinstance(item, (RawDocument, Failure))
            if isinstance(item, Failure):
                assert "\n" not in item.error
