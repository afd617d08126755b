"""Several server processes (`[web] workers`): how many, and how each gets the same config.

uvicorn starts each worker as a fresh process that builds the app from an import string
(`newsdesk.web.app:app_from_env`). Its config is read again from the same TOML file and the
same NEWSDESK_* environment: the parent only exports the file's absolute path. No setting
(database password, secret key, SMTP or LLM credentials) is copied into another channel. A
config that the children could not rebuild that way (changed in code) runs one process.
"""

from __future__ import annotations

import os
from pathlib import Path

from newsdesk.config import Config, load_config


def worker_count(configured: int) -> int:
    """0 = one per core."""
    return configured if configured > 0 else max(os.cpu_count() or 1, 1)


def config_source(config_path: str | os.PathLike[str] | None) -> Path | None:
    """The config file this process read (as load_config looks it up), made absolute."""
    found = config_path or os.environ.get("NEWSDESK_CONFIG") or ("newsdesk.toml" if Path("newsdesk.toml").exists() else None)
    return Path(found).resolve() if found else None


def share_with_workers(config: Config, config_path: str | os.PathLike[str] | None) -> bool:
    """Export the config file's path for the workers; False when what they would load differs."""
    source = config_source(config_path)
    if source is not None:
        os.environ["NEWSDESK_CONFIG"] = str(source)
    return load_config() == config
