"""Server-side paging: only one page of rows ever leaves the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import func
from sqlmodel import Session, select

T = TypeVar("T")
DEFAULT_PAGE_SIZE = 25


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: list[T]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def clamp_page(page: int, total: int, page_size: int) -> int:
    last = max(1, -(-total // page_size))
    return min(max(1, page), last)


def paged(session: Session, query, page: int, page_size: int = DEFAULT_PAGE_SIZE) -> Page:
    """Run ``query`` for one page; the total comes from a COUNT over the same query."""
    total = session.exec(select(func.count()).select_from(query.order_by(None).subquery())).one()
    page = clamp_page(page, total, page_size)
    rows = session.exec(query.offset((page - 1) * page_size).limit(page_size)).all()
    return Page(rows=list(rows), total=total, page=page, page_size=page_size)
