"""Signing in with one's organisation (OpenID Connect) against a local provider on
127.0.0.1 (tests/openid_provider.py): the code flow with PKCE, and every check on the ID
token, through the backend routes."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc.jwk import RSAKey
from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain.auth import actor_for_token
from dashboard.endpoints import organisation_sign_in, signing_in
from dashboard.models import AuditEntry, Role, User, UserIdentity, UserSession
from tests import factories as f
from tests.http import client as http_client
from tests.openid_provider import ALLOWED_TENANT, CLIENT_ID, OTHER_TENANT, OpenIdProvider

SITE = {"origin": "http://testserver"}
FRONTEND = "http://localhost:3000"


@pytest.fixture(scope="module")
def provider():
    running = OpenIdProvider().start()
    yield running
    running.stop()


@pytest.fixture
def configured(provider, monkeypatch):
    for name, value in provider.settings().items():
        monkeypatch.setenv(name, value)
    return provider


@pytest.fixture
def member(db):
    with Session(db) as session:
        body = f.organisation(session, "cyngor-gwynedd", body_type="local_authority")
        person = f.member(session, body, date(2025, 1, 1), name="Siân Prydderch")
        person.email = "sian@gwynedd.example"
        session.add(person)
        session.commit()
        return person.id, body.id


def client():
    return http_client(signing_in.routes + organisation_sign_in.routes)


def through_provider(http, provider, next_page="/events"):
    """Press the button, let the provider sign the person in, follow it back."""
    start = http.post("/auth/organisation", data={"next": next_page}, headers=SITE,
                      follow_redirects=False)
    assert start.status_code == 303, start.headers.get("location")
    authorize = httpx.get(start.headers["location"], follow_redirects=False)
    assert authorize.status_code == 302, authorize.text
    back = urlsplit(authorize.headers["location"])
    assert back.path == "/auth/organisation/callback"
    return http.get(f"{back.path}?{back.query}", follow_redirects=False)


def stored(db) -> dict[str, int]:
    with Session(db) as session:
        return {model.__name__: session.exec(select(func.count()).select_from(model)).one()
                for model in (User, UserIdentity, UserSession, AuditEntry)}


def test_a_member_signs_in_with_their_organisation_and_gets_a_member_account(
        db, configured, member):
    member_id, body_id = member
    configured.sign_in_as("Sian@Gwynedd.example", subject="sub-sian")
    http = client()
    before = configured.pkce_checked
    answer = through_provider(http, configured)
    assert answer.status_code == 303 and answer.headers["location"] == f"{FRONTEND}/events"
    assert "HttpOnly" in answer.headers["set-cookie"]
    assert configured.pkce_checked == before + 1  # the code came back with its verifier
    with Session(db) as session:
        actor = actor_for_token(session, http.cookies["cymuned_session"])
        assert actor.role == Role.MEMBER and actor.member_id == member_id
        identity = session.exec(select(UserIdentity)).one()
        assert (identity.subject, identity.tenant_id, identity.organisation_id) == (
            "sub-sian", ALLOWED_TENANT, body_id)
        assert identity.issuer == f"{configured.base}/{ALLOWED_TENANT}/v2.0"
        assert session.exec(select(UserSession)).one().method == "organisation"
    # The second time, the identity finds the same account.
    again = client()
    configured.sign_in_as("sian@gwynedd.example", subject="sub-sian")
    assert "cymuned_session=" in through_provider(again, configured).headers["set-cookie"]
    counts = stored(db)
    assert (counts["User"], counts["UserIdentity"], counts["UserSession"]) == (1, 1, 2)


def test_an_existing_account_is_linked_not_duplicated(db, configured, member):
    from dashboard.domain.auth import create_user

    with Session(db) as session:
        create_user(session, email="sian@gwynedd.example", display_name="Siân",
                    role=Role.STEERING, member_id=member[0])
        session.commit()
    configured.sign_in_as("sian@gwynedd.example")
    http = client()
    through_provider(http, configured)
    with Session(db) as session:
        assert actor_for_token(session, http.cookies["cymuned_session"]).role == Role.STEERING
    assert stored(db)["User"] == 1


@pytest.mark.parametrize(("person", "changes", "problem"), [
    ({"tenant": OTHER_TENANT}, {}, "organisation-tenant"),
    ({}, {"aud": "another-application"}, "organisation-audience"),
    ({}, {"iss": "https://impostor.example/v2.0"}, "organisation-issuer"),
    ({}, {"nonce": "replayed"}, "organisation-expired"),
    ({"verified": False}, {}, "organisation-email"),
    ({}, {"exp": 1_000_000_000}, "organisation-token"),
    ({}, {"sign_with": "other key"}, "organisation-token"),
])
def test_a_token_that_is_wrong_is_refused_with_its_reason_and_nothing_stored(
        db, configured, member, person, changes, problem):
    if changes.get("sign_with"):
        changes["sign_with"] = RSAKey.generate_key(2048, parameters={"kid": "provider-key"})
    configured.sign_in_as("sian@gwynedd.example", **person, **changes)
    before = stored(db)
    answer = through_provider(client(), configured, next_page="/members")
    assert answer.status_code == 303 and "cymuned_session=" not in answer.headers.get(
        "set-cookie", "")
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query == {"problem": [problem], "next": ["/members"]}
    assert stored(db) == before


def test_someone_who_is_not_a_member_is_told_to_join_first(db, configured, member):
    configured.sign_in_as("stranger@gwynedd.example")
    answer = through_provider(client(), configured)
    assert "problem=organisation-member" in answer.headers["location"]
    assert stored(db)["User"] == 0


def test_the_callback_needs_the_state_this_browser_was_given(db, configured, member):
    configured.sign_in_as("sian@gwynedd.example")
    http = client()
    start = http.post("/auth/organisation", data={}, headers=SITE, follow_redirects=False)
    back = urlsplit(httpx.get(start.headers["location"], follow_redirects=False)
                    .headers["location"])
    code = parse_qs(back.query)["code"][0]
    # Another browser (no flow cookie), or a forged state: refused before any exchange.
    assert "problem=organisation-expired" in client().get(
        f"{back.path}?{back.query}", follow_redirects=False).headers["location"]
    assert "problem=organisation-expired" in http.get(
        f"{back.path}?code={code}&state=forged", follow_redirects=False).headers["location"]
    assert stored(db)["UserSession"] == 0


def test_the_authorization_request_uses_pkce_state_and_nonce(configured):
    start = client().post("/auth/organisation", data={}, headers=SITE, follow_redirects=False)
    asked = parse_qs(urlsplit(start.headers["location"]).query)
    assert asked["client_id"] == [CLIENT_ID] and asked["response_type"] == ["code"]
    assert asked["code_challenge_method"] == ["S256"] and len(asked["code_challenge"][0]) == 43
    assert asked["state"][0] and asked["nonce"][0] and "openid" in asked["scope"][0]
    cookie = start.headers["set-cookie"]
    assert cookie.startswith("cymuned_oidc=") and "HttpOnly" in cookie
    assert "Path=/auth/organisation/callback" in cookie
    assert asked["state"][0] not in cookie  # encrypted, not just signed


def test_it_is_off_unless_configured(db):
    answer = client().post("/auth/organisation", data={}, headers=SITE, follow_redirects=False)
    assert answer.headers["location"] == f"{FRONTEND}/sign-in?problem=organisation-off"
