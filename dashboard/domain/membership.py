"""Membership: the public bodies with their member counts, the member directory (search,
filters, sorting, server-side paging), member profiles, engagement levels, and join requests
with the steering group's approval queue."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, func, literal, or_, union
from sqlmodel import Session, select

from dashboard import search_index
from dashboard.domain import audit
from dashboard.domain.auth import Actor, has_role, require_role, validate_email
from dashboard.domain.clock import london_today
from dashboard.domain.errors import InvalidInput, NotFound, PermissionDenied
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page, clamp_page, paged
from dashboard.models import (
    BodyType,
    CommunityRole,
    Event,
    Member,
    MemberStatus,
    Organisation,
    Region,
    Registration,
    RegistrationStatus,
    Role,
    Setting,
)

LANGUAGES = ("en", "cy")
LEADING_ROLES = (CommunityRole.STEERING.value, CommunityRole.CHAIR.value)


# --- bodies ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyRow:
    id: int
    name_en: str
    name_cy: str
    body_type: str
    region: str
    members: int


@dataclass(frozen=True)
class BodyQuery:
    """The public bodies list's filters; with ``outreach`` only the bodies with no member
    (the outreach list)."""

    body_type: str = ""
    region: str = ""
    outreach: bool = False

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> "BodyQuery":
        """Parse query parameters; an unknown type or region is ignored, as in the directory."""
        body_type = (params.get("btype") or "").strip()
        region = (params.get("bregion") or "").strip()
        return cls(body_type=body_type if body_type in {t.value for t in BodyType} else "",
                   region=region if region in {r.value for r in Region} else "",
                   outreach=params.get("outreach") == "1")

    def to_params(self) -> dict[str, str]:
        params = {"btype": self.body_type, "bregion": self.region,
                  "outreach": "1" if self.outreach else ""}
        return {key: value for key, value in params.items() if value}


def _bodies_query(query: BodyQuery):
    counts = (
        select(Member.organisation_id, func.count().label("members"))
        .where(Member.status == MemberStatus.ACTIVE.value)
        .group_by(Member.organisation_id)
        .subquery()
    )
    members = func.coalesce(counts.c.members, 0)
    statement = (
        select(Organisation.id, Organisation.name_en, Organisation.name_cy,
               Organisation.body_type, Organisation.region, members.label("members"))
        .outerjoin(counts, counts.c.organisation_id == Organisation.id)
        .where(Organisation.in_registry)
        .order_by(members.desc(), Organisation.name_en)
    )
    if query.body_type:
        statement = statement.where(Organisation.body_type == query.body_type)
    if query.region:
        statement = statement.where(Organisation.region == query.region)
    if query.outreach:
        statement = statement.where(counts.c.members.is_(None))
    return statement


def bodies_with_members(session: Session, page: int, query: BodyQuery = BodyQuery(),
                        page_size: int = DEFAULT_PAGE_SIZE) -> Page[BodyRow]:
    """Registry bodies with their active member counts, most members first (one page)."""
    result = paged(session, _bodies_query(query), page, page_size)
    return Page([BodyRow(*row) for row in result.rows], result.total, result.page, result.page_size)


def all_bodies_with_members(session: Session, query: BodyQuery) -> list[BodyRow]:
    """Every body the filters select (a registry of a few thousand at most), for a download."""
    return [BodyRow(*row) for row in session.exec(_bodies_query(query)).all()]


@dataclass(frozen=True)
class BodyOption:
    id: int
    name_en: str
    name_cy: str


def registry_bodies(session: Session) -> list[BodyOption]:
    """The bodies in the registry, for the join form and the directory's filter."""
    rows = session.exec(
        select(Organisation.id, Organisation.name_en, Organisation.name_cy)
        .where(Organisation.in_registry)
        .order_by(Organisation.name_en)
    ).all()
    return [BodyOption(*row) for row in rows]


# --- engagement -----------------------------------------------------------------------------


class Level:
    NEW = "new"
    OCCASIONAL = "occasional"
    ACTIVE = "active"
    LEADING = "leading"
    INACTIVE = "inactive"


LEVELS = (Level.NEW, Level.OCCASIONAL, Level.ACTIVE, Level.LEADING, Level.INACTIVE)


