"""More hostile servers (completing test_fetch_hostile.py): endless chunked bodies, deflate
and brotli bodies, long redirect chains, persistent 429s, and charsets that lie.

Each failure is one FetchError line naming the URL, reached within a bounded time."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from newsdesk.models import RawDocument
from newsdesk.sources import Fetcher, FetchError, read_inputs
from tests.sources.conftest import make_config

CAP = 10 * 1024 * 1024


def _error(fetcher: Fetcher, url: str, within_s: float = 3.0) -> str:
    start = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetcher.fetch(url)
    assert time.monotonic() - start < within_s
    message = str(err.value)
    assert "\n" not in message and message.startswith(url + ": ")
    return message


def test_endless_chunked_body_stops_at_the_cap_with_bounded_memory(local_server):
    url = local_server.add_endless_chunked("/forever")
    with Fetcher(make_config(timeout_s=5.0)) as fetcher:
        tracemalloc.start()
        try:
            message = _error(fetcher, url, within_s=5.0)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert message == f"{url}: body larger than the {CAP} byte cap"
    assert peak < 4 * CAP  # the cap, its bytearray growth and one chunk: never the endless body


def test_endless_chunked_body_under_a_short_deadline_times_out(local_server):
    url = local_server.add_endless_chunked("/forever")
    # a cap the body never reaches in time: the wall-clock deadline ends it instead
    with Fetcher(make_config(timeout_s=0.5, max_bytes=10**12)) as fetcher:
        assert _error(fetcher, url) == f"{url}: timed out after 0.5s"


def test_deflate_bomb_is_stopped_by_the_decompressed_cap(local_server, fetcher):
    url = local_server.add_deflate_bomb("/bomb")
    assert _error(fetcher, url) == f"{url}: body larger than the {CAP} byte cap (decompressed)"


def test_brotli_body_we_did_not_ask_for_is_refused(local_server, fetcher):
    # we send Accept-Encoding: gzip, deflate; a server answering br anyway gets a clear refusal
    url = local_server.add("/br", b"\x1b\x03\x00\xf8\xa5\x00", headers={"Content-Encoding": "br"})
    assert _error(fetcher, url) == f"{url}: unsupported Content-Encoding 'br'"
    assert local_server.hits("/br")[0].headers["accept-encoding"] == "gzip, deflate"


def test_corrupt_gzip_body_is_one_line(local_server, fetcher):
    url = local_server.add("/bad.gz", b"\x1f\x8b\x08\x00garbage" * 10, headers={"Content-Encoding": "gzip"})
    assert _error(fetcher, url).startswith(f"{url}: corrupt gzip body: ")


def test_30_redirects_stop_at_the_limit(local_server, fetcher):
    url = local_server.add_redirect_chain("/hop", hops=30)
    assert _error(fetcher, url) == f"{url}: too many redirects (more than 5)"
    chain = [r for r in local_server.requests if r.path.startswith("/hop")]
    assert len(chain) == 6  # the first request and 5 followed redirects, not 31


def test_redirects_within_the_limit_are_followed(local_server, fetcher):
    url = local_server.add_redirect_chain("/hop", hops=5)
    result = fetcher.fetch(url)
    assert result.content == b"<p>end</p>" and result.final_url == local_server.url("/hop/5")


def test_persistent_429_honours_retry_after_then_fails_clearly(local_server, fetcher):
    url = local_server.add_flaky("/busy", "never", failures=100, status=429, retry_after="0.3")
    # "0.3" is not delta-seconds (RFC 9110 wants digits): ignored, the 0.05 s backoff applies
    message = _error(fetcher, url)
    assert message == f"{url}: HTTP 429 Too Many Requests (after 3 attempts)"
    url = local_server.add_flaky("/busier", "never", failures=100, status=429, retry_after="1")
    start = time.monotonic()
    assert _error(fetcher, url, within_s=4.0) == f"{url}: HTTP 429 Too Many Requests (after 3 attempts)"
    times = [r.at for r in local_server.hits("/busier")]
    assert len(times) == 3 and all(b - a >= 0.95 for a, b in zip(times, times[1:]))
    assert time.monotonic() - start >= 1.9


def _read_one(fetcher: Fetcher, url: str) -> tuple[RawDocument, str]:
    [doc] = list(read_inputs([url], fetcher))
    assert isinstance(doc, RawDocument), doc
    return doc, doc.content.decode(doc.encoding)


PAGE = "<html><head><title>t</title>{meta}</head><body><p>Café crème, naïve “quotes” — 10 €.</p></body></html>"


@pytest.mark.parametrize(
    ("label", "content_type", "body", "expected_encoding"),
    [
        ("utf-8 declared, cp1252 sent", "text/html; charset=utf-8",
         PAGE.format(meta="").encode("cp1252"), "cp1252"),
        ("latin-1 declared, utf-8 sent", "text/html; charset=iso-8859-1",
         PAGE.format(meta="").encode("utf-8"), "utf-8"),
        ("cp1252 declared, utf-8 BOM sent", "text/html; charset=windows-1252",
         b"\xef\xbb\xbf" + PAGE.format(meta="").encode("utf-8"), "utf-8-sig"),
        ("utf-8 declared, utf-16 BOM sent", "text/html; charset=utf-8",
         PAGE.format(meta="").encode("utf-16"), "utf-16"),
        ("meta says utf-8, header nothing, cp1252 sent", "text/html",
         PAGE.format(meta='<meta charset="utf-8">').encode("cp1252"), "cp1252"),
        ("unknown charset declared", "text/html; charset=x-no-such-thing",
         PAGE.format(meta="").encode("utf-8"), "utf-8"),
    ],
)
def test_lying_charsets_are_decoded_sensibly(local_server, fetcher, label, content_type, body, expected_encoding):
    url = local_server.add("/page.html", body, content_type=content_type)
    doc, text = _read_one(fetcher, url)
    assert doc.encoding == expected_encoding, label
    assert "Café crème, naïve “quotes” — 10 €." in text, label


def test_cyrillic_page_declared_utf8_is_not_read_as_western(local_server, fetcher):
    body = "<html><body><p>Москва заявила, что переговоры продолжатся в пятницу.</p></body></html>"
    url = local_server.add("/ru.html", body.encode("cp1251"), content_type="text/html; charset=utf-8")
    doc, text = _read_one(fetcher, url)
    assert "Москва заявила" in text, (doc.encoding, text[:80])


@pytest.mark.parametrize("bad", ["http://[a.example/x", "http://[]a.example/x"])
def test_malformed_urls_and_redirects_are_one_line_errors(local_server, fetcher, bad):
    # a bracketed host that is no IP made urlsplit raise ValueError out of the fetcher (found by fuzzing)
    message = _error(fetcher, bad)
    assert message.startswith(f"{bad}: invalid URL: ")
    url = local_server.add_redirect("/to-bad", bad)
    # ours ("bad redirect to ...: invalid URL") or httpx's own check of the Location header
    assert "invalid url" in _error(fetcher, url).lower()
