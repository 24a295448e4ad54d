"""The Members page's downloads as the backend serves them (Starlette test client)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from dashboard.endpoints.membership import routes
from tests import factories as f
from tests.http import client as http_client


def client():
    return http_client(routes)


def test_the_outreach_list_downloads_for_anyone_with_readable_labels(db):
    with Session(db) as session:
        covered = f.organisation(session, "cyngor-ynys-mon", body_type="local_authority")
        f.organisation(session, "cyngor-conwy", body_type="local_authority")
        f.member(session, covered, date(2025, 1, 1))
        session.commit()
    http = client()
    outreach = http.get("/api/members/bodies.csv?btype=local_authority&outreach=1")
    assert outreach.status_code == 200
    assert outreach.headers["content-type"].startswith("text/csv")
    assert 'filename="cymuned-outreach.csv"' in outreach.headers["content-disposition"]
    lines = outreach.content.decode("utf-8-sig").splitlines()
    assert lines == ["Body,Body (Welsh),Type of body,Region,Members",
                     "Cyngor-Conwy,cyngor-conwy (cy),Local authority,North Wales,0"]
    everything = http.get("/api/members/bodies.xlsx")
    assert everything.status_code == 200
    assert 'filename="cymuned-bodies.xlsx"' in everything.headers["content-disposition"]
    assert http.get("/api/members/bodies.pdf").status_code == 400


def test_the_directory_download_needs_a_signed_in_member(db):
    assert client().get("/api/members/export.csv").status_code == 403