@dataclass(frozen=True)
class EngagementRule:
    """How engagement levels are worked out; each number can be changed in a Setting row
    (``membership.new_days`` and so on), so the steering group can tune it without a release.

    In order, the first that applies: leading (steering group or chair); inactive (no
    activity for more than ``inactive_days``); new (joined in the last ``new_days``); active
    (attended at least ``active_events`` events in the last ``window_days``); otherwise
    occasional.
    """

    new_days: int = 90
    window_days: int = 365
    active_events: int = 3
    inactive_days: int = 365

    SETTINGS = ("new_days", "window_days", "active_events", "inactive_days")


def engagement_rule(session: Session) -> EngagementRule:
    keys = [f"membership.{name}" for name in EngagementRule.SETTINGS]
    rows = session.exec(select(Setting).where(Setting.key.in_(keys)))
    found = {row.key: row.value for row in rows}
    values = {}
    for name in EngagementRule.SETTINGS:
        raw = found.get(f"membership.{name}")
        if raw is not None and raw.strip().isdigit() and int(raw) > 0:
            values[name] = int(raw)
    return EngagementRule(**values)


def _attended_in_window(rule: EngagementRule, now: datetime):
    """A correlated count of events the member attended in the rule's window."""
    return (
        select(func.count(Registration.id))
        .join(Event, Event.id == Registration.event_id)
        .where(Registration.member_id == Member.id, Registration.attended,
               Event.starts_at >= now - timedelta(days=rule.window_days), Event.starts_at <= now)
        .scalar_subquery()
    )


def _frequent(rule: EngagementRule, now: datetime):
    """Members who attended at least ``active_events`` events in the window: one GROUP BY over
    the window's attendance, for filtering or exporting many members at once."""
    return Member.id.in_(
        select(Registration.member_id)
        .join(Event, Event.id == Registration.event_id)
        .where(Registration.attended, Registration.member_id.is_not(None),
               Event.starts_at >= now - timedelta(days=rule.window_days), Event.starts_at <= now)
        .group_by(Registration.member_id)
        .having(func.count(Registration.id) >= rule.active_events)
    )


def level_expression(rule: EngagementRule, now: datetime, bulk: bool = False):
    """The engagement level as one SQL CASE, in the rule's order. ``bulk`` for many rows
    (an export): one uncorrelated subquery instead of a count per member."""
    today = london_today(now)
    last_seen = func.coalesce(Member.last_active_on, Member.joined_on)
    frequent = (_frequent(rule, now) if bulk
                else _attended_in_window(rule, now) >= rule.active_events)
    return case(
        (Member.community_role.in_(LEADING_ROLES), Level.LEADING),
        (or_(last_seen.is_(None), last_seen < today - timedelta(days=rule.inactive_days)),
         Level.INACTIVE),
        (Member.joined_on >= today - timedelta(days=rule.new_days), Level.NEW),
        (frequent, Level.ACTIVE),
        else_=Level.OCCASIONAL,
    )


def level_condition(level: str, rule: EngagementRule, now: datetime):
    """A WHERE condition for one engagement level, in the rule's order.

    Same result as ``level_expression(...) == level``, but 'active' uses one uncorrelated
    GROUP BY over the window's attendance instead of a count per member, which matters at
    100,000 members.
    """
    today = london_today(now)
    last_seen = func.coalesce(Member.last_active_on, Member.joined_on)
    leading = Member.community_role.in_(LEADING_ROLES)
    inactive = or_(last_seen.is_(None), last_seen < today - timedelta(days=rule.inactive_days))
    new = Member.joined_on >= today - timedelta(days=rule.new_days)
    frequent = _frequent(rule, now)
    # A NULL joined_on is never new (the CASE treats it the same way).
    not_new = or_(Member.joined_on.is_(None), ~new)
    if level == Level.LEADING:
        return leading
    if level == Level.INACTIVE:
        return and_(~leading, inactive)
    if level == Level.NEW:
        return and_(~leading, ~inactive, new)
    if level == Level.ACTIVE:
        return and_(~leading, ~inactive, not_new, frequent)
    return and_(~leading, ~inactive, not_new, ~frequent)


def levels_for(session: Session, member_ids: list[int], rule: EngagementRule,
               now: datetime) -> dict[int, str]:
    """Engagement levels of a few members (one page), in one query."""
    if not member_ids:
        return {}
    rows = session.exec(
        select(Member.id, level_expression(rule, now)).where(Member.id.in_(member_ids))
    ).all()
    return {member_id: level for member_id, level in rows}


# --- the directory --------------------------------------------------------------------------

