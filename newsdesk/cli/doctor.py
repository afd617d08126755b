"""`newsdesk doctor`: is this installation fit to run? Config, database, models, disk.

Each check gives ok, warn (works, but degraded: a fallback model, low disk) or fail
(will not work). The exit code is 1 when any check fails. Nothing is created or
migrated: a missing database is reported, not made.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, fields, is_dataclass
from pathlib import Path
from typing import Callable, Optional

import typer
from rich.console import Console
from rich.table import Table

from newsdesk.cli.commands import app
from newsdesk.cli.output import emit_json
from newsdesk.config import Config, load_config
from newsdesk.logs import FORMATS, LEVELS
from newsdesk.store import redact_url

MB = 1024 * 1024
DISK_FAIL_BYTES = 100 * MB
DISK_WARN_BYTES = 1024 * MB
# variables read outside the config tree (see newsdesk/enrich/nlp.py, cli/commands.py)
OTHER_VARIABLES = {"NEWSDESK_CONFIG", "NEWSDESK_DEBUG", "NEWSDESK_ENRICH_NO_MODEL", "NEWSDESK_ENRICH_MODEL_CHARS"}
SECRET_WORDS = ("key", "secret", "password", "token")
STYLE = {"ok": "green", "warn": "yellow", "fail": "bold red"}


@dataclass
class Check:
    name: str
    status: str  # ok, warn, fail
    detail: str


def config_variable(name: str, config: Config) -> bool:
    """Does NEWSDESK_<name> address a setting (load_config ignores the ones that do not)?"""
    obj: object = config
    for part in name[len("NEWSDESK_"):].lower().split("__"):
        if not is_dataclass(obj) or part not in {f.name for f in fields(obj)}:
            return False
        obj = getattr(obj, part)
    return not is_dataclass(obj)


def shown_value(name: str, value: str) -> str:
    """An override as the report shows it: secrets as ***, a database URL without its password."""
    if any(w in name.lower() for w in SECRET_WORDS):
        return "***"
    return redact_url(value) if name == "NEWSDESK_DATABASE_URL" else value


def check_config(config_path: Optional[Path], env: dict[str, str]) -> tuple[list[Check], Optional[Config]]:
    where = config_path or env.get("NEWSDESK_CONFIG") or ("newsdesk.toml" if Path("newsdesk.toml").exists() else None)
    try:
        config = load_config(config_path, env)
    except ValueError as exc:
        return [Check("config", "fail", " ".join(str(exc).split()))], None
    # the URL may carry a password (postgresql://user:secret@host/db): never print it
    checks = [Check("config", "ok", f"{where or 'built-in defaults'}; database {redact_url(config.db_url)}")]
    names = sorted(n for n in env if n.startswith("NEWSDESK_"))
    unknown = [n for n in names if n not in OTHER_VARIABLES and not config_variable(n, config)]
    shown = [f"{n}={shown_value(n, env[n])}" for n in names if n not in unknown]
    if unknown:
        checks.append(Check("env overrides", "warn", f"not a setting, ignored: {', '.join(unknown)}"
                            + (f"; applied: {', '.join(shown)}" if shown else "")))
    else:
        checks.append(Check("env overrides", "ok", ", ".join(shown) if shown else "none"))
    problems = []
    if config.log.format not in FORMATS:
        problems.append(f"[log] format {config.log.format!r} is not one of {', '.join(FORMATS)}")
    if config.log.level and config.log.level.lower() not in LEVELS:
        problems.append(f"[log] level {config.log.level!r} is not one of {', '.join(LEVELS)}")
    bad_networks = [n for n in config.web.metrics_allow if not _is_network(n)]
    if bad_networks:
        problems.append(f"[web] metrics_allow: not an address or network: {', '.join(map(repr, bad_networks))}")
    if problems:
        checks.append(Check("config values", "fail", "; ".join(problems)))
    return checks, config


def _is_network(value: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_network(value, strict=False)
    except ValueError:
        return False
    return True


def check_database(config: Config) -> list[Check]:
    from newsdesk.store.health import inspect_database

    health = inspect_database(config.db_url)
    if not health.reachable:
        return [Check("database", "fail", health.error or "unreachable")]
    checks = [Check("database", "ok" if health.error is None else "fail",
                    health.error or f"reachable: {redact_url(config.db_url)}")]
    if health.pending:
        checks.append(Check("migrations", "fail", f"{len(health.pending)} pending ({', '.join(health.pending)}): "
                            "run `newsdesk init`"))
    elif health.unknown:
        checks.append(Check("migrations", "warn", f"database is newer than this code: {', '.join(health.unknown)}"))
    elif health.applied:
        checks.append(Check("migrations", "ok", f"{len(health.applied)} applied, current ({health.applied[-1]})"))
    if health.quick_check is not None:
        ok = health.quick_check == "ok"
        checks.append(Check("integrity", "ok" if ok else "fail", "quick_check ok" if ok else health.quick_check))
    return checks


def check_spacy() -> Check:
    from newsdesk.enrich.nlp import get_nlp, load_error, model_disabled

    if model_disabled():
        return Check("spaCy model", "warn", "disabled by NEWSDESK_ENRICH_NO_MODEL: rule-based fallback tagger in use")
    nlp = get_nlp()
    if nlp is None:
        return Check("spaCy model", "warn", f"fallback tagger in use: {load_error() or 'model not installed'}")
    meta = getattr(nlp, "meta", {}) or {}
    return Check("spaCy model", "ok", f"{meta.get('lang', '?')}_{meta.get('name', '?')} {meta.get('version', '')} "
                 f"({', '.join(nlp.pipe_names)})")


def check_vectors() -> Check:
    from newsdesk.stories.embed import get_embedder, model_files

    files = model_files()
    if files is None:
        return Check("story vectors", "warn", "MiniLM ONNX files not installed: hashing fallback in use")
    try:
        vector = get_embedder("minilm").embed(["doctor check"])
    except Exception as exc:  # noqa: BLE001 - a broken model file is the finding
        return Check("story vectors", "fail", f"MiniLM ONNX at {files[0]} does not load: {' '.join(str(exc).split())}")
    return Check("story vectors", "ok", f"MiniLM ONNX ({vector.shape[1]} dims) at {files[0]}")


def _existing(path: Path) -> Path:
    path = path.resolve()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_disk(config: Config) -> list[Check]:
    data = Path(config.data_dir)
    free = shutil.disk_usage(_existing(data)).free
    status = "fail" if free < DISK_FAIL_BYTES else "warn" if free < DISK_WARN_BYTES else "ok"
    checks = [Check("disk free", status, f"{free / MB / 1024:.1f} GB free under {data.resolve()}")]
    raw = config.raw_dir
    if raw.is_dir():
        try:
            with tempfile.NamedTemporaryFile(dir=raw, prefix=".doctor-") as probe:
                probe.write(b"ok")
                probe.flush()
            checks.append(Check("raw dir", "ok", f"{raw} writable"))
        except OSError as exc:
            checks.append(Check("raw dir", "fail", f"{raw} not writable: {exc.strerror or exc}"))
    elif raw.exists():
        checks.append(Check("raw dir", "fail", f"{raw} exists but is not a folder"))
    elif os.access(_existing(raw), os.W_OK):
        checks.append(Check("raw dir", "warn", f"{raw} does not exist yet (the first ingest creates it)"))
    else:
        checks.append(Check("raw dir", "fail", f"{raw} does not exist and {_existing(raw)} is not writable"))
    return checks


def run_checks(config_path: Optional[Path], env: dict[str, str], models: bool = True) -> list[Check]:
    checks, config = check_config(config_path, env)
    if config is None:
        return checks
    steps: list[Callable[[], list[Check]]] = [lambda: check_database(config)]
    if models:
        steps += [lambda: [check_spacy()], lambda: [check_vectors()]]
    steps.append(lambda: check_disk(config))
    for step in steps:
        checks.extend(step())
    return checks


@app.command()
def doctor(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print {ok, checks: [{name, status, detail}]}."),
    models: bool = typer.Option(True, "--models/--no-models", help="Load the models to check them (a few seconds)."),
) -> None:
    """Check the config, database (migrations, integrity), models and disk; exit 1 if anything fails."""
    checks = run_checks(ctx.obj.config_path, dict(os.environ), models)
    ok = all(c.status != "fail" for c in checks)
    if as_json:
        emit_json({"ok": ok, "checks": [asdict(c) for c in checks]})
    else:
        table = Table(title="newsdesk doctor", show_lines=False)
        for column in ("check", "status", "detail"):
            table.add_column(column, overflow="fold")
        for c in checks:
            table.add_row(c.name, f"[{STYLE[c.status]}]{c.status}[/]", c.detail)
        Console(highlight=False).print(table)
    if not ok:
        raise typer.Exit(1)
