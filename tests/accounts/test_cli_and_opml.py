"""The real `newsdesk` command: user add/list, OPML import/export; OPML through the admin page."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from newsdesk.config import Config
from newsdesk.sources.opml import parse_opml
from newsdesk.store import open_store
from tests.accounts.conftest import PASSWORD
from tests.cli.helpers import NEWSDESK

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="News">
    <outline type="rss" text="Alpha" title="Alpha &amp; Co" xmlUrl="https://alpha.example/feed.xml"/>
    <outline type="rss" text="Beta" xmlUrl="https://beta.example/rss"/>
  </outline>
  <outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/>
  <outline type="rss" text="Alpha again" xmlUrl="https://alpha.example/feed.xml"/>
</body></opml>"""
BOMB = b"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
<opml version="2.0"><head/><body><outline text="&b;" xmlUrl="https://x.example/"/></body></opml>"""


def config_in(folder: Path, db_url: str) -> Config:
    """What the command sees: data under folder/data; SQLite there by default, else db_url."""
    return Config(data_dir=str(folder / "data"), database_url="" if db_url.startswith("sqlite") else db_url)


def newsdesk(folder: Path, db_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "NEWSDESK_DATA_DIR": str(folder / "data"),
           "NEWSDESK_ACCOUNTS__ARGON2_MEMORY_KIB": "8192", "NEWSDESK_ACCOUNTS__ARGON2_TIME_COST": "1"}
    if not db_url.startswith("sqlite"):
        env["NEWSDESK_DATABASE_URL"] = db_url
    return subprocess.run([str(NEWSDESK), *args], cwd=folder, env=env, input=stdin, capture_output=True,
                          text=True, timeout=120)


def test_user_add_and_list(tmp_path: Path, db_url: str) -> None:
    added = newsdesk(tmp_path, db_url, "user", "add", "root", "--role", "admin", "--password-stdin", "--json",
                     stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["role"] == "admin"
    bad_role = newsdesk(tmp_path, db_url, "user", "add", "eve", "--role", "editor", "--password-stdin", stdin=PASSWORD + "\n")
    assert bad_role.returncode == 2 and "--role 'editor'" in bad_role.stderr
    weak = newsdesk(tmp_path, db_url, "user", "add", "eve", "--password-stdin", stdin="short\n")
    assert weak.returncode == 2 and "at least 10 characters" in weak.stderr
    again = newsdesk(tmp_path, db_url, "user", "add", "ROOT", "--password-stdin", stdin=PASSWORD + "\n")
    assert again.returncode == 1 and "already taken" in again.stderr
    listed = newsdesk(tmp_path, db_url, "user", "list", "--json")
    assert [(u["username"], u["role"]) for u in json.loads(listed.stdout)] == [("root", "admin")]
    with open_store(config_in(tmp_path, db_url)) as store:
        from newsdesk.accounts.passwords import verify_password

        assert verify_password(store.get_user_by_name("root").password_hash, PASSWORD)
        store.add_follow(store.get_user_by_name("root").id, "entity", "Nobody Yet")
    alerts = newsdesk(tmp_path, db_url, "alerts", "run", "--json")
    assert alerts.returncode == 0, alerts.stderr
    assert json.loads(alerts.stdout) == {"users": 1, "matched": 0, "webhooks": 0, "emails": 0, "errors": []}


def test_opml_round_trip_through_the_cli(tmp_path: Path, db_url: str) -> None:
    source = tmp_path / "in.opml"
    source.write_bytes(OPML)
    imported = newsdesk(tmp_path, db_url, "opml", "import", str(source), "--json")
    assert imported.returncode == 0, imported.stderr
    report = json.loads(imported.stdout)
    assert report["feeds"] == 2 and len(report["problems"]) == 1 and "not an http(s) URL" in report["problems"][0]
    out = tmp_path / "out.opml"
    assert newsdesk(tmp_path, db_url, "opml", "export", str(out)).returncode == 0
    back = parse_opml(out.read_bytes(), "out.opml")
    assert [(f.url, f.title) for f in back.feeds] == [
        ("https://alpha.example/feed.xml", "Alpha & Co"), ("https://beta.example/rss", "Beta")]
    assert "2 feeds, 0 new" in newsdesk(tmp_path, db_url, "opml", "import", str(out)).stderr  # twice adds nothing

    bomb = tmp_path / "bomb.opml"
    bomb.write_bytes(BOMB)
    refused = newsdesk(tmp_path, db_url, "opml", "import", str(bomb))
    assert refused.returncode == 2 and "bomb.opml: not a readable OPML file" in refused.stderr
    html = tmp_path / "page.opml"
    html.write_bytes(b"<html><body>hi</body></html>")
    assert "not an OPML file" in newsdesk(tmp_path, db_url, "opml", "import", str(html)).stderr
    with open_store(config_in(tmp_path, db_url)) as store:
        assert len(store.list_sources()) == 2  # nothing from the refused files was stored


def test_opml_through_the_admin_page(site, make_user) -> None:
    reader, admin = make_user("reader1"), make_user("boss", role="admin")
    assert reader.client.get("/admin/opml").status_code == 403
    upload = admin.client.post("/admin/opml", data={"csrf_token": admin.token("/admin")},
                               files={"file": ("feeds.opml", OPML, "text/xml")})
    assert upload.status_code == 200 and "Imported 2 feeds" in upload.text and "not an http(s) URL" in upload.text
    exported = admin.client.get("/admin/opml")
    assert exported.headers["content-type"].startswith("text/x-opml")
    assert [f.url for f in parse_opml(exported.content, "export").feeds] == [
        "https://alpha.example/feed.xml", "https://beta.example/rss"]
    bad = admin.client.post("/admin/opml", data={"csrf_token": admin.token("/admin")},
                            files={"file": ("bomb.opml", BOMB, "text/xml")})
    assert bad.status_code == 400 and "not a readable OPML file" in bad.text
    # roles are managed on the same page
    reader_id = site.store.get_user_by_name("reader1").id
    assert admin.submit("/admin", f"/admin/users/{reader_id}", {"role": "moderator"}).status_code == 303
    assert site.store.get_user(reader_id).role == "moderator"
    assert reader.client.get("/moderation").status_code == 200
