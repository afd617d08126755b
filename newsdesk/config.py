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
    workers: int = 1  # server processes (0 = one per core); each has its own response cache
    cache_mb: float = 64.0  # per-process cache of anonymous pages and API reads (0 = off)
    cache_ttl_s: float = 30.0  # a cached page is at most this old (its relative ages move on)
    access_log: bool = True  # one log line per request (uvicorn's access log)
    # /metrics answers these client networks (a reverse proxy on this host counts as local),
    # or anyone sending `Authorization: Bearer <metrics_token>` when that is set
    metrics_allow: list[str] = field(default_factory=lambda: ["127.0.0.0/8", "::1"])
    metrics_token: str = ""


@dataclass
class AccountsConfig:
    signup: str = "open"  # open | invite (an invitation code) | closed (admins add users)
    session_days: int = 14
    secure_cookies: bool = False  # set true behind HTTPS so the session cookie is Secure
    login_max_failures: int = 5  # per user name and per IP address within the window
    login_window_s: int = 900  # failures counted over this window; also the lock-out time
    signups_per_ip_hour: int = 10  # new accounts one address may open in an hour
    comment_edit_minutes: int = 15  # an author may edit (and delete) within this time
    comments_per_minute: int = 5
    comment_max_chars: int = 5000
    argon2_time_cost: int = 3  # password hashing cost (argon2id)
    argon2_memory_kib: int = 65536


@dataclass
class AlertsConfig:
    webhook_timeout_s: float = 10.0
    webhook_max_bytes: int = 256 * 1024  # payload cap; the reply is read up to 64 KB
    max_per_delivery: int = 50  # items per webhook call / e-mail


@dataclass
class SmtpConfig:
    host: str = ""  # empty = no e-mail alerts
    port: int = 25
    username: str = ""
    password: str = ""
    starttls: bool = False
    sender: str = "newsdesk@localhost"
    timeout_s: float = 10.0


@dataclass
class LLMConfig:
    url: str = ""  # an OpenAI-compatible endpoint; empty = no LLM, everything offline
    model: str = ""
    api_key: str = ""
    timeout_s: float = 60.0  # per brief rewrite; on timeout the extractive brief stays


@dataclass
class PipelineConfig:
    # processes that extract + enrich when a batch is large (0 = one per core, at most 4;
    # 1 = all in the ingesting process)
    workers: int = 0
    batch_size: int = 16  # documents per worker task (one spaCy nlp.pipe batch)
    parallel_min: int = 48  # fewer fresh documents than this are not worth starting the workers


@dataclass
class LimitsConfig:
    """Per-document limits (pipeline/limits.py): one hostile document cannot hang the pipeline."""

    extract_time_s: float = 60.0  # wall clock for extracting one large document; 0 = no limit
    inline_bytes: int = 256 * 1024  # smaller documents are extracted in-process (bounded by size)
    max_article_chars: int = 200_000  # longer article text is refused before enrichment; 0 = no cap
    # wall clock for enriching one document in a pool worker (pipeline/deadline.py: main thread only); 0 = no limit
    enrich_time_s: float = 30.0


@dataclass
class EnrichConfig:
    # characters of an article body (and of its headline + captions) the spaCy NER model reads;
    # the rule tagger reads the rest. NER is the largest share of an article's CPU and grows with
    # this; fewer characters cost entity quality (docs/ARCHITECTURE.md, "NER window": the numbers)
    model_chars: int = 8_000
    # "quality" (default) or "fast": an opt-in throughput profile (newsdesk/enrich/profiles.py): the
    # model reads the lead + the quote paragraphs, int8 MiniLM, trafilatura without fallbacks;
    # its measured quality cost is in docs/ARCHITECTURE.md ("fast profile")
    profile: str = "quality"


@dataclass
class LogConfig:
    format: str = "text"  # "text": one line per message; "json": one JSON object per line
    level: str = ""  # debug, info, warning, error; empty = warning for text, info for json


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
    accounts: AccountsConfig = field(default_factory=AccountsConfig)
    alerts: AlertsConfig = field(default_factory=AlertsConfig)
    smtp: SmtpConfig = field(default_factory=SmtpConfig)
    pipeline: PipelineConfig = field(default_factory=PipelineConfig)
    log: LogConfig = field(default_factory=LogConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    enrich: EnrichConfig = field(default_factory=EnrichConfig)

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
    _check(config)
    return config


ENRICH_PROFILES = ("quality", "fast")  # newsdesk/enrich/profiles.py PROFILES (kept here: no enrich import)


def _check(config: Config) -> None:
    """Values a typo would otherwise turn into a silent default."""
    profile = str(config.enrich.profile or "quality").strip().lower()
    if profile not in ENRICH_PROFILES:
        raise ValueError(f"[enrich] profile must be one of {', '.join(ENRICH_PROFILES)}, not {config.enrich.profile!r}")
    config.enrich.profile = profile
