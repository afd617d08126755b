import pytest

from newsdesk.stories import StoryEngine
from newsdesk.stories.embed import get_embedder, model_files

from .samples import others, reports, wire_pair

EMBEDDERS = ["hashing", pytest.param("minilm", marks=pytest.mark.skipif(model_files() is None, reason="MiniLM not installed"))]


def run(engine, articles, start=1):
    """Assign in order; the caller gives new stories ids like the store would."""
    out = []
    for i, a in enumerate(articles, start):
        asg = engine.assign(i, a)
        sid = asg.story_id
        if sid is None:
            sid = 100 + i
            engine.confirm(i, sid)
        out.append((sid, asg))
    return out


@pytest.mark.parametrize("kind", EMBEDDERS)
def test_three_outlets_one_event_one_story_and_unrelated_apart(kind):
    engine = StoryEngine(embedder=kind)
    res = run(engine, reports() + others())
    ids = [sid for sid, _ in res]
    assert ids[0] == ids[1] == ids[2]
    assert len({ids[0], ids[3], ids[4]}) == 3
    story = engine.stories[ids[0]]
    assert set(story.outlets) == {"BBC News", "The Guardian", "Al Jazeera"}
    joined = res[2][1]
    assert not joined.new_story and joined.story_id == ids[0]
    assert "Istanbul" in joined.shared_entities
    assert joined.similar_articles and joined.similar_articles[0][0] in (1, 2)
    assert "joined story" in joined.reason


@pytest.mark.parametrize("kind", EMBEDDERS)
def test_works_without_enrichment(kind):
    engine = StoryEngine(embedder=kind)
    ids = [sid for sid, _ in run(engine, reports(enriched=False) + others(enriched=False))]
    assert ids[0] == ids[1] == ids[2] and len(set(ids)) == 3


def test_forced_fallback_does_not_load_the_model():
    engine = StoryEngine(embedder="hashing")
    run(engine, reports())
    assert engine.embedder.name == "hashing" and engine.embedder_name == "hashing"


def test_dump_load_keeps_stories_and_state_is_compact():
    engine = StoryEngine(embedder="hashing")
    arts = reports()
    first = run(engine, arts[:2])
    blob = engine.dump()
    assert isinstance(blob, bytes) and len(blob) < 50_000
    again = StoryEngine.load(blob, embedder="hashing")
    asg = again.assign(3, arts[2])
    assert asg.story_id == first[0][0]
    assert StoryEngine.load(None, embedder="hashing").stories == {}
    with pytest.raises(ValueError, match="story engine state"):
        StoryEngine.load(b"not a blob", embedder="hashing")


def month_apart(engine):
    """Story 101 from a report, story 102 from an unrelated one a month later; returns the
    second report (not yet assigned), dated like the later one."""
    from datetime import timedelta

    arts = reports()
    run(engine, arts[:1])
    later = others()[0]
    later.published = arts[0].published + timedelta(days=30)
    run(engine, [later], start=2)
    arts[1].published = later.published
    return arts[1]


def test_old_stories_age_out_of_the_candidate_set():
    engine = StoryEngine(embedder="hashing")
    second = month_apart(engine)
    engine.evict()
    assert list(engine.stories) == [102]
    sid, asg = run(engine, [second], start=3)[0]
    assert asg.new_story  # the month-old story is no longer a candidate


def test_a_bridging_article_merges_two_stories():
    from newsdesk.stories import Params

    engine = StoryEngine(embedder="hashing", params=Params(threshold=0.5))
    a, b = wire_pair()
    # two stories about the same event started apart (strict threshold for the first two)
    engine.params.threshold = 2.0
    run(engine, [a, reports()[0]])
    engine.params.threshold = 0.3
    run(engine, [reports()[1]], start=3)
    merges = engine.take_merges()
    assert merges and len(engine.stories) == 1
    assert engine.take_merges() == []


def test_saving_the_state_does_not_change_later_assignments():
    """The pipeline saves the engine every 30 s of wall time: when a save falls must not
    decide which stories are still candidates (a save used to age out old stories)."""
    def feed(save_between: bool) -> tuple[list[int], bytes]:
        engine = StoryEngine(embedder="hashing")
        second = month_apart(engine)
        if save_between:
            engine.dump()
        ids = [sid for sid, _ in run(engine, [second], start=3)]
        return ids + sorted(engine.stories), engine.dump()

    saved, blob = feed(save_between=True)
    assert saved == feed(save_between=False)[0]
    assert saved[0] == 101  # the month-old story was still in the window's slack: joined, not aged out
    assert sorted(StoryEngine.load(blob, embedder="hashing").stories) == saved[1:] == [101, 102]
