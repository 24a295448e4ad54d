"""Sector maturity: the figures on the leaders' page, cached per data version."""

from __future__ import annotations

import json
import statistics
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import String, func, type_coerce
from sqlmodel import Session, select

from dashboard.domain.disclosure import (
    Proportion,
    proportion,
    suppress_cells,
    suppress_groups,
    suppression_threshold,
)
from dashboard.domain.maturity.framework import (
    ESTABLISHED_LEVEL,
    LEVELS,
    TILES_FILE,
    FrameworkView,
    framework_view,
)
from dashboard.domain.maturity.latest import latest_accepted_assessments
from dashboard.models import (
    Assessment,
    AssessmentRound,
    AssessmentScore,
    AssessmentStatus,
    AuditEntry,
    BodyType,
    MaturityDimension,
    Organisation,
)

# --- the figures --------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    bodies: int
    suppressed: bool
    median_level: float | None
    # Bodies whose overall level is 3 or above, with its Wilson interval.
    established: Proportion | None


@dataclass(frozen=True)
class DimensionFigures:
    key: str
    name_en: str
    name_cy: str
    bodies: int
    suppressed: bool
    median: float | None
    # Bodies at level 1..5; None where withheld.
    distribution: tuple[int | None, ...]
    established: Proportion | None


@dataclass(frozen=True)
class HeatCell:
    bodies: int
    suppressed: bool
    median: float | None


@dataclass(frozen=True)
class HeatRow:
    body_type: str
    cells: list[HeatCell]  # in dimension order


@dataclass(frozen=True)
class Change:
    key: str
    name_en: str
    name_cy: str
    previous: float | None
    current: float | None
    suppressed: bool

    @property
    def delta(self) -> float | None:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous


@dataclass(frozen=True)
class CoverageRow:
    body_type: str
    assessed: int
    total: int
    last_accepted: datetime | None


@dataclass(frozen=True)
class Tile:
    slug: str
    code: str
    row: int
    column: int
    name_en: str
    name_cy: str
    # "published" (level shown), "unpublished" (assessed, not named), "none" (no assessment)
    status: str
    level: float | None


@dataclass(frozen=True)
class NamedBody:
    slug: str
    name_en: str
    name_cy: str
    body_type: str
    level: float


@dataclass(frozen=True)
class SectorFigures:
    threshold: int
    framework: FrameworkView | None
    headline: Headline
    dimensions: list[DimensionFigures]
    heatmap: list[HeatRow]
    change: list[Change]
    current_round: str | None
    previous_round: str | None
    coverage: list[CoverageRow]
    tiles: list[Tile]
    named: list[NamedBody]
    version: tuple = field(default=(), compare=False)


def _median(values: pd.Series) -> float | None:
    return float(statistics.median(values.tolist())) if len(values) else None


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
    return frame


def _established(levels: pd.Series) -> Proportion | None:
    if not len(levels):
        return None
    return proportion(int((levels >= ESTABLISHED_LEVEL).sum()), len(levels))


def _dimension_figures(frame: pd.DataFrame, view: FrameworkView,
                       threshold: int) -> list[DimensionFigures]:
    out = []
    for dim in view.dimensions:
        levels = frame.loc[frame["key"] == dim.key, "level"]
        n = int(levels.size)
        counts = [int((levels == level).sum()) for level in LEVELS]
        if n < threshold:
            out.append(DimensionFigures(dim.key, dim.name_en, dim.name_cy, n, True, None,
                                        (None,) * len(LEVELS), None))
            continue
        withheld = suppress_cells(counts, threshold)
        # The share at 3+ is published only if it cannot split a withheld pair across the
        # boundary (it would reveal the cells on either side by subtraction).
        below = any(w for level, w in zip(LEVELS, withheld) if level < ESTABLISHED_LEVEL)
        above = any(w for level, w in zip(LEVELS, withheld) if level >= ESTABLISHED_LEVEL)
        out.append(DimensionFigures(
            dim.key, dim.name_en, dim.name_cy, n, False, _median(levels),
            tuple(None if w else c for c, w in zip(counts, withheld)),
            None if (below and above) else _established(levels),
        ))
    return out


