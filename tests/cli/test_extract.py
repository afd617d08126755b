"""`newsdesk extract`: extract + enrich without a database, one JSON line per input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app
from tests.conftest import SEED, need_shared
from tests.httpserver import local_server  # noqa: F401 - fixture

from .helpers import json_lines, run_newsdesk

PAGE_HTML = (
    "<html><head><title>Harbour page</title></head><body><article><h1>Harbour reopens</h1>"
    "<p>The harbour in Valletta reopened on Monday after repairs, the port authority said in a statement.</p>"
    "<p>Ferries will run every hour from June, officials told reporters.</p></article></body></html>"
)
PLAIN = (
    "Ferry timetable agreed\n"
    "Ministers agreed a new ferry timetable for Valletta, the transport office said.\n"
    "Unions welcomed the plan and said crews would be consulted.\n"
)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "page.txt").write_text(PAGE_HTML)  # HTML in a .txt file: --format decides
    (tmp_path / "plain.txt").write_text(PLAIN)
    (tmp_path / "empty.txt").write_text("")
    return {name: tmp_path / f"{name}.txt" for name in ("page", "plain", "empty")}


def invoke(*args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(app, ["extract", *args])
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_several_inputs_one_line_each_in_order_failures_inline(files: dict[str, Path], tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = run_newsdesk(
        "extract", str(files["plain"]), str(missing), str(files["empty"]), str(files["page"]), "--json", cwd=tmp_path
    )
    assert result.returncode == 1, result.stderr
    lines = json_lines(result.stdout)
    assert len(lines) == 4
    assert lines[0]["title"] == "Ferry timetable agreed"
    assert "Valletta" in {e["name"] for e in lines[0]["entities"]}  # enriched, not only extracted
    assert lines[1] == {"input": str(missing), "error": lines[1]["error"]}
    assert str(missing) in lines[1]["error"]
    assert set(lines[2]) == {"input", "error"} and lines[2]["input"] == str(files["empty"])
    assert lines[3]["url"] == str(files["page"])  # the others went on after the failures


def test_format_overrides_detection(files: dict[str, Path]) -> None:
    code, [as_html] = invoke(str(files["page"]), "--format", "html")
    assert code == 0
    assert as_html["title"] == "Harbour reopens"
    assert "<p>" not in as_html["text"] and "reopened on Monday" in as_html["text"]
    code, [as_text] = invoke(str(files["page"]), "--format", "text")
    assert code == 0
    assert "<p>" in as_text["text"]  # taken as already-flattened text, markup and all


def test_published_fills_a_missing_date(files: dict[str, Path]) -> None:
    code, [without] = invoke(str(files["plain"]))
    assert code == 0
    assert without["published"] is None or without["published_estimated"] is True
    code, [given] = invoke(str(files["plain"]), "--published", "2025-05-11")
    assert code == 0
    assert given["published"].startswith("2025-05-11")
    assert given["published_estimated"] is False


def test_seed_page(tmp_path: Path) -> None:
    seed = need_shared(SEED)
    code, [article] = invoke(str(seed), "--json")
    assert code == 0
    assert article["title"].startswith("Putin proposes direct peace talks")
    assert "Istanbul" in article["text"]
    names = {e["canonical"] or e["name"] for e in article["entities"]}
    assert any("Putin" in n for n in names)


def test_urls_are_fetched_through_the_guarded_fetcher(local_server) -> None:  # noqa: F811
    url = local_server.add("/harbour.html", PAGE_HTML)
    allowed = {"NEWSDESK_FETCH__ALLOW_PRIVATE": "127.0.0.1", "NEWSDESK_FETCH__PER_HOST_DELAY_S": "0"}
    result = CliRunner().invoke(app, ["extract", url, "--json"], env=allowed)
    assert result.exit_code == 0, result.output
    [article] = [json.loads(line) for line in result.stdout.splitlines()]
    assert article["title"] == "Harbour reopens" and article["url"] == url
    # without the allow-list a loopback address is refused, as one error line naming the URL
    refused = CliRunner().invoke(app, ["extract", url, "--json"], env={"NEWSDESK_FETCH__ALLOW_PRIVATE": ""})
    assert refused.exit_code == 1
    [line] = [json.loads(line) for line in refused.stdout.splitlines()]
    assert line["input"] == url and url in line["error"]


def test_explain_prints_each_line_label_and_reason(files: dict[str, Path]) -> None:
    result = CliRunner().invoke(app, ["extract", "--explain", str(files["plain"])])
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [row[2] for row in rows] == PLAIN.splitlines()
    labels = {row[2]: row[0] for row in rows}
    assert labels["Ferry timetable agreed"] == "title"
    assert labels["Unions welcomed the plan and said crews would be consulted."] == "body"
    assert all(row[1] for row in rows)


def test_explain_names_an_input_it_cannot_read(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", "--explain", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0
    assert "missing.txt" in result.output
