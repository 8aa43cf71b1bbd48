"""The Cadres page's views: succession, training, assessment, duties and principals due
to rotate, each a headline, a list by name and its download. Figures come from
:mod:`planning.cadres`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planning.cadres import Exchange, Succession, TrainingSummary
from ui.cadres.charts import reserve_chart
from ui.export import to_xlsx_bytes
from ui.format import num, pct
from ui.i18n import labelled, t

__all__ = [
    "assessment", "directory", "duties", "exchange", "rotation", "succession", "training",
]  # fmt: skip


def directory(
    cadres: pd.DataFrame, schools: pd.DataFrame, counties: dict[int, str]
) -> pd.DataFrame:
    """Each leader's number, name, position, school and county, headed for people and
    indexed by ``cadre_id``: built once a run, put in front of every list."""
    who = cadres[["cadre_id", "cadre_no", "name", "position", "school_id"]].merge(
        schools[["school_id", "name", "district_id"]].rename(columns={"name": "school"}),
        on="school_id",
    )
    return pd.DataFrame(
        {
            t("cadres.col.cadre_no"): who["cadre_no"].to_numpy(),
            t("cadres.col.name"): who["name"].to_numpy(),
            t("cadres.col.position"): labelled(who["position"], "cadre_position").to_numpy(),
            t("cadres.col.school"): who["school"].to_numpy(),
            t("cadres.col.county"): who["district_id"].map(counties).to_numpy(),
        },
        index=who["cadre_id"].to_numpy(),
    )


def _people(frame: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (by ``cadre_id``) with the leader's :func:`directory` entry in front and
    its other columns headed for people; ids left out."""
    front = people.reindex(frame["cadre_id"].to_numpy()).reset_index(drop=True)
    rest = frame.drop(columns=["cadre_id", "school_id", "district_id", "position"],
                      errors="ignore").reset_index(drop=True)  # fmt: skip
    return pd.concat([front, rest.rename(columns=lambda c: t(f"cadres.col.{c}"))], axis=1)


def _table(frame: pd.DataFrame, sheet: str, download: str) -> None:
    """A list and its Excel download (key ``download``), the workbook built only when
    the button is pressed."""
    st.dataframe(frame, hide_index=True, height=min(400, 40 + 35 * len(frame)))
    st.download_button(
        t("common.download_xlsx"),
        data=lambda: to_xlsx_bytes({sheet: frame}),
        file_name=f"{sheet}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=download,
    )


def succession(result: Succession, people: pd.DataFrame, counties: dict[int, str]) -> None:
    """Vacancies, ready reserves and posts without a ready successor; reserve against
    target per county; the uncovered posts by name, and every county's figures."""
    c = result.counties
    cols = st.columns(4)
    cols[0].metric(t("cadres.vacancies"), num(int(c["vacancies"].sum())))
    cols[1].metric(t("cadres.ready"), num(int(c["ready"].sum())))
    cols[2].metric(t("cadres.uncovered"), num(len(result.uncovered)))
    cols[3].metric(t("cadres.shortfall"), num(int(c["shortfall"].sum())))
    c = c.sort_values("level", key=lambda v: v.map({"head": 0, "deputy": 1}), kind="stable")
    shown = c.assign(county=c["district_id"].map(counties),
                     level=c["level"].map(lambda v: t(f"cadres.level.{v}")))  # fmt: skip
    st.altair_chart(reserve_chart(shown), width="stretch")
    st.subheader(t("cadres.uncovered_list", n=num(len(result.uncovered))))
    uncovered = result.uncovered.drop(columns=["level", "successor"])
    uncovered["cause"] = uncovered["cause"].map(lambda v: t(f"cadres.cause.{v}"))
    _table(_people(uncovered, people), t("cadres.sheet_uncovered"),
           "cadres_download_uncovered")  # fmt: skip
    st.subheader(t("cadres.by_county"))
    table = shown[["county", "level", "posts", "vacancies", "ready", "target", "shortfall"]]
    _table(table.rename(columns=lambda x: t(f"cadres.col.{x}")), t("cadres.sheet_counties"),
           "cadres_download_counties")  # fmt: skip


