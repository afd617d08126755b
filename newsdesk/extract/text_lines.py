"""Flattened-text cleaning: label every line of a page that arrived as plain text.

Hard-wrapped lines are first rejoined into logical lines. The classifier then
works in three passes, each explainable line by line (`explain_text`):
1. local features give each line a base label (prose, credit, boilerplate, age,
   comment furniture, byline, date stamp...);
2. neighbours refine it (a line just before a credit is a caption; a short line
   followed by prose is a subheading; short sentences inside prose are body);
3. position decides the rest: the main body is the best-scoring run of lines
   (a maximum-sum segment: prose scores, furniture costs, a repeat of the page
   title above the body anchors it), ended early at an end-of-article marker that
   opens a run of furniture (comments, tags, related lists); what follows a
   "related" marker is parsed into related items (outlet, age, title, teaser).
When the learnt scorer ran, post-rules drop the furniture it keeps line by line
(author boxes, unmarked comment threads, teaser links, shop buttons).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice

import numpy as np

from newsdesk.extract import patterns as P
from newsdesk.extract.dates import parse_date
from newsdesk.extract.features import LineFeatures, line_features
from newsdesk.extract.line_context import feature_matrix
from newsdesk.extract.line_model import LineModel, load_model
from newsdesk.extract.parts import Block, PageParts
from newsdesk.models import Image, RelatedItem

# Segment weights (tuned on the dev sets as a whole, never per page): a prose line
# scores by its length up to a cap, a short non-sentence line costs SHORT_COST.
WORD_CAP = 80
WORDS_PER_POINT = 4.0
SHORT_COST = 2.5
MIN_KEPT_WORDS = 2  # short lines inside the body span with fewer words are dropped
BODY_LABELS = ("body", "subheading", "list")


@dataclass
class Labelled:
    line: str
    label: str
    reason: str
    feats: LineFeatures


# A row of a cookie-consent declaration table: "_ga 2 years Google Analytics sets this cookie to ..."
_COOKIE_ROW = re.compile(
    r"^\S+\s+(?:\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)(?:\s+\d+\s+\w+)?"
    r"|session|persistent|never|past)\b.*\bcookies?\b",
    re.I,
)


def _base_label(f: LineFeatures) -> tuple[str, str]:
    if f.blank:
        return "blank", "empty line"
    if f.age:
        return "age", "relative age ('N minutes ago')"
    if f.credit:
        return "credit", f.credit
    if f.end_marker:
        return "end-marker", "end-of-article section marker"
    if f.comment:
        return "comment-furniture", "comment thread furniture (Reply, 'X says:', commenter stamp)"
    if f.boilerplate:
        return "boilerplate", f.boilerplate
    if _COOKIE_ROW.search(f.text):
        return "boilerplate", "cookie declaration row (name, duration, purpose)"
    if f.byline:
        return "byline", "'By Name' line"
    if f.date_only:
        return "date", "date/time stamp alone"
    if f.prose:
        return "body", f"prose: {f.words} words, sentence end={f.sentence_end}, caps={f.caps_ratio:.2f}"
    if f.bullet and f.words >= 3:
        return "list", "bulleted item"
    return "short", f"short non-sentence line ({f.words} words)"


def _next_content(items: list[Labelled], i: int, step: int, skip: tuple[str, ...]) -> int | None:
    j = i + step
    while 0 <= j < len(items):
        if items[j].label not in skip:
            return j
        j += step
    return None


def _mark_captions(items: list[Labelled]) -> None:
    """A line right before a credit line is that photo's caption."""
    for i, it in enumerate(items):
        if it.label != "credit":
            continue
        j = _next_content(items, i, -1, ("blank",))
        if j is None:
            continue
        prev = items[j]
        if prev.label in ("body", "short", "list", "date") and 3 <= prev.feats.words <= 60:
            prev.label, prev.reason = "caption", "line right before a credit line"
    for it in items:  # a gallery-count caption without a credit line
        if it.label in ("body", "short") and it.feats.gallery_count and it.feats.words <= 60:
            nxt = items.index(it)
            j = _next_content(items, nxt, 1, ("blank",))
            if j is not None and items[j].label == "credit":
                it.label, it.reason = "caption", "gallery count prefix before a credit"


