"""``shizi``: admin commands (migrate, seed, status)."""

from __future__ import annotations

import argparse
import errno
import sys
import time
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from models.config import settings
from models.db import Busy, get_engine, is_busy, resolve_url
from models.exporter import TABLES as EXPORTED
from models.messages import Refusal, message
from models.roles import Actor
from models.schema import SchemaState, migrate, status
from seed.city import SCALES
from seed.database import SeedRefused, has_data, seed_database


def _operator() -> Actor:
    """The person at the command line: whoever can run it holds the server, so admin."""
    return Actor(settings().shizi_user, "admin")


def _cmd_migrate(args: argparse.Namespace) -> int:
    state, detail = status(args.database_url)
    if state in (SchemaState.UNREACHABLE, SchemaState.FOREIGN, SchemaState.NEWER):
        print(f"shizi migrate: cannot migrate ({state.value}): {detail}", file=sys.stderr)
        return 1
    migrate(args.database_url)
    print(f"schema is current ({resolve_url(args.database_url)})")
    return 0


def _cmd_seed(args: argparse.Namespace) -> int:
    url = resolve_url(args.database_url)
    state, detail = status(url)
    if state == SchemaState.EMPTY:
        migrate(url)
    elif state != SchemaState.CURRENT:
        print(
            f"shizi seed: the database is {state.value} ({detail}); run `shizi migrate` first",
            file=sys.stderr,
        )
        return 1
    engine = get_engine(url)
    if has_data(engine):
        if args.if_empty:
            print("the database already holds data; not seeded")
            return 0
        print("shizi seed: the database already holds data; refusing to seed", file=sys.stderr)
        return 1
    start = time.perf_counter()
    try:
        counts = seed_database(engine=engine, scale=args.scale, seed=args.seed, year=args.year)
    except SeedRefused as exc:
        print(f"shizi seed: {exc}", file=sys.stderr)
        return 1
    took = time.perf_counter() - start
    print(
        f"seeded {args.scale}: {counts['districts']} districts, {counts['schools']} schools, "
        f"{counts['teachers']} teachers in {took:.1f} s"
    )
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    state, detail = status(args.database_url)
    print(f"{state.value} {detail}".strip())
    return 0 if state == SchemaState.CURRENT else 1


def _cmd_import(args: argparse.Namespace) -> int:
    from models import load
    from models.importer import ImportRefused, apply, check, read_file

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"shizi import: cannot read {path}: {exc}", file=sys.stderr)
        return 1
    frames = load(args.database_url)
    try:
        rows = check(
            read_file(data, path.name),
            args.table,
            schools=frames.schools,
            districts=frames.districts,
            teachers=frames.teachers,
            cadres=frames.cadres,
        )
    except ImportRefused as exc:
        print(f"shizi import: {path.name} refused; nothing was changed:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    if args.dry_run:
        print(f"{path.name}: {len(rows)} rows pass every check (dry run: nothing written)")
        return 0
    try:
        counts = apply(
            engine=get_engine(args.database_url),
            table=args.table,
            rows=rows,
            actor=_operator(),
            mode=args.mode,
        )
    except ImportRefused as exc:
        print(f"shizi import: {path.name} refused; nothing was changed:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(
        f"{path.name}: {counts['inserted']} inserted, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['deleted']} deleted"
    )
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from models.exporter import export_table
    from ui.export import to_csv_bytes, to_xlsx_bytes

    frame = export_table(get_engine(args.database_url), args.table)
    data = to_csv_bytes(frame) if args.format == "csv" else to_xlsx_bytes({args.table: frame})
    out = Path(args.out)
    existed = out.exists()
    try:
        out.write_bytes(data)
    except OSError:
        if not existed and out.is_file():  # a full disk leaves a cut-off file: remove it
            out.unlink()
        raise
    print(f"wrote {len(frame)} rows to {args.out}")
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from models.backup import BackupError, backup

    try:
        out = backup(Path(args.out), args.database_url, actor=_operator())
    except BackupError as exc:
        print(f"shizi backup: {exc}", file=sys.stderr)
        return 1
    print(message("cli.backup_written", out=out))
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from models.backup import BackupError, restore

    try:
        kept = restore(Path(args.source), args.database_url, actor=_operator())
    except BackupError as exc:
        print(f"shizi restore: {exc}", file=sys.stderr)
        return 1
    print(message("cli.restored", source=args.source, kept=kept or "-"))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="shizi", description="Shizi admin commands")
    sub = p.add_subparsers(dest="command", required=True)

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help_)
        cmd.add_argument("--database-url", default=None, help="default: $DATABASE_URL")
        return cmd

    add("migrate", "bring the schema to the newest revision").set_defaults(run=_cmd_migrate)
    add("status", "print the schema state").set_defaults(run=_cmd_status)
    seed = add("seed", "fill an empty database with the generated demo city")
    seed.add_argument("--scale", choices=list(SCALES), default="city")
    seed.add_argument("--seed", type=int, default=2013)
    seed.add_argument("--year", type=int, default=2026)
    seed.add_argument("--if-empty", action="store_true", help="succeed quietly if data exists")
    seed.set_defaults(run=_cmd_seed)
    imp = add("import", "check a CSV/XLSX file and write all of it, or nothing")
    imp.add_argument("file")
    imp.add_argument("--table", choices=list(EXPORTED), required=True)
    imp.add_argument(
        "--mode",
        choices=["upsert", "replace"],
        default="upsert",
        help="replace also deletes the rows the file leaves out",
    )
    imp.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    imp.set_defaults(run=_cmd_import)
    exp = add("export", "write a table as CSV (UTF-8 with BOM) or XLSX")
    exp.add_argument("out")
    exp.add_argument("--table", choices=list(EXPORTED), required=True)
    exp.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    exp.set_defaults(run=_cmd_export)
    bak = add("backup", "write a consistent copy of the live database")
    bak.add_argument("out")
    bak.set_defaults(run=_cmd_backup)
    res = add("restore", "replace the database with a backup")
    res.add_argument("source")
    res.set_defaults(run=_cmd_restore)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run one command; whatever goes wrong ends in a message and exit code 1, never a
    traceback (Ctrl-C: 130)."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        explained = explain(exc, getattr(args, "out", None))
        if explained is None:
            raise
        print(f"shizi {args.command}: {explained}", file=sys.stderr)
        return 1


def explain(exc: BaseException, target: str | None = None) -> str | None:
    """A person's message for the failures a command meets (full disk, missing folder,
    no permission, a colleague's lock, a database refusal), or None for a bug."""
    if isinstance(exc, Refusal):
        return str(exc)
    if isinstance(exc, OSError):
        path = exc.filename or target or ""
        key = {
            errno.ENOSPC: "cli.disk_full",
            errno.EDQUOT: "cli.disk_full",
            errno.ENOENT: "cli.not_found",
            errno.EACCES: "cli.no_permission",
            errno.EPERM: "cli.no_permission",
            errno.EROFS: "cli.no_permission",
        }.get(exc.errno or 0, "cli.os_error")
        return message(key, path=path, detail=exc.strerror or exc)
    if is_busy(exc):
        return str(Busy())
    if isinstance(exc, DBAPIError):
        return message("cli.database", detail=str(exc.orig).strip().splitlines()[0])
    return None


if __name__ == "__main__":
    sys.exit(main())
