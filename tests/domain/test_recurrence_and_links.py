"""Recurrence bombs (a rule repeating more often than daily) are refused at import and never
expanded; every expansion stops at MAX_OCCURRENCES of one event. Links are http or https
web addresses only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from sqlmodel import select

from dashboard.domain.errors import InvalidInput
from dashboard.domain.events import feed as calendar_feed
from dashboard.domain.events.calendar_import import import_calendar
from dashboard.domain.events.editing import EventForm, clean
from dashboard.domain.events.occurrences import next_occurrence, occurrences, upcoming_starts
from dashboard.domain.events.recurrence import MAX_OCCURRENCES
from dashboard.domain.maturity.self_assessment import Answer, validate_answer
from dashboard.domain.web_address import is_web_address, shown_link
from dashboard.models import Event
from tests import factories as f
from tests.domain.test_events_calendar import NOW, STEERING


def calendar(rule: str, extra: str = "") -> bytes:
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:bomb-1\r\nSUMMARY:Bomb\r\nDTSTART:20260101T100000Z\r\n"
            f"DTEND:20260101T103000Z\r\nRRULE:{rule}\r\n{extra}END:VEVENT\r\n"
            f"END:VCALENDAR\r\n").encode()


@pytest.mark.parametrize("rule,named", [
    ("FREQ=MINUTELY", "MINUTELY"), ("FREQ=SECONDLY;INTERVAL=1", "SECONDLY"),
    ("FREQ=HOURLY;INTERVAL=2", "HOURLY"), ("FREQ=DAILY;BYHOUR=9,10,11", "BYHOUR=9,10,11"),
    ("FREQ=WEEKLY;BYMINUTE=0,30", "BYMINUTE=0,30"),
])
def test_a_rule_more_often_than_daily_is_refused_naming_the_event(session, rule, named):
    with pytest.raises(InvalidInput) as raised:
        import_calendar(session, STEERING, calendar(rule), NOW)
    assert raised.value.msgid.startswith("Event {event} repeats more often than once a day")
    assert raised.value.params == {"event": "bomb-1", "rule": named}
    session.rollback()
    assert session.exec(select(Event)).all() == []


def test_daily_and_slower_rules_without_an_end_still_import(session):
    for rule in ("FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "FREQ=MONTHLY;BYHOUR=9"):
        session.rollback()
        assert import_calendar(session, STEERING, calendar(rule), NOW).added == 1


def stored(session, rule: str) -> Event:
    """An event stored before rules were checked (an older import)."""
    event = f.event(session, datetime(2016, 1, 1, 10, tzinfo=UTC))
    event.rrule = rule
    session.flush()
    return event


def test_a_stored_bomb_is_never_expanded(session):
    bomb = stored(session, "FREQ=MINUTELY")
    month = occurrences(session, datetime(2016, 1, 1, tzinfo=UTC), datetime(2016, 2, 1, tzinfo=UTC))
    assert [o.starts_at for o in month] == [bomb.starts_at.replace(tzinfo=UTC)]
    assert occurrences(session, NOW, NOW + timedelta(days=31)) == []
    assert next_occurrence(bomb, NOW) is None and upcoming_starts(session, bomb, NOW, 5) == []
    feed = icalendar.Calendar.from_ical(calendar_feed.calendar_feed(session, NOW))
    (item,) = feed.walk("VEVENT")
    assert "RRULE" not in item  # subscribers' calendars are not bombed either


def test_every_expansion_stops_at_the_cap(session):
    daily = stored(session, "FREQ=DAILY")
    start = daily.starts_at.replace(tzinfo=UTC)
    found = occurrences(session, start, start + timedelta(days=3 * 365))
    assert len(found) == MAX_OCCURRENCES
    assert len(upcoming_starts(session, daily, NOW, MAX_OCCURRENCES * 2)) == MAX_OCCURRENCES


# --- links --------------------------------------------------------------------------------


@pytest.mark.parametrize("link", [
    "javascript:alert(1)", "JavaScript://%0aalert(1)", "data:text/html,<script>x</script>",
    "file:///etc/passwd", "vbscript:msgbox", "http://", "https:///path", "//evil.example",
    "https://exa mple.org", "https://example.org/\x00", "java\tscript:alert(1)", "",
])
def test_only_http_and_https_addresses_are_links(link):
    assert not is_web_address(link) and shown_link(link) == ""


def test_web_addresses_are_links():
    for link in ("https://example.org", "http://example.org/a?b=c#d", "HTTPS://Example.org/"):
        assert is_web_address(link) and shown_link(link) == link


def test_an_imported_link_that_is_not_a_web_address_is_refused(session):
    with pytest.raises(InvalidInput) as raised:
        import_calendar(session, STEERING, calendar("FREQ=WEEKLY",
                                                    "URL:javascript:alert(1)\r\n"), NOW)
    assert raised.value.params == {"uid": "bomb-1"} and "(URL)" in raised.value.msgid
    session.rollback()
    # A location that is no web address stays a place, never a link.
    import_calendar(session, STEERING, calendar("FREQ=WEEKLY", "LOCATION:javascript:x\r\n"), NOW)
    event = session.exec(select(Event)).one()
    assert (event.location, event.online_url) == ("javascript:x", None)


def test_the_editor_and_the_self_assessment_refuse_other_schemes():
    form = EventForm(title="Meetup", day="2027-01-05", start="10:00", end="11:00",
                     online_url="javascript:alert(1)")
    with pytest.raises(InvalidInput) as raised:
        clean(form)
    assert raised.value.msgid == "Online link: enter a web address starting with https://"
    with pytest.raises(InvalidInput):
        clean(EventForm(title="M", day="2027-01-05", start="10:00", end="11:00",
                        registration_url="https://"))


def test_an_assessment_link_must_be_a_web_address(session):
    (dim,) = f.framework(session, dimensions=1)
    for link in ("https://", "javascript:alert(1)"):
        with pytest.raises(InvalidInput) as raised:
            validate_answer(dim, Answer(level=3, links=link))
        assert raised.value.params["link"] == link
    assert validate_answer(dim, Answer(level=3, links=" https://example.org ")).links == \
        "https://example.org"
