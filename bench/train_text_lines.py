"""Train the flattened-text line scorer (newsdesk/extract/line_model.json), and say
honestly how well it does on pages it was not trained on.

Each shared page is flattened (html-text, guess_layout=True), labelled line by line
by aligning to the gold text (newsdesk.extract.line_labels), and turned into the
line_context features. Two boosted stages are trained; the second stage's inputs
come from first-stage models that did not see that page (two-fold cross-fitting),
as at run time. Only the trees are written: no page text or gold leaves the set.

    .venv/bin/python bench/train_text_lines.py --eval     # held-out table
    .venv/bin/python bench/train_text_lines.py --write    # train on all pages, write the model

Held-out splits: even/odd pages (sorted id) of both sets, both ways; and across sets
(train on ScrapingHub, test on WCXB, and the reverse: sites never seen).

Measured 2026-11-25 (F1 held out; rules alone in brackets):
    even -> scrapinghub odd 0.922 (0.909), wcxb odd 0.919 (0.903)
    odd  -> scrapinghub even 0.929 (0.900), wcxb even 0.915 (0.904)
    scrapinghub -> wcxb 0.896 (0.904); wcxb -> scrapinghub 0.921 (0.905)
Measured 2026-12-06, same trees, with the rules fallback and the end-of-article cut:
    even -> scrapinghub odd 0.9215, wcxb odd 0.9219 (was 0.9213, 0.9191)
    odd  -> scrapinghub even 0.9274, wcxb even 0.9211 (was 0.9274, 0.9154)
    scrapinghub -> wcxb 0.8986 (0.8967); wcxb -> scrapinghub 0.9187 (0.9187)
Re-measured 2026-12-06 03:55 UTC (--eval, same trees and code; P/R/F1 held out, rules F1):
    even -> scrapinghub odd 0.889/0.963/0.925 (0.909), wcxb odd 0.913/0.929/0.921 (0.903)
    odd  -> scrapinghub even 0.912/0.944/0.928 (0.900), wcxb even 0.897/0.944/0.920 (0.905)
    scrapinghub -> wcxb 0.915/0.883/0.899 (0.904); wcxb -> scrapinghub 0.888/0.954/0.919 (0.905)
Tried on the even -> odd split (F1 scrapinghub odd / wcxb odd; baseline 0.9249 / 0.9210), none kept:
    second-stage inputs v2 (windows 16 and 32, one-sided means of the 1 and 3 lines before
      and after, in/distance to/share of the first stage's densest block, page body share)
      0.9213 / 0.9152: the densest block of the cross-fitted half-data first stage is
      not the one the full first stage finds at run time;
    two-state Viterbi over the scores (switch cost 0.5-2, base 0.5-0.55) in place of the
      0.6/0.5 hysteresis, chosen on the training half (0.5, 0.5): 0.9229 / 0.9219; its
      best held-out settings move the two sets in opposite directions (0.55, 1: 0.932 / 0.918);
    min_samples_leaf 100 + l2 1.0: 0.9193 / 0.9208; 200 trees at rate 0.05, leaf 50:
      0.9212 / 0.9212; each page weighted alike (sqrt or linear of 1000/words):
      0.9250 / 0.9197 and 0.9230 / 0.9196; no end-of-article cut 0.9246 / 0.9209.
Tried 2026-12-07 on both even/odd splits (even->odd sh / wcxb, odd->even sh / wcxb), none kept:
    layout features without the lexicon (log of words over the page's median prose line,
      signed log distance to the rule title, log lengths of the runs of short (<= 6 words,
      not prose), teaser-shaped (3-16 words, no sentence end) and prose lines around the
      line): 0.9224 / 0.9205, 0.9271 / 0.9210 (baseline 0.9249 / 0.9210, 0.9279 / 0.9197);
    with the lexicon, other THRESHOLD / CONTINUE_THRESHOLD pairs (0.6/0.5 kept:
      0.9375 / 0.9254, 0.9302 / 0.9258): 0.65/0.55 0.9403 / 0.9234, 0.9280 / 0.9259;
      0.7/0.5 0.9408 / 0.9242, 0.9298 / 0.9270; 0.6/0.55 0.9389 / 0.9244, 0.9278 / 0.9251;
      0.55/0.45 0.9377 / 0.9264, 0.9287 / 0.9249: no pair helps all four;
    lexicon lines weighted alike instead of by words (up to 60): 0.9225 / 0.9226,
      0.9323 / 0.9265.
    --lexicon (2026-12-07 18:40 UTC, --eval): a lexicon (logistic regression over the hashed
      words and word pairs of each line, 2**14 int8 weights, C 1.0, cross-fitted by halves;
      its score and its mean over the 1 and 3 lines on each side are three first-stage
      inputs); P/R/F1 held out, rules F1:
        even -> scrapinghub odd 0.902/0.976/0.937 (0.909), wcxb odd 0.914/0.938/0.925 (0.903)
        odd  -> scrapinghub even 0.912/0.949/0.930 (0.900), wcxb even 0.901/0.952/0.926 (0.905)
        scrapinghub -> wcxb 0.917/0.881/0.898 (0.904); wcxb -> scrapinghub 0.904/0.958/0.930 (0.905)
      Other lexicons (even->odd sh / wcxb, odd->even sh / wcxb; float weights unless int8):
      2**18 0.9321 / 0.9276, 0.9416 / 0.9293 (cross 0.9026, 0.9232); 2**14 0.9386 / 0.9234,
      0.9342 / 0.9266; int8 2**16 0.9396 / 0.9269, 0.9261 / 0.9248; int8 2**14 C 0.3
      0.9381 / 0.9227, 0.9291 / 0.9261. Every variant beats the baseline on all four, but
      wcxb stays under 0.93. NOT SHIPPED: the int8 2**14 C 1.0 model trained on all pages
      drops the seed page's last three paragraphs (daily8-2025-05-11-putin-istanbul: p
      0.27-0.47 after a caption and credit just before 'Hashtags'; tests/extract/
      test_seed_text.py fails). The code stays: optional Lexicon in line_model.py, --lexicon here.
SHIPPED 2026-12-07 23:40 UTC: the lexicon model plus a post-rule in text_lines.py
    (_readmit_across_images: rule-prose lines the scorer dropped are body again when only a
    photo's caption/credit (adverts, blanks) separates them from kept body and the next content
    line is body, an end marker or the page end), written by `--write --lexicon` (210 KiB).
    Held out (--eval --lexicon, P/R/F1), against the trees alone in today's code in brackets:
        even -> scrapinghub odd 0.902/0.969/0.934 (0.9245), wcxb odd 0.912/0.937/0.924 (0.9193)
        odd  -> scrapinghub even 0.911/0.947/0.928 (0.9224), wcxb even 0.901/0.954/0.927 (0.9211)
        scrapinghub -> wcxb 0.917/0.885/0.901 (0.8987); wcxb -> scrapinghub 0.904/0.955/0.928 (0.9220)
    The rule alone on the trees changes no F1 in 4 decimals; with the lexicon it brings back the
    seed page's last paragraphs after its caption + REUTERS credit (tests/extract/test_seed_text.py
    passes). Today's code measures odd->scrapinghub even 0.922, not the 0.928 of 2026-12-06:
    an input changed since (not investigated).
Tried 2026-12-08 on both even/odd splits with the lexicon and the re-admit rule (F1: even->odd sh /
    wcxb, odd->even sh / wcxb; the shipped 2**14 int8 C 1.0 re-measured 0.9343 / 0.9244, 0.9284 / 0.9268):
    2**18 int8 lexicon: 0.9316 / 0.9277, 0.9330 / 0.9294;
    + --content-context (second stage also reads the mean first-stage score of the 1, 2, 4
      content lines before and after, rule furniture (caption, credit, boilerplate, furniture,
      age, date, byline, duplicate) skipped): 0.9323 / 0.9282, 0.9332 / 0.9294;
      its lexicon C 0.3: 0.9352 / 0.9300, 0.9360 / 0.9266; C 3: 0.9340 / 0.9276, 0.9313 / 0.9286;
      rule subheadings dropped under a score floor (post-rule): 0.15 0.9323 / 0.9281, 0.9332 / 0.9296;
      0.3 0.9324 / 0.9282, 0.9335 / 0.9297 (noise level, not kept).
    lexicon windows 1, 3, 8 (2**18, content context): 0.9318 / 0.9276, 0.9336 / 0.9290;
    4 cross-fitting folds (2**18, content context): 0.9297 / 0.9280, 0.9361 / 0.9295;
    the scorer admits no line under 2 (3) words: 0.9329 / 0.9278, 0.9331 / 0.9290 (0.9329 / 0.9275,
      0.9323 / 0.9285): not kept;
    --eval --lexicon --lexicon-bits 18 --lexicon-c 0.3 --content-context (P/R/F1, rules F1):
        even -> scrapinghub odd 0.903/0.969/0.935 (0.909), wcxb odd 0.920/0.940/0.930 (0.903)
        odd  -> scrapinghub even 0.927/0.945/0.936 (0.900), wcxb even 0.903/0.952/0.927 (0.905)
        scrapinghub -> wcxb 0.916/0.889/0.902 (0.904); wcxb -> scrapinghub 0.908/0.941/0.924 (0.905)
      three of four even/odd up, wcxb even level, but wcxb -> scrapinghub 0.004 down.
    2**18 C 1.0 content context across sets: scrapinghub -> wcxb 0.9165/0.8836/0.8997,
      wcxb -> scrapinghub 0.9203/0.9296/0.9250 (shipped 0.901, 0.928): the bigger lexicon learns
      the sites it saw (even/odd share sites) and does worse on sites it never saw: not kept.
    2**14 int8 C 1.0 (the shipped lexicon) + --content-context: 0.9349 / 0.9256, 0.9290 / 0.9276
      (all four up 0.0006-0.0012 on the shipped 0.9343 / 0.9244, 0.9284 / 0.9268); across sets
      scrapinghub -> wcxb 0.9167/0.8861/0.9012, wcxb -> scrapinghub 0.8994/0.9578/0.9277 (level).
      NOT SHIPPED: the model trained on all pages (`--write --lexicon --content-context`) drops the
      seed page's lead paragraph ('Putin sent thousands of troops...': p 0.497 under the 0.6
      start bar, right after the title; tests/extract/test_seed_text.py fails). A backward
      hysteresis (a dropped rule-prose line at or over 0.5 right before body is body) does not
      bring it back (0.497) and contradicts test_line_model's one-way hysteresis test; measured on
      the split models it is also lower: 0.9344 / 0.9256, 0.9290 / 0.9263. Letting the rule
      headline start the run (the line after it needs only 0.5): 0.9348 / 0.9255, 0.9297 / 0.9274
      (level), and the seed lead paragraph still misses (0.497 vs 0.5): neither kept.
    Where wcxb precision goes (even/odd, 2**18 content-context models): most wrongly kept words
      lie between the first and last gold line of a page: testimonial/review blocks (name line,
      praise), product boxes and spec lists, FAQ sections the gold leaves out, newsletter and
      republish boxes, comment threads with no end marker (Slashdot 'by X ( N ) writes:'),
      'Read more' / 'Also read' teasers, rule subheadings that are teaser titles; after the last
      gold line only ~1% of kept words. These are page furniture the words and shapes do not
      separate from prose well; no general rule for them was found in this round.
SHIPPED 2026-12-08 04:05 UTC: post-rules in text_lines.py after the scorer, same trees
    (line_model.json unchanged). Measured by scoring the even/odd models once trained with
    today's code (F1 even->odd sh / wcxb, odd->even sh / wcxb; start 0.9343 / 0.9244, 0.9284 / 0.9268),
    each step on top of the last:
      kept date stamps are furniture; 3+ stamps each before kept body, after 150 body words, make
        the rest a comment thread or post listing: 0.9352 / 0.9244, 0.9289 / 0.9279 (2 stamps:
        wcxb even recall -0.002, not kept);
      an aside heading (patterns.ASIDE_HEADING: 'About <name>', 'Written by', 'Latest articles',
        'Was this page helpful?', 'Republish this story', 'Article sources', 'Footnotes'...; whole
        lines up to 12 words, not the comment/related markers, most kept body before it) ends the
        article: 0.9410 / 0.9291, 0.9289 / 0.9310 (FAQ headings among them: wcxb 0.9264, 0.9281:
        the gold keeps most end-of-page FAQs, not kept; 'Further reading', 'Get in touch',
        'Don't miss', 'Related <x>: <title>' cut gold text, left out);
      'Related: <title>', 'See also:', 'Also read:', 'SEE MORE:' teaser lines are furniture:
        0.9425 / 0.9294, 0.9297 / 0.9312;
      'More from <author>', 'Most popular', 'You may also like' end the article without the two
        furniture lines after them that other markers need (patterns.TEASER_SECTION; every related
        marker so: 0.9437 / 0.9288, 0.9311 / 0.9314, an inline 'Related' box cuts gold):
        0.9437 / 0.9301, 0.9297 / 0.9314;
      a kept line ending in '(Image: Getty)' is a caption: 0.9437 / 0.9301, 0.9322 / 0.9314;
      shop and review buttons (patterns.BUTTON: 'Check price at Amazon', 'Book now', 'Read full
        review'): 0.9437 / 0.9305, 0.9322 / 0.9317;
      forum comment headers ('by name ( 1234 ) writes:', '(Score: 3)') count as stamps:
        0.9437 / 0.9305, 0.9322 / 0.9328.
    Tried, not kept: short kept lines (<= 4 words) repeated 3+ times in the body are buttons
      (0.9426 / 0.9279, 0.9259 / 0.9296: list items repeat too); a table of contents (entries after
      a 'Contents' heading that stand again later) 0.9437 / 0.9306, 0.9322 / 0.9329 (+0.0001, the
      alignment marks the copies gold); author bio paragraphs ('<Name> is a writer ...') late on the
      page are gold on about 9 of 22 pages: no rule. Code lines and runs of lines sharing their first
      words are gold about half the time.
    --eval --lexicon (P/R/F1 held out, rules F1):
        even -> scrapinghub odd 0.919/0.970/0.944 (0.909), wcxb odd 0.924/0.937/0.931 (0.903)
        odd  -> scrapinghub even 0.917/0.947/0.932 (0.900), wcxb even 0.913/0.954/0.933 (0.905)
        scrapinghub -> wcxb 0.926/0.885/0.905 (0.904); wcxb -> scrapinghub 0.915/0.955/0.935 (0.905)
    In sample (bench/extraction.py --only text, P/R/F1): scrapinghub 0.934/0.967/0.950 (was
    0.925/0.966/0.945), wcxb 0.943/0.954/0.948 (was 0.937/0.955/0.946). The HTML path does not run
    these rules: bench/extraction.py --only html newsdesk 0.968/0.972/0.970 and 0.929/0.937/0.933 as before.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from extraction import flatten, load_pages  # noqa: E402
from scoring import f1_of_means, shingle_pr  # noqa: E402

from newsdesk.extract.line_context import feature_names, line_vectors  # noqa: E402
from newsdesk.extract.line_labels import align_labels  # noqa: E402
from newsdesk.extract.line_model import (  # noqa: E402
    LEXICON_WINDOWS, MODEL_PATH, Forest, Lexicon, LineModel, content_mask, context_features, lexicon_buckets,
)
from newsdesk.extract.text_lines import parse_text_page, rule_pass  # noqa: E402

ITERATIONS = 100
LEAVES = 15
LEARNING_RATE = 0.1
THRESHOLD = 0.6  # recorded in the model file; the text path uses text_lines.THRESHOLD / CONTINUE_THRESHOLD
WORD_CAP = 60  # a line's training weight is its word count up to this: the metric counts words
LEXICON = False  # --lexicon: train the lexicon too (not shipped: see "Tried" above)
LEXICON_BITS = 14  # hash buckets of the lexicon: 2**14 int8 weights
LEXICON_C = 1.0  # inverse L2 strength of its logistic regression
FOLDS = 2  # cross-fitting folds: a training page's lexicon and first-stage scores come from models fit on the others
CONTENT_CONTEXT = False  # --content-context: second-stage neighbour scores over content lines too


@dataclass
class PageRows:
    id: str
    flat: str
    gold: str
    X: np.ndarray
    words: np.ndarray
    y: np.ndarray
    lines: list[str]


def page_rows(page_id: str, flat: str, gold: str) -> PageRows:
    items, start, end = rule_pass(flat)
    vectors = line_vectors(items, start, end)
    rows = [i for i, it in enumerate(items) if not it.feats.blank]
    X = np.array([vectors[i] for i in rows], dtype=float).reshape(len(rows), len(feature_names()))
    words = np.array([items[i].feats.words for i in rows], dtype=float)
    y = np.array(align_labels([items[i].line for i in rows], gold), dtype=bool)
    return PageRows(page_id, flat, gold, X, words, y, [items[i].line for i in rows])


def _fit(X: np.ndarray, y: np.ndarray, w: np.ndarray):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=ITERATIONS, max_leaf_nodes=LEAVES, learning_rate=LEARNING_RATE, random_state=0
    ).fit(X, y, sample_weight=w)


def _stack(pages: list[PageRows], extra=None):
    X = np.vstack([p.X if extra is None else np.hstack([p.X, extra[k]]) for k, p in enumerate(pages)])
    y = np.concatenate([p.y for p in pages])
    w = np.concatenate([np.maximum(np.minimum(p.words, WORD_CAP), 1) for p in pages])
    return X, y, w


def _export(model) -> dict:
    """The fitted trees as flat node rows: feature, threshold, left, right, value, is_leaf.
    Inner node values are scaled by the learning rate like the leaves, so value changes
    along a path add up to the leaf value (used by explain)."""
    rows, roots = [], []
    for (predictor,) in model._predictors:
        offset = len(rows)
        roots.append(offset)
        for node in predictor.nodes:
            leaf = bool(node["is_leaf"])
            value = float(node["value"]) * (1.0 if leaf else LEARNING_RATE)
            rows.append([
                int(node["feature_idx"]), float(node["num_threshold"]),
                int(node["left"]) + offset, int(node["right"]) + offset, round(value, 6), int(leaf),
            ])
    return {"baseline": float(np.ravel(model._baseline_prediction)[0]), "roots": roots, "nodes": [v for r in rows for v in r]}


def _buckets(pages: list[PageRows]):
    from scipy import sparse

    indptr, idx = [0], []
    for p in pages:
        for line in p.lines:
            idx += lexicon_buckets(line, LEXICON_BITS)
            indptr.append(len(idx))
    return sparse.csr_matrix((np.ones(len(idx)), idx, indptr), shape=(len(indptr) - 1, 1 << LEXICON_BITS))


def _fit_lexicon(pages: list[PageRows]) -> Lexicon:
    from sklearn.linear_model import LogisticRegression

    _, y, w = _stack(pages)
    model = LogisticRegression(C=LEXICON_C, solver="liblinear", max_iter=200).fit(_buckets(pages), y, sample_weight=w)
    return Lexicon.from_weights(LEXICON_BITS, float(model.intercept_[0]), model.coef_[0], LEXICON_WINDOWS)


def _with_lexicon(p: PageRows, lexicon: Lexicon) -> PageRows:
    return PageRows(p.id, p.flat, p.gold, np.hstack([p.X, lexicon.features(p.lines)]), p.words, p.y, p.lines)


def _others(folds: list[list[PageRows]], k: int) -> list[PageRows]:
    return [p for j, fold in enumerate(folds) if j != k for p in fold]


def train(pages: list[PageRows]) -> dict:
    import warnings

    from sklearn.exceptions import ConvergenceWarning

    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    pages = [p for p in pages if len(p.y)]
    folds = [pages[k::FOLDS] for k in range(FOLDS)]
    lexicon = None
    if LEXICON:  # the lexicon's score of a training page comes from a lexicon that did not see it
        lexicons = [_fit_lexicon(_others(folds, k)) for k in range(FOLDS)]
        folds = [[_with_lexicon(p, lexicons[k]) for p in fold] for k, fold in enumerate(folds)]
        lexicon = _fit_lexicon(pages)
    names = feature_names() + (lexicon.names if lexicon else [])
    stage1 = _fit(*_stack([p for fold in folds for p in fold]))
    ordered, context = [], []
    for k, fold in enumerate(folds):
        other = _fit(*_stack(_others(folds, k)))
        for p in fold:
            p1 = other.predict_proba(p.X)[:, 1]
            ordered.append(p)
            content = content_mask(p.X, names) if CONTENT_CONTEXT else None
            context.append(context_features(p1, p.words, content))
    stage2 = _fit(*_stack(ordered, context))
    return {
        "features": names,
        "threshold": THRESHOLD,
        **({"content_context": True} if CONTENT_CONTEXT else {}),
        "trained_on": f"{len(pages)} pages",
        **({"lexicon": lexicon.to_json()} if lexicon else {}),
        "stage1": _export(stage1),
        "stage2": _export(stage2),
    }


def as_model(spec: dict) -> LineModel:
    return LineModel(
        spec["features"], Forest.from_json(spec["stage1"]), Forest.from_json(spec["stage2"]), spec["threshold"],
        Lexicon.from_json(spec["lexicon"]) if spec.get("lexicon") else None, bool(spec.get("content_context")),
    )


def score(pages: list[PageRows], model: LineModel | None) -> tuple[float, float, float]:
    """Mean P, mean R, F1 of the text the extractor's own text path returns."""
    return f1_of_means([shingle_pr(parse_text_page(p.flat, model=model or False).text, p.gold) for p in pages])


