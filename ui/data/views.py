"""The Data page's export view: files of the data, templates, and (admins) a backup."""

from __future__ import annotations

import tempfile
from datetime import date
from functools import partial
from pathlib import Path

import streamlit as st

from models.backup import BackupError, backup
from models.db import get_engine
from models.exporter import TABLES, VERSION_HEADER, export_table
from ui import auth
from ui.data.template import template_xlsx
from ui.export import to_csv_bytes, to_xlsx_bytes
from ui.frames import frames
from ui.i18n import label, lang, t

__all__ = ["BACKUP", "export_view"]

BACKUP = "data_backup"


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
    for table in TABLES:
        # with each row's version, so that the file edited and imported again is checked
        # like a save; headed in the person's language (the importer reads both)
        frame = export_table(get_engine(), table, language=lang(), label=label)
        cols = st.columns(4)
        cols[0].download_button(f"{t(f'data.table_{table}')} · CSV",
                                data=partial(to_csv_bytes, frame), file_name=f"{table}.csv",
                                mime="text/csv", key=f"data_x_{table}_csv")  # fmt: skip
        cols[1].download_button(f"{t(f'data.table_{table}')} · XLSX",
                                data=partial(to_xlsx_bytes, {table: frame}),
                                file_name=f"{table}.xlsx", key=f"data_x_{table}_xlsx")  # fmt: skip
        blank = frame.drop(columns=VERSION_HEADER[lang()]).head(0)
        cols[2].download_button(t("data.x_template", table=t(f"data.table_{table}")),
                                data=partial(to_csv_bytes, blank),
                                file_name=f"{table}-template.csv", mime="text/csv",
                                key=f"data_x_{table}_template")  # fmt: skip
        cols[3].download_button(t("data.x_template_xlsx", table=t(f"data.table_{table}")),
                                data=partial(template_xlsx, frames(), table),
                                file_name=f"{table}-template.xlsx",
                                key=f"data_x_{table}_template_xlsx")  # fmt: skip
