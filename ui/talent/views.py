"""Talent & posts' views: headline figures, the tables (names, not ids; yuan, not
fen), each list downloadable as a workbook, and refusals as sentences. Figures come
from :mod:`planning.talent`; this module only arranges and labels them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from planning.talent import (
    LEVELS,
    LinkCoverage,
    MentoringPlan,
    Pipeline,
    RecruitmentPlan,
    TalentError,
)
from ui.export import to_xlsx_bytes
from ui.format import fen_to_wan, num, pct
from ui.i18n import label, labelled, t
from ui.talent import charts

__all__ = [
    "DOWNLOAD_AWARD",
    "DOWNLOAD_MENTORING",
    "DOWNLOAD_PIPELINE",
    "DOWNLOAD_POSTS",
    "DOWNLOAD_RECRUITMENT",
    "Names",
    "award",
    "mentoring",
    "pipeline",
    "posts",
    "recruitment",
    "refused",
    "stored_links",
]

DOWNLOAD_POSTS = "talent_download_posts"
DOWNLOAD_RECRUITMENT = "talent_download_recruitment"
DOWNLOAD_MENTORING = "talent_download_mentoring"
DOWNLOAD_AWARD = "talent_download_award"
DOWNLOAD_PIPELINE = "talent_download_pipeline"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_LABELLED = {"school_type": "level", "level": "title", "target": "title", "subject": "subject"}


@dataclass(frozen=True)
class Names:
    """Names for ids: schools, counties and teachers."""

    schools: dict[int, str]
    districts: dict[int, str]
    teachers: dict[int, str]

    @classmethod
    def of(cls, schools: pd.DataFrame, districts: pd.DataFrame, teachers: pd.DataFrame) -> Names:
        return cls(
            dict(zip(schools["school_id"], schools["name"], strict=True)),
            dict(zip(districts["district_id"], districts["name"], strict=True)),
            dict(zip(teachers["teacher_id"], teachers["name"], strict=True)),
        )


def refused(exc: TalentError) -> None:
    """The refusal as the catalog's sentence, codes in the sentence as labels."""
    fields = dict(exc.fields)
    for key, kind in _LABELLED.items():
        if key in fields:
            fields[key] = label(kind, str(fields[key]))
    if exc.code.startswith("share_") or fields.get("name") == "leaver_rate":
        fields["value"] = pct(float(fields.get("value", 0)))
    if "name" in fields:
        fields["name"] = t(f"talent.param.{fields['name']}")
    if "what" in fields:
        fields["what"] = t(f"talent.what.{fields['what']}")
    st.error(t(f"talent.error.{exc.code}", **fields))


def _download(sheets: dict[str, pd.DataFrame], name: str, key: str) -> None:
    st.download_button(
        t("common.download_xlsx"),
        data=lambda: to_xlsx_bytes(sheets),
        file_name=name,
        mime=_XLSX,
        key=key,
    )


