"""Apply the chosen approved scenario's rotation plan to the data in the form the person
chooses (交流 or 支教), after a confirmation saying how many teachers move and how
(:func:`models.writers.apply_moves`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models.db import get_engine
from models.roles import PermissionDenied
from models.writers import FORMS, PlanRefused, StaleVersionError, apply_moves
from ui import cached
from ui.auth import can, current_actor
from ui.confirm import confirmed
from ui.frames import frames
from ui.i18n import lang, t
from ui.saved import stored
from ui.scenarios.admin import CHOSEN
from ui.text import plain

__all__ = ["APPLY", "FORM", "NO", "YES", "apply_plan"]

APPLY = "scn_apply"
FORM = "scn_apply_form"  # 交流 (transfer) or 支教 (exchange, the post kept)
YES, NO = "scn_apply_yes", "scn_apply_no"
_PENDING = "scn_apply_pending"  # the scenario whose plan waits for its confirmation


def apply_plan(rows: pd.DataFrame) -> None:
    """For editors, when the chosen scenario is approved: a button, then the number of
    teachers the plan moves and a confirmation; errors are shown, never raised."""
    chosen = st.session_state.get(CHOSEN)
    if not can("editor") or chosen is None or chosen not in set(rows["id"]):
        return
    row = rows.set_index("id").loc[chosen]
    if row["status"] != "approved":
        return
    if st.button(t("apply.button"), key=APPLY, help=t("apply.help")):
        st.session_state[_PENDING] = int(chosen)
    if st.session_state.get(_PENDING) != int(chosen):
        return
    scenario = stored(rows, str(row["name"]))
    with st.spinner(t("apply.computing")):
        plan = cached.rotation_plan(
            frames().stamp,
            scenario.rotation.to_json(),
            scenario.rotation_year,
            scenario.district_id,
        )
    name = plain(str(row["name"]))
    form = st.radio(
        t("apply.form"), FORMS, key=FORM, horizontal=True,
        format_func=lambda f: t(f"apply.form_{f}"), help=t("apply.form_help"),
    )  # fmt: skip
    question = t(f"apply.confirm_{form}", name=name, n=len(plan.moves),
                 year=scenario.rotation_year)  # fmt: skip
    if not confirmed(_PENDING, question, yes=(t("apply.yes"), YES), no=(t("apply.no"), NO)):
        return
    moves = plan.moves[["teacher_id", "from_school", "to_school"]].to_dict("records")
    try:
        audit_id = apply_moves(
            engine=get_engine(), scenario_id=int(chosen), moves=moves, actor=current_actor(),
            form=form,
        )  # fmt: skip
    except PlanRefused as exc:
        st.error(exc.text(lang()), icon=":material/block:")
    except StaleVersionError as exc:
        st.error(t("data.refused_rows", rows=", ".join(map(str, exc.keys))))
    except PermissionDenied:
        st.error(t("data.viewers"))
    else:
        st.success(t(f"apply.done_{form}", name=name, n=len(moves), id=audit_id))
