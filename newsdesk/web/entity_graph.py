"""The entity page's "often together with" drawn as a small graph: the layout of an inline SVG.

The entity sits in the middle; each co-occurring entity is a node on a ring around it, in
rank order clockwise from the top (most shared articles first), pulled closer and joined by
a thicker edge the more articles they share. A node's size says how often that entity is
mentioned overall; its colour class says its type. The layout is a pure function of the
ranked list (no randomness, no force simulation), so a page renders the same every time and
tests can check positions. Only coordinates are computed here: `_entity_graph.html` writes the
SVG through Jinja autoescape, so a hostile entity name is text, never markup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from newsdesk.store.entity_models import EntitySummary

WIDTH = 520.0  # room for labels left and right of the ring
HEIGHT = 300.0
MAX_NODES = 12  # more would not fit around one ring with readable labels
RING_NEAR = 70.0  # distance of the entity sharing the most articles
RING_FAR = 112.0  # distance of one sharing a single article
CENTRE_R = 11.0
NODE_MIN_R = 4.0
NODE_MAX_R = 9.0
EDGE_MIN = 1.0
EDGE_MAX = 5.0
LABEL_CHARS = 20  # longer names are cut with an ellipsis (the full name is in the node's title)
LABEL_GAP = 5.0
TYPE_CLASS = {"PERSON": "person", "PER": "person", "ORG": "org", "GPE": "place", "LOC": "place",
              "FAC": "place", "NORP": "group", "EVENT": "event"}


@dataclass
class GraphNode:
    entity: EntitySummary
    shared: int  # articles shared with the centre entity
    x: float
    y: float
    r: float
    edge_width: float
    label: str  # possibly shortened; `entity.name` is the full name
    label_x: float
    label_y: float
    anchor: str  # SVG text-anchor: start (right half), end (left half), middle (top and bottom)
    kind: str  # CSS class for the type

    @property
    def href(self) -> str:
        return f"/entities/{self.entity.id}"


@dataclass
class EntityGraph:
    title: str
    description: str
    width: float
    height: float
    cx: float
    cy: float
    centre_r: float
    centre: EntitySummary
    nodes: list[GraphNode]


def short_label(name: str, limit: int = LABEL_CHARS) -> str:
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _anchor(dx: float) -> str:
    if abs(dx) < 0.3:  # near the vertical axis: centre the label above or below the node
        return "middle"
    return "start" if dx > 0 else "end"


def layout_entity_graph(centre: EntitySummary, co_occurring: list[tuple[EntitySummary, int]]) -> EntityGraph | None:
    """Place up to MAX_NODES co-occurring entities around `centre`; None when there are none."""
    ranked = sorted(co_occurring, key=lambda pair: (-pair[1], pair[0].name.casefold(), pair[0].id))[:MAX_NODES]
    if not ranked:
        return None
    cx, cy = WIDTH / 2, HEIGHT / 2
    most_shared = max(shared for _, shared in ranked)
    most_mentioned = max(max(e.article_count for e, _ in ranked), 1)
    nodes = []
    for index, (entity, shared) in enumerate(ranked):
        angle = -math.pi / 2 + 2 * math.pi * index / len(ranked)  # clockwise from the top
        dx, dy = math.cos(angle), math.sin(angle)
        closeness = shared / most_shared  # 1 for the strongest tie
        distance = RING_FAR - (RING_FAR - RING_NEAR) * closeness
        r = NODE_MIN_R + (NODE_MAX_R - NODE_MIN_R) * math.sqrt(max(entity.article_count, 0) / most_mentioned)
        x, y = cx + dx * distance, cy + dy * distance
        anchor = _anchor(dx)
        gap = r + LABEL_GAP
        label_x = x + (dx * gap if anchor != "middle" else 0.0)
        label_y = y + dy * gap + (4.0 if anchor != "middle" else (-2.0 if dy < 0 else 10.0))
        nodes.append(GraphNode(
            entity=entity, shared=shared, x=round(x, 1), y=round(y, 1), r=round(r, 1),
            edge_width=round(EDGE_MIN + (EDGE_MAX - EDGE_MIN) * closeness, 2),
            label=short_label(entity.name), label_x=round(label_x, 1), label_y=round(label_y, 1),
            anchor=anchor, kind=TYPE_CLASS.get(entity.type.upper(), "other"),
        ))
    names = ", ".join(f"{n.entity.name} ({n.shared})" for n in nodes)
    return EntityGraph(
        title=f"Entities often mentioned with {centre.name}",
        description=f"{len(nodes)} entities, with the number of articles each shares with {centre.name}: {names}",
        width=WIDTH, height=HEIGHT, cx=cx, cy=cy, centre_r=CENTRE_R, centre=centre, nodes=nodes,
    )
