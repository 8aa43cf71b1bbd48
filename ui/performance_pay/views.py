"""Performance pay's views: the headline against the baseline, the spread by location
and title, a teacher's pay slip and the workbook. Figures come from
:mod:`planning.pay` and :mod:`planning.pay_analysis`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning import pay_analysis
from planning.pay_analysis import PayChange, PaySummary
from ui.export import to_xlsx_bytes
from ui.format import fen_to_wan, fen_to_yuan, num, pct
from ui.i18n import label, labelled, lang_key, t
from ui.performance_pay.charts import loss_chart, spread_chart
from ui.sheets import pay_sheet
from ui.text import plain

__all__ = [
    "DOWNLOAD",
    "PICK",
    "SEARCH",
    "distributions",
    "export",
    "headline",
    "losers",
    "slip",
]

SEARCH = "pay_search"
PICK = "pay_pick"  # + ".<lang>"
DOWNLOAD = "pay_download"


def headline(
    now: PaySummary, moved: PayChange, check: dict[str, float | bool], benchmark: int
) -> None:
    """Budget, mean against the benchmark, urban/rural ratio, Gini; winners and losers
    on a row of their own, so their counts are never cut off."""
    cols = st.columns(4)
    cols[0].metric(
        t("pay.budget"),
        fen_to_wan(now.budget_fen),
        delta=fen_to_wan(moved.budget_delta_fen),
        help=t("pay.budget_help"),
    )
    cols[1].metric(
        t("pay.mean"),
        fen_to_yuan(round(now.mean_fen)),
        delta=pct(float(check["ratio"]) - 1) if benchmark else None,
        help=t("pay.mean_help", benchmark=num(benchmark)),
    )
    cols[2].metric(
        t("pay.urban_rural"), num(now.urban_rural_ratio, 2), help=t("pay.urban_rural_help")
    )
    cols[3].metric(t("pay.gini"), num(now.gini, 3))
    gains, losses, same = st.columns(3)
    gains.metric(t("pay.gains"), f"{moved.gains:,}", help=t("pay.winners_help"))
    losses.metric(t("pay.losses"), f"{moved.losses:,}", help=t("pay.winners_help"))
    same.metric(t("pay.same"), f"{moved.same:,}")
    if benchmark and not check["meets"]:
        st.warning(
            t("pay.below_benchmark", mean=num(float(check["mean_yuan"])), benchmark=num(benchmark))
        )


def distributions(allocation: pd.DataFrame, teachers: pd.DataFrame, schools: pd.DataFrame) -> None:
    """The spread of pay by location and by title, side by side."""
    for column, by in zip(st.columns(2), ("location", "title"), strict=True):
        stats = pay_analysis.distribution(allocation, teachers, schools, by)
        stats["group"] = labelled(stats[by], by)
        with column:
            st.subheader(t(f"pay.by_{by}"))
            st.altair_chart(spread_chart(stats, by), width="stretch")
    st.caption(t("pay.whiskers"))


def losers(
    teachers: pd.DataFrame, schools: pd.DataFrame, before: pd.DataFrame, after: pd.DataFrame
) -> None:
    """Who loses against the baseline: how many lose how much, and the list, the
    largest loss first."""
    lost = pay_analysis.losers(before, after, teachers, schools)
    if lost.empty:
        return
    st.subheader(t("pay.losers", n=num(len(lost))))
    bands = pay_analysis.loss_bands(lost)
    edges = list(bands["upto_yuan"])
    bands["band"] = [
        t("pay.band_upto", yuan=num(e))
        if e is not None
        else t("pay.band_over", yuan=num(edges[-2]))
        for e in edges
    ]
    left, right = st.columns(2)
    left.altair_chart(loss_chart(bands), width="stretch")
    shown = lost.merge(teachers[["teacher_id", "staff_no", "name"]], on="teacher_id").merge(
        schools[["school_id", "name"]].rename(columns={"name": "school"}), on="school_id"
    )
    shown = shown.sort_values(["delta_fen", "teacher_id"])
    table = pd.DataFrame(
        {
            t("pay.col.staff_no"): shown["staff_no"],
            t("pay.col.name"): shown["name"],
            t("pay.col.school"): shown["school"],
            t("pay.col.title"): labelled(shown["title"], "title"),
            t("pay.col.delta_fen"): shown["delta_fen"] / 100,
        }
    )
    right.dataframe(table, hide_index=True, height=320)


def slip(
    teachers: pd.DataFrame, schools: pd.DataFrame, before: pd.DataFrame, after: pd.DataFrame
) -> None:
    """Find a teacher by staff number or name; their slip, baseline against proposal."""
    st.subheader(t("pay.slip"))
    query = st.text_input(t("pay.search"), key=SEARCH, placeholder=t("pay.search_hint"))
    if not query:
        return
    found = teachers[
        teachers["staff_no"].str.contains(query, regex=False)
        | teachers["name"].str.contains(query, regex=False)
    ].head(50)
    if found.empty:
        st.info(t("pay.no_match"))
        return
    people = found.set_index("teacher_id")
    pick = st.selectbox(
        t("pay.teacher"),
        people.index.tolist(),
        key=lang_key(PICK),
        format_func=lambda i: " · ".join(people.loc[i, ["staff_no", "name"]]),
    )
    person = people.loc[pick]
    school = schools.set_index("school_id").loc[person["school_id"]]
    st.markdown(
        t(
            "pay.slip_head",
            name=plain(person["name"]),
            school=plain(school["name"]),
            title=label("title", person["title"]),
            grade=plain(person["post_grade"]),
            status=label("status", person["status"]),
        )
    )
    parts = pay_analysis.slip(int(pick), before, after)
    st.table(
        {
            t("pay.part"): [t(f"pay.{p}") for p in parts["part"]],
            t("pay.baseline"): [fen_to_yuan(v) for v in parts["base_fen"]],
            t("pay.proposal"): [fen_to_yuan(v) for v in parts["proposal_fen"]],
            t("pay.change"): [fen_to_yuan(v) for v in parts["delta_fen"]],
        }
    )


def _workbook(
    allocation: pd.DataFrame, teachers: pd.DataFrame, schools: pd.DataFrame, before: pd.DataFrame
) -> bytes:
    table, formats = pay_sheet(allocation, teachers, schools, before)
    return to_xlsx_bytes({t("pay.sheet"): table}, formats)


def export(
    allocation: pd.DataFrame, teachers: pd.DataFrame, schools: pd.DataFrame, before: pd.DataFrame
) -> None:
    """Every teacher's pay and its change against the baseline (``before``), in yuan, as
    XLSX, built only when the button is pressed."""
    st.download_button(
        t("common.download_xlsx"),
        data=lambda: _workbook(allocation, teachers, schools, before),
        file_name="performance_pay.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=DOWNLOAD,
    )
