"""The Members page's typed rows, one per list: what each list sends the browser of a body,
a member, a request to join or a member due for review (names and dates in both languages)."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import routes
from dashboard.domain.membership.directory import MemberRow
from state.rows import Bilingual, day


@dataclass(frozen=True)
class BodyItem:
    name: Bilingual
    body_type: str
    region: str
    members: int


@dataclass(frozen=True)
class MemberItem:
    id: int
    href: str
    name: str
    organisation: Bilingual
    job: str
    role: str  # a community role code
    level: str  # an engagement level code
    language: str
    email: str  # empty unless the steering group is reading
    joined: Bilingual


def member_item(m: MemberRow) -> MemberItem:
    return MemberItem(m.id, routes.member_page(m.id), m.full_name,
                      Bilingual(m.organisation_en, m.organisation_cy), m.job_title,
                      m.community_role, m.level, m.language, m.email, day(m.joined_on))


@dataclass(frozen=True)
class RequestItem:
    id: int
    name: str
    email: str
    organisation: Bilingual
    job: str
    language: str
    requested: Bilingual


@dataclass(frozen=True)
class ReviewItem:
    id: int
    href: str
    name: str
    last_seen: Bilingual