def _headers(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.rename(columns={c: t(f"talent.col.{c}") for c in frame.columns})


def _place(frame: pd.DataFrame, names: Names, school: str = "school_id") -> pd.DataFrame:
    """``frame`` with the school's name (and county) in place of its id, codes as
    labels."""
    out = frame.copy()
    if "district_id" in out.columns:
        out.insert(0, "district", out.pop("district_id").map(names.districts))
    out[school] = out[school].map(names.schools)
    for col, kind in _LABELLED.items():
        if col in out.columns:
            out[col] = labelled(out[col].astype(str), kind)
    return out.rename(columns={school: "school"} if school == "school_id" else {})


def posts(levels: pd.DataFrame, over: pd.DataFrame, candidates: pd.DataFrame,
          names: Names) -> None:  # fmt: skip
    """City totals by level against the ceilings, the schools over a ceiling, the
    promotion candidates within the open slots; one workbook of all three."""
    city = levels.groupby("level")[["ceiling", "held", "open", "over"]].sum()
    city = city.reindex(list(LEVELS)).reset_index()
    city["level_label"] = labelled(city["level"], "title")
    a, b, c = st.columns(3)
    a.metric(t("talent.open_slots"), num(int(levels["open"].sum())))
    b.metric(t("talent.schools_over"), num(len(over)))
    c.metric(t("talent.candidates_within"), num(int(candidates["within_slots"].sum())),
             help=t("talent.candidates_help", n=num(len(candidates))))  # fmt: skip
    st.altair_chart(charts.level_bars(city), width="stretch")
    named = over.assign(
        levels=over["levels"].map(lambda ls: "、".join(label("title", x) for x in ls))
    )
    named = _headers(_place(named, names))
    st.subheader(t("talent.over_title"))
    st.dataframe(named, hide_index=True)
    shown = candidates[candidates["within_slots"]].drop(columns="within_slots")
    shown = _headers(
        _place(shown.assign(teacher=shown["teacher_id"].map(names.teachers)), names)
        .assign(title=lambda f: labelled(f["title"].astype(str), "title"),
                assessment=lambda f: labelled(f["assessment"].astype(str), "assessment"))
        [["teacher", "school", "title", "target", "service_years", "assessment", "rank"]]
    )  # fmt: skip
    st.subheader(t("talent.candidates_title"))
    st.dataframe(shown, hide_index=True)
    by_school = _headers(_place(levels, names))
    _download(
        {t("talent.sheet_levels"): by_school, t("talent.sheet_over"): named,
         t("talent.sheet_candidates"): shown},
        "posts.xlsx", DOWNLOAD_POSTS,
    )  # fmt: skip


def recruitment(plan: RecruitmentPlan, names: Names) -> None:
    """Vacancies, posts and cost; posts by county; the table a bureau publishes
    (school, subject, posts, requirements); the schools over quota."""
    a, b, c, d = st.columns(4)
    a.metric(t("talent.vacancies"), num(plan.total_vacancies))
    b.metric(t("talent.recruit"), num(plan.total_posts))
    c.metric(t("talent.cost"), fen_to_wan(plan.cost_fen))
    over = plan.schools[plan.schools["over_quota"]]
    d.metric(t("talent.over_quota"), num(len(over)))
    counties = plan.posts.groupby("district_id")[["vacancies", "posts"]].sum().reset_index()
    counties["district"] = counties["district_id"].map(names.districts)
    st.altair_chart(charts.recruitment_bars(counties), width="stretch")
    table = plan.posts[plan.posts["posts"] > 0]
    notice = _place(table, names).assign(
        requirement=lambda f: [
            t("talent.requirement", degree=label("degree", d), level=lv, subject=s)
            for d, lv, s in zip(table["min_degree"], f["school_type"], f["subject"], strict=True)
        ]
    )[["district", "school", "subject", "posts", "requirement"]]
    notice = _headers(notice)
    st.subheader(t("talent.notice_title"))
    st.dataframe(notice, hide_index=True)
    flagged = _headers(
        _place(over[["district_id", "school_id", "quota", "staff_after", "surplus"]], names)
    )
    st.subheader(t("talent.over_quota_title"))
    st.caption(t("talent.over_quota_note"))
    st.dataframe(flagged, hide_index=True)
    detail = _headers(_place(plan.posts.drop(columns=["min_degree"]), names))
    _download(
        {t("talent.sheet_notice"): notice, t("talent.sheet_vacancies"): detail,
         t("talent.sheet_over_quota"): flagged},
        "recruitment.xlsx", DOWNLOAD_RECRUITMENT,
    )  # fmt: skip


def mentoring(plan: MentoringPlan, coverage: LinkCoverage, names: Names) -> None:
    """Coverage before, by the stored links and by the proposal; the proposed pairs,
    the cells left uncovered and why, the stored links; one workbook of the three."""
    a, b, c, d, e = st.columns(5)
    share = (lambda n: pct(n / plan.needed)) if plan.needed else (lambda n: "—")
    a.metric(t("talent.cells"), num(plan.needed))
    b.metric(t("talent.covered_before"), share(plan.covered_before))
    c.metric(t("talent.covered_stored"), share(coverage.covered_stored),
             delta=num(coverage.covered_stored - plan.covered_before))  # fmt: skip
    d.metric(t("talent.covered_after"), share(plan.covered_after),
             delta=num(plan.covered_after - plan.covered_before))  # fmt: skip
    e.metric(t("talent.links_active"), num(coverage.active),
             help=t("talent.links_help", n=num(len(coverage.links))))  # fmt: skip
    if not plan.optimal:
        st.warning(t("talent.not_optimal"))
    pairs = plan.pairs.assign(
        mentor=plan.pairs["teacher_id"].map(names.teachers),
        mentor_school=plan.pairs["mentor_school_id"].map(names.schools),
        km=plan.pairs["km"].round(1),
    )
    pairs = _headers(_place(pairs, names)[["school", "subject", "mentor", "mentor_school", "km"]])
    st.subheader(t("talent.pairs_title"))
    st.dataframe(pairs, hide_index=True)
    left = plan.needs[~plan.needs["covered"]]
    left = _headers(
        _place(left, names).assign(reason=lambda f: f["reason"].map(
            lambda r: t(f"talent.reason.{r}")))[["school", "subject", "reason"]]
    )  # fmt: skip
    st.subheader(t("talent.uncovered_title"))
    st.dataframe(left, hide_index=True)
    stored = stored_links(coverage.links, names)
    st.subheader(t("talent.links_title"))
    if stored.empty:
        st.caption(t("talent.links_none"))
    st.dataframe(stored, hide_index=True)
    _download({t("talent.sheet_pairs"): pairs, t("talent.sheet_uncovered"): left,
               t("talent.sheet_links"): stored},
              "mentoring.xlsx", DOWNLOAD_MENTORING)  # fmt: skip


def stored_links(links: pd.DataFrame, names: Names) -> pd.DataFrame:
    """The stored links as people read them: mentor, school, subject, the years, the
    status, the note (running ones first, then by school)."""
    ordered = links.sort_values(["status", "school_id", "subject"])
    shown = _place(ordered.assign(mentor=ordered["teacher_id"].map(names.teachers)), names)
    shown = shown.assign(
        ended_year=ordered["ended_year"].where(ordered["ended_year"] > 0).astype("Int64"),
        link_status=labelled(ordered["status"].astype(str), "link_status"),
    )
    return _headers(
        shown[["mentor", "school", "subject", "started_year", "ended_year", "link_status",
               "note"]]
    )  # fmt: skip


def award(split: pd.DataFrame, names: Names) -> None:
    """Each county's teachers, exact share and awards."""
    table = split.assign(
        district=split["district_id"].map(names.districts), exact=split["exact"].round(2)
    )
    table = _headers(table[["district", "teachers", "exact", "awards"]])
    st.dataframe(table, hide_index=True)
    _download({t("talent.sheet_award"): table}, "award.xlsx", DOWNLOAD_AWARD)


def pipeline(result: Pipeline, names: Names) -> None:
    """The reserve, the county × subject cells short of the target, the subjects
    with no successor for a retiring special-grade teacher."""
    cov = result.coverage
    a, b, c = st.columns(3)
    a.metric(t("talent.reserve"), num(len(result.reserve)))
    b.metric(t("talent.cells_short"), num(int((cov["short"] > 0).sum())),
             help=t("talent.cells_short_help", n=num(len(cov))))  # fmt: skip
    c.metric(t("talent.no_successor"), num(len(result.no_successor)))
    gaps = result.no_successor.assign(subject=lambda f: labelled(f["subject"], "subject"))
    st.subheader(t("talent.no_successor_title"))
    if gaps.empty:
        st.caption(t("talent.no_successor_none"))
    gaps = _headers(gaps)
    st.dataframe(gaps, hide_index=True)
    short = cov[cov["short"] > 0].assign(district=lambda f: f["district_id"].map(names.districts))
    short = _headers(
        short.assign(subject=labelled(short["subject"], "subject"))[
            ["district", "subject", "special", "reserve", "target", "short"]
        ].rename(columns={"target": "goal"})
    )
    st.subheader(t("talent.short_title"))
    st.dataframe(short, hide_index=True)
    people = result.reserve.assign(
        teacher=result.reserve["teacher_id"].map(names.teachers),
        backbone=labelled(result.reserve["backbone"], "backbone"),
        assessment=labelled(result.reserve["assessment"], "assessment"),
        title=labelled(result.reserve["title"], "title"),
    )
    people = _headers(
        _place(people, names)[
            ["district", "school", "teacher", "subject", "title", "backbone", "service_years"]
        ]
    )
    st.subheader(t("talent.reserve_title"))
    st.dataframe(people, hide_index=True)
    _download(
        {t("talent.sheet_reserve"): people, t("talent.sheet_short"): short,
         t("talent.sheet_no_successor"): gaps},
        "pipeline.xlsx", DOWNLOAD_PIPELINE,
    )  # fmt: skip
