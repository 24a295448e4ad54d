"""The member directory: search, filters, sorting and server-side paging."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache, partial

from sqlalchemy import bindparam, func, literal, literal_column, or_, union
from sqlmodel import Session, select

from dashboard import search_index
from dashboard.domain.auth import Actor, has_role, require_role
from dashboard.domain.membership.bodies import LANGUAGES
from dashboard.domain.membership.bodies import contains_folded as _contains
from dashboard.domain.membership.engagement import (
    LEVELS,
    EngagementRule,
    engagement_rule,
    level_bounds,
    level_condition,
    level_expression,
)
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page, clamp_page
from dashboard.domain.query_text import clean_query_text
from dashboard.models import (
    BodyType,
    CommunityRole,
    Member,
    MemberStatus,
    Organisation,
    Region,
    Role,
)

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

    def __post_init__(self) -> None:
        # However the query is made (the address, the search box, with_changes), the search
        # holds no NUL or other control character: PostgreSQL refuses NUL in text.
        object.__setattr__(self, "search", clean_query_text(self.search))

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> DirectoryQuery:
        """Parse query parameters; anything unknown or malformed is ignored, not an error."""
        def pick(key: str, allowed) -> str:
            value = clean_query_text(params.get(key))
            return value if value in allowed else ""

        organisation = clean_query_text(params.get("org"))
        page = clean_query_text(params.get("page"))
        return cls(
            search=clean_query_text(params.get("q")),
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


def _bodies_where(*conditions):
    """Members whose body matches: an IN over the 2,000-row organisation table is much
    cheaper than joining it to 100,000 members before filtering."""
    return Member.organisation_id.in_(select(Organisation.id).where(*conditions))


def _sqlite_text_index(session: Session, text: str) -> bool:
    """Whether a search for ``text`` reads SQLite's FTS5 index (long enough, and there)."""
    return (session.get_bind().dialect.name == "sqlite"
            and len(search_index.fold(text) or "") >= search_index.MIN_LENGTH
            and search_index.sqlite_index_exists(session.connection()))


# A search on SQLite whose text matches more members than this, listed by name, walks the
# name index and stops after one page, testing each member against the matches; fewer
# matches are sorted (see search_members).
WALK_ABOVE = 5_000

# member.status, written so that SQLite does not plan by the indexes that lead with it: with
# no statistics, it would walk the 90,000 active members of the status index to test each
# against the text index's matches, where looking up the matches by id reads only them
# (a search for "jones": 38 ms against 6 ms).
_STATUS_NOT_INDEXED = literal_column("+member.status")


def _search_conditions(session: Session, text: str, steering: bool) -> list:
    """A directory search as two conditions, either of which makes a match: the member's own
    text (name, job title, an 'other' body's name; email for the steering group), or their
    body's name in either language (or another name it goes by). Kept apart so each can use
    its own index: the trigram index over the member's folded text (see
    dashboard/search_index.py), the organisation index for the bodies (after a scan of the
    small organisation table's folded names)."""
    contains = _contains(text)
    by_body = _bodies_where(contains(Organisation.folded_names))
    if _sqlite_text_index(session, text):
        own = Member.id.in_(search_index.sqlite_matches(text, steering))
    else:  # PostgreSQL's LIKE uses its pg_trgm index itself; short searches compare rows
        fields = [Member.folded_name, Member.folded_job_title, Member.folded_organisation_other]
        if steering:
            fields.append(Member.email)  # stored trimmed and lower case
        own = or_(*[contains(f) for f in fields])
    return [own, by_body]


def _directory_where(session: Session, query: DirectoryQuery, steering: bool,
                     rule: EngagementRule, now: datetime) -> list:
    """The directory's conditions, shared by the page and the export."""
    where = [Member.status == MemberStatus.ACTIVE.value]  # first: search_members takes it apart
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


def sort_column(sort: str):
    """What the directory sorts by for one of SORTS. Names by their folded copy, so they
    sort in the same (Welsh and UK) order on both databases, whatever the collation: accents
    aside, Ŵ among the Ws; ties by id, as the caller orders."""
    return {
        "name": Member.folded_name,
        "organisation": func.coalesce(Organisation.name_en, Member.organisation_other, ""),
        "job": func.coalesce(Member.job_title, ""), "role": Member.community_role,
        "joined": Member.joined_on,
    }[sort]


