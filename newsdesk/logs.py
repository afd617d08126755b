"""Structured logs: `[log] format = "json"` (or NEWSDESK_LOG__FORMAT=json) writes one JSON
object per line through the standard logging module.

Each line holds ts, level, logger and message, plus whatever the caller passed in
`extra=` (the pipeline's failures carry input, stage, error_kind and error), plus
exc_type / exc / traceback when an exception is attached. Newlines inside values are
escaped by JSON, so a line is always one record.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

FORMATS = ("text", "json")
LEVELS = ("debug", "info", "warning", "error", "critical")
# attributes every LogRecord has: anything else on a record came from `extra=`
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


def one_line(text: object) -> str:
    return " ".join(str(text).split())


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": one_line(record.getMessage()),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_") and key not in data:
                data[key] = value
        if record.exc_info and record.exc_info[1] is not None:
            data["exc_type"] = type(record.exc_info[1]).__name__
            data["exc"] = one_line(record.exc_info[1])
            data["traceback"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def level_for(format: str, level: str, verbose: bool = False) -> int:
    if verbose:
        return logging.DEBUG if level.lower() == "debug" else logging.INFO
    if level and level.lower() in LEVELS:
        return getattr(logging, level.upper())
    return logging.INFO if format == "json" else logging.WARNING
