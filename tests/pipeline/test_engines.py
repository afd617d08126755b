"""The process pool behind `--engine local` and large ingests: it survives a dying worker,
and its workers do not outlive a killed driver."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from newsdesk.pipeline.engines import LocalPool

ROOT = Path(__file__).resolve().parents[2]
DRIVER = """
import os, sys
sys.path.insert(0, {root!r})
from newsdesk.pipeline.engines import LocalPool
if __name__ == "__main__":
    pool = LocalPool(1, warm=False)
    print(pool.submit(os.getpid).result(timeout=120), flush=True)
    os.kill(os.getpid(), 9)
"""


def test_local_pool_starts_afresh_after_a_worker_dies():
    pool = LocalPool(1, warm=False)  # no models needed to die
    try:
        first = pool.submit(os.getpid).result(timeout=120)
        with pytest.raises(BrokenProcessPool):
            pool.submit(os._exit, 3).result(timeout=120)  # what a segfaulting document does
        second = pool.submit(os.getpid).result(timeout=120)  # the next batch still runs
        assert second != first
    finally:
        pool.close()


def test_pool_workers_exit_when_the_driver_is_killed(tmp_path: Path):
    script = tmp_path / "driver.py"
    script.write_text(DRIVER.format(root=str(ROOT)))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=180)
    assert out.returncode == -9, out.stderr
    worker = int(out.stdout.split()[0])
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and _alive(worker):
        time.sleep(0.2)
    assert not _alive(worker), f"pool worker {worker} outlived its killed driver"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ")[-1][:1] != "Z"  # a zombie has exited already
    except FileNotFoundError:
        return False


def _loaded_embedders() -> list[str]:
    from newsdesk.stories import embed

    return sorted(embed._cache)


def test_a_fast_profile_worker_warms_up_the_int8_minilm_only(tmp_path: Path):
    from newsdesk.config import Config
    from newsdesk.pipeline.process import prepare_models
    from newsdesk.pipeline.work import task_fields
    from newsdesk.stories.embed import model_files

    if model_files() is None:
        pytest.skip("MiniLM model files not installed")
    config = Config(data_dir=str(tmp_path))
    config.enrich.profile = "fast"
    prepare_models(config)
    fields = task_fields(config)
    pool = LocalPool(1, profile=fields["profile"], data_dir=fields["data_dir"])
    try:
        loaded = pool.submit(_loaded_embedders).result(timeout=300)
    finally:
        pool.close()
    # the one process_batch uses (profile_embedder of the tasks' fields), not the packaged one too
    assert loaded == [f"auto@q8:{Path(fields['data_dir']) / 'models'}", f"minilm@q8:{Path(fields['data_dir']) / 'models'}"]
