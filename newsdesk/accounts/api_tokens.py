"""Personal API tokens: made for a user, shown once, kept only as sha256 (like sessions).

Shared by the /account page, the JSON API and `newsdesk user token`.
"""

from __future__ import annotations

from typing import Any

from newsdesk.accounts.tokens import new_token, token_hash

PREFIX = "nd_"  # recognisable in a leaked config file or by a secret scanner
MAX_PER_USER = 20  # enough for every script and machine; a bound on a runaway loop
NAME_CHARS = 100


def new_api_token() -> str:
    return PREFIX + new_token()


def issue_api_token(store: Any, user_id: int, name: str) -> tuple[str, Any]:
    """(the new token, to show this once; its listing row). ValueError (one line) past the limit."""
    name = " ".join((name or "").split())[:NAME_CHARS] or "API token"
    if len(store.api_tokens(user_id)) >= MAX_PER_USER:
        raise ValueError(f"API tokens: at most {MAX_PER_USER}; revoke one first")
    token = new_api_token()
    return token, store.create_api_token(user_id, name, token_hash(token))
