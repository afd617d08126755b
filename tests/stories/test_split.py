"""Stories split when their link graph falls apart: two events that looked like one at first."""

from __future__ import annotations

import math

import numpy as np

from newsdesk.models import Article
from newsdesk.stories import Params, StoryEngine


def unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def deg(a: float, b: float = 0.0) -> np.ndarray:
    """A direction at angle a (degrees) in the first plane, tilted by b out of it."""
    r, t = math.radians(a), math.radians(b)
    return unit(math.cos(r) * math.cos(t), math.sin(r) * math.cos(t), math.sin(t))


def engine(k: int = 1) -> StoryEngine:
    # lead vectors only: the geometry below decides everything (one link per article unless told)
    return StoryEngine(embedder="hashing", params=Params(threshold=0.4, k_links=k, w_lex=0.0, w_ent=0.0))


def feed(eng: StoryEngine, items: list[tuple[int, np.ndarray]], next_id: list[int]) -> dict[int, int]:
    for aid, vec in items:
        asg = eng.assign(aid, Article(title=f"report {aid}", text=f"report {aid}"), vector=vec)
        if asg.story_id is None:
            eng.confirm(aid, next_id[0])
            next_id[0] += 1
    return dict(eng.article_story)


def test_a_story_splits_when_a_second_event_forms_its_own_group() -> None:
    eng, ids = engine(), [100]
    # event A (1, 2); report 3 of event B arrives while only A exists and links to it (cos 60 deg = 0.5)
    story = feed(eng, [(1, deg(0)), (2, deg(0, 10)), (3, deg(60))], ids)
    assert story[1] == story[2] == story[3] and eng.take_splits() == []
    # report 4 of event B is far nearer to 3 (cos 15 deg) than 3 was to A: 3 drops its link to A
    story = feed(eng, [(4, deg(75))], ids)
    splits = eng.take_splits()
    assert len(splits) == 1
    split = splits[0]
    assert split.story == story[4] and split.articles == [1, 2] and split.into < 0
    assert "split from story" in split.reason and "1, 2" in split.reason
    eng.confirm_split(split.into, 200)
    assert eng.article_story[1] == eng.article_story[2] == 200 and eng.article_story[3] == story[4] != 200
    assert {m.story for m in (eng.members[1], eng.members[2])} == {200}
    assert eng.stories[200].n == 2 and eng.stories[story[4]].n == 2
    # the split-off story lives on: a third report of event A joins it
    after = feed(eng, [(5, deg(-5))], ids)
    assert after[5] == 200


def test_one_event_scattered_reports_do_not_split() -> None:
    eng, ids = engine(k=2), [100]  # the default k: two links keep a cloud of reports connected
    rng = np.random.default_rng(3)
    story = feed(eng, [(i, deg(*rng.normal(0, 8, 2))) for i in range(1, 25)], ids)
    assert len(set(story.values())) == 1 and eng.take_splits() == []


def test_split_state_survives_dump_and_load() -> None:
    eng, ids = engine(), [100]
    feed(eng, [(1, deg(0)), (2, deg(0, 10)), (3, deg(60)), (4, deg(75))], ids)
    split = eng.take_splits()[0]
    eng.confirm_split(split.into, 200)
    again = StoryEngine.load(eng.dump(), embedder="hashing", params=eng.params)
    assert again.members[1].story == 200 and again.members[3].links == eng.members[3].links
    after = feed(again, [(5, deg(-5)), (6, deg(80))], ids)
    assert after[5] == 200 and after[6] == after[3]