def _title_anchor(items: list[Labelled], title_hint: str | None) -> int | None:
    """Where the headline is repeated above the body: a later line equal to the page
    title (flattened pages start with <title>, often 'Headline | Site')."""
    first = next((it.feats.text for it in items if it.label != "blank"), "")
    candidates = (title_hint,) if title_hint else (first, re.split(r"\s+[|–—-]\s+", first)[0])
    names = {" ".join(n.split()).lower() for n in candidates if n and len(n.split()) >= 2}
    seen_first = False
    for i, it in enumerate(items):
        if it.label == "blank":
            continue
        if not seen_first:
            seen_first = True
            if not title_hint:
                continue
        if it.feats.text.lower() in names:
            return i
    return None


def _main_segment(items: list[Labelled], anchor: int | None) -> tuple[int, int]:
    """The run of lines with the most prose in it (maximum-sum segment)."""
    weights = []
    for i, it in enumerate(items):
        if i == anchor:
            weights.append(12.0)
        elif it.label == "body":
            weights.append(min(it.feats.words, WORD_CAP) / WORDS_PER_POINT + 2)
        elif it.label in ("blank", "caption", "credit", "list", "date", "byline"):
            weights.append(0.0)
        elif it.label == "boilerplate":
            weights.append(-1.0)
        elif it.label == "end-marker":
            weights.append(-10.0)
        elif it.label in ("age", "comment-furniture"):
            weights.append(-5.0)
        else:
            weights.append(-SHORT_COST)
    best, best_span, run, start = 0.0, (0, -1), 0.0, 0
    for i, w in enumerate(weights):
        if run <= 0:
            run, start = 0.0, i
        run += w
        if run > best:
            best, best_span = run, (start, i)
    return best_span


def _refine_in_segment(items: list[Labelled], start: int, end: int) -> None:
    skip = ("blank", "boilerplate", "caption", "credit")
    for i in range(start, end + 1):
        it = items[i]
        f = it.feats
        if it.label not in ("short", "date", "list"):
            continue
        nxt = _next_content(items, i, 1, skip)
        prv = _next_content(items, i, -1, skip)
        next_body = nxt is not None and nxt <= end and items[nxt].label in ("body", "list")
        prev_body = prv is not None and items[prv].label in ("body", "subheading", "list", "title", "byline", "date")
        if it.label == "list":
            it.reason += " inside the body"
            continue
        heading_shape = (
            f.words <= 14
            and f.chars <= 120
            and not re.search(r"[.,;:]$", f.text)
            and (f.text[0].isupper() or f.text[0].isdigit() or f.text[0] in "\"'‘“")
            and (not f.sentence_end or f.caps_ratio >= 0.6 or f.title_ratio >= 0.6)
        )
        if next_body and heading_shape:
            it.label, it.reason = "subheading", "short heading-like line followed by body"
        elif f.sentence_end and f.words >= 2 and not f.text.endswith(":") and (next_body or prev_body):
            it.label, it.reason = "body", "short sentence between body lines"
        elif f.text.endswith(":") and next_body and f.words <= 25:
            it.label, it.reason = "body", "lead-in line ending with a colon"


_FURNITURE = ("end-marker", "boilerplate", "age", "date", "byline", "comment-furniture")


def _cut_at_end_marker(items: list[Labelled], start: int, end: int) -> int:
    """End the body at an end-of-article marker that opens a run of page furniture
    (comments, tags, related lists), once the body has some substance."""
    words = 0
    for i in range(start, end + 1):
        it = items[i]
        if it.label == "end-marker" and words >= 80:
            following = [x for x in items[i + 1 :] if x.label != "blank"][:8]
            if sum(x.label in _FURNITURE for x in following) >= 2:
                return i - 1
        if it.label == "body":
            words += it.feats.words
    return end


