"""The co-occurrence graph's layout: deterministic, ranked clockwise, stronger ties closer and thicker."""

from __future__ import annotations

import math

from newsdesk.store.entity_models import EntitySummary
from newsdesk.web.entity_graph import MAX_NODES, WIDTH, HEIGHT, layout_entity_graph, short_label

CENTRE = EntitySummary(1, "Harbourtown", "GPE", article_count=40)


def _pairs() -> list[tuple[EntitySummary, int]]:
    return [
        (EntitySummary(5, "Port Authority", "ORG", article_count=3), 2),
        (EntitySummary(4, "Maria Costa", "PERSON", article_count=30), 9),
        (EntitySummary(7, "Alpha", "PERSON", article_count=1), 2),
        (EntitySummary(9, "Zeta Island", "GPE", article_count=8), 1),
    ]


def test_ranked_clockwise_from_the_top_and_stronger_ties_sit_closer() -> None:
    g = layout_entity_graph(CENTRE, _pairs())
    assert g is not None and (g.cx, g.cy) == (WIDTH / 2, HEIGHT / 2)
    # most shared first; equal counts by name
    assert [n.entity.name for n in g.nodes] == ["Maria Costa", "Alpha", "Port Authority", "Zeta Island"]
    top, right, bottom, left = g.nodes
    assert top.x == g.cx and top.y < g.cy and top.anchor == "middle"
    assert right.x > g.cx and right.anchor == "start" and left.x < g.cx and left.anchor == "end"
    assert bottom.y > g.cy and bottom.label_y > bottom.y  # the label below a bottom node
    distance = {n.entity.name: math.dist((n.x, n.y), (g.cx, g.cy)) for n in g.nodes}
    assert distance["Maria Costa"] < distance["Alpha"] == distance["Port Authority"] < distance["Zeta Island"]
    assert top.edge_width > right.edge_width > left.edge_width
    assert top.r > left.r > right.r  # node size follows how often the entity is mentioned overall
    assert [n.kind for n in g.nodes] == ["person", "person", "org", "place"]
    assert all(n.href == f"/entities/{n.entity.id}" for n in g.nodes)
    assert "Maria Costa (9)" in g.description and g.title == "Entities often mentioned with Harbourtown"


def test_same_input_same_drawing_and_input_order_does_not_matter() -> None:
    pairs = _pairs()
    assert layout_entity_graph(CENTRE, pairs) == layout_entity_graph(CENTRE, list(reversed(pairs)))


def test_nodes_stay_on_the_canvas_and_long_names_are_cut() -> None:
    many = [(EntitySummary(i, f"Entity number {i} with a very long name", "ORG", article_count=i), i) for i in range(2, 40)]
    g = layout_entity_graph(CENTRE, many)
    assert g is not None and len(g.nodes) == MAX_NODES
    assert all(n.r <= n.x <= WIDTH - n.r and n.r <= n.y <= HEIGHT - n.r for n in g.nodes)
    assert len({(n.x, n.y) for n in g.nodes}) == MAX_NODES  # no two nodes on one spot
    assert short_label("Entity number 2 with a very long name") == "Entity number 2 wit…"
    assert short_label("Short") == "Short"


def test_no_co_occurring_entity_draws_nothing() -> None:
    assert layout_entity_graph(CENTRE, []) is None
