"""The engines' result frames as people read them: names beside codes, vocabulary as
labels, yuan instead of fen, headers in the session's language. The pages' lists and
every workbook (a page's own and the scenarios' one) are built from these, so a list
on screen and its sheet say the same thing.

Each ``*_sheet`` returns the table under its headers and the Excel number format of
its numeric columns (see :func:`ui.export.to_xlsx_bytes`).
"""

from __future__ import annotations

import pandas as pd

from planning import pay
from ui.i18n import labelled, t

__all__ = ["FEN_PARTS", "KM", "QUOTA_SHOWN", "YUAN", "ignored_wish_sheet", "listed_schools",
           "move_reasons", "move_sheet", "named_moves", "pay_sheet", "quota_headers",
           "quota_sheet", "quota_table"]  # fmt: skip

YUAN = "#,##0.00"
KM = "0.0"
FEN_PARTS = ("basic_fen", "incentive_fen", "subsidy_fen", "total_fen")
QUOTA_SHOWN = ["code", "name", "district", "location_label", "quota", "staff", "present", "gap",
                "status_label"]  # fmt: skip


def quota_table(quota: pd.DataFrame, schools: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    """The establishment engine's quota rows with each school's code, name, district
    (``names``: district id → name), location and status as labels; the engine's
    column names, for on-screen tables configured with :func:`quota_headers`."""
    table = quota.merge(
        schools[["school_id", "code", "name", "district_id", "location", "lat", "lon"]]
    )
    table["district"] = table["district_id"].map(names)
    table["location_label"] = labelled(table["location"], "location")
    table["status_label"] = labelled(table["status"], "quota_status")
    return table


def quota_headers() -> dict[str, str]:
    """The headers of :func:`quota_table`'s columns in the session's language."""
    return {
        "code": t("common.code"), "name": t("common.school"), "district": t("common.district"),
        "location_label": t("common.location"), "quota": t("establishment.posts"),
        "staff": t("establishment.staff"), "present": t("establishment.present"),
        "gap": t("establishment.gap"), "status_label": t("establishment.status_col"),
        "shortage": t("establishment.shortage_fte"), "surplus": t("establishment.surplus_fte"),
    }  # fmt: skip


def quota_sheet(
    quota: pd.DataFrame, schools: pd.DataFrame, names: dict[int, str]
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Every school's quota, staff on the books and present, gap and status, the most
    short first."""
    headers = quota_headers()
    table = quota_table(quota, schools, names)[QUOTA_SHOWN].rename(columns=headers)
    return table.sort_values(headers["gap"], ascending=False), {}


def named_moves(
    moves: pd.DataFrame, teachers: pd.DataFrame, school_names: pd.Series
) -> pd.DataFrame:
    """The moves as people read them: staff number, name, subject, from, to, backbone."""
    people = teachers.set_index("teacher_id")
    return pd.DataFrame(
        {
            t("pay.col.staff_no"): people["staff_no"].reindex(moves["teacher_id"]).to_numpy(),
            t("pay.col.name"): people["name"].reindex(moves["teacher_id"]).to_numpy(),
            t("common.subject"): labelled(moves["subject"], "subject").to_numpy(),
            t("rotation.from"): school_names.reindex(moves["from_school"]).to_numpy(),
            t("rotation.to"): school_names.reindex(moves["to_school"]).to_numpy(),
            t("rotation.backbone"): moves["backbone"].map({True: "✓", False: ""}).to_numpy(),
        }
    )


def move_sheet(
    moves: pd.DataFrame,
    teachers: pd.DataFrame,
    school_names: pd.Series,
    wishes: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """:func:`named_moves` with the distance in km (one decimal) before the backbone
    mark; for a plan that says why each teacher goes where they go (``reason``), that
    reason, the rank of the wish met and the schools the teacher listed (``wishes``)."""
    table = named_moves(moves, teachers, school_names)
    table.insert(5, t("rotation.km"), moves["km"].round(1).to_numpy())
    if "reason" in moves:
        table[t("rotation.wish_reason")] = move_reasons(moves).to_numpy()
        table[t("rotation.wish_rank")] = moves["wish_rank"].to_numpy()
        table[t("rotation.wish_listed")] = listed_schools(
            moves["teacher_id"], wishes, school_names
        ).to_numpy()
    return table, {t("rotation.km"): KM}


def move_reasons(moves: pd.DataFrame) -> pd.Series:
    """Each move's reason (``rotation.move_reason.<code>``) in the session's language."""
    return pd.Series(
        [
            t(f"rotation.move_reason.{code}", rank="" if pd.isna(rank) else int(rank))
            for code, rank in zip(moves["reason"], moves["wish_rank"], strict=True)
        ],
        index=moves.index,
        dtype=object,
    )


def listed_schools(
    teacher_ids: pd.Series, wishes: pd.DataFrame | None, school_names: pd.Series
) -> pd.Series:
    """The schools each teacher listed, in rank order: ``1. 甲校; 2. 乙校`` (empty when
    none)."""
    if wishes is None or wishes.empty:
        return pd.Series("", index=teacher_ids.index, dtype=object)
    ordered = wishes.sort_values(["teacher_id", "rank"])
    text = (
        ordered.assign(
            item=ordered["rank"].astype(str)
            + ". "
            + school_names.reindex(ordered["school_id"]).fillna("").astype(str).to_numpy()
        )
        .groupby("teacher_id")["item"]
        .agg("; ".join)
    )
    return pd.Series(text.reindex(teacher_ids).fillna("").to_numpy(), index=teacher_ids.index,
                     dtype=object)  # fmt: skip


def ignored_wish_sheet(
    ignored: pd.DataFrame, teachers: pd.DataFrame, school_names: pd.Series
) -> pd.DataFrame:
    """The wish rows a plan left out, as people read them: staff number, name, rank,
    school and why (``rotation.wish_left.<reason>``)."""
    people = teachers.set_index("teacher_id")
    return pd.DataFrame(
        {
            t("rotation.wish_staff"): people["staff_no"].reindex(ignored["teacher_id"]).to_numpy(),
            t("pay.col.name"): people["name"].reindex(ignored["teacher_id"]).to_numpy(),
            t("rotation.wish_rank"): ignored["rank"].to_numpy(),
            t("rotation.wish_school"): school_names.reindex(ignored["school_id"]).to_numpy(),
            t("rotation.wish_why"): [t(f"rotation.wish_left.{r}") for r in ignored["reason"]],
        }
    )


def pay_sheet(
    allocation: pd.DataFrame,
    teachers: pd.DataFrame,
    schools: pd.DataFrame,
    before: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Every teacher's pay parts in yuan (two decimals) with staff number, name,
    school, title and status; with ``before`` (an earlier allocation), the change
    against it (:func:`planning.pay.compare`)."""
    table = allocation.merge(teachers[["teacher_id", "staff_no", "name", "title", "status"]]).merge(
        schools[["school_id", "name"]].rename(columns={"name": "school"})
    )
    parts = list(FEN_PARTS)
    if before is not None:
        table = table.merge(pay.compare(before, allocation)[["teacher_id", "delta_fen"]])
        parts.append("delta_fen")
    shown = table.assign(**{p: table[p] / 100 for p in parts})
    shown["title"] = labelled(shown["title"], "title")
    shown["status"] = labelled(shown["status"], "status")
    columns = ["staff_no", "name", "school", "title", "status", *parts]
    headers = {c: t(f"pay.col.{c}") for c in columns}
    return shown[columns].rename(columns=headers), {headers[p]: YUAN for p in parts}