def body_types_in_use(session: Session) -> list[str]:
    present = set(session.exec(select(Organisation.body_type).distinct()).all())
    return [t.value for t in BodyType if t.value in present]


def _heatmap(frame: pd.DataFrame, view: FrameworkView, types: list[str],
             threshold: int) -> list[HeatRow]:
    grouped = frame.groupby(["key", "body_type"])["level"]
    sizes, medians = grouped.size().to_dict(), grouped.median().to_dict()
    cells: dict[str, list[HeatCell]] = {t: [] for t in types}
    for dim in view.dimensions:
        counts = [int(sizes.get((dim.key, t), 0)) for t in types]
        for t, n, w in zip(types, counts, suppress_groups(counts, threshold)):
            cells[t].append(HeatCell(bodies=n, suppressed=w,
                                     median=None if w else float(medians[(dim.key, t)])))
    return [HeatRow(t, cells[t]) for t in types]


def _round_counts(session: Session, view: FrameworkView) -> tuple[list[str], pd.DataFrame]:
    """The two latest rounds with accepted assessments (newest first), and how many of their
    accepted answers gave each level of each dimension (columns round, key, level, bodies)."""
    rounds = session.exec(
        select(AssessmentRound.id, AssessmentRound.name)
        .where(select(Assessment.id).where(
            Assessment.round_id == AssessmentRound.id,
            Assessment.status == AssessmentStatus.ACCEPTED.value).exists())
        .order_by(AssessmentRound.opens_on.desc(), AssessmentRound.id.desc())
        .limit(2)
    ).all()
    round_ids = [r[0] for r in rounds]
    columns = ["round_id", "dimension_id", "level", "bodies"]
    if not round_ids:
        return [], pd.DataFrame(columns=[*columns, "key", "round"])
    # Counted in the database: a few hundred rows instead of every answer.
    rows = session.exec(
        select(Assessment.round_id, AssessmentScore.dimension_id, AssessmentScore.level,
               func.count())
        .join(AssessmentScore, AssessmentScore.assessment_id == Assessment.id)
        .where(Assessment.round_id.in_(round_ids),
               Assessment.status == AssessmentStatus.ACCEPTED.value,
               AssessmentScore.not_applicable == False,  # noqa: E712
               AssessmentScore.level.is_not(None))
        .group_by(Assessment.round_id, AssessmentScore.dimension_id, AssessmentScore.level)
    ).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
    frame["key"] = frame["dimension_id"].map(view.key_of)
    frame["round"] = frame["round_id"].map({rid: i for i, rid in enumerate(round_ids)})
    return [r[1] for r in rounds], frame


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


def _change(frame: pd.DataFrame, view: FrameworkView, threshold: int) -> list[Change]:
    out = []
    for dim in view.dimensions:
        part = frame.loc[frame["key"] == dim.key]
        current = part.loc[part["round"] == 0]
        previous = part.loc[part["round"] == 1]
        small = current["bodies"].sum() < threshold or previous["bodies"].sum() < threshold
        out.append(Change(
            dim.key, dim.name_en, dim.name_cy,
            None if small else median_of_counts(previous["level"], previous["bodies"]),
            None if small else median_of_counts(current["level"], current["bodies"]), small))
    return out


def _coverage(session: Session, frame: pd.DataFrame, types: list[str]) -> list[CoverageRow]:
    totals = dict(session.exec(
        select(Organisation.body_type, func.count()).where(Organisation.in_registry)
        .group_by(Organisation.body_type)
    ).all())
    in_registry = set(session.exec(select(Organisation.id).where(Organisation.in_registry)).all())
    bodies = frame.drop_duplicates("organisation_id")
    bodies = bodies.loc[bodies["organisation_id"].isin(in_registry)]
    out = []
    for t in types:
        if not totals.get(t):
            continue
        of_type = bodies.loc[bodies["body_type"] == t]
        stamps = of_type["accepted_at"].dropna()
        out.append(CoverageRow(t, int(len(of_type)), int(totals[t]),
                               _as_utc(stamps.max()) if len(stamps) else None))
    return out


