"""A backup or restore that is killed or runs out of disk leaves nothing that looks
like a backup, no child process behind, and the live data as it was."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from models.backup import backup, restore
from models.backup_archive import BackupError, partial_name
from models.db import get_engine
from models.roles import Actor
from tests.models.restore_helpers import alive, children, drop_kept_databases, facts

ROOT = Path(__file__).resolve().parents[2]
ADMIN = Actor("管理员", "admin")
_DEADLINE = 60.0


def _until(condition: Callable[[], bool], what: str) -> None:
    end = time.monotonic() + _DEADLINE
    while not condition():
        assert time.monotonic() < end, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_a_backup_that_runs_out_of_disk_leaves_nothing(
    demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tarfile.TarFile.add

    def full_disk(self: tarfile.TarFile, *args: Any, **kwargs: Any) -> None:
        real(self, *args, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tarfile.TarFile, "add", full_disk)
    out = tmp_path / "city.backup"
    with pytest.raises(OSError, match="No space left"):
        backup(out, demo_url, actor=ADMIN)
    assert sorted(p.name for p in tmp_path.iterdir() if "backup" in p.name) == []


# A backup that SIGKILLs itself half-way through writing the archive's data.
_KILLED_WHILE_WRITING = """
import os, signal, sys, tarfile
from pathlib import Path
from models.backup import backup, restore
from models.backup_archive import BackupError, partial_name
from models.roles import Actor

def half_then_killed(src, dst, length=None, *args, **kwargs):
    dst.write(src.read((length or 0) // 2))
    dst.flush()
    os.kill(os.getpid(), signal.SIGKILL)

tarfile.copyfileobj = half_then_killed
backup(Path(sys.argv[1]), sys.argv[2], actor=Actor("admin", "admin"))
"""


def test_a_backup_killed_while_writing_leaves_only_a_partial_that_restore_refuses(
    demo_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    out = folder / "city.backup"
    killed = subprocess.Popen([sys.executable, "-c", _KILLED_WHILE_WRITING, str(out), demo_url],
                              cwd=ROOT)  # fmt: skip
    assert killed.wait() == -signal.SIGKILL
    partial = partial_name(out, killed.pid)
    left = sorted(p.name for p in folder.iterdir())
    assert not out.exists()
    assert [n for n in left if not n.startswith(f".{out.name}.")] == []  # all hidden
    assert partial.is_file() and partial.stat().st_size > 0, left
    before = facts(demo_url)
    with pytest.raises(BackupError) as err:
        restore(partial, demo_url, actor=ADMIN)
    assert err.value.key in ("backup.truncated", "backup.checksum")
    assert "Nothing was changed" in err.value.text("en")
    assert facts(demo_url) == before
    backup(out, demo_url, actor=ADMIN)  # the next backup to the name sweeps the leftovers
    assert sorted(p.name for p in folder.iterdir()) == [out.name]


def test_killing_backup_ends_pg_dump_and_leaves_no_file(demo_url: str, tmp_path: Path) -> None:
    if not demo_url.startswith("postgresql"):
        pytest.skip("pg_dump is PostgreSQL's")
    blocker = get_engine(demo_url).connect()
    blocker.execute(text("CREATE TABLE zz_block (id int)"))
    blocker.commit()
    blocker.execute(text("LOCK TABLE zz_block IN ACCESS EXCLUSIVE MODE"))  # pg_dump waits
    out = tmp_path / "city.backup"
    cli = subprocess.Popen([sys.executable, "-m", "shizi_cli", "backup", str(out),
                            "--database-url", demo_url], cwd=ROOT)  # fmt: skip
    try:
        _until(lambda: "pg_dump" in children(cli.pid).values(), "pg_dump to start")
        dump = next(p for p, name in children(cli.pid).items() if name == "pg_dump")
        os.kill(cli.pid, signal.SIGKILL)
        cli.wait()
        _until(lambda: not alive(dump), "pg_dump to end with its parent")
    finally:
        if cli.poll() is None:
            cli.kill()
        blocker.rollback()
        blocker.execute(text("DROP TABLE zz_block"))
        blocker.commit()
        blocker.close()
    assert not out.exists()


def test_killing_restore_is_all_or_nothing(demo_url: str, tmp_path: Path) -> None:
    """Killed at any moment after the rebuild began: the live database is the old one
    or the restored one, whole, and current."""
    good = backup(tmp_path / "good.backup", demo_url, actor=ADMIN)
    _state, schools, teachers = facts(demo_url)
    with get_engine(demo_url).begin() as conn:
        conn.execute(text("DELETE FROM teacher WHERE id % 2 = 0"))
    damaged = facts(demo_url)
    cli = subprocess.Popen([sys.executable, "-m", "shizi_cli", "restore", str(good),
                            "--database-url", demo_url], cwd=ROOT)  # fmt: skip
    tool = "pg_restore" if demo_url.startswith("postgresql") else "python"
    try:
        if tool == "pg_restore":
            _until(lambda: "pg_restore" in children(cli.pid).values() or cli.poll() is not None,
                   "pg_restore to start")  # fmt: skip
        else:
            folder = tmp_path
            _until(lambda: any(folder.glob(".shizi-restore-*")) or cli.poll() is not None,
                   "the restore to begin")  # fmt: skip
        os.kill(cli.pid, signal.SIGKILL)
        cli.wait()
        assert facts(demo_url) in (damaged, ("current", schools, teachers))
    finally:
        if cli.poll() is None:
            cli.kill()
        drop_kept_databases(demo_url)
