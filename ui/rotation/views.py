"""Rotation's views: the headline, what limited the plan, balance before and after,
the move map and flows, the move list and the multi-year simulation. Figures come
from :mod:`planning.rotation`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning.rotation import RotationSummary
from ui.export import to_xlsx_bytes
from ui.format import num, pct
from ui.i18n import label, labelled, t
from ui.rotation import charts

__all__ = [
    "DOWNLOAD",
    "FILTER",
    "balance",
    "binding",
    "flows",
    "headline",
    "move_list",
    "move_map",
    "simulation",
]  # fmt: skip

FILTER = "rot_filter"
DOWNLOAD = "rot_download"


def headline(s: RotationSummary) -> None:
    """Eligible, required, moved, backbone share, shortage after, mean distance."""
    cols = st.columns(6)
    cols[0].metric(t("rotation.eligible"), num(s.eligible))
    cols[1].metric(t("rotation.required"), num(s.required))
    cols[2].metric(
        t("rotation.moved"),
        num(s.moved),
        delta=num(s.moved - s.required),
        delta_color="normal",
    )
    cols[3].metric(t("rotation.backbone_share_fig"), pct(s.backbone_share))
    cols[4].metric(
        t("rotation.shortage_after"),
        num(s.shortage_after, 1),
        delta=num(s.shortage_after - s.shortage_before, 1),
        delta_color="inverse",
    )
    cols[5].metric(t("rotation.mean_km"), num(s.mean_km, 1))


def binding(limits: pd.DataFrame, school_names: pd.Series) -> None:
    """What kept the plan from meeting every quota (the first 50 rows)."""
    if limits.empty:
        st.success(t("rotation.all_met"))
        return
    with st.expander(t("rotation.binding", n=len(limits)), expanded=True):
        shown = limits.head(50)
        st.dataframe(
            pd.DataFrame(
                {
                    t("common.school"): school_names.reindex(shown["school_id"]).to_numpy(),
                    t("rotation.rule"): [t(f"rotation.rule_{r}") for r in shown["rule"]],
                    t("rotation.achieved"): [
                        f"{a} / {r}"
                        for a, r in zip(shown["achieved"], shown["required"], strict=True)
                    ],
                    t("rotation.reason"): [t(f"rotation.reason_{r}") for r in shown["reason"]],
                }
            ),
            hide_index=True,
            width="stretch",
        )


def balance(s: RotationSummary) -> None:
    """The coefficient of variation per level, before and after, with its threshold."""
    st.subheader(t("rotation.balance"))
    cv = s.balance()
    cv["level_label"] = labelled(cv["level"], "level")
    cv["when_label"] = cv["when"].map(
        {"before": t("rotation.before"), "after": t("rotation.after")}
    )
    st.altair_chart(
        charts.balance_chart(
            cv,
            level=t("common.level"),
            value=t("rotation.cv"),
            when=t("rotation.when"),
            threshold=t("rotation.threshold"),
        ),
        width="stretch",
    )
    st.caption(t("rotation.balance_note"))


def move_map(schools: pd.DataFrame, roles: pd.Series, moves: pd.DataFrame) -> None:
    """Schools by role (``roles``: sender, receiver or other per row) and the moves."""
    st.subheader(t("rotation.map"))
    shown = schools.assign(role_label=roles.map(lambda r: t(f"rotation.role_{r}")))
    st.altair_chart(
        charts.move_map(
            shown, moves, role_title=t("rotation.role"), lat=t("common.lat"), lon=t("common.lon")
        ),
        width="stretch",
    )


def flows(flow: pd.DataFrame) -> None:
    """Moves from district to district (``from_name``, ``to_name``, ``moves``)."""
    if flow.empty:
        return
    st.subheader(t("rotation.flows"))
    st.altair_chart(
        charts.flow_chart(
            flow, source=t("rotation.from"), target=t("rotation.to"), count=t("rotation.moves")
        ),
        width="stretch",
    )


def move_list(moves: pd.DataFrame, teachers: pd.DataFrame, school_names: pd.Series) -> None:
    """Every move, filterable, and as XLSX."""
    st.subheader(t("rotation.move_list"))
    people = teachers.set_index("teacher_id")
    table = pd.DataFrame(
        {
            t("pay.col.staff_no"): people["staff_no"].reindex(moves["teacher_id"]).to_numpy(),
            t("pay.col.name"): people["name"].reindex(moves["teacher_id"]).to_numpy(),
            t("common.subject"): labelled(moves["subject"], "subject").to_numpy(),
            t("rotation.from"): school_names.reindex(moves["from_school"]).to_numpy(),
            t("rotation.to"): school_names.reindex(moves["to_school"]).to_numpy(),
            t("rotation.km"): moves["km"].round(1).to_numpy(),
            t("rotation.backbone"): moves["backbone"].map({True: "✓", False: ""}).to_numpy(),
        }
    )
    query = st.text_input(t("rotation.filter"), key=FILTER)
    if query:
        table = table[
            table.apply(lambda row: row.astype(str).str.contains(query, regex=False).any(), axis=1)
        ]
    st.dataframe(table, hide_index=True, width="stretch", height=320)
    st.download_button(
        t("common.download_xlsx"),
        data=lambda: to_xlsx_bytes({t("rotation.sheet"): table}),
        file_name="rotation.xlsx",
        key=DOWNLOAD,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def simulation(sim: pd.DataFrame) -> None:
    """The simulated years: balance per level over time, and the yearly figures."""
    long = sim.melt(id_vars="year", value_vars=["cv_primary", "cv_junior"], var_name="level")
    long["level_label"] = long["level"].map(
        {"cv_primary": label("level", "primary"), "cv_junior": label("level", "junior")}
    )
    st.altair_chart(
        charts.simulation_chart(
            long, year=t("rotation.year"), value=t("rotation.cv"), level=t("common.level")
        ),
        width="stretch",
    )
    st.dataframe(
        sim,
        hide_index=True,
        width="stretch",
        column_config={c: t(f"rotation.sim_col.{c}") for c in sim.columns},
    )
