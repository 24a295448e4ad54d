"""The survey import on the review page, through the import wizard: for the steering group
only (checked before the file is read); unknown answers are mapped before anything is
imported, every problem of a row is listed, and then every row is imported or none."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.models import Assessment
from state.survey_import import AnswerLevel, SurveyImportState
from tests.state.helpers import run_async, uploaded
from tests.state.test_maturity_assess import make_world

CSV = b"Body,D0,D1\nbody-a,Level 3 - Developing,Mostly\n"


class Upload:
    """A file as the browser uploads it, remembering whether it was read."""

    def __init__(self, data: bytes, name: str = "forms.csv"):
        self.data, self.name, self.was_read = data, name, False

    async def read(self) -> bytes:
        self.was_read = True
        return self.data


@pytest.fixture
def world(db):
    return make_world(db)


def assessments(db) -> int:
    with Session(db) as s:
        return len(s.exec(select(Assessment)).all())


def wizard(make_state, token: str) -> SurveyImportState:
    state = make_state(SurveyImportState, token=token)
    state.load()
    return state


def checked(state: SurveyImportState, data: bytes) -> SurveyImportState:
    uploaded(state, [Upload(data)])
    run_async(state.check())
    return state


@pytest.mark.parametrize("who", ["", "assessor"])
def test_only_the_steering_group_previews_or_imports(db, make_state, world, who):
    state = wizard(make_state, world["tokens"].get(who, ""))
    file = Upload(CSV)
    uploaded(state, [file])
    assert not file.was_read  # the role is checked before the file is read
    assert state.step == "upload" and state.notice_is_error
    assert state.notice == "You do not have permission to do that."
    # Nor can they check or import a table put in their state.
    steering = checked(wizard(make_state, world["tokens"]["steering"]), CSV)
    state._table, state.mapping = steering._table, dict(steering.mapping)
    run_async(state.check())
    assert state.step == "upload" and state.notice_is_error
    state.commit()
    assert state.notice == "You do not have permission to do that."
    assert assessments(db) == 0


def test_unknown_answers_are_mapped_then_every_row_is_imported(db, make_state, world):
    state = wizard(make_state, world["tokens"]["steering"])
    assert state.round_name == "now"  # the open round
    uploaded(state, [])
    assert state.notice == "Choose a CSV or Excel file to import."
    uploaded(state, [Upload(CSV)])
    assert state.step == "map" and state.mapping == {"body": "Body"}
    run_async(state.check())
    assert state.step == "preview" and state.ready == 0
    assert state.answers == [AnswerLevel("Mostly", "")]
    assert "'Mostly' is not mapped to a level" in state.rows[0].reasons.en
    run_async(state.set_answer_level("Mostly", "4"))
    assert state.ready == 1 and state.total == 0 and state.rows == []
    assert state.answers == [AnswerLevel("Mostly", "4")]  # still listed, with its level
    state.commit()
    assert state.notice == "1 assessment imported for review."
    assert state.step == "upload" and state.answers == [] and assessments(db) == 1


def test_every_problem_of_a_row_is_listed(db, make_state, world):
    state = checked(wizard(make_state, world["tokens"]["steering"]),
                    b"Body,D0,D1\nNobody Council,Mostly,Somewhat\n")
    [row] = state.rows
    assert row.row == 2
    assert row.reasons.en == "\n".join([
        "no body called 'Nobody Council'",
        "column 'D0': 'Mostly' is not mapped to a level",
        "column 'D1': 'Somewhat' is not mapped to a level"])
    assert row.reasons.cy.startswith("dim corff o'r enw 'Nobody Council'")
    assert [a.answer for a in state.answers] == ["Mostly", "Somewhat"]


def test_nothing_is_written_when_any_row_is_rejected(db, make_state, world):
    state = checked(wizard(make_state, world["tokens"]["steering"]),
                    CSV.replace(b"Mostly", b"Agree") + b"Nobody Council,1,2\n")
    assert (state.ready, state.total) == (1, 1)
    state.commit()
    assert state.notice_is_error
    assert state.notice == "1 rows were rejected, so nothing was imported."
    assert assessments(db) == 0


def test_an_unknown_round_is_explained(db, make_state, world):
    state = wizard(make_state, world["tokens"]["steering"])
    state.set_round_name("  never ")
    assert state.round_name == "never"
    checked(state, CSV)
    assert state.step == "map" and state.notice_is_error
    assert state.notice == "There is no assessment round called never."
