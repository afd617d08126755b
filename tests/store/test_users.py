from __future__ import annotations

import pytest

from newsdesk.models import Article


def test_users_unique_names_roles_and_logins(store) -> None:
    user = store.create_user("Alice", "$argon2id$hash", email="a@example.org")
    assert user.id and user.role == "reader" and not user.disabled
    with pytest.raises(ValueError, match="already taken"):
        store.create_user("alice", "$argon2id$other")  # names are case-insensitive
    with pytest.raises(ValueError, match="role"):
        store.create_user("bob", "h", role="root")
    store.update_user(user.id, role="moderator", logged_in=True)
    again = store.get_user_by_name("ALICE")
    assert again.id == user.id and again.role == "moderator" and again.last_login is not None
    assert store.get_user(999) is None


def test_comments_on_articles_hidden_and_cascade(store) -> None:
    article_id = store.save_article(Article(url="https://ex.com/a", outlet="Ex", title="T", text="body")).article_id
    user = store.create_user("carol", "h")
    first = store.add_comment(user.id, "<b>first</b>", article_id=article_id)
    reply = store.add_comment(user.id, "reply", article_id=article_id, parent_id=first.id)
    assert [c.body for c in store.list_comments(article_id=article_id)] == ["<b>first</b>", "reply"]
    assert reply.parent_id == first.id and reply.username == "carol"
    store.hide_comment(first.id)
    assert [c.id for c in store.list_comments(article_id=article_id)] == [reply.id]
    assert len(store.list_comments(article_id=article_id, include_hidden=True)) == 2
    with pytest.raises(ValueError):
        store.add_comment(user.id, "nowhere")
