"""UK GDPR erasure is complete and cannot be undone by accident: nothing in the audit log,
the attendance or the text index names the person, a re-import refuses them, and erasing
never locks out an admin."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import select

from dashboard import search_index
from dashboard.domain.audit import actor_name
from dashboard.domain.auth import VISITOR, Actor, create_user
from dashboard.domain.errors import InvalidInput, PermissionDenied
from dashboard.domain.events.attendance_import import import_attendance, source_key
from dashboard.domain.membership.directory import DirectoryQuery, search_members
from dashboard.domain.membership.joining import JoinForm, decide_join, request_to_join
from dashboard.domain.membership.lifecycle import ProfileChanges, erase_member, update_profile
from dashboard.domain.membership.member_import import preview_import, read_table, suggest_mapping
from dashboard.keys import keyed_hash
from dashboard.models import AuditEntry, ErasedPerson, Registration, Role, User
from tests import factories as f

NOW = f.utc(2026, 6, 15, 12)
STEERING = Actor(user_id=902, role=Role.STEERING, label="steering@example.org")
ADMIN = Actor(user_id=905, role=Role.ADMIN, label="admin@example.org")
NAME, EMAIL = "Zygmunt Qwerfolk", "zygmunt.qwerfolk@example.org"
# Trigrams of the name and the email that no other text in these tests has.
FRAGMENTS = (b"zyg", b"ygm", b"qwe", b"wer", b"rfo", b"olk")

pytestmark = pytest.mark.usefixtures("test_actors")


def join(session, org, name=NAME, email=EMAIL):
    member = request_to_join(session, VISITOR, JoinForm(
        full_name=name, email=email, organisation=str(org.id), job_title="Qwerfolk analyst",
        consent=True), NOW)
    decide_join(session, STEERING, member.id, True, NOW)
    return member


@pytest.fixture
def person(session):
    """A member with an account of their own, who edited their profile and attended."""
    org = f.organisation(session)
    member = join(session, org)
    user = create_user(session, email=EMAIL, display_name=NAME, role=Role.MEMBER,
                       password="a long password 123", member_id=member.id)
    own = Actor(user_id=user.id, role=Role.MEMBER, label=EMAIL, member_id=member.id)
    update_profile(session, own, member.id, ProfileChanges(full_name=NAME, job_title="Lead"),
                   NOW)
    session.commit()
    return member, user


def audit_text(session) -> str:
    return " ".join(f"{e.actor} {e.before} {e.after}".lower()
                    for e in session.exec(select(AuditEntry)))


def test_the_audit_names_actors_by_id_and_nothing_names_the_person_after(session, person):
    member, user = person
    own_entry = session.exec(select(AuditEntry).where(AuditEntry.action == "update_member")
                             ).one()
    assert own_entry.actor == f"user:{user.id}"  # by id: the log holds no email of an actor
    assert actor_name(session, own_entry) == NAME  # shown to the steering group by name
    assert "qwerfolk" in audit_text(session)
    erase_member(session, STEERING, member.id, NOW)
    session.commit()
    text = audit_text(session)
    assert "qwerfolk" not in text and "zygmunt" not in text
    assert actor_name(session, own_entry) == "Erased member"


def test_attendance_keeps_a_keyed_hash_not_a_plain_one(session):
    org = f.organisation(session)
    member = join(session, org)
    event = f.event(session, NOW + timedelta(hours=1))  # the day they joined
    session.commit()
    plain = hashlib.sha256(EMAIL.encode()).hexdigest()
    assert source_key(EMAIL) == keyed_hash("attendance", EMAIL) != plain
    import_attendance(session, STEERING, event.id, f"Email\n{EMAIL}\nother@example.org\n"
                      .encode(), "teams.csv", NOW)
    session.commit()
    keys = set(session.exec(select(Registration.source_key)))
    assert plain not in keys and source_key(EMAIL) in keys
    erase_member(session, STEERING, member.id, NOW)
    session.commit()
    # Their attendance still counts, but nothing links it to the address any more.
    theirs = session.exec(select(Registration).where(Registration.member_id == member.id)).one()
    assert theirs.attended and theirs.source_key is None


def index_blobs(session) -> bytes:
    return b"".join(bytes(row[0] or b"") for row in session.connection().execute(sa.text(
        f"SELECT block FROM {search_index.TABLE}_data")))


def test_the_text_index_keeps_no_fragment_of_the_name(session, person):
    member, _ = person
    f.member(session, None, date(2025, 1, 1), name="Aled Jones")
    session.commit()
    steering_search = DirectoryQuery(search="qwerfolk")
    assert search_members(session, STEERING, steering_search, NOW).total == 1
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:
        # FTS5's own storage: the segments hold the trigrams of what was indexed.
        assert any(fragment in index_blobs(session) for fragment in FRAGMENTS)
    erase_member(session, STEERING, member.id, NOW)
    session.commit()
    assert search_members(session, STEERING, steering_search, NOW).total == 0
    assert search_members(session, STEERING, DirectoryQuery(search="zygmunt"), NOW).total == 0
    if sqlite:
        # Not just unsearchable: gone from the segments, delete markers included.
        blobs = index_blobs(session)
        assert not [fragment for fragment in FRAGMENTS if fragment in blobs]
    row = session.connection().execute(sa.text(
        "SELECT folded_name, folded_job_title, email FROM member WHERE id = :id"),
        {"id": member.id}).one()
    assert "qwerfolk" not in str(row) and "zygmunt" not in str(row)


def test_a_tombstone_refuses_the_person_on_a_reimport_and_the_join_form(session, person):
    member, _ = person
    erase_member(session, STEERING, member.id, NOW)
    session.commit()
    # Only a keyed hash of the email is kept, never the email.
    tombstones = session.exec(select(ErasedPerson.email_hash)).all()
    assert tombstones == [keyed_hash("erasure", EMAIL)]
    data = ("Full name,Email,Organisation,Consent\r\n"
            f"{NAME},{EMAIL.upper()},{session.get(type(member), member.id).organisation_id},yes"
            "\r\n").encode()
    table = read_table(data, "old-members.csv")
    preview = preview_import(session, STEERING, table, suggest_mapping(table.headers))
    assert not preview.ok
    (problem,) = [p for r in preview.rejected for p in r.problems
                  if "erased at their request" in p.msgid]
    assert problem.params["row"] == 2
    org = f.organisation(session)
    with pytest.raises(InvalidInput) as refused:
        join(session, org, email=f" {EMAIL.title()} ")
    assert refused.value.msgid.startswith("We cannot accept a request to join")
    # Someone else still joins.
    assert join(session, org, name="Aled Jones", email="aled@example.org").id


def test_the_steering_group_cannot_erase_an_admin_nor_anyone_the_last_admin(session):
    org = f.organisation(session)
    admin_member = join(session, org, name="Ada Admin", email="ada@example.org")
    admin = create_user(session, email="ada@example.org", display_name="Ada", role=Role.ADMIN,
                        member_id=admin_member.id)
    session.commit()
    with pytest.raises(PermissionDenied) as refused:
        erase_member(session, STEERING, admin_member.id, NOW)
    assert "higher role" in refused.value.msgid
    assert session.get(User, admin.id).is_active
    # An admin may, but not when that account is the last active admin.
    with pytest.raises(InvalidInput) as last:
        erase_member(session, ADMIN, admin_member.id, NOW)
    assert "last active admin" in last.value.msgid
    session.rollback()
    create_user(session, email="second@example.org", display_name="Second", role=Role.ADMIN)
    erase_member(session, ADMIN, admin_member.id, NOW)
    session.commit()
    assert not session.get(User, admin.id).is_active
