"""Every file of the hostile corpus (:mod:`tests.hostile_corpus`) through the import
check on each backend: read right (and, when small, stored right) or refused with a
report, never another exception, each within the memory cap.

Times are printed (``-s``), never asserted: wall-clock asserts are not allowed here.
The memory is tracemalloc's peak while the file is read and checked.
"""

from __future__ import annotations

import time
import tracemalloc

import pandas as pd

import models
from models.db import get_engine
from models.importer import ImportRefused, apply, check, read_file
from models.roles import Actor
from tests.hostile_corpus import CASES, NAMES, Case

MEMORY_CAP = 512 * 2**20
STORED = 100  # good files up to this many rows are also written and read back
EDITOR = Actor("导入测试", "editor")


def _run(data: bytes, case: Case, frames: models.Frames) -> tuple[str, object, int, float]:
    """(outcome, rows or refusal or exception, memory peak, seconds)."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        rows = check(read_file(data, case.filename), "teacher",
                     schools=frames.schools, districts=frames.districts)  # fmt: skip
        outcome: tuple[str, object] = ("read", rows)
    except ImportRefused as exc:
        outcome = ("refused", exc)
    except Exception as exc:  # what this test is here to find
        outcome = ("crash", exc)
    finally:
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return outcome[0], outcome[1], peak, seconds


def _judge(case: Case, outcome: str, result: object, demo_url: str) -> str | None:
    """What is wrong with the outcome of ``case``, or None."""
    if outcome == "crash":
        return f"crashed: {type(result).__name__}: {result}"
    if outcome == "refused":
        assert isinstance(result, ImportRefused)
        keys = {p.key for p in result.problems}
        if case.expect_read:
            return f"refused a good file: {result}"
        return None if keys & set(case.keys) else f"refused for {keys}, not {case.keys}"
    if not case.expect_read:
        return f"read a file that must be refused ({case.keys})"
    assert isinstance(result, pd.DataFrame)
    expected = case.names() if case.names else NAMES
    names = result["name"].tolist()
    if names != expected:
        return f"read wrong: {names[:5]} instead of {expected[:5]}"
    if len(names) <= STORED:
        apply(engine=get_engine(demo_url), table="teacher", rows=result, actor=EDITOR)
        stored = models.load(demo_url).teachers.set_index("staff_no")["name"]
        got = [stored.get(s) for s in result["staff_no"]]
        if got != expected:
            return f"stored wrong: {got[:5]} instead of {expected[:5]}"
    return None


def test_every_hostile_file_is_read_right_or_refused_within_the_caps(demo_url: str) -> None:
    frames = models.load(demo_url)
    code = str(frames.schools["code"].iloc[0])
    failures: list[str] = []
    print(f"\n{'case':48} {'kind':6} {'bytes':>10} {'outcome':8} {'seconds':>8} {'MiB':>6}")
    for case in CASES:
        data = case.make(code)
        outcome, result, peak, seconds = _run(data, case, frames)
        print(f"{case.name[:48]:48} {case.kind:6} {len(data):>10} {outcome:8} "
              f"{seconds:8.2f} {peak / 2**20:6.1f}")  # fmt: skip
        del data
        wrong = _judge(case, outcome, result, demo_url)
        if peak > MEMORY_CAP:
            wrong = f"{wrong or ''} memory peak {peak / 2**20:.0f} MiB".strip()
        if wrong:
            failures.append(f"{case.kind} / {case.name}: {wrong}")
    assert not failures, "\n".join(failures)


def test_the_corpus_covers_every_kind_and_both_outcomes() -> None:
    kinds = {case.kind for case in CASES}
    assert kinds == {"crash", "hang", "memory", "wrong", "good"}
    assert sum(c.expect_read for c in CASES) >= 15
    assert sum(not c.expect_read for c in CASES) >= 40
