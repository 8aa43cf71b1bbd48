"""Saving edits: one transaction, nothing lost, deletes of used rows refused, reverts."""

from __future__ import annotations

import threading

import pandas as pd
import pytest
from sqlalchemy import text

import models
from models import writers
from models.db import get_engine
from models.roles import Actor
from models.writers import (
    InvalidRows,
    NotRevertible,
    RowInUse,
    StaleVersionError,
    revert,
    save_changes,
)

EDITOR = Actor("王芳", "editor")


def _count(url: str, table: str) -> int:
    with get_engine(url).connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_two_people_saving_different_rows_both_commit(demo_url: str) -> None:
    engine = get_engine(demo_url)
    ids = models.load(demo_url).schools["school_id"].head(20).tolist()
    errors: list[BaseException] = []

    def save(part: list[int], value: int) -> None:
        try:
            for i in part:
                row = {"id": i, "version": 1, "students_senior": value}
                save_changes(engine=engine, table="school", actor=EDITOR, updates=[row])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(ids[:10], 11)),
               threading.Thread(target=save, args=(ids[10:], 22))]  # fmt: skip
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    schools = models.load(demo_url).schools.set_index("school_id")
    assert schools.loc[ids[:10], "students_senior"].eq(11).all()
    assert schools.loc[ids[10:], "students_senior"].eq(22).all()


def test_a_stale_row_stops_the_whole_batch(demo_url: str) -> None:
    engine = get_engine(demo_url)
    a, b = models.load(demo_url).schools["school_id"].head(2).tolist()
    save_changes(engine=engine, table="school", actor=EDITOR,
                 updates=[{"id": a, "version": 1, "students_primary": 5}])  # fmt: skip
    with pytest.raises(StaleVersionError, match=f"row\\(s\\) {a} were changed"):
        save_changes(engine=engine, table="school", actor=EDITOR, updates=[
            {"id": b, "version": 1, "students_primary": 7},
            {"id": a, "version": 1, "students_primary": 9},
        ])  # fmt: skip
    schools = models.load(demo_url).schools.set_index("school_id")
    assert schools.loc[a, "students_primary"] == 5
    assert schools.loc[b, "students_primary"] != 7


def test_deleting_a_school_with_teachers_is_refused(demo_url: str) -> None:
    engine = get_engine(demo_url)
    school = int(models.load(demo_url).schools["school_id"].iloc[0])
    before = _count(demo_url, "school")
    with pytest.raises(RowInUse, match="still in use"):
        save_changes(engine=engine, table="school", actor=EDITOR,
                     deletes=[{"id": school, "version": 1}])  # fmt: skip
    assert _count(demo_url, "school") == before


def test_bad_values_are_refused(demo_url: str) -> None:
    engine = get_engine(demo_url)
    school = int(models.load(demo_url).schools["school_id"].iloc[0])
    with pytest.raises(InvalidRows) as err:
        save_changes(engine=engine, table="school", actor=EDITOR,
                     updates=[{"id": school, "version": 1, "location": "suburb"}])  # fmt: skip
    assert err.value.code == "values"


def test_insert_delete_and_revert_each(demo_url: str) -> None:
    engine = get_engine(demo_url)
    save_changes(engine=engine, table="curriculum", actor=EDITOR, inserts=[
        {"level": "primary", "subject": "calligraphy", "periods_per_class": 1.0,
         "teacher_load": 16.0},
    ])  # fmt: skip
    with engine.connect() as conn:
        audit_insert = (
            conn.execute(text("SELECT id FROM audit_log WHERE action = 'insert' ORDER BY id DESC"))
            .scalars()
            .first()
        )
    assert audit_insert is not None
    revert(engine=engine, audit_id=audit_insert, actor=EDITOR)
    assert "calligraphy" not in set(models.load(demo_url).curriculum["subject"])
    with engine.connect() as conn:
        audit_delete = conn.execute(
            text("SELECT id FROM audit_log WHERE action = 'delete' ORDER BY id DESC")
        ).scalar_one()
    revert(engine=engine, audit_id=audit_delete, actor=EDITOR)
    assert "calligraphy" in set(models.load(demo_url).curriculum["subject"])

    school = int(models.load(demo_url).schools["school_id"].iloc[3])
    save_changes(engine=engine, table="school", actor=EDITOR,
                 updates=[{"id": school, "version": 1, "is_weak": True}])  # fmt: skip
    with engine.connect() as conn:
        audit_update = (
            conn.execute(
                text("SELECT id FROM audit_log WHERE action = 'update' ORDER BY id DESC")
            ).scalar_one_or_none()
            or 0
        )
    original = models.load(demo_url).schools.set_index("school_id").loc[school, "is_weak"]
    assert bool(original)
    revert(engine=engine, audit_id=audit_update, actor=EDITOR)
    assert not bool(models.load(demo_url).schools.set_index("school_id").loc[school, "is_weak"])
    with engine.connect() as conn:
        actions = [r[0] for r in conn.execute(text("SELECT action FROM audit_log ORDER BY id"))]
    assert actions.count("revert") == 3


