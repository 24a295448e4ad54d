"""Public bodies with their member counts, the outreach list and the registry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page, paged
from dashboard.domain.query_text import clean_query_text
from dashboard.models import (
    BodyType,
    CommunityRole,
    Member,
    MemberStatus,
    Organisation,
    Region,
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
    def from_params(cls, params: Mapping[str, str]) -> BodyQuery:
        """Parse query parameters; an unknown type or region is ignored, as in the directory."""
        body_type = clean_query_text(params.get("btype"))
        region = clean_query_text(params.get("bregion"))
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
