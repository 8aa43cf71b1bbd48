"""The session's one working scenario: what every planning control reads and writes.

The working scenario is a frozen :class:`planning.scenario.Scenario` (with its frozen
``RotationRules`` and ``PayPolicy``) in ``st.session_state``; it starts as the
baseline (:func:`ui.saved.baseline`) and changes only through
``dataclasses.replace``. A control is *bound* to it (:func:`bind`): the widget starts
from the scenario's value and writes back only when the person changes it (its
``on_change``), so a loaded value is never re-derived from a widget (no rounding, no
field a control does not show is lost). Loading a scenario replaces the working one
and forgets every bound widget's state, so each control starts again from it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import streamlit as st

from models.db import get_engine
from models.scenarios import ScenarioError, data_date, save_scenario
from planning.params import ParameterRefused
from planning.scenario import Scenario
from ui.auth import can, current_actor
from ui.i18n import t
from ui.saved import baseline
from ui.text import plain

__all__ = [
    "SAVE",
    "SAVE_NAME",
    "WORKING",
    "bind",
    "change",
    "change_policy",
    "change_rules",
    "load",
    "owned",
    "refusal",
    "save_box",
    "worded",
    "working",
]

SAVE_NAME = "save_name"  # the save box's name field
SAVE = "save_go"  # its submit button

WORKING = "working_scenario"  # the session-state key of the working scenario
_BOUND = "working_scenario_keys"
_REFUSED = "working_scenario_refused"


def working() -> Scenario:
    """The working scenario (the baseline until something is changed or loaded)."""
    if WORKING not in st.session_state:
        st.session_state[WORKING] = baseline().scenario
    scenario: Scenario = st.session_state[WORKING]
    return scenario


def change(**fields: Any) -> None:
    """Replace ``fields`` of the working scenario; raises ``ValueError`` from the
    parameter objects when the new values break a rule (the scenario is then kept)."""
    st.session_state[WORKING] = dataclasses.replace(working(), **fields)


def change_rules(**fields: Any) -> None:
    """Replace fields of the working scenario's rotation rules."""
    change(rotation=dataclasses.replace(working().rotation, **fields))


def change_policy(**fields: Any) -> None:
    """Replace fields of the working scenario's pay policy."""
    change(pay=dataclasses.replace(working().pay, **fields))


def load(scenario: Scenario) -> None:
    """Make ``scenario`` the working one; every bound control starts again from it."""
    st.session_state[WORKING] = scenario
    for key in st.session_state.get(_BOUND, set()):
        st.session_state.pop(key, None)


def owned(key: str) -> str:
    """Register ``key`` (a widget showing the working scenario that is not bound, such
    as a data editor) to be forgotten when a scenario is loaded; returns it."""
    st.session_state.setdefault(_BOUND, set()).add(key)
    return key


def bind(key: str, read: Callable[[Scenario], Any], write: Callable[[Any], None]) -> dict[str, Any]:
    """The keyword arguments binding a widget to the working scenario.

    ``read`` gives the widget's value from the scenario (used only when the widget has
    no state yet: first visit, after a page switch, after a load); ``write`` takes the
    widget's new value and changes the scenario, and runs only when the person changes
    the widget. A write the parameter objects refuse (``ValueError``) puts the widget
    back to the scenario's value and leaves the reason for :func:`refusal`.
    """
    owned(key)
    if key not in st.session_state:
        st.session_state[key] = read(working())
    return {"key": key, "on_change": _written, "args": (key, read, write)}


def _written(key: str, read: Callable[[Scenario], Any], write: Callable[[Any], None]) -> None:
    try:
        write(st.session_state[key])
    except ValueError as exc:
        st.session_state[key] = read(working())
        st.session_state[_REFUSED] = worded(exc)


def worded(exc: ValueError) -> str:
    """Why a parameter was refused, in the reader's language: a rule a field breaks
    (:func:`planning.params.refused_rule`) as the field's label and the rule in words;
    another :class:`~planning.params.ParameterRefused` by its catalog key; any other
    refusal as it is."""
    if not isinstance(exc, ParameterRefused):
        return str(exc)
    if exc.key != "params.refused_rule":
        return t(exc.key, **exc.values)
    v = exc.values
    value = v["value"]
    if isinstance(value, tuple | list):
        value = "、".join(map(str, value)) or t("params.none")
    return t(
        "params.refused_rule",
        label=t(f"{v['group']}.{v['field']}"),
        rule=t(f"params.rule_{v['rule']}"),
        value=value,
    )


def refusal() -> str | None:
    """Why the last change was refused (once), or None."""
    reason: str | None = st.session_state.pop(_REFUSED, None)
    return reason


def save_box() -> None:
    """Sidebar: save the working scenario under a new name (editors)."""
    if not can("editor"):
        return
    with st.sidebar.expander(t("scenario.save_as")), st.form("save_form"):
        name = st.text_input(t("scenario.name"), key=SAVE_NAME)
        if st.form_submit_button(t("scenario.save"), key=SAVE):
            engine = get_engine()
            try:
                save_scenario(
                    engine=engine,
                    name=name,
                    params=dataclasses.replace(working(), name=name.strip()).to_json(),
                    actor=current_actor(),
                    data_as_of=data_date(engine),
                )
            except ScenarioError as exc:
                st.error(t(f"scenario.error_{exc.code}", name=plain(name)))
            else:
                st.success(t("scenario.saved", name=plain(name.strip())))
