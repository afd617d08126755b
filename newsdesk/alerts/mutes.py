"""Mute rules (outlets, keywords, entities) applied to what one user sees."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, TypeVar

from newsdesk.store.base import SearchHit, StoredArticle, StorySummary

T = TypeVar("T")


@dataclass
class MuteRules:
    outlets: set[str] = field(default_factory=set)  # lower case
    keywords: list[str] = field(default_factory=list)  # lower case
    entities: set[str] = field(default_factory=set)  # lower case

    @classmethod
    def of(cls, store: Any, user_id: int | None) -> "MuteRules":
        rules = cls()
        if user_id is None:
            return rules
        for mute in store.mutes(user_id):
            value = mute.value.strip().lower()
            if mute.kind == "outlet":
                rules.outlets.add(value)
            elif mute.kind == "keyword":
                rules.keywords.append(value)
            else:
                rules.entities.add(value)
        return rules

    def __bool__(self) -> bool:
        return bool(self.outlets or self.keywords or self.entities)

    def _has_keyword(self, *texts: str | None) -> bool:
        folded = " ".join(t for t in texts if t).lower()
        return any(word in folded for word in self.keywords)

    def hides_article(self, stored: StoredArticle) -> bool:
        article = stored.article
        outlets = {(name or "").lower() for name in [article.outlet, *(o.name for o in stored.outlets)]}
        if outlets & self.outlets:
            return True
        if self._has_keyword(article.title, article.text):
            return True
        names = {(m.canonical or m.name).lower() for m in article.entities} | {m.name.lower() for m in article.entities}
        return bool(names & self.entities)

    def articles(self, items: Iterable[StoredArticle]) -> list[StoredArticle]:
        return [a for a in items if not self.hides_article(a)] if self else list(items)

    def stories(self, store: Any, items: list[StorySummary]) -> list[StorySummary]:
        """A story goes when its title has a muted word, every outlet covering it is muted,
        or one of its articles mentions a muted entity."""
        if not self:
            return items
        mentioning = store.stories_mentioning(self.entities, [s.id for s in items]) if self.entities else set()
        return [
            s for s in items
            if s.id not in mentioning
            and not self._has_keyword(s.title)
            and not (s.outlets and all(o.lower() in self.outlets for o in s.outlets))
        ]

    def hits(self, store: Any, items: list[SearchHit]) -> list[SearchHit]:
        if not self:
            return items
        names = store.entity_names_of([h.article_id for h in items]) if self.entities else {}
        return [
            h for h in items
            if (h.outlet or "").lower() not in self.outlets
            and not self._has_keyword(h.title, h.snippet)
            and not (names.get(h.article_id, set()) & self.entities)
        ]
