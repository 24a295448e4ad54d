"""Calendar feeds, .ics import and the month view, against small hand-made calendars."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from sqlmodel import select

from dashboard.domain.auth import SYSTEM, Actor
from dashboard.domain.errors import InvalidInput, PermissionDenied
from dashboard.domain.events import feed as calendar_feed
from dashboard.domain.events.calendar_import import import_calendar
from dashboard.domain.events.detail import event_detail, series_stats
from dashboard.domain.events.editing import (
    EventForm,
    cancel_event,
    create_event,
    form_for,
    update_event,
)
from dashboard.domain.events.listing import list_events
from dashboard.domain.events.occurrences import month_bounds, month_occurrences, next_occurrence
from dashboard.domain.events.registration import cancel_registration, my_events, register
from dashboard.models import AuditEntry, Event, Role, SyncRun
from tests import factories as f

NOW = f.utc(2026, 11, 26, 12, 0)
STEERING = Actor(user_id=None, role=Role.STEERING, label="steering@example.org")
MEMBER = Actor(user_id=None, role=Role.MEMBER, label="member@example.org")


def parse(feed: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(feed)


def vevents(cal: icalendar.Calendar) -> list:
    return list(cal.walk("VEVENT"))


# --- feeds ----------------------------------------------------------------------------------


def test_feed_parses_back_with_uid_sequence_dtstamp_and_london_times(session):
    webinars = f.series(session)
    # 10:00 London on each side of the October change: 09:00 UTC in BST, 10:00 UTC in GMT.
    before = f.event(session, f.utc(2026, 10, 24, 9, 0), webinars, title="Before the change")
    after = f.event(session, f.utc(2026, 10, 26, 10, 0), webinars, title="After the change")
    after.sequence = 3
    cal = parse(calendar_feed.calendar_feed(session, NOW))
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    items = {str(e["UID"]): e for e in vevents(cal)}
    assert set(items) == {before.uid, after.uid}
    assert items[after.uid]["SEQUENCE"] == 3
    for item in items.values():
        assert item["DTSTART"].params["TZID"] == "Europe/London"
        assert item.decoded("DTSTART").hour == 10  # 10:00 in London both sides
        assert item.decoded("DTSTAMP") == NOW
    assert [z["TZID"] for z in cal.walk("VTIMEZONE")] == ["Europe/London"]
    assert items[before.uid].decoded("DTSTART").utcoffset() == timedelta(hours=1)
    assert items[after.uid].decoded("DTSTART").utcoffset() == timedelta(0)


def test_march_change_times_are_right_too(session):
    e = f.event(session, f.utc(2026, 3, 30, 9, 0))  # Monday after the clocks went forward
    item = vevents(parse(calendar_feed.calendar_feed(session, NOW)))[0]
    assert item.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 3, 30, 10, 0)
    assert str(item["UID"]) == e.uid


def test_recurring_event_has_rrule_exdate_and_a_moved_occurrence(session):
    weekly = f.event(session, f.utc(2026, 3, 17, 10, 0), title="Weekly")  # 10:00 GMT
    weekly.rrule = "FREQ=WEEKLY;COUNT=4"
    weekly.exdates = calendar_feed.format_exdates([f.utc(2026, 3, 31, 9, 0)])  # 10:00 BST
    moved = Event(uid=f"{weekly.uid}#moved", title="Weekly (moved)", parent_id=weekly.id,
                  recurrence_id=f.utc(2026, 3, 24, 10, 0), starts_at=f.utc(2026, 3, 25, 14),
                  ends_at=f.utc(2026, 3, 25, 15))
    session.add(moved)
    session.flush()
    items = vevents(parse(calendar_feed.calendar_feed(session, NOW)))
    master = next(i for i in items if "RRULE" in i)
    override = next(i for i in items if "RECURRENCE-ID" in i)
    assert master["RRULE"]["FREQ"] == ["WEEKLY"] and master["RRULE"]["COUNT"] == [4]
    assert [d.dt.replace(tzinfo=None) for d in master["EXDATE"].dts] == [datetime(2026, 3, 31, 10)]
    assert str(override["UID"]) == weekly.uid  # the parent's UID, as RFC 5545 requires
    assert override.decoded("RECURRENCE-ID").replace(tzinfo=None) == datetime(2026, 3, 24, 10)


def test_cancelled_event_stays_in_the_feed_as_cancelled(session):
    e = f.event(session, f.utc(2026, 12, 1, 14), status="cancelled")
    item = vevents(parse(calendar_feed.calendar_feed(session, NOW)))[0]
    assert str(item["UID"]) == e.uid and item["STATUS"] == "CANCELLED"


def test_series_feed_has_only_that_series(session):
    a, b = f.series(session, "a"), f.series(session, "b")
    in_a = f.event(session, f.utc(2026, 12, 1, 14), a)
    f.event(session, f.utc(2026, 12, 2, 14), b)
    items = vevents(parse(calendar_feed.series_feed(session, "a", NOW)))
    assert [str(i["UID"]) for i in items] == [in_a.uid]


# --- import ---------------------------------------------------------------------------------

OUTLOOK = b"""BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
BEGIN:VTIMEZONE
TZID:GMT Standard Time
BEGIN:STANDARD
DTSTART:16011028T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0100
TZOFFSETTO:-0000
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T010000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:-0000
TZOFFSETTO:+0100
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:outlook-weekly-1
SUMMARY:Steering group
DTSTART;TZID=GMT Standard Time:20260324T100000
DTEND;TZID=GMT Standard Time:20260324T110000
RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=TU
EXDATE;TZID=GMT Standard Time:20260407T100000
DTSTAMP:20260101T000000Z
END:VEVENT
BEGIN:VEVENT
UID:outlook-weekly-1
RECURRENCE-ID;TZID=GMT Standard Time:20260331T100000
SUMMARY:Steering group (moved)
DTSTART;TZID=GMT Standard Time:20260401T140000
DTEND;TZID=GMT Standard Time:20260401T150000
DTSTAMP:20260101T000000Z
END:VEVENT
BEGIN:VEVENT
UID:cancelled-1
SUMMARY:Cancelled meetup
DTSTART:20260601T130000Z
DTEND:20260601T140000Z
STATUS:CANCELLED
DTSTAMP:20260101T000000Z
END:VEVENT
BEGIN:VEVENT
UID:all-day-1
SUMMARY:Away day
DTSTART;VALUE=DATE:20260701
DTEND;VALUE=DATE:20260702
DTSTAMP:20260101T000000Z
END:VEVENT
END:VCALENDAR
"""


def test_outlook_calendar_with_windows_zone_recurrence_and_moved_instance(session):
    result = import_calendar(session, STEERING, OUTLOOK, NOW)
    assert (result.added, result.updated, result.unchanged) == (4, 0, 0)
    weekly = session.exec(select(Event).where(Event.uid == "outlook-weekly-1")).one()
    assert weekly.timezone == "Europe/London"
    assert weekly.starts_at == f.utc(2026, 3, 24, 10, 0)  # GMT before 29 March
    assert weekly.rrule == "FREQ=WEEKLY;COUNT=4;BYDAY=TU"
    assert calendar_feed.parse_exdates(weekly.exdates) == [f.utc(2026, 4, 7, 9, 0)]  # BST
    moved = session.exec(select(Event).where(Event.parent_id == weekly.id)).one()
    assert moved.recurrence_id.replace(tzinfo=UTC) == f.utc(2026, 3, 31, 9, 0)
    assert moved.starts_at.replace(tzinfo=UTC) == f.utc(2026, 4, 1, 13, 0)
    cancelled = session.exec(select(Event).where(Event.uid == "cancelled-1")).one()
    assert cancelled.status == "cancelled"
    away = session.exec(select(Event).where(Event.uid == "all-day-1")).one()
    assert away.all_day and away.starts_at.replace(tzinfo=UTC) == f.utc(2026, 6, 30, 23)
    # The month view: 24 March, the moved one on 1 April, not 7 April (excepted), 14 April.
    march = [o.starts_at for o in month_occurrences(session, 2026, 3)
             if o.title.startswith("Steering")]
    april = [(o.title, o.starts_at) for o in month_occurrences(session, 2026, 4)
             if o.title.startswith("Steering")]
    assert march == [f.utc(2026, 3, 24, 10, 0)]
    assert april == [("Steering group (moved)", f.utc(2026, 4, 1, 13, 0)),
                     ("Steering group", f.utc(2026, 4, 14, 9, 0))]


def test_reimport_updates_by_uid_and_counts(session):
    import_calendar(session, STEERING, OUTLOOK, NOW)
    again = import_calendar(session, STEERING, OUTLOOK, NOW)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    changed = OUTLOOK.replace(b"SUMMARY:Away day", b"SUMMARY:Team away day")
    third = import_calendar(session, STEERING, changed, NOW)
    assert (third.added, third.updated, third.unchanged) == (0, 1, 3)
    away = session.exec(select(Event).where(Event.uid == "all-day-1")).one()
    assert away.title == "Team away day" and away.sequence == 1
    assert session.exec(select(Event)).all().__len__() == 4
    runs = session.exec(select(SyncRun).order_by(SyncRun.id)).all()
    assert [(r.added, r.updated, r.unchanged) for r in runs] == [(4, 0, 0), (0, 0, 4), (0, 1, 3)]


@pytest.mark.parametrize("broken,message", [
    (b"", "The calendar is empty."),
    (b"not a calendar at all", "This is not a valid iCalendar file: {reason}"),
    (OUTLOOK.replace(b"UID:cancelled-1\n", b""), "Event {n} in the calendar has no UID."),
    (OUTLOOK.replace(b"DTSTART:20260601T130000Z\n", b""),
     "Event {uid} has no start time (DTSTART)."),
    (OUTLOOK.replace(b"DTEND;VALUE=DATE:20260702", b"DTEND;VALUE=DATE:20260601"),
     "Event {uid} ends before it starts."),
    (OUTLOOK.replace(b"UID:cancelled-1", b"UID:all-day-1"),
     "The UID {uid} appears twice in the calendar."),
])
def test_broken_calendar_gets_a_clear_error_and_imports_nothing(session, broken, message):
    with pytest.raises(InvalidInput) as raised:
        import_calendar(session, STEERING, broken, NOW)
    assert raised.value.msgid == message
    session.rollback()
    assert session.exec(select(Event)).all() == []


def test_only_the_steering_group_imports(session):
    with pytest.raises(PermissionDenied):
        import_calendar(session, MEMBER, OUTLOOK, NOW)


def test_govuk_bank_holidays(session, shared_dir):
    data = (shared_dir / "fixtures/real-world/govuk-bank-holidays-england-and-wales.ics"
            ).read_bytes()
    result = import_calendar(session, SYSTEM, data, NOW)
    assert (result.added, result.updated, result.unchanged) == (67, 0, 0)
    rows = session.exec(select(Event).order_by(Event.starts_at)).all()
    assert len(rows) == 67 and all(e.all_day for e in rows)
    first = rows[0]
    assert first.title == "New Year’s Day"
    assert calendar_feed.to_local(first.starts_at).date() == date(2018, 1, 1)
    # A summer holiday (BST): midnight in London, not 01:00.
    august = next(e for e in rows if e.title == "Summer bank holiday")
    assert calendar_feed.to_local(august.starts_at).hour == 0
    again = import_calendar(session, SYSTEM, data, NOW)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 67)
    # And back out as all-day VALUE=DATE events.
    items = vevents(parse(calendar_feed.calendar_feed(session, NOW)))
    assert len(items) == 67
    assert all(isinstance(i.decoded("DTSTART"), date) and not isinstance(
        i.decoded("DTSTART"), datetime) for i in items)


# --- the month view -------------------------------------------------------------------------


def test_month_bounds_are_london_midnights():
    start, end = month_bounds(2026, 4)
    assert start == f.utc(2026, 3, 31, 23, 0)  # 1 April 00:00 BST
    assert end == f.utc(2026, 4, 30, 23, 0)
    start, end = month_bounds(2026, 12)
    assert (start, end) == (f.utc(2026, 12, 1), f.utc(2027, 1, 1))


def test_an_event_at_half_past_midnight_on_the_first_is_in_that_month(session):
    f.event(session, f.utc(2026, 6, 30, 23, 30), title="First of July")  # 00:30 BST 1 July
    assert [o.title for o in month_occurrences(session, 2026, 7)] == ["First of July"]
    assert month_occurrences(session, 2026, 6) == []


def test_weekly_recurrence_keeps_local_time_across_the_october_change(session):
    weekly = f.event(session, f.utc(2026, 10, 13, 9, 0), title="Weekly")  # 10:00 BST
    weekly.rrule = "FREQ=WEEKLY;COUNT=4"
    weekly.exdates = calendar_feed.format_exdates([f.utc(2026, 10, 20, 9, 0)])
    session.flush()
    found = [o.starts_at for o in month_occurrences(session, 2026, 10)]
    assert found == [f.utc(2026, 10, 13, 9), f.utc(2026, 10, 27, 10)]  # 10:00 GMT after
    assert [o.starts_at for o in month_occurrences(session, 2026, 11)] == [
        f.utc(2026, 11, 3, 10)]


def test_month_filters_by_series_and_topic(session):
    a = f.series(session, "a")
    one = f.event(session, f.utc(2026, 5, 5, 9), a)
    two = f.event(session, f.utc(2026, 5, 6, 9))
    two.topic = "data"
    session.flush()
    assert [o.event_id for o in month_occurrences(session, 2026, 5, series_id=a.id)] == [
        one.id]
    assert [o.event_id for o in month_occurrences(session, 2026, 5, topic="data")] == [
        two.id]


# --- series and the event page ----------------------------------------------------------------


def test_series_stats_totals(session):
    a = f.series(session, "a")
    one = f.event(session, f.utc(2025, 5, 5, 11), a)
    two = f.event(session, f.utc(2025, 6, 5, 11), a)
    f.attendance(session, one, attended=3, absent=2)
    f.attendance(session, two, attended=4)
    f.views(session, one, (f.utc(2025, 6, 1), 10), (f.utc(2025, 7, 1), 25))
    stats = series_stats(session, "a")
    assert [(r.attendance, r.views) for r in stats.events] == [(3, 25), (4, None)]
    assert (stats.attendance, stats.views) == (7, 25)


def test_event_detail_counts_and_view_trend(session):
    e = f.event(session, f.utc(2025, 5, 5, 11))
    f.attendance(session, e, attended=2, absent=1)
    f.views(session, e, (f.utc(2025, 7, 1), 25), (f.utc(2025, 6, 1), 10))
    detail = event_detail(session, e.id)
    assert (detail.registered, detail.waitlisted, detail.attended) == (3, 0, 2)
    assert [v.view_count for v in detail.views] == [10, 25] and detail.latest_views == 25


# --- steering edits -------------------------------------------------------------------------


def form(**changes) -> EventForm:
    values = dict(title="Meetup", day="2026-10-27", start="10:00", end="11:00")
    values.update(changes)
    return EventForm(**values)


def test_create_edit_and_cancel_raise_sequence_and_are_audited(session):
    e = create_event(session, STEERING, form(repeat="monthly", count="3",
                                                    except_days="2026-11-27"), NOW)
    assert e.starts_at == f.utc(2026, 10, 27, 10)  # GMT
    assert e.rrule == "FREQ=MONTHLY;COUNT=3" and e.sequence == 0
    assert calendar_feed.parse_exdates(e.exdates) == [f.utc(2026, 11, 27, 10)]
    update_event(session, STEERING, e.id, form(title="Meetup (new room)"), NOW)
    assert e.sequence == 1 and e.title == "Meetup (new room)" and e.rrule is None
    cancel_event(session, STEERING, e.id, NOW)
    assert e.sequence == 2 and e.status == "cancelled"
    actions = [a.action for a in session.exec(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["create", "update", "cancel"]


@pytest.mark.parametrize("changes,msgid", [
    ({"title": " "}, "Title: enter the event's title."),
    ({"day": "31/03/2026"}, "Date: enter a date like 2026-03-31."),
    ({"end": "09:00"}, "End: the event must end after it starts."),
    ({"capacity": "lots"}, "Capacity: enter a whole number of places, or leave it empty."),
    ({"repeat": "weekly", "count": "1"},
     "Occurrences: enter how many times it happens, from 2 to 200."),
    ({"online_url": "teams"}, "Online link: enter a web address starting with https://"),
])
def test_bad_form_values_name_the_field(session, changes, msgid):
    with pytest.raises(InvalidInput) as raised:
        create_event(session, STEERING, form(**changes), NOW)
    assert raised.value.msgid == msgid


def test_an_event_that_ends_at_or_after_midnight_ends_the_next_day(session):
    """An end earlier than the start is the next day, in UK time: an evening event to
    midnight can be saved, and opened in the editor and saved again unchanged."""
    e = create_event(session, STEERING, form(day="2027-09-30", start="23:00", end="00:00"),
                     NOW)
    assert (e.starts_at, e.ends_at) == (f.utc(2027, 9, 30, 22), f.utc(2027, 9, 30, 23))  # BST
    again = form_for(e)
    assert (again.day, again.start, again.end) == ("2027-09-30", "23:00", "00:00")
    update_event(session, STEERING, e.id, replace(again, title="Late clinic"), NOW)
    assert e.ends_at == f.utc(2027, 9, 30, 23) and e.title == "Late clinic"
    overnight = create_event(session, STEERING, form(start="20:00", end="07:30"), NOW)
    assert overnight.ends_at - overnight.starts_at == timedelta(hours=11, minutes=30)
    for start, end in (("10:00", "09:00"), ("10:00", "10:00")):  # longer than 12 hours
        with pytest.raises(InvalidInput):
            create_event(session, STEERING, form(start=start, end=end), NOW)


def test_members_cannot_create_or_cancel(session):
    e = f.event(session, f.utc(2026, 12, 1, 14))
    with pytest.raises(PermissionDenied):
        create_event(session, MEMBER, form(), NOW)
    with pytest.raises(PermissionDenied):
        cancel_event(session, MEMBER, e.id, NOW)
    assert e.status == "confirmed" and e.sequence == 0


# --- registering ----------------------------------------------------------------------------


def test_full_event_waitlists_and_a_cancellation_promotes_the_first(session):
    org = f.organisation(session)
    people = [f.member(session, org, date(2026, 1, 1)) for _ in range(3)]
    actors = [Actor(user_id=None, role=Role.MEMBER, label=f"m{i}", member_id=p.id)
              for i, p in enumerate(people)]
    e = f.event(session, f.utc(2026, 12, 1, 14))
    e.capacity = 1
    assert register(session, actors[0], e.id, NOW) == "registered"
    assert register(session, actors[1], e.id, NOW) == "waitlisted"
    assert register(session, actors[2], e.id, NOW + timedelta(minutes=1)) == "waitlisted"
    cancel_registration(session, actors[0], e.id, NOW)
    detail = event_detail(session, e.id, people[1].id)
    assert detail.my_status == "registered"
    assert (detail.registered, detail.waitlisted) == (1, 1)
    assert [m.status for m in my_events(session, actors[2], NOW)] == ["waitlisted"]
    assert my_events(session, actors[0], NOW) == []


def test_cannot_register_for_a_cancelled_or_past_event(session):
    org = f.organisation(session)
    person = f.member(session, org, date(2026, 1, 1))
    actor = Actor(user_id=None, role=Role.MEMBER, label="m", member_id=person.id)
    cancelled = f.event(session, f.utc(2026, 12, 1, 14), status="cancelled")
    past = f.event(session, f.utc(2026, 1, 1, 14))
    with pytest.raises(InvalidInput):
        register(session, actor, cancelled.id, NOW)
    with pytest.raises(InvalidInput):
        register(session, actor, past.id, NOW)
    with pytest.raises(PermissionDenied):
        register(session, events_visitor(), past.id, NOW)


def events_visitor() -> Actor:
    from dashboard.domain.auth import VISITOR

    return VISITOR


def test_text_is_escaped_and_long_lines_folded_without_breaking_characters(session):
    text = ("Cyflwyniad i ddeallusrwydd artiffisial; beth yw e, a beth nad yw e.\n"
            "Llinell newydd gyda ŵ, ŷ a â — " * 5)
    e = f.event(session, f.utc(2026, 12, 1, 14), title="Gweminar: ŵ, ŷ; â\\ end")
    e.description = text
    session.flush()
    feed = calendar_feed.calendar_feed(session, NOW)
    assert all(len(line) <= 75 for line in feed.split(b"\r\n"))
    feed.decode("utf-8")  # folding never splits a character
    item = vevents(parse(feed))[0]
    assert str(item["SUMMARY"]) == "Gweminar: ŵ, ŷ; â\\ end"
    assert str(item["DESCRIPTION"]) == text


def test_import_from_a_url_served_on_127_0_0_1(session):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from dashboard.connectors.calendar import FetchFailed, read_calendar

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path != "/community.ics":
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("Content-Length", str(len(OUTLOOK)))
            self.end_headers()
            self.wfile.write(OUTLOOK)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        data = read_calendar(f"{base}/community.ics")
        assert import_calendar(session, STEERING, data, NOW).added == 4
        with pytest.raises(FetchFailed) as raised:
            read_calendar(f"{base}/missing.ics")
        assert raised.value.msgid == "The source at {host} answered with HTTP {status}."
    finally:
        server.shutdown()
        server.server_close()
    with pytest.raises(FetchFailed) as raised:
        read_calendar("http://127.0.0.1:9/closed.ics")
    assert raised.value.msgid == "The source at {host} could not be reached ({reason})."


def test_next_occurrence_of_a_recurring_event_skips_exceptions(session):
    weekly = f.event(session, f.utc(2026, 11, 3, 10), title="Weekly")  # Tuesdays 10:00 GMT
    weekly.rrule = "FREQ=WEEKLY;COUNT=6"  # 3, 10, 17, 24 Nov, 1 Dec (excepted), 8 Dec
    weekly.exdates = calendar_feed.format_exdates([f.utc(2026, 12, 1, 10)])
    session.flush()
    assert next_occurrence(weekly, NOW) == f.utc(2026, 12, 8, 10)  # 1 Dec excepted
    assert next_occurrence(weekly, f.utc(2026, 12, 8, 10, 30)) == f.utc(2026, 12, 8, 10)
    assert next_occurrence(weekly, f.utc(2026, 12, 8, 11, 1)) is None  # all over
    single = f.event(session, f.utc(2026, 11, 1, 10))
    assert next_occurrence(single, NOW) is None


def test_an_ongoing_recurring_event_is_upcoming_with_its_next_occurrence(session):
    weekly = f.event(session, f.utc(2026, 11, 3, 10), title="Weekly")
    weekly.rrule = "FREQ=WEEKLY;COUNT=6"
    over = f.event(session, f.utc(2026, 10, 6, 9), title="Over")
    over.rrule = "FREQ=WEEKLY;COUNT=2"
    session.flush()
    upcoming = list_events(session, NOW, True, 1)
    past = list_events(session, NOW, False, 1)
    assert [(r.title, r.starts_at) for r in upcoming.rows] == [("Weekly", f.utc(2026, 12, 1, 10))]
    assert [r.title for r in past.rows] == ["Over"]


def test_the_demo_calendar_feed_and_first_series(reference):
    from dashboard.seed.demo import FIRST_SERIES_SLUG, seed_demo

    seed_demo(reference, now=NOW)
    reference.flush()
    cal = parse(calendar_feed.calendar_feed(reference, NOW, "https://cymuned.example"))
    items = vevents(cal)
    assert len(items) == len(reference.exec(select(Event)).all())
    assert len({str(i["UID"]) for i in items}) == len(items)
    assert all(i["DTSTART"].params["TZID"] == "Europe/London" for i in items)
    assert sum(i["STATUS"] == "CANCELLED" for i in items) == 1
    stats = series_stats(reference, FIRST_SERIES_SLUG)
    assert (len(stats.events), stats.attendance, stats.views) == (5, 622, 4777)


# --- the events items ---------------------------------------------------------------


def members_as_actors(session, n: int) -> list[Actor]:
    org = f.organisation(session)
    people = [f.member(session, org, date(2026, 1, 1)) for _ in range(n)]
    return [Actor(user_id=None, role=Role.MEMBER, label=f"m{i}", member_id=p.id)
            for i, p in enumerate(people)]


def test_the_list_says_which_events_are_full_have_a_waiting_list_or_are_cancelled(session):
    actors = members_as_actors(session, 3)
    full = f.event(session, f.utc(2026, 12, 1, 14), title="Full")
    full.capacity = 1
    roomy = f.event(session, f.utc(2026, 12, 2, 14), title="Roomy")
    roomy.capacity = 10
    cancelled = f.event(session, f.utc(2026, 12, 3, 14), status="cancelled", title="Off")
    session.flush()
    register(session, actors[0], full.id, NOW)
    register(session, actors[1], full.id, NOW)  # the waiting list
    register(session, actors[2], roomy.id, NOW)
    rows = {r.title: r for r in list_events(session, NOW, True, 1).rows}
    assert (rows["Full"].full, rows["Full"].registered, rows["Full"].waitlisted) == (True, 1, 1)
    assert (rows["Roomy"].full, rows["Roomy"].registered, rows["Roomy"].waitlisted) == (
        False, 1, 0)
    assert rows["Off"].status == "cancelled" and cancelled.id == rows["Off"].id


def weekly_meetup(session, capacity: int | None = 1) -> Event:
    """Tuesdays at 10:00 GMT from 1 December 2026, four times (NOW is 26 November)."""
    weekly = f.event(session, f.utc(2026, 12, 1, 10), title="Weekly clinic")
    weekly.rrule, weekly.capacity = "FREQ=WEEKLY;COUNT=4", capacity
    session.flush()
    return weekly


def test_a_recurring_event_is_registered_for_one_occurrence_at_a_time(session):
    actors = members_as_actors(session, 3)
    weekly = weekly_meetup(session)
    first, second = f.utc(2026, 12, 1, 10), f.utc(2026, 12, 8, 10)
    # One place per occurrence: a full first Tuesday does not fill the second.
    assert register(session, actors[0], weekly.id, NOW, first) == "registered"
    assert register(session, actors[1], weekly.id, NOW, second) == "registered"
    assert register(session, actors[1], weekly.id, NOW, first) == "waitlisted"
    assert register(session, actors[2], weekly.id, NOW) == "waitlisted"  # the next: the 1st
    on_first = event_detail(session, weekly.id, actors[1].member_id, first)
    on_second = event_detail(session, weekly.id, actors[1].member_id, second)
    assert (on_first.registered, on_first.waitlisted, on_first.my_status) == (
        1, 2, "waitlisted")
    assert (on_second.registered, on_second.waitlisted, on_second.my_status) == (
        1, 0, "registered")
    assert on_first.is_full and on_second.is_full
    # A cancellation moves up the first waiting for that occurrence, nobody else's.
    cancel_registration(session, actors[0], weekly.id, NOW, first)
    assert event_detail(session, weekly.id, actors[1].member_id, first).my_status == \
        "registered"
    assert event_detail(session, weekly.id, actors[2].member_id, first).my_status == \
        "waitlisted"
    # My events: the date of the occurrence registered for, latest first.
    mine = my_events(session, actors[1], NOW)
    assert [(m.starts_at, m.occurs_at, m.status) for m in mine] == [
        (second, second, "registered"), (first, first, "registered")]
    assert mine[0].ends_at == second + timedelta(hours=1)


def test_only_a_coming_occurrence_can_be_registered_for(session):
    (actor,) = members_as_actors(session, 1)
    weekly = weekly_meetup(session)
    weekly.exdates = calendar_feed.format_exdates([f.utc(2026, 12, 8, 10)])
    session.flush()
    for wrong in (f.utc(2026, 12, 2, 10), f.utc(2026, 12, 8, 10), f.utc(2026, 12, 29, 10)):
        with pytest.raises(InvalidInput) as raised:
            register(session, actor, weekly.id, NOW, wrong)
        assert raised.value.msgid == "Choose one of the event's coming dates."
    with pytest.raises(InvalidInput):
        register(session, actor, weekly.id, f.utc(2026, 12, 23), f.utc(2026, 12, 15, 10))


def test_a_one_off_registration_has_no_occurrence(session):
    from dashboard.models import Registration

    (actor,) = members_as_actors(session, 1)
    e = f.event(session, f.utc(2026, 12, 1, 14))
    register(session, actor, e.id, NOW, f.utc(2026, 12, 1, 14))  # ignored: a one-off
    f.attendance(session, e, attended=2)  # as the attendance import writes them
    assert [r.occurs_at for r in session.exec(select(Registration))] == [None, None, None]
    detail = event_detail(session, e.id, actor.member_id)
    assert (detail.registered, detail.attended, detail.my_status) == (3, 2, "registered")


def test_the_event_page_offers_the_coming_occurrences(session):
    from dashboard.domain.events.detail import event_page

    (actor,) = members_as_actors(session, 1)
    weekly = weekly_meetup(session)
    page = event_page(session, actor, weekly.id, f.utc(2026, 12, 5))
    assert page.occurrences == (f.utc(2026, 12, 8, 10), f.utc(2026, 12, 15, 10),
                                f.utc(2026, 12, 22, 10))
    assert page.detail.occurs_at == f.utc(2026, 12, 8, 10)  # the next, unless one is chosen
    chosen = event_page(session, actor, weekly.id, f.utc(2026, 12, 5), f.utc(2026, 12, 15, 10))
    assert chosen.detail.occurs_at == f.utc(2026, 12, 15, 10)
    assert event_page(session, actor, f.event(session, NOW).id, NOW).occurrences == ()


def test_the_feed_describes_events_in_plain_text(session):
    e = f.event(session, f.utc(2026, 12, 1, 14))
    e.description = ("## What we cover\n\nA **hands-on** session on _prompting_, with "
                     "[the guidance](https://example.org/guide).\n\n* Bring a laptop\n"
                     "* Ask `anything`\n\n> Recorded for members.")
    session.flush()
    item = vevents(parse(calendar_feed.calendar_feed(session, NOW)))[0]
    assert str(item["DESCRIPTION"]) == (
        "What we cover\n\nA hands-on session on prompting, with the guidance "
        "(https://example.org/guide).\n\n- Bring a laptop\n- Ask anything\n\n"
        "Recorded for members.")
    google = calendar_feed.google_link(e)
    assert "%2A%2A" not in google and "hands-on" in google


def test_the_welsh_feed_has_welsh_text_and_series_names(session):
    webinars = f.series(session, "webinars")  # title_cy "webinars (cy)"
    welsh = f.event(session, f.utc(2026, 12, 1, 14), webinars, title="Webinar")
    welsh.title_cy, welsh.description_cy = "Gweminar", "Disgrifiad **pwysig**"
    welsh.location, welsh.location_cy = "Cardiff", "Caerdydd"
    english_only = f.event(session, f.utc(2026, 12, 2, 14), webinars, title="Only English")
    english_only.description = "Words"
    session.flush()
    items = {str(i["UID"]): i for i in vevents(parse(calendar_feed.calendar_feed(
        session, NOW, lang="cy")))}
    assert str(items[welsh.uid]["SUMMARY"]) == "Gweminar"
    assert str(items[welsh.uid]["DESCRIPTION"]) == "Disgrifiad pwysig"
    assert str(items[welsh.uid]["LOCATION"]) == "Caerdydd"
    assert items[welsh.uid]["CATEGORIES"].cats == ["webinars (cy)"]
    assert str(items[english_only.uid]["SUMMARY"]) == "Only English"  # not yet translated
    english = {str(i["UID"]): i for i in vevents(parse(calendar_feed.calendar_feed(
        session, NOW)))}
    assert str(english[welsh.uid]["SUMMARY"]) == "Webinar"
    assert english[welsh.uid]["CATEGORIES"].cats == ["Webinars"]
    series = parse(calendar_feed.series_feed(session, "webinars", NOW, lang="cy"))
    assert str(series["X-WR-CALNAME"]) == "Cymuned: webinars (cy)"


def test_the_editor_keeps_welsh_text_and_topics_from_the_list(session):
    from dashboard.domain.events.editing import editor_start

    e = create_event(session, STEERING, form(title_cy="Cyfarfod", description_cy="Sgwrs",
                                             location_cy="Caerdydd", location="Cardiff",
                                             topic="generative-ai"), NOW)
    assert (e.title_cy, e.description_cy, e.location_cy, e.topic) == (
        "Cyfarfod", "Sgwrs", "Caerdydd", "generative-ai")
    created = session.exec(select(AuditEntry)).one()
    assert created.after["title_cy"] == "Cyfarfod"
    update_event(session, STEERING, e.id, form(title_cy=" "), NOW)
    assert e.title_cy is None and e.topic is None  # empty Welsh: shown in English
    with pytest.raises(InvalidInput) as raised:
        create_event(session, STEERING, form(topic="astrology"), NOW)
    assert raised.value.msgid == "Topic: choose one from the list."
    # An imported topic not on the list stays, and the editor offers it.
    imported = f.event(session, f.utc(2026, 12, 1, 14))
    imported.topic = "Imported topic"
    session.flush()
    start = editor_start(session, STEERING, imported.id)
    assert start.form.topic == "Imported topic" and start.topics[-1] == "Imported topic"
    update_event(session, STEERING, imported.id, form(topic="Imported topic"), NOW)
    assert imported.topic == "Imported topic"
    assert "Imported topic" not in editor_start(session, STEERING, None).topics