def _as_utc(value) -> datetime | None:
    """A stored time as an aware UTC datetime (SQLite gives text, PostgreSQL a datetime)."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if hasattr(moment, "to_pydatetime"):
        moment = moment.to_pydatetime()
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else \
        moment.astimezone(UTC)


def _tiles(session: Session, overall: pd.Series, named: set[int]) -> list[Tile]:
    layout = json.loads(TILES_FILE.read_text(encoding="utf-8"))["tiles"]
    orgs = {o.slug: o for o in session.exec(
        select(Organisation).where(Organisation.slug.in_([t["slug"] for t in layout]))).all()}
    tiles = []
    for t in layout:
        org = orgs.get(t["slug"])
        if org is None:
            continue
        if org.id in overall.index and org.id in named:
            status, level = "published", float(overall[org.id])
        elif org.id in overall.index:
            status, level = "unpublished", None
        else:
            status, level = "none", None
        tiles.append(Tile(t["slug"], t["code"], t["row"], t["column"], org.name_en, org.name_cy,
                          status, level))
    return tiles


def data_version(session: Session) -> tuple:
    """What the sector figures depend on; a change to any of it recomputes them.

    The accepted assessments (count and sum of ids: read from the status index alone), the
    latest audited change (accepting, naming, editing all write one), the bodies, the
    framework dimensions and the threshold.
    """
    accepted = session.exec(
        select(func.count(), func.sum(Assessment.id))
        .where(Assessment.status == AssessmentStatus.ACCEPTED.value)
    ).one()
    audited = session.exec(select(func.max(AuditEntry.id))).one()
    bodies = session.exec(select(func.count(), func.max(Organisation.id))).one()
    dimensions = session.exec(select(func.count(), func.max(MaturityDimension.id))).one()
    return (str(session.get_bind().url), tuple(accepted), audited, tuple(bodies),
            tuple(dimensions), suppression_threshold(session))


_cache: dict[str, SectorFigures] = {}
_cache_lock = threading.Lock()


def sector_figures(session: Session, use_cache: bool = True) -> SectorFigures:
    """Every figure on the leaders' page, suppressed for publication."""
    version = data_version(session)
    if use_cache:
        cached = _cache.get(version[0])
        if cached is not None and cached.version == version:
            return cached
    figures = compute_sector_figures(session, version)
    with _cache_lock:
        _cache[version[0]] = figures
    return figures


def compute_sector_figures(session: Session, version: tuple = ()) -> SectorFigures:
    threshold = suppression_threshold(session)
    view = framework_view(session)
    types = body_types_in_use(session)
    if view is None:
        return SectorFigures(threshold, None, Headline(0, True, None, None), [], [], [], None,
                             None, [], [], [], version)
    frame = latest_scores(session, view)
    # A body's overall level: the median of all its applicable levels (as the Overview).
    overall = frame.groupby("organisation_id")["level"].median()
    n = int(overall.size)
    small = n < threshold
    headline = Headline(bodies=n, suppressed=small,
                        median_level=None if small else _median(overall),
                        established=None if small else _established(overall))
    named_ids = set(frame.loc[frame["publish_named"].astype(bool), "organisation_id"].unique())
    rounds, round_frame = _round_counts(session, view)
    orgs = {row[0]: row[1:] for row in session.exec(
        select(Organisation.id, Organisation.slug, Organisation.name_en, Organisation.name_cy,
               Organisation.body_type)
        .where(Organisation.id.in_([int(i) for i in named_ids])))} if named_ids else {}
    named = sorted((NamedBody(*orgs[i], float(overall[i])) for i in named_ids if i in orgs),
                   key=lambda b: b.name_en)
    return SectorFigures(
        threshold=threshold, framework=view, headline=headline,
        dimensions=_dimension_figures(frame, view, threshold),
        heatmap=_heatmap(frame, view, types, threshold),
        change=_change(round_frame, view, threshold) if len(rounds) == 2 else [],
        current_round=rounds[0] if rounds else None,
        previous_round=rounds[1] if len(rounds) == 2 else None,
        coverage=_coverage(session, frame, types),
        tiles=_tiles(session, overall, named_ids),
        named=named, version=version,
    )
