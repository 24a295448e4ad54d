"""Events page handlers: the lists follow the filters in the address (an unknown series or
topic filters nothing); only the steering group imports an .ics file."""

from __future__ import annotations

from sqlmodel import Session, select

from dashboard.models import Event, Role
from state.events import EventsState, PastEventsState, UpcomingEventsState
from tests.domain.test_events_calendar import OUTLOOK
from tests.state.helpers import run_async
from tests.state.test_event import Upload, add_event, snapshot


def test_only_steering_imports_ics(db, make_state, sign_in_as):
    state = make_state(EventsState, token=sign_in_as(Role.MEMBER))
    before = snapshot(db)
    run_async(state.import_ics([Upload(OUTLOOK)]))
    assert snapshot(db) == before and state.notice_is_error
    steering = make_state(EventsState, token=sign_in_as(Role.STEERING))
    run_async(steering.import_ics([Upload(OUTLOOK)]))
    assert steering.notice == "Imported: 4 added, 0 updated, 0 unchanged."
    with Session(db) as session:
        assert len(session.exec(select(Event)).all()) == 4


def test_the_lists_ignore_filters_that_name_nothing(db, make_state):
    add_event(db)
    upcoming = make_state(UpcomingEventsState)
    upcoming._series, upcoming._topic = "no-such-series", "no-such-topic"
    upcoming.show_page(1)
    assert [(e.title.en, e.recurring, e.attendance) for e in upcoming.rows] == [
        ("Meetup", False, 0)]
    assert (upcoming.page, upcoming.pages, upcoming.total) == (1, 1, 1)
    past = make_state(PastEventsState)
    past.show_page(1)
    assert past.rows == [] and past.total == 0


def test_the_list_shows_full_events_and_their_waiting_lists(db, make_state):
    from dashboard.models import Registration
    from state.live import forget_cached_figures

    event_id = add_event(db)  # one place
    with Session(db) as session:
        session.add_all([Registration(event_id=event_id, status="registered"),
                         Registration(event_id=event_id, status="waitlisted"),
                         Registration(event_id=event_id, status="waitlisted")])
        session.commit()
    upcoming = make_state(UpcomingEventsState)
    upcoming.show_page(1)
    (item,) = upcoming.rows
    assert (item.full, item.waitlisted, item.cancelled) == (True, 2, False)
    with Session(db) as session:
        event = session.get(Event, event_id)
        event.status = "cancelled"
        session.add(event)
        session.commit()
    forget_cached_figures()  # as a change through the app does (lists are cached up to 30 s)
    upcoming.show_page(1)
    (item,) = upcoming.rows
    assert (item.full, item.waitlisted, item.cancelled) == (False, 0, True)


def test_the_lists_show_the_welsh_title_or_the_english_marked(db, make_state):
    from state.live import forget_cached_figures

    event_id = add_event(db)
    upcoming = make_state(UpcomingEventsState)
    upcoming.show_page(1)
    assert (upcoming.rows[0].title.cy, upcoming.rows[0].title_untranslated) == ("Meetup", True)
    with Session(db) as session:
        event = session.get(Event, event_id)
        event.title_cy = "Cyfarfod"
        session.add(event)
        session.commit()
    forget_cached_figures()  # as the event editor's save does
    upcoming.show_page(1)
    assert (upcoming.rows[0].title.en, upcoming.rows[0].title.cy) == ("Meetup", "Cyfarfod")
    assert not upcoming.rows[0].title_untranslated


