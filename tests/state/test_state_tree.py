"""What the state manager reads and writes per event: the page's own state, its parents and
Reflex's own, never another page's. A computed var that reads a parent's var (AppState's
``lang``, say) makes its state "potentially dirty" whenever that parent changes, and Reflex
then reads and writes it with every event of every page: a list page's 50 rows, unpickled
on each click elsewhere."""

from __future__ import annotations

import pytest
from reflex.istate.manager.redis import StateManagerRedis
from reflex.state import State

import dashboard.dashboard  # noqa: F401 - every page, so every state is defined
from state.base import AppState


def _tree(cls):
    yield cls
    for sub in cls.get_substates():
        yield from _tree(sub)


def _read_for(cls) -> set[str]:
    manager = StateManagerRedis.__new__(StateManagerRedis)  # only its planning, no Redis
    return {c.get_full_name() for c in
            StateManagerRedis._get_required_state_classes(manager, cls, subclasses=True)}


@pytest.mark.parametrize("cls", [c for c in _tree(AppState) if c is not AppState],
                         ids=lambda c: c.__name__)
def test_an_event_reads_only_its_own_state_and_its_parents(cls):
    own = {c.get_full_name() for c in _tree(cls)}
    parents, parent = set(), cls.get_parent_state()
    while parent is not None:
        parents.add(parent.get_full_name())
        parent = parent.get_parent_state()
    reflexs = {c.get_full_name() for c in State.get_substates()
               if c.__module__.startswith("reflex.")}
    assert _read_for(cls) - own - parents - reflexs == set()
