"""Quote styles and speaker cues, one news-style paragraph set per case."""

from __future__ import annotations

import pytest

from newsdesk.enrich import enrich
from newsdesk.models import Article, Quote
from tests.conftest import SEED, need_shared


def _quotes(text: str, use_model: bool | None = None) -> list[Quote]:
    return enrich(Article(text=text), use_model=use_model).quotes


def _by_start(quotes: list[Quote], opening: str) -> Quote:
    return next(q for q in quotes if q.text.startswith(opening))


@pytest.mark.parametrize("use_model", [None, False])
def test_pronoun_speaker_resolves_to_the_subject(use_model: bool | None) -> None:
    text = (
        "Chancellor Olaf Scholz met Emmanuel Macron in Berlin on Monday.\n\n"
        "Scholz said the talks had gone well. \u201cWe agree on almost everything,\u201d he said."
    )
    q = _by_start(_quotes(text, use_model), "We agree")
    assert q.speaker == "Olaf Scholz" and q.cue == "said" and text[q.speaker_start:q.speaker_end] == "he"


def test_said_colon_and_told_reuters() -> None:
    text = (
        "Finance Minister Rachel Reeves said: \u201cThe budget is fully funded.\u201d\n\n"
        "Company chief executive Maria Lopez told Reuters \u201cwe will not sell the plant\u201d under any offer."
    )
    quotes = _quotes(text)
    assert _by_start(quotes, "The budget").speaker == "Rachel Reeves"
    told = _by_start(quotes, "we will not sell")
    assert told.speaker == "Maria Lopez" and told.cue == "told" and told.partial


def test_inverted_cue_with_apposition_and_double_apostrophes() -> None:
    text = "''There are big issues, and they are being fought,'' said Steven M. Ekovich, a broker based in Tampa."
    (q,) = _quotes(text)
    assert q.speaker == "Steven M. Ekovich" and q.cue == "said" and not q.partial


def test_quote_running_over_paragraphs_keeps_its_speaker() -> None:
    text = (
        "Senator Elizabeth Warren spoke for twenty minutes.\n\n"
        "\u201cWe will fight for every family in this country. We will not stop.\n\n"
        "\u201cAnd we will win,\u201d Warren said."
    )
    quotes = _quotes(text)
    assert [q.speaker for q in quotes] == ["Elizabeth Warren", "Elizabeth Warren"]
    assert quotes[1].continues and quotes[0].text.endswith("We will not stop.")


def test_institutional_speakers() -> None:
    text = (
        "President Volodymyr Zelensky's office said in a statement: \"Ukraine is ready for a ceasefire.\"\n\n"
        "\"There is nothing to discuss,\" the Kremlin said."
    )
    quotes = _quotes(text)
    assert _by_start(quotes, "Ukraine is ready").speaker == "Volodymyr Zelensky's office"
    assert _by_start(quotes, "There is nothing").speaker == "Kremlin"


def test_scare_quotes_without_speech_are_not_quotes() -> None:
    text = "The minister called the plan a \u2018disaster\u2019 in private, while the so-called \u2018reform\u2019 stalled."
    assert all(q.text != "reform" for q in _quotes(text))


def test_what_people_are_saying_block() -> None:
    """The Newsweek related item in the seed file: 'Name, role: "..."' with no speech verb."""
    lines = need_shared(SEED).read_text(encoding="utf-8").splitlines()
    text = next(line for line in lines if "What People Are Saying" in line).strip()
    quotes = _quotes(text)
    assert _by_start(quotes, "There is no indication").speaker == "Volodymyr Zelensky"
    beebe = _by_start(quotes, "There's reason to hope")
    assert beebe.speaker == "George Beebe" and beebe.cue is None
