"""Server memory while strangers stream huge bodies at it (issue 17).

Starts the API with uvicorn on 127.0.0.1 (one process, a fresh SQLite store) from each
source tree given, then has CLIENTS clients each stream MB megabytes to
``POST /api/v1/scenarios`` without a token, chunked (no Content-Length), 1 MB at a time.
A client stops as soon as the server answers or closes. The server's resident memory
(``/proc/<pid>/status`` VmRSS) is sampled every 20 ms; the table shows its growth over
the idle server, the answers, the bytes the server let in and the wall time.

    python benchmarks/bench_hostile_bodies.py --tree new=src --tree main=/work/wt-base/src

Every tree runs with this interpreter (its venv), importing ``trainsched`` from that tree.
"""

from __future__ import annotations

import argparse
import os
import select
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
CHUNK = 2**20
SERVE = """
import sys, uvicorn
from trainsched.server import create_app
from trainsched.settings import Settings
from trainsched.store.migrate import upgrade
url, port = sys.argv[1], int(sys.argv[2])
upgrade(url)
app = create_app(Settings(database_url=url))
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
"""


@dataclass
class Client:
    """What one streaming client saw."""

    sent: int = 0
    answer: str = "(closed)"


@dataclass
class Run:
    """One tree's figures."""

    tree: str
    idle_mb: float = 0.0
    peak_mb: float = 0.0
    seconds: float = 0.0
    clients: list[Client] = field(default_factory=list)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_ready(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1) as sock:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if sock.recv(64).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start")


def stream(port: int, total: int, out: Client) -> None:
    """Send ``total`` bytes chunked without a token; stop at the server's answer or close."""
    head = (
        b"POST /api/v1/scenarios HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    chunk = f"{CHUNK:x}\r\n".encode() + b" " * CHUNK + b"\r\n"
    with socket.create_connection((HOST, port)) as sock:
        try:
            sock.sendall(head)
            while out.sent < total:
                readable, _, _ = select.select([sock], [], [], 0)
                if readable:
                    break
                sock.sendall(chunk)
                out.sent += CHUNK
            else:
                sock.sendall(b"0\r\n\r\n")
            sock.settimeout(120)
            out.answer = sock.recv(256).split(b"\r\n", 1)[0].decode() or "(closed)"
        except OSError as exc:
            out.answer = f"({type(exc).__name__})"


def run_tree(name: str, src: Path, clients: int, total: int) -> Run:
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        env = {**os.environ, "PYTHONPATH": str(src.resolve())}
        server = subprocess.Popen([sys.executable, "-c", SERVE, url, str(port)], env=env)
        try:
            wait_ready(port)
            time.sleep(1.0)
            run = Run(name, idle_mb=rss_mb(server.pid))
            run.peak_mb = run.idle_mb
            run.clients = [Client() for _ in range(clients)]
            threads = [threading.Thread(target=stream, args=(port, total, c)) for c in run.clients]
            start = time.monotonic()
            for thread in threads:
                thread.start()
            while any(t.is_alive() for t in threads):
                run.peak_mb = max(run.peak_mb, rss_mb(server.pid))
                time.sleep(0.02)
            run.seconds = time.monotonic() - start
            return run
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", required=True, help="name=path/to/src")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--mb", type=int, default=600, help="megabytes each client streams")
    args = parser.parse_args()
    print("| tree | idle RSS MB | peak RSS MB | growth MB | answers | MB sent (all) | wall s |")
    print("|---|---|---|---|---|---|---|")
    for spec in args.tree:
        name, _, path = spec.partition("=")
        run = run_tree(name, Path(path), args.clients, args.mb * 2**20)
        answers = ", ".join(sorted({c.answer for c in run.clients}))
        sent = sum(c.sent for c in run.clients) / 2**20
        growth = run.peak_mb - run.idle_mb
        print(
            f"| {name} | {run.idle_mb:.0f} | {run.peak_mb:.0f} | {growth:+.0f} | {answers} "
            f"| {sent:.0f} | {run.seconds:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
