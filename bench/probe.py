"""Timing one browser action: from the input event to the page settled, and the bytes
the websocket carried meanwhile.

An init script in every page records, in the page's own clock: the first input event
(key, pointer) after :meth:`Probe.arm`, the first script run of the page, and the last
DOM change; the probe waits for the server's first message after the input.
*Settled* means: connected, no script running, no skeleton left, every vega chart
drawn (an ``svg.marks`` or a ``canvas`` inside), and no DOM change for ``quiet_ms``.
The time reported ends at the last DOM change, so the quiet wait is not counted.
The same rule as tests/e2e/helpers.py's ``settle``, plus the charts.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bench.controls import Step

__all__ = ["INIT_SCRIPT", "SETTLED", "Probe", "Samples"]

INIT_SCRIPT = """
(() => {
  const b = window.__bench = {input: null, everRan: null,
                              last: performance.now(), armed: false};
  const mark = () => { if (b.armed && b.input === null) b.input = performance.now(); };
  for (const kind of ["keydown", "pointerdown", "mousedown"]) {
    window.addEventListener(kind, mark, true);
  }
  new MutationObserver((records) => {
    const now = performance.now();
    b.last = now;
    for (const r of records) {
      if (r.attributeName === "data-test-script-state" &&
          r.target.getAttribute("data-test-script-state") === "running") {
        if (b.everRan === null) b.everRan = now;
      }
    }
  }).observe(document, {subtree: true, childList: true, attributes: true,
                        characterData: true});
})();
"""

SETTLED = """
([quiet, needRun]) => {
  const b = window.__bench;
  const app = document.querySelector("[data-testid='stApp']");
  if (!b || !app) return false;
  if (app.dataset.testConnectionState !== "CONNECTED") return false;
  if (app.dataset.testScriptState === "running") return false;
  if (needRun === "ever" && b.everRan === null) return false;
  if (document.querySelector("[data-testid='stSkeleton']")) return false;
  for (const c of document.querySelectorAll("[data-testid='stVegaLiteChart']")) {
    if (!c.querySelector("svg.marks, canvas")) return false;
  }
  return performance.now() - b.last >= quiet;
}
"""


@dataclass
class Samples:
    """Every repetition of one action: milliseconds and websocket bytes each way."""

    name: str
    page: str
    ms: list[float] = field(default_factory=list)
    bytes_down: list[int] = field(default_factory=list)
    bytes_up: list[int] = field(default_factory=list)
    target_ms: float | None = None

    @property
    def median_ms(self) -> float:
        return statistics.median(self.ms)

    @property
    def p90_ms(self) -> float:
        ordered = sorted(self.ms)
        return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]

    def summary(self, trivial_ms: float | None) -> dict[str, Any]:
        ratio = self.median_ms / trivial_ms if trivial_ms else None
        verdict = "" if self.target_ms is None else (
            "ok" if self.median_ms <= self.target_ms else "MISS"
        )  # fmt: skip
        return {
            "name": self.name,
            "page": self.page,
            "runs": len(self.ms),
            "median_ms": round(self.median_ms, 1),
            "p90_ms": round(self.p90_ms, 1),
            "ratio_to_trivial": None if ratio is None else round(ratio, 2),
            "ws_kb_down_median": round(statistics.median(self.bytes_down) / 1024, 1),
            "ws_kb_down_max": round(max(self.bytes_down) / 1024, 1),
            "ws_kb_up_median": round(statistics.median(self.bytes_up) / 1024, 1),
            "target_ms": self.target_ms,
            "verdict": verdict,
            "samples_ms": [round(m, 1) for m in self.ms],
        }


class Probe:
    """One browser page under measurement; counts websocket frames as they pass."""

    def __init__(self, page: Any, quiet_ms: int = 300, timeout_s: float = 180.0):
        self.page = page
        self.quiet_ms = quiet_ms
        self.timeout_ms = timeout_s * 1000
        self.down = 0
        self.up = 0
        page.add_init_script(INIT_SCRIPT)
        page.on("websocket", self._socket)

    def _socket(self, ws: Any) -> None:
        ws.on("framereceived", lambda payload: self._count("down", payload))
        ws.on("framesent", lambda payload: self._count("up", payload))

    def _count(self, way: str, payload: bytes | str) -> None:
        size = len(payload.encode() if isinstance(payload, str) else payload)
        setattr(self, way, getattr(self, way) + size)

    def settle(self, *, need_run: str = "") -> None:
        """Wait until the page has settled (see the module docstring); ``need_run``
        "ever" also waits for a first script run (a page just opened)."""
        self.page.wait_for_function(
            SETTLED, arg=[self.quiet_ms, need_run], polling=50, timeout=self.timeout_ms
        )

    def _answered(self, down: int) -> None:
        """Wait for the server's first message after the input (a quick script run
        may start and finish between two renders, leaving no "running" mark)."""
        waited = 0
        while self.down == down:
            if waited > self.timeout_ms:
                raise TimeoutError("the server sent nothing after the input")
            self.page.wait_for_timeout(20)
            waited += 20

    def arm(self) -> None:
        """Forget the last input; the next key or pointer event starts the clock."""
        self.page.evaluate("() => Object.assign(window.__bench, {input: null, armed: true})")

    def time(self, step: Step, samples: Samples) -> None:
        """Run ``step`` (an untimed preparation, then one input that starts a script
        run) and record, into ``samples``, the time from its input event to the page
        settled."""
        prepare, act = step
        self.settle()
        if prepare is not None:
            prepare()
        self.arm()
        down, up = self.down, self.up
        act()
        self._answered(down)
        self.settle()
        start, end = self.page.evaluate("() => [window.__bench.input, window.__bench.last]")
        if start is None:
            raise RuntimeError(f"{samples.name}: the action sent no key or pointer event")
        samples.ms.append(end - start)
        samples.bytes_down.append(self.down - down)
        samples.bytes_up.append(self.up - up)

    def time_navigation(self, url: str, samples: Samples) -> None:
        """Open ``url`` afresh: from the navigation's start to the page settled."""
        down, up = self.down, self.up
        self.page.goto(url)
        self.settle(need_run="ever")
        samples.ms.append(self.page.evaluate("() => window.__bench.last"))
        samples.bytes_down.append(self.down - down)
        samples.bytes_up.append(self.up - up)

    def time_download(self, click: Callable[[], object], samples: Samples) -> None:
        """Click a download button: from the click to the file in hand."""
        self.settle()
        down, up = self.down, self.up
        start = self.page.evaluate("() => performance.now()")
        with self.page.expect_download(timeout=self.timeout_ms) as info:
            click()
        info.value.path()  # the whole file has arrived
        samples.ms.append(self.page.evaluate("() => performance.now()") - start)
        samples.bytes_down.append(self.down - down)
        samples.bytes_up.append(self.up - up)
