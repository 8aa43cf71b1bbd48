"""Write a generated city into a database: fills an empty one, refuses one with data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, func, insert, select, text

from models import loaders
from models.audit import record
from models.db import write_session
from models.tables import (
    Cadre,
    CadreRecord,
    CadreReserve,
    CadreScore,
    Curriculum,
    District,
    MentorLink,
    PayPolicy,
    Scenario,
    School,
    StaffingStandard,
    Teacher,
    Wish,
)
from planning.pay import PayPolicy as PayPolicyParams
from planning.scenario import Scenario as ScenarioParams
from seed.city import generate
from seed.reference import CURRICULUM, standards_frame

__all__ = ["BASELINE_NAME", "SeedRefused", "has_data", "seed_database"]

Progress = Callable[[float, str], None]
_CHUNK = 5_000
BASELINE_NAME = "基准"  # the scenario every page's deltas are against, until one is chosen


class SeedRefused(Exception):
    """The database already holds data; seeding never writes over it."""


def has_data(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.execute(select(func.count()).select_from(School)).scalar_one())


def _rows(frame: pd.DataFrame, rename: dict[str, str]) -> list[dict[str, object]]:
    return frame.rename(columns=rename).to_dict("records")


def _baseline_scenario(year: int, actor: str) -> dict[str, object]:
    """The baseline scenario of a fresh database: every parameter at its default."""
    now = datetime.now(UTC)
    params = ScenarioParams(BASELINE_NAME, rotation_year=year)
    return {"name": BASELINE_NAME, "params": params.to_json(), "author": actor,
            "status": "baseline", "data_date": now, "created_at": now, "version": 1}  # fmt: skip


def seed_database(
    *,
    engine: Engine,
    scale: str = "city",
    seed: int = 2013,
    year: int = 2026,
    actor: str = "seed",
    progress: Progress | None = None,
) -> dict[str, int]:
    """Generate the city and write it in one transaction; returns row counts."""
    say = progress or (lambda _f, _m: None)
    say(0.0, "generate")
    city = generate(scale, seed=seed, year=year)
    say(0.2, "write")
    with write_session(engine) as session:
        if session.execute(select(func.count()).select_from(School)).scalar_one():
            raise SeedRefused("the database already holds schools; seeding leaves it untouched")
        conn = session.connection()
        conn.execute(insert(StaffingStandard), _rows(standards_frame(), {}))
        conn.execute(insert(Curriculum), _rows(CURRICULUM, {}))
        conn.execute(
            insert(PayPolicy), [{"name": "default", "params": PayPolicyParams().to_json()}]
        )
        conn.execute(insert(Scenario), [_baseline_scenario(year, actor)])
        conn.execute(insert(District), _rows(city.districts, {"district_id": "id"}))
        conn.execute(insert(School), _rows(city.schools, {"school_id": "id"}))
        teachers = _rows(city.teachers, {"teacher_id": "id"})
        for start in range(0, len(teachers), _CHUNK):
            conn.execute(insert(Teacher), teachers[start : start + _CHUNK])
            say(0.2 + 0.8 * min(1.0, (start + _CHUNK) / len(teachers)), "write")
        # Cadres (干部队伍, issue 17)
        conn.execute(insert(Cadre), _rows(city.cadres, {"cadre_id": "id"}))
        for model, frame in ((CadreRecord, city.cadre_records),
                             (CadreReserve, city.cadre_reserves),
                             (CadreScore, city.cadre_scores)):  # fmt: skip
            rows = _rows(frame, {})
            for start in range(0, len(rows), _CHUNK):
                conn.execute(insert(model), rows[start : start + _CHUNK])
        # Teachers' wishes (志愿, issue 12)
        wishes = _rows(city.wishes, {})
        for start in range(0, len(wishes), _CHUNK):
            conn.execute(insert(Wish), wishes[start : start + _CHUNK])
        # Mentoring links (带教结对, issue 18)
        links = _rows(city.mentor_links, {"link_id": "id"})
        if links:
            conn.execute(insert(MentorLink), links)
        if engine.dialect.name == "postgresql":
            for table in ("district", "school", "teacher", "cadre", "mentor_link"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
        counts = {
            "districts": len(city.districts),
            "schools": len(city.schools),
            "teachers": len(city.teachers),
            "cadres": len(city.cadres),
            "wishes": len(city.wishes),
            "mentor_links": len(city.mentor_links),
        }
        record(
            session=session,
            actor=actor,
            table="*",
            key=scale,
            action="seed",
            after={"scale": scale, "seed": seed, "year": year, **counts},
        )
    loaders.invalidate()
    return counts
