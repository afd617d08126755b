"""Matching new articles against one user's follows and saved searches."""

from __future__ import annotations

from typing import Any

from newsdesk.alerts.mutes import MuteRules

MAX_SCAN = 5000  # articles looked at per refresh; the cursor carries on next time


def new_matches(store: Any, user_id: int, after_id: int, upto_id: int) -> list[tuple[int, str]]:
    """(article_id, reason) for every article in (after_id, upto_id] one of the user's
    rules matches; the first rule to match gives the reason."""
    found: dict[int, str] = {}
    for follow in store.follows(user_id):
        if follow.kind == "entity":
            ids = store.articles_mentioning(follow.target, after_id, upto_id)
        elif follow.kind == "outlet":
            ids = store.articles_from_outlet(follow.target, after_id, upto_id)
        elif follow.target.isdigit():
            ids = store.articles_in_story(int(follow.target), after_id, upto_id)
        else:
            ids = []
        for article_id in ids:
            found.setdefault(article_id, f"{follow.kind}: {follow.target}")
    for saved in store.saved_searches(user_id):
        for article_id in store.articles_matching(saved.query, after_id, upto_id):
            found.setdefault(article_id, f"search: {saved.name}")
    return sorted(found.items())


def refresh_inbox(store: Any, user_id: int) -> int:
    """Adds the user's new matches (minus muted articles) to the inbox; returns how many."""
    cursor = store.start_alerts(user_id)
    newest = store.max_article_id()
    added = 0
    while cursor < newest:
        upto = min(newest, cursor + MAX_SCAN)
        matches = new_matches(store, user_id, cursor, upto)
        if matches:
            rules = MuteRules.of(store, user_id)
            if rules:
                kept = {a.id for a in rules.articles(store.articles_by_ids([m[0] for m in matches]))}
                matches = [m for m in matches if m[0] in kept]
        added += store.add_inbox_items(user_id, matches, upto)
        cursor = upto
    return added
