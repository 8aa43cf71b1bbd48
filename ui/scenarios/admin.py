"""The scenario list and its actions: load, rename, copy, delete, baseline, approve."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from models.db import get_engine
from models.scenarios import (
    ScenarioError,
    copy_scenario,
    delete_scenario,
    rename_scenario,
    set_status,
)
from ui.auth import can, current_actor
from ui.i18n import labelled, t
from ui.saved import stored
from ui.scenarios.approval import approval_form, decided, decided_short
from ui.state import load
from ui.text import plain

__all__ = [
    "BASELINE",
    "CHOSEN",
    "COMPARE",
    "COPY",
    "DELETE",
    "LOAD",
    "NEW_NAME",
    "RENAME",
    "pick_for_comparison",
    "scenario_actions",
    "scenario_table",
]

CHOSEN = "scn_chosen"
LOAD = "scn_load"
BASELINE = "scn_baseline"
DELETE = "scn_delete"
NEW_NAME = "scn_new_name"
COMPARE = "cmp_pick"
RENAME = "scn_rename"
COPY = "scn_copy"
_SEEN = "scn_seen_versions"  # scenario id -> the version the page last showed


def scenario_table(rows: pd.DataFrame) -> None:
    shown = rows.assign(
        status=labelled(rows["status"], "scenario_status"),
        decided=rows.apply(decided_short, axis=1) if len(rows) else "",
    )
    st.dataframe(
        shown[["name", "status", "decided", "author", "data_date", "created_at"]],
        hide_index=True,
        width="stretch",
        column_config={
            "name": t("scenario.name"),
            "status": t("scenario.status"),
            "decided": t("scenario.decided_col"),
            "author": t("scenario.author"),
            "data_date": st.column_config.DatetimeColumn(
                t("scenario.data_date"), format="YYYY-MM-DD HH:mm"
            ),
            "created_at": st.column_config.DatetimeColumn(
                t("scenario.created_at"), format="YYYY-MM-DD HH:mm"
            ),
        },
    )


def scenario_actions(rows: pd.DataFrame) -> None:
    """Act on one chosen scenario (editors); errors are shown, never raised."""
    if not can("editor"):
        return
    chosen = st.selectbox(
        t("scenario.choose"),
        rows["id"].tolist(),
        key=CHOSEN,
        format_func=lambda i: rows.set_index("id").loc[i, "name"],
    )
    row = rows.set_index("id").loc[chosen].copy()
    row["version"] = _seen(rows).get(int(chosen), int(row["version"]))
    engine, actor = get_engine(), current_actor()
    if row["status"] == "approved":
        st.info(decided(row))
    cols = st.columns(3)
    if cols[0].button(t("scenario.load"), key=LOAD, type="primary"):
        load(stored(rows, str(row["name"])))
        st.success(t("scenario.loaded", name=plain(row["name"])))
    if cols[1].button(t("scenario.make_baseline"), key=BASELINE):
        _act(
            lambda: set_status(
                engine=engine,
                scenario_id=chosen,
                version=int(row["version"]),
                status="baseline",
                actor=actor,
            ),
            row["name"],
        )
    if cols[2].button(t("scenario.delete"), key=DELETE):
        _act(
            lambda: delete_scenario(
                engine=engine, scenario_id=chosen, version=int(row["version"]), actor=actor
            ),
            row["name"],
        )
    if row["status"] != "approved":
        approval_form(row, int(chosen), _act)
    with st.form("scn_rename_form"):
        new_name = st.text_input(t("scenario.new_name"), key=NEW_NAME)
        rename, copy = st.columns(2)
        if rename.form_submit_button(t("scenario.rename"), key=RENAME):
            _act(
                lambda: rename_scenario(
                    engine=engine,
                    scenario_id=chosen,
                    version=int(row["version"]),
                    name=new_name,
                    actor=actor,
                ),
                new_name,
            )
        if copy.form_submit_button(t("scenario.copy"), key=COPY):
            _act(
                lambda: copy_scenario(
                    engine=engine, scenario_id=chosen, name=new_name, actor=actor
                ),
                new_name,
            )


def _seen(rows: pd.DataFrame) -> dict[int, int]:
    """The versions the page showed in its previous run, and remember this run's: an
    action is checked against the version the person saw when they clicked, so a
    change made meanwhile elsewhere (another replica, a colleague) is refused as
    stale rather than overwritten."""
    before: dict[int, int] = st.session_state.get(_SEEN, {})
    st.session_state[_SEEN] = {int(i): int(v) for i, v in zip(rows["id"], rows["version"],
                                                               strict=True)}  # fmt: skip
    return before


def _act(action: Callable[[], object], name: str) -> None:
    try:
        action()
    except ScenarioError as exc:
        st.error(t(f"scenario.error_{exc.code}", name=plain(name)))
    else:
        st.rerun()


def pick_for_comparison(rows: pd.DataFrame) -> list[str]:
    """2–4 scenario names, the baseline first by default."""
    baseline = rows.loc[rows["status"] == "baseline", "name"].tolist()
    default = (baseline + [n for n in rows["name"] if n not in baseline])[:2]
    return list(
        st.multiselect(
            t("compare.pick"),
            rows["name"].tolist(),
            default=default,
            max_selections=4,
            key=COMPARE,
        )
    )
