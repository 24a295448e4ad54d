"""``cymuned import assessments FILE`` and ``cymuned export maturity-aggregates``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def cmd_import_assessments(args: argparse.Namespace) -> int:
    from dashboard.db import transaction
    from dashboard.domain.auth import SYSTEM
    from dashboard.domain.errors import DomainError
    from dashboard.domain.maturity.assessment_import import commit, preview, read_file

    path = Path(args.file)
    answers = columns = None
    if args.mapping:
        mapping = json.loads(Path(args.mapping).read_text(encoding="utf-8"))
        answers, columns = mapping.get("answers"), mapping.get("columns")
    try:
        table = read_file(path.read_bytes(), path.name)
        with transaction() as session:
            result = preview(session, SYSTEM, table, args.round, answers, columns)
            for rejected in result.rejected:
                for problem in rejected.problems:
                    print(f"row {rejected.row}: {problem.english()}", file=sys.stderr)
            if result.unmapped_answers:
                print("answers with no level (add them to the mapping's \"answers\"): "
                      + ", ".join(repr(a) for a in result.unmapped_answers), file=sys.stderr)
            if args.dry_run:
                print(f"dry run: {len(result.rows)} rows ready, {len(result.rejected)} rejected")
                return 0 if not result.rejected else 1
            count = commit(session, SYSTEM, result, accept=args.accept)
    except (DomainError, OSError) as error:
        print(f"nothing imported: {error}", file=sys.stderr)
        return 1
    print(f"{count} assessments imported into round {args.round}"
          + (" and accepted" if args.accept else " for the steering group to review"))
    return 0


def cmd_export_aggregates(args: argparse.Namespace) -> int:
    from dashboard.db import transaction
    from dashboard.domain.maturity.publishing import aggregates_csv
    from dashboard.domain.maturity.sector import sector_figures

    with transaction() as session:
        text = aggregates_csv(sector_figures(session, use_cache=False))
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


def register(sub, importers, exporters) -> None:
    imp = importers.add_parser(
        "assessments", help="self-assessments from a survey export (CSV), all or nothing")
    imp.add_argument("file")
    imp.add_argument("--round", required=True, help="the assessment round's name, e.g. 2026")
    imp.add_argument("--mapping", help='JSON: {"answers": {"Mostly": 4, "N/A": "na"}, '
                                       '"columns": {"Q3 text": "data_foundations"}}')
    imp.add_argument("--accept", action="store_true",
                     help="accept them at once (default: submitted, for review)")
    imp.add_argument("--dry-run", action="store_true", help="show what would happen, write nothing")
    imp.set_defaults(func=cmd_import_assessments)
    exp = exporters.add_parser("maturity-aggregates",
                               help="published maturity aggregates as CSV (withheld cells empty)")
    exp.add_argument("--output", default="-")
    exp.set_defaults(func=cmd_export_aggregates)
