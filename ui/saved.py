"""Saved scenarios as the pages see them: the list, and the one baseline.

"Baseline" has one meaning: the scenario marked baseline (``models.scenarios``, status
``baseline``). Every delta on every page is against :func:`baseline`. A fresh
database has one (seeding creates it); a database without one uses the default
parameters, and the pages say so in one line (:func:`baseline_note`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from models.db import get_engine
from models.scenarios import list_scenarios
from planning.scenario import Scenario
from ui.frames import planning_year
from ui.i18n import t
from ui.text import plain

__all__ = ["Baseline", "baseline", "baseline_note", "saved_scenarios", "stored"]


@dataclass(frozen=True)
class Baseline:
    """The baseline scenario; ``marked`` is False when none is marked and the default
    parameters stand in."""

    scenario: Scenario
    marked: bool


def saved_scenarios() -> pd.DataFrame:
    """Every saved scenario (:func:`models.scenarios.list_scenarios`)."""
    return list_scenarios(get_engine())


def stored(rows: pd.DataFrame, name: str) -> Scenario:
    """The saved scenario ``name`` of ``rows`` (:func:`saved_scenarios`), under the name
    it is listed by (a rename changes the row, not the stored parameters)."""
    row = rows[rows["name"] == name].iloc[0]
    return dataclasses.replace(Scenario.from_json(row["params"]), name=str(row["name"]))


def baseline(rows: pd.DataFrame | None = None) -> Baseline:
    """The scenario marked baseline, else the defaults (of this planning year)."""
    rows = saved_scenarios() if rows is None else rows
    marked = rows[rows["status"] == "baseline"]
    if len(marked):
        return Baseline(stored(rows, str(marked["name"].iloc[0])), marked=True)
    return Baseline(Scenario(t("baseline.defaults"), rotation_year=planning_year()), marked=False)


def baseline_note(base: Baseline) -> None:
    """One line: what the page's deltas are against."""
    if base.marked:
        st.caption(t("baseline.against", name=plain(base.scenario.name)))
    else:
        st.caption(t("baseline.missing"))
