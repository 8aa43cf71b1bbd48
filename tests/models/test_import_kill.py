"""A process killed (SIGKILL) in the middle of a large import leaves the database as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

import models
from models.db import get_engine
from models.exporter import export_frame
from ui.export import to_csv_bytes

ROOT = Path(__file__).resolve().parents[2]


def _writing(url: str, db_file: Path | None) -> bool:
    if db_file is not None:  # SQLite: the open write transaction grows the WAL
        wal = Path(f"{db_file}-wal")
        return wal.exists() and wal.stat().st_size > 1_000_000
    with get_engine(url).connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE state <> 'idle' "
            "AND query ILIKE 'INSERT INTO %teacher%'"
        )).scalar_one())  # fmt: skip


def test_sigkill_mid_import_changes_nothing(demo_url: str, tmp_path: Path) -> None:
    frames = models.load(demo_url)
    teachers = export_frame(frames, "teacher")
    big = []
    for copy in range(8):  # about 45,000 new teachers
        part = teachers.copy()
        part["staff_no"] = [f"K{copy}{i:07d}" for i in range(len(part))]
        big.append(part)
    import pandas as pd

    path = tmp_path / "big.csv"
    path.write_bytes(to_csv_bytes(pd.concat(big, ignore_index=True)))
    before = len(frames.teachers)
    proc = subprocess.Popen(
        [sys.executable, "-m", "shizi_cli", "import", str(path), "--table", "teacher",
         "--database-url", demo_url],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    db_file = Path(demo_url.removeprefix("sqlite:///")) if demo_url.startswith("sqlite") else None
    deadline = time.monotonic() + 120
    while not _writing(demo_url, db_file):
        assert proc.poll() is None, "the import finished before it could be interrupted"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    get_engine(demo_url).dispose()
    engine = get_engine(demo_url)
    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM teacher")).scalar_one()
        if db_file is not None:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    assert count == before
