"""Saves that meet another writer: no deadlock when two saves touch the same rows in
opposite orders (PostgreSQL), one retry of a deadlock or serialisation failure, and
"另一位同事正在保存，请稍后再试" (nothing written) when SQLite stays locked."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator

import psycopg.errors
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

import models
from models import db
from models.config import settings
from models.db import Busy, get_engine, write
from models.roles import Actor
from models.writers import StaleVersionError, save_changes

_ROUNDS = 25


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SHIZI_LANG", "zh")
    settings.cache_clear()
    yield
    settings.cache_clear()


def _versions(url: str, ids: list[int]) -> dict[int, int]:
    with get_engine(url).connect() as conn:
        rows = conn.execute(text("SELECT id, version FROM school WHERE id IN (:a, :b)"),
                            {"a": ids[0], "b": ids[1]}).all()  # fmt: skip
    return {int(i): int(v) for i, v in rows}


def test_opposite_orders_do_not_deadlock(demo_url: str) -> None:
    if not demo_url.startswith("postgresql"):
        pytest.skip("SQLite writers queue at BEGIN IMMEDIATE")
    engine = get_engine(demo_url)
    ids = [int(i) for i in models.load(demo_url).schools["school_id"].head(2)]
    failures: list[BaseException] = []
    saved = 0
    for round_ in range(_ROUNDS):
        versions = _versions(demo_url, ids)
        start = threading.Barrier(2)

        def save(
            order: list[int], value: int, versions: dict[int, int] = versions,
            start: threading.Barrier = start,
        ) -> None:  # fmt: skip
            nonlocal saved
            rows = [{"id": i, "version": versions[i], "students_primary": value} for i in order]
            start.wait()
            try:
                save_changes(engine=engine, table="school", actor=Actor("w", "editor"),
                             updates=rows)  # fmt: skip
                saved += 1
            except StaleVersionError:
                pass  # the other save came first: refused cleanly, as it should be
            except BaseException as exc:
                failures.append(exc)

        threads = [threading.Thread(target=save, args=(ids, 1000 + round_)),
                   threading.Thread(target=save, args=(ids[::-1], 2000 + round_))]  # fmt: skip
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
    assert saved >= _ROUNDS  # every round, at least one of the two saves landed


def _deadlock() -> OperationalError:
    return OperationalError("UPDATE school ...", {}, psycopg.errors.DeadlockDetected("deadlock"))


def test_a_deadlock_is_retried_once_then_explained(db_url: str, chinese: None) -> None:
    engine = get_engine(db_url)
    calls: list[int] = []

    def once(session: Session) -> str:
        calls.append(1)
        if len(calls) == 1:
            raise _deadlock()
        return "done"

    assert write(engine, once) == "done" and len(calls) == 2

    def always(session: Session) -> str:
        raise _deadlock()

    with pytest.raises(Busy, match="另一位同事正在保存，请稍后再试"):
        write(engine, always)


def test_a_locked_sqlite_database_says_a_colleague_is_saving(
    demo_url: str, chinese: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not demo_url.startswith("sqlite"):
        pytest.skip("SQLite's lock")
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    get_engine(demo_url).dispose()
    school = models.load(demo_url).schools.iloc[0]
    holder = sqlite3.connect(demo_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(Busy, match="另一位同事正在保存，请稍后再试"):
            save_changes(engine=get_engine(demo_url), table="school", actor=Actor("w", "editor"),
                         updates=[{"id": int(school.school_id), "version": 1,
                                   "students_primary": 7}])  # fmt: skip
    finally:
        holder.rollback()
        holder.close()
        get_engine(demo_url).dispose()
    assert models.load(demo_url).schools.iloc[0]["students_primary"] == school.students_primary
