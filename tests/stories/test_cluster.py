import json

from newsdesk.stories import cluster_articles, cluster_paths

from .samples import others, reports, wire_pair


def test_cluster_articles_groups_copies_and_stories():
    first, second = wire_pair()
    named = [(f"doc{i}", a) for i, a in enumerate(reports() + others() + [first, second])]
    out = cluster_articles(named, embedder="hashing")
    json.dumps(out)
    story_of = {m: s["story"] for s in out for m in s["members"]}
    assert story_of["doc0"] == story_of["doc1"] == story_of["doc2"]
    assert len({story_of["doc0"], story_of["doc3"], story_of["doc4"]}) == 3
    wire = next(s for s in out if "doc5" in s["members"])  # Putin's offer: the same Istanbul story
    assert wire["duplicates"] == [["doc5", "doc6"]] and {"Reuters", "Daily Mail"} <= set(wire["outlets"])
    assert all(s["reasons"] and s["title"] for s in out)


def test_cluster_paths_reads_files_without_a_database(tmp_path):
    for i, a in enumerate(reports(enriched=False) + others(enriched=False)):
        (tmp_path / f"a{i}.txt").write_text(f"{a.title}\n\n{a.text}\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = cluster_paths(sorted(tmp_path.glob("*.txt")), embedder="hashing")
    stories = [s for s in out if "story" in s]
    errors = [s for s in out if "error" in s]
    assert len(errors) == 1 and "empty.txt" in errors[0]["input"]
    groups = sorted(sorted(p.rsplit("/", 1)[-1] for p in s["members"]) for s in stories)
    assert ["a0.txt", "a1.txt", "a2.txt"] in groups and len(stories) == 3
