"""Small, distinct news pages written by the pipeline tests (no shared data needed)."""

from __future__ import annotations

import random
from pathlib import Path

TOPICS = [
    ("Flooding closes roads in Valencia", "Valencia", "Maria Lopez", "the regional emergency service"),
    ("Chip maker opens plant in Dresden", "Dresden", "Klaus Weber", "the company"),
    ("Harbour strike halts ships in Rotterdam", "Rotterdam", "Anna de Vries", "the dock workers' union"),
    ("Wildfire forces evacuations near Athens", "Athens", "Nikos Papadopoulos", "the fire brigade"),
    ("Rail tunnel under the Alps reopens", "Gotthard", "Sabine Keller", "the rail operator"),
    ("Drought cuts olive harvest in Jaen", "Jaen", "Carmen Ruiz", "the farmers' cooperative"),
]


WORDS = (
    "budget harbour council tram bridge museum school clinic market festival library station orchard "
    "factory airport stadium canal reservoir vineyard forest quarry tunnel ferry lighthouse theatre "
    "hospital brewery mill bakery garage warehouse pier dam observatory cathedral pantry circus"
).split()
VERBS = "approved delayed inspected reopened expanded criticised funded renamed closed surveyed".split()


def _sentences(rng: random.Random, place: str, count: int) -> list[str]:
    out = []
    for _ in range(count):
        a, b, c = rng.sample(WORDS, 3)
        out.append(f"In {place}, the {a} committee {rng.choice(VERBS)} plans for the {b} "
                   f"after {rng.randint(2, 900)} residents wrote about the {c}.")
    return out


def article_html(n: int, extra: str = "") -> str:
    title, place, person, body = TOPICS[n % len(TOPICS)]
    title = f"{title} ({n})"
    rng = random.Random(n)  # distinct, reproducible text per page: no two pages are near-copies
    paras = [
        f"{place} officials said on Tuesday that the situation was being watched closely by {body}.",
        f'"We are doing everything we can," said {person}, who leads the response in {place}.',
        " ".join(_sentences(rng, place, 3)),
        " ".join(_sentences(rng, place, 3)),
        f"Analysts expect the effects in {place} to last for several months, according to {body}.",
    ]
    if extra:
        paras.append(extra)
    body_html = "\n".join(f"<p>{p}</p>" for p in paras)
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta property="og:site_name" content="Example News {n % 3}">'
        f'<meta property="article:published_time" content="2025-05-{10 + n % 15:02d}T08:00:00Z"></head>'
        f"<body><header><nav>Home | World | Sport</nav></header>"
        f"<article><h1>{title}</h1>{body_html}</article>"
        f"<footer>Copyright Example News</footer></body></html>"
    )


def write_pages(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"page-{n:03d}.html"
        path.write_text(article_html(n), encoding="utf-8")
        paths.append(path)
    return paths
