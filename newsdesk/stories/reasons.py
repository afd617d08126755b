"""The one-line reasons kept with every assignment and split, shown on the story page."""

from __future__ import annotations

from .links import Member


def reason_new(best: tuple[Member, float] | None) -> str:
    if best is None:
        return "new story: no recent story to compare with"
    return f"new story: closest article {best[0].id} (story {best[0].story}) scored {best[1]:.2f}, under the link bar"


def reason_join(me: Member, story_id: int, shared: list[str]) -> str:
    links = ", ".join(f"article {a} ({s:.2f})" for s, a in me.links)
    parts = [f"nearest articles {links}"]
    if shared:
        parts.append("shared entities " + ", ".join(shared[:5]))
    return f"joined story {story_id} with score {me.links[0][0]:.2f}: " + "; ".join(parts)


def reason_split(story_id: int, group: list[int], moved: list[Member]) -> str:
    return (f"split from story {story_id}: articles {', '.join(map(str, sorted(group)))} link only to each other "
            f"once closer reports arrived (nearest links {', '.join(f'{s:.2f}' for m in moved for s, _ in m.links[:1])})")
