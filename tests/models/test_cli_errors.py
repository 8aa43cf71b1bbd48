"""The command line meets a full disk, a missing folder, /dev/full, a locked database
or a stopped server with a clear message (Chinese or English) and exit code 1, never a
traceback."""

from __future__ import annotations

import errno
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from models import db
from models.config import settings
from shizi_cli import main as cli


@pytest.fixture
def lang(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    language = getattr(request, "param", "en")
    monkeypatch.setenv("SHIZI_LANG", language)
    settings.cache_clear()
    yield language
    settings.cache_clear()


def _fails(argv: list[str], capsys: pytest.CaptureFixture[str], says: str) -> None:
    assert cli(argv) == 1
    err = capsys.readouterr().err
    assert says in err, err
    assert "Traceback" not in err


@pytest.mark.usefixtures("lang")
def test_backup_to_dev_full_or_a_missing_folder(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fails(["backup", "/dev/full", "--database-url", demo_url], capsys, "not an ordinary file")
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)  # still the device
    missing = tmp_path / "no" / "such" / "city.backup"
    _fails(["backup", str(missing), "--database-url", demo_url], capsys, "does not exist")


@pytest.mark.usefixtures("lang")
def test_export_to_dev_full_or_a_missing_folder(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fails(["export", "/dev/full", "--table", "school", "--database-url", demo_url], capsys,
           "The disk is full")  # fmt: skip
    missing = tmp_path / "no" / "school.csv"
    _fails(["export", str(missing), "--table", "school", "--database-url", demo_url], capsys,
           "does not exist")  # fmt: skip


@pytest.mark.usefixtures("lang")
def test_export_onto_a_full_disk_leaves_no_cut_off_file(
    demo_sqlite: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def full(self: Path, data: bytes) -> int:
        with self.open("wb") as fh:
            fh.write(data[:100])
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    out = tmp_path / "teacher.csv"
    _fails(["export", str(out), "--table", "teacher", "--database-url", demo_sqlite], capsys,
           "The disk is full")  # fmt: skip
    assert not out.exists()


@pytest.mark.parametrize("lang", ["zh", "en"], indirect=True)
def test_a_locked_sqlite_database(
    lang: str,
    demo_sqlite: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = f"sqlite:///{tmp_path / 'locked.db'}"
    source = demo_sqlite.removeprefix("sqlite:///")
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(url[10:])) as dst:
        src.backup(dst)
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    csv = tmp_path / "school.csv"
    assert cli(["export", str(csv), "--table", "school", "--database-url", url]) == 0
    capsys.readouterr()
    holder = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a colleague's long save
    try:
        says = "另一位同事正在保存，请稍后再试" if lang == "zh" else "A colleague is saving"
        _fails(["import", str(csv), "--table", "school", "--database-url", url], capsys, says)
    finally:
        holder.rollback()
        holder.close()
        db.get_engine(url).dispose()


@pytest.mark.usefixtures("lang")
def test_a_stopped_server(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://shizi:shizi@127.0.0.1:1/nowhere"
    _fails(["export", "/tmp/never.csv", "--table", "school", "--database-url", url], capsys,
           "The database refused")  # fmt: skip
