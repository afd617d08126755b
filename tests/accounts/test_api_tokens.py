"""Personal API tokens, the /account page (password change), and the moderation and admin API,
through the real app over a real store (both backends) and the real `newsdesk` command."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from newsdesk.config import Config
from newsdesk.store import open_store
from newsdesk.web.app import create_app
from tests.accounts.conftest import PASSWORD, make_site
from tests.accounts.test_cli_and_opml import config_in, newsdesk


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def make_token(browser, name: str = "laptop script") -> str:
    page = browser.submit("/account", "/account/tokens", {"name": name})
    assert page.status_code == 200 and 'id="new-token"' in page.text
    token = page.text.split('id="new-token"', 1)[1].split("<code>", 1)[1].split("</code>", 1)[0]
    assert token.startswith("nd_") and len(token) > 40
    return token


def test_a_token_made_on_the_account_page_acts_as_its_user_without_cookies(site, make_user) -> None:
    alice = make_user("alice")
    token = make_token(alice)
    listing = alice.client.get("/account").text
    assert "laptop script" in listing and "never used" in listing and token not in listing  # shown once only

    script = TestClient(site.app)  # no cookies at all: only the header
    assert script.get("/api/me").status_code == 401
    me = script.get("/api/me", headers=bearer(token))
    assert me.status_code == 200 and me.json()["username"] == "alice"
    # unsafe methods need no CSRF token with a bearer token (no browser sends it on its own)
    added = script.post("/api/follows", json={"kind": "entity", "target": "Maria Costa"}, headers=bearer(token))
    assert added.status_code == 201
    assert [f.target for f in site.store.follows(site.store.get_user_by_name("alice").id)] == ["Maria Costa"]
    [row] = script.get("/api/tokens", headers=bearer(token)).json()["items"]
    assert row["name"] == "laptop script" and row["last_used"] is not None and "token" not in row

    assert alice.submit("/account", f"/account/tokens/{row['id']}/delete", {}).status_code == 303
    refused = script.get("/api/me", headers=bearer(token))
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]
    assert refused.headers["www-authenticate"] == "Bearer"


def test_tokens_through_the_api_and_a_disabled_user_loses_them(site, make_user) -> None:
    admin_token = make_token(make_user("boss", role="admin"))
    bob = make_user("bob")
    script = TestClient(site.app)
    made = bob.api("POST", "/api/tokens", json={"name": "cron"})
    assert made.status_code == 201 and made.json()["token"].startswith("nd_")
    bob_token = made.json()["token"]
    assert script.get("/api/me", headers=bearer(bob_token)).json()["username"] == "bob"
    assert script.get("/api/admin/users", headers=bearer(bob_token)).status_code == 403

    users = script.get("/api/admin/users", headers=bearer(admin_token)).json()["items"]
    bob_id = next(u["id"] for u in users if u["username"] == "bob")
    changed = script.patch(f"/api/admin/users/{bob_id}", json={"disabled": True}, headers=bearer(admin_token))
    assert changed.status_code == 200 and changed.json()["disabled"] is True and changed.json()["role"] == "reader"
    assert script.get("/api/me", headers=bearer(bob_token)).status_code == 401
    assert bob.client.get("/api/me").status_code == 401  # the browser session ended too

    boss_id = next(u["id"] for u in users if u["username"] == "boss")
    selfish = script.patch(f"/api/admin/users/{boss_id}", json={"role": "reader"}, headers=bearer(admin_token))
    assert selfish.status_code == 400 and "yourself" in selfish.json()["detail"]
    assert script.patch(f"/api/admin/users/{bob_id}", json={"role": "overlord"},
                        headers=bearer(admin_token)).status_code == 422


def test_password_change_checks_the_old_one_and_logs_out_other_sessions(site, make_user) -> None:
    carol = make_user("carol")
    other_device = site.browser()
    assert other_device.login("carol").status_code == 303
    wrong = carol.submit("/account", "/account/password", {"current": "not my password", "new": "a brand new secret"})
    assert wrong.status_code == 403 and "current password: wrong" in wrong.text
    weak = carol.submit("/account", "/account/password", {"current": PASSWORD, "new": "short"})
    assert weak.status_code == 400 and "at least 10 characters" in weak.text
    done = carol.submit("/account", "/account/password", {"current": PASSWORD, "new": "a brand new secret"})
    assert done.status_code == 200 and "1 other session(s) logged out" in done.text
    assert carol.client.get("/api/me").json()["username"] == "carol"  # this session is kept
    assert other_device.client.get("/api/me").status_code == 401
    assert site.browser().login("carol").status_code == 401
    assert site.browser().login("carol", "a brand new secret").status_code == 303


def test_moderators_work_the_report_queue_through_the_api(site, make_user) -> None:
    dave, erin = make_user("dave"), make_user("erin")
    posted = dave.api("POST", "/api/comments", json={"target": "article", "target_id": site.ids["a"], "body": "spam spam"})
    comment_id = posted.json()["id"]
    assert erin.api("POST", f"/api/comments/{comment_id}/report", json={"reason": "spam"}).json()["reported"] is True

    mod_token = make_token(make_user("mo", role="moderator"))
    script = TestClient(site.app)
    assert script.get("/api/moderation/reports", headers=bearer(make_token(dave))).status_code == 403
    [report] = script.get("/api/moderation/reports", headers=bearer(mod_token)).json()["items"]
    assert report["comment_id"] == comment_id and report["reason"] == "spam" and report["comment"]["author"] == "dave"
    bad = script.post(f"/api/moderation/reports/{report['id']}", json={"action": "burn"}, headers=bearer(mod_token))
    assert bad.status_code == 422
    done = script.post(f"/api/moderation/reports/{report['id']}", json={"action": "hide"}, headers=bearer(mod_token))
    assert done.json() == {"report_id": report["id"], "resolution": "hidden"}
    assert site.store.get_comment(comment_id).hidden
    assert script.get("/api/moderation/reports", headers=bearer(mod_token)).json()["items"] == []
    again = script.post(f"/api/moderation/reports/{report['id']}", json={"action": "hide"}, headers=bearer(mod_token))
    assert again.status_code == 404


def test_an_api_invitation_opens_sign_up_in_invite_mode(tmp_path: Path, db_url: str) -> None:
    for site in make_site(tmp_path, db_url, signup="invite"):
        site.store.create_user("root", "x", role="admin")
        from newsdesk.accounts.api_tokens import issue_api_token

        token, _ = issue_api_token(site.store, site.store.get_user_by_name("root").id, "setup")
        script = TestClient(site.app)
        made = script.post("/api/admin/invites", json={"role": "moderator"}, headers=bearer(token))
        assert made.status_code == 201 and made.json()["signup_url"].endswith(made.json()["code"])
        newcomer = site.browser()
        assert newcomer.signup("frank", invite=made.json()["code"]).status_code == 303
        assert site.store.get_user_by_name("frank").role == "moderator"


def test_user_token_command_prints_a_working_token(tmp_path: Path, db_url: str) -> None:
    assert newsdesk(tmp_path, db_url, "init").returncode == 0
    added = newsdesk(tmp_path, db_url, "user", "add", "gina", "--password-stdin", stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    made = newsdesk(tmp_path, db_url, "user", "token", "gina", "--label", "backup job", "--json")
    assert made.returncode == 0, made.stderr
    printed = json.loads(made.stdout)
    assert printed["user"] == "gina" and printed["name"] == "backup job" and printed["token"].startswith("nd_")
    missing = newsdesk(tmp_path, db_url, "user", "token", "nobody")
    assert missing.returncode == 2 and "nobody" in missing.stderr and len(missing.stderr.strip().splitlines()) == 1

    config: Config = config_in(tmp_path, db_url)
    store = open_store(config)
    try:
        with TestClient(create_app(config, store)) as client:
            me = client.get("/api/me", headers=bearer(printed["token"]))
            assert me.status_code == 200 and me.json()["username"] == "gina"
    finally:
        store.close()