SORTS = ("name", "organisation", "job", "role", "joined")


@dataclass(frozen=True)
class DirectoryQuery:
    """What the directory shows; read from and written to the URL's query string."""

    search: str = ""
    organisation: int | None = None
    body_type: str = ""
    region: str = ""
    role: str = ""
    level: str = ""
    language: str = ""
    sort: str = "name"
    descending: bool = False
    page: int = 1

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> DirectoryQuery:
        """Parse query parameters; anything unknown or malformed is ignored, not an error."""
        def pick(key: str, allowed) -> str:
            value = (params.get(key) or "").strip()
            return value if value in allowed else ""

        organisation = (params.get("org") or "").strip()
        page = (params.get("page") or "").strip()
        return cls(
            search=(params.get("q") or "").strip()[:100],
            organisation=int(organisation) if organisation.isdigit() else None,
            body_type=pick("type", {t.value for t in BodyType}),
            region=pick("region", {r.value for r in Region}),
            role=pick("role", {r.value for r in CommunityRole}),
            level=pick("level", LEVELS),
            language=pick("language", LANGUAGES),
            sort=pick("sort", SORTS) or "name",
            descending=params.get("dir") == "desc",
            page=int(page) if page.isdigit() and int(page) > 0 else 1,
        )

    def to_params(self) -> dict[str, str]:
        """Only what differs from the defaults, so a plain view has a plain URL."""
        params = {
            "q": self.search, "org": str(self.organisation or ""), "type": self.body_type,
            "region": self.region, "role": self.role, "level": self.level,
            "language": self.language,
            "sort": "" if self.sort == "name" else self.sort,
            "dir": "desc" if self.descending else "",
            "page": "" if self.page == 1 else str(self.page),
        }
        return {key: value for key, value in params.items() if value}

    def with_changes(self, **changes) -> DirectoryQuery:
        return replace(self, **changes)


@dataclass(frozen=True)
class MemberRow:
    id: int
    full_name: str
    organisation_en: str
    organisation_cy: str
    job_title: str
    community_role: str
    joined_on: date | None
    language: str = "en"
    email: str = ""  # only filled for the steering group and admins
    level: str = ""


def _organisation_names():
    return (func.coalesce(Organisation.name_en, Member.organisation_other, ""),
            func.coalesce(Organisation.name_cy, Member.organisation_other, ""))


def _contains(session: Session, text: str):
    """A case-insensitive 'contains' test that folds Welsh letters (ŵ, ŷ, â...) too.

    PostgreSQL: ILIKE. SQLite's LIKE already ignores case, but for ASCII letters only; for a
    search with other letters both sides go through a Python lower() registered on the
    connection. ASCII searches keep the fast built-in LIKE: a non-ASCII letter in the data can
    never match an ASCII one anyway.
    """
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    dialect = session.get_bind().dialect.name
    if dialect != "sqlite":
        return lambda column: column.ilike(pattern, escape="\\")
    if text.isascii():
        return lambda column: column.like(pattern, escape="\\")
    raw = session.connection().connection.driver_connection
    raw.create_function("cymuned_lower", 1, lambda value: None if value is None else value.lower(),
                        deterministic=True)
    lowered = pattern.lower()
    return lambda column: func.cymuned_lower(column).like(lowered, escape="\\")


def _bodies_where(*conditions):
    """Members whose body matches: an IN over the 2,000-row organisation table is much
    cheaper than joining it to 100,000 members before filtering."""
    return Member.organisation_id.in_(select(Organisation.id).where(*conditions))


def _search_conditions(session: Session, text: str, steering: bool) -> list:
    """A directory search as two conditions, either of which makes a match: the member's own
    text (name, job title, an 'other' body's name; email for the steering group), or their
    body's name in either language. Kept apart so each can use its own index: the trigram
    index for the member's text (see dashboard/search_index.py), the organisation index for
    the bodies (after a scan of the small organisation table)."""
    contains = _contains(session, text)
    by_body = _bodies_where(or_(contains(Organisation.name_en), contains(Organisation.name_cy)))
    if (session.get_bind().dialect.name == "sqlite" and len(text) >= search_index.MIN_LENGTH
            and search_index.sqlite_index_exists(session.connection())):
        own = Member.id.in_(search_index.sqlite_matches(text, steering))
    else:  # PostgreSQL's ILIKE uses its pg_trgm index itself; short searches compare rows
        fields = [Member.full_name, Member.job_title, Member.organisation_other]
        if steering:
            fields.append(Member.email)
        own = or_(*[contains(f) for f in fields])
    return [own, by_body]


