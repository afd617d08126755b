"""A large synthetic store for bench/web.py, built from the shared corpus.

Sentences come from the shared texts (the seed article and the ECB+ documents, one
document per story so a story reads as one event). Articles are written straight
through the store's save path (`save_article`, `save_story_assignment`) in batches of
one transaction each, with entities at real offsets and a quote. Story data (brief,
timeline) is built for the stories the benchmark requests. The finished file is kept
under the temp folder and reused while its parameters are the same.
"""

from __future__ import annotations

import random
import re
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
CORPUS = SHARED / "corpus" / "text"
ECB = SHARED / "bench" / "stories" / "ecbplus-dev"
OUTLETS = [f"{name} {kind}" for name in ("North", "Harbour", "City", "Daily", "Morning", "Evening", "Valley",
                                          "Coast", "Metro", "National") for kind in ("Herald", "Times")]
PER_STORY = 5
BATCH = 1000
_CAPS = re.compile(r"\b[A-Z][a-z]{3,}(?: [A-Z][a-z]{3,})?\b")


def documents() -> list[list[str]]:
    """Sentence lists, one per shared document."""
    docs: list[list[str]] = []
    for path in sorted(CORPUS.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 40]
        docs.append(lines)
    if ECB.exists():
        sys.path.insert(0, str(ROOT / "bench"))
        from ecbplus_data import load_all

        docs += [[s for s in d.text.splitlines() if len(s) > 30] for d in load_all(ECB)]
    docs = [d for d in docs if len(d) >= 4]
    if not docs:
        raise SystemExit(f"no shared corpus under {CORPUS} or {ECB}: bench/web.py needs ../shared")
    return docs


def make_article(rng: random.Random, doc: list[str], outlet: str, when: datetime, n: int):  # noqa: ANN201
    from newsdesk.models import Article, EntityMention, Quote

    picked = rng.sample(doc, min(len(doc), rng.randint(6, 12)))
    paragraphs = [" ".join(picked[i:i + 2]) for i in range(0, len(picked), 2)]
    said = rng.choice(doc)[:120].rstrip(" .,")
    paragraphs.insert(1, f"“{said},” a spokesperson said.")
    text = "\n\n".join(paragraphs)
    entities = []
    for match in list(_CAPS.finditer(text))[:12]:
        entities.append(EntityMention(match.group(0), rng.choice(["PERSON", "ORG", "GPE"]), match.start(), match.end()))
    start = text.index(said)
    quotes = [Quote(said, "a spokesperson", None, None, "said", False, start, start + len(said))]
    title = picked[0][:110].rstrip(" ,.;")
    return Article(url=f"https://{outlet.lower().replace(' ', '-')}.example/a/{n}", outlet=outlet, title=title,
                   published=when, language="en", text=text, entities=entities, quotes=quotes)


def build_store(path: Path, articles: int, seed: int = 7, story_data_for: int = 300) -> None:
    """Write `articles` synthetic articles (PER_STORY per story) into a new store at `path`."""
    from newsdesk.models import Assignment
    from newsdesk.store import open_store
    from newsdesk.stories import build_story_data

    rng = random.Random(seed)
    docs = documents()
    store = open_store(f"sqlite:///{path}")
    now = datetime.now(timezone.utc)
    started, made, story_ids = time.perf_counter(), 0, []
    while made < articles:
        with store.db.write():  # one transaction per batch, through the normal save path
            for _ in range(BATCH // PER_STORY):
                if made >= articles:
                    break
                doc = rng.choice(docs)
                # oldest first, the newest stories at the end (as a running desk would have them)
                base = now - timedelta(days=90) * (1 - made / articles) - timedelta(minutes=rng.randint(60, 240))
                story_id = None
                for k in range(min(PER_STORY, articles - made)):
                    article = make_article(rng, doc, rng.choice(OUTLETS), base + timedelta(minutes=17 * k), made)
                    article_id = store.save_article(article).article_id
                    story_id = store.save_story_assignment(
                        article_id, Assignment(story_id, 0.8, story_id is None, reason="synthetic"), article.title or "")
                    made += 1
                story_ids.append(story_id)
        print(f"\r  built {made}/{articles} articles ({time.perf_counter() - started:.0f} s)", end="", file=sys.stderr)
    print(file=sys.stderr)
    for story_id in story_ids[-story_data_for:]:  # the newest: those the front page and the bench show
        detail = store.get_story(story_id)
        store.save_story_data(story_id, build_story_data(detail.articles))
    store.db.conn().execute("ANALYZE")
    store.close()
