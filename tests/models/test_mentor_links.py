"""Mentoring links (带教结对): stored from the assignment, refused while one runs,
ended, each change audited in its own transaction; viewers write nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, insert, text

from models.db import write_session
from models.roles import Actor, PermissionDenied
from models.tables import District, School, Teacher
from models.writers import (
    LinkRefused,
    end_mentor_link,
    revert,
    store_mentor_links,
)
from tests import factories

EDITOR = Actor("王芳", "editor")
VIEWER = Actor("李雷", "viewer")


@pytest.fixture
def city(engine: Engine) -> Engine:
    """Two schools (2 is weak) and two mentors at school 1."""
    with write_session(engine) as s:
        s.execute(insert(District), [{"id": 1, "code": "320602", "name": "崇川区",
                                      "lat": 32.0, "lon": 120.9}])  # fmt: skip
        rows = [factories.school(1), factories.school(2, is_weak=True)]
        s.execute(insert(School), [{"id": r.pop("school_id"), **r} for r in rows])
        people = [factories.teacher(1, name="张伟", subject="math"),
                  factories.teacher(2, name="李娜", subject="chinese")]  # fmt: skip
        s.execute(insert(Teacher), [{"id": r.pop("teacher_id"), **r} for r in people])
    return engine


PAIRS = [
    {"teacher_id": 1, "school_id": 2, "subject": "math"},
    {"teacher_id": 2, "school_id": 2, "subject": "chinese"},
]


def _links(engine: Engine) -> list[tuple[int, int, str, int, int, str, int]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT teacher_id, school_id, subject, started_year, ended_year, status, version "
            "FROM mentor_link ORDER BY id"
        ))]  # fmt: skip


def _audit(engine: Engine) -> list[tuple[str, str, str]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT table_name, key, action FROM audit_log ORDER BY id"
        ))]  # fmt: skip


def test_the_pairs_are_stored_as_running_links_with_an_audit_row_each(city: Engine) -> None:
    ids = store_mentor_links(engine=city, pairs=PAIRS, year=2026, actor=EDITOR)
    assert len(ids) == 2
    assert _links(city) == [(1, 2, "math", 2026, 0, "active", 1),
                            (2, 2, "chinese", 2026, 0, "active", 1)]  # fmt: skip
    assert _audit(city) == [("mentor_link", str(i), "insert") for i in ids]


def test_a_running_link_is_not_stored_twice_and_nothing_of_the_batch_is(city: Engine) -> None:
    store_mentor_links(engine=city, pairs=PAIRS[:1], year=2025, actor=EDITOR)
    with pytest.raises(LinkRefused) as refused:
        store_mentor_links(engine=city, pairs=PAIRS, year=2026, actor=EDITOR)
    assert refused.value.key == "mentor_link.active"
    assert "张伟" in refused.value.text("zh") and "李娜" not in refused.value.text("zh")
    assert [row[:3] for row in _links(city)] == [(1, 2, "math")]
    assert len(_audit(city)) == 1


def test_empty_and_repeated_pairs_are_refused(city: Engine) -> None:
    for pairs, key in (([], "mentor_link.empty"), ([*PAIRS, PAIRS[0]], "mentor_link.repeated")):
        with pytest.raises(LinkRefused) as refused:
            store_mentor_links(engine=city, pairs=pairs, year=2026, actor=EDITOR)
        assert refused.value.key == key
    assert _links(city) == []


def test_an_ended_link_stays_on_record_and_the_pair_may_start_again(city: Engine) -> None:
    [link] = store_mentor_links(engine=city, pairs=PAIRS[:1], year=2024, actor=EDITOR)
    end_mentor_link(engine=city, link_id=link, year=2026, actor=EDITOR)
    assert _links(city) == [(1, 2, "math", 2024, 2026, "ended", 2)]
    assert _audit(city)[-1] == ("mentor_link", str(link), "update")
    with pytest.raises(LinkRefused) as refused:
        end_mentor_link(engine=city, link_id=link, year=2026, actor=EDITOR)
    assert refused.value.key == "mentor_link.not_active"
    store_mentor_links(engine=city, pairs=PAIRS[:1], year=2026, actor=EDITOR)
    assert [row[5] for row in _links(city)] == ["ended", "active"]


def test_ending_is_refused_before_the_start_and_for_a_link_that_is_gone(city: Engine) -> None:
    [link] = store_mentor_links(engine=city, pairs=PAIRS[:1], year=2026, actor=EDITOR)
    for link_id, year, key in ((link, 2025, "mentor_link.before_start"),
                               (link + 1, 2027, "mentor_link.not_active")):  # fmt: skip
        with pytest.raises(LinkRefused) as refused:
            end_mentor_link(engine=city, link_id=link_id, year=year, actor=EDITOR)
        assert refused.value.key == key
    assert _links(city) == [(1, 2, "math", 2026, 0, "active", 1)]


def test_ending_a_link_can_be_undone(city: Engine) -> None:
    [link] = store_mentor_links(engine=city, pairs=PAIRS[:1], year=2025, actor=EDITOR)
    end_mentor_link(engine=city, link_id=link, year=2026, actor=EDITOR)
    with city.connect() as conn:
        ended = conn.execute(text("SELECT max(id) FROM audit_log")).scalar_one()
    revert(engine=city, audit_id=int(ended), actor=EDITOR)
    assert _links(city) == [(1, 2, "math", 2025, 0, "active", 3)]


def test_a_viewer_stores_and_ends_nothing(city: Engine) -> None:
    with pytest.raises(PermissionDenied):
        store_mentor_links(engine=city, pairs=PAIRS, year=2026, actor=VIEWER)
    [link] = store_mentor_links(engine=city, pairs=PAIRS[:1], year=2026, actor=EDITOR)
    with pytest.raises(PermissionDenied):
        end_mentor_link(engine=city, link_id=link, year=2027, actor=VIEWER)
    assert _links(city) == [(1, 2, "math", 2026, 0, "active", 1)]
