"""Member profile handlers: who may read a profile and its email, who may edit it, record
leaving or erase it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from dashboard.models import Member, Role
from state.member_profile import MemberProfile, MemberProfileState
from state.rows import Bilingual
from tests.state.test_members import people, snapshot  # noqa: F401 - the shared fixture


@pytest.fixture
def own_token(db, people):  # noqa: F811 - the fixture above
    """A member account linked to the member Gwenllian."""
    from dashboard.domain.auth import create_user, start_session

    with Session(db) as session:
        own = create_user(session, email="gwen@example.org", display_name="Gwen", role=Role.MEMBER,
                          password="correct horse battery staple", member_id=people["active"])
        token = start_session(session, own)
        session.commit()
    return token


def open_profile(make_state, token: str, member_id) -> MemberProfileState:
    state = make_state(MemberProfileState, token=token)
    state.router = type(state.router)(
        url=type(state.router.url)(f"http://localhost/members/{member_id}"))
    state.load()
    return state


def test_a_visitor_cannot_read_a_profile_and_a_member_sees_no_email(db, make_state, sign_in_as,
                                                                     people):  # noqa: F811
    visitor = open_profile(make_state, "", people["active"])
    assert not visitor.found and visitor.profile == MemberProfile()
    assert visitor.problem == "Members' profiles are shown to signed-in members only."
    member = open_profile(make_state, sign_in_as(Role.MEMBER), people["active"])
    assert member.found and member.profile.email == "" and member.problem == ""
    assert member.profile.name == "Gwenllian Ŷr" and not member.can_edit
    assert member.profile.organisation == Bilingual("Ceredigion County Council",
                                                    "Cyngor Sir Ceredigion")
    assert member.profile.joined == Bilingual("1 Feb 2025", "1 Chwef 2025")
    assert (member.profile.registered, member.profile.attended, member.events) == (0, 0, [])
    steering = open_profile(make_state, sign_in_as(Role.STEERING), people["active"])
    assert steering.profile.email == "gwen@example.org" and steering.can_edit


@pytest.mark.parametrize("raw", ["abc", "0", "999"])
def test_an_id_with_no_member_says_so(db, make_state, sign_in_as, people, raw):  # noqa: F811
    state = open_profile(make_state, sign_in_as(Role.MEMBER), raw)
    assert not state.found and state.problem == "There is no member with that number."
    # A request to join is not a profile, except for the steering group.
    state = open_profile(make_state, sign_in_as(Role.MEMBER, "m2@example.org"), people["pending"])
    assert not state.found and state.problem == "There is no member with that number."


def test_a_member_can_edit_only_their_own_profile(db, make_state, people, own_token):  # noqa: F811
    with Session(db) as session:
        other = Member(full_name="Someone Else", email="else@example.org",
                       joined_on=date(2025, 1, 1))
        session.add(other)
        session.commit()
        other_id = other.id

    mine = open_profile(make_state, own_token, people["active"])
    assert mine.can_edit
    mine.save({"full_name": "Gwenllian Ŷr-Jones", "job_title": "Arweinydd data", "language": "cy"})
    assert mine.notice == "The profile was saved."
    assert mine.profile.name == "Gwenllian Ŷr-Jones" and mine.profile.language == "cy"

    theirs = open_profile(make_state, own_token, other_id)
    assert not theirs.can_edit
    before = snapshot(db)
    theirs.save({"full_name": "Hacked", "language": "en"})
    assert theirs.notice == "You do not have permission to do that."
    # A member cannot give themselves a role either.
    mine.save({"full_name": "Gwen", "language": "en", "community_role": "chair"})
    assert mine.notice == "You do not have permission to do that."
    mine.erase()
    assert snapshot(db) == before
    with Session(db) as session:
        assert session.get(Member, other_id).full_name == "Someone Else"
        assert session.get(Member, people["active"]).community_role == "member"


def test_only_the_member_themselves_or_the_steering_group_records_leaving(
        db, make_state, sign_in_as, people, own_token):  # noqa: F811
    before = snapshot(db)
    someone_else = open_profile(make_state, sign_in_as(Role.MEMBER), people["active"])
    someone_else.leave()
    assert someone_else.notice_is_error and snapshot(db) == before

    mine = open_profile(make_state, own_token, people["active"])
    mine.ask_to_leave(True)
    mine.leave()
    assert mine.notice == "Recorded as having left the community today."
    assert mine.found and mine.profile.status == "left" and not mine.confirm_leave
    with Session(db) as session:
        assert session.get(Member, people["active"]).status == "left"


def test_the_steering_group_erases_a_member(db, make_state, sign_in_as, people):  # noqa: F811
    state = open_profile(make_state, sign_in_as(Role.STEERING), people["active"])
    state.ask_to_erase(True)
    state.erase()
    assert state.notice.startswith("The member's personal data was erased.")
    assert not state.found and state.profile == MemberProfile() and state.problem == ""
    with Session(db) as session:
        assert session.get(Member, people["active"]).status == "erased"
