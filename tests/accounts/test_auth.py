"""Sign-up, log-in, sessions, CSRF and log-in rate limiting through the real app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsdesk.accounts.passwords import verify_password
from tests.accounts.conftest import PASSWORD, make_site


def test_signup_login_logout_and_session_cookie(site) -> None:
    browser = site.browser()
    response = browser.signup("alice", email="alice@example.org")
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "nd_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    user = site.store.get_user_by_name("alice")
    assert user.password_hash.startswith("$argon2id$") and verify_password(user.password_hash, PASSWORD)
    assert browser.client.get("/api/me").json()["username"] == "alice"
    assert 'id="logout"' in browser.client.get("/").text

    token = browser.client.cookies.get("nd_session")
    assert browser.submit("/login", "/logout", {}).status_code == 303
    assert browser.client.get("/api/me").status_code == 401
    browser.client.cookies.set("nd_session", token)  # an old cookie replayed: the session is gone server-side
    assert browser.client.get("/api/me").status_code == 401

    assert browser.login("alice", "wrong password!").status_code == 401
    assert browser.login("alice").status_code == 303
    assert browser.client.get("/api/me").json()["role"] == "reader"


def test_signup_refuses_weak_or_taken(site) -> None:
    browser = site.browser()
    assert browser.signup("bob", "short").status_code == 400
    assert browser.signup("bad name!").status_code == 400
    assert browser.signup("bob").status_code == 303
    other = site.browser()
    response = other.signup("BOB")
    assert response.status_code == 409 and "already taken" in response.text


def test_signups_per_address_are_limited(tmp_path: Path, db_url: str) -> None:
    for site in make_site(tmp_path, db_url, signups_per_ip_hour=2):
        assert site.browser().signup("one").status_code == 303
        assert site.browser().signup("two").status_code == 303
        third = site.browser().signup("three")
        assert third.status_code == 429 and "Too many new accounts" in third.text
        assert site.store.get_user_by_name("three") is None


def test_csrf_token_required_and_bound_to_the_session(site, make_user) -> None:
    alice = make_user("alice")
    form = {"target": "article", "target_id": site.ids["a"], "body": "hello"}
    assert alice.client.post("/comments", data=form).status_code == 403  # no token
    assert alice.client.post("/comments", data={**form, "csrf_token": "0" * 64}).status_code == 403
    mallory = make_user("mallory")
    foreign = mallory.token(f"/articles/{site.ids['a']}")
    assert alice.client.post("/comments", data={**form, "csrf_token": foreign}).status_code == 403
    assert alice.client.post("/api/follows", json={"kind": "entity", "target": "X"}).status_code == 403
    assert alice.api("POST", "/api/follows", json={"kind": "entity", "target": "X"}).status_code == 201
    assert alice.submit(f"/articles/{site.ids['a']}", "/comments", form).status_code == 303
    assert site.store.list_comments(article_id=site.ids["a"])[0].body == "hello"
    # a log-in form posted without the pre-session token is refused too (login CSRF)
    stranger = site.browser()
    assert stranger.client.post("/login", data={"username": "alice", "password": PASSWORD}).status_code == 403


def test_login_lockout_per_user_and_per_ip(tmp_path: Path, db_url: str) -> None:
    for site in make_site(tmp_path, db_url, login_max_failures=3, login_window_s=600):
        owner = site.browser()
        assert owner.signup("carol").status_code == 303
        attacker = site.browser()
        for _ in range(3):
            assert attacker.login("carol", "wrong password!").status_code == 401
        locked = attacker.login("carol")  # even the right password is refused while locked
        assert locked.status_code == 429 and "Too many failed log-ins" in locked.text
        assert site.browser().login("carol").status_code == 429  # the name is locked for everyone
        # the same address trying other names is locked as well (TestClient is one address)
        assert site.browser().signup("dave").status_code == 303
        assert site.browser().login("dave").status_code == 429
        # once the window has passed (failures aged in the database), carol may log in again
        site.store.db.conn().execute("UPDATE login_failures SET at = at - 601")
        assert site.browser().login("carol").status_code == 303


@pytest.mark.parametrize("mode", ["closed", "invite"])
def test_signup_modes(tmp_path: Path, db_url: str, mode: str) -> None:
    for site in make_site(tmp_path, db_url, signup=mode):
        browser = site.browser()
        if mode == "closed":
            assert browser.client.get("/signup").status_code == 403
            return
        assert browser.signup("erin").status_code == 403  # no invitation code
        from newsdesk.accounts.passwords import hash_password

        site.store.create_user("boss", hash_password(PASSWORD), role="admin")
        admin = site.browser()
        assert admin.login("boss").status_code == 303
        made = admin.submit("/admin", "/admin/invites", {"role": "moderator"})
        code = re.search(r"signup\?invite=([\w-]+)", made.text).group(1)
        boss_id = site.store.get_user_by_name("boss").id
        assert admin.submit("/admin", f"/admin/users/{boss_id}", {"role": "reader"}).status_code == 400  # not yourself
        assert browser.submit(f"/signup?invite={code}", "/signup",
                              {"username": "erin", "password": PASSWORD, "invite": code}).status_code == 303
        assert site.store.get_user_by_name("erin").role == "moderator"
        again = site.browser().submit("/signup", "/signup", {"username": "frank", "password": PASSWORD, "invite": code})
        assert again.status_code == 403 and "already used" in again.text


def test_login_redirects_only_within_the_site(site, make_user) -> None:
    make_user("gina")
    browser = site.browser()
    for target, expected in [("/inbox", "/inbox"), ("//evil.example/x", "/"), ("https://evil.example", "/"), ("/\\evil", "/")]:
        response = browser.submit("/login", "/login", {"username": "gina", "password": PASSWORD, "next": target})
        assert response.headers["location"] == expected
    anonymous = site.browser()
    response = anonymous.client.get("/inbox", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/inbox"


def test_expired_session_is_refused_and_api_is_documented(site, make_user) -> None:
    alice = make_user("alice")
    assert alice.client.get("/api/me").status_code == 200
    site.store.db.conn().execute("UPDATE sessions SET expires_at = '2000-01-01T00:00:00+00:00'")
    assert alice.client.get("/api/me").status_code == 401
    assert site.store.delete_expired_sessions() == 1
    assert site.browser().client.get("/static/csrf.js").status_code == 200
    paths = site.browser().client.get("/openapi.json").json()["paths"]
    for path in ["/api/comments", "/api/inbox", "/api/saved-searches", "/api/follows", "/api/mutes",
                 "/feeds/front.{fmt}", "/feeds/entities/{name}.{fmt}"]:
        assert path in paths, path
