"""Share a list of jobs between this process and one forked worker (a cold build's pages, on Linux
with two cores or more).

Both processes walk the same list: this one from the front, in the order it needs the results, the
worker from the back. Each job is taken exactly once (a lock guards the two counters, in memory both
processes map), so the two meet wherever the work balances, whatever each job costs and however busy
each core is. The worker sends back plain data, as JSON in a file only this user can read: each done
job's result, the log records it made (``replay`` logs them here, so a strict build counts its
warnings), and a summary. A worker that fails costs only time: ``unfinished`` lists the jobs it took
and did not finish, for this process to do.

Nothing here knows about MkDocs: the hook says what a job is.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import mmap
import multiprocessing
import os
import struct
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

JOBS_VARIABLE = "GLOSSARY_JOBS"
"""How many processes a build may draw pages with (1: one; unset: two where there are two cores)."""
_COUNTERS = struct.Struct("qq")  # the next job this process takes, the last job the worker took


def processes() -> int:
    """How many processes a build may use: ``GLOSSARY_JOBS`` if set (at least 1), else two on a Linux
    machine that lets this process run on two cores or more, else one. Forking is Linux-only here: on
    macOS a forked child may crash in system libraries, and Windows cannot fork."""
    value = os.environ.get(JOBS_VARIABLE, "").strip()
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return 1
    if value:
        try:
            return max(1, int(value))
        except ValueError:
            return 1
    return 2 if len(os.sched_getaffinity(0)) >= 2 else 1


def _record(record: logging.LogRecord) -> dict[str, Any]:
    text = record.getMessage()
    if record.exc_info and not record.exc_text:
        record.exc_text = "".join(traceback.format_exception(*record.exc_info))
    return {"name": record.name, "level": record.levelno, "text": text, "exc_text": record.exc_text}


def replay(records: list[dict[str, Any]]) -> None:
    """Log the worker's records here, through the same loggers (so their handlers and filters see them)."""
    for data in records:
        logger = logging.getLogger(data["name"] or None)
        record = logger.makeRecord(logger.name, data["level"], "(worker)", 0, data["text"], (), None)
        record.exc_text = data["exc_text"]
        logger.handle(record)


@dataclass
class Outcome:
    """What the worker did: each finished job's result, by job; its summary; its log records."""

    results: dict[int, Any] = field(default_factory=dict)
    summary: Any = None
    records: list[dict[str, Any]] = field(default_factory=list)
    unfinished: list[int] = field(default_factory=list)
    """Jobs the worker took and did not finish (it failed): this process does them."""
    failure: str | None = None


class Sharing:
    """``count`` jobs, shared with one worker once ``start`` forks it."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.in_worker = False
        self._lock = multiprocessing.Lock()
        self._counters = mmap.mmap(-1, _COUNTERS.size)
        self._set(0, count)
        self._pid: int | None = None
        self._path: str | None = None

    def _get(self) -> tuple[int, int]:
        front, back = _COUNTERS.unpack(self._counters[: _COUNTERS.size])
        return front, back

    def _set(self, front: int, back: int) -> None:
        self._counters[: _COUNTERS.size] = _COUNTERS.pack(front, back)

    def take(self, job: int) -> bool:
        """Whether this process does ``job`` (taken in order): False if the worker took it."""
        if self._pid is None:
            return True
        with self._lock:
            front, back = self._get()
            if job >= back:
                return False
            self._set(max(front, job + 1), back)
            return True

    def taken_by_worker(self) -> int:
        """How many jobs the worker has taken so far (for progress lines)."""
        if self._pid is None:
            return 0
        with self._lock:
            return self.count - self._get()[1]

    def _take_last(self) -> int | None:
        with self._lock:
            front, back = self._get()
            if back - 1 < front:
                return None
            self._set(front, back - 1)
            return back - 1

    def start(
        self,
        setup: Callable[[], None],
        work: Callable[[int], Any],
        summary: Callable[[], Any],
    ) -> bool:
        """Fork the worker: it runs ``setup``, then ``work(job)`` for each job it takes from the back,
        then ``summary()``; results must be JSON data. False if no worker could be started."""
        try:
            handle, self._path = tempfile.mkstemp(prefix="glossary-worker-", suffix=".json")
            os.close(handle)
        except OSError:
            return False
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        gc.freeze()  # what both processes hold stays shared: the collector does not touch it in either
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:
            self._discard()
            return False
        if pid:
            self._pid = pid
            return True
        self._run_worker(parent, setup, work, summary)  # never returns
        return False  # pragma: no cover

    def _run_worker(
        self, parent: int, setup: Callable[[], None], work: Callable[[int], Any], summary: Callable[[], Any]
    ) -> None:
        status = 0
        try:
            self.in_worker = True
            records: list[dict[str, Any]] = []
            handle = logging.Logger.handle

            def keep(logger: logging.Logger, record: logging.LogRecord) -> None:
                if record.levelno >= logging.INFO:
                    records.append(_record(record))
                else:
                    handle(logger, record)

            logging.Logger.handle = keep  # type: ignore[method-assign,assignment]  # this process ends with the work
            results: dict[str, Any] = {}
            failure = None
            setup()
            while (job := self._take_last()) is not None:
                if os.getppid() != parent:  # the build stopped (interrupted): nobody waits for the rest
                    self._discard()
                    os._exit(1)
                logged = len(records)
                try:
                    results[str(job)] = work(job)
                except BaseException:  # the other process does the job again, and logs what it logs
                    del records[logged:]
                    failure = traceback.format_exc()
                    break
            data = {"results": results, "summary": summary(), "records": records, "failure": failure}
            assert self._path is not None
            with open(self._path, "w", encoding="utf-8") as out:
                json.dump(data, out)
        except BaseException:
            status = 1
        finally:
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
            os._exit(status)

    def finish(self) -> Outcome:
        """Wait for the worker and read what it did. Every job it took and did not report is unfinished."""
        outcome = Outcome()
        if self._pid is None:
            return outcome
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        _, back = self._get()
        try:
            if status != 0:
                raise ValueError(f"the worker stopped with status {status}")
            assert self._path is not None
            with open(self._path, encoding="utf-8") as stream:
                data = json.load(stream)
            outcome.results = {int(job): result for job, result in data["results"].items()}
            outcome.summary = data["summary"]
            outcome.records = list(data["records"])
            outcome.failure = data["failure"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            outcome.results, outcome.summary, outcome.records = {}, None, []
            outcome.failure = str(error)
        finally:
            self._discard()
        outcome.unfinished = [job for job in range(back, self.count) if job not in outcome.results]
        return outcome

    def stop(self) -> None:
        """Stop the worker (the build failed here); what it wrote is left as a failed build leaves it."""
        if self._pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self._pid, 9)
                os.waitpid(self._pid, 0)
            self._pid = None
        self._discard()

    def _discard(self) -> None:
        if self._path is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._path)
            self._path = None
