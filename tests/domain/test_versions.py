"""Lost updates: every editable record has a version that goes up on every save, and a save
from a form opened at an older version is refused, naming both versions and what differs."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from dashboard.domain.auth import SYSTEM, Actor
from dashboard.domain.errors import InvalidInput
from dashboard.domain.events.editing import (
    EventForm,
    cancel_event,
    create_event,
    editor_start,
    update_event,
)
from dashboard.domain.maturity.assessment_import import commit, preview, read_file
from dashboard.domain.maturity.self_assessment import Answer, assessment_form, save_draft
from dashboard.domain.membership.lifecycle import ProfileChanges, update_profile
from dashboard.domain.membership.profiles import member_profile
from dashboard.domain.steering.action_editing import StaleEdit, set_action_status
from dashboard.domain.steering.actions import list_actions
from dashboard.domain.versions import StaleVersion
from dashboard.i18n import translate
from dashboard.models import Assessment, AuditEntry, Event, Member, Role, SteeringAction
from tests import factories as f
from tests.domain.test_self_assessment import TODAY
from tests.domain.test_self_assessment import setup as assessment_setup  # noqa: F401

NOW = f.utc(2026, 6, 15, 12)
STEERING = Actor(user_id=902, role=Role.STEERING, label="steering@example.org")
OTHER_STEERING = Actor(user_id=905, role=Role.STEERING, label="other@example.org")

pytestmark = pytest.mark.usefixtures("test_actors")


def form(**changes) -> EventForm:
    values = dict(title="Meetup", day="2026-10-27", start="10:00", end="11:00")
    values.update(changes)
    return EventForm(**values)


def test_every_save_of_an_event_raises_its_version(session):
    event = create_event(session, STEERING, form(), NOW)
    session.commit()
    assert event.version == 1
    update_event(session, STEERING, event.id, form(title="Meetup 2"), NOW, version=1)
    session.commit()
    assert event.version == 2
    cancel_event(session, STEERING, event.id, NOW)  # any save, not only the editor's
    session.commit()
    assert session.get(Event, event.id).version == 3


def test_a_stale_event_save_is_refused_with_both_versions(session):
    event = create_event(session, STEERING, form(speakers="Ann"), NOW)
    session.commit()
    opened_by_me = editor_start(session, STEERING, event.id)
    opened_by_them = editor_start(session, OTHER_STEERING, event.id)
    assert opened_by_me.version == opened_by_them.version == 1
    update_event(session, OTHER_STEERING, event.id, form(title="Their title", speakers="Ann"),
                 NOW, version=opened_by_them.version)
    session.commit()
    with pytest.raises(StaleVersion) as refused:
        update_event(session, STEERING, event.id, form(title="My title", speakers="Bob"), NOW,
                     version=opened_by_me.version)
    session.rollback()
    stale = refused.value
    assert (stale.theirs, stale.yours) == (2, 1)
    assert [(label, theirs, yours) for label, theirs, yours in stale.differences] == [
        ("Title", "Their title", "My title"), ("Speakers", "Ann", "Bob")]
    english = stale.params["differences"]["en"]
    assert english == "Title: theirs “Their title”, yours “My title”; Speakers: theirs “Ann”, " \
                      "yours “Bob”"
    welsh = stale.params["differences"]["cy"]
    assert translate("Title", "cy") != "Title"
    assert welsh.startswith(translate("Title", "cy") + ": eu fersiwn nhw “Their title”")
    # Nothing of the stale save was written.
    assert session.get(Event, event.id).title == "Their title"
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "update")).one()


def test_a_stale_profile_save_is_refused(session):
    member = f.member(session, f.organisation(session), date(2025, 1, 1), name="Aled Jones")
    session.commit()
    opened = member_profile(session, STEERING, member.id, NOW).version
    update_profile(session, OTHER_STEERING, member.id,
                   ProfileChanges(full_name="Aled Jones", job_title="Analyst"), NOW, opened)
    session.commit()
    with pytest.raises(StaleVersion) as refused:
        update_profile(session, STEERING, member.id,
                       ProfileChanges(full_name="Aled Wyn Jones"), NOW, opened)
    session.rollback()
    assert [d[0] for d in refused.value.differences] == ["Full name", "Job title"]
    assert session.get(Member, member.id).full_name == "Aled Jones"
    # Opened again, the save goes through.
    again = member_profile(session, STEERING, member.id, NOW).version
    update_profile(session, STEERING, member.id, ProfileChanges(full_name="Aled Wyn Jones"),
                   NOW, again)
    assert session.get(Member, member.id).version == again + 1


def test_two_assessors_of_one_body_do_not_undo_each_other(session, assessment_setup):  # noqa: F811
    dims, _current, _body, actors = assessment_setup
    assessor, colleague = actors["assessor"], actors["colleague"]
    colleague_member = session.get(Member, colleague.member_id)
    colleague_member.assessor = True
    session.commit()
    # Both open the form before anyone has started the body's assessment.
    mine = assessment_form(session, assessor, TODAY).version
    theirs = assessment_form(session, colleague, TODAY).version
    assert mine == theirs == 0
    save_draft(session, colleague, TODAY, {dims[0].key: Answer(level=4)}, False, theirs)
    session.commit()
    saved = assessment_form(session, colleague, TODAY).version
    assert saved > 0
    with pytest.raises(StaleVersion) as refused:
        save_draft(session, assessor, TODAY, {dims[0].key: Answer(level=2, evidence="Pilot")},
                   False, mine)
    session.rollback()
    assert refused.value.differences == (({"en": dims[0].name_en, "cy": dims[0].name_cy},
                                          "4", "2 · Pilot"),)
    assert session.exec(select(Assessment)).one().version == saved  # not saved again


def test_the_survey_import_never_overwrites_a_draft(session, assessment_setup):  # noqa: F811
    dims, _current, body, actors = assessment_setup
    header = ",".join(["Body", *[d.key for d in dims]])
    table = read_file(f"{header}\n{body.slug},1,1,1\n".encode(), "survey.csv")
    checked_before_the_draft = preview(session, SYSTEM, table, "2026")
    assert checked_before_the_draft.ok
    save_draft(session, actors["assessor"], TODAY, {dims[0].key: Answer(level=2)}, False, 0)
    session.commit()
    saved = session.exec(select(Assessment)).one().version
    # Previewed now, the body's row is refused, saying why.
    result = preview(session, SYSTEM, table, "2026")
    (problem,) = result.rejected[0].problems
    assert problem.msgid.startswith("{body} has a draft its assessor is working on")
    # Previewed before the draft was started: the import is refused as a whole.
    with pytest.raises(InvalidInput) as refused:
        commit(session, SYSTEM, checked_before_the_draft)
    assert "started since the preview" in refused.value.msgid
    session.rollback()
    draft = session.exec(select(Assessment)).one()
    assert (draft.status, draft.version) == ("draft", saved)


def test_a_stale_action_status_change_is_refused(session):
    action = f.action(session, date(2026, 7, 1))
    session.commit()
    (listed,) = list_actions(session, date(2026, 6, 15), 1).rows
    set_action_status(session, OTHER_STEERING, action.id, "done", date(2026, 6, 15),
                      listed.version)
    session.commit()
    with pytest.raises(StaleEdit):
        set_action_status(session, STEERING, action.id, "cancelled", date(2026, 6, 15),
                          listed.version)
    session.rollback()
    assert session.get(SteeringAction, action.id).status == "done"
