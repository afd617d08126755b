"""The template globals that replaced the when/link_out/cites/entity_link macros escape what
they are given and render what the macros rendered."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from newsdesk.web.html_bits import cites, entity_link, link_out, when


def test_when_gives_a_time_element_with_the_date_and_the_age() -> None:
    moment = datetime.now(timezone.utc) - timedelta(hours=2, minutes=5)
    html = str(when(moment, None))
    assert html.startswith(f'<time datetime="{moment.isoformat()}" title="') and html.endswith(">2 hours ago</time>")
    assert str(when(moment, None, estimated=True)).endswith('>estimated</span>')
    assert when(None, None) == ""


def test_links_escape_their_text_and_refuse_unsafe_urls() -> None:
    assert str(link_out("https://a.example/x?a=1&b=2", "<b>t</b>")) == (
        '<a href="https://a.example/x?a=1&amp;b=2" rel="noopener noreferrer nofollow">&lt;b&gt;t&lt;/b&gt;</a>')
    assert str(link_out("javascript:alert(1)", "<i>x</i>")) == "&lt;i&gt;x&lt;/i&gt;"
    assert str(entity_link('A "&" <B>', {'A "&" <B>': 7})) == '<a href="/entities/7">A &#34;&amp;&#34; &lt;B&gt;</a>'
    assert str(entity_link("Ana Ruiz/&x", {})) == '<a href="/search?q=Ana%20Ruiz/%26x">Ana Ruiz/&amp;x</a>'


def test_cites_number_the_sources_and_coerce_ids() -> None:
    assert str(cites([4, "9", "x\"><script>"])) == (
        ' <span class="cites"><a href="/articles/4" title="source article">[1]</a>'
        '<a href="/articles/9" title="source article">[2]</a><a href="/articles/0" title="source article">[3]</a></span>')
    assert cites([]) == "" and cites(None) == ""
