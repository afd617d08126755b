from newsdesk.models import Article, TimeMention
from newsdesk.stories.lexical import STORY_TERMS, LexicalIndex, article_terms, merge_profile

from .samples import others, reports


def test_terms_keep_names_numbers_and_dates():
    a = Article(title="Quake hits Qeshm", text="A 5.6 magnitude quake hit Qeshm island on Sunday, officials said.",
                times=[TimeMention("Sunday", 40, 46, "2008-11-30")])
    terms = article_terms(a)
    assert {"quake", "qeshm", "magnitude", "n:5.6", "y:2008", "m:2008-11"} <= set(terms)
    assert "said" not in terms


def test_same_event_reports_are_closer_than_other_news():
    index = LexicalIndex()
    arts = reports() + others()
    for a in arts:
        index.add(article_terms(a))
    profile = {}
    for a in arts[:2]:
        profile = merge_profile(profile, article_terms(a), index)
    norm = index.norm(profile)
    same = index.cosine(index.weigh(article_terms(arts[2])), profile, norm)
    other = index.cosine(index.weigh(article_terms(arts[3])), profile, norm)
    assert same > 0.2 > other


def test_profiles_and_frequencies_stay_bounded():
    index = LexicalIndex(half_life=3)
    profile = {}
    for a in reports() + others():
        terms = article_terms(a)
        index.add(terms)
        profile = merge_profile(profile, terms, index)
    assert len(profile) <= STORY_TERMS
    assert index.docs < 5  # halved after every 3 documents
