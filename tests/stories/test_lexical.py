from newsdesk.models import Article, TimeMention
import numpy as np

from newsdesk.stories.lexical import LexicalIndex, article_terms
from newsdesk.stories.links import MEMBER_TERMS, lexical, member_of

from .samples import others, reports


def test_terms_keep_names_numbers_and_dates():
    a = Article(title="Quake hits Qeshm", text="A 5.6 magnitude quake hit Qeshm island on Sunday, officials said.",
                times=[TimeMention("Sunday", 40, 46, "2008-11-30")])
    terms = article_terms(a)
    assert {"quake", "qeshm", "magnitude", "n:5.6", "y:2008", "m:2008-11"} <= set(terms)
    assert "said" not in terms


def as_member(i, a, index):
    return member_of(i, 0, np.zeros(3), index.weigh(article_terms(a)), {}, None, index.idf)


def test_same_event_reports_are_closer_than_other_news():
    index = LexicalIndex()
    arts = reports() + others()
    for a in arts:
        index.add(article_terms(a))
    members = [as_member(i, a, index) for i, a in enumerate(arts)]
    sims = lexical(members[2], members)
    assert sims[2] > 0.99  # itself
    assert min(sims[0], sims[1]) > 0.2 > max(sims[3], sims[4])


def test_linked_articles_and_frequencies_stay_bounded():
    index = LexicalIndex(half_life=3)
    for a in reports() + others():
        index.add(article_terms(a))
    long = reports()[0]
    long.text = " ".join(f"word{i}" for i in range(500))
    assert len(as_member(0, long, index).tids) == MEMBER_TERMS
    assert index.docs < 5  # halved after every 3 documents
