"""The learnt line scorer: label alignment for training, tree evaluation, explanations."""

from __future__ import annotations

import numpy as np

from newsdesk.extract.line_context import feature_names, line_vectors
from newsdesk.extract.line_labels import align_labels
from newsdesk.extract.line_model import (
    LEXICON_NAMES, Forest, Lexicon, LineModel, content_context, content_mask, context_features, context_names,
    lexicon_buckets, load_model,
)
from newsdesk.extract.text_lines import classify_lines, rule_pass

GOLD = (
    "The harbour reopened to ships on Monday, three weeks after a storm tore away part of the main pier.\n\n"
    "What the fishermen say\n\nFishermen welcomed the news."
)


def test_alignment_labels_lines_by_shingle_overlap():
    lines = [
        "Skip to main content",
        "The harbour reopened to ships on Monday, three weeks after a storm tore away part of the pier.",
        "What the fishermen say",
        "Fishermen welcomed",
        "Sign up for our newsletter today and get the latest news",
        "",
        "Monday",  # a short line whose word occurs in the gold as a run
        "pier Fishermen",  # words from the gold, but not as one run
    ]
    assert align_labels(lines, GOLD) == [False, True, True, True, False, False, True, False]


def test_alignment_needs_most_shingles_to_match():
    half_gold = "The harbour reopened to ships on Monday, and then the band played songs all night long in town."
    assert align_labels([half_gold], GOLD) == [False]
    assert align_labels([half_gold], half_gold) == [True]


def _stump(feature: int, threshold: float, low: float, high: float, base: float = 0.0) -> Forest:
    # root splits on `feature`; inner value 0, leaves low/high
    return Forest.from_json({"baseline": base, "roots": [0], "nodes": [
        feature, threshold, 1, 2, 0.0, 0,
        0, 0.0, 0, 0, low, 1,
        0, 0.0, 0, 0, high, 1,
    ]})


def test_forest_walks_each_row_to_its_leaf_and_sums_trees():
    forest = _stump(1, 0.5, -2.0, 3.0, base=0.25)
    X = np.array([[9.0, 0.0], [9.0, 0.5], [0.0, 0.6]])
    assert forest.raw(X).tolist() == [-1.75, -1.75, 3.25]
    two = Forest.from_json({"baseline": 0.0, "roots": [0, 3], "nodes": [
        0, 1.0, 1, 2, 0.0, 0, 0, 0, 0, 0, 1.0, 1, 0, 0, 0, 0, 2.0, 1,
        1, 1.0, 4, 5, 0.0, 0, 0, 0, 0, 0, 10.0, 1, 0, 0, 0, 0, 20.0, 1,
    ]})
    assert two.raw(np.array([[0.0, 0.0], [5.0, 5.0]])).tolist() == [11.0, 22.0]
    # contributions add up to the raw score less the baseline, on the split feature
    assert two.contributions(np.array([5.0, 0.0])).tolist() == [2.0, 10.0]


def test_context_features_see_the_neighbourhood():
    p1 = np.array([0.9, 0.1, 0.9, 0.9, 0.0])
    words = np.array([20.0, 2.0, 20.0, 20.0, 3.0])
    ctx = context_features(p1, words)
    assert ctx.shape == (5, len(context_names()))
    names = context_names()
    w1 = names.index("stage1_mean_w1")
    assert abs(ctx[1, w1] - 0.9) < 1e-9  # both neighbours are confident body
    prev, nxt = names.index("log_dist_prev_body"), names.index("log_dist_next_body")
    assert ctx[0, prev] == 5.0 and abs(ctx[0, nxt] - np.log1p(2)) < 1e-9
    assert ctx[4, nxt] == 5.0 and abs(ctx[4, prev] - np.log1p(1)) < 1e-9


