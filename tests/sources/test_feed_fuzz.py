"""Fuzzing the feed parser front: mutated RSS/Atom, entity declarations in any encoding or
position, huge attributes. parse_feed returns a Feed or raises FeedError, quickly, always.

HYPOTHESIS_PROFILE=fuzz (`make fuzz`) runs many more examples than `make test`."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsdesk.sources.feeds import Feed, FeedError, parse_feed

RSS = (
    '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Desk</title>'
    "<item><title>Ferry {n}</title><link>https://a.example/{n}</link><pubDate>Mon, 12 May 2025 06:00:00 GMT</pubDate>"
    '<description>Text &amp; more</description><enclosure url="https://a.example/{n}.jpg" type="image/jpeg"/></item>'
    "</channel></rss>"
)
ATOM = (
    '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>'
    '<entry><title>Quay {n}</title><link href="https://b.example/{n}"/><updated>2025-05-12T06:00:00Z</updated>'
    "<summary>short</summary></entry></feed>"
)
BOMB_DTD = ('<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)) + "]>")
EXTERNAL_DTD = '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
PIECES = ["<", ">", "</item>", "<item>", "&", "&amp;", "&#0;", "&#x110000;", "]]>", "<![CDATA[", "\x00", "é",
          '"', "'", "=", "<!--", "-->", "<?xml", "?>", "\ufeff", " xmlns:x='y'", "<x:a>", BOMB_DTD, EXTERNAL_DTD]


def _check(content: bytes) -> None:
    started = time.process_time()  # CPU time: robust to a loaded machine
    try:
        feed = parse_feed(content, "fuzz.xml")
    except FeedError as exc:
        assert str(exc).startswith("fuzz.xml: ") and "\n" not in str(exc)
    else:
        assert isinstance(feed, Feed)
        assert all(isinstance(e.url, str) for e in feed.entries)
    assert time.process_time() - started < 5


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    text = draw(st.sampled_from([RSS, ATOM])).format(n=draw(st.integers(0, 999)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "cut"]))
        if action == "insert":
            text = text[:at] + draw(st.sampled_from(PIECES) | st.text(max_size=12)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)):]
        else:
            text = text[:at]
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "utf-16-be", "cp1252", "latin-1"]))
    return text.encode(encoding, errors="replace")


@given(mutated())
def test_mutated_feeds(content: bytes) -> None:
    _check(content)


@given(st.binary(max_size=4000))
def test_random_bytes(content: bytes) -> None:
    _check(content)


@given(position=st.sampled_from(["prolog", "after_padding"]), dtd=st.sampled_from([BOMB_DTD, EXTERNAL_DTD]),
       encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32"]))
@example(position="after_padding", dtd=BOMB_DTD, encoding="utf-8")
def test_entity_declarations_are_refused_wherever_and_however_encoded(position: str, dtd: str, encoding: str) -> None:
    padding = "<!--" + " " * 1_100_000 + "-->" if position == "after_padding" else ""  # past the byte-level scan
    declared = encoding.upper().replace("-LE", "")
    text = f'<?xml version="1.0" encoding="{declared}"?>{padding}{dtd}' + RSS.split("?>", 1)[1].format(n=1)
    with pytest.raises(FeedError, match=r"^fuzz\.xml: .*(entity|unsafe XML)"):
        parse_feed(text.encode(encoding), "fuzz.xml")


def test_huge_attribute_is_bounded_in_time_and_memory() -> None:
    size = 4 * 1024 * 1024
    content = RSS.format(n=1).replace('type="image/jpeg"', f'type="image/jpeg" data-x="{"a" * size}"').encode()
    tracemalloc.start()
    try:
        started = time.monotonic()
        feed = parse_feed(content, "big.xml")
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [e.url for e in feed.entries] == ["https://a.example/1"]
    assert elapsed < 10 and peak < 25 * size, (elapsed, peak)


@pytest.mark.parametrize(("declaration", "title"), [
    (b"tf-8", b"Desk"), (b"\xa0utf-8", b"Desk"), (b"x" * 300, b"Desk"), (b"", b"Desk"), (b"\x00utf-8", b"Desk"),
    (b"utf-8", b"&#x110000;Desk"), (b"utf-8", b"&#0;Desk"),
])
def test_inputs_found_by_fuzzing(declaration: bytes, title: bytes) -> None:
    body = RSS.split("?>", 1)[1].format(n=7).encode().replace(b"<title>Desk", b"<title>" + title, 1)
    for prolog in (b'<?xml version="1.0" encoding="' + declaration + b'"?>', b"<?ml encoding='" + declaration + b"'?>"):
        _check(prolog + body)


@pytest.mark.parametrize("link", ["https://[]a.example/0", "https://[a.example/0", "http://[::1"])
def test_entries_with_broken_links_are_skipped(link: str) -> None:
    content = RSS.format(n=5).replace("https://a.example/5</link>", link + "</link>").encode()
    feed = parse_feed(content, "fuzz.xml")  # found by fuzzing: urlsplit raised ValueError
    assert feed.entries == []
