"""Decisions: approving a scenario records what was decided, where, by whom and when.

A scenario is approved once, and only together with its decision (one transaction,
audited); from then on it is read-only (:mod:`models.scenarios`). The decision log
lists every decision, newest first.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy import Engine, text

from models.audit import record
from models.config import settings
from models.db import write_session
from models.roles import Actor, require
from models.scenarios import ScenarioError, get_scenario, refuse_approved
from models.tables import Decision

__all__ = ["DecisionText", "approve", "list_decisions", "today"]

# Column widths of :class:`models.tables.Decision`.
_LIMITS = {"meeting": 128, "approver": 64}


def today() -> date:
    """Today in the configured zone (``SHIZI_TIMEZONE``): the latest day a decision
    can carry."""
    return datetime.now(ZoneInfo(settings().shizi_timezone)).date()


@dataclass(frozen=True)
class DecisionText:
    """What a person writes when approving: the decision as in the minutes, the meeting
    (e.g. 2026年第12次局长办公会), the approver and the day it was decided."""

    text: str
    meeting: str
    approver: str
    decided_on: date


def _checked(decision: DecisionText, latest: date) -> DecisionText:
    cleaned = DecisionText(
        text=decision.text.strip(),
        meeting=decision.meeting.strip(),
        approver=decision.approver.strip(),
        decided_on=decision.decided_on,
    )
    for field in ("text", "meeting", "approver"):
        if not getattr(cleaned, field):
            raise ScenarioError(f"decision_{field}", f"a decision needs its {field}")
    for field, limit in _LIMITS.items():
        if len(getattr(cleaned, field)) > limit:
            raise ScenarioError("decision_long", f"{field} is longer than {limit} characters")
    if cleaned.decided_on > latest:
        raise ScenarioError("decision_future", f"{cleaned.decided_on} is after today")
    return cleaned


def approve(
    *,
    engine: Engine,
    scenario_id: int,
    version: int,
    decision: DecisionText,
    actor: Actor,
    as_of: date | None = None,
) -> None:
    """Approve the scenario and record its decision, in one transaction with one audit
    row each. Refused (:class:`ScenarioError`) when a field is empty or too long, the
    day is after ``as_of`` (default :func:`today`), or the scenario changed since
    ``version`` or is approved already."""
    require(actor, "editor")
    cleaned = _checked(decision, as_of or today())
    with write_session(engine) as session:
        row = get_scenario(session, scenario_id, version)
        refuse_approved(row)
        before = row.status
        row.status, row.version = "approved", row.version + 1
        entry = Decision(
            scenario_id=scenario_id,
            text=cleaned.text,
            meeting=cleaned.meeting,
            approver=cleaned.approver,
            decided_on=cleaned.decided_on,
            recorded_by=actor.name,
            recorded_at=datetime.now(UTC),
        )
        session.add(entry)
        session.flush()
        record(
            session=session,
            actor=actor.name,
            table="scenario",
            key=str(scenario_id),
            action="update",
            before={"status": before},
            after={"status": "approved"},
        )
        written = dataclasses.asdict(cleaned) | {"decided_on": cleaned.decided_on.isoformat()}
        record(
            session=session,
            actor=actor.name,
            table="decision",
            key=str(entry.id),
            action="insert",
            after={"scenario": row.name, **written},
        )


def list_decisions(engine: Engine) -> pd.DataFrame:
    """scenario, text, meeting, approver, decided_on, recorded_by, recorded_at (newest
    decision first)."""
    with engine.connect() as conn:
        frame = pd.read_sql(
            text(
                "SELECT s.name AS scenario, d.text, d.meeting, d.approver, d.decided_on, "
                "d.recorded_by, d.recorded_at FROM decision d "
                "JOIN scenario s ON s.id = d.scenario_id "
                "ORDER BY d.decided_on DESC, d.recorded_at DESC, d.id DESC"
            ),
            conn,
        )
    frame["decided_on"] = pd.to_datetime(frame["decided_on"]).dt.date
    frame["recorded_at"] = pd.to_datetime(frame["recorded_at"])
    return frame
