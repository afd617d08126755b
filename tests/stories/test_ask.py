"""Answering a question from a story's own sentences: cited, merged across outlets, bounded."""

from __future__ import annotations

from newsdesk.models import Article
from newsdesk.stories import build_story_data
from newsdesk.stories.ask import answer_question, llm_prompt
from newsdesk.stories.embed import HashingEmbedder

STORY = [
    (11, Article(outlet="Alpha", title="Bridge closes", text=(
        "The Old Bridge closed on Monday after engineers found cracks in two pillars.\n\n"
        "Repairs are expected to take six weeks and cost about 2 million euros.\n\n"
        "Mayor Ana Lind said: “Safety comes first, whatever the traffic.”"))),
    (12, Article(outlet="Beta", title="Cracks shut Old Bridge", text=(
        "The Old Bridge closed on Monday after engineers found cracks in two pillars.\n\n"
        "Buses will take a detour through the harbour district."))),
]


def test_best_sentence_is_cited_by_every_outlet_that_carries_it() -> None:
    answer = answer_question("Why did the bridge close?", STORY, build_story_data(STORY))
    best = answer.sentences[0]
    assert best.text.startswith("The Old Bridge closed on Monday")
    assert best.cites == [11, 12] and best.outlets == ["Alpha", "Beta"]
    assert answer.confident


def test_rare_question_words_pick_their_sentence_with_or_without_embeddings() -> None:
    for embedder in (None, HashingEmbedder()):
        answer = answer_question("How long will repairs take and what will they cost?", STORY, embedder=embedder)
        assert answer.sentences[0].text.startswith("Repairs are expected"), embedder
        assert answer.sentences[0].cites == [11]


def test_unrelated_or_empty_question_gives_no_confident_answer() -> None:
    assert answer_question("", STORY).sentences == []
    answer = answer_question("zebra migration statistics", STORY)
    assert answer.sentences == [] and not answer.confident


def test_llm_prompt_holds_only_the_cited_sentences() -> None:
    answer = answer_question("Why did the bridge close?", STORY)
    messages = llm_prompt(answer)
    assert messages[0]["role"] == "system" and "ONLY the numbered statements" in messages[0]["content"]
    assert "[1] The Old Bridge closed on Monday" in messages[1]["content"]
    assert "detour" not in messages[1]["content"] or any("detour" in s.text for s in answer.sentences)


def _fluent_through_local_llm(reply: str) -> str | None:
    """The web panel's path: a real OpenAI-style server on 127.0.0.1 answering `reply`."""
    import json

    from newsdesk.config import Config, LLMConfig
    from newsdesk.web.ask import fluent_answer
    from tests.httpserver import LocalServer, send

    def handle(h) -> None:
        body = {"choices": [{"index": 0, "message": {"role": "assistant", "content": reply}}]}
        send(h, 200, json.dumps(body).encode(), "application/json")

    answer = answer_question("Why did the bridge close?", STORY)
    with LocalServer() as srv:
        srv.add_handler("/v1/chat/completions", handle)
        return fluent_answer(Config(llm=LLMConfig(url=srv.url("/v1"), model="tiny")), answer)


def test_llm_prose_is_shown_only_when_each_sentence_keeps_its_citations() -> None:
    faithful = "The Old Bridge closed on Monday after engineers found cracks in two pillars [1]."
    assert _fluent_through_local_llm(faithful) == faithful
    assert _fluent_through_local_llm("The bridge closed because of a terrorist plot.") is None  # uncited
    assert _fluent_through_local_llm("Aliens from Mars closed the bridge with lasers [1].") is None  # unsupported
    assert _fluent_through_local_llm("It closed on Monday [9].") is None  # a statement it was not given
