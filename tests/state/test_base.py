"""AppState._change and _read: a database failure inside a handler becomes a clear message
in the reader's language (and a logged exception), never Reflex's generic error."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from dashboard.models import Role, SteeringAction
from state import actions, member_profile
from state.actions import ActionsState
from tests import factories as f
from tests.state.test_member_profile import open_profile
from tests.state.test_members import people  # noqa: F401 - the shared fixture

SAVING = {"en": "Something went wrong while saving. Nothing was changed. Please try again.",
          "cy": "Aeth rhywbeth o’i le wrth gadw. Ni newidiwyd dim. Rhowch gynnig arall arni."}


def failing(*_args, **_kwargs):
    raise OperationalError("UPDATE steeringaction ...", {}, Exception("disk I/O error"))


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_database_error_while_saving_is_a_message(db, make_state, sign_in_as, monkeypatch,
                                                   caplog, lang):
    with Session(db) as session:
        action_id = f.action(session, None).id
        session.commit()
    state = make_state(ActionsState, token=sign_in_as(Role.STEERING), lang=lang)
    state.load()
    monkeypatch.setattr(actions, "set_action_status", failing)
    # Alembic's env.py (logging.config.fileConfig) disables loggers that exist when a
    # migration runs in this process, as some tests do.
    monkeypatch.setattr(logging.getLogger("state.base"), "disabled", False)
    with caplog.at_level(logging.ERROR, logger="state.base"):
        state.change_status(action_id, "done")
    assert state.notice_is_error and state.notice == SAVING[lang]
    assert "disk I/O error" in caplog.text  # the details go to the log, not the page
    with Session(db) as session:
        assert session.get(SteeringAction, action_id).status == "open"


def test_a_database_error_while_reading_is_a_message(db, make_state, sign_in_as, monkeypatch,
                                                    people):  # noqa: F811
    monkeypatch.setattr(member_profile, "profile_page", failing)
    state = open_profile(make_state, sign_in_as(Role.STEERING), people["active"])
    assert not state.found
    assert state.notice_is_error and state.notice.startswith("Something went wrong while reading")


def test_a_change_forgets_this_workers_cached_figures(db, make_state, sign_in_as, monkeypatch):
    import state.live as live

    with Session(db) as session:
        action_id = f.action(session, None).id
        session.commit()
    monkeypatch.setattr(live, "_cache", {("overview", "", 0): (0.0, "figures before the change")})
    state = make_state(ActionsState, token=sign_in_as(Role.STEERING))
    state.load()
    state.change_status(action_id, "done")
    assert not state.notice_is_error
    assert live._cache == {}  # the next read computes the figures afresh


def test_a_refused_change_keeps_the_cached_figures(db, make_state, sign_in_as, monkeypatch):
    import state.live as live

    cached = {("overview", "", 0): (0.0, "figures")}
    monkeypatch.setattr(live, "_cache", dict(cached))
    state = make_state(ActionsState, token=sign_in_as(Role.STEERING))
    state.load()
    monkeypatch.setattr(actions, "set_action_status", failing)
    monkeypatch.setattr(logging.getLogger("state.base"), "disabled", False)
    state.change_status(1, "done")
    assert live._cache == cached
