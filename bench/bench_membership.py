"""Membership at 100,000 members: one page of the directory, and what changing page costs
the browser (the state delta: one page of rows, as the state holds them, as JSON)."""

from __future__ import annotations

import json
from dataclasses import asdict

from sqlmodel import select

from bench.registry import benchmark
from dashboard.domain.auth import Actor
from dashboard.domain.membership.directory import DirectoryQuery, search_members
from dashboard.models import Organisation, Role

STEERING = Actor(user_id=None, role=Role.STEERING, label="bench")
MEMBER = Actor(user_id=None, role=Role.MEMBER, label="bench")


@benchmark("members_directory_page", target_ms=50)
def directory_page(session, now):
    """Page 3 of the whole directory, sorted by name."""
    return search_members(session, MEMBER, DirectoryQuery(page=3), now)


@benchmark("members_search_and_filter", target_ms=50)
def search_and_filter(session, now):
    """A search typed by the steering group (emails searched too) within one type of body."""
    query = DirectoryQuery(search="data", body_type="local_authority", sort="joined",
                           descending=True)
    return search_members(session, STEERING, query, now)


@benchmark("members_search_everyone", target_ms=50)
def search_everyone(session, now):
    """A member looks someone up by surname across the whole directory (no filter)."""
    return search_members(session, MEMBER, DirectoryQuery(search="jones"), now)


@benchmark("members_filter_by_body", target_ms=50)
def filter_by_body(session, now):
    org = session.exec(select(Organisation.id).where(Organisation.in_registry)
                       .order_by(Organisation.id)).first()
    return search_members(session, MEMBER, DirectoryQuery(organisation=org, region="north"), now)


def page_delta_bytes(session, now) -> int:
    """The JSON of one page of the directory as DirectoryState sends it when the page changes
    (typed rows, with emails: the largest case)."""
    from state.members import member_item

    page = search_members(session, STEERING, DirectoryQuery(page=2), now)
    delta = {"rows": [asdict(member_item(m)) for m in page.rows], "page": page.page,
             "pages": page.pages, "total": page.total}
    return len(json.dumps(delta, ensure_ascii=False).encode())


@benchmark("members_page_change_delta", target_ms=50)
def page_change(session, now):
    size = page_delta_bytes(session, now)
    if not getattr(page_change, "printed", False):
        print(f"bench members_page_change_delta_size {size} bytes (target < 20480 bytes)",
              flush=True)
        page_change.printed = True
    assert size < 20 * 1024, f"page change sends {size} bytes"
    return size


@benchmark("members_growth_and_coverage", target_ms=200)
def growth_and_coverage(session, now):
    """Every figure of the steering group's view: coverage both ways, growth, cohorts."""
    from dashboard.domain.membership.figures import cohort_retention, coverage_by, growth_by_month

    return (coverage_by(session, "body_type"), coverage_by(session, "region"),
            growth_by_month(session, now), cohort_retention(session, now))
