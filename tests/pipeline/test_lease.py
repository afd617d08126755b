from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.pipeline.lease import LEASE, Busy, exclusive, new_owner


def test_one_holder_at_a_time_and_release(store) -> None:
    with exclusive(store, wait_s=1) as renew:
        assert store.lease_owner(LEASE) is not None
        with pytest.raises(Busy, match="busy in another process"):
            with exclusive(store, wait_s=0.2):
                pass
        renew()
    assert store.lease_owner(LEASE) is None
    with exclusive(store, wait_s=0.2):  # free again
        pass


def test_expired_lease_is_taken_over(store) -> None:
    assert store.acquire_lease(LEASE, "elsewhere:1:1:x", ttl_s=-1)  # already expired
    with exclusive(store, wait_s=0.5):
        pass


def test_lease_of_a_dead_process_is_taken_over(store) -> None:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(child.stdout)
    host = new_owner().split(":", 1)[0]
    assert store.acquire_lease(LEASE, f"{host}:{dead_pid}:1:x", ttl_s=3600)
    with exclusive(store, wait_s=0.5):  # the killed holder does not block a restart
        pass


def test_live_holder_blocks(store, tmp_path: Path) -> None:
    assert store.acquire_lease(LEASE, new_owner(), ttl_s=3600)  # this (live) process holds it elsewhere
    with pytest.raises(Busy):
        with exclusive(store, wait_s=0.2):
            pass
