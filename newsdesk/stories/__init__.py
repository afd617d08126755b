"""Stories: syndication dedupe, online clustering, timelines and briefs.

Contract used by the pipeline (implemented in this package):

    engine = StoryEngine.load(blob_or_None, config)   # warm start from store.load_story_state("engine")
    dup = engine.find_duplicate(article)             # article_id of a near-duplicate already seen, or None
    engine.add_duplicate(...)                        # (optional) record the copy
    assignment = engine.assign(article_id, article)  # -> models.Assignment (story_id None = new story)
    engine.confirm(article_id, story_id)             # after the store gave the new story its id
    blob = engine.dump()                             # persisted with store.save_story_state("engine", blob)
    data = build_story_data(articles)                # title, timeline, quotes by speaker, brief (JSON-able)

Everything here is pure Python over models.Article; no SQL, no HTTP.
"""
