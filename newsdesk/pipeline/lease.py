"""One pipeline processor at a time: a lease in the store, renewed every chunk.

Two processes (the `newsdesk run` scheduler and a `newsdesk ingest`) would
otherwise both load the story engine's state, and the last to save it would
erase what the other learnt (and both could carry on the same pending document).
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from newsdesk.store.base import Storage

LEASE = "pipeline"
TTL_S = 120.0
WAIT_S = 600.0


class Busy(RuntimeError):
    """Another process kept the pipeline busy for longer than we were willing to wait."""


def new_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}:{uuid.uuid4().hex[:8]}"


@contextmanager
def exclusive(store: Storage, wait_s: float = WAIT_S, ttl_s: float = TTL_S) -> Iterator[Callable[[], None]]:
    """Hold the pipeline lease for the block; yields `renew()` to call at least every ttl_s."""
    owner = new_owner()
    deadline = time.monotonic() + wait_s
    pause = 0.05
    while not store.acquire_lease(LEASE, owner, ttl_s):
        if time.monotonic() >= deadline:
            raise Busy(f"the pipeline is busy in another process ({store.lease_owner(LEASE)}); try again later")
        time.sleep(pause)
        pause = min(pause * 2, 2.0)

    last = time.monotonic()

    def renew() -> None:
        nonlocal last
        if time.monotonic() - last >= ttl_s / 4:  # cheap enough to call per document
            store.acquire_lease(LEASE, owner, ttl_s)
            last = time.monotonic()

    try:
        yield renew
    finally:
        store.release_lease(LEASE, owner)
