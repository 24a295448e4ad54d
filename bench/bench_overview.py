"""The Overview page: every figure on it, computed at once as the page does."""

from bench.registry import benchmark, floor
from bench.sql import overall_levels, rows, same, scalar, threshold
from dashboard.domain.clock import london_today
from dashboard.domain.overview import overview_figures


@benchmark("overview_figures", target_ms=150)
def overview(session, now):
    return overview_figures(session, now)


def same_figures(figures, floor_answer) -> None:
    same("members", (figures.members.members, figures.members.new_this_month),
         floor_answer["members"])
    same("coverage", (figures.coverage.represented, figures.coverage.total),
         floor_answer["coverage"])
    same("upcoming", [e.id for e in figures.upcoming], floor_answer["upcoming"])
    series = figures.series
    same("series", series and (series.id, series.events, series.attendance, series.views),
         floor_answer["series"])
    same("readiness", (figures.readiness.bodies_assessed, figures.readiness.median_level),
         floor_answer["readiness"])
    same("actions", (figures.actions.open, figures.actions.overdue), floor_answer["actions"])
    same("demo", figures.is_demo, floor_answer["demo"])


# The readiness median is cached per version of the maturity data, as the app caches it;
# the floor keeps its own, keyed by a hand-written version query.
_readiness: dict[tuple, tuple] = {}


@floor("overview_figures", compare=same_figures)
def overview_floor(conn, now):
    today = london_today(now)
    members = rows(conn, """
        SELECT count(*), coalesce(sum(CASE WHEN joined_on >= :month_start
                                            AND joined_on <= :today THEN 1 ELSE 0 END), 0)
        FROM member WHERE status = 'active'""", month_start=today.replace(day=1), today=today)[0]
    coverage = rows(conn, """
        SELECT coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM member m WHERE m.organisation_id
          = o.id AND m.status = 'active') THEN 1 ELSE 0 END), 0), count(*)
        FROM organisation o WHERE o.in_registry""")[0]
    upcoming = [r[0] for r in rows(conn, """
        SELECT id FROM event WHERE starts_at >= :now AND status <> 'cancelled'
        ORDER BY starts_at, id LIMIT 3""", now=now)]
    first = rows(conn, """
        SELECT series_id FROM event WHERE series_id IS NOT NULL
        GROUP BY series_id ORDER BY min(starts_at), series_id LIMIT 1""")
    series = None
    if first:
        series = (first[0][0], *rows(conn, """
          SELECT (SELECT count(*) FROM event WHERE series_id = :s),
            (SELECT count(*) FROM registration r JOIN event e ON e.id = r.event_id
             WHERE e.series_id = :s AND r.attended),
            (SELECT coalesce(sum(v.view_count), 0) FROM recordingviews v
             JOIN event e ON e.id = v.event_id WHERE e.series_id = :s
             AND v.read_at = (SELECT max(read_at) FROM recordingviews l
                              WHERE l.event_id = v.event_id))""", s=first[0][0])[0])
    version = rows(conn, """
        SELECT (SELECT count(*) FROM assessment WHERE status = 'accepted'),
          (SELECT sum(id) FROM assessment WHERE status = 'accepted'),
          (SELECT max(id) FROM auditentry), (SELECT count(*) FROM organisation),
          (SELECT count(*) FROM maturitydimension)""")[0]
    if version not in _readiness:
        overall = overall_levels(conn)
        median = sorted(overall.values())
        n = len(median)
        value = None if n < threshold(conn) else (
            median[n // 2] if n % 2 else (median[n // 2 - 1] + median[n // 2]) / 2)
        _readiness.clear()
        _readiness[version] = (n, value)
    actions = rows(conn, """
        SELECT count(*), coalesce(sum(CASE WHEN due_on < :today THEN 1 ELSE 0 END), 0)
        FROM steeringaction WHERE status IN ('open', 'in_progress', 'blocked')""", today=today)[0]
    demo = scalar(conn, "SELECT count(*) FROM setting WHERE key = 'dataset' AND value = 'demo'")
    return {"members": tuple(members), "coverage": tuple(coverage), "upcoming": upcoming,
            "series": series, "readiness": _readiness[version], "actions": tuple(actions),
            "demo": bool(demo)}
