"""Read queries shared by the HTML views and the JSON API.

Both front ends call these and only format the result differently, so a page
and its API twin can never disagree about what the store holds.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from newsdesk.models import Assignment, EntityMention, Quote
from newsdesk.store.base import SearchFilters, SearchHit, Storage, StoredArticle, StoryDetail, StorySummary

MAX_LIMIT = 200
MAX_QUERY_CHARS = 500
OTHERS_SHOWN = 50  # an article page's "same story elsewhere" (and its API twin's story_articles)
OTHERS_READ = 200  # story heads read to find them (same-outlet copies are left out)


def clamp(limit: int, offset: int = 0) -> tuple[int, int]:
    return max(1, min(limit, MAX_LIMIT)), max(0, offset)


def outlet_names(stored: StoredArticle) -> list[str]:
    """Every outlet that carried the article, the article's own first, no repeats."""
    names: list[str] = []
    for name in [stored.article.outlet, *(o.name for o in stored.outlets)]:
        if name and name not in names:
            names.append(name)
    return names


@dataclass
class ArticlePage:
    stored: StoredArticle
    story: StorySummary | None
    others: list[StoredArticle]  # same story, other outlets, newest first
    assignment: Assignment | None

    @property
    def outlets(self) -> list[str]:
        return outlet_names(self.stored)

    def entity_groups(self) -> dict[str, list[tuple[str, int]]]:
        return group_entities(self.stored.article.entities)

    def quote_groups(self) -> QuoteGroups:
        return group_quotes(self.stored.article.quotes)

    @property
    def also_outlets(self) -> list[str]:
        """Other outlets covering the same story ("also covered by N outlets")."""
        own = set(self.outlets)
        return [o for o in (self.story.outlets if self.story else []) if o not in own]

    def to_json(self) -> dict[str, Any]:
        data = self.stored.to_json()
        data["story"] = self.story.to_json() if self.story else None
        data["story_articles"] = [article_brief(o) for o in self.others]
        if self.assignment is not None:
            data["assignment_reason"] = self.assignment.reason
        return data


@dataclass
class StoryPage:
    detail: StoryDetail
    reasons: dict[int, Assignment] = field(default_factory=dict)

    def coverage_by_outlet(self) -> list[tuple[str, list[StoredArticle]]]:
        """Each outlet with the story's articles it carried, most articles first."""
        by: dict[str, list[StoredArticle]] = {}
        for stored in self.detail.articles:
            for name in outlet_names(stored) or ["unknown outlet"]:
                by.setdefault(name, []).append(stored)
        return sorted(by.items(), key=lambda item: (-len(item[1]), item[0].casefold()))

    def to_json(self) -> dict[str, Any]:
        data = self.detail.summary.to_json()
        data["articles"] = [article_brief(a) for a in self.detail.articles]
        data["assignments"] = [
            {
                "article_id": article_id,
                "reason": a.reason,
                "score": a.score,
                "new_story": a.new_story,
                "shared_entities": a.shared_entities,
            }
            for article_id, a in self.detail.assignments
        ]
        data["data"] = self.detail.data
        return data


def article_brief(stored: StoredArticle) -> dict[str, Any]:
    """The short form of an article used in lists."""
    article = stored.article
    return {
        "id": stored.id,
        "title": article.title,
        "outlet": article.outlet,
        "outlets": outlet_names(stored),
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "first_seen": stored.first_seen.isoformat(),
        "story_id": stored.story_id,
    }


def hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "article_id": hit.article_id,
        "title": hit.title,
        "outlet": hit.outlet,
        "snippet": hit.snippet,
        "published": hit.published.isoformat() if hit.published else None,
        "story_id": hit.story_id,
        "rank": hit.rank,
    }


ENTITY_LABELS = {
    "PERSON": "People", "ORG": "Organisations", "GPE": "Places", "LOC": "Locations", "NORP": "Groups",
    "EVENT": "Events", "FAC": "Buildings and facilities", "PRODUCT": "Products", "WORK_OF_ART": "Works",
    "LAW": "Laws",
}
TYPE_ORDER = list(ENTITY_LABELS)


def entity_label(etype: str) -> str:
    return ENTITY_LABELS.get(etype, etype.replace("_", " ").title())


FRAGMENT_WORDS = 3  # a partial quote this short is a quoted word or phrase ('massive'), not a statement


@dataclass
class QuoteGroups:
    """An article's quotes for a reader: statements by speaker (first speaker first, unknown
    speakers last; a quote split by its cue joined back), and quoted words apart."""
    by_speaker: list[tuple[str | None, list[str]]]
    fragments: list[tuple[str, str | None]]  # (words, speaker)


