"""Eventbrite attendees (API v3) from a server on 127.0.0.1: continuation paging, the private
token as a bearer header, and the attendance import's own matching rules."""

from __future__ import annotations

import json

from sqlmodel import select

from dashboard.domain.sources.data_sources import SourceDraft, add_source
from dashboard.domain.sources.runs import run_source
from dashboard.models import Registration
from tests import factories as f
from tests.domain.test_sources import (  # noqa: F401  (fixtures)
    NOW,
    STEERING,
    clock,
    db,
    runs,
    server,
    transaction,
)
from tests.local_source import Answer

TOKEN = "PRIVATE-TOKEN-7d1e"


def page(attendees, more: bool, continuation: str | None = None) -> bytes:
    return json.dumps({
        "pagination": {"object_count": 3, "page_size": 2, "has_more_items": more,
                       **({"continuation": continuation} if continuation else {})},
        "attendees": [{"profile": {"email": email}, "checked_in": checked, "cancelled": gone,
                       "status": "Attending"} for email, checked, gone in attendees],
    }).encode()


def eventbrite_source(session, base: str, event_id: int) -> int:
    source_id = add_source(session, STEERING, SourceDraft(
        name="Webinar on Eventbrite", kind="eventbrite", schedule_minutes=60,
        secrets={"token": TOKEN},
        settings={"eventbrite_id": "123", "event_id": str(event_id), "api_url": base}), NOW)
    session.commit()
    return source_id


def test_attendees_on_every_page_become_attendance(session, server,  # noqa: F811
                                                   transaction):  # noqa: F811
    event = f.event(session, f.utc(2026, 11, 20, 10))
    session.commit()
    first = page([("a@example.org", True, False), ("b@example.org", False, False)], True,
                 "next-page")
    last = page([("c@example.org", True, False), ("gone@example.org", False, True)], False)
    server.serve("/events/123/attendees/", Answer(first), Answer(last), Answer(first),
                 Answer(last))
    source_id = eventbrite_source(session, server.base, event.id)
    outcome = run_source(transaction, source_id, clock)
    assert (outcome.status, outcome.added) == ("succeeded", 3), outcome.message
    (first_request, headers), (second_request, _) = server.requests[:2]
    assert headers["Authorization"] == f"Bearer {TOKEN}" and TOKEN not in first_request
    assert "continuation=next-page" in second_request
    again = run_source(transaction, source_id, clock)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    session.expire_all()
    registrations = session.exec(select(Registration)).all()
    assert sorted(r.attended for r in registrations) == [False, True, True]


def test_a_refused_token_fails_the_run_and_writes_nothing(session, server,  # noqa: F811
                                                         transaction):  # noqa: F811
    event = f.event(session, f.utc(2026, 11, 20, 10))
    session.commit()
    server.serve("/events/123/attendees/", Answer(b'{"error": "INVALID_AUTH"}', 401))
    source_id = eventbrite_source(session, server.base, event.id)
    outcome = run_source(transaction, source_id, clock)
    assert outcome.status == "failed" and "refused the token (HTTP 401)" in outcome.message
    assert TOKEN not in outcome.message
    session.expire_all()
    assert session.exec(select(Registration)).all() == []