def _directory_where(session: Session, query: DirectoryQuery, steering: bool,
                     rule: EngagementRule, now: datetime) -> list:
    """The directory's conditions, shared by the page and the export."""
    where = [Member.status == MemberStatus.ACTIVE.value]
    if query.organisation:
        where.append(Member.organisation_id == query.organisation)
    if query.body_type:
        where.append(_bodies_where(Organisation.body_type == query.body_type))
    if query.region:
        where.append(_bodies_where(Organisation.region == query.region))
    if query.role:
        where.append(Member.community_role == query.role)
    if query.language:
        where.append(Member.language == query.language)
    if query.level:
        where.append(level_condition(query.level, rule, now))
    if query.search:
        own, by_body = _search_conditions(session, query.search, steering)
        where.append(Member.id.in_(union(select(Member.id).where(own),
                                         select(Member.id).where(by_body))))
    return where


def search_members(session: Session, actor: Actor, query: DirectoryQuery, now: datetime,
                   page_size: int = DEFAULT_PAGE_SIZE,
                   rule: EngagementRule | None = None) -> Page[MemberRow]:
    """One page of the directory: active members matching the search and filters.

    Signed-in members only; emails are searched and returned only for the steering group.
    Three small queries: the count, the ids of one page, then that page's details.

    Without a search, a separate count lets the sort's index stop after one page. A search
    is a union of two branches (the member's own text, their body's name), each with every
    filter inside it so each database plans it from its text index, carrying its sort key
    out so the matches are not read again; the count rides along as a window count.
    """
    require_role(actor, Role.MEMBER)
    steering = has_role(actor, Role.STEERING)
    rule = rule or engagement_rule(session)
    where = _directory_where(session, query.with_changes(search=""), steering, rule, now)
    column = {
        "name": Member.full_name,
        "organisation": func.coalesce(Organisation.name_en, Member.organisation_other, ""),
        "job": func.coalesce(Member.job_title, ""), "role": Member.community_role,
        "joined": Member.joined_on,
    }[query.sort]

    def rows_of(*conditions):
        statement = select(Member.id.label("id"), column.label("sort")).where(*where, *conditions)
        if query.sort == "organisation":
            statement = statement.outerjoin(Organisation,
                                            Organisation.id == Member.organisation_id)
        return statement

    total = None
    if query.search:
        matches = union(*[rows_of(condition) for condition in
                          _search_conditions(session, query.search, steering)]).subquery()
        ids = select(matches.c.id, func.count().over())
        key, tie = matches.c.sort, matches.c.id
    else:
        total = session.exec(select(func.count(Member.id)).where(*where)).one()
        ids = rows_of().with_only_columns(Member.id, literal(None))  # the count is known
        key, tie = column, Member.id
    ids = ids.order_by(key.desc(), tie.desc()) if query.descending else ids.order_by(key, tie)

    def page_of(page: int) -> tuple[list[int], int | None]:
        rows = session.exec(ids.offset((page - 1) * page_size).limit(page_size)).all()
        return [row[0] for row in rows], (rows[0][1] if rows else None)

    page = clamp_page(query.page, total, page_size) if total is not None else max(1, query.page)
    page_ids, counted = page_of(page)
    if total is None:
        if counted is None and page > 1:  # past the last page of results: show the last one
            total = session.exec(select(func.count()).select_from(ids.subquery())).one()
            page = clamp_page(page, total, page_size)
            page_ids, counted = page_of(page)
        total = counted or 0
    return Page(_member_rows(session, page_ids, steering, rule, now), total, page, page_size)


def _member_rows(session: Session, ids: list[int], steering: bool, rule: EngagementRule,
                 now: datetime) -> list[MemberRow]:
    if not ids:
        return []
    org_en, org_cy = _organisation_names()
    found = {
        row[0]: row for row in session.exec(
            select(Member.id, Member.full_name, org_en, org_cy,
                   func.coalesce(Member.job_title, ""), Member.community_role, Member.joined_on,
                   Member.language, func.coalesce(Member.email, ""))
            .outerjoin(Organisation, Organisation.id == Member.organisation_id)
            .where(Member.id.in_(ids))
        ).all()
    }
    levels = levels_for(session, ids, rule, now)
    return [
        MemberRow(*found[i][:8], email=found[i][8] if steering else "", level=levels.get(i, ""))
        for i in ids if i in found
    ]