def _find_title(items: list[Labelled], start: int, title_hint: str | None) -> int | None:
    if title_hint:
        norm = " ".join(title_hint.split()).lower()
        for i, it in enumerate(items[: max(start, 0) + 1]):
            if it.feats.text.lower() == norm:
                return i
    # the nearest headline-shaped line before the body
    for j in range(start - 1, max(-1, start - 12), -1):
        f = items[j].feats
        if items[j].label in ("short", "body") and 2 <= f.words <= 30 and f.chars <= 250 and not f.text.endswith(":"):
            if not f.sentence_end or f.text.endswith("?") or f.text.endswith("!"):
                return j
    return None


_FUNCTION_WORDS = set(
    "a an the of to in and or but for with on at by from that as is are was were be been his her "
    "their its our your this these those which who whose into than then".split()
)
_CLOSED = re.compile(r"""[.!?:;…]["'’”)\]]*$""")


def logical_lines(text: str) -> list[str]:
    """Physical lines with hard wraps undone: a line that does not close its sentence
    continues on the next when that one starts in lower case, or when the line is
    long (a wrapped paragraph) and the next is not blank."""
    out: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        prev = out[-1] if out else ""
        if line and prev and not _CLOSED.search(prev):
            last_word = prev.rsplit(" ", 1)[-1].lower()
            dangling = prev.endswith((",", "–", "-")) or last_word in _FUNCTION_WORDS
            if line[0].islower() or (dangling and len(prev) >= 40):
                out[-1] = f"{prev} {line}"
                continue
        out.append(line)
    return out


def classify_lines(
    text: str, title_hint: str | None = None, model: LineModel | None | bool = True, explain: bool = False
) -> list[Labelled]:
    """Label every logical line: the rules first, then (when a model ships) the learnt
    scorer decides body or not for every line that is not structurally something else.
    `model=True` means the shipped model; `None`/False means rules only."""
    items, start, end = rule_pass(text, title_hint)
    if model is True:
        model = load_model()
    content_lines = sum(not it.feats.blank for it in items)
    if model and content_lines >= MODEL_MIN_LINES:
        rules = [(it.label, it.reason) for it in items]
        _model_pass(items, start, end, model, explain)
        _readmit_across_images(items, rules)
        _fall_back_to_rules(items, rules)
        _cut_after_article_end(items)
        _drop_kept_furniture(items)
    return items


def _drop_kept_furniture(items: list[Labelled]) -> None:
    """The scorer judges lines one by one and keeps page furniture that reads like prose
    or like a title: author boxes and archive teasers after the article, comment threads
    with no marker, teaser links, inline-credited captions and shop buttons inside it."""
    _cut_at_aside_heading(items)
    _drop_stamped_entries(items)
    _drop_teaser_lines(items)
    _mark_credited_captions(items)
    _drop_buttons(items)


# The article ends at the first discussion or related section opener (an end marker
# with more furniture right after it; a comment-furniture line as opener cost recall on
# held-out ScrapingHub pages) once this many body words came
# before it (set on the dev sets as a whole, never per page).
END_MIN_WORDS = 150
END_FURNITURE = 2


def _cut_after_article_end(items: list[Labelled]) -> None:
    """After the body, the first comment or related section ends the article: the scorer
    judges lines one by one and keeps long comments and teasers that read like prose."""
    counts = [it.feats.words if it.label in BODY_LABELS else 0 for it in items]
    total, words = sum(counts), 0
    for i, it in enumerate(items):
        words += counts[i]
        if words < END_MIN_WORDS or not (it.feats.end_marker or it.feats.related_marker):
            continue
        following = islice((items[j] for j in range(i + 1, len(items)) if not items[j].feats.blank), 8)
        furniture = sum(x.label in _FURNITURE or x.feats.comment or x.feats.age for x in following)
        if (furniture < END_FURNITURE and not P.TEASER_SECTION.match(it.feats.text)) or total - words >= words:
            continue  # no section starts here, or most of the body is still to come
        _tail_from(items, i + 1, f"after the article's end at line '{it.line[:40]}'")
        return


