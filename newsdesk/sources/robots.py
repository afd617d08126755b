"""robots.txt, fetched once per host and kept for an hour (RFC 9309 semantics).

A 4xx robots.txt allows everything; a 5xx or an unreachable one disallows
everything for a few minutes (RFC 9309 2.3.1.4) rather than hammering a host
that is already struggling.
"""

from __future__ import annotations

import math
import re
import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

OK_TTL_S = 3600.0
ERROR_TTL_S = 300.0
MAX_CRAWL_DELAY_S = 60.0


@dataclass
class RobotsAnswer:
    """What one robots.txt fetch returned: status (None when unreachable) and body."""

    status: int | None
    body: bytes = b""


_CRAWL_DELAY = re.compile(r"^\s*crawl-delay\s*:\s*([0-9]*\.[0-9]+)\s*$", re.I)


def _integral_delays(lines: list[str]) -> list[str]:
    """robotparser only reads whole seconds: round a fractional Crawl-delay up (more polite, not less)."""
    out = []
    for line in lines:
        match = _CRAWL_DELAY.match(line)
        out.append(f"Crawl-delay: {math.ceil(float(match.group(1)))}" if match else line)
    return out


@dataclass
class _Entry:
    parser: urllib.robotparser.RobotFileParser
    expires: float
    unavailable: str | None = None  # why everything is disallowed for now


class RobotsCache:
    def __init__(self, user_agent: str, fetch_robots: Callable[[str], RobotsAnswer]) -> None:
        self.user_agent = user_agent
        self._fetch_robots = fetch_robots
        self._entries: dict[str, _Entry] = {}
        self._lock = threading.Lock()

    def _entry(self, url: str) -> _Entry:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            entry = self._entries.get(origin)
            if entry and entry.expires > time.monotonic():
                return entry
        answer = self._fetch_robots(origin + "/robots.txt")
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        ttl, unavailable = OK_TTL_S, None
        if answer.status is None or answer.status >= 500:
            parser.disallow_all = True
            ttl = ERROR_TTL_S
            unavailable = "unreachable" if answer.status is None else f"HTTP {answer.status}"

        elif answer.status >= 400:
            parser.allow_all = True
        else:
            parser.parse(_integral_delays(answer.body.decode("utf-8", errors="replace").splitlines()))
        entry = _Entry(parser, time.monotonic() + ttl, unavailable)
        with self._lock:
            self._entries[origin] = entry
        return entry

    def refusal(self, url: str) -> str | None:
        """Why robots.txt forbids fetching `url`, or None when it may be fetched."""
        entry = self._entry(url)
        if entry.unavailable:
            return f"robots.txt unavailable ({entry.unavailable}), not fetching"
        if not entry.parser.can_fetch(self.user_agent, url):
            return "disallowed by robots.txt"
        return None

    def crawl_delay(self, url: str) -> float:
        """The host's Crawl-delay for us (0 when none), capped so one odd file cannot stall a run."""
        delay = self._entry(url).parser.crawl_delay(self.user_agent)
        try:
            return min(float(delay or 0), MAX_CRAWL_DELAY_S)
        except (TypeError, ValueError):
            return 0.0
