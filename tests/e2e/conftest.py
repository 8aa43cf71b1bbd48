"""A real Streamlit server on a seeded demo database, driven by Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from models.db import get_engine
from models.decisions import DecisionText, approve
from models.roles import Actor
from models.scenarios import save_scenario
from models.schema import migrate
from planning.scenario import Scenario
from seed.database import seed_database
from tests.requirements import unavailable

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = Path(os.environ.get("SHIZI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
            return bool(resp.read().decode().strip() == "ok")
    except OSError:
        return False


@contextmanager
def serve(
    url: str,
    logdir: Path,
    script: str = "app.py",
    *,
    port: int | None = None,
    args: Sequence[str] = (),
) -> Iterator[str]:
    """Run `streamlit run SCRIPT` on ``url`` at ``port`` (a free one by default), with
    further command-line ``args`` (e.g. ``--secrets.files``); yield its base URL."""
    port = port or free_port()
    env = {**os.environ, "DATABASE_URL": url, "SHIZI_LANG": "zh"}
    log = (logdir / f"streamlit-{port}.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
            "--client.showErrorDetails",
            "full",
            *args,
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        while not _healthy(base):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start; see {log.name}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh demo-scale SQLite database for the browser tests."""
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'demo.db'}"
    migrate(url)
    engine = get_engine(url)
    seed_database(engine=engine, scale="demo")
    for name, meeting in (("2025 交流方案", "2025年第3次局长办公会"), ("2026 绩效方案", "局务会")):
        approved = save_scenario(engine=engine, name=name, params=Scenario(name).to_json(),
                                 actor=Actor("e2e", "editor"))  # fmt: skip
        decision = DecisionText(f"同意{name}", meeting, "张局长", date(2026, 3, 1))
        approve(engine=engine, scenario_id=approved, version=1, decision=decision,
                actor=Actor("e2e", "editor"))  # fmt: skip
    for scenario in (Scenario("现行方案"), Scenario("2014 标准", standard="2014")):
        save_scenario(
            engine=engine,
            name=scenario.name,
            params=scenario.to_json(),
            actor=Actor("e2e", "editor"),
        )
    return url


@pytest.fixture(scope="session")
def app_url(demo_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of one server shared by the page visits."""
    with serve(demo_db, tmp_path_factory.mktemp("e2e-log")) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed")
    if not CHROMIUM.exists():
        unavailable(f"no Chromium at {CHROMIUM} (Debian package 'chromium')")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