def _tail_from(items: list[Labelled], start: int, why: str) -> None:
    """Every body line from `start` on is after the article."""
    for x in items[start:]:
        if x.label in BODY_LABELS:
            x.label, x.reason = "tail", f"{why} ({x.reason})"


def _relabel_body_lines(items: list[Labelled], test: Callable[[str], object], max_words: int | None,
                        label: str, why: str) -> None:
    """Body lines of at most `max_words` words whose text passes `test` get `label`."""
    for it in items:
        if it.label in BODY_LABELS and (max_words is None or it.feats.words <= max_words) and test(it.feats.text):
            it.label, it.reason = label, f"{why} ({it.reason})"


# Word limits of the lines the post-rules below judge: headings, teaser titles, buttons.
ASIDE_MAX_WORDS = 12
TEASER_MAX_WORDS = 25
BUTTON_MAX_WORDS = 8


def _drop_buttons(items: list[Labelled]) -> None:
    """Shop and review-list buttons (patterns.BUTTON) that the scorer keeps for the
    product or shop name in them."""
    _relabel_body_lines(items, P.BUTTON.match, BUTTON_MAX_WORDS, "furniture", "shop or review button")


def _mark_credited_captions(items: list[Labelled]) -> None:
    """A kept line ending in '(Image: Getty)' is a photo's caption with its credit inline:
    the credit-line rule only sees credits on a line of their own."""
    _relabel_body_lines(items, P.CAPTION_CREDIT.search, None, "caption", "ends with an inline photo credit")


def _drop_teaser_lines(items: list[Labelled]) -> None:
    """'Related: <title>' and 'See also: <title>' lines link other articles from inside
    the body; the scorer keeps them for their title's words."""
    _relabel_body_lines(items, P.TEASER_LINE.match, TEASER_MAX_WORDS, "furniture", "teaser line for another article")


def _cut_at_aside_heading(items: list[Labelled]) -> None:
    """A kept heading that opens an after-article section (author box, reader poll,
    archive teasers: patterns.ASIDE_HEADING) ends the article there, once it has
    END_MIN_WORDS body words and most of the kept body lies before the heading."""
    counts = [it.feats.words if it.label in BODY_LABELS else 0 for it in items]
    total, words = sum(counts), 0
    for i, it in enumerate(items):
        f = it.feats  # the comment and related markers are _cut_after_article_end's to judge
        late = words >= END_MIN_WORDS and total - words < words  # most of the kept body is above
        if late and f.words <= ASIDE_MAX_WORDS and not (f.end_marker or f.related_marker) and P.ASIDE_HEADING.match(f.text):
            _tail_from(items, i, f"after an aside heading '{it.line[:40]}'")
            return
        words += counts[i]


# A date stamp alone on its line ("October 17, 2008 at 11:22 am") heads a comment or a
# listed post, never an article paragraph; this many of them after the article's
# start make a thread (or a post listing) with no section marker above it.
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?", re.I)
_YEAR = re.compile(r"\d{4}")
STAMP_WORDS = 8
THREAD_STAMPS = 3


def _is_stamp(f: LineFeatures) -> bool:
    """A date stamp, or a forum comment's header ('by name ( 1234 ) writes:', 'Re: ... (Score: 2)')."""
    if f.words <= STAMP_WORDS and _CLOCK.search(f.text) and _YEAR.search(f.text):
        return True
    return f.date_only or bool(P.COMMENT_HEADER.search(f.text))


