"""The "Ask about this story" panel: answers from the story's own sentences, cited.

Offline by default (newsdesk.stories.ask). When `[llm] url` is configured, the cited
sentences are also rewritten as prose through `newsdesk.sources.llm.chat`, and the prose is
shown only when every sentence keeps citations it was given (`checked_fluent`); nothing is
sent anywhere otherwise.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from newsdesk.config import Config
from newsdesk.store.base import Storage, StorySummary
from newsdesk.stories.ask import Answer, answer_question, checked_fluent, llm_prompt
from newsdesk.web import queries
from newsdesk.web.deps import get_store, is_htmx
from newsdesk.web.views import render

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Question = Query(..., min_length=1, max_length=500, description="the reader's question")


def ask_story(store: Storage, config: Config, story_id: int, question: str) -> tuple[StorySummary, Answer]:
    page = queries.story_page(store, story_id, light=False)  # the answer quotes the texts
    if page is None:
        raise HTTPException(404, f"No story {story_id}")
    from newsdesk.stories.embed import get_embedder

    answer = answer_question(question, page.detail.articles, page.detail.data, embedder=get_embedder("auto"))
    answer.fluent = fluent_answer(config, answer)
    return page.detail.summary, answer


def fluent_answer(config: Config, answer: Answer) -> str | None:
    """Prose from the configured LLM, restricted to the cited sentences; None when not configured."""
    if not config.llm.url or not answer.sentences:
        return None
    from newsdesk.sources.llm import chat  # the one HTTP door

    try:
        text, why = checked_fluent(answer, chat(config.llm, llm_prompt(answer)))
    except Exception as exc:  # noqa: BLE001 - the offline answer stands on its own
        log.warning("LLM answer failed: %s", exc)
        return None
    if text is None:
        log.warning("LLM answer rejected: %s", why)
    return text


def background(store: Storage, story_id: int, limit: int = 5) -> tuple[StorySummary, list[str], list[tuple[StorySummary, int]]]:
    """Earlier stories sharing the story's main entities, most shared first."""
    found = store.stories_by_ids([story_id])
    if not found:
        raise HTTPException(404, f"No story {story_id}")
    story = found[0]
    names = store.story_entity_names(story_id, 6)
    related = store.related_stories(names, story.first_seen, story_id, limit)
    summaries = {s.id: s for s in store.stories_by_ids([i for i, _ in related])}
    return story, names, [(summaries[i], n) for i, n in related if i in summaries]


def background_json(names: list[str], related: list[tuple[StorySummary, int]]) -> dict[str, Any]:
    return {"entities": names, "stories": [s.to_json() | {"shared_entities": n} for s, n in related]}


@router.get("/stories/{story_id}/ask")
def ask(request: Request, story_id: int, q: str = Question, store: Storage = Depends(get_store)) -> HTMLResponse:
    story, answer = ask_story(store, request.app.state.config, story_id, q)
    name = "_answer.html" if is_htmx(request) else "ask.html"
    return render(request, name, story=story, answer=answer, q=answer.question)


@router.get("/stories/{story_id}/background")
def story_background(request: Request, story_id: int, store: Storage = Depends(get_store)) -> HTMLResponse:
    story, names, related = background(store, story_id)
    name = "_background.html" if is_htmx(request) else "ask.html"
    return render(request, name, story=story, names=names, related=related, answer=None)
