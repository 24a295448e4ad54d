"""Maturity: the leaders' page figures (uncached) and one body's view."""

from sqlmodel import select

from bench.registry import benchmark
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
