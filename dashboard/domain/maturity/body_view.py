"""One body's maturity: its levels beside the sector's, history and next steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, select

from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.maturity.framework import (
    framework_view,
)
from dashboard.domain.maturity.sector import (
    sector_figures,
)
from dashboard.models import (
    Assessment,
    AssessmentRound,
    AssessmentScore,
    AssessmentStatus,
    Organisation,
)

# --- one body's view ----------------------------------------------------------------------


@dataclass(frozen=True)
class BodyDimension:
    key: str
    name_en: str
    name_cy: str
    level: int | None  # None: not applicable or not answered
    sector_median: float | None  # None where withheld
    type_median: float | None


@dataclass(frozen=True)
class NextStep:
    key: str
    name_en: str
    name_cy: str
    level: int
    next_level: int
    next_en: str
    next_cy: str


@dataclass(frozen=True)
class BodyView:
    slug: str
    name_en: str
    name_cy: str
    body_type: str
    named: bool
    round_name: str | None
    dimensions: list[BodyDimension]
    # (round name, {key: level or None}) oldest first
    history: list[tuple[str, dict[str, int | None]]]
    next_steps: list[NextStep]
    level_names: dict[int, dict[str, str]]
    # False: no accepted assessment yet (nothing else to show).
    assessed: bool = True
    # Every answered dimension is at level 5 (no next step to suggest).
    at_top_level: bool = False
    # The latest round is still open: its figures are provisional.
    provisional: bool = False
    open_rounds: tuple[str, ...] = field(default=())  # of the history's rounds


def body_view(session: Session, actor, slug: str, next_steps: int = 3,
              today: date | None = None) -> BodyView:
    """A body's latest accepted levels beside the sector's and its type's medians, its
    history across rounds and its suggested next steps.

    A body with no accepted assessment says so, to anyone. Otherwise a visitor (or member of
    another body) sees it only if the body agreed to be named; its own assessors and the
    steering group always.
    """
    from dashboard.domain.auth import has_role
    from dashboard.domain.errors import NotFound, PermissionDenied
    from dashboard.domain.maturity.self_assessment import is_assessor_of
    from dashboard.models import Role

    today = today or london_today(utc_now())
    org = session.exec(select(Organisation).where(Organisation.slug == slug)).first()
    if org is None:
        raise NotFound("There is no body with that address.")
    view = framework_view(session)
    rows = session.exec(
        select(Assessment.id, AssessmentRound.name, Assessment.publish_named,
               AssessmentRound.opens_on, AssessmentRound.closes_on,
               AssessmentScore.dimension_id, AssessmentScore.level)
        .join(AssessmentRound, AssessmentRound.id == Assessment.round_id)
        .join(AssessmentScore, AssessmentScore.assessment_id == Assessment.id)
        .where(Assessment.organisation_id == org.id,
               Assessment.status == AssessmentStatus.ACCEPTED.value)
        .order_by(AssessmentRound.opens_on, Assessment.id)
    ).all()
    rounds: dict[int, tuple[str, bool, dict[str, int | None], bool]] = {}
    for assessment_id, round_name, named, opens, closes, dimension_id, level in rows:
        entry = rounds.setdefault(assessment_id,
                                  (round_name, bool(named), {}, opens <= today <= closes))
        key = view.key_of.get(dimension_id) if view else None
        if key:
            entry[2][key] = level
    if not rounds:
        return BodyView(slug=org.slug, name_en=org.name_en, name_cy=org.name_cy,
                        body_type=org.body_type, named=False, round_name=None, dimensions=[],
                        history=[], next_steps=[], level_names={}, assessed=False)
    latest = list(rounds.values())[-1]
    named = latest[1]
    if not (named or has_role(actor, Role.STEERING) or is_assessor_of(session, actor, org.id)):
        raise PermissionDenied("This body has not agreed to have its results published.")
    figures = sector_figures(session, today=today)
    sector = {d.key: d.median for d in figures.dimensions}
    heat = next((r for r in figures.heatmap if r.body_types == (org.body_type,)), None)
    dims = view.dimensions if view else []
    by_type = {d.key: (c.median if not c.suppressed else None)
               for d, c in zip(dims, heat.cells)} if heat else {}
    levels = latest[2]
    body_dims = [BodyDimension(d.key, d.name_en, d.name_cy, levels.get(d.key),
                               sector.get(d.key), by_type.get(d.key)) for d in dims]
    answered = [b for b in body_dims if b.level is not None]
    ranked = sorted((b for b in answered if b.level < 5), key=lambda b: b.level)
    steps = []
    for b in ranked[:next_steps]:
        descriptor = next(d for d in dims if d.key == b.key).levels.get(str(b.level + 1), {})
        steps.append(NextStep(b.key, b.name_en, b.name_cy, b.level, b.level + 1,
                              descriptor.get("en", ""), descriptor.get("cy", "")))
    return BodyView(
        slug=org.slug, name_en=org.name_en, name_cy=org.name_cy, body_type=org.body_type,
        named=named, round_name=latest[0], dimensions=body_dims,
        history=[(name, lv) for name, _n, lv, _open in rounds.values()], next_steps=steps,
        level_names=view.level_names if view else {},
        at_top_level=bool(answered) and not ranked, provisional=latest[3],
        open_rounds=tuple(name for name, _n, _lv, is_open in rounds.values() if is_open),
    )
