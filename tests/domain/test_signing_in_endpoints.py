"""Signing in and out through the backend routes (Starlette test client): the HttpOnly
cookie, the redirects, throttling, the audit log, and the demo."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import Session, select

from dashboard.domain import auth
from dashboard.domain.auth import actor_for_token, create_user
from dashboard.domain.signing_in import demo_account_key
from dashboard.domain.throttling import sign_in_throttle
from dashboard.endpoints.signing_in import routes
from dashboard.models import AuditEntry, Role, Setting, UserSession
from tests.http import client as http_client

PASSWORD = "correct horse battery staple"
SITE = {"origin": "http://testserver"}
FRONTEND = "http://localhost:3000"  # Reflex's deploy_url in dev: pages are on another port


@pytest.fixture(autouse=True)
def fresh_throttle():
    sign_in_throttle().reset()
    yield
    sign_in_throttle().reset()


@pytest.fixture
def account(db):
    with Session(db) as session:
        user = create_user(session, email="rhys@example.org", display_name="Rhys",
                           role=Role.STEERING, password=PASSWORD)
        session.commit()
        return user.id


def post(http, path, data, headers=SITE):
    return http.post(path, data=data, headers=headers, follow_redirects=False)


def audit_actions(db) -> list[AuditEntry]:
    with Session(db) as session:
        return session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()


def test_signing_in_sets_an_httponly_cookie_and_goes_back_to_the_page(db, account):
    http = http_client(routes)
    answer = post(http, "/auth/sign-in", {"email": " Rhys@Example.org ", "password": PASSWORD,
                                          "next": "/events/3"})
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{FRONTEND}/events/3"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("cymuned_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # served over plain HTTP (a laptop)
    assert "Max-Age=43200" in cookie  # CYMUNED_SESSION_MAX_HOURS' default, 12
    token = http.cookies["cymuned_session"]
    with Session(db) as session:
        assert actor_for_token(session, token).role == Role.STEERING
        stored = session.exec(select(UserSession)).one()
        assert stored.token_hash != token and stored.method == "password"
    assert audit_actions(db)[-1].action == "sign_in"


def test_the_cookie_is_secure_behind_an_https_proxy(db, account):
    answer = post(http_client(routes), "/auth/sign-in",
                  {"email": "rhys@example.org", "password": PASSWORD},
                  headers={**SITE, "x-forwarded-proto": "https"})
    assert "Secure" in answer.headers["set-cookie"]
    assert answer.headers["location"] == f"{FRONTEND}/"


def test_a_wrong_password_returns_to_the_form_and_is_audited_without_the_password(db, account):
    answer = post(http_client(routes), "/auth/sign-in",
                  {"email": "rhys@example.org", "password": "not the password",
                   "next": "/actions"})
    assert answer.status_code == 303 and "set-cookie" not in answer.headers
    assert answer.headers["location"] == f"{FRONTEND}/sign-in?problem=wrong&next=%2Factions"
    post(http_client(routes), "/auth/sign-in",
         {"email": "nobody@example.org", "password": "another guess"})
    known, unknown = audit_actions(db)
    assert known.action == unknown.action == "sign_in_failed"
    assert known.entity_id == str(account) and known.after["reason"] == "wrong password"
    assert unknown.entity_id is None and unknown.after["reason"] == "unknown email"
    everything = repr([(e.actor, e.before, e.after) for e in (known, unknown)])
    for secret in ("not the password", "another guess", "nobody@example.org", "testclient"):
        assert secret not in everything


def test_missing_and_malformed_details_are_named(db):
    http = http_client(routes)
    assert "problem=missing" in post(http, "/auth/sign-in", {"email": " "}).headers["location"]
    answer = post(http, "/auth/sign-in", {"email": "rhys.example.org", "password": "x"})
    assert "problem=format" in answer.headers["location"]
    assert audit_actions(db) == []


def test_a_form_from_another_site_is_refused(db, account):
    """Login CSRF: another site's page could otherwise sign a visitor in as someone else."""
    http = http_client(routes)
    for headers in ({"origin": "https://evil.example"}, {}):
        answer = post(http, "/auth/sign-in", {"email": "rhys@example.org", "password": PASSWORD},
                      headers=headers)
        assert "problem=form" in answer.headers["location"]
        assert "set-cookie" not in answer.headers
    referer = post(http, "/auth/sign-in", {"email": "rhys@example.org", "password": PASSWORD},
                   headers={"referer": f"{FRONTEND}/sign-in"})
    assert "cymuned_session=" in referer.headers["set-cookie"]


