"""Hand-written news articles for the stories tests: one wire story with a syndicated copy,
three outlets' reports of one event, and unrelated stories."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from newsdesk.models import Article, EntityMention, Event, Quote

WIRE = (
    "Russian President Vladimir Putin on Sunday proposed direct peace talks with Ukraine in Istanbul, "
    "offering to resume negotiations that collapsed in the first weeks of the war three years ago.\n\n"
    "\"We are proposing that Kyiv resume direct negotiations without any preconditions,\" Putin said "
    "in a televised statement from the Kremlin in the early hours of the morning.\n\n"
    "Putin said he would speak to Turkish President Tayyip Erdogan later in the day about hosting the talks, "
    "which he said could lead to a ceasefire and a lasting peace rather than a pause for rearmament.\n\n"
    "European leaders visiting Kyiv on Saturday had demanded that Russia agree to an unconditional "
    "30-day ceasefire or face massive new sanctions on its banking and energy sectors.\n\n"
    "Ukraine's foreign ministry did not immediately respond to a request for comment on the proposal."
)


def wire_copy() -> str:
    """The same wire text as another outlet runs it: a word changed, the last paragraph cut."""
    text = WIRE.replace("in the early hours of the morning", "early on Sunday")
    return text.rsplit("\n\n", 1)[0]


REPORTS = [
    (
        "BBC News",
        "Zelensky says he will meet Putin in Turkey on Thursday",
        "Ukrainian President Volodymyr Zelensky said he would personally wait for Vladimir Putin in Istanbul on "
        "Thursday, accepting the Kremlin's offer of direct talks while insisting on a ceasefire first.\n\n"
        "\"I will be waiting for Putin in Turkey on Thursday. Personally,\" Zelensky wrote on social media.\n\n"
        "The talks in Istanbul would be the first direct negotiations between Russia and Ukraine since the spring "
        "of 2022. Turkish President Tayyip Erdogan said Turkey was ready to host the meeting.\n\n"
        "The Kremlin has not said whether Putin himself will travel to Istanbul for the meeting on Thursday.",
        datetime(2025, 5, 12, 9, 0, tzinfo=timezone.utc),
    ),
    (
        "The Guardian",
        "Zelensky challenges Putin to face-to-face talks in Istanbul",
        "Volodymyr Zelensky has challenged Vladimir Putin to meet him in person in Istanbul on Thursday, "
        "raising the stakes after the Russian leader proposed the first direct talks between the two countries "
        "in three years.\n\n"
        "\"There is no point in prolonging the killings. I will be waiting for Putin in Turkey on Thursday,\" "
        "Zelensky said.\n\n"
        "Tayyip Erdogan, the Turkish president, told Zelensky in a phone call that Turkey was ready to host the "
        "negotiations in Istanbul. Donald Trump urged Ukraine to agree to the meeting immediately.\n\n"
        "European leaders said they would keep pressing for a 30-day ceasefire before any talks.",
        datetime(2025, 5, 12, 11, 30, tzinfo=timezone.utc),
    ),
    (
        "Al Jazeera",
        "Ukraine's Zelensky ready to meet Putin in Istanbul, calls for ceasefire",
        "Ukraine's President Volodymyr Zelensky says he is ready to meet Russian President Vladimir Putin in "
        "Istanbul on Thursday, after Moscow proposed direct negotiations between Russia and Ukraine.\n\n"
        "\"We expect a full and lasting ceasefire, starting from tomorrow, to provide the necessary basis for "
        "diplomacy,\" Zelensky said in a statement.\n\n"
        "Turkish President Tayyip Erdogan welcomed the plan and offered Istanbul as the venue. US President "
        "Donald Trump also backed the talks.\n\n"
        "A Kremlin spokesman said Russia would announce its delegation for the Istanbul talks on Wednesday.",
        datetime(2025, 5, 12, 15, 45, tzinfo=timezone.utc),
    ),
]

OTHER = [
    (
        "Reuters",
        "Heavy rains flood southern Brazil, thousands evacuated",
        "Torrential rains flooded towns across the southern Brazilian state of Rio Grande do Sul, forcing "
        "thousands of residents from their homes as rivers burst their banks.\n\n"
        "Civil defence officials said the Guaiba river in Porto Alegre had risen above its record level and "
        "warned that more rain was forecast for the weekend.\n\n"
        "Governor Eduardo Leite asked the federal government for emergency aid and helicopters to reach "
        "stranded families.",
        datetime(2025, 5, 12, 10, 0, tzinfo=timezone.utc),
    ),
    (
        "ESPN",
        "Real Madrid beat Barcelona in a dramatic Clasico",
        "Real Madrid came from behind to beat Barcelona 3-2 in a dramatic Clasico at the Santiago Bernabeu, "
        "with Kylian Mbappe scoring twice in the second half.\n\n"
        "Carlo Ancelotti praised his team's character after the match and said the title race was far from over.\n\n"
        "Barcelona remain top of La Liga with four games left to play.",
        datetime(2025, 5, 12, 21, 0, tzinfo=timezone.utc),
    ),
]

NAMES = {
    "Vladimir Putin": ("PERSON", ["Putin", "Vladimir Putin"]),
    "Volodymyr Zelensky": ("PERSON", ["Zelensky", "Volodymyr Zelensky"]),
    "Recep Tayyip Erdogan": ("PERSON", ["Tayyip Erdogan", "Erdogan"]),
    "Donald Trump": ("PERSON", ["Donald Trump", "Trump"]),
    "Istanbul": ("GPE", ["Istanbul"]),
    "Ukraine": ("GPE", ["Ukraine", "Kyiv"]),
    "Russia": ("GPE", ["Russia", "Moscow", "Kremlin"]),
    "Turkey": ("GPE", ["Turkey"]),
    "Brazil": ("GPE", ["Brazil"]),
    "Porto Alegre": ("GPE", ["Porto Alegre"]),
    "Real Madrid": ("ORG", ["Real Madrid"]),
    "Barcelona": ("ORG", ["Barcelona"]),
}


def tag_entities(text: str) -> list[EntityMention]:
    """Entity mentions found by a name list: what the enrich stage would give these texts."""
    out = []
    for canonical, (type_, forms) in NAMES.items():
        for form in forms:
            for m in re.finditer(rf"\b{re.escape(form)}\b", text):
                out.append(EntityMention(form, type_, m.start(), m.end(), canonical))
    return sorted(out, key=lambda e: e.start)


def tag_quotes(text: str, speaker: str) -> list[Quote]:
    return [Quote(m.group(1), speaker, None, None, "said", False, m.start(), m.end())
            for m in re.finditer(r'"([^"]+)"', text)]


def article(outlet: str, title: str, text: str, when: datetime, *, enriched: bool = True,
            speaker: str | None = None) -> Article:
    a = Article(url=f"https://{outlet.lower().replace(' ', '')}.example/{abs(hash(title)) % 10**6}",
                outlet=outlet, title=title, text=text, published=when)
    if enriched:
        a.entities = tag_entities(text)
        if speaker:
            a.quotes = tag_quotes(text, speaker)
    return a


def thursday_events(a: Article) -> list[Event]:
    """'on Thursday' sentences dated 2025-05-15, as the enrich stage's timeline would."""
    out = []
    for m in re.finditer(r"[^.]*\bon Thursday\b[^.]*\.", a.text):
        out.append(Event("2025-05-15", m.group(0).strip(), m.start(), m.end(),
                         entities=[e.canonical for e in tag_entities(m.group(0))]))
    return out


def reports(enriched: bool = True) -> list[Article]:
    arts = [article(o, t, x, w, enriched=enriched, speaker="Volodymyr Zelensky") for o, t, x, w in REPORTS]
    if enriched:
        for a in arts:
            a.events = thursday_events(a)
    return arts


def others(enriched: bool = True) -> list[Article]:
    return [article(o, t, x, w, enriched=enriched) for o, t, x, w in OTHER]


def wire_pair() -> tuple[Article, Article]:
    first = article("Reuters", "Putin proposes direct talks with Ukraine in Istanbul", WIRE,
                    datetime(2025, 5, 11, 1, 0, tzinfo=timezone.utc), speaker="Vladimir Putin")
    second = article("Daily Mail", "Putin offers Kyiv peace talks 'without preconditions'", wire_copy(),
                     datetime(2025, 5, 11, 3, 0, tzinfo=timezone.utc), speaker="Vladimir Putin")
    return first, second
