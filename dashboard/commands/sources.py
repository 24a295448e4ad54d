"""``cymuned sources list | add | sync NAME | scheduler``: data sources from the command line."""

from __future__ import annotations

import argparse
import os
import sys

SECRET_OPTIONS = {"url": "CYMUNED_SOURCE_URL", "api_key": "CYMUNED_SOURCE_API_KEY",
                  "token": "CYMUNED_SOURCE_TOKEN"}


def cmd_list(args: argparse.Namespace) -> int:
    from dashboard.db import transaction
    from dashboard.domain.auth import SYSTEM
    from dashboard.domain.clock import utc_now
    from dashboard.domain.sources.data_sources import list_sources

    with transaction() as session:
        rows = list_sources(session, SYSTEM, utc_now())
    for row in rows:
        last = row.last_success_at.isoformat(timespec="minutes") if row.last_success_at else "-"
        every = f"every {row.schedule_minutes} min" if row.schedule_minutes else "by hand"
        print(f"{row.id:>4}  {row.name}  [{row.kind}, {every}, {row.health}]  "
              f"last good: {last}  {row.address}")
        if row.last_message:
            print(f"      last run: {row.last_status}: {row.last_message}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from dashboard.db import transaction
    from dashboard.domain.auth import SYSTEM
    from dashboard.domain.clock import utc_now
    from dashboard.domain.errors import DomainError
    from dashboard.domain.sources.data_sources import SourceDraft, add_source

    # Secrets from the environment, so they stay out of the shell's history.
    secrets = {key: os.environ.get(env, "") for key, env in SECRET_OPTIONS.items()}
    if args.url:
        secrets["url"] = args.url
    settings: dict = {}
    for item in args.setting or []:
        key, _, value = item.partition("=")
        if key.startswith("map."):  # a spreadsheet's column: map.email="Work email"
            settings.setdefault("mapping", {})[key[4:]] = value
        else:
            settings[key] = value
    draft = SourceDraft(name=args.name, name_cy=args.name_cy or "", kind=args.kind,
                        schedule_minutes=args.every, secrets=secrets, settings=settings)
    try:
        with transaction() as session:
            source_id = add_source(session, SYSTEM, draft, utc_now())
    except DomainError as error:
        print(f"not added: {error}", file=sys.stderr)
        return 1
    print(f"added source {source_id}: {args.name}")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from dashboard.db import transaction
    from dashboard.domain.clock import utc_now
    from dashboard.domain.errors import DomainError
    from dashboard.domain.sources.data_sources import source_by_name
    from dashboard.domain.sources.runs import run_source

    try:
        with transaction() as session:
            source_id = source_by_name(session, args.name).id
    except DomainError as error:
        print(str(error), file=sys.stderr)
        return 1
    outcome = run_source(transaction, source_id, utc_now)
    print(f"{outcome.status}: {outcome.message}")
    return 0 if outcome.status == "succeeded" else 1


def cmd_scheduler(args: argparse.Namespace) -> int:
    import asyncio
    import logging

    from dashboard.scheduler import run_scheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        asyncio.run(run_scheduler())
    except KeyboardInterrupt:
        pass
    return 0


def register(sub, importers, exporters) -> None:
    from dashboard.models import SourceKind

    sources = sub.add_parser("sources", help="data sources: list, add, sync, run the scheduler")
    actions = sources.add_subparsers(dest="sources_action", required=True)
    actions.add_parser("list", help="every source, its health and last run").set_defaults(
        func=cmd_list)
    add = actions.add_parser(
        "add", help="add a source (secrets from CYMUNED_SOURCE_URL, _API_KEY or _TOKEN)")
    add.add_argument("name")
    add.add_argument("--kind", required=True, choices=[k.value for k in SourceKind])
    add.add_argument("--name-cy", help="the name in Welsh")
    add.add_argument("--url", help="the address (or CYMUNED_SOURCE_URL, kept out of history)")
    add.add_argument("--every", type=int, default=60, help="minutes between runs (0: by hand)")
    add.add_argument("--setting", action="append",
                     help="KEY=VALUE for the kind, repeatable: target=members|attendance, "
                          "event_id=N, map.FIELD=Heading (a spreadsheet's columns)")
    add.set_defaults(func=cmd_add)
    sync = actions.add_parser("sync", help="run one source now")
    sync.add_argument("name")
    sync.set_defaults(func=cmd_sync)
    actions.add_parser(
        "scheduler", help="run the scheduler as its own process (the app's workers run it too)"
    ).set_defaults(func=cmd_scheduler)