def test_the_month_is_also_a_list_of_days_and_the_feeds_follow_the_language(db, make_state):
    from datetime import UTC, datetime

    from tests import factories as f

    with Session(db) as session:
        for day, hour in ((3, 10), (3, 14), (17, 9)):
            f.event(session, datetime(2026, 3, day, hour, tzinfo=UTC), title=f"{day} at {hour}")
        session.commit()
    state = make_state(EventsState)
    state.load()  # for the address's series and topic filters (none here)
    state._load_month(2026, 3, datetime(2026, 3, 17).date(), None)
    assert [(d.date, d.today, [e.title.en for e in d.events]) for d in state.month_days] == [
        ("2026-03-03", False, ["3 at 10", "3 at 14"]), ("2026-03-17", True, ["17 at 9"])]
    assert (state.month_days[0].label.en, state.month_days[0].label.cy) == (
        "Tuesday 3 March", "Dydd Mawrth 3 Mawrth")
    assert state.calendar_url.en.endswith("/calendar.ics")
    assert state.calendar_url.cy.endswith("/calendar.ics?lang=cy")


def test_a_nul_byte_in_the_lists_filters_filters_nothing(db, make_state):
    add_event(db)
    upcoming = make_state(UpcomingEventsState)
    upcoming.router = type(upcoming.router)(
        url=type(upcoming.router.url)("http://localhost/events?series=a%00b&topic=%00"))
    upcoming.load()
    assert (upcoming._series, upcoming._topic) == ("a b", "")
    assert [e.title.en for e in upcoming.rows] == ["Meetup"]


def test_the_next_month_sends_its_days_not_the_filters_options_again(db, make_state):
    """The state sent per interaction stays small: at UK scale the series options alone are
    some 20 KB, and they do not change with the month."""
    from datetime import UTC, datetime

    from tests import factories as f

    with Session(db) as session:
        webinars = f.series(session, "webinars")
        for month in (3, 4):
            f.event(session, datetime(2026, month, 3, 10, tzinfo=UTC), webinars,
                    title=f"Month {month}")
        session.commit()
    state = make_state(EventsState)

    def open_month(month: str) -> set[str]:
        state.router = type(state.router)(url=type(state.router.url)(
            f"http://localhost/events?view=month&month={month}"))
        state.dirty_vars.clear()
        state.load()
        return set(state.dirty_vars)

    first = open_month("2026-03")
    assert {"series_options", "month_days", "weeks"} <= first
    following = open_month("2026-04")
    assert {"month_days", "weeks", "month_title"} <= following
    assert not following & {"series_options", "topic_options"}
    assert [e.title.en for d in state.month_days for e in d.events] == ["Month 4"]


def test_the_month_links_step_in_place_within_the_series_and_name_the_new_address(db,
                                                                                  make_state):
    """'Next month', 'Previous month' and 'This month' change the grid in place (no page
    load): the series filter holds, the links around the month follow, the address bar is
    given the new month, and a step that is not one of the three changes nothing."""
    from datetime import UTC, datetime

    from dashboard.domain.clock import london_today, utc_now
    from tests import factories as f

    with Session(db) as session:
        webinars, meetups = f.series(session, "webinars"), f.series(session, "meetups")
        f.event(session, datetime(2026, 4, 3, 10, tzinfo=UTC), webinars, title="Webinar")
        f.event(session, datetime(2026, 4, 9, 10, tzinfo=UTC), meetups, title="Meetup")
        session.commit()
    state = make_state(EventsState)
    state.router = type(state.router)(url=type(state.router.url)(
        "http://localhost/events?view=month&month=2026-03&series=webinars"))
    state.load()
    script = state.step_month("next")
    assert state.month == "2026-04" and state.series_filter == "webinars"
    assert [e.title.en for d in state.month_days for e in d.events] == ["Webinar"]
    assert "/events?view=month&month=2026-04&series=webinars" in str(script)
    assert state.next_href == "/events?view=month&month=2026-05&series=webinars"
    assert state.prev_href == "/events?view=month&month=2026-03&series=webinars"
    state.step_month("previous")
    state.step_month("previous")
    assert state.month == "2026-02" and state.month_days == []
    assert state.step_month("sideways") is None and state.month == "2026-02"
    state.step_month("today")
    today = london_today(utc_now())
    assert state.month == f"{today.year:04d}-{today.month:02d}"
