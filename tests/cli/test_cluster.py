"""`newsdesk cluster`: one JSON array of stories, failures on stderr, exit 1 when any input failed."""

from __future__ import annotations

from pathlib import Path

import json

from .helpers import page, run_newsdesk


def test_cluster_json_array(tmp_path: Path) -> None:
    bridge = page("Kingsbridge bridge opens next month", "Kingsbridge", "Ada Lane", 12)
    (tmp_path / "one.html").write_text(bridge)
    (tmp_path / "copy.html").write_text(bridge)  # the same article carried twice
    (tmp_path / "other.html").write_text(
        page("Festival returns to Dunmore", "Dunmore", "Liam Byrne", 14, thing="summer music festival")
    )
    result = run_newsdesk("cluster", "one.html", "copy.html", "other.html", "gone.html", "--json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    stories = json.loads(result.stdout)  # the whole stdout is one JSON document
    assert isinstance(stories, list) and all(set(s) >= {"story", "title", "members", "reasons"} for s in stories)
    assert len(stories) == 2 and len({s["story"] for s in stories}) == 2
    failed = [ln for ln in result.stderr.splitlines() if ln.startswith("failed:")]
    assert len(failed) == 1 and "gone.html" in failed[0]
    members = [m for story in stories for m in story["members"]]
    assert sorted(members) == ["copy.html", "one.html", "other.html"]  # every input exactly once
    together = next(s for s in stories if "one.html" in s["members"])
    assert "copy.html" in together["members"]
    assert all(s["reasons"] and s["title"] for s in stories)
