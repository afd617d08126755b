"""Password hashing (argon2id, argon2-cffi's defaults) and the password rules."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()  # argon2id; RFC 9106's second recommendation (64 MiB, 3 passes)
MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # argon2 takes any length; a cap stops a megabyte "password" costing CPU
USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{1,31}$")
# a real argon2 hash (same cost as new hashes), verified against when the user does not
# exist, so a failed log-in takes as long for an unknown name as for a wrong password
_DUMMY: dict[tuple[int, int], str] = {}


def _dummy() -> str:
    key = (_HASHER.time_cost, _HASHER.memory_cost)
    if key not in _DUMMY:
        _DUMMY[key] = _HASHER.hash("not a password: timing equaliser")
    return _DUMMY[key]


def configure(time_cost: int, memory_kib: int) -> None:
    """Set the cost of new hashes (`accounts.argon2_*`); old hashes still verify and are
    re-hashed at the next log-in."""
    global _HASHER
    if (time_cost, memory_kib) != (_HASHER.time_cost, _HASHER.memory_cost):
        _HASHER = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash or _dummy(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _HASHER.check_needs_rehash(password_hash)


def check_new_account(username: str, password: str) -> str | None:
    """A one-line reason the name or password is refused, or None."""
    if not USERNAME.match(username or ""):
        return "user name: 2-32 letters, digits, '.', '_' or '-', starting with a letter or digit"
    if len(password or "") < MIN_PASSWORD:
        return f"password: at least {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"password: at most {MAX_PASSWORD} characters"
    if password.lower() == username.lower():
        return "password: must not be the user name"
    return None
