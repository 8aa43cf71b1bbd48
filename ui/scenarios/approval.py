"""Approving a scenario: the decision, the meeting, the approver and the day, recorded
with the approval (:func:`models.decisions.approve`); an approved scenario shows them."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from models.db import get_engine
from models.decisions import DecisionText, approve, today
from ui.auth import current_actor
from ui.i18n import t
from ui.text import plain

__all__ = [
    "APPROVE",
    "APPROVER",
    "DECIDED_ON",
    "DECISION",
    "MEETING",
    "approval_form",
    "decided",
    "decided_short",
]

APPROVE = "scn_approve"
DECISION = "scn_decision_text"
MEETING = "scn_decision_meeting"
APPROVER = "scn_decision_approver"
DECIDED_ON = "scn_decision_on"


def decided(row: pd.Series) -> str:
    """One sentence: when, where and by whom ``row`` (an approved scenario of
    :func:`models.scenarios.list_scenarios`) was approved, and what was decided."""
    return t(
        "scenario.decided",
        on=_day(row["decided_on"]),
        meeting=plain(str(row["meeting"])),
        approver=plain(str(row["approver"])),
        text=plain(str(row["decision"])),
    )


def decided_short(row: pd.Series) -> str:
    """The day, meeting and approver of an approved scenario; empty for the others."""
    if pd.isna(row["decision"]):
        return ""
    on, meeting, approver = _day(row["decided_on"]), row["meeting"], row["approver"]
    return t("scenario.decided_short", on=on, meeting=meeting, approver=approver)


def _day(value: object) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def approval_form(
    row: pd.Series, scenario_id: int, act: Callable[[Callable[[], object], str], None]
) -> None:
    """The approval form for the chosen draft or baseline; ``act`` runs the approval and
    shows a refusal in the person's language."""
    with st.expander(t("scenario.approve_title")), st.form("scn_approve_form"):
        text = st.text_area(t("scenario.decision_text"), key=DECISION, height=80)
        cols = st.columns([2, 1, 1])
        meeting = cols[0].text_input(t("scenario.decision_meeting"), key=MEETING, max_chars=128)
        approver = cols[1].text_input(t("scenario.decision_approver"), key=APPROVER,
                                      max_chars=64)  # fmt: skip
        on = cols[2].date_input(t("scenario.decision_on"), value=today(), key=DECIDED_ON,
                                max_value=today())  # fmt: skip
        if st.form_submit_button(t("scenario.approve"), key=APPROVE,
                                 help=t("scenario.approve_help")):  # fmt: skip
            decision = DecisionText(text=text, meeting=meeting, approver=approver, decided_on=on)
            act(
                lambda: approve(
                    engine=get_engine(),
                    scenario_id=scenario_id,
                    version=int(row["version"]),
                    decision=decision,
                    actor=current_actor(),
                ),
                str(row["name"]),
            )
