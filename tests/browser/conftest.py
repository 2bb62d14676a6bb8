"""A real server with the demo city and a real Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from trainsched.server.demo import DEMO_CITY

CHROMIUM = os.environ.get("TRAINSCHED_CHROMIUM", "/usr/bin/chromium")
# CI sets this so a missing browser fails loudly instead of skipping.
REQUIRED = os.environ.get("TRAINSCHED_REQUIRE_BROWSER") == "1"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"
# The flags this machine's closed network needs (see the env notes): no background traffic.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}


def _browser_missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium; .ci/run does)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip browser tests with a clear reason on machines without Chromium (never in CI)."""
    reason = _browser_missing()
    if reason is None:
        return
    if REQUIRED:
        raise pytest.UsageError(f"browser tests required but {reason}")
    marker = pytest.mark.skip(reason=f"browser tests skipped: {reason}")
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(marker)


@dataclass(frozen=True)
class Server:
    """The running server: its address, a coordinator token and the demo scenario id."""

    base_url: str
    token: str
    scenario_id: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "trainsched", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout.strip()


def _wait_ready(base_url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{base_url}/", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"server not ready in 180 s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`trainsched serve --demo` on a free port and a fresh database (demo solved for 3 s)."""
    if _browser_missing():
        pytest.skip("no browser")
    folder = tmp_path_factory.mktemp("server")
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "TRAINSCHED_PUBLIC_BASE_URL": base_url,
        "TRAINSCHED_DATABASE_URL": f"sqlite:///{folder / 'trainsched.db'}",
        "TRAINSCHED_DEMO_TIME_LIMIT_S": "3",
        "TRAINSCHED_CPSAT_WORKERS": "2",
        # The money curves re-plan the demo dozens of times: short points keep the test short.
        "TRAINSCHED_MONEY_POINT_S": "0.5",
    }
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "trainsched", "serve", "--demo", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_ready(base_url, process, log)
        # A publisher of the demo city's office, which the demo start set up and owns the plan.
        city = next(
            line.split("\t")[0]
            for line in _cli(env, "offices", "list").splitlines()
            if line.split("\t")[1:2] == [DEMO_CITY]
        )
        add = ("users", "add", "浏览器测试", "--office", city, "--role", "publisher")
        token = _cli(env, *add).splitlines()[-1].strip()
        scenarios = httpx.get(f"{base_url}/api/v1/public/scenarios", timeout=5).json()
        yield Server(base_url, token, scenarios[0]["id"])
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def artifacts() -> Path:
    """Where screenshots go (kept by CI as test artifacts)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def copy_to_docs(shot: Path, name: str) -> None:
    """Refresh a README screenshot when asked to (TRAINSCHED_UPDATE_SCREENSHOTS=1)."""
    if os.environ.get("TRAINSCHED_UPDATE_SCREENSHOTS") == "1":
        target = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, target)
