from __future__ import annotations

import pytest

from newsdesk.models import Article


@pytest.fixture
def filled(store):
    store.save_article(Article(url="https://ex.com/1", outlet="Daily", title="Talks in Istanbul",
                               text="Putin proposed talks in Istanbul on Thursday.\n\nZelensky agreed."))
    store.save_article(Article(url="https://ex.com/2", outlet="Evil <b>Outlet</b>", title="<script>x</script> Grain",
                               text='Grain exports & <img src=x onerror=alert(1)> "ships" rose.'))
    return store


def test_search_finds_and_marks(filled) -> None:
    hits = filled.search("istanbul")
    assert len(hits) == 1 and hits[0].title == "Talks in Istanbul"
    assert "<mark>Istanbul</mark>" in hits[0].snippet and hits[0].outlet == "Daily"
    assert filled.search("talk")  # porter stemming: talk ~ talks
    assert filled.search('"Putin proposed"') and not filled.search('"proposed Putin"')


def test_snippet_escapes_publisher_html(filled) -> None:
    hit = filled.search("grain")[0]
    assert "<img" not in hit.snippet and "&" + "lt;img" in hit.snippet
    assert "&" + "amp;" in hit.snippet
    assert hit.snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


@pytest.mark.parametrize("query", ['"', 'AND (', "NEAR(", "*", "-x", "^", "a OR", ")))", "'; DROP TABLE articles; --",
                                   "col:umn", "\x00", "", "   ", "Istanbul AND (", 'talks "', "title:Istanbul"])
def test_hostile_queries_never_raise(filled, query) -> None:
    hits = filled.search(query)
    assert isinstance(hits, list)
    assert filled.count_articles() == 2


def test_operators_are_plain_words(filled) -> None:
    assert [h.title for h in filled.search("Istanbul AND (")] == []  # "and" is a word here, absent from text
    assert [h.title for h in filled.search("Istanbul (")] == ["Talks in Istanbul"]
    assert filled.search("talks:Istanbul")[0].title == "Talks in Istanbul"  # not a column filter


def test_forged_sentinels_in_text_do_not_become_marks(store) -> None:
    store.save_article(Article(url="https://ex.com/3", outlet="X", title="Odd", text="odd \x02bold\x03 words here"))
    hit = store.search("words")[0]
    assert hit.snippet.count("<mark>") == 1


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_FTS_SYNTAX = st.sampled_from(['"', "(", ")", "*", "^", ":", "-", "+", "AND", "OR", "NOT", "NEAR", "{", "}", " "])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_FTS_SYNTAX, st.text(max_size=6)), max_size=12).map("".join))
def test_any_text_is_a_safe_query(filled, query) -> None:
    for hit in filled.search(query):
        assert hit.snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0
