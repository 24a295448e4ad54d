"""Membership listings: the public bodies with their member counts, and the members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page, paged
from dashboard.models import Member, MemberStatus, Organisation


@dataclass(frozen=True)
class BodyRow:
    id: int
    name_en: str
    name_cy: str
    body_type: str
    region: str
    members: int


@dataclass(frozen=True)
class MemberRow:
    id: int
    full_name: str
    organisation_en: str
    organisation_cy: str
    job_title: str
    community_role: str
    joined_on: date | None


def bodies_with_members(session: Session, page: int, unrepresented_only: bool = False,
                        page_size: int = DEFAULT_PAGE_SIZE) -> Page[BodyRow]:
    """Registry bodies with their active member counts, most members first."""
    counts = (
        select(Member.organisation_id, func.count().label("members"))
        .where(Member.status == MemberStatus.ACTIVE.value)
        .group_by(Member.organisation_id)
        .subquery()
    )
    members = func.coalesce(counts.c.members, 0)
    query = (
        select(Organisation.id, Organisation.name_en, Organisation.name_cy,
               Organisation.body_type, Organisation.region, members.label("members"))
        .outerjoin(counts, counts.c.organisation_id == Organisation.id)
        .where(Organisation.in_registry)
        .order_by(members.desc(), Organisation.name_en)
    )
    if unrepresented_only:
        query = query.where(counts.c.members.is_(None))
    result = paged(session, query, page, page_size)
    return Page([BodyRow(*row) for row in result.rows], result.total, result.page, result.page_size)


def active_members(session: Session, page: int,
                   page_size: int = DEFAULT_PAGE_SIZE) -> Page[MemberRow]:
    """Members in the community now, newest first."""
    query = (
        select(Member.id, Member.full_name,
               func.coalesce(Organisation.name_en, Member.organisation_other, ""),
               func.coalesce(Organisation.name_cy, Member.organisation_other, ""),
               func.coalesce(Member.job_title, ""), Member.community_role, Member.joined_on)
        .outerjoin(Organisation, Organisation.id == Member.organisation_id)
        .where(Member.status == MemberStatus.ACTIVE.value)
        .order_by(Member.joined_on.desc(), Member.id.desc())
    )
    result = paged(session, query, page, page_size)
    return Page([MemberRow(*row) for row in result.rows], result.total, result.page, result.page_size)