def test_line_vectors_have_one_named_row_per_content_line():
    text = "Title of the page\n\nA first sentence of the story that is long enough to count as prose.\nShare\n"
    items, start, end = rule_pass(text)
    vectors = line_vectors(items, start, end)
    for it, row in zip(items, vectors):
        assert len(row) == (0 if it.feats.blank else len(feature_names()))


def test_a_model_that_rejects_a_short_article_keeps_no_body():
    n = len(feature_names())
    model = LineModel(feature_names(), _stump(0, 0.5, -9.0, -9.0), _stump(n, 0.5, -9.0, -9.0), 0.5)
    menu = "".join(f"Section {k}\n" for k in range(43))
    text = "Harbour reopens\n" + menu + "The harbour reopened to ships after the storm, officials said.\n"
    items = classify_lines(text, model=model, explain=True)
    body = [it for it in items if it.label in ("body", "list", "subheading")]
    assert body == []
    dropped = next(it for it in items if it.line.startswith("The harbour"))
    assert dropped.label == "noise" and "model p=0.00" in dropped.reason and "rules: body" in dropped.reason


def test_when_the_model_keeps_nothing_of_a_long_article_the_rules_decide():
    n = len(feature_names())
    model = LineModel(feature_names(), _stump(0, 0.5, -9.0, -9.0), _stump(n, 0.5, -9.0, -9.0), 0.5)
    text = "Harbour reopens\n" + "".join(
        f"The harbour reopened to ships on day {n} after the storm, officials said today.\n" for n in range(45)
    )
    items = classify_lines(text, model=model, explain=True)
    kept = [it for it in items if it.line.startswith("The harbour")]
    assert all(it.label == "body" for it in kept)
    assert "rules kept: the scorer kept only 0 body words" in kept[0].reason


def test_the_shipped_model_matches_the_feature_list():
    model = load_model()
    assert model is not None, "line_model.json ships with the package"
    assert model.features == feature_names() + (model.lexicon.names if model.lexicon is not None else [])


def test_the_lexicon_scores_lines_by_their_hashed_words():
    bits = 8
    weights = np.zeros(1 << bits)
    for b in lexicon_buckets("advertisement", bits):
        weights[b] = -2.0
    lexicon = Lexicon.from_weights(bits, 0.5, weights)
    again = Lexicon.from_json(lexicon.to_json())
    s = again.score(["Advertisement", "The harbour reopened"])
    assert s[0] < -1.0 and s[1] != s[0]
    feats = again.features(["Advertisement", "The harbour reopened", "Advertisement"])
    assert feats.shape == (3, len(LEXICON_NAMES))
    assert abs(feats[1, 1] - s[0]) < 1e-9  # mean of the neighbours on each side


def test_short_texts_are_left_to_the_rules():
    n = len(feature_names())
    model = LineModel(feature_names(), _stump(0, 0.5, -9.0, -9.0), _stump(n, 0.5, -9.0, -9.0), 0.5)
    text = "Harbour reopens\nThe harbour reopened to ships on Monday after the storm, officials said today.\n"
    items = classify_lines(text, model=model, explain=True)
    kept = next(it for it in items if it.line.startswith("The harbour"))
    assert kept.label == "body" and "model" not in kept.reason


def test_a_line_that_continues_body_needs_a_lower_score_than_one_that_starts_it():
    # stage 2 scores by the line's own log word count (feature 0): 8 words -> p=0.55, 20 words -> p=0.9
    two_level = Forest.from_json({"baseline": 0.0, "roots": [0], "nodes": [
        0, 1.8, 1, 2, 0.0, 0,
        0, 0.0, 0, 0, -2.2, 1,
        0, 2.6, 3, 4, 0.0, 0,
        0, 0.0, 0, 0, 0.2, 1,
        0, 0.0, 0, 0, 2.2, 1,
    ]})
    model = LineModel(feature_names(), _stump(0, 0.5, 0.0, 0.0), two_level, 0.6)
    medium = "The pier opened again on a Monday."  # 8 words
    long = "The harbour reopened to ships on Monday after the storm, officials said, and crews went back to work."
    text = "\n".join([medium, long, medium.replace("Monday", "Tuesday")] + [long.replace("Monday", f"day {k}") for k in range(45)])
    items = classify_lines(text, model=model, explain=True)
    first, second = items[0], items[2]
    assert first.label == "noise" and "vs 0.6" in first.reason  # starts a run: needs 0.6
    assert second.label == "body" and "vs 0.5" in second.reason  # follows body: 0.5 is enough


