"""Optional LLM brief: a real OpenAI-style server on 127.0.0.1; rewrites are checked against the sources."""

from __future__ import annotations

import json
import re

import pytest

from newsdesk.config import LLMConfig
from newsdesk.stories import build_story_data
from newsdesk.sources.llm import endpoint
from newsdesk.stories.llm_brief import PARTS, rewrite_brief
from tests.httpserver import LocalServer, send

from .samples import reports

LINE = re.compile(r"^(\w+) (\d+): (.*?)((?:\[\d+\])+)\s*$")


def story():
    arts = [(11 + i, a) for i, a in enumerate(reports())]
    return arts, build_story_data(arts)


def openai_like(edit):
    """A chat-completions endpoint that rewrites each line it is sent with `edit(lines) -> lines`."""

    def handle(h) -> None:
        request = json.loads(h.body)
        lines = [LINE.match(ln).groups() for ln in request["messages"][-1]["content"].splitlines()]
        content = "\n".join(edit(lines))
        body = {"id": "x", "object": "chat.completion", "model": request["model"],
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}]}
        send(h, 200, json.dumps(body).encode(), "application/json")

    return handle


def faithful(lines):
    # a light edit: drop a leading article, keep the markers
    return [f"{p} {n}: {re.sub(r'^(The|A|An) ', '', text.strip())} {marks}" for p, n, text, marks in lines]


def run(edit, **llm):
    arts, data = story()
    with LocalServer() as srv:
        srv.add_handler("/v1/chat/completions", openai_like(edit))
        out = rewrite_brief(data, arts, LLMConfig(url=srv.url("/v1"), model="tiny", **llm))
        return data, out, srv.requests


def test_a_faithful_rewrite_replaces_the_brief_and_keeps_citations():
    data, out, requests = run(faithful)
    assert out["brief_backend"]["kind"] == "llm", out["brief_backend"]
    post = [r for r in requests if r.method == "POST"]
    assert len(post) == 1 and post[0].path == "/v1/chat/completions"
    sent = json.loads(post[0].body)
    prompt = sent["messages"][-1]["content"]
    assert sent["model"] == "tiny" and all(s["text"] in prompt for part in PARTS for s in data["brief"][part])
    for part in ("why_it_matters", "what_to_know", "what_happens_next"):
        for old, new in zip(data["brief"][part], out["brief"][part]):
            assert new["cites"] == old["cites"] and new["extract"] == old["text"]
            assert "".join(f"[{c}]" for c in old["cites"]) in new["text"]
    # quotes are never sent: they stay verbatim with their speakers
    assert out["brief"]["what_people_are_saying"] == data["brief"]["what_people_are_saying"]
    assert set(out["brief"]) == set(data["brief"]) and any(out["brief"][p] for p in PARTS)


def test_an_invented_uncited_sentence_is_rejected():
    data, out, _ = run(lambda lines: faithful(lines) + ["what_to_know 9: Officials said the summit was cancelled."])
    assert out["brief_backend"]["kind"] == "extractive"
    assert "not asked for" in out["brief_backend"]["note"]
    assert out["brief"] == data["brief"]


def test_an_unsupported_sentence_with_a_real_citation_is_rejected():
    def invent(lines):
        out = faithful(lines)
        p, n, _, marks = lines[0]
        out[0] = f"{p} {n}: Moscow cancelled every flight and closed its embassy in Paris overnight {marks}"
        return out

    data, out, _ = run(invent)
    assert out["brief_backend"]["kind"] == "extractive"
    assert "not supported by its sources" in out["brief_backend"]["note"]
    assert out["brief"] == data["brief"]


def test_dropped_citations_and_missing_lines_are_rejected():
    _, dropped, _ = run(lambda lines: [f"{p} {n}: {t}" for p, n, t, _ in lines])
    assert dropped["brief_backend"]["kind"] == "extractive" and "cites nothing" in dropped["brief_backend"]["note"]
    _, missing, _ = run(lambda lines: faithful(lines)[1:])
    assert "missing" in missing["brief_backend"]["note"]


def test_an_unreachable_or_slow_endpoint_keeps_the_extractive_brief():
    arts, data = story()
    with LocalServer() as srv:
        srv.add_hang("/v1/chat/completions")
        out = rewrite_brief(data, arts, LLMConfig(url=srv.url("/"), timeout_s=1.0))
    assert out["brief_backend"]["kind"] == "extractive" and "timed out" in out["brief_backend"]["note"]
    assert out["brief"] == data["brief"]
    assert rewrite_brief(data, arts, LLMConfig())["brief_backend"]["note"] == "no LLM configured"


@pytest.mark.parametrize("url, want", [
    ("http://h:1", "http://h:1/v1/chat/completions"), ("http://h:1/v1/", "http://h:1/v1/chat/completions"),
    ("http://h:1/v1/chat/completions", "http://h:1/v1/chat/completions")])
def test_endpoint_accepts_a_base_or_the_full_path(url, want):
    assert endpoint(url) == want
