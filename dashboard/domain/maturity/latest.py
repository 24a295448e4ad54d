"""Each body's latest accepted assessment, its scores and its overall level."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import String, func, type_coerce
from sqlmodel import Session, select

from dashboard.domain.maturity.framework import FrameworkView
from dashboard.models import (
    Assessment,
    AssessmentRound,
    AssessmentScore,
    AssessmentStatus,
    Organisation,
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


def latest_scores(session: Session, view: FrameworkView) -> pd.DataFrame:
    """One row per score of each body's latest accepted assessment, with the body's facts.

    Columns: organisation_id, body_type, publish_named, accepted_at, dimension_id, level, key
    (the newest framework's key, or None where the dimension does not map).
    """
    latest = latest_accepted_assessments(session).subquery()
    def run(statement) -> list[tuple]:
        # The driver's own tuples: SQLAlchemy's Row objects cost more than the query here
        # (no column needs a type conversion: accepted_at is read raw, see below).
        return session.connection().execute(statement).cursor.fetchall()

    heads = run(
        # accepted_at raw: turning 2,000 values into datetimes costs more than the query;
        # coverage parses only the one it shows per type.
        select(latest.c.assessment_id, latest.c.organisation_id, Organisation.body_type,
               Assessment.publish_named, type_coerce(Assessment.accepted_at, String))
        .join(Assessment, Assessment.id == latest.c.assessment_id)
        .join(Organisation, Organisation.id == latest.c.organisation_id)
    )
    # Then their answers by id: about twice as fast as one join on SQLite and PostgreSQL.
    ids = [h[0] for h in heads]
    rows = []
    for start in range(0, len(ids), 10_000):  # within SQLite's limit on bound parameters
        rows += run(
            select(AssessmentScore.assessment_id, AssessmentScore.dimension_id,
                   AssessmentScore.level)
            .where(AssessmentScore.assessment_id.in_(ids[start:start + 10_000]),
                   AssessmentScore.not_applicable == False,  # noqa: E712
                   AssessmentScore.level.is_not(None))
        )
    bodies = pd.DataFrame(heads,
                          columns=["assessment_id", "organisation_id", "body_type",
                                   "publish_named", "accepted_at"])
    scores = pd.DataFrame(rows, columns=["assessment_id", "dimension_id", "level"])
    frame = scores.merge(bodies, on="assessment_id").drop(columns="assessment_id")
    frame["key"] = frame["dimension_id"].map(view.key_of)
    frame["publish_named"] = frame["publish_named"].astype(bool)
    return frame


def median_of_counts(levels: pd.Series, counts: pd.Series) -> float | None:
    """The median of values given as (value, how many times): exact, as over the rows."""
    n = int(counts.sum())
    if n == 0:
        return None
    order = levels.to_numpy().argsort()
    values, cumulative = levels.to_numpy()[order], counts.to_numpy()[order].cumsum()

    def nth(i: int) -> float:  # the i-th value (0-based) in sorted order
        return float(values[(cumulative > i).argmax()])

    return nth(n // 2) if n % 2 else (nth(n // 2 - 1) + nth(n // 2)) / 2