def _drop_stamped_entries(items: list[Labelled]) -> None:
    """Kept date stamps and comment headers are furniture; THREAD_STAMPS or more of them,
    each right before kept body, once the article has END_MIN_WORDS body words, open a
    comment thread (or a post listing) that the scorer kept line by line: it is tail
    from the first of them on."""
    words, stamps = 0, []
    for i, it in enumerate(items):
        if it.label in BODY_LABELS and _is_stamp(it.feats):
            nxt = _next_content(items, i, 1, ("blank",))
            if nxt is not None and items[nxt].label in BODY_LABELS and words >= END_MIN_WORDS:
                stamps.append(i)
            it.label, it.reason = "date", f"date stamp or comment header inside the body ({it.reason})"
        elif it.label in BODY_LABELS:
            words += it.feats.words
    if len(stamps) >= THREAD_STAMPS:
        _tail_from(items, stamps[0], "in a thread of date-stamped entries")


# What a photo or an advert puts between two paragraphs.
_IMAGE_BREAK = ("blank", "caption", "credit", "boilerplate", "duplicate")


def _readmit_across_images(items: list[Labelled], rules: list[tuple[str, str]]) -> None:
    """A photo's caption and credit just before an article's last paragraphs, with the
    page's end furniture right after them, make the scorer see those paragraphs as
    furniture. A run of lines the rules took as body prose and the scorer dropped is body
    again when kept body comes before it with only a photo (caption or credit; adverts,
    blanks) between, and the next content line after the run is kept body or ends the
    article (an end-of-article marker, or the end of the page)."""
    i = 0
    while i < len(items):
        if not (items[i].label == "noise" and rules[i][0] == "body" and items[i].feats.prose):
            i += 1
            continue
        run = [i]  # the dropped rule-prose lines from here on (blanks may stand between)
        j = i + 1
        while j < len(items) and (items[j].feats.blank or (items[j].label == "noise" and rules[j][0] == "body")):
            if not items[j].feats.blank:
                run.append(j)
            j += 1
        prev = _next_content(items, i, -1, _IMAGE_BREAK)
        after_photo = prev is not None and items[prev].label in BODY_LABELS and any(
            items[k].label in ("caption", "credit") for k in range(prev + 1, i))
        # the scan above stops at the next content line (j) or at the page's end
        ends = j == len(items) or items[j].label in BODY_LABELS or items[j].feats.end_marker
        if after_photo and ends:
            for k in run:
                it = items[k]
                it.label, it.reason = "body", f"after kept body across a photo only; {it.reason}"
        i = j


def _body_words(items: list[Labelled]) -> int:
    return sum(it.feats.words for it in items if it.label in BODY_LABELS)


