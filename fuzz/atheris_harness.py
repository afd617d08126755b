"""Coverage-guided fuzzing (atheris, libFuzzer) of the hostile-input fronts: the HTML and text
extractors, the feed parser front and the time parser. Only our declared errors may escape.

    pip install -e '.[fuzz]'
    python fuzz/atheris_harness.py -max_total_time=60 [corpus_dir]

`make fuzz` runs it for a minute after the long hypothesis profile. A crash leaves the
input in crash-<sha1>; rerun with that file as the only argument to reproduce.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["newsdesk"]):
    from newsdesk.enrich.timex import find_times
    from newsdesk.extract import extract
    from newsdesk.extract.errors import ExtractError
    from newsdesk.models import RawDocument
    from newsdesk.sources.feeds import FeedError, parse_feed
    from newsdesk.sources.sniff import detect_encoding

TARGETS = ("html", "text", "feed", "timex")


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    target = TARGETS[provider.ConsumeIntInRange(0, len(TARGETS) - 1)]
    body = provider.ConsumeBytes(provider.remaining_bytes())
    if target in ("html", "text"):
        raw = RawDocument(uri="fuzz", content=body, format=target, encoding=detect_encoding(body))
        try:
            article = extract(raw)
        except ExtractError as exc:
            assert str(exc).startswith("fuzz: ")
        else:
            assert article.text.strip()
    elif target == "feed":
        try:
            parse_feed(body, "fuzz.xml")
        except FeedError:
            pass
    else:
        text = body.decode("utf-8", errors="replace")
        for mention in find_times(text):
            assert text[mention.start:mention.end] == mention.text


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
