"""Random tokens and their stored form: the database keeps only sha256(token)."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def keyed(secret: bytes, purpose: str, value: str) -> str:
    """HMAC-SHA256 of `value` for one purpose (csrf, ...), hex."""
    return hmac.new(secret, f"{purpose}:{value}".encode("utf-8"), hashlib.sha256).hexdigest()


def app_secret(configured: str, data_dir: str | os.PathLike[str]) -> bytes:
    """`web.secret_key` when set; else a random key kept in data_dir/secret_key (mode 0600),
    created on first use so restarts keep forms valid."""
    if configured:
        return configured.encode("utf-8")
    path = Path(data_dir) / "secret_key"
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32).encode("ascii")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as out:
        out.write(key)
    return key
