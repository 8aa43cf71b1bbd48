"""Problems of rows (an import's or an edit's) as a table in the person's language:
row, column by its header, the value given, what is wrong and what to do."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from models.importer import Problem
from planning import columns
from ui.i18n import lang, t

__all__ = ["problem_table"]


def problem_table(table: str, found: list[Problem], row_name: Callable[[int], str]) -> pd.DataFrame:
    """One line per problem; ``row_name`` names a problem's row (None: the whole file)."""
    language = lang()
    headers = {c.file_name: t(f"data_edit.ref_{c.ref}") if c.ref else c.header(language)
               for c in columns.stored(table).file_columns}  # fmt: skip
    return pd.DataFrame({
        t("data_edit.p_row"): [row_name(p.row) if p.row is not None else t("data_import.file")
                               for p in found],
        t("data_edit.p_column"): [headers.get(p.column or "", p.column or "") for p in found],
        t("data_edit.p_value"): [p.value or "" for p in found],
        t("data_edit.p_problem"): [p.text(language) for p in found],
    })  # fmt: skip
