"""Membership handlers: who sees emails, who may decide join requests, the public form."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.models import AuditEntry, Member, Organisation, Role
from state.join import JoinState
from state.members import MemberProfileState, MembersState


@pytest.fixture
def people(db):
    with Session(db) as session:
        org = Organisation(slug="cyngor-ceredigion", name_en="Ceredigion County Council",
                           name_cy="Cyngor Sir Ceredigion", body_type="local_authority",
                           region="mid")
        session.add(org)
        session.flush()
        active = Member(full_name="Gwenllian Ŷr", email="gwen@example.org", organisation_id=org.id,
                        joined_on=date(2025, 2, 1), last_active_on=date(2025, 2, 1))
        pending = Member(full_name="Owain Glyn", email="owain@example.org", status="pending",
                         organisation_id=org.id)
        session.add_all([active, pending])
        session.commit()
        return {"org": org.id, "active": active.id, "pending": pending.id}


def snapshot(db):
    with Session(db) as session:
        members = [(m.id, m.status, m.joined_on) for m in session.exec(select(Member).order_by(Member.id))]
        return members, len(session.exec(select(AuditEntry)).all())


def load(state, query: dict[str, str] | None = None):
    from urllib.parse import urlencode

    state.router_data = {}
    state.router = type(state.router)(
        url=type(state.router.url)(f"http://localhost/members?{urlencode(query or {})}"))
    state.load()


def test_a_visitor_sees_no_names_no_emails_and_no_requests(db, make_state, people):
    state = make_state(MembersState)
    load(state)
    assert state.members == [] and state.requests == []
    assert state.bodies  # the public coverage is still there


def test_a_member_sees_names_but_no_emails(db, make_state, sign_in_as, people):
    state = make_state(MembersState, token=sign_in_as(Role.MEMBER))
    load(state)
    assert [m["name"] for m in state.members] == ["Gwenllian Ŷr"]
    assert all(m["email"] == "" for m in state.members)
    assert state.requests == []
    load(state, {"q": "gwen@example.org"})
    assert state.members == []


def test_the_steering_group_sees_emails_and_requests(db, make_state, sign_in_as, people):
    state = make_state(MembersState, token=sign_in_as(Role.STEERING))
    load(state, {"q": "GWEN@example.org"})
    assert [m["email"] for m in state.members] == ["gwen@example.org"]
    assert [r["name"] for r in state.requests] == ["Owain Glyn"]


def test_filters_come_from_the_url_and_junk_is_ignored(db, make_state, sign_in_as, people):
    state = make_state(MembersState, token=sign_in_as(Role.MEMBER))
    load(state, {"region": "north", "sort": "nonsense", "page": "abc"})
    assert state.filters["region"] == "north" and state.sort == "name"
    assert state.members == [] and state.members_total == 0
    load(state, {"region": "mid", "q": "ŷr"})
    assert [m["name"] for m in state.members] == ["Gwenllian Ŷr"]


@pytest.mark.parametrize("role", [None, Role.MEMBER])
def test_visitor_and_member_cannot_approve_a_join(db, make_state, sign_in_as, people, role):
    token = sign_in_as(role) if role else ""
    before = snapshot(db)
    state = make_state(MembersState, token=token)
    state.role = Role.ADMIN.value  # what the browser claims is not trusted
    state.decide(str(people["pending"]), True)
    assert snapshot(db) == before
    assert state.notice == "You do not have permission to do that."


def test_the_steering_group_approves_and_it_is_audited(db, make_state, sign_in_as, people):
    state = make_state(MembersState, token=sign_in_as(Role.STEERING))
    load(state)
    state.decide(str(people["pending"]), True)
    assert state.notice == "Owain Glyn is now a member."
    assert state.requests == []
    with Session(db) as session:
        assert session.get(Member, people["pending"]).status == "active"
        entry = session.exec(select(AuditEntry)).one()
        assert (entry.action, entry.actor) == ("approve_join", "steering@example.org")


def test_a_visitor_cannot_read_a_profile_and_a_member_sees_no_email(db, make_state, sign_in_as,
                                                                     people):
    def open_profile(token):
        state = make_state(MemberProfileState, token=token)
        state.router = type(state.router)(
            url=type(state.router.url)(f"http://localhost/members/{people['active']}"))
        state.load()
        return state

    visitor = open_profile("")
    assert not visitor.found and visitor.profile == {}
    member = open_profile(sign_in_as(Role.MEMBER))
    assert member.found and member.profile["email"] == ""
    steering = open_profile(sign_in_as(Role.STEERING))
    assert steering.profile["email"] == "gwen@example.org"


def test_the_join_form_creates_a_pending_request_or_explains_in_welsh(db, make_state, people):
    form = {"full_name": "Nia Ben", "email": " NIA@Example.org", "organisation": str(people["org"]),
            "language": "cy", "consent": "on"}
    state = make_state(JoinState, lang="cy")
    state.submit({**form, "consent": ""})
    assert state.notice_is_error and not state.sent
    assert state.notice != "To join, agree to the community holding your details."
    state.submit(form)
    assert state.sent and not state.notice_is_error
    with Session(db) as session:
        assert session.exec(select(Member.status).where(Member.email == "nia@example.org")).one() == "pending"


def test_coverage_is_public_but_growth_is_for_members(db, make_state, sign_in_as, people):
    visitor = make_state(MembersState)
    load(visitor)
    assert [(r["key"], r["represented"], r["total"]) for r in visitor.coverage_regions] == [
        ("mid", "1", "1")]
    assert visitor.growth == [] and visitor.cohorts == []
    member = make_state(MembersState, token=sign_in_as(Role.MEMBER))
    load(member)
    assert len(member.growth) == 12 and len(member.cohorts) == 12
    load(member, {"months": "24"})
    assert member.growth_months == "24" and len(member.growth) == 24
    member.set_growth_months("36")
    assert len(member.growth) == 36 and len(member.cohorts) == 36
    member.set_growth_months("1000")  # not one of the periods: ignored
    assert member.growth_months == "36" and len(member.growth) == 36
    load(member, {"months": "junk"})
    assert member.growth_months == "12"


def test_the_outreach_list_filters_from_the_url_and_from_coverage(db, make_state, people):
    with Session(db) as session:
        session.add_all([
            Organisation(slug="heddlu-dyfed-powys", name_en="Dyfed-Powys Police",
                         name_cy="Heddlu Dyfed-Powys", body_type="police", region="mid"),
            Organisation(slug="heddlu-gogledd-cymru", name_en="North Wales Police",
                         name_cy="Heddlu Gogledd Cymru", body_type="police", region="north"),
        ])
        session.commit()
    visitor = make_state(MembersState)
    load(visitor, {"btype": "police", "outreach": "1"})
    assert visitor.unrepresented_only and visitor.body_filters == {"btype": "police",
                                                                   "bregion": ""}
    assert [b["name_en"] for b in visitor.bodies] == ["Dyfed-Powys Police", "North Wales Police"]
    assert visitor.bodies_query_string == "btype=police&outreach=1"
    visitor.set_body_filter("bregion", "north")
    assert [b["name_en"] for b in visitor.bodies] == ["North Wales Police"]
    visitor.set_body_filter("nonsense", "x")  # not a filter: nothing changes
    assert visitor.body_filters == {"btype": "police", "bregion": "north"}
    visitor.set_body_filter("bregion", "atlantis")  # not a region: the filter is cleared
    assert visitor.body_filters == {"btype": "police", "bregion": ""}
    visitor.set_body_filter("bregion", "north")
    # From the coverage table: Mid Wales has one body without a member.
    mid = next(r for r in visitor.coverage_regions if r["key"] == "mid")
    assert (mid["represented"], mid["total"], mid["missing"]) == ("1", "2", "1")
    visitor.show_outreach("bregion", "mid")
    assert visitor.body_filters == {"btype": "", "bregion": "mid"} and visitor.unrepresented_only
    assert [b["name_en"] for b in visitor.bodies] == ["Dyfed-Powys Police"]
    visitor.toggle_unrepresented(False)
    assert [b["name_en"] for b in visitor.bodies] == ["Ceredigion County Council",
                                                      "Dyfed-Powys Police"]


def test_a_member_can_edit_only_their_own_profile(db, make_state, people):
    from dashboard.domain.auth import create_user, start_session

    with Session(db) as session:
        own = create_user(session, email="gwen@example.org", display_name="Gwen", role=Role.MEMBER,
                          password="correct horse battery staple", member_id=people["active"])
        token = start_session(session, own)
        other = Member(full_name="Someone Else", email="else@example.org", joined_on=date(2025, 1, 1))
        session.add(other)
        session.commit()
        other_id = other.id

    def open_profile(member_id):
        state = make_state(MemberProfileState, token=token)
        state.router = type(state.router)(
            url=type(state.router.url)(f"http://localhost/members/{member_id}"))
        state.load()
        return state

    directory = make_state(MembersState, token=token)
    load(directory)
    assert directory.my_profile == f"/members/{people['active']}"

    mine = open_profile(people["active"])
    assert mine.can_edit
    mine.save({"full_name": "Gwenllian Ŷr-Jones", "job_title": "Arweinydd data", "language": "cy"})
    assert mine.notice == "The profile was saved."
    assert mine.profile["name"] == "Gwenllian Ŷr-Jones"

    theirs = open_profile(other_id)
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


def test_only_the_member_themselves_or_the_steering_group_records_leaving(db, make_state,
                                                                          sign_in_as, people):
    from dashboard.domain.auth import create_user, start_session

    with Session(db) as session:
        own = create_user(session, email="gwen@example.org", display_name="Gwen", role=Role.MEMBER,
                          password="correct horse battery staple", member_id=people["active"])
        token = start_session(session, own)
        session.commit()

    def profile(member_token):
        state = make_state(MemberProfileState, token=member_token)
        state.router = type(state.router)(
            url=type(state.router.url)(f"http://localhost/members/{people['active']}"))
        state.load()
        return state

    before = snapshot(db)
    someone_else = profile(sign_in_as(Role.MEMBER))
    someone_else.leave()
    assert someone_else.notice_is_error and snapshot(db) == before

    mine = profile(token)
    mine.ask_to_leave(True)
    mine.leave()
    assert mine.notice == "Recorded as having left the community today."
    with Session(db) as session:
        assert session.get(Member, people["active"]).status == "left"
