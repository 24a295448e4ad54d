"""From approval to an account, through the handlers: the steering group's approval (a link
shown with no mail server, an email with one), the invitation page, the forgotten-password
and reset pages, and the join form's silence about known emails."""

from __future__ import annotations

import pytest
from reflex.istate.data import ReflexURL, RouterData, SessionData
from sqlmodel import Session, select

from dashboard.domain.accounts import rate_limits
from dashboard.models import AccountLink, Member, Organisation, Role, User, UserSession
from state.base import AppState, site_url
from state.forgot_password import ForgotPasswordState
from state.invitation import InvitationState
from state.join import JoinState
from state.members import JoinRequestsState
from state.reset_password import ResetPasswordState
from tests.domain.test_mail import start_server
from tests.state.helpers import run_async

PASSWORD = "a long new password 1"


def at(state, path: str, client_ip: str = "127.0.0.1"):
    """The state as the browser has it on ``path`` from ``client_ip``."""
    state.router = RouterData(url=ReflexURL(f"http://localhost{path}"),
                              session=SessionData(client_ip=client_ip))
    return state


@pytest.fixture(autouse=True)
def fresh_limits():
    rate_limits.reset()


@pytest.fixture
def no_mail(monkeypatch):
    monkeypatch.delenv("CYMUNED_SMTP_HOST", raising=False)


@pytest.fixture
def request_to_join(db) -> tuple[int, int]:
    with Session(db) as session:
        org = Organisation(slug="cyngor-gwynedd", name_en="Gwynedd Council",
                           name_cy="Cyngor Gwynedd", body_type="local_authority", region="north")
        session.add(org)
        session.flush()
        pending = Member(full_name="Owain Glyn", email="owain@example.org", status="pending",
                         organisation_id=org.id, language="cy")
        session.add(pending)
        session.commit()
        return pending.id, org.id


def test_with_no_mail_server_the_steering_group_is_shown_the_link(
        db, make_state, sign_in_as, request_to_join, no_mail):
    state = make_state(JoinRequestsState, token=sign_in_as(Role.STEERING))
    run_async(state.decide(request_to_join[0], True))
    assert state.link_url.startswith(site_url() + "/invitation/") and state.link_for == "Owain Glyn"
    assert "copy their link below" in state.notice and not state.notice_is_error
    state.lang = "cy"
    assert "copïwch eu dolen isod" in state.notice
    state.hide_link()
    assert state.link_url == ""


def test_with_a_mail_server_the_invitation_is_emailed(db, make_state, sign_in_as,
                                                      request_to_join, monkeypatch):
    inbox, controller = start_server(monkeypatch)
    try:
        state = make_state(JoinRequestsState, token=sign_in_as(Role.STEERING))
        run_async(state.decide(request_to_join[0], True))
    finally:
        controller.stop()
    assert state.link_url == "" and "has been emailed" in state.notice
    letter = inbox.messages[-1]
    assert letter["To"] == "owain@example.org" and letter["Content-Language"] == "cy"
    assert f"{site_url()}/invitation/" in letter.get_content()


def test_a_failed_email_still_leaves_the_link_to_send(db, make_state, sign_in_as,
                                                      request_to_join, monkeypatch):
    from tests.domain.test_mail import free_port

    monkeypatch.setenv("CYMUNED_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CYMUNED_SMTP_PORT", str(free_port()))  # nothing listens there
    monkeypatch.setenv("CYMUNED_SMTP_STARTTLS", "false")
    state = make_state(JoinRequestsState, token=sign_in_as(Role.STEERING))
    run_async(state.decide(request_to_join[0], True))
    assert state.notice_is_error and "could not be sent" in state.notice
    assert state.link_url.startswith(site_url() + "/invitation/")


def test_the_invitation_page_creates_the_account_once(db, make_state, sign_in_as,
                                                      request_to_join, no_mail):
    steering = make_state(JoinRequestsState, token=sign_in_as(Role.STEERING))
    run_async(steering.decide(request_to_join[0], True))
    path = steering.link_url.removeprefix(site_url())

    page = at(make_state(InvitationState), path)
    page.load()
    assert (page.problem, page.name, page.email) == ("", "Owain Glyn", "owain@example.org")
    page.submit({"password": PASSWORD, "confirm": "different"})
    assert page.notice_is_error and page.notice == "The two passwords are not the same."
    page.submit({"password": PASSWORD, "confirm": PASSWORD})
    assert page.done and "Sign in with owain@example.org" in page.notice
    with Session(db) as session:
        user = session.exec(select(User).where(User.email == "owain@example.org")).one()
        assert (user.role, user.member_id) == ("member", request_to_join[0])

    again = at(make_state(InvitationState, lang="cy"), path)
    again.load()
    assert again.problem.startswith("Mae’r ddolen hon wedi’i defnyddio’n barod")
    broken = at(make_state(InvitationState), "/invitation/nonsense")
    broken.load()
    assert broken.problem.startswith("This link does not work")


