"""The browser part of a run: seed a database, measure, print a table as rows arrive."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.probe import Samples

__all__ = ["browser_part"]

_HEADER = (
    f"{'browser action':<52} {'runs':>4} {'median ms':>10} {'p90 ms':>9} {'x triv':>7} "
    f"{'KB down':>8} {'target':>7} {'':>4}"
)


def _line(row: dict[str, Any]) -> str:
    ratio = "" if row["ratio_to_trivial"] is None else f"{row['ratio_to_trivial']:.1f}"
    target = "" if row["target_ms"] is None else f"{row['target_ms']:,.0f}"
    return (
        f"{row['name'][:52]:<52} {row['runs']:>4} {row['median_ms']:>10,.0f} "
        f"{row['p90_ms']:>9,.0f} {ratio:>7} {row['ws_kb_down_median']:>8,.1f} "
        f"{target:>7} {row['verdict']:>4}"
    )


def browser_part(
    scale: str, workdir: Path, reps: int, only: Sequence[str] | None = None
) -> dict[str, Any]:
    """Seed ``scale`` into a fresh SQLite file and run :func:`bench.browser.run` on it."""
    from bench.browser import SECTIONS, run
    from models.db import get_engine
    from models.schema import migrate
    from seed.database import seed_database

    url = f"sqlite:///{workdir / 'browser.db'}"
    migrate(url)
    seed_database(engine=get_engine(url), scale=scale)
    trivial: list[float] = []

    def log(samples: Samples) -> None:
        if samples.page == "trivial":
            trivial.append(samples.median_ms)
        print(_line(samples.summary(trivial[0] if trivial else None)), flush=True)

    print(f"\n{_HEADER}\n{'-' * len(_HEADER)}", flush=True)
    started = time.perf_counter()
    part = run(scale, url, workdir, reps=reps, log=log, only=only or SECTIONS)
    part["seconds"] = round(time.perf_counter() - started, 1)
    print(f"browser part {part['seconds']:,.1f} s", flush=True)
    return part