def test_going_back_never_leaves_the_site(db, account):
    answer = post(http_client(routes), "/auth/sign-in",
                  {"email": "rhys@example.org", "password": PASSWORD,
                   "next": "//evil.example/phish"})
    assert answer.headers["location"] == f"{FRONTEND}/"


def test_thirty_wrong_passwords_then_the_right_one_is_refused(db, account):
    http = http_client(routes)
    for _ in range(30):
        post(http, "/auth/sign-in", {"email": "rhys@example.org", "password": "guess"})
    answer = post(http, "/auth/sign-in", {"email": "rhys@example.org", "password": PASSWORD})
    assert "set-cookie" not in answer.headers
    assert answer.headers["location"] == f"{FRONTEND}/sign-in?problem=throttled&minutes=15"
    # Only the attempts that were checked are failures in the audit log (10 per account).
    assert [e.action for e in audit_actions(db)] == ["sign_in_failed"] * 10
    with Session(db) as session:
        assert session.exec(select(UserSession)).all() == []


def test_one_address_trying_many_accounts_is_throttled_too(db, account):
    http = http_client(routes)
    for n in range(50):
        post(http, "/auth/sign-in", {"email": f"person{n}@example.org", "password": "guess"})
    answer = post(http, "/auth/sign-in", {"email": "rhys@example.org", "password": PASSWORD})
    assert "problem=throttled" in answer.headers["location"]


def test_the_right_password_starts_the_accounts_count_again(db, account):
    http = http_client(routes)
    for _ in range(9):
        post(http, "/auth/sign-in", {"email": "rhys@example.org", "password": "guess"})
    assert "cymuned_session" in post(http, "/auth/sign-in", {
        "email": "rhys@example.org", "password": PASSWORD}).headers["set-cookie"]
    post(http, "/auth/sign-in", {"email": "rhys@example.org", "password": "guess"})
    assert "cymuned_session" in post(http, "/auth/sign-in", {
        "email": "rhys@example.org", "password": PASSWORD}).headers["set-cookie"]


def test_password_checks_run_off_the_event_loop(db, account, monkeypatch):
    checked_on: list[bool] = []
    real = auth.authenticate

    def watching(*args, **kwargs):
        try:
            asyncio.get_running_loop()
            checked_on.append(True)
        except RuntimeError:
            checked_on.append(False)
        return real(*args, **kwargs)

    monkeypatch.setattr("dashboard.domain.signing_in.authenticate", watching)
    post(http_client(routes), "/auth/sign-in", {"email": "rhys@example.org", "password": "x"})
    assert checked_on == [False]


def test_signing_out_clears_the_cookie_and_ends_the_session(db, account):
    http = http_client(routes)
    post(http, "/auth/sign-in", {"email": "rhys@example.org", "password": PASSWORD})
    token = http.cookies["cymuned_session"]
    answer = post(http, "/auth/sign-out", {})
    assert answer.status_code == 303 and answer.headers["location"] == f"{FRONTEND}/"
    assert 'cymuned_session=""' in answer.headers["set-cookie"]
    assert "Max-Age=0" in answer.headers["set-cookie"]
    with Session(db) as session:
        assert actor_for_token(session, token).role == Role.VISITOR
        assert session.exec(select(UserSession)).all() == []
    assert [e.action for e in audit_actions(db)] == ["sign_in", "sign_out"]


