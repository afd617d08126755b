"""Fuzzing the HTML and text extractors: random bytes, deeply nested tags, giant single
lines, mixed encodings. extract() gives an Article or raises ExtractError naming the input,
within a time bound per document; memory stays a bounded multiple of the input.

HYPOTHESIS_PROFILE=fuzz (`make fuzz`) runs many more examples than `make test`."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.extract import extract
from newsdesk.extract.errors import ExtractError
from newsdesk.models import Article, RawDocument
from newsdesk.sources.sniff import detect_encoding

TAGS = ["div", "p", "span", "article", "section", "table", "td", "li", "ul", "h1", "h2", "figure", "figcaption",
        "script", "style", "a", "b", "i", "blockquote", "br", "img", "noscript", "template", "svg", "math", "iframe"]
WORDS = ["The", "council", "said", "on", "Monday", "that", "“quoted”", "‘words’", "Reuters", "—", "é", "ü", "Москва",
         "北京", "\u200b", "\ufeff", "&amp;", "&#xD800;", "&nbsp;", "<!--", "-->", "<![CDATA[", "]]>", "\r", "\n\n", "\t"]
ENCODINGS = ["utf-8", "cp1252", "utf-16", "cp1251", "latin-1", "shift_jis"]


def _extract(content: bytes, fmt: str, encoding: str | None = None) -> Article | None:
    raw = RawDocument(uri="fuzz.html", content=content, format=fmt, encoding=encoding or detect_encoding(content))
    started = time.process_time()  # CPU time: a loaded CI machine must not fail a hang check
    try:
        article = extract(raw)
    except ExtractError as exc:
        assert str(exc).startswith("fuzz.html: ") and "\n" not in str(exc)
        article = None
    else:
        assert isinstance(article, Article) and article.text.strip()
    if not tracemalloc.is_tracing():  # tracing slows every allocation several-fold
        assert time.process_time() - started < 10
    return article


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    parts: list[str] = []
    depth = draw(st.integers(0, 400))  # deep nesting, sometimes never closed
    tags = [draw(st.sampled_from(TAGS)) for _ in range(min(depth, 40))] or ["div"]
    parts += [f"<{tags[i % len(tags)]}>" for i in range(depth)]
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.sampled_from(["text", "tag", "attr", "close"]))
        if kind == "text":
            parts.append(" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=30))))
        elif kind == "tag":
            parts.append(f"<{draw(st.sampled_from(TAGS))}>")
        elif kind == "attr":
            parts.append(f'<p class="{draw(st.text(max_size=40))}" data-x=\'{"x" * draw(st.integers(0, 5000))}\'>')
        else:
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
    if draw(st.booleans()):
        parts += [f"</{tags[i % len(tags)]}>" for i in reversed(range(depth))]
    return "<html><head><title>" + draw(st.text(max_size=30)) + "</title></head><body>" + "".join(parts)


@given(html_pages(), st.sampled_from(ENCODINGS))
def test_generated_html(page: str, encoding: str) -> None:
    _extract(page.encode(encoding, errors="replace"), "html")


@given(st.binary(max_size=5000), st.sampled_from(["html", "text"]))
def test_random_bytes(content: bytes, fmt: str) -> None:
    _extract(content, fmt, encoding="cp1252")  # any byte decodes under cp1252 (or is replaced)


@given(st.lists(st.tuples(st.text(max_size=300), st.sampled_from(ENCODINGS)), max_size=8), st.sampled_from(["html", "text"]))
def test_mixed_encodings_in_one_document(pieces: list[tuple[str, str]], fmt: str) -> None:
    content = b"\n".join(text.encode(encoding, errors="replace") for text, encoding in pieces)
    _extract(content, fmt)


@settings(max_examples=8)  # a second or more per example: the same few in every profile
@given(st.integers(20_000, 200_000), st.sampled_from(["html", "text"]))
def test_giant_single_line(length: int, fmt: str) -> None:
    line = ("The council said on Monday that the bridge would reopen " * (length // 55 + 1))[:length]
    content = (f"<html><body><p>{line}</p></body></html>" if fmt == "html" else f"Title\n\n{line}\n").encode()
    article = _extract(content, fmt)
    assert article is not None and "bridge would reopen" in article.text


# measured worst cases (bench/hostile.py): peak traced memory stays under ~40x the input
@pytest.mark.parametrize(("fmt", "content"), [
    ("html", b"<html><body>" + b"<div>" * 40_000 + b"<p>deep</p>" + b"</div>" * 40_000 + b"</body></html>"),
    ("html", b"<html><body>" + b"<p>Sentence number one is here. Another one follows.</p>" * 2_500 + b"</body></html>"),
    ("text", b"A short line of text, one of very many.\n" * 5_000),
], ids=["nested-divs", "many-paragraphs", "many-lines"])
def test_large_inputs_have_bounded_memory(fmt: str, content: bytes) -> None:
    _extract(content[:20_000], fmt, encoding="utf-8")  # models load once per process: not the document's cost
    tracemalloc.start()
    try:
        _extract(content, fmt, encoding="utf-8")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # the text path also holds one float32 feature row per line for the line scorer
    bound = 40 if fmt == "html" else 50
    assert peak < bound * len(content), f"{peak / 1e6:.1f} MB for {len(content) / 1e6:.2f} MB of input"
