"""Problems of rows (an import's or an edit's) as a table in the person's language:
row, column by its header, the value given, what is wrong and what to do; and the
cells an import read as the person obviously meant (given → taken)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from models.importer import Accepted, Problem
from planning import columns
from ui.data.labels import column_header
from ui.i18n import lang, t

__all__ = ["accepted_table", "problem_table"]


def problem_table(table: str, found: list[Problem], row_name: Callable[[int], str]) -> pd.DataFrame:
    """One line per problem; ``row_name`` names a problem's row (None: the whole file)."""
    headers = _headers(table)
    language = lang()
    return pd.DataFrame({
        t("data_edit.p_row"): [row_name(p.row) if p.row is not None else t("data_import.file")
                               for p in found],
        t("data_edit.p_column"): [headers.get(p.column or "", p.column or "") for p in found],
        t("data_edit.p_value"): [p.value or "" for p in found],
        t("data_edit.p_problem"): [p.text(language) for p in found],
    })  # fmt: skip


def accepted_table(
    table: str, taken: list[Accepted], row_name: Callable[[int], str]
) -> pd.DataFrame:
    """One line per cell read on the person's behalf: row, column, given, taken."""
    headers = _headers(table)
    return pd.DataFrame({
        t("data_edit.p_row"): [row_name(a.row) for a in taken],
        t("data_edit.p_column"): [headers.get(a.column, a.column) for a in taken],
        t("data_import.given"): [a.given for a in taken],
        t("data_import.taken"): [a.taken for a in taken],
    })  # fmt: skip


def _headers(table: str) -> dict[str, str]:
    """Each file column's header in the person's language (a reference by its name)."""
    return {c.file_name: column_header(c) for c in columns.stored(table).file_columns}
