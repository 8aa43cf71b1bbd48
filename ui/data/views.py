"""The Data page's other views: import with a report, export."""

from __future__ import annotations

import tempfile
from datetime import date
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

import models
from models.backup import BackupError, backup
from models.db import get_engine
from models.exporter import export_table
from models.importer import MAX_BYTES, ImportRefused, apply, check, read_file
from ui import auth
from ui.export import to_csv_bytes, to_xlsx_bytes
from ui.i18n import lang, t

__all__ = ["BACKUP", "export_view", "import_view"]

BACKUP = "data_backup"


def import_view() -> None:
    table = st.radio(
        t("data.i_table"),
        ["school", "teacher"],
        horizontal=True,
        format_func=lambda x: t(f"data.table_{x}"),
        key="data_i_table",
    )
    upload = st.file_uploader(
        t("data.i_file"), type=["csv", "xlsx"], key="data_i_file", max_upload_size=MAX_BYTES >> 20
    )
    if upload is None:
        return
    frames = models.load()
    try:
        rows = check(read_file(upload.getvalue(), upload.name), table,
                     schools=frames.schools, districts=frames.districts)  # fmt: skip
    except ImportRefused as exc:
        st.error(t("data.i_refused", n=len(exc.problems)))
        st.dataframe(pd.DataFrame([vars(p) for p in exc.problems]), hide_index=True,
                     width="stretch")  # fmt: skip
        return
    st.success(t("data.i_ok", n=len(rows)))
    st.dataframe(rows.head(20), hide_index=True, width="stretch")
    if st.button(t("data.i_go"), type="primary", key="data_i_go"):
        bar = st.progress(0.0, text=t("data.i_running"))

        def advance(fraction: float) -> None:
            bar.progress(min(1.0, fraction), text=t("data.i_running"))

        counts = apply(engine=get_engine(), table=table, rows=rows, actor=auth.current_actor(),
                       progress=advance)  # fmt: skip
        bar.progress(1.0)
        st.success(t("data.i_done", **counts))


def export_view() -> None:
    if auth.can("admin") and st.button(t("data.backup"), key=BACKUP, icon=":material/backup:"):
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "shizi-backup"
            try:
                backup(target, actor=auth.current_actor())
            except BackupError as exc:
                st.error(t("data.invalid", detail=str(exc)))
            else:
                st.download_button(t("data.backup_download"), data=target.read_bytes(),
                                   file_name=f"shizi-{date.today().isoformat()}.backup",
                                   key="data_backup_file")  # fmt: skip
    for table in ("school", "teacher"):
        # with each row's version, so that the file edited and imported again is checked
        # like a save; headed in the person's language (the importer reads both)
        frame = export_table(get_engine(), table, language=lang())
        cols = st.columns(3)
        cols[0].download_button(f"{t(f'data.table_{table}')} · CSV",
                                data=partial(to_csv_bytes, frame), file_name=f"{table}.csv",
                                mime="text/csv", key=f"data_x_{table}_csv")  # fmt: skip
        cols[1].download_button(f"{t(f'data.table_{table}')} · XLSX",
                                data=partial(to_xlsx_bytes, {table: frame}),
                                file_name=f"{table}.xlsx", key=f"data_x_{table}_xlsx")  # fmt: skip
        cols[2].download_button(t("data.x_template", table=t(f"data.table_{table}")),
                                data=partial(to_csv_bytes, frame.drop(columns="version").head(0)),
                                file_name=f"{table}-template.csv", mime="text/csv",
                                key=f"data_x_{table}_template")  # fmt: skip
