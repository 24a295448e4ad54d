"""The progress page: for signed-in members and the steering group, not visitors."""

from __future__ import annotations

from sqlmodel import Session

from dashboard.models import Role
from state.progress import ProgressState


def test_visitors_see_nothing_members_see_the_objectives(db, make_state, sign_in_as):
    from dashboard.domain.reference import load_reference_data

    with Session(db) as session:
        load_reference_data(session)
        session.commit()
    visitor = make_state(ProgressState)
    visitor.load()
    assert not visitor.allowed and visitor.objectives == []
    state = make_state(ProgressState, token=sign_in_as(Role.MEMBER))
    state.load()
    assert [o.number for o in state.objectives] == [1, 4, 5, 6, 7]
    assert len(state.matrix) == 7 and len(state.matrix[0].cells) == 5
    assert all(cell.gap for row in state.matrix for cell in row.cells)
    assert state.objectives[0].href == "/actions?objective=cdps-1"