# --- profiles -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileEvent:
    id: int
    title: str
    starts_at: datetime
    timezone: str
    attended: bool


@dataclass(frozen=True)
class Profile:
    id: int
    full_name: str
    organisation_en: str
    organisation_cy: str
    job_title: str
    community_role: str
    status: str
    joined_on: date | None
    language: str
    level: str
    interests: str
    email: str  # "" unless the steering group or an admin is asking
    events_registered: int
    events_attended: int
    events: list[ProfileEvent] = field(default_factory=list)


PROFILE_EVENTS = 20


def member_profile(session: Session, actor: Actor, member_id: int, now: datetime) -> Profile:
    """A member's profile for a signed-in member; contact details for the steering group."""
    require_role(actor, Role.MEMBER)
    steering = has_role(actor, Role.STEERING)
    member = session.get(Member, member_id)
    visible = (MemberStatus.ACTIVE.value, MemberStatus.LEFT.value)
    if steering:
        visible += (MemberStatus.PENDING.value, MemberStatus.DECLINED.value)
    if member is None or member.status not in visible:
        raise NotFound("There is no member with that number.")
    org = session.get(Organisation, member.organisation_id) if member.organisation_id else None
    other = member.organisation_other or ""
    counts = session.exec(
        select(func.count(Registration.id),
               func.coalesce(func.sum(case((Registration.attended, 1), else_=0)), 0))
        .where(Registration.member_id == member.id,
               Registration.status != RegistrationStatus.CANCELLED.value)
    ).one()
    events = session.exec(
        select(Event.id, Event.title, Event.starts_at, Event.timezone, Registration.attended)
        .join(Registration, Registration.event_id == Event.id)
        .where(Registration.member_id == member.id,
               Registration.status != RegistrationStatus.CANCELLED.value)
        .order_by(Event.starts_at.desc())
        .limit(PROFILE_EVENTS)
    ).all()
    level = levels_for(session, [member.id], engagement_rule(session), now).get(member.id, "")
    return Profile(
        id=member.id, full_name=member.full_name,
        organisation_en=org.name_en if org else other,
        organisation_cy=org.name_cy if org else other,
        job_title=member.job_title or "", community_role=member.community_role,
        status=member.status, joined_on=member.joined_on, language=member.language, level=level,
        interests=member.interests or "", email=(member.email or "") if steering else "",
        events_registered=int(counts[0]), events_attended=int(counts[1]),
        events=[ProfileEvent(*row) for row in events],
    )


# --- joining --------------------------------------------------------------------------------

OTHER_BODY = "other"


@dataclass(frozen=True)
class JoinForm:
    full_name: str = ""
    email: str = ""
    organisation: str = ""  # a registry body's id, or "other"
    organisation_other: str = ""
    job_title: str = ""
    interests: str = ""
    language: str = "en"
    consent: bool = False


def _clean(value: str, limit: int) -> str:
    return " ".join((value or "").split())[:limit]


def request_to_join(session: Session, actor: Actor, form: JoinForm, now: datetime) -> Member:
    """A join request from the public form: a pending member, for the steering group.

    Anyone may ask (a visitor too); the request is checked field by field and nothing is
    written unless all of it is right.
    """
    require_role(actor, Role.VISITOR)
    name = _clean(form.full_name, 200)
    if not name:
        raise InvalidInput("Enter your full name.")
    if not form.email.strip():
        raise InvalidInput("Enter your work email address.")
    email = validate_email(form.email)
    if len(email) > 320:
        raise InvalidInput("Enter an email address in the correct format, like name@example.org")
    if session.exec(select(Member.id).where(func.lower(Member.email) == email)).first():
        raise InvalidInput("There is already a member or a request to join with this email "
                           "address. If you think this is wrong, contact the steering group.")
    organisation_id, other = None, None
    if form.organisation == OTHER_BODY:
        other = _clean(form.organisation_other, 200)
        if not other:
            raise InvalidInput("Enter the name of your organisation.")
    elif form.organisation.isdigit():
        body = session.get(Organisation, int(form.organisation))
        if body is None or not body.in_registry:
            raise InvalidInput("Choose your organisation from the list, or choose 'Other'.")
        organisation_id = body.id
    else:
        raise InvalidInput("Choose your organisation from the list, or choose 'Other'.")
    if form.language not in LANGUAGES:
        raise InvalidInput("Choose your preferred language.")
    if not form.consent:
        raise InvalidInput("To join, agree to the community holding your details.")
    member = Member(
        full_name=name, email=email, organisation_id=organisation_id, organisation_other=other,
        job_title=_clean(form.job_title, 200) or None,
        interests=(form.interests or "").strip()[:2000] or None,
        status=MemberStatus.PENDING.value, language=form.language, consent_at=now,
        created_at=now, updated_at=now,
    )
    session.add(member)
    session.flush()
    audit.record(session, actor, "request_to_join", "member", member.id, None,
                 audit.snapshot(member, ("full_name", "email", "organisation_id",
                                         "organisation_other", "status", "language")))
    return member


