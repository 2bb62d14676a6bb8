"""Structured (JSON) logs, one object per line, carrying the solve job a line belongs to."""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# The solve job the current thread or task works on; every log line made meanwhile names it.
current_job: contextvars.ContextVar[str | None] = contextvars.ContextVar("job_id", default=None)

# Record attributes that are not extras; uvicorn's coloured copy of each message is noise here.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "color_message",
}


@contextmanager
def job_context(job_id: str) -> Iterator[None]:
    """Log lines made inside the block carry ``job_id``."""
    token = current_job.set(job_id)
    try:
        yield
    finally:
        current_job.reset(token)


class JobIdFilter(logging.Filter):
    """Copies the current job id onto each record (as ``job_id``) where none is set."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Annotate, never drop."""
        if getattr(record, "job_id", None) is None:
            record.job_id = current_job.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, job ids and extras."""

    def format(self, record: logging.LogRecord) -> str:
        """Render the record as a single line."""
        out: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "pid": os.getpid(),
        }
        job_id = getattr(record, "job_id", None)
        if job_id is not None:
            out["job_id"] = job_id
        queued = getattr(record, "job", None)
        if isinstance(queued, dict):
            # procrastinate's own lines describe its queue job; its args hold our job id.
            out["queue_job_id"] = queued.get("id")
            args = queued.get("task_kwargs") or {}
            if isinstance(args, dict) and "job_id" in args and job_id is None:
                out["job_id"] = args["job_id"]
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in out and key not in ("job", "job_id"):
                out[key] = value
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


def server_log_config(log_format: str) -> dict[str, Any]:
    """A logging dictConfig for uvicorn (applied in every server process) in the chosen format."""
    formatter: dict[str, Any] = (
        {"()": JsonFormatter}
        if log_format == "json"
        else {"format": "%(levelname)s:     %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"job": {"()": JobIdFilter}},
        "formatters": {"main": formatter},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "main",
                "filters": ["job"],
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["stderr"], "level": "INFO"},
        # uvicorn's own loggers go through the root handler: one format for every line.
        "loggers": {
            name: {"handlers": [], "propagate": True}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access")
        },
    }


def configure(log_format: str, level: int = logging.INFO) -> None:
    """Send log records to stderr as JSON lines (``json``) or plain text, with job ids."""
    handler = logging.StreamHandler()
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(levelname)s: [%(job_id)s] %(message)s"))
    handler.addFilter(JobIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
