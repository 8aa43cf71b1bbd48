"""`python -m bench load`: N people at once on one server (issue 19's load probe).

For each count of sessions (5, 10, 20 by default) a fresh Streamlit server on one
seeded database, one Chromium with a page per session, each page on a planning page
(establishment, performance pay, rotation in turn) moving its sliders by keyboard, one
step after another, for a bounded time. A rerun is timed as :mod:`bench.probe` times
one: from the key press to the page settled (connected, no script running, every chart
drawn, no DOM change for the quiet time), the quiet time not counted.

Reported per count: median and p95 rerun, errors (a step that timed out or failed, an
exception or error box on the page, a JavaScript error; a step that timed out also
counts among the reruns at the time-out, a lower bound), and the server's memory: its
RSS with the caches warm and no session open, at the end with every session open, and
the difference per session; and the machine's load average, since the browser and
anything else running share the cores with the server. Not run by ``make test``;
traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.async_api import TimeoutError as PlaywrightTimeout

from bench.probe import INIT_SCRIPT, SETTLED
from ui.establishment import controls as est
from ui.performance_pay import controls as pay
from ui.rotation import controls as rot

__all__ = ["SLIDERS", "Level", "main", "measure"]

RESULTS = Path(__file__).resolve().parent / "load_results.json"
# Issue 19's targets, for 10 sessions at city scale.
P95_TARGET_MS = 2_000
MIB_PER_SESSION_TARGET = 50
QUIET_MS = 300
STEP_TIMEOUT_MS = 60_000
OPEN_TIMEOUT_MS = 180_000  # a city page's first run, with the others moving meanwhile
MIB = 1024 * 1024

SLIDERS: dict[str, tuple[str, ...]] = {
    "establishment": tuple(est.growth_key(lv) for lv in ("primary", "junior", "senior")),
    "performance_pay": tuple(
        pay.key(f) for f in ("basic_share", "rural_subsidy_yuan_month", "weak_school_tilt")
    ),
    "rotation": tuple(rot.key(f) for f in ("min_years", "rate", "backbone_share", "term_years")),
}


def _p95(ms: list[float]) -> float:
    ordered = sorted(ms)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] if ordered else math.nan


@dataclass
class Level:
    """What one count of sessions measured."""

    sessions: int
    seconds: float
    pause_s: float = 0.0  # each person's pause after a settled page, before the next move
    ms: list[float] = field(default_factory=list)
    by_page: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    rss_warm_mib: float = 0.0
    rss_end_mib: float = 0.0
    rss_peak_mib: float = 0.0
    opened: int = 0  # the sessions whose page opened (the others are errors)
    load_average: tuple[float, float] = (0.0, 0.0)  # the machine's, at start and end

    @property
    def p95_ms(self) -> float:
        return _p95(self.ms)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.ms) if self.ms else math.nan

    @property
    def mib_per_session(self) -> float:
        return (self.rss_end_mib - self.rss_warm_mib) / self.sessions

    def summary(self) -> dict[str, Any]:
        return {
            "sessions": self.sessions,
            "sessions_opened": self.opened,
            "seconds": self.seconds,
            "pause_s": self.pause_s,
            "reruns": len(self.ms),
            "median_ms": round(self.median_ms, 1),
            "p95_ms": round(self.p95_ms, 1),
            "max_ms": round(max(self.ms), 1) if self.ms else None,
            "median_ms_by_page": {
                route: round(statistics.median(ms), 1) for route, ms in self.by_page.items()
            },
            "p95_ms_by_page": {route: round(_p95(ms), 1) for route, ms in self.by_page.items()},
            "errors": len(self.errors),
            "error_samples": self.errors[:10],
            "rss_warm_mib": round(self.rss_warm_mib, 1),
            "rss_end_mib": round(self.rss_end_mib, 1),
            "rss_peak_mib": round(self.rss_peak_mib, 1),
            "mib_per_session": round(self.mib_per_session, 1),
            "load_average_1min": [round(x, 2) for x in self.load_average],
        }


def _server(port: int) -> Any:
    """The Streamlit server this process started on ``port`` (psutil)."""
    import psutil

    for child in psutil.Process().children(recursive=True):
        if str(port) in child.cmdline():
            return child
    raise RuntimeError(f"no server process on port {port}")


def _rss_mib(server: Any) -> float:
    return float(server.memory_info().rss) / MIB


async def _settled(page: Any, need_run: str = "", timeout_ms: float = STEP_TIMEOUT_MS) -> None:
    await page.wait_for_function(SETTLED, arg=[QUIET_MS, need_run], polling=100, timeout=timeout_ms)


async def _open(browser: Any, base: str, route: str, level: Level) -> tuple[Any, list[int]]:
    """A new person on ``route``: the page, and its count of frames from the server."""
    context = await browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
    page = await context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    await page.add_init_script(INIT_SCRIPT)
    frames = [0]

    def count(_payload: object) -> None:
        frames[0] += 1

    page.on("websocket", lambda ws: ws.on("framereceived", count))
    page.on("pageerror", lambda exc: level.errors.append(f"{route}: page error {exc}"))
    await page.goto(f"{base}/{route}", timeout=OPEN_TIMEOUT_MS)
    await _settled(page, need_run="ever", timeout_ms=OPEN_TIMEOUT_MS)
    return page, frames


async def _arrive(
    browser: Any, base: str, routes: list[str], sessions: int, level: Level
) -> list[tuple[Any, list[int], str]]:
    """The people arrive one after another (each page open and settled before the
    next); one whose page does not open is an error and takes no part."""
    people = []
    for i in range(sessions):
        route = routes[i % len(routes)]
        try:
            page, frames = await _open(browser, base, route, level)
        except Exception as exc:
            level.errors.append(f"{route}: opening: {type(exc).__name__}")
            continue
        people.append((page, frames, route))
    return people


async def _errors_shown(page: Any) -> int:
    shown = page.locator("[data-testid='stException'], [data-testid='stAlertContentError']")
    return int(await shown.count())


async def _move(page: Any, frames: list[int], slider: str, right: bool) -> float:
    """One arrow key on ``slider``'s thumb: milliseconds from the key to settled."""
    thumb = page.locator(f".st-key-{slider.replace('.', '-')}").get_by_role("slider").first
    await thumb.focus()
    await page.evaluate("() => Object.assign(window.__bench, {input: null, armed: true})")
    before = time.monotonic(), frames[0]
    await thumb.press("ArrowRight" if right else "ArrowLeft")
    while frames[0] == before[1]:  # the server's answer (a quick run may leave no mark)
        if time.monotonic() - before[0] > STEP_TIMEOUT_MS / 1000:
            raise TimeoutError("the server sent nothing after the key")
        await asyncio.sleep(0.02)
    await _settled(page)
    start, end = await page.evaluate("() => [window.__bench.input, window.__bench.last]")
    if start is None:
        raise RuntimeError("the key press was not seen")
    return float(end - start)


