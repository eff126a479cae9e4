"""Request ids in every log record, and the text and JSON log formats.

Imported by the LOGGING setting, before the apps are ready: no models here.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from contextvars import ContextVar

request_id_var: ContextVar[str | None] = ContextVar("muhabir_request_id", default=None)

# Attributes every LogRecord has; anything else on a record came from ``extra``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
    # Django's request logger passes the request object itself, which is no log field.
    "request",
}


class RequestIdFilter(logging.Filter):
    """Give each record the id of the request it was logged in (or None)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id_var.get()
        return True


class TextFormatter(logging.Formatter):
    """The plain format of ``make run``, with the request id where there is one."""

    def __init__(self) -> None:
        super().__init__("%(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        request_id = getattr(record, "request_id", None)
        if request_id:
            first, newline, rest = line.partition("\n")
            line = f"{first} [request {request_id}]{newline}{rest}"
        return line


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id and extras."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in data:
                data[key] = value
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)
