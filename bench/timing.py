"""Timing and memory of one benchmark step: median of repeated runs, peak allocation."""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Result", "measure"]


@dataclass
class Result:
    name: str
    runs: int
    median_ms: float
    min_ms: float
    peak_mib: float
    target_ms: float | None = None

    @property
    def verdict(self) -> str:
        if self.target_ms is None:
            return ""
        return "ok" if self.median_ms <= self.target_ms else "MISS"


def measure(
    name: str,
    step: Callable[[], object],
    *,
    runs: int,
    setup: Callable[[], object] | None = None,
    target_ms: float | None = None,
) -> Result:
    """Run ``setup`` then ``step`` ``runs`` times (timed), then once more under
    tracemalloc for the peak memory the step allocates."""
    times = []
    for _ in range(runs):
        if setup:
            setup()
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    if setup:
        setup()
    tracemalloc.start()
    step()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return Result(name, runs, statistics.median(times), min(times), peak / 2**20, target_ms)
