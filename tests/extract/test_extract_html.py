"""HTML pages through extract(): body, metadata, figures, errors, decoding."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from newsdesk.extract import ExtractError, extract
from newsdesk.models import RawDocument

PARAS = [
    "The city council voted on Tuesday to approve a new budget that raises spending on public transport by a fifth.",
    "Supporters said the plan would cut traffic in the centre, while critics warned that property taxes would have to rise next year.",
    "The mayor, who proposed the budget in March, said she was pleased with the outcome of a long and difficult debate.",
    "A final vote on the tax changes is expected before the end of the summer, officials said on Wednesday evening.",
]

PAGE = """<!doctype html><html lang="en"><head><meta charset="{charset}">
<title>Council approves transport budget | Example Times</title>
<meta property="og:title" content="Council approves transport budget">
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2025-03-04T10:00:00Z">
<link rel="canonical" href="https://example.org/news/budget">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Council approves transport budget</h1>
<p>{p0}</p>
<figure><img src="https://example.org/img/council.jpg" alt="">
<figcaption>Councillors during the vote in the city hall. <span class="credit">Jane Roe/Example Agency</span></figcaption></figure>
<p>{p1}</p>
<h2>What comes next</h2>
<p>{p2}</p>
<p>Advertisement</p>
<p>{p3}</p>
<p>Sign up for our daily newsletter to get the latest news in your inbox.</p>
</article>
<footer><p>Copyright 2025 Example Times. All rights reserved.</p></footer>
</body></html>"""


def _page(tmp_path: Path, charset: str = "utf-8", body_extra: str = "") -> Path:
    html = PAGE.format(charset=charset, p0=PARAS[0] + body_extra, p1=PARAS[1], p2=PARAS[2], p3=PARAS[3])
    path = tmp_path / "page.html"
    path.write_bytes(html.encode(charset))
    return path


def _raw(path: Path, **kw) -> RawDocument:
    return RawDocument(uri=str(path), content=path.read_bytes(), **kw)


def test_html_body_metadata_and_figure(tmp_path):
    article = extract(_raw(_page(tmp_path)))
    assert article.title == "Council approves transport budget"
    assert article.paragraphs[0] == PARAS[0]
    for para in PARAS:
        assert para in article.paragraphs
    assert "What comes next" in article.subheadings
    for junk in ("Advertisement", "newsletter", "All rights reserved", "Jane Roe", "Councillors during"):
        assert junk not in article.text
    assert article.site_name == "Example Times"
    assert article.canonical_url == "https://example.org/news/budget"
    assert article.published == datetime(2025, 3, 4, 10, 0, tzinfo=timezone.utc)
    assert article.published_estimated is False
    [image] = article.images
    assert image.url == "https://example.org/img/council.jpg"
    assert image.caption == "Councillors during the vote in the city hall."
    assert image.credit == "Jane Roe/Example Agency"
    assert "<" not in article.text


def test_declared_charset_is_used(tmp_path):
    article = extract(_raw(_page(tmp_path, charset="iso-8859-1", body_extra=" Café owners agreed.")))
    assert "Café owners agreed." in article.text


def test_explicit_encoding_wins(tmp_path):
    path = _page(tmp_path, charset="cp1252", body_extra=" Naïve “quotes” stayed.")
    article = extract(_raw(path, encoding="cp1252"))
    assert "Naïve “quotes” stayed." in article.text


def test_format_override_reads_html_bytes_as_text(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Budget passes\n\n" + "\n".join(PARAS) + "\nShare this article\n", encoding="utf-8")
    article = extract(_raw(path, format="html"), format="text")
    assert article.title == "Budget passes"
    assert article.paragraphs == PARAS


def test_meta_hints_fill_what_the_page_lacks(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("\n".join(PARAS), encoding="utf-8")
    raw = _raw(path, format="text", meta={"title": "From the feed", "published": "2025-01-02T03:04:05Z", "outlet": "Feed Outlet"})
    article = extract(raw)
    assert article.title == "From the feed"
    assert article.outlet == "Feed Outlet"
    assert article.published == datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert article.published_estimated is False


@pytest.mark.parametrize(
    "content, fmt, reason",
    [
        (b"", "html", "empty document"),
        (b"   \n ", "text", "empty document"),
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "html", "no article body found"),
        (b"Home\nMenu\nSearch\n", "text", "no article body found"),
    ],
)
def test_errors_name_the_input(content, fmt, reason):
    with pytest.raises(ExtractError) as info:
        extract(RawDocument(uri="page.html", content=content, format=fmt))
    assert str(info.value) == f"page.html: {reason}"


def test_unknown_format_is_an_error():
    with pytest.raises(ExtractError, match=r"^page.bin: cannot extract format 'warc'"):
        extract(RawDocument(uri="page.bin", content=b"x" * 10), format="warc")