def test_a_pay_policy_that_is_not_one_is_refused(demo_url: str) -> None:
    engine = get_engine(demo_url)
    before = models.load(demo_url).pay_policies
    with engine.connect() as conn:
        row_id = conn.execute(text("SELECT min(id) FROM pay_policy")).scalar_one()
    for params in ('{"basic_share": 7}', "not json"):
        with pytest.raises(InvalidRows) as err:
            save_changes(engine=engine, table="pay_policy", actor=EDITOR,
                         updates=[{"id": row_id, "version": 1, "params": params}])  # fmt: skip
        assert err.value.code == "pay_policy"
    with pytest.raises(InvalidRows, match="basic_share"):
        save_changes(engine=engine, table="pay_policy", actor=EDITOR,
                     inserts=[{"name": "x", "params": '{"basic_share": -1}'}])  # fmt: skip
    pd.testing.assert_frame_equal(models.load(demo_url).pay_policies, before)


def _last_audit(url: str) -> int:
    with get_engine(url).connect() as conn:
        return int(conn.execute(text("SELECT max(id) FROM audit_log")).scalar_one())


def test_an_undo_is_refused_when_the_record_changed_later(demo_url: str) -> None:
    engine = get_engine(demo_url)
    school = int(models.load(demo_url).schools["school_id"].iloc[5])
    save_changes(engine=engine, table="school", actor=EDITOR,
                 updates=[{"id": school, "version": 1, "students_primary": 101}])  # fmt: skip
    first = _last_audit(demo_url)
    save_changes(engine=engine, table="school", actor=EDITOR,
                 updates=[{"id": school, "version": 2, "students_primary": 202}])  # fmt: skip
    second = _last_audit(demo_url)
    with pytest.raises(NotRevertible) as err:
        revert(engine=engine, audit_id=first, actor=EDITOR)
    assert err.value.key == "revert.later" and str(second) in err.value.text("zh")
    assert "之后又被修改过" in err.value.text("zh")
    assert _last_audit(demo_url) == second  # nothing written, not even an audit row
    schools = models.load(demo_url).schools.set_index("school_id")
    assert schools.loc[school, "students_primary"] == 202
    revert(engine=engine, audit_id=second, actor=EDITOR)  # the newest one can be undone
    assert (
        models.load(demo_url).schools.set_index("school_id").loc[school, "students_primary"] == 101
    )
    with pytest.raises(NotRevertible):  # and only once: the undo is a later change
        revert(engine=engine, audit_id=second, actor=EDITOR)


def test_an_undo_and_its_audit_row_are_one_transaction(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = get_engine(demo_url)
    school = int(models.load(demo_url).schools["school_id"].iloc[6])
    save_changes(engine=engine, table="school", actor=EDITOR,
                 updates=[{"id": school, "version": 1, "students_primary": 303}])  # fmt: skip
    change = _last_audit(demo_url)
    real = writers.record

    def fail_on_revert(**kwargs: object) -> None:
        if kwargs["action"] == "revert":
            raise RuntimeError("disk gone")
        real(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(writers, "record", fail_on_revert)
    with pytest.raises(RuntimeError, match="disk gone"):
        revert(engine=engine, audit_id=change, actor=EDITOR)
    assert _last_audit(demo_url) == change
    assert (
        models.load(demo_url).schools.set_index("school_id").loc[school, "students_primary"] == 303
    )


def test_an_unknown_change_cannot_be_undone(demo_url: str) -> None:
    with pytest.raises(NotRevertible) as err:
        revert(engine=get_engine(demo_url), audit_id=999_999, actor=EDITOR)
    assert err.value.text("en") == "Change 999999 does not exist or cannot be undone."
