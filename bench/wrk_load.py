"""Drive Debian's `wrk` for bench/web.py: one cell = one URL list at one number of connections.

A Lua script cycles through the URLs (each wrk thread from its own offset, so the threads do
not ask for the same page at the same moment) and prints the summary in one parseable line.
Latency percentiles are wrk's own (microseconds, recorded per request, corrected for nothing:
wrk is run without -R, a closed loop like the Python client).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

SCRIPT = """
local paths = {%s}
local counter = 0
local next_id = 0
setup = function(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end
init = function(args)
  counter = (id or 0) * 7919
end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    e.connect + e.read + e.write + e.timeout + e.status, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def lua_script(urls: list[str]) -> str:
    return SCRIPT % ", ".join(json.dumps(u) for u in urls)  # JSON strings of ASCII paths are Lua strings


def run_wrk(base: str, urls: list[str], clients: int, seconds: float) -> tuple[int, int, float, float, float, float]:
    """(requests, errors, p50 ms, p95 ms, p99 ms, requests/s) of a `seconds` run."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua_script(urls))
    try:
        threads = max(1, min(2, clients))
        out = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "30s",
             "-s", script.name, base], capture_output=True, text=True, timeout=seconds + 120, check=True,
        ).stdout
    finally:
        Path(script.name).unlink()
    line = next((ln for ln in out.splitlines() if ln.startswith("WRK ")), None)
    if line is None:
        raise SystemExit(f"wrk printed no summary:\n{out[-2000:]}")
    requests, errors, duration_us, p50, p95, p99 = (int(v) for v in line.split()[1:])
    return requests, errors, p50 / 1000.0, p95 / 1000.0, p99 / 1000.0, requests / (duration_us / 1e6)
