"""Maturity: the leaders' page figures (uncached) and one body's view."""

from sqlmodel import select

from bench.registry import benchmark, floor
from bench.sql import LATEST_ASSESSMENTS_SQL, median, rows, same, scalar, threshold
from dashboard.domain.auth import SYSTEM
from dashboard.domain.maturity.body_view import body_view
from dashboard.domain.maturity.sector import compute_sector_figures, data_version, sector_figures
from dashboard.models import Assessment, Organisation


@benchmark("maturity_sector_figures", target_ms=300)
def sector(session, now):
    # Uncached: every figure recomputed from the database, as after any accepted change.
    return compute_sector_figures(session, data_version(session))


_slug: list[str] = []


@benchmark("maturity_body_view", target_ms=50)
def body(session, now):
    # The sector medians come from the per-version cache, as on the page; the body's own
    # rounds are read each time.
    if not _slug:
        sector_figures(session)
        _slug.append(session.exec(
            select(Organisation.slug)
            .join(Assessment, Assessment.organisation_id == Organisation.id)
            .where(Assessment.status == "accepted").limit(1)).one())
    return body_view(session, SYSTEM, _slug[0])


# --- floors: the latest levels by hand-written SQL, the medians and counts in plain Python ---

_SCORES_SQL = f"""
SELECT latest.organisation_id, o.body_type, a.publish_named, d.key, s.level
FROM ({LATEST_ASSESSMENTS_SQL}) latest
JOIN assessment a ON a.id = latest.id
JOIN organisation o ON o.id = latest.organisation_id
JOIN assessmentscore s ON s.assessment_id = latest.id
JOIN maturitydimension d ON d.id = s.dimension_id
WHERE NOT s.not_applicable AND s.level IS NOT NULL"""


def _sector(conn) -> dict:
    """The headline, each dimension's group, the type x dimension medians and the named
    bodies, from the latest accepted levels (newest framework's dimension keys)."""
    scores = rows(conn, _SCORES_SQL)
    by_body: dict[int, list[int]] = {}
    by_key: dict[str, list[int]] = {}
    by_type_key: dict[tuple[str, str], list[int]] = {}
    named = set()
    for body, body_type, publish_named, key, level in scores:
        by_body.setdefault(body, []).append(level)
        by_key.setdefault(key, []).append(level)
        by_type_key.setdefault((body_type, key), []).append(level)
        if publish_named:
            named.add(body)
    overall = {body: median(levels) for body, levels in by_body.items()}
    named_rows = rows(conn, "SELECT id, slug, name_en, name_cy, body_type FROM organisation "
                            "WHERE id IN :ids ORDER BY name_en", ids=sorted(named) or [0])
    registry = dict(rows(conn, "SELECT body_type, count(*) FROM organisation WHERE in_registry "
                               "GROUP BY body_type"))
    return {
        "headline": (len(overall), median(overall.values()),
                     sum(1 for level in overall.values() if level >= 3)),
        "dimensions": {key: (len(levels), median(levels),
                             tuple(levels.count(n) for n in (1, 2, 3, 4, 5)))
                       for key, levels in by_key.items()},
        "by_type": {k: median(v) for k, v in by_type_key.items()},
        "named": [(slug, overall[i]) for i, slug, *_ in named_rows],
        "registry": registry, "threshold": threshold(conn),
    }


def same_sector(figures, floor_answer) -> None:
    bodies, level, established = floor_answer["headline"]
    headline = figures.headline
    same("headline bodies", headline.bodies, bodies)
    if not headline.suppressed:
        same("headline median", headline.median_level, level)
    if headline.established is not None:
        same("bodies at level 3+", headline.established.k, established)
    for dim in figures.dimensions:
        n, middle, counts = floor_answer["dimensions"].get(dim.key, (0, None, (0,) * 5))
        same(f"{dim.key} bodies", dim.bodies, n)
        if not dim.suppressed:
            same(f"{dim.key} median", dim.median, middle)
        if not dim.counts_withheld:
            same(f"{dim.key} distribution", dim.distribution, counts)
    same("named bodies", sorted((b.slug, b.level) for b in figures.named),
         sorted(floor_answer["named"]))


@floor("maturity_sector_figures", compare=same_sector)
def sector_floor(conn, now):
    return _sector(conn)


def same_body(view, floor_answer) -> None:
    same("history", view.history, floor_answer["history"])
    same("levels", {d.key: d.level for d in view.dimensions if d.level is not None},
         floor_answer["history"][-1][1])


_sector_cache: dict[tuple, dict] = {}


@floor("maturity_body_view", compare=same_body)
def body_floor(conn, now):
    # The sector's medians beside the body's come from a cache per version of the data, as
    # in the app; the body's own rounds are read each time.
    version = tuple(rows(conn, "SELECT count(*), sum(id) FROM assessment "
                               "WHERE status = 'accepted'")[0])
    if version not in _sector_cache:
        _sector_cache.clear()
        _sector_cache[version] = _sector(conn)
    slug = _slug[0] if _slug else scalar(conn, """
        SELECT o.slug FROM organisation o JOIN assessment a ON a.organisation_id = o.id
        WHERE a.status = 'accepted' LIMIT 1""")
    history: dict[int, tuple[str, dict]] = {}
    for assessment, round_name, key, level in rows(conn, """
            SELECT a.id, r.name, d.key, s.level
            FROM organisation o JOIN assessment a ON a.organisation_id = o.id
            JOIN assessmentround r ON r.id = a.round_id
            JOIN assessmentscore s ON s.assessment_id = a.id
            JOIN maturitydimension d ON d.id = s.dimension_id
            WHERE o.slug = :slug AND a.status = 'accepted'
            ORDER BY r.opens_on, a.id""", slug=slug):
        history.setdefault(assessment, (round_name, {}))[1][key] = level
    dimensions = rows(conn, """
        SELECT d.key, d.name_en, d.name_cy, d.levels FROM maturitydimension d
        WHERE d.framework_id = (SELECT id FROM maturityframework
                                ORDER BY published_on DESC, id DESC LIMIT 1)
        ORDER BY d.position""")
    return {"history": list(history.values()), "dimensions": dimensions,
            "sector": _sector_cache[version]}
