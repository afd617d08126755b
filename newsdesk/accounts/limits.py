"""Log-in rate limiting: failures counted per user name and per IP address.

After `login_max_failures` failures within `login_window_s`, that name (or that
address) is locked until the window has passed since its latest failure. Both
keys are counted so one address cannot try many names, nor many addresses one name.
Failures live in the database, so every server process sees the same counts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from newsdesk.config import AccountsConfig


@dataclass
class LoginLimiter:
    store: Any
    config: AccountsConfig

    @staticmethod
    def keys(username: str, ip: str) -> list[str]:
        return [f"user:{username.strip().lower()}", f"ip:{ip}"]

    def locked_for(self, username: str, ip: str, now: float | None = None) -> float:
        """Seconds until a log-in may be tried again (0: not locked)."""
        now = time.time() if now is None else now
        since = now - self.config.login_window_s
        wait = 0.0
        for key in self.keys(username, ip):
            count, latest = self.store.login_failures_since(key, since)
            if count >= self.config.login_max_failures and latest is not None:
                wait = max(wait, latest + self.config.login_window_s - now)
        return wait

    def failed(self, username: str, ip: str, now: float | None = None) -> None:
        now = time.time() if now is None else now
        self.store.record_login_failure(self.keys(username, ip), now)

    def succeeded(self, username: str) -> None:
        # only the name's count is forgiven: an address that guessed wrong elsewhere stays counted
        # and rows older than any window (log-in, or the hour of sign-ups) are swept
        horizon = max(self.config.login_window_s, 3600)
        self.store.clear_login_failures(self.keys(username, "")[0], before=time.time() - horizon)


def signup_allowed(store: Any, config: AccountsConfig, ip: str, now: float | None = None) -> bool:
    """At most `signups_per_ip_hour` new accounts per address per hour (counted in the same table)."""
    now = time.time() if now is None else now
    count, _ = store.login_failures_since(f"signup:{ip}", now - 3600)
    return count < config.signups_per_ip_hour


def record_signup(store: Any, ip: str, now: float | None = None) -> None:
    store.record_login_failure([f"signup:{ip}"], time.time() if now is None else now)
