"""Sector maturity: the figures on the leaders' page, cached per data version."""

from __future__ import annotations

import json
import statistics
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.disclosure import (
    Proportion,
    counts_withheld,
    proportion,
    suppress_groups,
    suppression_threshold,
    too_few,
)
from dashboard.domain.maturity.framework import (
    ESTABLISHED_LEVEL,
    LEVELS,
    TILES_FILE,
    WELSH_TILE_CODES,
    FrameworkView,
    framework_view,
)
from dashboard.domain.maturity.latest import latest_scores, median_of_counts
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
    suppressed: bool  # fewer bodies than the threshold: nothing shown
    median_level: float | None
    # Bodies whose overall level is 3 or above, with its Wilson interval; None where withheld
    # (see ``counts_withheld``).
    established: Proportion | None


@dataclass(frozen=True)
class DimensionFigures:
    """One dimension over all the bodies that answered it (the group)."""

    key: str
    name_en: str
    name_cy: str
    bodies: int
    suppressed: bool  # the group is too small: nothing about it is shown
    median: float | None
    # Bodies at level 1..5, all shown or all withheld (None): the group decides, not a cell.
    distribution: tuple[int | None, ...]
    established: Proportion | None
    # The counts and the share at 3+ are withheld (see disclosure.counts_withheld).
    counts_withheld: bool = False


@dataclass(frozen=True)
class HeatCell:
    bodies: int
    suppressed: bool
    median: float | None


@dataclass(frozen=True)
class HeatRow:
    """One group of the heatmap: a type of body, or the types too small to show on their own
    combined (in the order of BodyType)."""

    body_types: tuple[str, ...]
    cells: list[HeatCell]  # in dimension order

    @property
    def combined(self) -> bool:
        return len(self.body_types) > 1

    @property
    def body_type(self) -> str:
        """The group's name in the published aggregates: "police+fire_and_rescue" combined."""
        return "+".join(self.body_types)


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
    code_cy: str = ""  # the short label on Welsh pages


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
    # The current round (the latest with accepted assessments) closes on; while it is still
    # open the figures are provisional: more assessments will be accepted.
    round_closes_on: date | None = None
    provisional: bool = False
    version: tuple = field(default=(), compare=False)


def _median(values: pd.Series) -> float | None:
    return float(statistics.median(values.tolist())) if len(values) else None


def _established(levels: pd.Series) -> Proportion | None:
    if not len(levels):
        return None
    return proportion(int((levels >= ESTABLISHED_LEVEL).sum()), len(levels))


def _dimension_figures(frame: pd.DataFrame, view: FrameworkView,
                       threshold: int) -> list[DimensionFigures]:
    # Counted once for every dimension (a frame of every answer: no per-dimension copies).
    by_key = frame.groupby("key")
    sizes, medians = by_key.size().to_dict(), by_key["level"].median().to_dict()
    private = (~frame["publish_named"]).groupby(frame["key"]).sum().to_dict()
    at_level = frame.groupby(["key", "level"]).size().to_dict()
    out = []
    for dim in view.dimensions:
        n = int(sizes.get(dim.key, 0))
        if too_few(n, threshold):
            out.append(DimensionFigures(dim.key, dim.name_en, dim.name_cy, n, True, None,
                                        (None,) * len(LEVELS), None, True))
            continue
        hidden = counts_withheld(n, int(private.get(dim.key, 0)), threshold)
        counts = tuple(int(at_level.get((dim.key, level), 0)) for level in LEVELS)
        established = proportion(sum(c for level, c in zip(LEVELS, counts)
                                     if level >= ESTABLISHED_LEVEL), n)
        out.append(DimensionFigures(
            dim.key, dim.name_en, dim.name_cy, n, False, float(medians[dim.key]),
            (None,) * len(LEVELS) if hidden else counts,
            None if hidden else established, hidden,
        ))
    return out


def body_types_in_use(session: Session) -> list[str]:
    present = set(session.exec(select(Organisation.body_type).distinct()).all())
    return [t.value for t in BodyType if t.value in present]


