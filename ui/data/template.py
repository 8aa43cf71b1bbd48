"""Blank import templates a data team can fill in without asking: the table's headers
in the person's language on the first sheet, and a second sheet explaining every
column (what kind of value, whether required, the allowed values as labels or the
bounds, the default), read from the column spec (:mod:`planning.columns`)."""

from __future__ import annotations

import pandas as pd

from models.exporter import export_frame
from models.loaders import Frames
from planning import columns
from ui.export import to_xlsx_bytes
from ui.i18n import label, lang, t

__all__ = ["column_guide", "template_xlsx"]


def _values(column: columns.Column) -> str:
    if column.vocab:
        return "、".join(label(column.vocab, code) for code in column.codes)
    if column.kind == "bool":
        return t("data.guide_yes_no")
    if column.ref:
        return t("data.guide_ref", table=t(f"data.table_{columns.TABLES[column.ref].stored}"))
    parts = [column.bounds or ""]
    if column.length:
        parts.append(t("data.guide_length", length=column.length))
    return "；".join(p for p in parts if p)


def column_guide(table: str) -> pd.DataFrame:
    """One row per file column of the stored ``table``: header, kind, required, allowed
    values, default."""
    language = lang()
    rows = []
    for column in columns.stored(table).file_columns:
        default = column.default
        if isinstance(default, bool):
            default = t("params.yes") if default else t("params.no")
        elif column.vocab and default is not None:
            default = label(column.vocab, str(default))
        needed = column.default is None and not column.nullable
        required = t("params.yes") if needed else t("params.no")
        rows.append(
            {
                t("data.guide_column"): column.header(language),
                t("data.guide_kind"): t(f"data.kind_{column.kind}"),
                t("data.guide_required"): required,
                t("data.guide_values"): _values(column),
                t("data.guide_default"): "" if default is None else str(default),
            }
        )
    return pd.DataFrame(rows)


def template_xlsx(frames: Frames, table: str) -> bytes:
    """The blank template: the headers, then the guide on its own sheet."""
    blank = export_frame(frames, table, language=lang(), names=False).head(0)
    return to_xlsx_bytes(
        {t(f"data.table_{table}"): blank, t("data.guide_sheet"): column_guide(table)}
    )
