"""The survey import on the review page: for the steering group only; unknown answers are
mapped before anything is imported, and then every row is."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.models import Assessment
from state.survey_import import SurveyImportState
from tests.state.helpers import run_async
from tests.state.test_maturity_assess import make_world

CSV = b"Body,D0,D1\nbody-a,Level 3 - Developing,Mostly\n"


class Upload:
    """A file as the browser uploads it."""

    def __init__(self, data: bytes, name: str = "forms.csv"):
        self.data, self.name = data, name

    async def read(self) -> bytes:
        return self.data


@pytest.fixture
def world(db):
    return make_world(db)


def assessments(db) -> int:
    with Session(db) as s:
        return len(s.exec(select(Assessment)).all())


@pytest.mark.parametrize("who", ["", "assessor"])
def test_only_the_steering_group_previews_or_imports(db, make_state, world, who):
    state = make_state(SurveyImportState, token=world["tokens"].get(who, ""))
    state.load()
    run_async(state.upload([Upload(CSV)]))
    assert not state.previewed and state.notice_is_error
    state.commit()
    assert state.notice == "You do not have permission to do that."
    assert assessments(db) == 0


def test_unknown_answers_are_mapped_then_every_row_is_imported(db, make_state, world):
    state = make_state(SurveyImportState, token=world["tokens"]["steering"])
    state.load()
    assert state.round_name == "now"  # the open round
    run_async(state.upload([]))
    assert state.notice == "Choose a file first."
    run_async(state.upload([Upload(CSV)]))
    assert state.previewed and state.ready == 0
    assert state.unmapped == [{"answer": "Mostly", "level": ""}]
    assert "'Mostly' is not mapped to a level" in state.rejected[0]["en"]
    state.set_answer_level("Mostly", "4")
    assert state.ready == 1 and state.rejected == []
    state.commit()
    assert state.notice == "1 assessment imported for review."
    assert not state.previewed and assessments(db) == 1
