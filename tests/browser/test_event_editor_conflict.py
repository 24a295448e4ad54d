"""Two editors, one event: the second, stale save is refused on screen with both versions,
and the form keeps what was typed (the first editor's change is not undone)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from dashboard.domain.clock import utc_now
from dashboard.models import Event
from tests.browser.conftest import PageWatcher, axe_violations, open_page, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def second_page(app, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  base_url=app.frontend_url)
    other = context.new_page()
    other.watcher = PageWatcher(other)
    yield other
    context.close()


@pytest.fixture
def own_event(demo_database):
    """An event of this test's own, so nothing shared changes."""
    with Session(demo_database) as session:
        starts = utc_now().replace(microsecond=0, second=0, minute=0) + timedelta(days=300)
        event = Event(uid="conflict-test@cymuned", title="Conflict clinic", starts_at=starts,
                      ends_at=starts + timedelta(hours=1), speakers="Ann")
        session.add(event)
        session.commit()
        return event.id


def test_two_pages_edit_the_same_event(page, second_page, demo_database, own_event):
    sign_in(page, "steering")
    sign_in(second_page, "admin")
    for each in (page, second_page):
        open_page(each, f"/events/editor?id={own_event}")
        each.get_by_label("Title", exact=True).wait_for()
    # They save first.
    second_page.get_by_label("Title", exact=True).fill("Their clinic")
    second_page.get_by_role("button", name="Save").click()
    second_page.get_by_test_id("event-title").wait_for()
    # Then I save what I typed into the form I opened before their change.
    page.get_by_label("Title", exact=True).fill("My clinic")
    page.get_by_label("Speakers").fill("Bob")
    page.get_by_role("button", name="Save").click()
    notice = page.get_by_text("Someone changed this since you opened it.", exact=False)
    notice.wait_for()
    text = notice.inner_text()
    assert "“Their clinic”" in text and "“My clinic”" in text and "“Bob”" in text
    assert page.get_by_label("Title", exact=True).input_value() == "My clinic"
    assert page.get_by_label("Speakers").input_value() == "Bob"
    with Session(demo_database) as session:
        assert session.get(Event, own_event).title == "Their clinic"
    assert axe_violations(page) == []
    assert page.watcher.errors == [] and second_page.watcher.errors == []