async def _person(page: Any, frames: list[int], route: str, until: float, level: Level) -> None:
    """Move the page's sliders in turn, each right then left, until ``until``."""
    sliders = SLIDERS[route]
    k = 0
    while time.monotonic() < until:
        slider = sliders[k % len(sliders)]
        right = (k // len(sliders)) % 2 == 0
        try:
            ms = await _move(page, frames, slider, right)
            level.ms.append(ms)
            level.by_page.setdefault(route, []).append(ms)
            if await _errors_shown(page):
                level.errors.append(f"{route}: an error shown after moving {slider}")
        except Exception as exc:  # counted, and the person goes on
            level.errors.append(f"{route}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
            if isinstance(exc, PlaywrightTimeout | TimeoutError):  # took at least that long
                level.ms.append(STEP_TIMEOUT_MS)
                level.by_page.setdefault(route, []).append(STEP_TIMEOUT_MS)
        k += 1
        await asyncio.sleep(level.pause_s)


async def _sample_rss(server: Any, level: Level, stop: asyncio.Event) -> None:
    while not stop.is_set():
        level.rss_peak_mib = max(level.rss_peak_mib, _rss_mib(server))
        await asyncio.sleep(0.5)


async def _level(browser: Any, base: str, server: Any, level: Level) -> Level:
    sessions, seconds = level.sessions, level.seconds
    routes = list(SLIDERS)
    warm = []  # one person opens each page first: the caches are warm before measuring
    for route in routes:
        page, _frames = await _open(browser, base, route, level)
        warm.append(page)
    for page in warm:
        await page.context.close()
    await asyncio.sleep(3)  # the server drops the warm-up sessions (bench code, no test)
    level.rss_warm_mib = _rss_mib(server)
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_rss(server, level, stop))
    people = await _arrive(browser, base, routes, sessions, level)
    level.opened = len(people)
    until = time.monotonic() + seconds
    started_load = os.getloadavg()[0]
    await asyncio.gather(
        *(_person(page, frames, route, until, level) for page, frames, route in people)
    )
    level.rss_end_mib = _rss_mib(server)
    level.load_average = (started_load, os.getloadavg()[0])
    stop.set()
    await sampler
    for page, _frames, _route in people:
        await page.context.close()
    return level


async def _measure_one(url: str, logdir: Path, level: Level) -> Level:
    from playwright.async_api import async_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, serve

    with serve(url, logdir) as base:
        server = _server(int(base.rsplit(":", 1)[1]))
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            try:
                return await _level(browser, base, server, level)
            finally:
                await browser.close()


def measure(
    url: str, logdir: Path, counts: list[int], seconds: float, pause_s: float = 0.0
) -> list[Level]:
    """Each count of sessions on a fresh server over the database at ``url``."""
    levels = []
    for sessions in counts:
        level = asyncio.run(_measure_one(url, logdir, Level(sessions, seconds, pause_s)))
        levels.append(level)
        _print(level)
    return levels


def _print(level: Level) -> None:
    s = level.summary()
    print(
        f"{s['sessions']:>8} {s['reruns']:>7} {s['median_ms']:>10,.0f} {s['p95_ms']:>9,.0f} "
        f"{s['errors']:>6} {s['rss_warm_mib']:>9,.0f} {s['rss_end_mib']:>8,.0f} "
        f"{s['rss_peak_mib']:>8,.0f} {s['mib_per_session']:>9,.1f}",
        flush=True,
    )
    start, end = s["load_average_1min"]
    print(f"{'':>8} sessions opened: {s['sessions_opened']} of {s['sessions']}", flush=True)
    print(f"{'':>8} load average (1 min) at start and end: {start:.1f}, {end:.1f}", flush=True)
    for route, median in s["median_ms_by_page"].items():
        print(f"{'':>8} {route}: median {median:,.0f} ms, p95 "
              f"{s['p95_ms_by_page'][route]:,.0f} ms", flush=True)  # fmt: skip
    for error in s["error_samples"][:3]:
        print(f"         error: {error}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench load")
    parser.add_argument("--scale", choices=["demo", "city", "province"], default="city")
    parser.add_argument("--sessions", default="5,10,20", help="counts of sessions, comma-separated")
    parser.add_argument("--seconds", type=float, default=60, help="how long the sessions move")
    parser.add_argument(
        "--pause", type=float, default=0.0,
        help="seconds each person waits after a settled page (0: move again at once)",
    )  # fmt: skip
    parser.add_argument("--url", default="", help="a seeded database to use instead of a new one")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.sessions.split(",") if n]
    print(
        f"Shizi load probe, scale={args.scale}, {args.seconds:.0f} s per count of sessions, "
        f"{args.pause:g} s pause between moves"
    )
    with tempfile.TemporaryDirectory(prefix="shizi-load-") as workdir:
        url = args.url or _seeded(args.scale, Path(workdir))
        print(
            f"{'sessions':>8} {'reruns':>7} {'median ms':>10} {'p95 ms':>9} {'errors':>6} "
            f"{'warm MiB':>9} {'end MiB':>8} {'peak MiB':>8} {'MiB/sess':>9}",
            flush=True,
        )
        levels = measure(url, Path(workdir), counts, args.seconds, args.pause)
    report = {
        "scale": args.scale,
        "targets": {
            "sessions": 10,
            "p95_ms": P95_TARGET_MS,
            "mib_per_session": MIB_PER_SESSION_TARGET,
            "errors": 0,
        },
        "levels": [level.summary() for level in levels],
    }
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"wrote {args.output}")
    return 0


def _seeded(scale: str, workdir: Path) -> str:
    from models.db import get_engine
    from models.schema import migrate
    from seed.database import seed_database

    url = f"sqlite:///{workdir / 'load.db'}"
    migrate(url)
    started = time.perf_counter()
    seed_database(engine=get_engine(url), scale=scale)
    print(f"seeded {scale} in {time.perf_counter() - started:,.0f} s", flush=True)
    return url


if __name__ == "__main__":
    sys.exit(main())