def _fall_back_to_rules(items: list[Labelled], rules: list[tuple[str, str]]) -> None:
    """When the scorer keeps (almost) nothing of a page where the rules found an article,
    the page is unlike what it learnt from: an empty text helps no one, the rules decide."""
    kept = _body_words(items)
    rule_words = sum(it.feats.words for it, (label, _) in zip(items, rules) if label in BODY_LABELS)
    if kept >= FALLBACK_MIN_WORDS or rule_words < 2 * max(kept, FALLBACK_MIN_WORDS // 2):
        return
    for it, (label, reason) in zip(items, rules):
        it.label, it.reason = label, f"{reason}; rules kept: the scorer kept only {kept} body words"


# Lines whose rule label is structure the page parts need (images, related items,
# head) or furniture vocabulary; the scorer does not turn them into body.
_STRUCTURE = ("title", "caption", "credit", "related", "age", "byline", "date")
_VOCABULARY = ("boilerplate", "end-marker", "comment-furniture", "furniture")
# Body needs a score of THRESHOLD, or CONTINUE_THRESHOLD for a line that follows
# body (hysteresis: an article's paragraphs run on; a lone line must be surer).
THRESHOLD = 0.6
CONTINUE_THRESHOLD = 0.5
# What may stand between two paragraphs without breaking the run.
_BETWEEN = ("blank", "caption", "credit", "boilerplate", "noise", "duplicate")
# The scorer learnt from whole web pages (hundreds of lines, menus and footers
# included); a short text (a copied article) gives it no such context: rules alone.
MODEL_MIN_LINES = 40
# Fewer body words than this from the scorer, against at least twice as many from the
# rules, and the rules' labels stand (see _fall_back_to_rules).
FALLBACK_MIN_WORDS = 40


def _model_pass(items: list[Labelled], start: int, end: int, model: LineModel, explain: bool) -> None:
    rows, X = feature_matrix(items, start, end)
    if not rows:
        return
    words = np.array([items[i].feats.words for i in rows], dtype=float)
    probs, X2 = model.score(X, words, [items[i].line for i in rows])
    in_body = False  # is the last content line (past _BETWEEN lines) body?
    for k, i in enumerate(rows):
        it, p = items[i], float(probs[k])
        bar = CONTINUE_THRESHOLD if in_body else THRESHOLD
        why = f"model p={p:.2f} vs {bar}" + (f": {model.explain(X2[k])}" if explain else "")
        if p >= bar and it.label not in BODY_LABELS + _STRUCTURE + _VOCABULARY:
            it.label, it.reason = ("body" if it.feats.prose else "list"), f"{why} (rules: {it.label}, {it.reason})"
        elif p < bar and it.label in BODY_LABELS and it.label != "subheading":
            it.label, it.reason = "noise", f"{why} (rules: {it.label}, {it.reason})"
        else:
            it.reason += f"; {why}"
        if it.label not in _BETWEEN:
            in_body = it.label in BODY_LABELS
    _drop_orphan_subheadings(items)
    _mark_duplicates(items)


def _drop_orphan_subheadings(items: list[Labelled]) -> None:
    """A subheading stays only while the content line after it is still body: the
    scorer judges the section, the rules its heading."""
    for i, it in enumerate(items):
        if it.label != "subheading":
            continue
        j = _next_content(items, i, 1, ("blank", "caption", "credit"))
        if j is None or items[j].label not in ("body", "list"):
            it.label, it.reason = "noise", f"subheading of a section that is not body ({it.reason})"


def rule_pass(text: str, title_hint: str | None = None) -> tuple[list[Labelled], int, int]:
    """The rule classifier's labels and the main body span it chose (start, end)."""
    items = []
    for raw in logical_lines(text):
        f = line_features(raw)
        label, reason = _base_label(f)
        items.append(Labelled(f.text, label, reason, f))
    _mark_captions(items)
    anchor = _title_anchor(items, title_hint)
    start, end = _main_segment(items, anchor)
    if anchor is not None and anchor == start:
        start += 1
    if end < start:
        return items, start, end
    end = _cut_at_end_marker(items, start, end)
    title_at = anchor if anchor is not None else _find_title(items, start, title_hint)
    if title_at is not None:
        items[title_at].label, items[title_at].reason = "title", "headline-shaped line before the body"
        if title_at < start:  # bylines and dates between title and body belong to the head
            for j in range(title_at + 1, start):
                if items[j].label in ("short",) and items[j].feats.words <= 6:
                    items[j].reason += " (between title and body)"
    _refine_in_segment(items, start, end)
    for i, it in enumerate(items):
        if i < start and it.label in BODY_LABELS + ("short",):
            it.label, it.reason = "outside", f"before the main body ({it.reason})"
        elif i > end and it.label in BODY_LABELS + ("short", "caption", "title"):
            it.label, it.reason = "tail", f"after the article's end ({it.reason})"
        elif start <= i <= end and it.label == "short" and it.feats.words >= MIN_KEPT_WORDS:
            it.label, it.reason = "list", f"short line inside the body span ({it.reason})"
        elif start <= i <= end and it.label == "short":
            it.label, it.reason = "furniture", f"very short line inside the body span ({it.reason})"
    _mark_related(items, end)
    _mark_duplicates(items)
    return items, start, end


def _mark_duplicates(items: list[Labelled]) -> None:
    """A body line repeated word for word (a standfirst shown twice, a pull quote) is kept once."""
    seen: set[str] = set()
    for it in items:
        if it.label in BODY_LABELS and it.feats.words >= 8:
            key = it.feats.text.lower()
            if key in seen:
                it.label, it.reason = "duplicate", "repeats an earlier body line"
            seen.add(key)


def _mark_related(items: list[Labelled], end: int) -> None:
    """After a 'related' marker: outlet lines, age stamps, titles and teasers."""
    marker = next((i for i in range(end + 1, len(items)) if items[i].feats.related_marker), None)
    if marker is None:
        return
    for it in items[marker + 1 :]:
        if it.feats.end_marker and not it.feats.related_marker:
            break  # another section (comments, tags) starts: it stays tail
        if it.label not in ("blank", "age"):
            it.label, it.reason = "related", "after a related-items marker"


def explain_text(text: str, title_hint: str | None = None) -> list[tuple[str, str, str]]:
    """Each line of a flattened page with its label and the reason for it (the rule that
    fired and, when the learnt scorer ran, its probability and top contributing features)."""
    return [(it.line, it.label, it.reason) for it in classify_lines(text, title_hint, explain=True)]


def related_items(items: list[Labelled]) -> list[RelatedItem]:
    """Group the related lines into items around their age stamps.

    Two layouts are common: "Outlet / age / [- Outlet] / title / teaser" and
    "title / age". A short line (<= 5 words) before the age is an outlet.
    """
    rel = [it for it in items if it.label in ("related", "age")]
    ages = [k for k, it in enumerate(rel) if it.label == "age"]
    if not ages:
        return [RelatedItem(title=it.line) for it in rel if 3 <= it.feats.words <= 30]
    out: list[RelatedItem] = []
    for n, k in enumerate(ages):
        before = rel[k - 1] if k > 0 and rel[k - 1].label != "age" else None
        stop = ages[n + 1] - 1 if n + 1 < len(ages) else len(rel)  # the next item's head line
        after = [it.line for it in rel[k + 1 : stop]]
        if before is not None and before.feats.words <= 5:
            outlet, title = before.line, None
        else:
            outlet, title = None, before.line if before is not None else None
        if after and outlet and after[0].lstrip("-–—•| ").strip().lower() == outlet.lower():
            after = after[1:]  # the outlet repeated as "- Outlet"
        if title is None and after:
            title, after = after[0], after[1:]
        out.append(RelatedItem(outlet=outlet, title=title, text=" ".join(after) or None, age_text=rel[k].line))
    return out


def _split_caption(line: str) -> str:
    return P.GALLERY_COUNT.sub("", line).strip()


def parse_text_page(text: str, title_hint: str | None = None, model: LineModel | None | bool = True) -> PageParts:
    items = classify_lines(text, title_hint, model)
    parts = PageParts()
    pending_caption: str | None = None
    for it in items:
        if it.label == "title" and parts.title is None:
            parts.title = it.line
        elif it.label == "body":
            parts.blocks.append(Block(it.line, "p"))
        elif it.label == "list":
            parts.blocks.append(Block(it.line, "li"))
        elif it.label == "subheading":
            parts.blocks.append(Block(it.line, "h"))
        elif it.label == "caption":
            if pending_caption:
                parts.images.append(Image(caption=pending_caption))
            pending_caption = _split_caption(it.line)
        elif it.label == "credit":
            if pending_caption:
                parts.images.append(Image(caption=pending_caption, credit=it.line))
                pending_caption = None
            parts.wire_hints.append(it.line)
        elif it.label == "byline" and not parts.authors:
            parts.authors = [a.strip() for a in re.split(r",| and | & ", it.feats.byline or "") if a.strip()]
    if pending_caption:
        parts.images.append(Image(caption=pending_caption))
    parts.related = related_items(items)
    first_body = next((i for i, it in enumerate(items) if it.label in BODY_LABELS), len(items))
    stamps = [it.line for it in items[:first_body] if it.label == "date"]
    parts.published = parse_date(stamps[0]) if stamps else None
    return parts
