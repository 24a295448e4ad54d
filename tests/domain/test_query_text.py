"""A NUL byte or another control character in a search or filter (``?q=abc%00def``) is
dropped when the query object is built, so pages and exports answer normally on SQLite and
on PostgreSQL (which refuses NUL in text)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from dashboard.domain.auth import create_user, start_session
from dashboard.domain.membership.bodies import BodyQuery
from dashboard.domain.membership.directory import DirectoryQuery, search_members
from dashboard.domain.query_text import clean_query_text
from dashboard.endpoints.events import routes as feed_routes
from dashboard.endpoints.membership import routes as membership_routes
from dashboard.models import Role
from tests import factories as f
from tests.domain.test_membership import MEMBER, NOW, directory  # noqa: F401 - a fixture
from tests.http import client


def test_control_characters_and_lone_surrogates_are_dropped():
    assert clean_query_text("abc\x00def") == "abc def"
    assert clean_query_text("\x00\t data\r\nanalyst \x7f") == "data  analyst"
    assert clean_query_text("Ŵyn\ud800") == "Ŵyn"
    assert clean_query_text(None) == "" and clean_query_text("x" * 300) == "x" * 100


def test_every_way_of_making_a_directory_query_drops_them():
    assert DirectoryQuery.from_params({"q": "data\x00analyst", "region": "north\x00",
                                       "page": "2\x00"}) == DirectoryQuery(
        search="data analyst", region="north", page=2)
    assert DirectoryQuery(search="a\x00b").search == "a b"
    assert DirectoryQuery().with_changes(search="\x00ŵyn").search == "ŵyn"
    assert BodyQuery.from_params({"btype": "local_authority\x00"}).body_type == "local_authority"


@pytest.mark.usefixtures("test_actors")
def test_a_search_with_a_nul_byte_finds_what_the_text_around_it_does(directory, session):  # noqa: F811
    query = DirectoryQuery.from_params({"q": "Data\x00Analyst"})
    page = search_members(session, MEMBER, query, NOW)
    assert [row.full_name for row in page.rows] == ["Aled Jones", "Dafydd Price"]


def test_the_exports_and_feeds_answer_a_nul_byte_normally(db):
    with Session(db) as session:
        body = f.organisation(session, "cyngor-gwynedd", body_type="local_authority")
        f.member(session, body, date(2025, 1, 1), name="Siân Prydderch")
        user = create_user(session, email="member@example.org", display_name="Member",
                           role=Role.MEMBER, password="correct horse battery staple")
        token = start_session(session, user)
        session.commit()
    http = client(membership_routes)
    http.cookies.set("cymuned_session", token)
    found = http.get("/api/members/export.csv?q=Si%C3%A2n%00&type=%00")
    assert found.status_code == 200 and "Siân Prydderch" in found.content.decode("utf-8-sig")
    assert http.get("/api/members/export.xlsx?q=abc%00def").status_code == 200
    assert http.get("/api/members/bodies.csv?btype=%00&bregion=a%00b").status_code == 200
    assert client(feed_routes).get("/series/web%00inars.ics").status_code == 404
