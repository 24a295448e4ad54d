"""A spreadsheet at a web address (served from 127.0.0.1): members through the membership
import's own rules, the column mapping saved on the source, all or nothing."""

from __future__ import annotations

from sqlmodel import select

from dashboard.domain.sources.data_sources import SourceDraft, add_source
from dashboard.domain.sources.runs import run_source
from dashboard.models import Member
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

GOOD = ("Full name,Work address,Organisation,Consent\n"
        "Siân Evans,sian@example.org,Gwynedd Council,Yes\n"
        "Rhys Jones,rhys@example.org,Cardiff Council,Yes\n").encode()


def spreadsheet_source(session, url: str) -> int:
    source_id = add_source(session, STEERING, SourceDraft(
        name="Members export", kind="spreadsheet", schedule_minutes=60,
        secrets={"url": url},
        settings={"target": "members", "mapping": {"email": "Work address"}}), NOW)
    session.commit()
    return source_id


def test_members_from_a_spreadsheet_with_the_saved_mapping(reference, server,  # noqa: F811
                                                           transaction):  # noqa: F811
    session = reference
    url = server.serve("/members.csv", Answer(GOOD, etag='"m1"'))
    source_id = spreadsheet_source(session, url)
    first = run_source(transaction, source_id, clock)
    assert (first.status, first.added) == ("succeeded", 2), first.message
    again = run_source(transaction, source_id, clock)  # 304: nothing touched
    assert (again.status, again.added, again.updated) == ("succeeded", 0, 0)
    assert again.message == "The spreadsheet has not changed since the last run."
    session.expire_all()
    assert sorted(m.email for m in session.exec(select(Member)).all()) == \
        ["rhys@example.org", "sian@example.org"]


def test_a_rejected_row_or_a_sign_in_page_writes_nothing(reference, server,  # noqa: F811
                                                        transaction):  # noqa: F811
    session = reference
    bad = GOOD + b"No Consent,nc@example.org,Gwynedd Council,\n"
    url = server.serve("/members.csv", Answer(bad))
    source_id = spreadsheet_source(session, url)
    failed = run_source(transaction, source_id, clock)
    assert failed.status == "failed" and "rows have problems" in failed.message
    server.serve("/members.csv", Answer(b"<!DOCTYPE html><html><body>Sign in</body></html>",
                                       headers={"Content-Type": "text/html; charset=utf-8"}))
    login = run_source(transaction, source_id, clock)
    assert login.status == "failed" and "sign-in page" in login.message
    session.expire_all()
    assert session.exec(select(Member)).all() == []
    assert [r.status for r in runs(session)] == ["failed", "failed"]
