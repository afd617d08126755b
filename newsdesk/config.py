"""Configuration: a TOML file plus NEWSDESK_* environment variables.

Looked up in order (later wins): built-in defaults, `./newsdesk.toml` (or the
file named by NEWSDESK_CONFIG), then environment variables such as
NEWSDESK_DATABASE_URL or NEWSDESK_FETCH__TIMEOUT_S (double underscore = section).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any


@dataclass
class FetchConfig:
    timeout_s: float = 20.0
    connect_timeout_s: float = 10.0
    max_bytes: int = 10 * 1024 * 1024  # also applies to the decompressed body
    max_redirects: int = 5
    retries: int = 3
    backoff_s: float = 1.0
    max_retry_after_s: float = 120.0
    per_host_delay_s: float = 1.0
    user_agent: str = "newsdesk/0.1 (+https://github.com/newsdesk)"
    respect_robots: bool = True
    # hosts or networks (e.g. "127.0.0.1", "10.0.0.0/8", "intranet.local") that may be fetched
    # although they resolve to private, loopback or link-local addresses
    allow_private: list[str] = field(default_factory=list)


@dataclass
class WebConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str = ""  # generated and kept under data_dir when empty


@dataclass
class LLMConfig:
    url: str = ""  # an OpenAI-compatible endpoint; empty = no LLM, everything offline
    model: str = ""
    api_key: str = ""
    timeout_s: float = 60.0  # per brief rewrite; on timeout the extractive brief stays


@dataclass
class Config:
    data_dir: str = "data"
    database_url: str = ""  # default: sqlite:///<data_dir>/newsdesk.db
    feeds: list[str] = field(default_factory=list)  # followed at start-up by `newsdesk run`
    ingest_paths: list[str] = field(default_factory=list)  # files/folders ingested by `make run`
    poll_interval_s: int = 900
    fetch: FetchConfig = field(default_factory=FetchConfig)
    web: WebConfig = field(default_factory=WebConfig)
    llm: LLMConfig = field(default_factory=LLMConfig)

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{Path(self.data_dir) / 'newsdesk.db'}"

    @property
    def raw_dir(self) -> Path:
        return Path(self.data_dir) / "raw"


def _coerce(value: str, target: Any) -> Any:
    if isinstance(target, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(target, int):
        return int(value)
    if isinstance(target, float):
        return float(value)
    if isinstance(target, list):
        return [v.strip() for v in value.split(",") if v.strip()]
    return value


def _apply(obj: Any, data: dict[str, Any], where: str) -> None:
    names = {f.name for f in fields(obj)}
    for key, value in data.items():
        if key not in names:
            raise ValueError(f"{where}: unknown setting {key!r}")
        current = getattr(obj, key)
        if is_dataclass(current):
            if not isinstance(value, dict):
                raise ValueError(f"{where}: [{key}] must be a table")
            _apply(current, value, f"{where}[{key}]")
        else:
            setattr(obj, key, value)


def load_config(path: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None) -> Config:
    env = dict(os.environ if env is None else env)
    config = Config()
    path = path or env.get("NEWSDESK_CONFIG") or ("newsdesk.toml" if Path("newsdesk.toml").exists() else None)
    if path:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"{path}: cannot read config: {exc}") from exc
        _apply(config, data, str(path))
    for name, value in env.items():
        if not name.startswith("NEWSDESK_") or name == "NEWSDESK_CONFIG":
            continue
        parts = name[len("NEWSDESK_"):].lower().split("__")
        obj = config
        for part in parts[:-1]:
            obj = getattr(obj, part, None)
            if obj is None or not is_dataclass(obj):
                break
        else:
            if hasattr(obj, parts[-1]):
                setattr(obj, parts[-1], _coerce(value, getattr(obj, parts[-1])))
    return config