def load(names: tuple[str, ...], limit: int | None) -> dict[str, list[PageRows]]:
    out = {}
    for name in names:
        out[name] = [page_rows(p.id, flatten(p), p.gold) for p in load_pages(name, limit)]
        print(f"{name}: {len(out[name])} pages, {sum(len(p.y) for p in out[name])} lines", flush=True)
    return out


def held_out(data: dict[str, list[PageRows]]) -> None:
    sh, wc = data["scrapinghub"], data["wcxb"]
    splits = [
        ("even pages of both sets", sh[0::2] + wc[0::2], [("scrapinghub odd", sh[1::2]), ("wcxb odd", wc[1::2])]),
        ("odd pages of both sets", sh[1::2] + wc[1::2], [("scrapinghub even", sh[0::2]), ("wcxb even", wc[0::2])]),
        ("all of scrapinghub", sh, [("wcxb (unseen sites)", wc)]),
        ("all of wcxb", wc, [("scrapinghub (unseen sites)", sh)]),
    ]
    print(f"\n{'trained on':<26}{'tested on':<28}{'P':>7}{'R':>7}{'F1':>7}{'rules F1':>10}")
    for train_name, train_pages, tests in splits:
        started = time.perf_counter()
        model = as_model(train(train_pages))
        for test_name, test_pages in tests:
            P, R, F = score(test_pages, model)
            print(f"{train_name:<26}{test_name:<28}{P:>7.3f}{R:>7.3f}{F:>7.3f}{score(test_pages, None)[2]:>10.3f}", flush=True)
        print(f"  ({time.perf_counter() - started:.0f} s)", flush=True)


