"""``cymuned export actions``, ``cymuned export meeting-pack`` and ``cymuned export minutes``:
the steering group's action log as CSV (with the Actions page's filters), and a meeting's
pack or minutes as the bilingual PDF the meeting page offers. Run as the system (the
command line is for the people who run the installation)."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path
from urllib.parse import parse_qsl

COLUMNS = ("id", "title", "title_cy", "owner", "due_on", "status", "overdue", "rag",
           "rag_reason", "objectives")


def cmd_export_actions(args: argparse.Namespace) -> int:
    from dashboard.db import transaction
    from dashboard.domain.auth import SYSTEM
    from dashboard.domain.clock import london_today, utc_now
    from dashboard.domain.steering.actions import ActionQuery, search_actions

    query = ActionQuery.from_params(dict(parse_qsl(args.query or "")))
    today = london_today(utc_now())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    with transaction() as session:
        page = 1
        while True:
            found = search_actions(session, SYSTEM, query.with_changes(page=page), today,
                                   page_size=500)
            for r in found.rows:
                writer.writerow([r.id, r.title, r.title_cy or "", r.owner,
                                 r.due_on.isoformat() if r.due_on else "", r.status,
                                 "yes" if r.overdue else "no", r.rag, r.rag_reason,
                                 " ".join(str(n) for n in r.objectives)])
            if page >= found.pages:
                break
            page += 1
    _write(out.getvalue().encode("utf-8"), args.output)
    return 0


def cmd_export_meeting_document(args: argparse.Namespace) -> int:
    from dashboard.db import transaction
    from dashboard.domain.auth import SYSTEM
    from dashboard.domain.clock import london_today, utc_now
    from dashboard.domain.errors import DomainError
    from dashboard.domain.steering.documents import meeting_pack_pdf, minutes_pdf

    try:
        with transaction() as session:
            if args.document == "pack":
                body = meeting_pack_pdf(session, SYSTEM, args.meeting_id,
                                        london_today(utc_now()))
            else:
                body = minutes_pdf(session, SYSTEM, args.meeting_id)
    except DomainError as error:
        print(f"nothing written: {error}", file=sys.stderr)
        return 1
    _write(body, args.output or f"meeting-{args.meeting_id}-{args.document}.pdf")
    return 0


def _write(body: bytes, output: str) -> None:
    if output == "-":
        sys.stdout.buffer.write(body)
    else:
        Path(output).write_bytes(body)


def register(sub, importers, exporters) -> None:
    actions = exporters.add_parser("actions", help="the steering group's action log as CSV")
    actions.add_argument("--query", help='the Actions page\'s filters, e.g. '
                                         '"status=blocked&objective=cdps-1&overdue=1"')
    actions.add_argument("--output", default="-")
    actions.set_defaults(func=cmd_export_actions)
    for document, text in (("pack", "a meeting's pack (agenda, actions, last minutes)"),
                           ("minutes", "a meeting's minutes")):
        parser = exporters.add_parser(f"meeting-{document}" if document == "pack"
                                      else "minutes", help=f"{text} as bilingual PDF")
        parser.add_argument("meeting_id", type=int)
        parser.add_argument("--output", help="default: meeting-<id>-<document>.pdf")
        parser.set_defaults(func=cmd_export_meeting_document, document=document)
