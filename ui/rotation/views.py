"""Rotation's views: the headline, what limited the plan, balance before and after,
the move map and flows, the move list and the multi-year simulation. Figures come
from :mod:`planning.rotation`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning.rotation import RotationSummary, ThresholdPlan, WishOutcome
from ui import plan_charts
from ui.export import to_xlsx_bytes
from ui.format import num, pct
from ui.i18n import label, t
from ui.plan_charts import balance_long
from ui.rotation import charts
from ui.sheets import ignored_wish_sheet, move_sheet
from ui.text import plain

__all__ = [
    "BINDING_DOWNLOAD",
    "DOWNLOAD",
    "FILTER",
    "INVERSE_DOWNLOAD",
    "balance",
    "binding",
    "flows",
    "headline",
    "inverse",
    "move_list",
    "move_map",
    "simulation",
    "wishes",
    "wishes_off",
]  # fmt: skip

FILTER = "rot_filter"
DOWNLOAD = "rot_download"
BINDING_DOWNLOAD = "rot_binding_download"
INVERSE_DOWNLOAD = "rot_inverse_download"


def headline(s: RotationSummary, county_names: dict[int, str]) -> None:
    """Eligible, required, moved, backbone share, shortage after and left at senders,
    counties meeting all three indicators before → after, and whether each county's
    plan is proven optimal."""
    cols = st.columns(4)
    cols[0].metric(t("rotation.eligible"), num(s.eligible))
    cols[1].metric(t("rotation.required"), num(s.required))
    cols[2].metric(
        t("rotation.moved"), num(s.moved), delta=num(s.moved - s.required), delta_color="normal"
    )
    cols[3].metric(t("rotation.backbone_share_fig"), pct(s.backbone_share))
    cols = st.columns(4)
    cols[0].metric(
        t("rotation.shortage_after"),
        num(s.shortage_after, 1),
        delta=num(s.shortage_after - s.shortage_before, 1),
        delta_color="inverse",
    )
    cols[1].metric(t("rotation.shortage_created"), num(s.shortage_created, 1))
    for col, level in zip(cols[2:], ("primary", "junior"), strict=True):
        after = s.counties_meeting("after", level)
        col.metric(
            t("rotation.counties_meeting", level=label("level", level)),
            f"{after} / {s.counties}",
            delta=after - s.counties_meeting("before", level),
        )
    late = s.solver[~s.solver["optimal"]]
    if len(late):
        st.warning(
            t(
                "rotation.solver_gap",
                names="、".join(plain(county_names.get(int(d), d)) for d in late["district_id"]),
                seconds=num(float(late["seconds"].max()), 1),
                gap=num(float(late["gap"].max()), 4),
            )
        )
    else:
        st.caption(t("rotation.proven"))


def binding(limits: pd.DataFrame, school_names: pd.Series) -> None:
    """Every requirement the plan could not meet, school by school, with the count and
    a download."""
    if limits.empty:
        st.success(t("rotation.all_met"))
        return
    with st.expander(t("rotation.binding", n=len(limits)), expanded=True):
        table = pd.DataFrame(
            {
                t("common.school"): school_names.reindex(limits["school_id"]).to_numpy(),
                t("rotation.rule"): [t(f"rotation.rule_{r}") for r in limits["rule"]],
                t("rotation.achieved"): [
                    f"{a} / {r}"
                    for a, r in zip(limits["achieved"], limits["required"], strict=True)
                ],
                t("rotation.reason"): [t(f"rotation.reason_{r}") for r in limits["reason"]],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch", height=280)
        st.download_button(
            t("rotation.binding_download"),
            data=lambda: to_xlsx_bytes({t("rotation.binding_sheet"): table}),
            file_name="rotation_unmet.xlsx",
            key=BINDING_DOWNLOAD,
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


def balance(s: RotationSummary, county_names: dict[int, str]) -> None:
    """Each county's three indicators' coefficients of variation, before and after,
    against the threshold, with the numbers on the bars; a warning where the plan makes
    a county worse."""
    st.subheader(t("rotation.balance"))
    table = s.balance()
    if table.empty:
        return
    worse = sorted({county_names.get(d, str(d)) for d in table.loc[table["worse"], "district_id"]})
    if worse:
        st.warning(t("rotation.worse", names="、".join(map(plain, worse))))
    long = balance_long(table, county_names)
    st.altair_chart(
        plan_charts.balance_chart(
            long,
            county=t("rotation.county"),
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
        plan_charts.move_map(
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


def move_list(
    moves: pd.DataFrame,
    teachers: pd.DataFrame,
    school_names: pd.Series,
    wishes: pd.DataFrame | None = None,
) -> None:
    """Every move with why the teacher goes there and the schools they listed
    (``wishes``), filterable, and as XLSX."""
    st.subheader(t("rotation.move_list"))
    table, formats = move_sheet(moves, teachers, school_names, wishes)
    query = st.text_input(t("rotation.filter"), key=FILTER)
    if query:
        table = table[
            table.apply(lambda row: row.astype(str).str.contains(query, regex=False).any(), axis=1)
        ]
    st.dataframe(table, hide_index=True, width="stretch", height=320)
    st.download_button(
        t("common.download_xlsx"),
        data=lambda: to_xlsx_bytes({t("rotation.sheet"): table}, formats),
        file_name="rotation.xlsx",
        key=DOWNLOAD,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def wishes_off(listed: int) -> None:
    """Say that the plan leaves the teachers' wishes aside, and how to use them."""
    st.subheader(t("rotation.wishes_title"))
    st.caption(t("rotation.wishes_off", n=num(listed)))


