"""Sector maturity: how the assessed bodies spread across the levels of each dimension."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlmodel import Session, select

from dashboard.domain.overview import latest_accepted_assessments
from dashboard.models import AssessmentScore, MaturityDimension, MaturityFramework


@dataclass(frozen=True)
class DimensionSummary:
    key: str
    name_en: str
    name_cy: str
    bodies: int
    median: float | None
    # bodies at level 1..5
    distribution: tuple[int, int, int, int, int]


def newest_framework(session: Session) -> MaturityFramework | None:
    return session.exec(
        select(MaturityFramework).order_by(MaturityFramework.published_on.desc())
    ).first()


def dimension_summaries(session: Session) -> list[DimensionSummary]:
    """For each dimension of the newest framework: bodies assessed, median, bodies per level.

    Uses each body's latest accepted assessment; 'not applicable' answers are left out.
    """
    framework = newest_framework(session)
    if framework is None:
        return []
    dimensions = session.exec(
        select(MaturityDimension)
        .where(MaturityDimension.framework_id == framework.id)
        .order_by(MaturityDimension.position)
    ).all()
    latest = latest_accepted_assessments(session).subquery()
    rows = session.exec(
        select(AssessmentScore.dimension_id, AssessmentScore.level)
        .join(latest, latest.c.assessment_id == AssessmentScore.assessment_id)
        .where(AssessmentScore.level.is_not(None))
    ).all()
    frame = pd.DataFrame([tuple(row) for row in rows], columns=["dimension_id", "level"])
    summaries = []
    for dim in dimensions:
        levels = frame.loc[frame["dimension_id"] == dim.id, "level"]
        counts = levels.value_counts()
        summaries.append(DimensionSummary(
            key=dim.key, name_en=dim.name_en, name_cy=dim.name_cy, bodies=int(levels.size),
            median=float(levels.median()) if levels.size else None,
            distribution=tuple(int(counts.get(level, 0)) for level in range(1, 6)),
        ))
    return summaries
