"""``cymuned import events PATH_OR_URL``: import an iCalendar file or feed, upserting by UID."""

from __future__ import annotations

import argparse
import sys


def cmd_import_events(args: argparse.Namespace) -> int:
    from dashboard.connectors.calendar import FetchFailed, read_calendar
    from dashboard.connectors.fetch import mask_url
    from dashboard.db import transaction
    from dashboard.domain.auth import SYSTEM
    from dashboard.domain.clock import utc_now
    from dashboard.domain.errors import DomainError
    from dashboard.domain.events.calendar_import import import_calendar, record_failed_import
    from dashboard.domain.sources.data_sources import keep_address

    source = args.path_or_url
    url = source if "://" in source else None
    # A feed's address may be a secret: the source's name shows its host only, and the
    # address itself is kept encrypted on the source.
    name = args.source or f"Calendar: {mask_url(url) if url else source}"[:120]
    now = utc_now()
    try:
        data = read_calendar(source)
        with transaction() as session:
            result = import_calendar(session, SYSTEM, data, now, source_name=name)
            if url:
                keep_address(session, name, url)
    except (DomainError, FetchFailed) as error:
        with transaction() as session:
            record_failed_import(session, name, None, str(error), now)
        print(f"nothing imported: {error}", file=sys.stderr)
        return 1
    print(result.summary())
    return 0


def cmd_sync_youtube(args: argparse.Namespace) -> int:
    import os

    from dashboard.db import transaction
    from dashboard.domain.auth import SYSTEM
    from dashboard.domain.clock import utc_now
    from dashboard.domain.events.recordings import sync_youtube_views

    with transaction() as session:
        result = sync_youtube_views(session, SYSTEM, utc_now(), os.environ.get("YOUTUBE_API_KEY"))
    print(f"{result.status}: {result.added} added, {result.updated} updated, "
          f"{result.unchanged} unchanged. {result.message}")
    return 0 if result.status == "succeeded" else 1


def cmd_import_attendance(args: argparse.Namespace) -> int:
    from dashboard.db import transaction
    from dashboard.domain.auth import SYSTEM
    from dashboard.domain.clock import utc_now
    from dashboard.domain.errors import DomainError
    from dashboard.domain.events.attendance_import import import_attendance

    try:
        with open(args.path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        print(f"nothing imported: {args.path}: {error.strerror}", file=sys.stderr)
        return 1
    try:
        with transaction() as session:
            result = import_attendance(session, SYSTEM, args.event_id, data, args.path,
                                       utc_now(), email_column=args.email_column,
                                       attended_column=args.attended_column)
    except DomainError as error:
        print(f"nothing imported: {error}", file=sys.stderr)
        return 1
    print(result.summary())
    return 0


def register(sub, importers, exporters) -> None:
    events = importers.add_parser("events", help="events from an iCalendar (.ics) file or URL")
    events.add_argument("path_or_url")
    events.add_argument("--source", help="the data source's name (default: from the path)")
    events.set_defaults(func=cmd_import_events)
    attendance = importers.add_parser(
        "attendance", help="an event's attendance export (CSV, TSV or XLSX)")
    attendance.add_argument("event_id", type=int)
    attendance.add_argument("path")
    attendance.add_argument("--email-column", help="default: guessed from the headers")
    attendance.add_argument("--attended-column",
                            help="yes/no column (default: guessed; none means all attended)")
    attendance.set_defaults(func=cmd_import_attendance)
    sync = sub.choices.get("sync") or sub.add_parser("sync", help="read data from its sources")
    sync_sub = next((a for a in sync._actions if a.dest == "sync_source"), None)
    if sync_sub is None:
        sync_sub = sync.add_subparsers(dest="sync_source", required=True)
    youtube = sync_sub.add_parser(
        "youtube", help="recording view counts (YouTube Data API v3; key in YOUTUBE_API_KEY)")
    youtube.set_defaults(func=cmd_sync_youtube)
