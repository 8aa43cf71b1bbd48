"""The working scenario of a session: what the planning pages start from and save.

Each planning page remembers its part (standard and growth, rotation rules, pay
policy) as the user changes it; "save as scenario" stores the whole. Loading a
scenario clears the pages' controls, which then start again from its values.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from models.db import get_engine
from models.scenarios import ScenarioError, data_date, list_scenarios, save_scenario
from planning.scenario import Scenario
from ui.auth import can, current_actor
from ui.i18n import t

__all__ = [
    "baseline_scenario",
    "current",
    "load",
    "remember",
    "save_box",
    "saved_scenarios",
    "working",
]

_LOADED = "scenario_loaded"
_PARTS = "scenario_parts"
_PREFIXES = ("est_", "rot_", "pay_")


def saved_scenarios() -> pd.DataFrame:
    """Every saved scenario (:func:`models.scenarios.list_scenarios`)."""
    return list_scenarios(get_engine())


def baseline_scenario() -> Scenario | None:
    """The scenario marked baseline, if any."""
    rows = saved_scenarios()
    rows = rows[rows["status"] == "baseline"]
    return Scenario.from_json(rows["params"].iloc[0]) if len(rows) else None


def working() -> Scenario:
    """The scenario the pages start from: the one loaded, else the defaults."""
    loaded = st.session_state.get(_LOADED)
    return Scenario.from_json(loaded) if loaded else Scenario(name="")


def load(scenario: Scenario) -> None:
    """Make ``scenario`` the working one and reset every planning control to it."""
    st.session_state[_LOADED] = scenario.to_json()
    st.session_state[_PARTS] = {}
    for key in list(st.session_state.keys()):
        if str(key).startswith(_PREFIXES):
            del st.session_state[key]


def remember(**parts: object) -> None:
    """Record this page's part of the scenario (fields of :class:`Scenario`)."""
    st.session_state.setdefault(_PARTS, {}).update(parts)


def current(name: str) -> Scenario:
    """The working scenario with every page's remembered changes, under ``name``."""
    return dataclasses.replace(working(), name=name, **st.session_state.get(_PARTS, {}))


def save_box(prefix: str) -> None:
    """Sidebar: save the current parameters of every page as a new scenario (editors)."""
    if not can("editor"):
        return
    with st.sidebar.expander(t("scenario.save_as")), st.form(f"{prefix}_save_form"):
        name = st.text_input(t("scenario.name"), key=f"{prefix}_save_name")
        if st.form_submit_button(t("scenario.save")):
            engine = get_engine()
            try:
                save_scenario(
                    engine=engine,
                    name=name,
                    params=current(name.strip()).to_json(),
                    actor=current_actor(),
                    data_as_of=data_date(engine),
                )
            except ScenarioError as exc:
                st.error(t(f"scenario.error_{exc.code}", name=name))
            else:
                st.success(t("scenario.saved", name=name.strip()))