def _heatmap(frame: pd.DataFrame, view: FrameworkView, types: list[str],
             threshold: int) -> list[HeatRow]:
    """Median level by group and dimension: each type of body with enough assessed bodies,
    then the other types combined; secondary suppression down each dimension's column."""
    sizes = frame.drop_duplicates("organisation_id")["body_type"].value_counts()
    present = [t for t in types if sizes.get(t, 0)]
    groups = [(t,) for t in present if not too_few(int(sizes[t]), threshold)]
    small = tuple(t for t in present if too_few(int(sizes[t]), threshold))
    groups += [small] if small else []
    group_of = {t: i for i, group in enumerate(groups) for t in group}
    grouped = frame.assign(group=frame["body_type"].map(group_of)).groupby(
        ["key", "group"])["level"]
    counts, medians = grouped.size().to_dict(), grouped.median().to_dict()
    cells: list[list[HeatCell]] = [[] for _group in groups]
    for dim in view.dimensions:
        column = [int(counts.get((dim.key, i), 0)) for i in range(len(groups))]
        for i, (n, w) in enumerate(zip(column, suppress_groups(column, threshold))):
            cells[i].append(HeatCell(bodies=n, suppressed=w,
                                     median=None if w else float(medians[(dim.key, i)])))
    return [HeatRow(group, cells[i]) for i, group in enumerate(groups)]