@dataclass(frozen=True)
class JoinRequestRow:
    id: int
    full_name: str
    email: str
    organisation_en: str
    organisation_cy: str
    job_title: str
    language: str
    requested_at: datetime


def join_requests(session: Session, actor: Actor, page: int,
                  page_size: int = DEFAULT_PAGE_SIZE) -> Page[JoinRequestRow]:
    """Pending join requests, oldest first: for the steering group only."""
    require_role(actor, Role.STEERING)
    org_en, org_cy = _organisation_names()
    statement = (
        select(Member.id, Member.full_name, func.coalesce(Member.email, ""), org_en, org_cy,
               func.coalesce(Member.job_title, ""), Member.language, Member.created_at)
        .outerjoin(Organisation, Organisation.id == Member.organisation_id)
        .where(Member.status == MemberStatus.PENDING.value)
        .order_by(Member.created_at, Member.id)
    )
    result = paged(session, statement, page, page_size)
    return Page([JoinRequestRow(*row) for row in result.rows], result.total, result.page,
                result.page_size)


DECISION_FIELDS = ("status", "joined_on", "decided_at", "last_active_on")


def decide_join(session: Session, actor: Actor, member_id: int, approve: bool,
                now: datetime) -> Member:
    """Approve (the person joins today) or decline a pending request; audited."""
    require_role(actor, Role.STEERING)
    member = session.get(Member, member_id)
    if member is None or member.status != MemberStatus.PENDING.value:
        raise NotFound("That join request is no longer waiting for a decision.")
    before = audit.snapshot(member, DECISION_FIELDS)
    member.decided_at = now
    member.updated_at = now
    if approve:
        member.status = MemberStatus.ACTIVE.value
        member.joined_on = london_today(now)
        member.last_active_on = member.joined_on
    else:
        member.status = MemberStatus.DECLINED.value
    session.add(member)
    session.flush()
    audit.record(session, actor, "approve_join" if approve else "decline_join", "member",
                 member.id, before, audit.snapshot(member, DECISION_FIELDS))
    return member


# --- editing, erasure and retention ---------------------------------------------------------


@dataclass(frozen=True)
class ProfileChanges:
    full_name: str
    job_title: str = ""
    interests: str = ""
    language: str = "en"
    community_role: str | None = None  # None: unchanged; only the steering group sets it


EDITABLE = ("full_name", "job_title", "interests", "language", "community_role")


def can_edit(actor: Actor, member_id: int) -> bool:
    return has_role(actor, Role.STEERING) or (
        actor.signed_in and actor.member_id is not None and actor.member_id == member_id)


def update_profile(session: Session, actor: Actor, member_id: int, changes: ProfileChanges,
                   now: datetime) -> Member:
    """Members edit their own profile; the steering group edits anyone's and sets roles."""
    if not can_edit(actor, member_id):
        raise PermissionDenied("You do not have permission to do that.")
    if changes.community_role is not None:
        require_role(actor, Role.STEERING)
    member = session.get(Member, member_id)
    if member is None or member.status in (MemberStatus.ERASED.value, MemberStatus.DECLINED.value):
        raise NotFound("There is no member with that number.")
    name = _clean(changes.full_name, 200)
    if not name:
        raise InvalidInput("Enter your full name.")
    if changes.language not in LANGUAGES:
        raise InvalidInput("Choose your preferred language.")
    if changes.community_role is not None and changes.community_role not in {
            r.value for r in CommunityRole}:
        raise InvalidInput("Choose a community role from the list.")
    before = audit.snapshot(member, EDITABLE)
    member.full_name = name
    member.job_title = _clean(changes.job_title, 200) or None
    member.interests = (changes.interests or "").strip()[:2000] or None
    member.language = changes.language
    if changes.community_role is not None:
        member.community_role = changes.community_role
    after = audit.snapshot(member, EDITABLE)
    if after != before:
        member.updated_at = now
        session.add(member)
        session.flush()
        audit.record(session, actor, "update_member", "member", member.id, before, after)
    return member


