"""A small cache for pages everyone asks for (the front page): an entry is used while
nothing was committed to the store since it was made (store.data_version) and it is
younger than its time to live (relative ages such as "5 minutes ago" move on)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Hashable

from newsdesk.store.base import Storage


class PageCache:
    def __init__(self, ttl_s: float = 30.0, size: int = 256) -> None:
        self.ttl_s = ttl_s
        self.size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, tuple[int, float, Any]] = OrderedDict()

    def get(self, store: Storage, key: Hashable, make: Callable[[], Any]) -> Any:
        version = store.data_version()
        now = time.monotonic()
        with self._lock:
            held = self._entries.get(key)
            if held is not None and held[0] == version and now - held[1] < self.ttl_s:
                self._entries.move_to_end(key)
                return held[2]
        value = make()  # outside the lock: two threads may both build, one result is kept
        with self._lock:
            self._entries[key] = (version, now, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value