def _round_counts(session: Session,
                  view: FrameworkView) -> tuple[list[tuple], pd.DataFrame]:
    """The two latest rounds with accepted assessments (newest first: id, name, opens_on,
    closes_on), and how many of their accepted answers gave each level of each dimension
    (columns round, key, level, bodies)."""
    rounds = session.exec(
        select(AssessmentRound.id, AssessmentRound.name, AssessmentRound.opens_on,
               AssessmentRound.closes_on)
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
    return [tuple(r) for r in rounds], frame


def _change(frame: pd.DataFrame, view: FrameworkView, threshold: int) -> list[Change]:
    # (key, round) -> (levels, bodies), split once: a few hundred rows in all.
    parts = {group: (part["level"], part["bodies"])
             for group, part in frame.groupby(["key", "round"])}
    empty = (pd.Series(dtype=float), pd.Series(dtype=int))
    out = []
    for dim in view.dimensions:
        current, previous = parts.get((dim.key, 0), empty), parts.get((dim.key, 1), empty)
        small = current[1].sum() < threshold or previous[1].sum() < threshold
        out.append(Change(
            dim.key, dim.name_en, dim.name_cy,
            None if small else median_of_counts(*previous),
            None if small else median_of_counts(*current), small))
    return out


def _coverage(session: Session, frame: pd.DataFrame, types: list[str]) -> list[CoverageRow]:
    totals = dict(session.exec(
        select(Organisation.body_type, func.count()).where(Organisation.in_registry)
        .group_by(Organisation.body_type)
    ).all())
    in_registry = set(session.exec(select(Organisation.id).where(Organisation.in_registry)).all())
    bodies = frame.drop_duplicates("organisation_id")
    bodies = bodies.loc[bodies["organisation_id"].isin(in_registry)].groupby("body_type")
    assessed, latest = bodies.size().to_dict(), bodies["accepted_at"].max().to_dict()
    return [CoverageRow(t, int(assessed.get(t, 0)), int(totals[t]),
                        _as_utc(latest[t]) if pd.notna(latest.get(t)) else None)
            for t in types if totals.get(t)]


def _as_utc(value) -> datetime | None:
    """A stored time as an aware UTC datetime (SQLite gives text, PostgreSQL a datetime)."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if hasattr(moment, "to_pydatetime"):
        moment = moment.to_pydatetime()
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else \
        moment.astimezone(UTC)


def _tiles(session: Session, overall: dict[int, float], named: set[int]) -> list[Tile]:
    layout = json.loads(TILES_FILE.read_text(encoding="utf-8"))["tiles"]
    orgs = {o.slug: o for o in session.exec(
        select(Organisation).where(Organisation.slug.in_([t["slug"] for t in layout]))).all()}
    tiles = []
    for t in layout:
        org = orgs.get(t["slug"])
        if org is None:
            continue
        if org.id in overall and org.id in named:
            status, level = "published", float(overall[org.id])
        elif org.id in overall:
            status, level = "unpublished", None
        else:
            status, level = "none", None
        tiles.append(Tile(t["slug"], t["code"], t["row"], t["column"], org.name_en, org.name_cy,
                          status, level,
                          t.get("code_cy") or WELSH_TILE_CODES.get(t["slug"], t["code"])))
    return tiles


def data_version(session: Session, today: date | None = None) -> tuple:
    """What the sector figures depend on; a change to any of it recomputes them.

    The accepted assessments (count and sum of ids: read from the status index alone), the
    latest audited change (accepting, naming, editing all write one), the bodies, the
    framework dimensions, the threshold and the day (a round closes: no longer provisional).
    """
    accepted = session.exec(
        select(func.count(), func.sum(Assessment.id))
        .where(Assessment.status == AssessmentStatus.ACCEPTED.value)
    ).one()
    audited = session.exec(select(func.max(AuditEntry.id))).one()
    bodies = session.exec(select(func.count(), func.max(Organisation.id))).one()
    dimensions = session.exec(select(func.count(), func.max(MaturityDimension.id))).one()
    return (str(session.get_bind().url), tuple(accepted), audited, tuple(bodies),
            tuple(dimensions), suppression_threshold(session),
            today or london_today(utc_now()))


_cache: dict[str, SectorFigures] = {}
_cache_lock = threading.Lock()


def sector_figures(session: Session, use_cache: bool = True,
                   today: date | None = None) -> SectorFigures:
    """Every figure on the leaders' page, suppressed for publication (as of ``today``, the
    day in Wales by default)."""
    version = data_version(session, today)
    if use_cache:
        cached = _cache.get(version[0])
        if cached is not None and cached.version == version:
            return cached
    figures = compute_sector_figures(session, version, version[-1])
    with _cache_lock:
        _cache[version[0]] = figures
    return figures


def compute_sector_figures(session: Session, version: tuple = (),
                           today: date | None = None) -> SectorFigures:
    today = today or london_today(utc_now())
    threshold = suppression_threshold(session)
    view = framework_view(session)
    types = body_types_in_use(session)
    if view is None:
        return SectorFigures(threshold, None, Headline(0, True, None, None), [], [], [], None,
                             None, [], [], [], version=version)
    frame = latest_scores(session, view)
    # A body's overall level: the median of all its applicable levels (as the Overview).
    overall = frame.groupby("organisation_id")["level"].median()
    named_ids = set(frame.loc[frame["publish_named"], "organisation_id"].unique())
    n = int(overall.size)
    small = too_few(n, threshold)
    share_hidden = counts_withheld(n, n - len(named_ids & set(overall.index)), threshold)
    headline = Headline(bodies=n, suppressed=small,
                        median_level=None if small else _median(overall),
                        established=None if share_hidden else _established(overall))
    rounds, round_frame = _round_counts(session, view)
    current = rounds[0] if rounds else None
    orgs = {row[0]: row[1:] for row in session.exec(
        select(Organisation.id, Organisation.slug, Organisation.name_en, Organisation.name_cy,
               Organisation.body_type)
        .where(Organisation.id.in_([int(i) for i in named_ids])))} if named_ids else {}
    levels = overall.to_dict()  # a dict: indexing the Series per body costs more
    named = sorted((NamedBody(*orgs[i], float(levels[i])) for i in named_ids if i in orgs),
                   key=lambda b: b.name_en)
    return SectorFigures(
        threshold=threshold, framework=view, headline=headline,
        dimensions=_dimension_figures(frame, view, threshold),
        heatmap=_heatmap(frame, view, types, threshold),
        change=_change(round_frame, view, threshold) if len(rounds) == 2 else [],
        current_round=current[1] if current else None,
        previous_round=rounds[1][1] if len(rounds) == 2 else None,
        coverage=_coverage(session, frame, types),
        tiles=_tiles(session, levels, named_ids),
        named=named,
        round_closes_on=current[3] if current else None,
        provisional=bool(current and current[2] <= today <= current[3]),
        version=version,
    )
