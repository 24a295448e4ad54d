"""The calendar feeds as the backend serves them (Starlette test client, test database)."""

from __future__ import annotations

import icalendar
from sqlmodel import Session

from dashboard.endpoints.events import routes
from tests import factories as f
from tests.http import client as http_client


def client():
    return http_client(routes)


def test_calendar_series_and_event_feeds(db):
    with Session(db) as session:
        webinars = f.series(session, "webinars")
        e = f.event(session, f.utc(2026, 12, 1, 14), webinars, title="Webinar")
        f.event(session, f.utc(2026, 12, 2, 14), title="Other")
        session.commit()
        event_id, uid = e.id, e.uid
    http = client()
    whole = http.get("/calendar.ics")
    assert whole.status_code == 200 and whole.headers["content-type"].startswith("text/calendar")
    assert len(icalendar.Calendar.from_ical(whole.content).walk("VEVENT")) == 2
    one_series = icalendar.Calendar.from_ical(http.get("/series/webinars.ics").content)
    assert [str(v["UID"]) for v in one_series.walk("VEVENT")] == [uid]
    single = http.get(f"/calendar/event-{event_id}.ics")
    assert "attachment" in single.headers["content-disposition"]
    assert [str(v["UID"]) for v in icalendar.Calendar.from_ical(single.content).walk("VEVENT")] \
        == [uid]
    assert http.get("/series/nope.ics").status_code == 404
    assert http.get("/calendar/event-999999.ics").status_code == 404


def test_each_feed_in_welsh(db):
    from dashboard import routes as paths

    with Session(db) as session:
        webinars = f.series(session, "webinars")
        e = f.event(session, f.utc(2026, 12, 1, 14), webinars, title="Webinar")
        e.title_cy = "Gweminar"
        session.commit()
        event_id = e.id
    http = client()
    for address in (paths.WELSH_CALENDAR_FEED, "/series/webinars.ics" + paths.WELSH_FEED,
                    f"/calendar/event-{event_id}.ics" + paths.WELSH_FEED):
        (item,) = icalendar.Calendar.from_ical(http.get(address).content).walk("VEVENT")
        assert (str(item["SUMMARY"]), item["CATEGORIES"].cats) == ("Gweminar",
                                                                    ["webinars (cy)"])
    (item,) = icalendar.Calendar.from_ical(http.get("/calendar.ics").content).walk("VEVENT")
    assert (str(item["SUMMARY"]), item["CATEGORIES"].cats) == ("Webinar", ["Webinars"])