def wishes(
    got: WishOutcome,
    plain: WishOutcome,
    teachers: pd.DataFrame,
    school_names: pd.Series,
    solver: pd.DataFrame,
) -> None:
    """The share of moved wishing teachers placed at their first and top-three choice,
    against the plan that ignores wishes (``plain``), whether the wish stage is proven
    (``solver``'s ``wish_optimal``), and the wishes left out."""
    st.subheader(t("rotation.wishes_title"))
    if got.wishing == 0:
        st.caption(t("rotation.wish_none"))
    else:
        cols = st.columns(2)
        for col, key, share, before in (
            (cols[0], "rotation.wish_first", got.first_share, plain.first_share),
            (cols[1], "rotation.wish_top3", got.top3_share, plain.top3_share),
        ):
            delta = None
            if share is not None and before is not None:
                delta = t("rotation.wish_delta", delta=num((share - before) * 100, 1),
                          plain=pct(before))  # fmt: skip
            col.metric(t(key), "—" if share is None else pct(share), delta=delta)
        st.caption(t("rotation.wish_note", wishing=num(got.wishing), moved=num(got.moved)))
        if "wish_optimal" in solver and not solver["wish_optimal"].all():
            st.caption(t("rotation.wish_unproven"))
    if len(got.ignored):
        st.warning(t("rotation.wish_ignored", n=num(len(got.ignored))))
        with st.expander(t("rotation.wish_ignored_sheet")):
            table = ignored_wish_sheet(got.ignored, teachers, school_names)
            st.dataframe(table, hide_index=True, width="stretch", height=240)


def simulation(sim: pd.DataFrame, counties: int) -> None:
    """The simulated years: counties meeting all three indicators per level over time,
    and the yearly figures."""
    long = sim.melt(
        id_vars="year", value_vars=["counties_primary", "counties_junior"], var_name="level"
    )
    long["level_label"] = long["level"].map(
        {"counties_primary": label("level", "primary"), "counties_junior": label("level", "junior")}
    )
    st.altair_chart(
        charts.simulation_chart(
            long,
            year=t("rotation.year"),
            value=t("rotation.counties_axis"),
            level=t("common.level"),
            top=counties,
        ),
        width="stretch",
    )
    st.dataframe(
        sim,
        hide_index=True,
        width="stretch",
        column_config={c: t(f"rotation.sim_col.{c}") for c in sim.columns},
    )


def inverse(
    answer: ThresholdPlan,
    county_names: dict[int, str],
    teachers: pd.DataFrame,
    school_names: pd.Series,
) -> None:
    """Per county the fewest moves that meet every threshold (or the best reachable and
    why), the CVs they reach, and who moves (XLSX)."""
    c = answer.counties
    st.metric(
        t("rotation.inverse_total"),
        num(int(c["moves"].sum())),
        delta=t("rotation.inverse_met", met=int(c["met"].sum()), counties=len(c)),
        delta_color="off",
    )
    after = answer.balance.pivot_table(
        index="district_id", columns=["level", "indicator"], values="after"
    )
    table = pd.DataFrame(
        {
            t("rotation.county"): c["district_id"].map(county_names).to_numpy(),
            t("rotation.inverse_moves"): c["moves"].to_numpy(),
            t("rotation.backbone"): c["backbone_moves"].to_numpy(),
            t("rotation.inverse_reason"): [t(f"rotation.inverse_reason_{r}") for r in c["reason"]],
            t("rotation.inverse_proof"): [
                t("rotation.inverse_least")
                if ok
                else t("rotation.inverse_unproven")
                if pd.isna(gap)
                else t("rotation.inverse_gap", gap=num(gap))
                for ok, gap in zip(c["optimal"], c["gap"], strict=True)
            ],
        }
    )
    for level, indicator in after.columns:
        head = f"{label('level', level)} · {t(f'rotation.indicator_{indicator}')}"
        table[head] = after[(level, indicator)].reindex(c["district_id"]).round(2).to_numpy()
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(t("rotation.inverse_note"))
    named, formats = move_sheet(answer.moves, teachers, school_names)
    st.download_button(
        t("rotation.inverse_download", n=num(len(named))),
        data=lambda: to_xlsx_bytes(
            {t("rotation.inverse_sheet"): table, t("rotation.sheet"): named}, formats
        ),
        file_name="rotation_fewest_moves.xlsx",
        key=INVERSE_DOWNLOAD,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
