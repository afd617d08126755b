from newsdesk.stories import StoryEngine, choose_canonical

from .samples import WIRE, article, others, wire_pair


def test_two_outlets_same_wire_story_are_one_article():
    first, second = wire_pair()
    engine = StoryEngine(embedder="hashing")
    assert engine.find_duplicate(first) is None
    engine.assign(10, first)
    engine.confirm(10, 1)
    assert engine.find_duplicate(second) == 10
    assert engine.add_duplicate(10, second) is False  # later and shorter: the first copy stays canonical
    assert engine.stories[1].outlets == {"Reuters": 1, "Daily Mail": 1}


def test_different_stories_and_short_texts_are_not_duplicates():
    first, _ = wire_pair()
    engine = StoryEngine(embedder="hashing")
    engine.remember(1, first)
    for a in others():
        assert engine.find_duplicate(a) is None
    short = article("X", "Brief", "Putin proposed talks.", first.published)
    engine.remember(2, short)
    assert engine.find_duplicate(article("Y", "Brief", "Putin proposed talks.", first.published)) is None


def test_canonical_is_earliest_unless_a_later_copy_is_clearly_more_complete():
    first, second = wire_pair()
    assert choose_canonical([second, first]) == 1
    trimmed = article("Reuters", first.title, WIRE.split("\n\n")[0], first.published)
    assert choose_canonical([trimmed, second]) == 1


def test_duplicates_survive_dump_and_load():
    first, second = wire_pair()
    engine = StoryEngine(embedder="hashing")
    engine.assign(10, first)
    engine.confirm(10, 1)
    again = StoryEngine.load(engine.dump(), embedder="hashing")
    assert again.find_duplicate(second) == 10
