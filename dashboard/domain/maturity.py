"""Sector maturity: the figures on the leaders' page, the published aggregates, a body's view.

Every figure comes from each body's latest accepted assessment (by round), aggregated in
pandas; 'not applicable' answers are left out. Figures about a group of fewer bodies than
the suppression threshold are withheld (see ``disclosure``). Answers given against an
older framework version count only where its dimension maps (``maps_to``, followed version
by version) to a dimension of the newest one.

The sector figures are cached per data version (accepted assessments' count and latest
change, bodies, frameworks, threshold), so a page render recomputes nothing when nothing
changed.
"""

from __future__ import annotations

import json
import statistics
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

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
from dashboard.domain.overview import latest_accepted_assessments
from dashboard.models import (
    Assessment,
    AssessmentRound,
    AssessmentScore,
    AssessmentStatus,
    AuditEntry,
    BodyType,
    MaturityDimension,
    MaturityFramework,
    Organisation,
)

LEVELS = (1, 2, 3, 4, 5)
# "% of bodies at level 3 or above": the level from which practice is established.
ESTABLISHED_LEVEL = 3
TILES_FILE = Path(__file__).resolve().parent.parent / "reference" / "wales_tiles.json"


# --- the framework and its versions -------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    id: int
    key: str
    name_en: str
    name_cy: str
    description_en: str
    description_cy: str
    # "1".."5" -> {"en", "cy"}
    levels: dict


@dataclass(frozen=True)
class FrameworkView:
    id: int
    version: str
    title_en: str
    title_cy: str
    level_names: dict[int, dict[str, str]]
    dimensions: list[Dimension]
    # Any version's dimension id -> the key of the newest version's dimension it maps to.
    key_of: dict[int, str]


def newest_framework(session: Session) -> MaturityFramework | None:
    return session.exec(
        select(MaturityFramework).order_by(MaturityFramework.published_on.desc(),
                                           MaturityFramework.id.desc())
    ).first()


