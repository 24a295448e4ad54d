"""Safe publishing: Wilson intervals and small-group suppression."""

from __future__ import annotations

import pytest

from dashboard.domain.disclosure import (
    DEFAULT_THRESHOLD,
    THRESHOLD_KEY,
    counts_withheld,
    suppress_cells,
    suppress_groups,
    suppression_threshold,
    too_few,
    wilson_interval,
)
from dashboard.models import Setting


# Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I,
# method 3 (Wilson score, no continuity correction).
@pytest.mark.parametrize("k,n,low,high", [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_matches_published_values(k, n, low, high):
    got_low, got_high = wilson_interval(k, n)
    assert got_low == pytest.approx(low, abs=5e-5)
    assert got_high == pytest.approx(high, abs=5e-5)


def test_wilson_all_successes_reaches_one_and_is_symmetric():
    low, high = wilson_interval(20, 20)
    assert high == 1.0
    assert low == pytest.approx(1 - wilson_interval(0, 20)[1])


@pytest.mark.parametrize("k,n", [(1, 0), (-1, 5), (6, 5)])
def test_wilson_rejects_impossible_counts(k, n):
    with pytest.raises(ValueError):
        wilson_interval(k, n)


def test_no_cell_withheld_when_all_reach_the_threshold():
    assert suppress_cells([5, 6, 0, 9], 5) == [False, False, False, False]


def test_a_cell_at_the_threshold_is_published_one_below_is_not():
    # 4 is withheld; alone it could be recovered from the total, so the next smallest
    # non-empty cell (5) goes too; empty cells describe nobody and stay.
    assert suppress_cells([4, 5, 7, 0], 5) == [True, True, False, False]


def test_secondary_suppression_until_the_hidden_cells_reach_the_threshold():
    # 1 and 2 are both small: together 3 < 5 bodies, so a third cell (6) is hidden.
    assert suppress_cells([1, 2, 6, 8], 5) == [True, True, True, False]
    # Two small cells that together reach the threshold protect each other.
    assert suppress_cells([2, 3, 10, 8], 5) == [True, True, False, False]


def test_a_withheld_cell_cannot_be_recovered_by_subtraction():
    counts = [3, 9, 12, 6, 1]
    withheld = suppress_cells(counts, 5)
    hidden = [c for c, w in zip(counts, withheld) if w]
    assert len(hidden) >= 2 and sum(hidden) >= 5


def test_the_whole_row_goes_when_nothing_else_can_hide_a_cell():
    assert suppress_cells([3, 0, 0], 5) == [True, False, False]


def test_empty_groups_are_withheld_too():
    assert suppress_groups([0, 7, 9], 5) == [True, False, False]
    assert suppress_groups([2, 7, 9], 5) == [True, True, False]


def test_a_group_is_withheld_by_its_size_not_by_its_cells():
    # Fewer bodies than the threshold: nothing about the group is published.
    assert too_few(4, 5) and not too_few(5, 5) and not too_few(40, 5)
    # Counts over a large enough group are published in full, however small each count...
    assert not counts_withheld(bodies=12, private=12, threshold=5)
    # ...unless only a few of its bodies kept their results private: the named bodies'
    # published levels, subtracted from the counts, would give theirs.
    assert counts_withheld(bodies=12, private=4, threshold=5)
    assert counts_withheld(bodies=12, private=1, threshold=5)
    # Every body named: nothing left to protect.
    assert not counts_withheld(bodies=12, private=0, threshold=5)
    assert counts_withheld(bodies=4, private=4, threshold=5)


def test_threshold_is_a_setting(session):
    assert suppression_threshold(session) == DEFAULT_THRESHOLD
    session.add(Setting(key=THRESHOLD_KEY, value="10"))
    session.flush()
    assert suppression_threshold(session) == 10
