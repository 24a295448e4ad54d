"""Invitations and password resets: single-use, expiring links of which only a hash is kept;
an approval makes a member account possible; a reset ends every session; `--member`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from dashboard.domain.accounts import links
from dashboard.domain.accounts.invitations import (
    accept_invitation,
    decide_join_request,
    make_sign_in_link,
    open_invitation,
)
from dashboard.domain.accounts.joining import ask_to_join
from dashboard.domain.accounts.linking import member_to_link
from dashboard.domain.accounts.password_reset import (
    open_reset,
    request_password_reset,
    reset_password,
)
from dashboard.domain.auth import VISITOR, Actor, actor_for_token, create_user, start_session
from dashboard.domain.clock import utc_now
from dashboard.domain.errors import InvalidInput, NotFound, PermissionDenied
from dashboard.domain.membership.joining import JoinForm
from dashboard.domain.signing_in import SignInRefused, sign_in
from dashboard.models import AccountLink, AuditEntry, Member, Role, User, UserSession
from tests import factories as f

NOW = f.utc(2026, 6, 15, 12)
SITE = "https://cymuned.example"
PASSWORD = "a long new password 1"
STEERING = Actor(user_id=902, role=Role.STEERING, label="steering@example.org")
ADMIN = Actor(user_id=905, role=Role.ADMIN, label="admin@example.org")


def token_of(url: str) -> str:
    return url.rsplit("/", 1)[-1]


@pytest.fixture
def pending(session, test_actors) -> Member:
    org = f.organisation(session)
    return f.member(session, org, NOW.date(), status="pending", name="Siân Owen")


def approve(session, member: Member, now=NOW) -> str:
    decision = decide_join_request(session, STEERING, member.id, True, now, SITE)
    session.commit()
    assert decision.approved and decision.letter is not None
    return decision.url


def test_approval_issues_an_invitation_of_which_only_a_hash_is_kept(session, pending):
    url = approve(session, pending)
    assert url.startswith(f"{SITE}/invitation/")
    token = token_of(url)
    assert len(token) >= 43  # 256 random bits
    stored = session.exec(select(AccountLink)).one()
    assert stored.token_hash == links.token_hash(token) and token not in stored.token_hash
    assert stored.expires_at == NOW + timedelta(days=7)
    actions = [e.action for e in session.exec(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["approve_join", "invite"]


def test_the_invitation_letter_is_in_the_persons_language(session, pending):
    pending.language = "cy"
    decision = decide_join_request(session, STEERING, pending.id, True, NOW, SITE)
    letter = decision.letter
    assert letter.to == pending.email and letter.language == "cy"
    assert letter.subject == "Eich gwahoddiad i Cymuned"
    assert decision.url in letter.body and "Annwyl Siân Owen" in letter.body
    assert "tan 22 Mehefin 2026, 13:00" in letter.body  # a week on, in Welsh, UK time


def test_a_declined_request_gets_no_invitation(session, pending):
    decision = decide_join_request(session, STEERING, pending.id, False, NOW, SITE)
    assert not decision.approved and decision.url == "" and decision.letter is None
    assert session.exec(select(AccountLink)).all() == []


def test_a_member_cannot_approve_or_invite(session, pending):
    member = Actor(user_id=901, role=Role.MEMBER, label="member@example.org")
    with pytest.raises(PermissionDenied):
        decide_join_request(session, member, pending.id, True, NOW, SITE)


def test_the_invitation_makes_a_member_account_linked_to_the_record(session, pending):
    token = token_of(approve(session, pending))
    view = open_invitation(session, token, NOW + timedelta(days=1))
    assert (view.name, view.email, view.has_account) == ("Siân Owen", pending.email, False)
    with pytest.raises(InvalidInput, match="not the same"):
        accept_invitation(session, token, PASSWORD, PASSWORD + "x", NOW)
    with pytest.raises(InvalidInput, match="at least"):
        accept_invitation(session, token, "short", "short", NOW)
    assert accept_invitation(session, token, PASSWORD, PASSWORD, NOW) == pending.email
    session.commit()
    user = session.exec(select(User).where(User.email == pending.email)).one()
    assert (user.role, user.member_id) == ("member", pending.id)
    assert user.password_hash.startswith("$argon2id$")
    # They sign in as usual, as a member linked to their record.
    signed_in = sign_in(session, pending.email, PASSWORD)
    assert signed_in is not None and signed_in.actor.member_id == pending.id


def test_a_used_invitation_says_so_and_cannot_be_used_again(session, pending):
    token = token_of(approve(session, pending))
    accept_invitation(session, token, PASSWORD, PASSWORD, NOW)
    session.commit()
    with pytest.raises(NotFound) as error:
        open_invitation(session, token, NOW)
    assert error.value.msgid == links.USED
    with pytest.raises(NotFound) as error:
        accept_invitation(session, token, PASSWORD, PASSWORD, NOW)
    assert error.value.msgid == links.USED
    assert len(session.exec(select(User)).all()) == 3 + 1  # the test actors and the new one


def test_an_expired_invitation_says_so(session, pending):
    token = token_of(approve(session, pending))
    later = NOW + timedelta(days=7)
    with pytest.raises(NotFound) as error:
        accept_invitation(session, token, PASSWORD, PASSWORD, later)
    assert error.value.msgid == links.EXPIRED[links.INVITATION]
    with pytest.raises(NotFound) as error:
        open_invitation(session, "not-a-token", NOW)
    assert error.value.msgid == links.NOT_VALID


def test_the_lifetime_is_a_setting(session, pending, monkeypatch):
    monkeypatch.setenv("CYMUNED_INVITATION_DAYS", "2")
    token = token_of(approve(session, pending))
    open_invitation(session, token, NOW + timedelta(days=1))
    with pytest.raises(NotFound):
        open_invitation(session, token, NOW + timedelta(days=2))


def test_a_new_link_replaces_the_old_one(session, pending):
    first = token_of(approve(session, pending))
    second = token_of(make_sign_in_link(session, STEERING, pending.id, NOW, SITE).url)
    with pytest.raises(NotFound) as error:
        open_invitation(session, first, NOW)
    assert error.value.msgid == links.NOT_VALID
    assert open_invitation(session, second, NOW).name == "Siân Owen"


def test_an_existing_account_is_linked_only_with_its_own_password(session, pending):
    """No one can take over an account by asking to join with its email: an invitation to
    an email that already has an account links it only when its password is given."""
    create_user(session, email=pending.email, display_name="Siân", role=Role.ADMIN,
                password="the admin's own password")
    token = token_of(approve(session, pending))
    assert open_invitation(session, token, NOW).has_account
    with pytest.raises(InvalidInput, match="password of the account"):
        accept_invitation(session, token, PASSWORD, PASSWORD, NOW)
    accept_invitation(session, token, "the admin's own password", "", NOW)
    session.commit()
    user = session.exec(select(User).where(User.email == pending.email)).one()
    assert (user.role, user.member_id) == ("admin", pending.id)
    assert sign_in(session, pending.email, "the admin's own password") is not None


def test_a_reset_sets_the_password_and_ends_every_session(session, test_actors):
    user = create_user(session, email="rhys@example.org", display_name="Rhys",
                       role=Role.MEMBER, password="the old password 1")
    tokens = [start_session(session, user, NOW) for _ in range(2)]
    session.commit()
    letter = request_password_reset(session, VISITOR, " Rhys@Example.org", NOW, SITE)
    assert letter is not None and letter.to == "rhys@example.org"
    token = token_of(next(w for w in letter.body.split() if "/reset-password/" in w))
    assert open_reset(session, token, NOW) == "rhys@example.org"
    with pytest.raises(InvalidInput, match="not the same"):
        reset_password(session, token, PASSWORD, "other", NOW)
    assert reset_password(session, token, PASSWORD, PASSWORD, NOW) == "rhys@example.org"
    session.commit()
    assert session.exec(select(UserSession).where(UserSession.user_id == user.id)).all() == []
    assert all(not actor_for_token(session, t, NOW).signed_in for t in tokens)
    with pytest.raises(SignInRefused):
        sign_in(session, "rhys@example.org", "the old password 1")
    assert sign_in(session, "rhys@example.org", PASSWORD).actor.signed_in
    with pytest.raises(NotFound) as error:
        reset_password(session, token, PASSWORD, PASSWORD, NOW)
    assert error.value.msgid == links.USED
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "reset_password")).one()
    assert entry.after == {"sessions_ended": 2}


def test_a_reset_link_expires_after_two_hours(session, test_actors):
    create_user(session, email="rhys@example.org", display_name="Rhys", role=Role.MEMBER)
    letter = request_password_reset(session, VISITOR, "rhys@example.org", NOW, SITE)
    token = token_of(next(w for w in letter.body.split() if "/reset-password/" in w))
    with pytest.raises(NotFound) as error:
        reset_password(session, token, PASSWORD, PASSWORD, NOW + timedelta(hours=2))
    assert error.value.msgid == links.EXPIRED[links.PASSWORD_RESET]


def test_asking_for_a_reset_for_an_unknown_email_writes_and_sends_nothing(session):
    assert request_password_reset(session, VISITOR, "nobody@example.org", NOW, SITE) is None
    assert session.exec(select(AccountLink)).all() == []
    assert session.exec(select(AuditEntry)).all() == []


def test_steering_makes_reset_links_for_members_only_admins_for_anyone(session, test_actors):
    org = f.organisation(session)
    members = [f.member(session, org, NOW.date()) for _ in range(2)]
    create_user(session, email=members[0].email, display_name="M", role=Role.MEMBER,
                password=PASSWORD, member_id=members[0].id)
    create_user(session, email=members[1].email, display_name="S", role=Role.STEERING,
                password=PASSWORD, member_id=members[1].id)
    assert "/reset-password/" in make_sign_in_link(session, STEERING, members[0].id, NOW,
                                                   SITE).url
    with pytest.raises(PermissionDenied):
        make_sign_in_link(session, STEERING, members[1].id, NOW, SITE)
    assert "/reset-password/" in make_sign_in_link(session, ADMIN, members[1].id, NOW, SITE).url


def test_the_join_form_does_not_say_whether_an_email_is_known(session, pending):
    """A known email writes nothing and gets the same answer on screen (no error); the
    person is told by a letter instead."""
    org = f.organisation(session)
    form = JoinForm(full_name="Someone Else", email=pending.email.upper(),
                    organisation=str(org.id), language="cy", consent=True)
    letter = ask_to_join(session, VISITOR, form, NOW, SITE)
    assert letter is not None and letter.to == pending.email
    assert letter.language == "en" and f"{SITE}/forgot-password" in letter.body
    assert len(session.exec(select(Member)).all()) == 1
    new = ask_to_join(session, VISITOR, JoinForm(
        full_name="Nia", email="nia@example.org", organisation=str(org.id), consent=True),
        NOW, SITE)
    assert new is None and len(session.exec(select(Member)).all()) == 2
    with pytest.raises(InvalidInput):  # mistakes in the form are still named
        ask_to_join(session, VISITOR, JoinForm(full_name="", email=pending.email), NOW, SITE)


def test_member_to_link_by_number_or_email_with_clear_errors(session, test_actors):
    org = f.organisation(session)
    member = f.member(session, org, NOW.date())
    left = f.member(session, org, NOW.date(), status="left")
    assert member_to_link(session, str(member.id)) is member
    assert member_to_link(session, f" {member.email.upper()} ") is member
    with pytest.raises(NotFound, match="no member with the number or email address 99999"):
        member_to_link(session, "99999")
    with pytest.raises(NotFound):
        member_to_link(session, "nobody@example.org")
    with pytest.raises(InvalidInput, match="not a current member"):
        member_to_link(session, str(left.id))
    create_user(session, email="linked@example.org", display_name="L", role=Role.MEMBER,
                member_id=member.id)
    with pytest.raises(InvalidInput, match="already has an account: linked@example.org"):
        member_to_link(session, str(member.id))


def test_cymuned_user_add_links_the_account_to_a_member(session, test_actors, monkeypatch,
                                                        capsys):
    from dashboard import cli

    member = f.member(session, f.organisation(session), NOW.date(), name="Gwen Ŷr")
    session.commit()
    monkeypatch.setenv("CYMUNED_PASSWORD", PASSWORD)
    assert cli.main(["user", "add", "--email", "nobody@example.org", "--member",
                     "nobody@example.org"]) == 1
    assert "no member with the number or email address nobody@example.org" in (
        capsys.readouterr().err)
    assert cli.main(["user", "add", "--email", "gwen@example.org", "--member",
                     member.email.upper()]) == 0
    assert f"linked to member {member.id}" in capsys.readouterr().out
    session.expire_all()
    user = session.exec(select(User).where(User.email == "gwen@example.org")).one()
    assert (user.member_id, user.display_name, user.role) == (member.id, "Gwen Ŷr", "member")


def test_cymuned_user_reset_link_prints_a_working_link(session, test_actors, capsys):
    from dashboard import cli

    create_user(session, email="admin2@example.org", display_name="A", role=Role.ADMIN,
                password="the old password 1")
    session.commit()
    assert cli.main(["user", "reset-link", "--email", "nobody@example.org"]) == 1
    assert "no active account for nobody@example.org" in capsys.readouterr().err
    assert cli.main(["user", "reset-link", "--email", "Admin2@example.org"]) == 0
    url = capsys.readouterr().out.strip()
    assert "/reset-password/" in url
    assert open_reset(session, token_of(url), utc_now()) == "admin2@example.org"