def group_quotes(quotes: list[Quote]) -> QuoteGroups:
    groups: dict[str | None, list[str]] = {}
    fragments: list[tuple[str, str | None]] = []
    previous: Quote | None = None
    for quote in quotes:
        text = quote.text.strip()
        if quote.partial and len(text.split()) <= FRAGMENT_WORDS and not quote.continues:
            fragments.append((text.strip(" ,.;:"), quote.speaker))
            previous = None
            continue
        said = groups.setdefault(quote.speaker, [])
        if quote.continues and previous is not None and previous.speaker == quote.speaker and said:
            said[-1] = f"{said[-1]} … {text}"
        else:
            said.append(text)
        previous = quote
    ordered = [(speaker, said) for speaker, said in groups.items() if speaker] + (
        [(None, groups[None])] if groups.get(None) else [])
    return QuoteGroups(by_speaker=ordered, fragments=fragments)


def group_entities(mentions: list[EntityMention]) -> dict[str, list[tuple[str, int]]]:
    """Entities by type (people first), each name once with its mention count, most mentioned first.
    A name the tagger typed two ways ("Truth Social" as an organisation and as a place) is listed
    once, under the type most of its mentions got (the first one on a tie)."""
    votes: dict[str, dict[str, int]] = {}
    for mention in mentions:
        name = (mention.canonical or mention.name).strip()
        if name:
            by_type = votes.setdefault(name, {})
            by_type[mention.type] = by_type.get(mention.type, 0) + 1
    counts: dict[str, dict[str, int]] = {}
    for name, by_type in votes.items():
        etype = max(by_type, key=by_type.__getitem__)  # dicts keep first-seen order: ties go to the first
        counts.setdefault(etype, {})[name] = sum(by_type.values())
    order = sorted(counts, key=lambda t: (TYPE_ORDER.index(t) if t in TYPE_ORDER else len(TYPE_ORDER), t))
    return OrderedDict(
        (etype, sorted(counts[etype].items(), key=lambda item: (-item[1], item[0]))) for etype in order
    )


def latest_stories(store: Storage, limit: int = 30, offset: int = 0) -> list[StorySummary]:
    return store.list_stories(*clamp(limit, offset))


def front_page_stories(store: Storage, limit: int = 30, pool: int = 100, offset: int = 0,
                       filters: SearchFilters | None = None, topic: str = "") -> list[StorySummary]:
    """The most recently updated stories (those with an article passing the filters and
    topic words, when given), ordered by the stories stage's ranking (recent, widely
    covered, growing first) with `developing` set."""
    from newsdesk.stories import rank_stories  # heavy import, only when the page is asked for

    pool = max(pool, offset + limit)
    if (filters and filters.any()) or topic.strip():
        summaries = store.stories_by_ids(store.story_ids_matching(filters or SearchFilters(), topic, pool))
    else:
        summaries = store.list_stories(pool, 0)
    return rank_stories(summaries, datetime.now(timezone.utc))[offset:offset + limit]


def latest_articles(store: Storage, limit: int = 50, offset: int = 0) -> list[StoredArticle]:
    return store.list_articles(*clamp(limit, offset))


def search(store: Storage, query: str, limit: int = 20) -> list[SearchHit]:
    query = query.strip()[:MAX_QUERY_CHARS]
    if not query:
        return []
    return store.search(query, clamp(limit)[0])


def article_page(store: Storage, article_id: int) -> ArticlePage | None:
    """The article, its story's summary, why it joined and up to OTHERS_SHOWN of the story's
    other articles as light heads (a story of hundreds of articles is never loaded whole)."""
    stored = store.get_article(article_id)
    if stored is None:
        return None
    story, others, assignment = None, [], None
    if stored.story_id is not None:
        found = store.stories_by_ids([stored.story_id])
        if found:
            story = found[0]
            own = set(outlet_names(stored))
            heads = store.story_article_heads(stored.story_id, OTHERS_READ, newest_first=True)
            others = [a for a in heads if a.id != stored.id and not own.intersection(outlet_names(a))][:OTHERS_SHOWN]
            assignment = store.story_assignment(stored.story_id, stored.id)
    return ArticlePage(stored=stored, story=story, others=others, assignment=assignment)


def story_page(store: Storage, story_id: int, light: bool = True) -> StoryPage | None:
    """The story with its articles; `light`: as heads (the page and its API twin list them,
    never their texts; "Ask about this story" reads the texts)."""
    detail = store.get_story(story_id, light=light)
    if detail is None:
        return None
    return StoryPage(detail=detail, reasons=dict(detail.assignments))