def test_forgot_password_never_says_whether_the_email_is_known(db, make_state, sign_in_as,
                                                                monkeypatch):
    inbox, controller = start_server(monkeypatch)
    sign_in_as(Role.MEMBER, email="rhys@example.org")
    try:
        answers = []
        for email in ("rhys@example.org", "nobody@example.org"):
            state = at(make_state(ForgotPasswordState), "/forgot-password")
            state.submit({"email": email})
            answers.append(state.notice.replace(email, "EMAIL"))
            assert state.sent and not state.notice_is_error
        assert answers[0] == answers[1]
        assert inbox.arrived.wait(timeout=10)
    finally:
        controller.stop()
    assert [m["To"] for m in inbox.messages] == ["rhys@example.org"]
    with Session(db) as session:
        assert len(session.exec(select(AccountLink)).all()) == 1


def test_forgot_password_without_mail_says_so_for_everyone(db, make_state, no_mail):
    state = at(make_state(ForgotPasswordState), "/forgot-password")
    state.submit({"email": "nobody@example.org"})
    assert state.notice.startswith("This site does not send email yet") and not state.sent


def test_the_reset_page_ends_every_session(db, make_state, sign_in_as, monkeypatch):
    inbox, controller = start_server(monkeypatch)
    token = sign_in_as(Role.MEMBER, email="rhys@example.org")
    try:
        at(make_state(ForgotPasswordState), "/forgot-password").submit(
            {"email": "rhys@example.org"})
        assert inbox.arrived.wait(timeout=10)
    finally:
        controller.stop()
    body = inbox.messages[-1].get_content()
    link = next(word for word in body.split() if "/reset-password/" in word)
    page = at(make_state(ResetPasswordState), link.removeprefix(site_url()))
    page.load()
    assert page.email == "rhys@example.org"
    page.submit({"password": PASSWORD, "confirm": PASSWORD})
    assert page.done and "signed out everywhere" in page.notice
    other_browser = make_state(AppState, token=token)
    other_browser.load_session()
    assert other_browser.role == "visitor"
    with Session(db) as session:
        assert session.exec(select(UserSession)).all() == []


def test_the_join_form_gives_the_same_answer_for_a_known_email(db, make_state,
                                                               request_to_join, no_mail):
    org = request_to_join[1]
    answers = []
    for email in ("OWAIN@example.org", "new.person@example.org"):
        state = at(make_state(JoinState), "/join")
        state.submit({"full_name": "Someone", "email": email, "organisation": str(org),
                      "consent": "on"})
        assert state.sent and not state.notice_is_error
        answers.append(state.notice)
    assert answers[0] == answers[1]
    with Session(db) as session:
        assert len(session.exec(select(Member)).all()) == 2  # the known email added nothing


def test_the_join_form_is_rate_limited_per_address(db, make_state, request_to_join,
                                                   monkeypatch, no_mail):
    monkeypatch.setenv("CYMUNED_JOIN_RATE_LIMIT", "2/minute")
    form = {"full_name": "", "email": "x@example.org"}
    for _ in range(2):
        state = at(make_state(JoinState), "/join", client_ip="203.0.113.7")
        state.submit(form)
        assert state.notice == "Enter your full name."
    state.submit(form)
    assert state.notice.startswith("Too many requests") and state.notice_is_error
    other = at(make_state(JoinState), "/join", client_ip="203.0.113.8")
    other.submit(form)
    assert other.notice == "Enter your full name."


def test_forgot_password_is_rate_limited_per_address(db, make_state, monkeypatch, no_mail):
    monkeypatch.setenv("CYMUNED_PASSWORD_RESET_RATE_LIMIT", "1/minute")
    state = at(make_state(ForgotPasswordState), "/forgot-password", client_ip="203.0.113.9")
    state.submit({"email": "a@example.org"})
    assert not state.notice.startswith("Too many")
    state.submit({"email": "a@example.org"})
    assert state.notice.startswith("Too many requests")


def test_the_steering_group_makes_a_new_link_from_a_profile(db, make_state, sign_in_as,
                                                            no_mail):
    from state.member_profile import MemberProfileState

    with Session(db) as session:
        person = Member(full_name="Gwen Ŷr", email="gwen@example.org")
        session.add(person)
        session.commit()
        member_id = person.id
    member = at(make_state(MemberProfileState, token=sign_in_as(Role.MEMBER)),
                f"/members/{member_id}")
    member.load()
    run_async(member.make_link())
    assert member.notice == "You do not have permission to do that." and member.link_url == ""
    steering = at(make_state(MemberProfileState, token=sign_in_as(Role.STEERING)),
                  f"/members/{member_id}")
    steering.load()
    run_async(steering.make_link())
    assert steering.link_url.startswith(site_url() + "/invitation/")  # no account yet
    assert steering.notice.startswith("No mail server is set up: copy the new link for Gwen")
    with Session(db) as session:
        session.add(User(email="gwen@example.org", display_name="Gwen", role="member",
                         member_id=member_id))
        session.commit()
    run_async(steering.make_link())
    assert steering.link_url.startswith(site_url() + "/reset-password/")


def test_the_privacy_notice_states_the_periods_the_code_applies(db, make_state, monkeypatch):
    from dashboard.models import Setting
    from state.privacy import PrivacyState

    monkeypatch.setenv("CYMUNED_PASSWORD_RESET_HOURS", "3")
    with Session(db) as session:
        session.add(Setting(key="membership.retention_days", value="400"))
        session.commit()
    state = make_state(PrivacyState)
    state.load()
    assert (state.retention_days, state.invitation_days, state.reset_hours,
            state.session_idle_minutes, state.session_hours) == (400, 7, 3, 60, 12)
