"""The backup file: one tar holding ``manifest.json`` and ``data`` (the SQLite copy or
the ``pg_dump`` archive).

The manifest says what the data must be: backend, schema revision, row counts per
table, the data's size and SHA-256, when it was made and its restore generation. The
file is written under a hidden name marked partial and renamed only when complete,
so a backup that was killed or ran out of disk leaves nothing that looks like a backup
(the next backup to the same name sweeps such leftovers away); reading
it back checks every byte against the manifest before anything else happens.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.pool import NullPool
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers the tables counted below)
from models.db import get_engine
from models.messages import Refusal
from models.schema import head_revision, migrate

__all__ = [
    "FORMAT",
    "BackupError",
    "Manifest",
    "describe",
    "partial_name",
    "read_archive",
    "sweep_leftovers",
    "verify_copy",
    "write_archive",
]

FORMAT = 1
_MANIFEST, _DATA = "manifest.json", "data"
_CHUNK = 1 << 20


class BackupError(Refusal):
    """A backup or restore was refused or failed; nothing was changed. The message
    (from the catalog, ``backup.*``) says why."""


@dataclass(frozen=True)
class Manifest:
    """What a backup's data must be, checked before a restore touches anything."""

    backend: str
    revision: str
    counts: dict[str, int]
    generation: int
    sha256: str = ""
    size: int = 0
    created_at: str = ""
    format: int = FORMAT


def describe(conn: Connection) -> tuple[str, dict[str, int], int]:
    """The schema revision, the row count of every table of ours present, and the
    restore generation, read on ``conn`` (one snapshot when the caller holds one)."""
    revision = MigrationContext.configure(conn).get_current_revision() or ""
    present = set(inspect(conn).get_table_names())
    counts = {
        name: int(conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one())
        for name in sorted(SQLModel.metadata.tables)
        if name in present
    }
    generation = 0
    if "data_generation" in present:
        generation = int(
            conn.execute(
                text("SELECT coalesce(max(generation), 0) FROM data_generation")
            ).scalar_one()
        )
    return revision, counts, generation


def _digest(path: Path) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return sha.hexdigest(), size


def partial_name(out: Path, pid: int | None = None) -> Path:
    """Where the backup ``out`` is written until complete: hidden, named partial and
    after the writing process (a backup killed mid-way leaves only this)."""
    return out.with_name(f".{out.name}.partial-{os.getpid() if pid is None else pid}")


def sweep_leftovers(out: Path) -> list[Path]:
    """Remove what backups to ``out`` killed mid-way left (their partial file and work
    folder, named after a process that no longer runs); returns what was removed."""
    removed = []
    for path in out.parent.glob(f".{out.name}.*"):
        pid = path.name.removeprefix(f".{out.name}.").removeprefix("partial-").split(".")[0]
        if not pid.isdigit() or _running(int(pid)):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def write_archive(out: Path, data: Path, manifest: Manifest) -> Path:
    """Write ``data`` and its manifest to ``out``: under a temporary name first, synced,
    then renamed, so ``out`` exists only when complete."""
    sha, size = _digest(data)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    stamped = replace(manifest, sha256=sha, size=size, created_at=now)
    body = json.dumps(asdict(stamped), ensure_ascii=False, indent=1).encode()
    partial = partial_name(out)
    try:
        with partial.open("wb") as fh:
            with tarfile.open(fileobj=fh, mode="w", format=tarfile.PAX_FORMAT) as tar:
                info = tarfile.TarInfo(_MANIFEST)
                info.size = len(body)
                tar.addfile(info, io.BytesIO(body))
                tar.add(data, arcname=_DATA)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return out


def read_archive(source: Path, into: Path) -> Manifest:
    """The manifest of the backup ``source``, its data extracted to ``into`` and checked
    against it (size and SHA-256). Raises :class:`BackupError` naming what is wrong."""
    if not source.is_file():
        raise BackupError("backup.missing", path=source)
    if source.stat().st_size == 0:
        raise BackupError("backup.empty", path=source)
    for suffix in ("-journal", "-wal"):
        if Path(f"{source}{suffix}").exists():
            raise BackupError("backup.interrupted", path=source, companion=f"{source}{suffix}")
    if not tarfile.is_tarfile(source):
        raise BackupError("backup.not_ours", path=source)
    try:
        with tarfile.open(source, mode="r:") as tar:
            manifest = _manifest(tar, source)
            member = tar.getmember(_DATA)
            stream = tar.extractfile(member)
            if stream is None:
                raise BackupError("backup.not_ours", path=source)
            with stream, into.open("wb") as fh:
                while chunk := stream.read(_CHUNK):
                    fh.write(chunk)
    except (tarfile.TarError, EOFError, KeyError) as exc:
        raise BackupError("backup.truncated", path=source, detail=exc) from exc
    if _digest(into) != (manifest.sha256, manifest.size):
        raise BackupError("backup.checksum", path=source)
    return manifest


def _manifest(tar: tarfile.TarFile, source: Path) -> Manifest:
    try:
        stream = tar.extractfile(_MANIFEST)
        raw = json.loads(stream.read()) if stream is not None else {}
        manifest = Manifest(**dict(raw))
    except (KeyError, ValueError, TypeError) as exc:
        raise BackupError("backup.not_ours", path=source) from exc
    if manifest.format != FORMAT:
        raise BackupError("backup.format", path=source, format=manifest.format)
    return manifest


def verify_copy(scratch_url: str, manifest: Manifest, generation: int) -> None:
    """Check a rebuilt copy against the manifest, bring it to the newest schema and give
    it the new restore generation (shared by both backends)."""
    engine = create_engine(scratch_url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            revision, counts, _generation = describe(conn)
        if revision != manifest.revision or counts != manifest.counts:
            raise BackupError("backup.mismatch", revision=revision or "-",
                              expected=manifest.revision)  # fmt: skip
        if revision != head_revision():
            migrate(scratch_url)
            get_engine(scratch_url).dispose()
        with engine.begin() as conn:
            conn.execute(text("UPDATE data_generation SET generation = :g"), {"g": generation})
    finally:
        engine.dispose()