def framework_view(session: Session) -> FrameworkView | None:
    """The newest framework, and how every older version's dimensions map onto it."""
    frameworks = session.exec(
        select(MaturityFramework).order_by(MaturityFramework.published_on.desc(),
                                           MaturityFramework.id.desc())
    ).all()
    if not frameworks:
        return None
    dims_by_fw: dict[int, list[MaturityDimension]] = {fw.id: [] for fw in frameworks}
    for dim in session.exec(select(MaturityDimension).order_by(MaturityDimension.position)):
        dims_by_fw.setdefault(dim.framework_id, []).append(dim)
    newest = frameworks[0]
    key_of: dict[int, str] = {}
    # key in the version being walked -> newest key; walk from newest to oldest.
    newest_key_for: dict[str, str] = {d.key: d.key for d in dims_by_fw[newest.id]}
    for d in dims_by_fw[newest.id]:
        key_of[d.id] = d.key
    for older in frameworks[1:]:
        # The version after ``older`` says which of older's keys its dimensions map to.
        newer_dims = dims_by_fw[frameworks[frameworks.index(older) - 1].id]
        older_key_for = {d.maps_to: newest_key_for[d.key] for d in newer_dims
                         if d.maps_to and d.key in newest_key_for}
        for d in dims_by_fw[older.id]:
            if d.key in older_key_for:
                key_of[d.id] = older_key_for[d.key]
        newest_key_for = older_key_for
    return FrameworkView(
        id=newest.id, version=newest.version, title_en=newest.title_en, title_cy=newest.title_cy,
        level_names={int(k): v for k, v in newest.level_names.items()},
        dimensions=[Dimension(d.id, d.key, d.name_en, d.name_cy, d.description_en,
                              d.description_cy, d.levels) for d in dims_by_fw[newest.id]],
        key_of=key_of,
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
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else \
        moment.astimezone(timezone.utc)


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


# --- published aggregates (CSV, JSON endpoint) --------------------------------------------


AGGREGATE_COLUMNS = ("figure", "body_type", "dimension", "level", "value", "low", "high",
                     "bodies", "suppressed")


def _plain(value):
    """numpy numbers (from pandas) as Python ones, for JSON."""
    return value.item() if hasattr(value, "item") else value


def published_aggregates(figures: SectorFigures) -> list[dict]:
    """The figures as flat rows; a withheld value is None with ``suppressed`` True."""
    rows: list[dict] = []

    def add(figure, value, *, body_type="", dimension="", level="", bodies=None,
            suppressed=False, low=None, high=None):
        rows.append({"figure": figure, "body_type": body_type, "dimension": dimension,
                     "level": level, "value": None if suppressed else _plain(value),
                     "low": None if suppressed else low, "high": None if suppressed else high,
                     "bodies": _plain(bodies), "suppressed": bool(suppressed)})

    h = figures.headline
    add("median_level", h.median_level, bodies=h.bodies, suppressed=h.suppressed)
    est = h.established
    add("share_at_level_3_or_above", round(est.value, 4) if est else None, bodies=h.bodies,
        suppressed=est is None, low=round(est.low, 4) if est else None,
        high=round(est.high, 4) if est else None)
    for d in figures.dimensions:
        add("dimension_median_level", d.median, dimension=d.key, bodies=d.bodies,
            suppressed=d.suppressed)
        for level, count in zip(LEVELS, d.distribution):
            add("bodies_at_level", count, dimension=d.key, level=level, suppressed=count is None)
        e = d.established
        add("share_at_level_3_or_above", round(e.value, 4) if e else None, dimension=d.key,
            bodies=d.bodies, suppressed=e is None, low=round(e.low, 4) if e else None,
            high=round(e.high, 4) if e else None)
    dims = figures.framework.dimensions if figures.framework else []
    for row in figures.heatmap:
        for dim, cell in zip(dims, row.cells):
            add("type_dimension_median_level", cell.median, body_type=row.body_type,
                dimension=dim.key, bodies=None if cell.suppressed else cell.bodies,
                suppressed=cell.suppressed)
    for c in figures.change:
        add("change_in_median_level", c.delta, dimension=c.key, suppressed=c.suppressed)
    for c in figures.coverage:
        add("bodies_assessed", c.assessed, body_type=c.body_type, bodies=c.total)
    return rows


def aggregates_csv(figures: SectorFigures) -> str:
    """CSV of the published aggregates: withheld cells empty, flagged in ``suppressed``."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=AGGREGATE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in published_aggregates(figures):
        writer.writerow({k: ("" if row[k] is None else
                             ("yes" if row[k] is True else "no" if row[k] is False else row[k]))
                         for k in AGGREGATE_COLUMNS})
    return out.getvalue()


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


def body_view(session: Session, actor, slug: str, next_steps: int = 3) -> BodyView:
    """A body's latest accepted levels beside the sector's and its type's medians, its
    history across rounds and its suggested next steps.

    A visitor (or member of another body) sees it only if the body agreed to be named; its
    own assessors and the steering group always.
    """
    from dashboard.domain.auth import has_role
    from dashboard.domain.errors import NotFound, PermissionDenied
    from dashboard.domain.self_assessment import is_assessor_of
    from dashboard.models import Role

    org = session.exec(select(Organisation).where(Organisation.slug == slug)).first()
    if org is None:
        raise NotFound("There is no body with that address.")
    view = framework_view(session)
    rows = session.exec(
        select(Assessment.id, AssessmentRound.name, Assessment.publish_named,
               AssessmentScore.dimension_id, AssessmentScore.level)
        .join(AssessmentRound, AssessmentRound.id == Assessment.round_id)
        .join(AssessmentScore, AssessmentScore.assessment_id == Assessment.id)
        .where(Assessment.organisation_id == org.id,
               Assessment.status == AssessmentStatus.ACCEPTED.value)
        .order_by(AssessmentRound.opens_on, Assessment.id)
    ).all()
    rounds: dict[int, tuple[str, bool, dict[str, int | None]]] = {}
    for assessment_id, round_name, named, dimension_id, level in rows:
        entry = rounds.setdefault(assessment_id, (round_name, bool(named), {}))
        key = view.key_of.get(dimension_id) if view else None
        if key:
            entry[2][key] = level
    latest = list(rounds.values())[-1] if rounds else None
    named = bool(latest and latest[1])
    if not (named or has_role(actor, Role.STEERING) or is_assessor_of(session, actor, org.id)):
        raise PermissionDenied("This body's results are not published.")
    figures = sector_figures(session)
    sector = {d.key: d.median for d in figures.dimensions}
    heat = next((r for r in figures.heatmap if r.body_type == org.body_type), None)
    dims = view.dimensions if view else []
    by_type = {d.key: (c.median if not c.suppressed else None)
               for d, c in zip(dims, heat.cells)} if heat else {}
    levels = latest[2] if latest else {}
    body_dims = [BodyDimension(d.key, d.name_en, d.name_cy, levels.get(d.key),
                               sector.get(d.key), by_type.get(d.key)) for d in dims]
    ranked = sorted((b for b in body_dims if b.level is not None and b.level < 5),
                    key=lambda b: b.level)
    steps = []
    for b in ranked[:next_steps]:
        descriptor = next(d for d in dims if d.key == b.key).levels.get(str(b.level + 1), {})
        steps.append(NextStep(b.key, b.name_en, b.name_cy, b.level, b.level + 1,
                              descriptor.get("en", ""), descriptor.get("cy", "")))
    return BodyView(
        slug=org.slug, name_en=org.name_en, name_cy=org.name_cy, body_type=org.body_type,
        named=named, round_name=latest[0] if latest else None, dimensions=body_dims,
        history=[(name, lv) for name, _n, lv in rounds.values()], next_steps=steps,
        level_names=view.level_names if view else {},
    )