def test_signing_out_everywhere_ends_every_session_of_that_user_only(db, account):
    with Session(db) as session:
        other = create_user(session, email="other@example.org", display_name="Other",
                            role=Role.MEMBER)
        others = auth.start_session(session, other)
        session.commit()
    phone, laptop = http_client(routes), http_client(routes)
    for http in (phone, laptop):
        post(http, "/auth/sign-in", {"email": "rhys@example.org", "password": PASSWORD})
    laptop_token = laptop.cookies["cymuned_session"]
    answer = post(phone, "/auth/sign-out-everywhere", {})
    assert answer.headers["location"] == f"{FRONTEND}/sign-in?done=everywhere"
    with Session(db) as session:
        assert actor_for_token(session, laptop_token).role == Role.VISITOR
        assert actor_for_token(session, others).role == Role.MEMBER
    entry = audit_actions(db)[-1]
    assert entry.action == "sign_out_everywhere" and entry.after == {"sessions": 2}


def test_signing_in_deletes_expired_sessions(db, account):
    from datetime import timedelta

    from dashboard.models import User, utcnow

    with Session(db) as session:
        user = session.get(User, account)
        auth.start_session(session, user, now=utcnow() - timedelta(hours=13))
        session.commit()
    post(http_client(routes), "/auth/sign-in", {"email": "rhys@example.org", "password": PASSWORD})
    with Session(db) as session:
        assert len(session.exec(select(UserSession)).all()) == 1


def demo_accounts(db, demo: bool) -> None:
    with Session(db) as session:
        for role in (Role.MEMBER, Role.STEERING, Role.ADMIN):
            user = create_user(session, email=f"demo-{role.value}@example.org",
                               display_name=f"Demo {role.value}", role=role)
            session.add(Setting(key=demo_account_key(role), value=str(user.id)))
        if demo:
            session.add(Setting(key="dataset", value="demo"))
        session.commit()


def test_trying_the_demo_signs_in_as_that_role(db):
    demo_accounts(db, demo=True)
    http = http_client(routes)
    answer = post(http, "/auth/demo", {"role": "steering", "next": "/actions"})
    assert answer.headers["location"] == f"{FRONTEND}/actions"
    assert "HttpOnly" in answer.headers["set-cookie"]
    with Session(db) as session:
        actor = actor_for_token(session, http.cookies["cymuned_session"])
        assert actor.role == Role.STEERING and actor.label == "demo-steering@example.org"
        assert session.exec(select(UserSession)).one().method == "demo"


def test_the_demo_route_refuses_outside_demo_mode(db):
    demo_accounts(db, demo=False)
    answer = post(http_client(routes), "/auth/demo", {"role": "admin"})
    assert answer.headers["location"] == f"{FRONTEND}/sign-in?problem=demo"
    assert "set-cookie" not in answer.headers
    with Session(db) as session:
        session.add(Setting(key="dataset", value="demo"))
        session.commit()
    for role in ("visitor", "root", ""):
        assert "problem=demo" in post(http_client(routes), "/auth/demo",
                                      {"role": role}).headers["location"]


def test_signing_in_as_someone_else_ends_the_browsers_previous_session(db, account):
    with Session(db) as session:
        create_user(session, email="other@example.org", display_name="Other",
                    role=Role.MEMBER, password=PASSWORD)
        session.commit()
    http = http_client(routes)
    post(http, "/auth/sign-in", {"email": "rhys@example.org", "password": PASSWORD})
    first = http.cookies["cymuned_session"]
    post(http, "/auth/sign-in", {"email": "other@example.org", "password": PASSWORD})
    with Session(db) as session:
        assert actor_for_token(session, first).role == Role.VISITOR
        assert actor_for_token(session, http.cookies["cymuned_session"]).label == (
            "other@example.org")
        assert len(session.exec(select(UserSession)).all()) == 1


def test_the_cookie_is_secure_when_the_site_is_published_over_https(db, account, monkeypatch):
    from reflex.config import get_config

    monkeypatch.setattr(get_config(), "api_url", "https://cymuned.example")
    answer = post(http_client(routes), "/auth/sign-in",
                  {"email": "rhys@example.org", "password": PASSWORD})
    assert "Secure" in answer.headers["set-cookie"]
