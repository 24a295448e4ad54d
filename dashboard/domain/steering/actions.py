"""Steering-group actions: the list (filters, sorting, paging), the board, one action's
detail, and who may see what.

"Overdue" is worked out from the due date when an action is read, never stored: an open
action (not started, in progress or blocked) whose due date has passed. Blocked and overdue
can both be true. Visitors see no actions; members see the actions they own; the steering
group and admins see all of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import case, exists, func
from sqlmodel import Session, select

from dashboard.domain.auth import Actor, has_role, require_role
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page, paged
from dashboard.models import (
    OPEN_ACTION_STATUSES,
    ActionGoalLink,
    ActionObjectiveLink,
    ActionStatus,
    Member,
    Objective,
    RagRating,
    Role,
    SteeringAction,
    WayOfWorking,
    WellbeingGoal,
)

SORTS = ("due", "title", "status", "rag", "owner", "updated")
VIEWS = ("list", "board")
BOARD_CARDS = 50  # cards shown per column of the board; the column says how many in all


def is_overdue(status: str, due_on: date | None, today: date) -> bool:
    return status in OPEN_ACTION_STATUSES and due_on is not None and due_on < today


@dataclass(frozen=True)
class ActionQuery:
    """What the actions list shows; read from and written to the URL's query string."""

    status: str = ""
    owner: int | None = None
    objective: str = ""
    goal: str = ""
    rag: str = ""
    overdue: bool = False
    open_only: bool = False
    mine: bool = False
    sort: str = "due"
    descending: bool = False
    view: str = "list"
    page: int = 1

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> ActionQuery:
        """Parse query parameters; anything unknown or malformed is ignored, not an error."""
        def pick(key: str, allowed) -> str:
            value = (params.get(key) or "").strip()
            return value if value in allowed else ""

        owner = (params.get("owner") or "").strip()
        page = (params.get("page") or "").strip()
        def code(key: str) -> str:
            return (params.get(key) or "").strip()[:40]

        return cls(
            status=pick("status", {s.value for s in ActionStatus}),
            owner=int(owner) if owner.isdigit() else None,
            objective=code("objective"),
            goal=code("goal"),
            rag=pick("rag", {r.value for r in RagRating}),
            overdue=params.get("overdue") == "1",
            open_only=params.get("open") == "1",
            mine=params.get("mine") == "1",
            sort=pick("sort", SORTS) or "due",
            descending=params.get("dir") == "desc",
            view=pick("view", VIEWS) or "list",
            page=int(page) if page.isdigit() and int(page) > 0 else 1,
        )

    def to_params(self) -> dict[str, str]:
        """Only what differs from the defaults, so a plain view has a plain URL."""
        params = {
            "status": self.status, "owner": str(self.owner or ""), "objective": self.objective,
            "goal": self.goal, "rag": self.rag, "overdue": "1" if self.overdue else "",
            "open": "1" if self.open_only else "", "mine": "1" if self.mine else "",
            "sort": "" if self.sort == "due" else self.sort,
            "dir": "desc" if self.descending else "",
            "view": "" if self.view == "list" else self.view,
            "page": "" if self.page == 1 else str(self.page),
        }
        return {key: value for key, value in params.items() if value}

    def with_changes(self, **changes) -> ActionQuery:
        return replace(self, **changes)


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
    rag: str = ""
    rag_reason: str = ""
    owner_member_id: int | None = None
    objectives: tuple[int, ...] = ()  # the CDPS objectives' numbers
    version: int = 0  # as read: a status change from this row is refused if it changed


def visible_actions(actor: Actor, query: ActionQuery) -> ActionQuery:
    """The query as this actor may run it: a member only ever sees their own actions."""
    require_role(actor, Role.MEMBER)
    if has_role(actor, Role.STEERING):
        return query
    return query.with_changes(mine=True)


def _filtered(statement, query: ActionQuery, actor: Actor, today: date):
    is_open = SteeringAction.status.in_(OPEN_ACTION_STATUSES)
    if query.mine:
        statement = statement.where(SteeringAction.owner_member_id == (actor.member_id or -1))
    if query.status:
        statement = statement.where(SteeringAction.status == query.status)
    if query.open_only:
        statement = statement.where(is_open)
    if query.owner is not None:
        statement = statement.where(SteeringAction.owner_member_id == query.owner)
    if query.rag:
        statement = statement.where(SteeringAction.rag == query.rag)
    if query.overdue:
        statement = statement.where(is_open, SteeringAction.due_on < today)
    if query.objective:
        statement = statement.where(exists().where(
            ActionObjectiveLink.action_id == SteeringAction.id,
            ActionObjectiveLink.objective_id == Objective.id, Objective.code == query.objective))
    if query.goal:
        statement = statement.where(exists().where(
            ActionGoalLink.action_id == SteeringAction.id,
            ActionGoalLink.goal_id == WellbeingGoal.id, WellbeingGoal.code == query.goal))
    return statement


def _ordered(statement, query: ActionQuery):
    is_open = SteeringAction.status.in_(OPEN_ACTION_STATUSES)
    rag_order = case({RagRating.RED.value: 0, RagRating.AMBER.value: 1,
                      RagRating.GREEN.value: 2}, value=SteeringAction.rag, else_=3)
    status_order = case({s.value: n for n, s in enumerate(ActionStatus)},
                        value=SteeringAction.status, else_=9)
    keys = {
        "due": [SteeringAction.due_on.is_(None), SteeringAction.due_on],
        "title": [func.lower(SteeringAction.title)],
        "status": [status_order],
        "rag": [rag_order],
        "owner": [func.lower(func.coalesce(Member.full_name, ""))],
        "updated": [SteeringAction.updated_at],
    }[query.sort]
    if query.descending:
        keys = [key.desc() for key in keys]
    first = [] if query.sort in ("status", "updated") else [is_open.desc()]
    return statement.order_by(*first, *keys, SteeringAction.id)


