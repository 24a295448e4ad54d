"""``cymuned backup`` and ``cymuned restore`` (see dashboard/operations/backup.py)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEFAULT_FOLDER = Path("backups")


def _url() -> str:
    from reflex.config import get_config

    return os.environ.get("REFLEX_DB_URL") or get_config().db_url


def cmd_backup(args: argparse.Namespace) -> int:
    from dashboard.operations.backup import BackupFailed, backup, default_name, manifest_path

    url = _url()
    destination = args.output or DEFAULT_FOLDER / default_name(url)
    try:
        manifest = backup(url, destination)
    except BackupFailed as error:
        print(f"backup failed: {error}", file=sys.stderr)
        return 1
    rows = sum(table.rows for table in manifest.tables.values())
    print(f"backup written: {destination} ({len(manifest.tables)} tables, {rows} rows; "
          f"manifest {manifest_path(destination)})")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from dashboard.operations.backup import BackupFailed, restore

    if not args.yes:
        print("restore replaces every table of the database; stop the app, then run again "
              "with --yes", file=sys.stderr)
        return 2
    try:
        manifest = restore(_url(), args.file)
    except (BackupFailed, FileNotFoundError) as error:
        print(f"restore failed: {error}", file=sys.stderr)
        return 1
    print(f"restored {args.file}: {len(manifest.tables)} tables match the backup's manifest")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from dashboard.operations import serve

    return serve.run(args)


def register(sub, importers, exporters) -> None:
    from dashboard.operations.serve import add_arguments

    serve = sub.add_parser("serve", help="the production shape on one host: instances behind "
                           "a proxy (see dashboard/operations/serve.py)")
    add_arguments(serve)
    serve.set_defaults(func=cmd_serve)
    backup = sub.add_parser("backup", help="copy the whole database, with a manifest")
    backup.add_argument("--output", type=Path, help=f"file to write (default: {DEFAULT_FOLDER}/"
                        "cymuned-<UTC time>.sqlite or .dump)")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file", type=Path)
    restore.add_argument("--yes", action="store_true", help="really replace the database")
    restore.set_defaults(func=cmd_restore)
