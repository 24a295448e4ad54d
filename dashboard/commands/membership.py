"""``cymuned import members FILE``: members from a CSV or XLSX export, all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_import_members(args: argparse.Namespace) -> int:
    from dashboard.db import transaction
    from dashboard.domain.auth import SYSTEM
    from dashboard.domain.clock import utc_now
    from dashboard.domain.errors import DomainError
    from dashboard.domain.membership.member_import import (
        commit_import,
        preview_import,
        read_table,
        suggest_mapping,
    )

    path = Path(args.file)
    try:
        table = read_table(path.read_bytes(), path.name)
        mapping = suggest_mapping(table.headers)
        for item in args.map or []:
            name, _, heading = item.partition("=")
            mapping[name.strip()] = heading.strip()
        print("columns: " + ", ".join(f"{k} <- '{v}'" for k, v in mapping.items()))
        with transaction() as session:
            preview = preview_import(session, SYSTEM, table, mapping)
            for rejected in preview.rejected:
                for problem in rejected.problems:
                    print(problem.english(), file=sys.stderr)
            if preview.rejected or args.dry_run:
                print(f"{preview.accepted} rows ready ({preview.to_add} new, "
                      f"{preview.to_update} to update), {len(preview.rejected)} rejected"
                      + ("; nothing imported" if preview.rejected else "; dry run"))
                return 1 if preview.rejected else 0
            added, updated, unchanged = commit_import(session, SYSTEM, preview, utc_now())
    except OSError as error:
        print(f"cannot read {path}: {error.strerror}", file=sys.stderr)
        return 1
    except DomainError as error:
        print(f"nothing imported: {error}", file=sys.stderr)
        return 1
    print(f"members imported: {added} added, {updated} updated, {unchanged} unchanged")
    return 0


def register(sub, importers, exporters) -> None:
    members = importers.add_parser("members", help="members from a CSV or XLSX file")
    members.add_argument("file")
    members.add_argument("--map", action="append", metavar="FIELD=HEADING",
                         help="use this column for a field (full_name, email, organisation, "
                              "job_title, interests, language, joined_on, consent)")
    members.add_argument("--dry-run", action="store_true", help="check the file, change nothing")
    members.set_defaults(func=cmd_import_members)