def _columns():
    return (SteeringAction.id, SteeringAction.title, SteeringAction.title_cy,
            SteeringAction.description, SteeringAction.description_cy,
            func.coalesce(Member.full_name, ""), SteeringAction.due_on, SteeringAction.status,
            SteeringAction.rag, SteeringAction.rag_reason, SteeringAction.owner_member_id,
            SteeringAction.version)


def _rows(session: Session, found, today: date) -> list[ActionRow]:
    ids = [row[0] for row in found]
    numbers: dict[int, list[int]] = {}
    if ids:
        for action_id, number in session.exec(
                select(ActionObjectiveLink.action_id, Objective.number)
                .join(Objective, Objective.id == ActionObjectiveLink.objective_id)
                .where(ActionObjectiveLink.action_id.in_(ids)).order_by(Objective.number)):
            numbers.setdefault(action_id, []).append(number)
    return [
        ActionRow(id=i, title=title, title_cy=title_cy, description=description,
                  description_cy=description_cy, owner=owner, due_on=due, status=status,
                  overdue=is_overdue(status, due, today), rag=rag or "",
                  rag_reason=reason or "", owner_member_id=owner_id,
                  objectives=tuple(numbers.get(i, ())), version=version)
        for i, title, title_cy, description, description_cy, owner, due, status, rag, reason,
        owner_id, version in found
    ]


def search_actions(session: Session, actor: Actor, query: ActionQuery, today: date,
                   page_size: int = DEFAULT_PAGE_SIZE) -> Page[ActionRow]:
    """One page of the actions this actor may see, filtered and sorted as ``query`` says."""
    query = visible_actions(actor, query)
    statement = select(*_columns()).outerjoin(Member, Member.id == SteeringAction.owner_member_id)
    statement = _ordered(_filtered(statement, query, actor, today), query)
    result = paged(session, statement, query.page, page_size)
    return Page(_rows(session, result.rows, today), result.total, result.page, result.page_size)


def list_actions(session: Session, today: date, page: int, open_only: bool = False,
                 page_size: int = DEFAULT_PAGE_SIZE) -> Page[ActionRow]:
    """Every action, open ones first, soonest due first (for the command line and jobs,
    which act as the system; pages use ``search_actions`` with the reader's role)."""
    from dashboard.domain.auth import SYSTEM

    return search_actions(session, SYSTEM, ActionQuery(open_only=open_only, page=page), today,
                          page_size)


@dataclass(frozen=True)
class BoardColumn:
    status: str
    total: int
    cards: list[ActionRow]


def action_board(session: Session, actor: Actor, query: ActionQuery,
                 today: date) -> list[BoardColumn]:
    """The actions by status, one column each (the list's filters apply; the first
    ``BOARD_CARDS`` of each column, soonest due first, and its total)."""
    query = visible_actions(actor, query).with_changes(status="", sort="due", descending=False)
    columns = []
    for status in ActionStatus:
        statement = (select(*_columns())
                     .outerjoin(Member, Member.id == SteeringAction.owner_member_id)
                     .where(SteeringAction.status == status.value))
        statement = _ordered(_filtered(statement, query, actor, today), query)
        result = paged(session, statement, 1, BOARD_CARDS)
        columns.append(BoardColumn(status.value, result.total,
                                   _rows(session, result.rows, today)))
    return columns


@dataclass(frozen=True)
class Choice:
    """Something to pick in a form or filter: its key and its names in both languages."""

    key: str
    name_en: str
    name_cy: str


def action_choices(session: Session) -> dict[str, list[Choice]]:
    """Objectives, well-being goals, ways of working and possible owners (current members
    of the steering group first, then everyone active), for the form and the filters."""
    from dashboard.models import CommunityRole, MemberStatus

    objectives = [Choice(o.code, f"{o.number}. {o.text_en}", f"{o.number}. {o.text_cy}")
                  for o in session.exec(select(Objective).order_by(Objective.number))]
    goals = [Choice(g.code, g.name_en, g.name_cy)
             for g in session.exec(select(WellbeingGoal).order_by(WellbeingGoal.position))]
    ways = [Choice(w.code, w.name_en, w.name_cy)
            for w in session.exec(select(WayOfWorking).order_by(WayOfWorking.position))]
    leading = Member.community_role.in_((CommunityRole.STEERING.value,
                                         CommunityRole.CHAIR.value))
    # Found by the role's index and put in order here, by the name as the directory sorts
    # it: with an ORDER BY, SQLite walked every active member by name instead (135 ms at
    # 100,000 members, not 1).
    found = session.exec(select(Member.id, Member.full_name, Member.folded_name)
                         .where(Member.status == MemberStatus.ACTIVE.value, leading)).all()
    owners = [Choice(str(i), name, name)
              for i, name, _ in sorted(found, key=lambda row: (row[2] or "", row[0]))[:500]]
    return {"objectives": objectives, "goals": goals, "ways": ways, "owners": owners}


OPEN_ACTION_CHOICES = 60


def open_action_choices(session: Session) -> list[Choice]:
    """The open actions a decision can lead to, soonest due first (at most
    ``OPEN_ACTION_CHOICES``: a decision is about what is in hand, not the whole log)."""
    found = session.exec(
        select(SteeringAction.id, SteeringAction.title, SteeringAction.title_cy)
        .where(SteeringAction.status.in_(OPEN_ACTION_STATUSES))
        .order_by(SteeringAction.due_on.is_(None), SteeringAction.due_on, SteeringAction.id)
        .limit(OPEN_ACTION_CHOICES))
    return [Choice(str(i), title, title_cy or title) for i, title, title_cy in found]