def _keep_all_model() -> LineModel:
    n = len(feature_names())
    return LineModel(feature_names(), _stump(0, 0.5, 9.0, 9.0), _stump(n, 0.5, 9.0, 9.0), 0.5)


def test_the_first_comment_section_after_the_body_ends_the_article():
    article = "".join(f"The harbour reopened to ships on day {n} after the storm, officials said today.\n" for n in range(40))
    comments = (
        "3 Comments\n"
        "Jane Roe says:\n"
        "I walked down to the harbour this morning and the boats were already coming in again.\n"
        "Reply\n"
        "Sam Poe says:\n"
        "Great news for the town, the fishermen have waited far too long for this day.\n"
        "Reply\n"
    )
    items = classify_lines("Harbour reopens\n" + article + comments, model=_keep_all_model(), explain=True)
    comment = next(it for it in items if it.line.startswith("I walked down"))
    assert comment.label == "tail" and "after the article's end at line '3 Comments'" in comment.reason
    assert next(it for it in items if it.line.startswith("The harbour reopened to ships on day 29")).label == "body"


def test_a_section_marker_early_in_the_body_does_not_end_it():
    head = "".join(f"The harbour reopened to ships on day {n} after the storm, officials said today.\n" for n in range(14))
    rest = "".join(f"Fishermen on the quay said on day {n} that the catch was better than they had hoped.\n" for n in range(30))
    text = "Harbour reopens\n" + head + "Share this\nJune 3, 2025\nBy Jane Roe\n" + rest
    items = classify_lines(text, model=_keep_all_model(), explain=True)
    assert all(it.label == "body" for it in items if it.line.startswith("Fishermen on the quay"))


def test_cookie_declaration_rows_are_boilerplate():
    rows = (
        "_gcl_au 3 months Google Tag Manager sets the cookie to experiment advertisement efficiency.\n"
        "cookielawinfo-checkbox-necessary 11 months This cookie is set by GDPR Cookie Consent plugin.\n"
        "The bakery said 3 months ago that its cookies sold out every morning this spring.\n"
    )
    labels = {it.line[:12]: it.label for it in classify_lines(rows, model=False)}
    assert labels["_gcl_au 3 mo"] == "boilerplate" and labels["cookielawinf"] == "boilerplate"
    assert labels["The bakery s"] == "body"


def test_content_context_skips_photo_and_advert_lines():
    names = ["log_words", "rule=body", "rule=caption", "rule=credit"]
    X = np.array([[3, 1, 0, 0], [1, 0, 1, 0], [1, 0, 0, 1], [3, 1, 0, 0], [3, 1, 0, 0]], dtype=float)
    content = content_mask(X, names)
    assert content.tolist() == [True, False, False, True, True]
    p1 = np.array([0.9, 0.1, 0.2, 0.8, 0.7])
    ctx = content_context(p1, content)  # columns: before/after means over 1, 2 and 4 content lines
    assert abs(ctx[3, 0] - 0.9) < 1e-9  # the paragraph after the photo sees the paragraph before it
    assert abs(ctx[0, 1] - 0.8) < 1e-9 and ctx[0, 0] == 0.0  # nothing before the first line
    assert abs(ctx[1, 3] - 0.75) < 1e-9  # the caption's two content lines after it
    full = context_features(p1, np.full(5, 10.0), content)
    assert full.shape == (5, len(context_names(content=True)))
    assert full.shape[1] == len(context_names()) + ctx.shape[1]
