"""Optional LLM rewrite of the extractive brief, checked against the sources.

Never required: with no `[llm] url` configured the extractive brief stands. With
one, the brief's sentences go to an OpenAI-compatible `/v1/chat/completions`
endpoint (through `newsdesk.sources.post`: stories never talk HTTP themselves),
numbered and carrying their citation markers. The answer is accepted only when
every line it gives is one of the sentences sent (no invented extra lines, none
missing), keeps exactly the citation markers the original sentence had, and is
supported by the cited articles: most of its content words appear in one
sentence of a cited article. Otherwise the extractive brief is kept and
`brief_backend.note` says why. Quotes ("What people are saying") are never sent:
they stay verbatim with their speakers.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from .story_data import as_items
from .text import content_words, sentences

PARTS = ("why_it_matters", "what_to_know", "what_happens_next")
MIN_SUPPORT = 0.6  # share of a rewritten sentence's content words found in one cited source sentence
_LINE = re.compile(r"^\s*(why_it_matters|what_to_know|what_happens_next)\s+(\d+)\s*:\s*(.+?)\s*$")
_MARK = re.compile(r"\[(\d+)\]")
SYSTEM = (
    "You edit a news brief. Rewrite each numbered line into clear, concise English. Keep every fact, add none, "
    "and keep the citation markers like [12] at the end of the line exactly as given. Answer with exactly one "
    "line per input line, starting with the same label and number, e.g. `what_to_know 2: text [12][15]`. "
    "No other text."
)


def rewrite_brief(data: dict[str, Any], articles: Any, llm: Any,
                  post: Callable[..., Any] | None = None) -> dict[str, Any]:
    """`data` (from build_story_data) with its brief rewritten when the rewrite passes every
    check; `data["brief_backend"]` = {"kind": "llm" | "extractive", "note": why}."""
    if not getattr(llm, "url", ""):
        return data | {"brief_backend": {"kind": "extractive", "note": "no LLM configured"}}
    lines = [(part, n, s) for part in PARTS for n, s in enumerate(data.get("brief", {}).get(part, []), 1)]
    if not lines:
        return data | {"brief_backend": {"kind": "extractive", "note": "nothing to rewrite"}}
    try:
        answer = _ask(lines, llm, post)
        rewritten = parse_answer(answer, lines)
        check_support(rewritten, lines, _source_sentences(articles))
    except Exception as exc:  # noqa: BLE001 - any failure keeps the extractive brief, and says why
        note = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return data | {"brief_backend": {"kind": "extractive", "note": f"LLM rewrite rejected: {note}"}}
    brief = dict(data["brief"])
    for part in PARTS:
        brief[part] = [dict(s, text=rewritten[(part, n)], extract=s["text"])
                       for n, s in enumerate(data["brief"].get(part, []), 1)]
    return data | {"brief": brief, "brief_backend": {"kind": "llm", "note": f"rewritten by {llm.model or 'the LLM'}, "
                                                                           "checked against the cited articles"}}


def _ask(lines: list[tuple[str, int, dict[str, Any]]], llm: Any, post: Callable[..., Any] | None) -> str:
    from newsdesk.sources.llm import chat

    prompt = "\n".join(f"{part} {n}: {s['text']} " + "".join(f"[{c}]" for c in s["cites"]) for part, n, s in lines)
    return chat(llm, [{"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}], post=post)


def parse_answer(content: str, lines: list[tuple[str, int, dict[str, Any]]]) -> dict[tuple[str, int], str]:
    """{(part, n): text with its markers}; raises ValueError naming the first line that breaks the rules."""
    sent = {(part, n): set(s["cites"]) for part, n, s in lines}
    out: dict[tuple[str, int], str] = {}
    for raw in content.strip().splitlines():
        if not raw.strip():
            continue
        m = _LINE.match(raw.strip().strip("`"))
        if m is None:
            raise ValueError(f"a line that is none of the sentences sent: {raw.strip()[:80]!r}")
        key, text = (m.group(1), int(m.group(2))), m.group(3)
        if key not in sent or key in out:
            raise ValueError(f"{key[0]} {key[1]} was not asked for (or given twice)")
        marks = {int(x) for x in _MARK.findall(text)}
        if not marks:
            raise ValueError(f"{key[0]} {key[1]} cites nothing: {text[:80]!r}")
        if marks != sent[key]:
            raise ValueError(f"{key[0]} {key[1]} cites {sorted(marks)}, the sentence cited {sorted(sent[key])}")
        out[key] = text
    missing = [f"{p} {n}" for p, n in sent if (p, n) not in out]
    if missing:
        raise ValueError(f"sentences missing from the answer: {', '.join(missing)}")
    return out


def check_support(rewritten: dict[tuple[str, int], str], lines: list[tuple[str, int, dict[str, Any]]],
                  sources: dict[int, list[set[str]]]) -> None:
    """Each rewritten sentence must say what one sentence of an article it cites says."""
    for key, text in rewritten.items():
        ws = content_words(_MARK.sub(" ", text))
        if not ws:
            raise ValueError(f"{key[0]} {key[1]} has no words")
        cited = [sw for c in map(int, _MARK.findall(text)) for sw in sources.get(c, [])]
        if not cited:
            raise ValueError(f"{key[0]} {key[1]} cites articles that are not in the story")
        support = max(len(ws & sw) / len(ws) for sw in cited)
        if support < MIN_SUPPORT:
            raise ValueError(f"{key[0]} {key[1]} is not supported by its sources "
                             f"(best overlap {support:.2f} < {MIN_SUPPORT}): {text[:80]!r}")


def _source_sentences(articles: Any) -> dict[int, list[set[str]]]:
    return {it.id: [content_words(s) for s in sentences(it.article)] for it in as_items(articles)}
