from newsdesk.models import Article
from newsdesk.web.body import article_body
from newsdesk.web.sanitize import safe_url, snippet_html


def test_snippet_keeps_only_mark() -> None:
    html = str(snippet_html('talks in <mark>Istanbul</mark> <script>alert(1)</script><img src=x onerror="alert(2)">'))
    assert "<mark>Istanbul</mark>" in html
    assert "<script" not in html and "onerror" not in html and "<img" not in html


def test_snippet_drops_attributes_on_mark() -> None:
    assert str(snippet_html('<mark onclick="x()" class="y">a</mark>')) == "<mark>a</mark>"


def test_safe_url_allows_only_http() -> None:
    assert safe_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    assert safe_url(" http://example.com ") == "http://example.com"
    for bad in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>", "//evil.test/x", "/local", "", None, "http://"]:
        assert safe_url(bad) is None, bad


def test_body_places_kept_subheadings_and_outlines_the_rest() -> None:
    article = Article(
        text="First paragraph.\n\nWhat comes next\n\nSecond paragraph.\n\nThird.",
        subheadings=["What comes next", "A heading the text lost"],
    )
    body = article_body(article)
    assert body.blocks == [
        ("p", "First paragraph."),
        ("h2", "What comes next"),
        ("p", "Second paragraph."),
        ("p", "Third."),
    ]
    assert body.outline == ["A heading the text lost"]
