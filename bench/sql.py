"""Helpers for the floors: plain SQL text with its parameters bound as the columns store them.

Datetime columns hold naive UTC; a parameter that is an aware datetime is bound as naive UTC,
and dates and datetimes are bound with SQLAlchemy's types so SQLite compares them as the text
it stores them as. Nothing else: the SQL itself is written by hand.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from dashboard.domain.clock import london_today


def _bound(name: str, value):
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return sa.bindparam(name, value, type_=sa.DateTime())
    if isinstance(value, date):
        return sa.bindparam(name, value, type_=sa.Date())
    if isinstance(value, (list, tuple)):
        return sa.bindparam(name, list(value), expanding=True)
    return sa.bindparam(name, value)


def rows(conn: sa.Connection, sql: str, **params) -> list[tuple]:
    """Run ``sql`` and return its rows as plain tuples."""
    statement = sa.text(sql).bindparams(*[_bound(k, v) for k, v in params.items()])
    return [tuple(row) for row in conn.execute(statement)]


def scalar(conn: sa.Connection, sql: str, **params):
    return rows(conn, sql, **params)[0][0]


def same(what: str, benchmark, floor) -> None:
    """Fail, naming ``what``, when the benchmark's and the floor's figure differ."""
    if benchmark != floor:
        raise AssertionError(f"{what}: benchmark {benchmark!r} but floor {floor!r}")


# The engagement level of ``m`` (a member row), in the rule's order: leading, inactive, new,
# active (attended at least :active_events events in the window), otherwise occasional.
LEVEL_SQL = """
CASE
  WHEN m.community_role IN ('steering', 'chair') THEN 'leading'
  WHEN coalesce(m.last_active_on, m.joined_on) IS NULL
       OR coalesce(m.last_active_on, m.joined_on) < :inactive_before THEN 'inactive'
  WHEN m.joined_on >= :new_since THEN 'new'
  WHEN (SELECT count(r.id) FROM registration r JOIN event e ON e.id = r.event_id
        WHERE r.member_id = m.id AND r.attended
          AND e.starts_at >= :window_start AND e.starts_at <= :now) >= :active_events
    THEN 'active'
  ELSE 'occasional'
END"""

_RULE = {"new_days": 90, "window_days": 365, "active_events": 3, "inactive_days": 365}


def level_params(conn: sa.Connection, now: datetime) -> dict:
    """The parameters of LEVEL_SQL: the engagement rule's settings (or their defaults)."""
    rule = dict(_RULE)
    for key, value in rows(conn, "SELECT key, value FROM setting WHERE key LIKE 'membership.%'"):
        name = key.removeprefix("membership.")
        if name in rule and value.strip().isdigit() and int(value) > 0:
            rule[name] = int(value)
    today = london_today(now)
    return {"inactive_before": today - timedelta(days=rule["inactive_days"]),
            "new_since": today - timedelta(days=rule["new_days"]),
            "window_start": now - timedelta(days=rule["window_days"]), "now": now,
            "active_events": rule["active_events"]}


# Each assessed body's latest accepted assessment (by round), as (assessment id, body id).
LATEST_ASSESSMENTS_SQL = """
SELECT id, organisation_id FROM (
  SELECT a.id, a.organisation_id, row_number() OVER (PARTITION BY a.organisation_id
    ORDER BY r.opens_on DESC, a.id DESC) AS rank
  FROM assessment a JOIN assessmentround r ON r.id = a.round_id
  WHERE a.status = 'accepted') ranked
WHERE rank = 1"""

# Every applicable level of those assessments, as (body id, dimension id, level).
LATEST_LEVELS_SQL = f"""
SELECT latest.organisation_id, s.dimension_id, s.level
FROM ({LATEST_ASSESSMENTS_SQL}) latest
JOIN assessmentscore s ON s.assessment_id = latest.id
WHERE NOT s.not_applicable AND s.level IS NOT NULL"""


def median(values) -> float | None:
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        return None
    middle = n // 2
    return float(ordered[middle]) if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def overall_levels(conn: sa.Connection) -> dict[int, float]:
    """Each assessed body's overall level: the median of its latest applicable levels."""
    by_body: dict[int, list[int]] = {}
    for body, _, level in rows(conn, LATEST_LEVELS_SQL):
        by_body.setdefault(body, []).append(level)
    return {body: median(levels) for body, levels in by_body.items()}


def threshold(conn: sa.Connection) -> int:
    """The smallest group of bodies a published figure may describe (default 5)."""
    found = rows(conn, "SELECT value FROM setting WHERE key = 'maturity.suppression_threshold'")
    return max(1, int(found[0][0])) if found and found[0][0].isdigit() else 5


def execute(conn: sa.Connection, sql: str, **params) -> int:
    """Run a statement that writes (INSERT, UPDATE): the number of rows it touched."""
    statement = sa.text(sql).bindparams(*[_bound(k, v) for k, v in params.items()])
    return conn.execute(statement).rowcount
