"""Each body's latest accepted assessment and its overall level."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.models import (
    Assessment,
    AssessmentRound,
    AssessmentScore,
    AssessmentStatus,
)


def latest_accepted_assessments(session: Session):
    """A subquery of each body's most recent accepted assessment (by round)."""
    ranked = (
        select(
            Assessment.id.label("assessment_id"),
            Assessment.organisation_id,
            func.row_number()
            .over(
                partition_by=Assessment.organisation_id,
                order_by=(AssessmentRound.opens_on.desc(), Assessment.id.desc()),
            )
            .label("rank"),
        )
        .join(AssessmentRound, AssessmentRound.id == Assessment.round_id)
        .where(Assessment.status == AssessmentStatus.ACCEPTED.value)
        .subquery()
    )
    return select(ranked.c.assessment_id, ranked.c.organisation_id).where(ranked.c.rank == 1)



def body_levels(session: Session) -> pd.Series:
    """Each assessed body's overall level: the median of its applicable dimension levels."""
    latest = latest_accepted_assessments(session).subquery()
    rows = session.exec(
        select(latest.c.organisation_id, AssessmentScore.level)
        .join(AssessmentScore, AssessmentScore.assessment_id == latest.c.assessment_id)
        .where(AssessmentScore.not_applicable == False, AssessmentScore.level.is_not(None))  # noqa: E712
    ).all()
    # Plain tuples: pandas inspects Row objects one by one, which costs more than the query.
    frame = pd.DataFrame([tuple(row) for row in rows], columns=["organisation_id", "level"])
    if frame.empty:
        return pd.Series(dtype=float)
    return frame.groupby("organisation_id")["level"].median()

