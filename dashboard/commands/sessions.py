"""``cymuned sessions clean``: delete the sessions past their idle timeout or lifetime.

Expired sessions already sign no one in, and each sign-in deletes them too; this is for a
scheduled job (e.g. nightly), so the table keeps only live sessions.
"""

from __future__ import annotations

import argparse


def cmd_sessions_clean(args: argparse.Namespace) -> int:
    from dashboard.db import transaction
    from dashboard.domain.auth import delete_expired_sessions

    with transaction() as session:
        deleted = delete_expired_sessions(session)
    print(f"{deleted} expired sessions deleted")
    return 0


def register(sub, importers, exporters) -> None:
    sessions = sub.add_parser("sessions", help="signed-in sessions")
    sessions_sub = sessions.add_subparsers(dest="sessions_command", required=True)
    sessions_sub.add_parser(
        "clean", help="delete sessions past their idle timeout or lifetime",
    ).set_defaults(func=cmd_sessions_clean)
