"""similar_sets (stories/text.py) finds exactly the pairs that comparing every pair finds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.stories.text import jaccard, similar_sets

WORDS = st.sampled_from(["talks", "ceasefire", "istanbul", "putin", "zelensky", "kyiv", "moscow", "monday", "delegation",
                         "proposal", "direct", "sanctions", "europe", "leaders", "meeting", "war"])


def _every_pair(sets: list[set[str]], threshold: float) -> list[list[int]]:
    return [[j for j, b in enumerate(sets) if jaccard(a, b) >= threshold] for a in sets]


@given(st.lists(st.sets(WORDS, max_size=9), max_size=40), st.sampled_from([0.3, 0.35, 0.5, 0.75, 1.0]))
def test_the_same_pairs_as_comparing_every_pair(sets: list[set[str]], threshold: float) -> None:
    assert similar_sets(sets, threshold) == _every_pair(sets, threshold)


def test_boundary_overlaps_are_kept() -> None:
    # jaccard exactly 0.5 (2 shared of 4) must match, as `>=` does pairwise
    sets = [{"a", "b", "c"}, {"b", "c", "d"}, {"x"}, set(), {"a", "b", "c"}]
    assert similar_sets(sets, 0.5) == [[0, 1, 4], [0, 1, 4], [2], [], [0, 1, 4]]
