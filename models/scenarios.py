"""Saved scenarios: create, list, rename, copy, delete, mark baseline.

One transaction and one audit row per action. There is at most one baseline.
Approving records a decision (:func:`models.decisions.approve`); an approved scenario
is read-only (it can still be copied).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, func, select, text, update
from sqlmodel import Session, col

from models.audit import record
from models.db import write_session
from models.roles import Actor, require
from models.tables import AuditLog, Scenario

__all__ = [
    "ScenarioError",
    "copy_scenario",
    "data_date",
    "delete_scenario",
    "get_scenario",
    "list_scenarios",
    "refuse_approved",
    "rename_scenario",
    "save_scenario",
    "set_status",
]

_TABLE = "scenario"


class ScenarioError(Exception):
    """A refused scenario action; ``code`` is one of duplicate, approved, stale, missing,
    or decision_* (:mod:`models.decisions`)."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


def data_date(engine: Engine) -> datetime | None:
    """When the data last changed (the newest audit row)."""
    with engine.connect() as conn:
        return conn.execute(select(func.max(AuditLog.at))).scalar_one()


def list_scenarios(engine: Engine) -> pd.DataFrame:
    """id, name, status, author, data_date, created_at, version, params, and for an
    approved one its decision: decision, meeting, approver, decided_on (newest first)."""
    with engine.connect() as conn:
        frame = pd.read_sql(
            text(
                "SELECT s.id, s.name, s.status, s.author, s.data_date, s.created_at, "
                "s.version, s.params, d.text AS decision, d.meeting, d.approver, "
                "d.decided_on FROM scenario s LEFT JOIN decision d ON d.scenario_id = s.id "
                "ORDER BY s.created_at DESC, s.id DESC"
            ),
            conn,
        )
    return frame


def _exists(session: Session, name: str) -> bool:
    count = select(func.count()).where(col(Scenario.name) == name)
    return bool(session.execute(count).scalar_one())


def get_scenario(session: Session, scenario_id: int, version: int | None = None) -> Scenario:
    row = session.get(Scenario, scenario_id)
    if row is None:
        raise ScenarioError("missing", f"scenario {scenario_id} does not exist")
    if version is not None and row.version != version:
        raise ScenarioError(
            "stale", f"scenario {row.name!r} was changed by someone else; reload it first"
        )
    return row


def refuse_approved(row: Scenario) -> None:
    """Raise ``ScenarioError('approved')``: an approved scenario is read-only."""
    if row.status == "approved":
        raise ScenarioError("approved", f"scenario {row.name!r} is approved and read-only")


def save_scenario(
    *, engine: Engine, name: str, params: str, actor: Actor, data_as_of: datetime | None = None
) -> int:
    """Store a new draft scenario; returns its id (names are unique)."""
    require(actor, "editor")
    name = name.strip()
    if not name:
        raise ScenarioError("missing", "a scenario needs a name")
    with write_session(engine) as session:
        if _exists(session, name):
            raise ScenarioError("duplicate", f"a scenario named {name!r} exists already")
        row = Scenario(
            name=name, params=params, author=actor.name, status="draft",
            data_date=data_as_of, created_at=datetime.now(UTC),
        )  # fmt: skip
        session.add(row)
        session.flush()
        record(session=session, actor=actor.name, table=_TABLE, key=str(row.id), action="insert",
               after={"name": name, "params": params})  # fmt: skip
        new_id = int(row.id)  # type: ignore[arg-type]
    return new_id


def rename_scenario(
    *, engine: Engine, scenario_id: int, version: int, name: str, actor: Actor
) -> None:
    require(actor, "editor")
    name = name.strip()
    with write_session(engine) as session:
        row = get_scenario(session, scenario_id, version)
        refuse_approved(row)
        if name != row.name and _exists(session, name):
            raise ScenarioError("duplicate", f"a scenario named {name!r} exists already")
        before = row.name
        row.name, row.version = name, row.version + 1
        record(session=session, actor=actor.name, table=_TABLE, key=str(scenario_id),
               action="update", before={"name": before}, after={"name": name})  # fmt: skip


def copy_scenario(*, engine: Engine, scenario_id: int, name: str, actor: Actor) -> int:
    """A new draft with the same parameters (approved scenarios can be copied)."""
    with write_session(engine) as session:
        params = get_scenario(session, scenario_id).params
    return save_scenario(engine=engine, name=name, params=params, actor=actor)


def delete_scenario(*, engine: Engine, scenario_id: int, version: int, actor: Actor) -> None:
    require(actor, "editor")
    with write_session(engine) as session:
        row = get_scenario(session, scenario_id, version)
        refuse_approved(row)
        record(session=session, actor=actor.name, table=_TABLE, key=str(scenario_id),
               action="delete", before={"name": row.name, "params": row.params})  # fmt: skip
        session.delete(row)


def set_status(
    *, engine: Engine, scenario_id: int, version: int, status: str, actor: Actor
) -> None:
    """Mark a scenario ``baseline`` (the previous baseline becomes a draft) or back to
    ``draft``. Approving needs a decision: :func:`models.decisions.approve`."""
    if status not in ("draft", "baseline"):
        raise ValueError(f"status must be draft or baseline; got {status!r}")
    require(actor, "editor")
    with write_session(engine) as session:
        row = get_scenario(session, scenario_id, version)
        refuse_approved(row)
        if status == "baseline":
            session.execute(
                update(Scenario)
                .where(Scenario.status == "baseline", Scenario.id != scenario_id)  # type: ignore[arg-type]
                .values(status="draft", version=Scenario.version + 1)
            )
        before = row.status
        row.status, row.version = status, row.version + 1
        record(session=session, actor=actor.name, table=_TABLE, key=str(scenario_id),
               action="update", before={"status": before}, after={"status": status})  # fmt: skip
