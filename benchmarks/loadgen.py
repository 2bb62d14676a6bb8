"""A small HTTP/1.1 load generator: N keep-alive connections asking for one URL as fast as
they are answered, counting answers per second and their latency (p50/p99).

Plain asyncio streams (uvloop when installed) rather than an HTTP client library: on a
2-core machine the generator shares the CPUs with the server it measures, so it must cost
as little as possible per request. It reads Content-Length bodies only (what the server
sends for prepared pages and feeds); a chunked answer is an error here.

Usage: python benchmarks/loadgen.py http://127.0.0.1:8000/classes [-c 50] [-d 5]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Tally:
    """What the connections saw: latencies of good answers, statuses, bytes, errors."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    body_bytes: int = 0
    errors: int = 0


@dataclass(frozen=True)
class Result:
    """Answers per second and latency percentiles of one run."""

    url: str
    connections: int
    seconds: float
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    statuses: dict[int, int]
    mean_body: int
    errors: int

    def line(self) -> str:
        """One human line."""
        codes = ",".join(f"{k}:{v}" for k, v in sorted(self.statuses.items()))
        return (
            f"{self.rps:8.0f} req/s  p50 {self.p50_ms:6.1f} ms  p99 {self.p99_ms:6.1f} ms  "
            f"n={self.requests} [{codes}] body {self.mean_body} B errors {self.errors}"
        )


def _request(url: str, headers: dict[str, str]) -> tuple[str, int, bytes]:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    lines = [f"GET {path} HTTP/1.1", f"Host: {parts.netloc}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return (
        parts.hostname or "127.0.0.1",
        parts.port or 80,
        ("\r\n".join(lines) + "\r\n\r\n").encode(),
    )


async def _answer(reader: asyncio.StreamReader) -> tuple[int, int]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
        elif name.strip().lower() == b"transfer-encoding":
            raise ValueError("chunked answers are not read by this generator")
    if length:
        await reader.readexactly(length)
    return status, length


async def _connection(
    host: str, port: int, request: bytes, until: float, measure_from: float, tally: Tally
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while True:
            start = time.perf_counter()
            if start >= until:
                return
            writer.write(request)
            try:
                status, length = await _answer(reader)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                tally.errors += 1
                return
            end = time.perf_counter()
            if start >= measure_from:
                tally.latencies.append(end - start)
                tally.statuses[status] = tally.statuses.get(status, 0) + 1
                tally.body_bytes += length
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()


async def run(
    url: str,
    connections: int = 50,
    seconds: float = 5.0,
    warmup_s: float = 1.0,
    headers: dict[str, str] | None = None,
) -> Result:
    """Load ``url`` with ``connections`` keep-alive connections for ``seconds`` after a warm-up."""
    host, port, request = _request(url, headers or {})
    tally = Tally()
    begin = time.perf_counter()
    measure_from = begin + warmup_s
    until = measure_from + seconds
    await asyncio.gather(
        *(_connection(host, port, request, until, measure_from, tally) for _ in range(connections))
    )
    took = max(time.perf_counter(), until) - measure_from
    lat = sorted(tally.latencies)
    n = len(lat)
    return Result(
        url=url,
        connections=connections,
        seconds=round(took, 2),
        requests=n,
        rps=n / took if took else 0.0,
        p50_ms=1000 * statistics.median(lat) if lat else float("nan"),
        p99_ms=1000 * lat[min(n - 1, int(n * 0.99))] if lat else float("nan"),
        statuses=tally.statuses,
        mean_body=tally.body_bytes // n if n else 0,
        errors=tally.errors,
    )


def run_sync(url: str, **kw: Any) -> Result:
    """``run`` on a fresh event loop: uvloop's when installed (a cheaper generator leaves
    more CPU to the server it measures)."""
    try:
        import uvloop

        factory: Callable[[], asyncio.AbstractEventLoop] | None = uvloop.new_event_loop
    except ImportError:
        factory = None
    with asyncio.Runner(loop_factory=factory) as runner:
        return runner.run(run(url, **kw))


def main() -> None:
    """Load one URL and print the result line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("-c", "--connections", type=int, default=50)
    parser.add_argument("-d", "--seconds", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("-H", "--header", action="append", default=[], help="Name: value")
    args = parser.parse_args()
    headers = dict(h.split(": ", 1) for h in args.header)
    result = run_sync(
        args.url,
        connections=args.connections,
        seconds=args.seconds,
        warmup_s=args.warmup,
        headers=headers,
    )
    print(result.line())


if __name__ == "__main__":
    main()
