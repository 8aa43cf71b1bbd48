"""The import view: a file checked, then shown as the change it makes (rows added,
removed, and each changed field as old → new, with counts), then written on request."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from models.db import get_engine
from models.import_diff import ImportDiff, import_diff
from models.importer import (
    IMPORTABLE,
    MAX_BYTES,
    ImportRefused,
    accepted,
    apply,
    check,
    read_file,
)  # fmt: skip
from models.loaders import Frames
from models.messages import Refusal
from ui import auth
from ui.data.labels import header, record, shown
from ui.data.problems import accepted_table, problem_table
from ui.i18n import lang, t

__all__ = ["FILE", "GO", "MODE", "TABLE", "import_view"]

TABLE, MODE, FILE, GO = "data_i_table", "data_i_mode", "data_i_file", "data_i_go"
SHOWN = 500  # rows of each list shown; the counts are complete


def import_view(data: Frames) -> None:
    """Choose the table, the mode and the file; read the check and the change; confirm."""
    table = st.radio(t("data.i_table"), IMPORTABLE, horizontal=True,
                     format_func=lambda x: t(f"data.table_{x}"), key=TABLE)  # fmt: skip
    mode = st.radio(t("data_import.mode"), ["upsert", "replace"], horizontal=True,
                    format_func=lambda m: t(f"data_import.mode_{m}"), key=MODE)  # fmt: skip
    upload = st.file_uploader(t("data.i_file"), type=["csv", "xlsx"], key=FILE,
                              max_upload_size=MAX_BYTES >> 20)  # fmt: skip
    if upload is None:
        return
    try:
        rows = check(read_file(upload.getvalue(), upload.name), table, schools=data.schools,
                     districts=data.districts, teachers=data.teachers,
                     cadres=data.cadres)  # fmt: skip
    except ImportRefused as exc:
        _refused(table, exc)
        return
    _accepted(table, rows)
    diff = import_diff(get_engine(), table, rows, mode=mode)
    _show(table, diff, data)
    if not (diff.added or diff.removed or diff.changes):
        st.info(t("data_import.nothing"))
        return
    if st.button(t("data_import.go"), type="primary", key=GO):
        _apply(table, rows, mode)


def _refused(table: str, exc: ImportRefused) -> None:
    st.error(t("data.i_refused", n=len(exc.problems)))
    st.dataframe(problem_table(table, exc.problems, lambda n: t("data_import.row", n=n)),
                 hide_index=True, width="stretch")  # fmt: skip


def _accepted(table: str, rows: pd.DataFrame) -> None:
    """The cells read as the person obviously meant, said before anything is written."""
    taken = accepted(rows)
    if taken:
        st.info(t("data_import.accepted", n=len(taken)))
        st.dataframe(accepted_table(table, taken[:SHOWN], lambda n: t("data_import.row", n=n)),
                     hide_index=True, width="stretch")  # fmt: skip


def _show(table: str, diff: ImportDiff, data: Frames) -> None:
    """The counts, then each list: changed fields, added rows, removed rows."""
    cols = st.columns(4)
    cols[0].metric(t("data_import.added"), len(diff.added))
    cols[1].metric(t("data_import.changed"), diff.changed_rows)
    cols[2].metric(t("data_import.removed"), len(diff.removed))
    cols[3].metric(t("data_import.unchanged"), diff.unchanged)
    if diff.changes:
        st.subheader(t("data_import.changes"))
        some = diff.changes[:SHOWN]
        st.dataframe(pd.DataFrame({
            t("data_history.h_key"): [record(table, c.record, data) for c in some],
            t("data_import.field"): [header(table, c.field) for c in some],
            t("data_import.old"): [shown(table, c.field, c.old, data) for c in some],
            t("data_import.new"): [shown(table, c.field, c.new, data) for c in some],
        }), hide_index=True, width="stretch")  # fmt: skip
    for name, rows in (("added_rows", diff.added), ("removed_rows", diff.removed)):
        if rows:
            st.subheader(t(f"data_import.{name}"))
            st.dataframe(pd.DataFrame({t("data_history.h_key"): [
                record(table, r, data) for r in rows[:SHOWN]]}), hide_index=True,
                width="stretch")  # fmt: skip


def _apply(table: str, rows: pd.DataFrame, mode: str) -> None:
    bar = st.progress(0.0, text=t("data.i_running"))

    def advance(fraction: float) -> None:
        bar.progress(min(1.0, fraction), text=t("data.i_running"))

    try:
        counts = apply(engine=get_engine(), table=table, rows=rows, actor=auth.current_actor(),
                       mode=mode, progress=advance)  # fmt: skip
    except ImportRefused as exc:
        bar.empty()
        _refused(table, exc)
        return
    except Refusal as exc:
        bar.empty()
        st.error(exc.text(lang()))
        return
    bar.progress(1.0)
    st.success(t("data_import.done", **counts))
