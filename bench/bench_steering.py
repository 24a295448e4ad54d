"""The steering group's workspace at 10,000 actions, 2,000 decisions and 500 meetings: the
action list with filters (as the page asks for it), the agenda proposal for the next
meeting, the progress page, and the meeting pack as PDF."""

from __future__ import annotations

from sqlmodel import select

from bench.registry import benchmark
from dashboard.domain.auth import Actor
from dashboard.domain.clock import london_today
from dashboard.domain.progress import progress
from dashboard.domain.steering.actions import ActionQuery, search_actions
from dashboard.domain.steering.agenda import propose_agenda
from dashboard.domain.steering.documents import meeting_pack_pdf
from dashboard.domain.steering.meetings import next_meeting
from dashboard.models import Role, SteeringMeeting

STEERING = Actor(user_id=None, role=Role.STEERING, label="bench")


@benchmark("steering_action_list_filtered", target_ms=100)
def action_list(session, now):
    """Three views a steering member clicks through: overdue for one objective by RAG, the
    blocked ones by owner, and a later page of everything by due date."""
    today = london_today(now)
    for query in (ActionQuery(objective="cdps-4", overdue=True, sort="rag"),
                  ActionQuery(status="blocked", goal="prosperous", sort="owner"),
                  ActionQuery(page=40)):
        search_actions(session, STEERING, query, today)


@benchmark("steering_agenda_proposal", target_ms=50)
def agenda_proposal(session, now):
    meeting = next_meeting(session, london_today(now))
    return propose_agenda(session, STEERING, meeting.id)


@benchmark("steering_progress_page", target_ms=800)
def progress_page(session, now):
    return progress(session, STEERING, london_today(now))


@benchmark("steering_meeting_pack_pdf", target_ms=3000)
def meeting_pack(session, now):
    """The pack of the next meeting: its agenda, the 60 most pressing open actions, the last
    minutes, laid out as PDF by WeasyPrint (most of the time)."""
    today = london_today(now)
    meeting = next_meeting(session, today) or session.exec(
        select(SteeringMeeting).order_by(SteeringMeeting.held_on.desc())).first()
    return meeting_pack_pdf(session, STEERING, meeting.id, today)