def main() -> None:
    global LEXICON, LEXICON_BITS, LEXICON_C, CONTENT_CONTEXT, FOLDS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", action="store_true", help="print the held-out table")
    parser.add_argument("--write", action="store_true", help=f"train on all pages and write {MODEL_PATH.name}")
    parser.add_argument("--lexicon", action="store_true", help="also train the hashed-word lexicon (the shipped model: --write --lexicon)")
    parser.add_argument("--lexicon-bits", type=int, default=LEXICON_BITS, help="hash buckets of the lexicon: 2**N")
    parser.add_argument("--lexicon-c", type=float, default=LEXICON_C, help="inverse L2 strength of the lexicon")
    parser.add_argument("--content-context", action="store_true", help="second stage also reads content-only neighbour scores")
    parser.add_argument("--folds", type=int, default=FOLDS, help="cross-fitting folds")
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set (quick runs)")
    args = parser.parse_args()
    LEXICON, LEXICON_BITS, LEXICON_C = args.lexicon, args.lexicon_bits, args.lexicon_c
    CONTENT_CONTEXT, FOLDS = args.content_context, args.folds
    data = load(("scrapinghub", "wcxb"), args.limit)
    if args.eval:
        held_out(data)
    if args.write:
        spec = train(data["scrapinghub"] + data["wcxb"])
        MODEL_PATH.write_text(json.dumps(spec, separators=(",", ":")), encoding="utf-8")
        print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
