"""The Overview page: every figure on it, computed at once as the page does."""

from bench.registry import benchmark
from dashboard.domain.overview import overview_figures


@benchmark("overview_figures", target_ms=150)
def overview(session, now):
    return overview_figures(session, now)
