"""Event signature: years named outright; two reports naming only different years link less."""

import numpy as np

from newsdesk.models import Article, TimeMention
from newsdesk.stories import Params, StoryEngine
from newsdesk.stories.features import event_years
from newsdesk.stories.links import LinkWeights, member_of, similarities


def quake(year: str, guessed: bool = False) -> Article:
    text = f"A 6.1 magnitude earthquake struck the island on Sunday. In {year} a quake hit the same coast."
    when = "Sunday" if guessed else year
    return Article(title="Quake strikes island", text=text,
                   times=[TimeMention(when, 0, len(when), f"{year}-11-30" if guessed else year)])


def test_only_years_named_outright_count():
    assert event_years(quake("2008")) == frozenset({2008})
    assert event_years(quake("2009", guessed=True)) == frozenset()  # a resolver's guess is no evidence


def test_disjoint_years_lower_the_link_and_shared_years_do_not():
    vec = np.ones(4) / 2

    def member(i: int, years: set[int]):
        return member_of(i, 0, vec, ({"quake": 1.0}, 1.0), {}, None, lambda k: 1.0, years=frozenset(years))

    x, same, other, unknown = member(0, {2008}), member(1, {2008, 2004}), member(2, {2013}), member(3, set())
    plain = similarities(x, [same, other, unknown], LinkWeights())
    sims = similarities(x, [same, other, unknown], LinkWeights(year_conflict=0.9))
    assert plain[0] == plain[1] == plain[2]
    assert sims[0] == plain[0] and sims[2] == plain[2]
    assert abs(sims[1] - 0.9 * plain[1]) < 1e-6


def test_years_survive_a_dump_and_load():
    engine = StoryEngine(embedder="hashing", params=Params(year_conflict=0.9))
    engine.assign(1, quake("2008"))
    engine.confirm(1, 100)
    again = StoryEngine.load(engine.dump(), embedder="hashing")
    assert again.members[1].years == frozenset({2008})
