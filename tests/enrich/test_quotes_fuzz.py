"""Any text: quotes come back with valid offsets and never raise (fallback tagger, fast)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.enrich import enrich
from newsdesk.models import Article

PIECES = ["Putin", "said", "he", "told", "Reuters", "the", "Kremlin", "'", '"', "“", "”", "‘", "’", "''",
          "Mr.", "Sen.", ",", ".", ":", "\n\n", "(D-Wash.)", "Trump's", "bloodbath", "according", "to"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_quotes_have_valid_offsets(pieces: list[str]) -> None:
    text = " ".join(pieces)
    article = enrich(Article(text=text), use_model=False)
    for q in article.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)
    for e in article.entities:
        assert text[e.start:e.end] == e.name


QUOTE_CHARS = "\"'“”‘’«»‹›„‚`´′″「」"


@given(st.text(alphabet=st.sampled_from(list(QUOTE_CHARS) + list("ab said. ,\n")), max_size=400))
def test_random_quote_marks_and_apostrophes(text: str) -> None:
    # unbalanced, nested and mixed quote marks: offsets stay valid, nothing raises
    article = enrich(Article(text=text), use_model=False)
    for q in article.quotes:
        assert 0 <= q.start < q.end <= len(text) and text[q.start:q.end] == q.text

