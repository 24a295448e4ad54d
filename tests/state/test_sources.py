"""The data sources page: each source's name in the reader's language."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from dashboard.models import DataSource
from state.rows import Bilingual
from state.sources import SourcesState


@pytest.fixture
def sources(db):
    with Session(db) as session:
        session.add(DataSource(name="Community events calendar",
                               name_cy="Calendr digwyddiadau'r gymuned", kind="ics"))
        session.add(DataSource(name="Maturity survey export", name_cy="", kind="survey"))
        session.commit()


def test_sources_carry_their_name_in_both_languages(make_state, sources):
    state = make_state(SourcesState, lang="cy")
    state.load()
    translated, untranslated = state.rows
    assert translated.name == Bilingual("Community events calendar",
                                        "Calendr digwyddiadau'r gymuned")
    assert not translated.name_untranslated
    # No Welsh yet: the English name, marked for the steering group.
    assert untranslated.name == Bilingual("Maturity survey export", "Maturity survey export")
    assert untranslated.name_untranslated
