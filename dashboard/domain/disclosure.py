"""Safe publishing of maturity figures: small-group suppression and Wilson intervals.

Suppression protects bodies, not the sector. A figure is withheld by the size of the GROUP
it describes (all the bodies that answered, a type of body, a region), never cell by cell
within a large group: how many of 30 anonymous bodies are at level 1 identifies none of
them. Where a withheld group could be worked out from totals, secondary suppression hides
another group with it; where only a few of a group's bodies kept their results private, the
named bodies' published levels would reveal theirs, so the group's counts are withheld.

Plain functions on numbers, so the rules are tested on their own and the page, the CSV
export and the JSON endpoint all publish exactly the same (suppressed) figures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from dashboard.models import Setting

THRESHOLD_KEY = "maturity.suppression_threshold"
DEFAULT_THRESHOLD = 5
# The 97.5th percentile of the standard normal distribution (two-sided 95%).
Z_95 = 1.959963984540054


def suppression_threshold(session: Session) -> int:
    """The smallest group of bodies a figure may describe (Setting, default 5)."""
    setting = session.get(Setting, THRESHOLD_KEY)
    if setting is None:
        return DEFAULT_THRESHOLD
    try:
        return max(1, int(setting.value))
    except ValueError:
        return DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Proportion:
    """k of n, with its Wilson score interval (95%)."""

    k: int
    n: int
    low: float
    high: float

    @property
    def value(self) -> float:
        return self.k / self.n if self.n else 0.0


def wilson_interval(k: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials (Wilson 1927).

    Unlike the normal approximation it stays inside [0, 1] and behaves for k = 0 or k = n,
    which matter here: small sectors and extreme proportions are the usual case.
    """
    if n <= 0:
        raise ValueError("n must be positive")
    if not 0 <= k <= n:
        raise ValueError("k must be between 0 and n")
    p = k / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def proportion(k: int, n: int) -> Proportion:
    low, high = wilson_interval(k, n)
    return Proportion(k=k, n=n, low=low, high=high)


def too_few(bodies: int, threshold: int) -> bool:
    """Whether a group has fewer bodies than the threshold: then nothing about it is shown."""
    return bodies < threshold


def counts_withheld(bodies: int, private: int, threshold: int) -> bool:
    """Whether a group's counts (bodies at each level, the share at level 3 or above) are
    withheld.

    ``private``: how many of its ``bodies`` did not agree to be named. The named bodies'
    levels are published on their own reports, so subtracting them from the counts leaves
    the others': counts are shown only if no body or at least ``threshold`` bodies are
    private (and the group itself is large enough).
    """
    return too_few(bodies, threshold) or 0 < private < threshold


def suppress_cells(counts: Sequence[int], threshold: int) -> list[bool]:
    """Which cells of one additive row (whose total is published) must be withheld.

    Primary: any cell counting 1..threshold-1 bodies. Secondary: while the withheld cells
    are fewer than two, or together count fewer than ``threshold`` bodies, the smallest
    other non-empty cell is withheld too, so no withheld cell can be worked out by
    subtracting the published cells from the total, nor a small group from their sum.
    Empty cells (0) are published: they describe no body.
    """
    withheld = [0 < c < threshold for c in counts]
    while any(withheld):
        hidden = [c for c, w in zip(counts, withheld) if w]
        if len(hidden) >= 2 and sum(hidden) >= threshold:
            break
        candidates = [(c, i) for i, (c, w) in enumerate(zip(counts, withheld))
                      if not w and c > 0]
        if not candidates:
            # Nothing left to hide behind: the whole row is withheld.
            return [c > 0 or w for c, w in zip(counts, withheld)]
        withheld[min(candidates)[1]] = True
    return withheld


def suppress_groups(sizes: Sequence[int], threshold: int) -> list[bool]:
    """Which groups of a partition (e.g. body types within a dimension) to withhold.

    The same rule as ``suppress_cells``, with an empty group (no body assessed) withheld
    from publication too, since it has no figure to show.
    """
    return [s == 0 or w for s, w in zip(sizes, suppress_cells(sizes, threshold))]
