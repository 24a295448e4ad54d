"""The ``cymuned`` command (also ``python -m dashboard``).

    cymuned db upgrade                       apply migrations, refresh reference data
    cymuned seed --demo [--if-empty]         load the demo community
    cymuned seed --synthetic --members N ... generate a large dataset for benchmarks
    cymuned i18n update                      add new UI strings to the Welsh catalogue
    cymuned user add --email E --name N --role admin [--member ID_OR_EMAIL]
                                             (password from a prompt or
                                             CYMUNED_PASSWORD; the first admin can also
                                             come from CYMUNED_ADMIN_EMAIL/_PASSWORD)
    cymuned user reset-link --email E        print a single-use link to set a new password
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import UTC, datetime

from sqlmodel import select

from dashboard.db import transaction


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from reflex import model
    from reflex.config import get_config

    from dashboard.domain.reference import load_reference_data
    from dashboard.operations.migrating import ensure_database, migration_lock

    url = os.environ.get("REFLEX_DB_URL") or get_config().db_url
    if ensure_database(url):
        print("database created")
    # Several instances may start together: one migrates, the others wait, then find
    # nothing to do.
    with migration_lock(url, on_wait=lambda: print("waiting for another instance's "
                                                   "migrations", flush=True)):
        if model.migrate() is None:
            print("alembic.ini not found: run from the project folder", file=sys.stderr)
            return 1
    with transaction() as session:
        added = load_reference_data(session)
    print("database up to date; reference rows added: "
          + ", ".join(f"{name} {count}" for name, count in added.items()))
    return ensure_first_admin()


def ensure_first_admin() -> int:
    """Create the first admin from CYMUNED_ADMIN_EMAIL and CYMUNED_ADMIN_PASSWORD, if set."""
    from dashboard.domain.auth import create_user
    from dashboard.domain.errors import DomainError
    from dashboard.models import Role, User

    email = os.environ.get("CYMUNED_ADMIN_EMAIL")
    password = os.environ.get("CYMUNED_ADMIN_PASSWORD")
    if not email or not password:
        return 0
    with transaction() as session:
        if session.exec(select(User).where(User.role == Role.ADMIN.value)).first():
            return 0
        try:
            create_user(session, email=email, display_name=email, role=Role.ADMIN,
                        password=password)
        except DomainError as error:
            print(f"first admin not created: {error}", file=sys.stderr)
            return 1
    print(f"first admin created: {email}")
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    from dashboard.domain.reference import load_reference_data

    now = datetime.now(UTC)
    if args.demo:
        from dashboard.seed.demo import database_is_empty, seed_demo

        with transaction() as session:
            load_reference_data(session)
            if args.if_empty and not database_is_empty(session):
                print("demo data not loaded: the database already has community data")
                return 0
            summary = seed_demo(session, now=now, seed=args.random_seed)
        print("demo data loaded: " + ", ".join(f"{k} {v}" for k, v in summary.items()))
        return 0
    if args.synthetic:
        from dashboard.seed.synthetic import SyntheticSize, seed_synthetic

        size = SyntheticSize(
            members=args.members, bodies=args.bodies, events=args.events,
            attendance=args.attendance, assessments=args.assessments,
        )
        with transaction() as session:
            load_reference_data(session)
            summary = seed_synthetic(session, size=size, now=now, seed=args.random_seed)
        print("synthetic data loaded: " + ", ".join(f"{k} {v}" for k, v in summary.items()))
        return 0
    print("say --demo or --synthetic", file=sys.stderr)
    return 2


def cmd_user_add(args: argparse.Namespace) -> int:
    from dashboard.domain.accounts.linking import member_to_link
    from dashboard.domain.auth import create_user
    from dashboard.domain.errors import DomainError
    from dashboard.models import Role

    password = os.environ.get("CYMUNED_PASSWORD")
    if not password:
        if not sys.stdin.isatty():
            print("set CYMUNED_PASSWORD or run in a terminal to be asked", file=sys.stderr)
            return 2
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Again: "):
            print("the passwords differ", file=sys.stderr)
            return 2
    try:
        with transaction() as session:
            member = member_to_link(session, args.member) if args.member else None
            user = create_user(session, email=args.email, display_name=args.name or (
                member.full_name if member else args.email), role=Role(args.role),
                password=password, member_id=member.id if member else None)
            print(f"user {user.email} created with role {user.role}"
                  + (f", linked to member {member.id}" if member else ""))
    except DomainError as error:
        print(f"not created: {error}", file=sys.stderr)
        return 1
    return 0


def cmd_user_reset_link(args: argparse.Namespace) -> int:
    """Print a single-use link to set a new password for an account (for an admin to send
    when no mail server is set up)."""
    from reflex.config import get_config

    from dashboard.domain.accounts.password_reset import reset_link_for
    from dashboard.domain.auth import SYSTEM
    from dashboard.domain.errors import DomainError

    try:
        with transaction() as session:
            url = reset_link_for(session, SYSTEM, args.email, datetime.now(UTC),
                                 get_config().deploy_url)
    except DomainError as error:
        print(f"no link made: {error}", file=sys.stderr)
        return 1
    print(url)
    return 0


def cmd_i18n_update(args: argparse.Namespace) -> int:
    from dashboard.catalogue import update_catalogue

    added, missing = update_catalogue("cy", args.file)
    print(f"{added} new strings added to the Welsh catalogue; {len(missing)} untranslated")
    for msgid in missing:
        print(f"  untranslated: {msgid}")
    return 0


def feature_command_modules() -> list:
    import importlib
    import pkgutil

    import dashboard.commands as package

    return [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name)
    ]


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="cymuned", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True)

    db = sub.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply migrations and refresh reference data").set_defaults(
        func=cmd_db_upgrade)

    seed = sub.add_parser("seed", help="load demo or synthetic data")
    kind = seed.add_mutually_exclusive_group(required=True)
    kind.add_argument("--demo", action="store_true", help="the realistic demo community")
    kind.add_argument("--synthetic", action="store_true", help="a large dataset for benchmarks")
    seed.add_argument("--if-empty", action="store_true",
                      help="only when the database has no community data yet")
    seed.add_argument("--random-seed", type=int, default=2023)
    seed.add_argument("--members", type=int, default=100_000)
    seed.add_argument("--bodies", type=int, default=2_000)
    seed.add_argument("--events", type=int, default=5_000)
    seed.add_argument("--attendance", type=int, default=1_000_000)
    seed.add_argument("--assessments", type=int, default=50_000)
    seed.set_defaults(func=cmd_seed)

    user = sub.add_parser("user", help="accounts")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", help="add an account")
    add.add_argument("--email", required=True)
    add.add_argument("--name")
    add.add_argument("--role", choices=["member", "steering", "admin"], default="member")
    add.add_argument("--member", help="link the account to this member (number or email)")
    add.set_defaults(func=cmd_user_add)
    reset = user_sub.add_parser("reset-link", help="print a link to set a new password")
    reset.add_argument("--email", required=True)
    reset.set_defaults(func=cmd_user_reset_link)
    # Feature commands (import, export, sync ...) live in dashboard/commands/<feature>.py,
    # each with register(sub, importers, exporters); found automatically.
    importers = sub.add_parser("import", help="import a file or URL").add_subparsers(
        dest="import_kind", required=True)
    exporters = sub.add_parser("export", help="export data").add_subparsers(
        dest="export_kind", required=True)
    for module in feature_command_modules():
        module.register(sub, importers, exporters)

    i18n = sub.add_parser("i18n", help="translation catalogues")
    i18n_sub = i18n.add_subparsers(dest="i18n_command", required=True)
    update = i18n_sub.add_parser("update", help="add new UI strings to the Welsh catalogue")
    update.add_argument("--file", default="messages",
                        help="which catalogue file gets the new strings (e.g. events)")
    update.set_defaults(func=cmd_i18n_update)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
