"""The meeting pack and minutes as bilingual PDFs: Welsh beside English, read back."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from dashboard.domain.auth import Actor
from dashboard.domain.errors import NotFound, PermissionDenied
from dashboard.domain.steering.action_editing import ActionInput, save_action
from dashboard.domain.steering.agenda import add_item, save_minutes
from dashboard.domain.steering.documents import meeting_pack_pdf, minutes_pdf
from dashboard.domain.steering.meetings import MeetingInput, save_meeting, set_published
from dashboard.models import Role, SteeringMeeting

TODAY = date(2027, 3, 1)
STEERING = Actor(user_id=901, role=Role.STEERING, label="steering@example.org")
VISITOR = Actor(user_id=None, role=Role.VISITOR, label="visitor")


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(io.BytesIO(pdf)).pages)


def version(session, meeting_id):
    session.flush()
    session.expire_all()
    return session.get(SteeringMeeting, meeting_id).version


@pytest.fixture
def meetings(reference, test_actors):
    session = reference
    jan = save_meeting(session, STEERING, None, MeetingInput(
        date(2027, 1, 12), "January meeting", "Cyfarfod Ionawr", "Cathays Park"))
    item = add_item(session, STEERING, jan.id, version(session, jan.id), "Webinar series",
                    "Cyfres gweminarau", 15)
    save_minutes(session, STEERING, item.id, version(session, jan.id),
                 "Five webinars, 622 attendees.", "Pum gweminar, 622 o fynychwyr.", "done")
    march = save_meeting(session, STEERING, None, MeetingInput(
        date(2027, 3, 9), "March meeting", "Cyfarfod Mawrth"))
    add_item(session, STEERING, march.id, version(session, march.id), "Maturity round",
             "Cylch aeddfedrwydd", 20)
    save_action(session, STEERING, None, ActionInput(
        title="Publish the guidance", title_cy="Cyhoeddi'r canllawiau", due_on=date(2027, 2, 1),
        status="blocked", rag="red", rag_reason="Waiting"), TODAY)
    session.commit()
    return session, jan, march


def test_the_pack_has_agenda_actions_and_last_minutes_welsh_first(meetings):
    session, jan, march = meetings
    text = text_of(meeting_pack_pdf(session, STEERING, march.id, TODAY))
    for expected in ("Pecyn y cyfarfod / Meeting pack", "Cyfarfod Mawrth", "March meeting",
                     "Cylch aeddfedrwydd", "Maturity round", "Cyhoeddi'r canllawiau",
                     "Publish the guidance", "Coch: oddi ar y trywydd / Red: off track",
                     "Pum gweminar, 622 o fynychwyr.", "Five webinars, 622 attendees.",
                     "Cofnodion y cyfarfod diwethaf"):
        assert expected in text, expected
    assert text.index("Cylch aeddfedrwydd") < text.index("Maturity round")


def test_minutes_only_once_published_and_the_pack_only_for_the_steering_group(meetings):
    session, jan, _ = meetings
    with pytest.raises(NotFound):
        minutes_pdf(session, VISITOR, jan.id)
    with pytest.raises(PermissionDenied):
        meeting_pack_pdf(session, VISITOR, jan.id, TODAY)
    set_published(session, STEERING, jan.id, True, version(session, jan.id))
    session.commit()
    text = text_of(minutes_pdf(session, VISITOR, jan.id))
    assert "Cofnodion / Minutes" in text and "Pum gweminar" in text and "Five webinars" in text
