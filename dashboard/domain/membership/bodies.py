"""Public bodies with their member counts, the outreach list and the registry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import case, func
from sqlmodel import Session, select

from dashboard import search_index
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page, clamp_page
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
    """The bodies the filters select with their active members, most first. Each body's
    count is a correlated COUNT that the (organisation, status) index answers: a filtered
    list (22 local authorities) counts the members of its own bodies only, where a GROUP BY
    over every member reads all 100,000."""
    members = (
        select(func.count())
        .where(Member.organisation_id == Organisation.id,
               Member.status == MemberStatus.ACTIVE.value)
        .correlate(Organisation)
        .scalar_subquery()
    )
    statement = (
        select(Organisation.id, Organisation.name_en, Organisation.name_cy,
               Organisation.body_type, Organisation.region, members.label("members"))
        .where(Organisation.in_registry)
        .order_by(members.desc(), Organisation.name_en, Organisation.id)
    )
    if query.body_type:
        statement = statement.where(Organisation.body_type == query.body_type)
    if query.region:
        statement = statement.where(Organisation.region == query.region)
    if query.outreach:
        statement = statement.where(members == 0)
    return statement


def bodies_with_members(session: Session, page: int, query: BodyQuery = BodyQuery(),
                        page_size: int = DEFAULT_PAGE_SIZE) -> Page[BodyRow]:
    """Registry bodies with their active member counts, most members first (one page).

    One query: the total rides along as a window count. Only a page past the end (a stale
    address) asks again, for the last page."""
    statement = _bodies_query(query).add_columns(func.count().over())

    def page_of(number: int) -> list:
        return session.exec(statement.offset((number - 1) * page_size).limit(page_size)).all()

    page = max(1, page)
    rows = page_of(page)
    if not rows and page > 1:
        total = session.exec(select(func.count()).select_from(
            _bodies_query(query).order_by(None).subquery())).one()
        page = clamp_page(page, total, page_size)
        rows = page_of(page)
    total = rows[0][-1] if rows else 0
    return Page([BodyRow(*row[:-1]) for row in rows], total, page, page_size)


def all_bodies_with_members(session: Session, query: BodyQuery) -> list[BodyRow]:
    """Every body the filters select (a registry of a few thousand at most), for a download."""
    return [BodyRow(*row) for row in session.exec(_bodies_query(query)).all()]


@dataclass(frozen=True)
class BodyOption:
    id: int
    name_en: str
    name_cy: str


BODY_MATCHES = 10  # the most bodies a search offers at once: a short list to choose from


def contains_folded(text: str):
    """A test that a folded column (lower case without accents, ``Member.folded_*`` or
    ``Organisation.folded_names``) contains ``text``, accents and case aside: both sides are
    folded, so a plain LIKE does on either database, and "sian" finds "Siân" as "siân" finds
    "Sian"."""
    folded = search_index.fold(text) or ""
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return lambda column, prefix="%": column.like(f"{prefix}{escaped}%", escape="\\")


def find_bodies(session: Session, text: str, limit: int = BODY_MATCHES) -> list[BodyOption]:
    """The registry bodies any of whose names (English, Welsh, or another it goes by)
    contain ``text``, accents and case aside: those with a name that begins with it first,
    then by name; at most ``limit``. What a body picker offers as someone types, so a page
    never holds the whole registry."""
    text = clean_query_text(text)
    if not text:
        return []
    contains = contains_folded(text)
    # folded_names holds one name a line: a name begins with the text at the start or
    # after a line break.
    begins = contains(Organisation.folded_names, "") | contains(Organisation.folded_names,
                                                                 "%\n")
    rows = session.exec(
        select(Organisation.id, Organisation.name_en, Organisation.name_cy)
        .where(Organisation.in_registry, contains(Organisation.folded_names))
        .order_by(case((begins, 0), else_=1), Organisation.name_en, Organisation.id)
        .limit(limit)
    ).all()
    return [BodyOption(*row) for row in rows]


def registry_body(session: Session, body_id: int | None) -> BodyOption | None:
    """One registry body's names (a picker's current choice), or None."""
    if not body_id:
        return None
    row = session.exec(
        select(Organisation.id, Organisation.name_en, Organisation.name_cy)
        .where(Organisation.id == body_id, Organisation.in_registry)
    ).first()
    return BodyOption(*row) if row else None
