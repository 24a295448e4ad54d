"""Steering-group actions: listing them, and changing their status (steering group only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain import versions
from dashboard.domain.audit import record, snapshot
from dashboard.domain.auth import Actor, require_role
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page, paged
from dashboard.models import (
    OPEN_ACTION_STATUSES,
    ActionStatus,
    Member,
    Role,
    SteeringAction,
    utcnow,
)


@dataclass(frozen=True)
class ActionRow:
    """An action with its text in both languages (Welsh None or empty: not yet translated)."""

    id: int
    title: str
    title_cy: str | None
    description: str | None
    description_cy: str | None
    owner: str
    due_on: date | None
    status: str
    overdue: bool
    version: int = 0  # as listed: a status change from an older one is refused


def list_actions(session: Session, today: date, page: int, open_only: bool = False,
                 page_size: int = DEFAULT_PAGE_SIZE) -> Page[ActionRow]:
    """Actions, open ones first, soonest due first."""
    is_open = SteeringAction.status.in_(OPEN_ACTION_STATUSES)
    query = (
        select(SteeringAction.id, SteeringAction.title, SteeringAction.title_cy,
               SteeringAction.description, SteeringAction.description_cy,
               func.coalesce(Member.full_name, ""), SteeringAction.due_on, SteeringAction.status,
               SteeringAction.version)
        .outerjoin(Member, Member.id == SteeringAction.owner_member_id)
        .order_by(is_open.desc(), SteeringAction.due_on.is_(None), SteeringAction.due_on,
                  SteeringAction.id)
    )
    if open_only:
        query = query.where(is_open)
    result = paged(session, query, page, page_size)
    rows = [
        ActionRow(id=i, title=title, title_cy=title_cy, description=description,
                  description_cy=description_cy, owner=owner, due_on=due, status=status,
                  overdue=status in OPEN_ACTION_STATUSES and due is not None and due < today,
                  version=version)
        for i, title, title_cy, description, description_cy, owner, due, status, version
        in result.rows
    ]
    return Page(rows, result.total, result.page, result.page_size)


def set_action_status(session: Session, actor: Actor, action_id: int, status: str,
                      today: date, version: int | None = None) -> SteeringAction:
    """Change an action's status. Steering group and admins only; audited. ``version``: the
    action's as listed; a change over someone else's newer one is refused."""
    require_role(actor, Role.STEERING)
    try:
        new_status = ActionStatus(status)
    except ValueError:
        raise InvalidInput("'{status}' is not a status an action can have.",
                           status=status) from None
    action = session.get(SteeringAction, action_id)
    if action is None:
        raise NotFound("That action no longer exists.")
    versions.claim(session, action, version, {"status": new_status.value}, {"status": "Status"})
    before = snapshot(action, ("status", "completed_on"))
    action.status = new_status.value
    action.completed_on = today if new_status == ActionStatus.DONE else None
    action.updated_at = utcnow()
    session.add(action)
    record(session, actor, "update_status", "steering_action", action.id, before,
           snapshot(action, ("status", "completed_on")))
    return action
