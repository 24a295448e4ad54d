"""Small builders for hand-counted test fixtures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import count

from sqlmodel import Session

from dashboard.models import (
    Assessment,
    AssessmentRound,
    AssessmentScore,
    Event,
    MaturityDimension,
    MaturityFramework,
    Member,
    Organisation,
    RecordingViews,
    Registration,
    Series,
    SteeringAction,
)

_ids = count(1)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def organisation(s: Session, slug: str | None = None, in_registry: bool = True,
                 body_type: str = "local_authority", region: str = "north") -> Organisation:
    slug = slug or f"body-{next(_ids)}"
    org = Organisation(slug=slug, name_en=slug.title(), name_cy=f"{slug} (cy)",
                       body_type=body_type, region=region, in_registry=in_registry)
    s.add(org)
    s.flush()
    return org


def member(s: Session, org: Organisation | None, joined_on: date, status: str = "active",
           name: str | None = None) -> Member:
    n = next(_ids)
    m = Member(full_name=name or f"Person {n}", email=f"person{n}@example.org",
               organisation_id=org.id if org else None, status=status, joined_on=joined_on)
    s.add(m)
    s.flush()
    return m


def series(s: Session, slug: str = "webinars") -> Series:
    row = Series(slug=slug, title_en=slug.title(), title_cy=f"{slug} (cy)")
    s.add(row)
    s.flush()
    return row


def event(s: Session, starts_at: datetime, series_row: Series | None = None,
          status: str = "confirmed", title: str | None = None) -> Event:
    n = next(_ids)
    e = Event(uid=f"event-{n}@test", title=title or f"Event {n}", starts_at=starts_at,
              ends_at=starts_at + timedelta(hours=1), status=status,
              series_id=series_row.id if series_row else None)
    s.add(e)
    s.flush()
    return e


def attendance(s: Session, e: Event, attended: int, absent: int = 0,
               member_row: Member | None = None) -> None:
    for i in range(attended + absent):
        s.add(Registration(event_id=e.id, attended=i < attended,
                           member_id=member_row.id if member_row and i == 0 else None))
    s.flush()


def views(s: Session, e: Event, *readings: tuple[datetime, int]) -> None:
    for read_at, count_ in readings:
        s.add(RecordingViews(event_id=e.id, read_at=read_at, view_count=count_))
    s.flush()


def framework(s: Session, dimensions: int = 3) -> list[MaturityDimension]:
    fw = MaturityFramework(version=f"t{next(_ids)}", title_en="T", title_cy="T",
                           published_on=date(2026, 1, 1),
                           level_names={str(i): {"en": f"L{i}", "cy": f"Ll{i}"}
                                        for i in range(1, 6)})
    s.add(fw)
    s.flush()
    dims = []
    for i in range(dimensions):
        d = MaturityDimension(framework_id=fw.id, key=f"d{i}", position=i, name_en=f"D{i}",
                              name_cy=f"D{i}", description_en="", description_cy="", levels={})
        s.add(d)
        dims.append(d)
    s.flush()
    return dims


def assessment_round(s: Session, name: str, opens_on: date) -> AssessmentRound:
    r = AssessmentRound(name=name, opens_on=opens_on, closes_on=opens_on + timedelta(days=60))
    s.add(r)
    s.flush()
    return r


def assessment(s: Session, org: Organisation, rnd: AssessmentRound, dims: list[MaturityDimension],
               levels: list[int | None], status: str = "accepted") -> Assessment:
    a = Assessment(organisation_id=org.id, round_id=rnd.id, framework_id=dims[0].framework_id,
                   status=status)
    s.add(a)
    s.flush()
    for dim, level in zip(dims, levels, strict=True):
        s.add(AssessmentScore(assessment_id=a.id, dimension_id=dim.id, level=level,
                              not_applicable=level is None))
    s.flush()
    return a


def action(s: Session, due_on: date | None, status: str = "open") -> SteeringAction:
    a = SteeringAction(title=f"Action {next(_ids)}", due_on=due_on, status=status)
    s.add(a)
    s.flush()
    return a