def search_members(session: Session, actor: Actor, query: DirectoryQuery, now: datetime,
                   page_size: int = DEFAULT_PAGE_SIZE,
                   rule: EngagementRule | None = None,
                   known_total: int | None = None) -> Page[MemberRow]:
    """One page of the directory: active members matching the search and filters.

    Signed-in members only; emails are searched and returned only for the steering group.
    Three small queries: the count, the ids of one page, then that page's details.

    Without a search, a separate count lets the sort's index stop after one page. A search
    is a union of two branches (the member's own text, their body's name), each with every
    filter inside it so each database plans it from its text index, carrying its sort key
    out so the matches are not read again; the count rides along as a window count. Either
    way ``known_total``, the count the caller had for the same query (``directory_total``,
    or another page of it), is not counted again: turning a page does not recount 100,000
    members, nor 15,000 matches of a search.
    """
    require_role(actor, Role.MEMBER)
    steering = has_role(actor, Role.STEERING)
    rule = rule or engagement_rule(session)
    active, *filters = _directory_where(session, query.with_changes(search=""), steering, rule,
                                        now)
    where = [active, *filters]
    column = sort_column(query.sort)

    def rows_of(*conditions, by_id: bool = False):
        statement = _branch(active, filters, *conditions, by_id=by_id,
                            columns=(Member.id.label("id"), column.label("sort")))
        if query.sort == "organisation":
            statement = statement.outerjoin(Organisation,
                                            Organisation.id == Member.organisation_id)
        return statement

    total = None
    if query.search and _walks_names(session, query, steering):
        # Many matches (a search for "data": 17,000 of 100,000): the name index, in order,
        # stops after a page, where sorting every match would read them all (2 ms, not 11).
        own, by_body = _search_conditions(session, query.search, steering)
        total = (known_total if known_total is not None
                 else directory_total(session, actor, query, now, rule=rule))
        ids = select(Member.id, literal(None)).where(active, *filters, or_(own, by_body))
        key, tie = column, Member.id
    elif query.search:
        matches = _matches(session, query.search, steering, rows_of).subquery()
        if known_total is None:
            ids = select(matches.c.id, func.count().over())
        else:  # paging through the same search, or a count kept for it: no count again
            total = known_total
            ids = select(matches.c.id, literal(None))
        key, tie = matches.c.sort, matches.c.id
    else:
        total = (known_total if known_total is not None
                 else _count(session, where))
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


def _walks_names(session: Session, query: DirectoryQuery, steering: bool) -> bool:
    """Whether a search lists its page by walking the name index (SQLite, listed by name,
    and its text matches more than WALK_ABOVE members)."""
    return (query.sort == "name" and _sqlite_text_index(session, query.search)
            and search_index.sqlite_match_count(session.connection(), query.search,
                                                steering) > WALK_ABOVE)


def _count(session: Session, where: list) -> int:
    return session.exec(select(func.count(Member.id)).where(*where)).one()


def _branch(active, filters: list, *conditions, by_id: bool = False,
            columns: tuple = (Member.id,)):
    """One branch of a search: the active members matching the filters and ``conditions``.
    ``by_id``: the matches of SQLite's text index, looked up by id (_STATUS_NOT_INDEXED)."""
    status = _STATUS_NOT_INDEXED == MemberStatus.ACTIVE.value if by_id else active
    return select(*columns).where(status, *filters, *conditions)


def _matches(session: Session, text: str, steering: bool, rows_of):
    """A search's matches: the union of its two branches, ``rows_of(condition, by_id=...)``
    each (the member's own text, by the text index; their body's name)."""
    own, by_body = _search_conditions(session, text, steering)
    by_id = _sqlite_text_index(session, text)
    return union(rows_of(own, by_id=by_id), rows_of(by_body))


@lru_cache(maxsize=16)
def _member_rows_statement(rule: EngagementRule):
    """``_member_rows``'s statement, built once per rule, its ids and dates bound when it
    runs: building and keying it anew took longer than running it (0.7 of 1 ms a page)."""
    org_en, org_cy = _organisation_names()
    return (select(Member.id, Member.full_name, org_en, org_cy,
                   func.coalesce(Member.job_title, ""), Member.community_role, Member.joined_on,
                   Member.language, func.coalesce(Member.email, ""),
                   level_expression(rule, None))
            .outerjoin(Organisation, Organisation.id == Member.organisation_id)
            .where(Member.id.in_(bindparam("ids", expanding=True))))


def directory_total(session: Session, actor: Actor, query: DirectoryQuery, now: datetime,
                    rule: EngagementRule | None = None) -> int:
    """How many active members match a directory query (its page and order aside): what
    ``search_members`` counts, for a caller that keeps the count. A search's count depends
    on the reader (the steering group's searches read emails too)."""
    require_role(actor, Role.MEMBER)
    steering = has_role(actor, Role.STEERING)
    rule = rule or engagement_rule(session)
    active, *filters = _directory_where(session, query.with_changes(search=""), steering,
                                        rule, now)
    if not query.search:
        return _count(session, [active, *filters])
    matches = _matches(session, query.search, steering, partial(_branch, active, filters))
    matches = matches.subquery()
    return session.exec(select(func.count()).select_from(matches)).one()


def _member_rows(session: Session, ids: list[int], steering: bool, rule: EngagementRule,
                 now: datetime) -> list[MemberRow]:
    """One page's details and engagement levels, in one query over its ids."""
    if not ids:
        return []
    found = {row[0]: row for row in session.exec(
        _member_rows_statement(rule), params={"ids": ids, **level_bounds(rule, now)}).all()}
    return [
        MemberRow(*found[i][:8], email=found[i][8] if steering else "", level=found[i][9])
        for i in ids if i in found
    ]