def training(table: pd.DataFrame, summary: TrainingSummary, people: pd.DataFrame) -> None:
    """Leaders behind on in-post training and new principals without qualification
    training, and the seats a year that clear the backlog."""
    cols = st.columns(4)
    cols[0].metric(t("cadres.behind"), num(summary.behind))
    cols[1].metric(t("cadres.met"), pct(summary.met / summary.leaders if summary.leaders else 0))
    cols[2].metric(t("cadres.lacking"), num(summary.lacking_qualification))
    cols[3].metric(t("cadres.seats"), num(summary.seats_per_year), help=t("cadres.seats_help"))
    due = table[(table["status"] == "behind") | table["lacks_qualification"]].copy()
    due["status"] = due["status"].map(lambda v: t(f"cadres.status.{v}"))
    due["lacks_qualification"] = due["lacks_qualification"].map({True: t("cadres.yes"), False: ""})
    st.subheader(t("cadres.training_list", n=num(len(due))))
    _table(_people(due, people), t("cadres.sheet_training"),
           "cadres_download_training")  # fmt: skip


def assessment(
    graded: pd.DataFrame, changes: pd.DataFrame, year: int, people: pd.DataFrame
) -> None:
    """Grades of the latest year under the weights, and whose grade the weights change
    against the default weights."""
    cols = st.columns(3)
    cols[0].metric(t("cadres.assessed", year=year), num(len(graded)))
    cols[1].metric(t("cadres.excellent"), num(int((graded["grade"] == "excellent").sum())))
    cols[2].metric(t("cadres.changed"), num(len(changes)), help=t("cadres.changed_help"))
    if not changes.empty:
        st.subheader(t("cadres.changed_list", n=num(len(changes))))
        moved = changes.assign(
            grade_before=labelled(changes["grade_before"], "assessment"),
            grade_after=labelled(changes["grade_after"], "assessment"),
        )
        _table(_people(moved, people), t("cadres.sheet_changes"),
               "cadres_download_changes")  # fmt: skip
    st.subheader(t("cadres.grades"))
    shown = graded.assign(grade=labelled(graded["grade"], "assessment"))
    _table(_people(shown, people), t("cadres.sheet_grades"),
           "cadres_download_grades")  # fmt: skip


def duties(table: pd.DataFrame, year: int, people: pd.DataFrame) -> None:
    """Leaders short of this year's lectures or reports."""
    short = table[~table["met"]].drop(columns="met")
    cols = st.columns(2)
    cols[0].metric(t("cadres.duties_met", year=year),
                   pct(float(table["met"].mean()) if len(table) else 0))  # fmt: skip
    cols[1].metric(t("cadres.duties_short"), num(len(short)))
    st.subheader(t("cadres.duties_list", n=num(len(short))))
    _table(_people(short, people), t("cadres.sheet_duties"),
           "cadres_download_duties")  # fmt: skip


def rotation(due: pd.DataFrame, people: pd.DataFrame) -> None:
    """Principals after two full terms at one school."""
    st.metric(t("cadres.rotation_due"), num(len(due)))
    _table(_people(due, people), t("cadres.sheet_rotation"),
           "cadres_download_rotation")  # fmt: skip
    st.caption(t("cadres.rotation_note"))


def exchange(
    plan: Exchange, people: pd.DataFrame, schools: pd.Series, counties: dict[int, str]
) -> None:
    """The principal exchange plan: its objective, how many move, the weak schools'
    principals before and after, each move by name (the leader's school is the one
    they leave), and each county's figures; ``schools`` maps school_id to name."""
    st.subheader(t("cadres.exchange"))
    st.caption(t("cadres.exchange_objective"))
    moved = len(plan.moves) - len(plan.stays)
    cols = st.columns(3)
    cols[0].metric(t("cadres.exchange_moved"), t("cadres.of", n=num(moved),
                                                  total=num(len(plan.moves))))  # fmt: skip
    cols[1].metric(t("cadres.weak_before"), num(plan.weak_before, 1))
    cols[2].metric(t("cadres.weak_after"), num(plan.weak_after, 1))
    if plan.moves.empty:
        return
    moves = plan.moves.assign(
        to_school=plan.moves["to_school"].map(schools),
        to_weak=plan.moves["to_weak"].map({True: t("cadres.yes"), False: ""}),
        stays=(plan.moves["from_school"] == plan.moves["to_school"]).map(
            {True: t("cadres.stays"), False: ""}),
    ).drop(columns=["from_school", "from_weak"])  # fmt: skip
    st.subheader(t("cadres.exchange_list", n=num(len(moves))))
    _table(_people(moves, people), t("cadres.sheet_exchange"), "cadres_download_exchange")
    shown = plan.counties.assign(county=plan.counties["district_id"].map(counties))
    shown = shown[["county", *plan.counties.columns.drop("district_id")]]
    st.dataframe(shown.rename(columns=lambda c: t(f"cadres.col.{c}")), hide_index=True)