def leave_community(session: Session, actor: Actor, member_id: int, now: datetime) -> Member:
    """A member leaves (or the steering group records that they left): they stop counting as
    a member from today and appear among the month's leavers; their history stays."""
    if not can_edit(actor, member_id):
        raise PermissionDenied("You do not have permission to do that.")
    member = session.get(Member, member_id)
    if member is None or member.status == MemberStatus.ERASED.value:
        raise NotFound("There is no member with that number.")
    if member.status != MemberStatus.ACTIVE.value:
        raise InvalidInput("Only a current member can leave the community.")
    before = {"status": member.status, "left_on": audit._plain(member.left_on)}
    member.status = MemberStatus.LEFT.value
    member.left_on = london_today(now)
    member.updated_at = now
    session.add(member)
    session.flush()
    audit.record(session, actor, "leave", "member", member.id, before,
                 {"status": member.status, "left_on": audit._plain(member.left_on)})
    return member


PERSONAL_FIELDS = ("full_name", "email", "organisation_other", "job_title", "interests")
ERASED_NAME = "Erased member"


def erase_member(session: Session, actor: Actor, member_id: int, now: datetime) -> Member:
    """UK GDPR erasure: blank the person's personal data, keep the row (so their anonymous
    attendance still counts and published totals do not change), deactivate their account,
    and scrub their details from earlier audit entries. The steering group only."""
    from dashboard.models import AuditEntry, User

    require_role(actor, Role.STEERING)
    member = session.get(Member, member_id)
    if member is None or member.status == MemberStatus.ERASED.value:
        raise NotFound("There is no member with that number.")
    before = {"status": member.status, "left_on": audit._plain(member.left_on)}
    member.full_name = ERASED_NAME
    for name in PERSONAL_FIELDS[1:]:
        setattr(member, name, None)
    member.status = MemberStatus.ERASED.value
    member.left_on = member.left_on or (london_today(now) if member.joined_on else None)
    member.erased_at = member.updated_at = now
    session.add(member)
    for user in session.exec(select(User).where(User.member_id == member.id)):
        user.is_active = False
        user.email = f"erased-{user.id}@erased.invalid"
        user.display_name = ERASED_NAME
        user.password_hash = None
        session.add(user)
    for entry in session.exec(select(AuditEntry).where(AuditEntry.entity == "member",
                                                       AuditEntry.entity_id == str(member.id))):
        for side in ("before", "after"):
            data = getattr(entry, side)
            if data and any(key in data for key in PERSONAL_FIELDS):
                setattr(entry, side, {k: ("(erased)" if k in PERSONAL_FIELDS else v)
                                      for k, v in data.items()})
        session.add(entry)
    session.flush()
    audit.record(session, actor, "erase_member", "member", member.id, before,
                 {"status": member.status, "left_on": audit._plain(member.left_on)})
    return member


@dataclass(frozen=True)
class RetentionRow:
    id: int
    full_name: str
    last_seen: date | None


def retention_days(session: Session) -> int:
    row = session.get(Setting, "membership.retention_days")
    if row is not None and row.value.strip().isdigit() and int(row.value) > 0:
        return int(row.value)
    return 730


def retention_review(session: Session, actor: Actor, now: datetime, page: int,
                     page_size: int = DEFAULT_PAGE_SIZE) -> Page[RetentionRow]:
    """Members inactive for longer than the retention period (Setting
    ``membership.retention_days``, two years unless set): longest first. Steering only."""
    require_role(actor, Role.STEERING)
    cutoff = london_today(now) - timedelta(days=retention_days(session))
    last_seen = func.coalesce(Member.last_active_on, Member.joined_on)
    statement = (
        select(Member.id, Member.full_name, last_seen)
        .where(Member.status.in_((MemberStatus.ACTIVE.value, MemberStatus.LEFT.value)),
               or_(last_seen.is_(None), last_seen < cutoff))
        .order_by(last_seen, Member.id)
    )
    result = paged(session, statement, page, page_size)
    return Page([RetentionRow(*row) for row in result.rows], result.total, result.page,
                result.page_size)
