"""`newsdesk cluster`: stories as JSON lines, failures after them, exit 1 when any input failed."""

from __future__ import annotations

from pathlib import Path

from .helpers import json_lines, page, run_newsdesk


def test_cluster_json_lines(tmp_path: Path) -> None:
    bridge = page("Kingsbridge bridge opens next month", "Kingsbridge", "Ada Lane", 12)
    (tmp_path / "one.html").write_text(bridge)
    (tmp_path / "copy.html").write_text(bridge)  # the same article carried twice
    (tmp_path / "other.html").write_text(
        page("Festival returns to Dunmore", "Dunmore", "Liam Byrne", 14, thing="summer music festival")
    )
    result = run_newsdesk("cluster", "one.html", "copy.html", "other.html", "gone.html", "--json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = json_lines(result.stdout)
    stories, failures = lines[:-1], lines[-1:]
    assert failures == [{"input": "gone.html", "error": failures[0]["error"]}] and "gone.html" in failures[0]["error"]
    members = [m for story in stories for m in story["members"]]
    assert sorted(members) == ["copy.html", "one.html", "other.html"]  # every input exactly once
    together = next(s for s in stories if "one.html" in s["members"])
    assert "copy.html" in together["members"]
    assert all(s["reasons"] and s["title"] for s in stories)
