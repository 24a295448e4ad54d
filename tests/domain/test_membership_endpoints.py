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


def welsh_body(db):
    with Session(db) as session:
        f.organisation(session, "cyngor-gwynedd", body_type="local_authority", region="north")
        session.commit()


def test_the_bodies_list_comes_in_the_language_asked_for(db):
    welsh_body(db)
    http = client()
    asked = http.get("/api/members/bodies.csv?lang=cy").content.decode("utf-8-sig")
    assert asked.splitlines() == ["Corff,Corff (Cymraeg),Math o gorff,Rhanbarth,Aelodau",
                                  "Cyngor-Gwynedd,cyngor-gwynedd (cy),Awdurdod lleol,"
                                  "Gogledd Cymru,0"]
    # The reader's language, from the cookie the browser sends with the download...
    http.cookies.set("cymuned_lang", "cy")
    assert http.get("/api/members/bodies.csv").content.decode("utf-8-sig") == asked
    # ...unless the link asks for another; anything unknown is English.
    english = http.get("/api/members/bodies.csv?lang=en").content.decode("utf-8-sig")
    assert english.startswith("Body,Body (Welsh),Type of body,Region,Members")
    assert "Local authority,North Wales" in english
    unknown = client().get("/api/members/bodies.csv?lang=fr").content.decode("utf-8-sig")
    assert unknown == english


def test_the_directory_download_follows_the_readers_language(db):
    from dashboard.domain.auth import create_user, start_session
    from dashboard.models import Role

    with Session(db) as session:
        body = f.organisation(session, "cyngor-gwynedd", body_type="local_authority",
                              region="north")
        f.member(session, body, date(2025, 1, 1), name="Siân Prydderch")
        user = create_user(session, email="member@example.org", display_name="Member",
                           role=Role.MEMBER, password="correct horse battery staple")
        token = start_session(session, user)
        session.commit()
    http = client()
    http.cookies.set("cymuned_session", token)
    http.cookies.set("cymuned_lang", "cy")
    response = http.get("/api/members/export.csv")
    assert response.status_code == 200
    header, row = response.content.decode("utf-8-sig").splitlines()
    assert header.startswith("Enw,Sefydliad,Sefydliad (Cymraeg),Math o gorff,Rhanbarth,")
    assert "Siân Prydderch" in row and "Awdurdod lleol,Gogledd Cymru" in row
    assert "local_authority" not in row
    english = http.get("/api/members/export.csv?lang=en").content.decode("utf-8-sig")
    assert english.startswith("Name,Organisation,Organisation (Welsh),Type of body,Region,")
    assert "Local authority,North Wales" in english
