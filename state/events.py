"""Events: the calendar (month and list views), one event, one series, 'My events', and the
steering group's editor. Each handler checks who is asking through the domain and keeps only
what one page shows."""

from __future__ import annotations

import calendar as pycalendar
from datetime import date, timedelta
from urllib.parse import urlencode

import reflex as rx
from babel.dates import format_date, format_time

from dashboard import routes
from dashboard.domain.auth import has_role
from dashboard.domain.clock import BABEL_LOCALES, london_today, to_local, utc_now
from dashboard.domain.errors import DomainError
from dashboard.domain.events.calendar_import import import_calendar
from dashboard.domain.events.detail import event_detail, series_stats, when_text
from dashboard.domain.events.editing import (
    EventForm,
    cancel_event,
    create_event,
    form_for,
    update_event,
)
from dashboard.domain.events.feed import google_link, outlook_link
from dashboard.domain.events.listing import EventRow, list_events
from dashboard.domain.events.occurrences import filter_options, month_occurrences, next_occurrence
from dashboard.domain.events.registration import cancel_registration, my_events, register
from dashboard.models import Event, Role, Series
from state.base import AppState


def backend_url() -> str:
    """Where the backend serves the .ics feeds."""
    from reflex.config import get_config

    return get_config().api_url.rstrip("/")


def _when(starts_at, ends_at, all_day: bool, tz: str) -> dict[str, str]:
    return {"when_en": when_text(starts_at, ends_at, all_day, tz, "en"),
            "when_cy": when_text(starts_at, ends_at, all_day, tz, "cy")}


def _row(e: EventRow) -> dict[str, str]:
    return {
        "id": str(e.id),
        "anchor": f"event-{e.id}",
        "href": f"{routes.EVENTS}/{e.id}",
        "title": e.title,
        **_when(e.starts_at, e.ends_at, e.all_day, e.timezone),
        "where": e.location or "",
        "online": "1" if e.online_url and not e.location else "",
        "status": e.status,
        "recurring": "1" if e.rrule else "",
        "series_en": e.series_en or "",
        "series_cy": e.series_cy or "",
        "attendance": f"{e.attendance:,}",
        "views": "" if e.views is None else f"{e.views:,}",
    }


def _month_key(value: str | None, today: date) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in (value or "").split("-", 1))
        if 1 <= month <= 12 and 1900 < year < 3000:
            return year, month
    except ValueError:
        pass
    return today.year, today.month


class EventsState(AppState):
    view: str = "list"
    month: str = ""
    month_title_en: str = ""
    month_title_cy: str = ""
    prev_href: str = ""
    next_href: str = ""
    today_href: str = ""
    list_href: str = ""
    month_href: str = ""
    # The month grid: weeks of seven days; each day {date, day, in_month, today, label_en/cy}.
    weeks: list[list[dict[str, str]]] = []
    # The month's occurrences: {date, href, title, time, status}.
    month_items: list[dict[str, str]] = []
    series_filter: str = ""
    topic_filter: str = ""
    series_options: list[dict[str, str]] = []
    topic_options: list[str] = []
    calendar_url: str = ""
    series_feed_url: str = ""
    upcoming: list[dict[str, str]] = []
    upcoming_page: int = 1
    upcoming_pages: int = 1
    upcoming_total: int = 0
    past: list[dict[str, str]] = []
    past_page: int = 1
    past_pages: int = 1
    past_total: int = 0

    def _href(self, **changes: str) -> str:
        params = {"view": self.view, "month": self.month, "series": self.series_filter,
                  "topic": self.topic_filter}
        params.update(changes)
        params = {k: v for k, v in params.items() if v}
        return routes.EVENTS + ("?" + urlencode(params) if params else "")

    @rx.event
    def load(self):
        query = self.router.url.query_parameters
        now = utc_now()
        today = london_today(now)
        year, month = _month_key(query.get("month"), today)
        self.view = "month" if query.get("view") == "month" else "list"
        self.month = f"{year:04d}-{month:02d}"
        with rx.session() as session:
            series, topics = filter_options(session)
        slugs = {s.slug: s for s in series}
        self.series_filter = query.get("series", "") if query.get("series") in slugs else ""
        self.topic_filter = query.get("topic", "") if query.get("topic") in topics else ""
        self.series_options = [{"slug": s.slug, "en": s.title_en, "cy": s.title_cy}
                               for s in series]
        self.topic_options = topics
        base = backend_url()
        self.calendar_url = f"{base}/calendar.ics"
        self.series_feed_url = (f"{base}/series/{self.series_filter}.ics"
                                if self.series_filter else "")
        previous = date(year, month, 1) - timedelta(days=1)
        following = date(year, month, 28) + timedelta(days=5)
        self.prev_href = self._href(view="month", month=f"{previous.year:04d}-{previous.month:02d}")
        self.next_href = self._href(view="month",
                                    month=f"{following.year:04d}-{following.month:02d}")
        self.today_href = self._href(view="month", month=f"{today.year:04d}-{today.month:02d}")
        self.list_href = self._href(view="list")
        self.month_href = self._href(view="month")
        series_id = slugs[self.series_filter].id if self.series_filter else None
        if self.view == "month":
            self._load_month(year, month, today, series_id)
        else:
            self._load(True, series_id)
            self._load(False, series_id)

    def _load_month(self, year: int, month: int, today: date, series_id: int | None):
        first = date(year, month, 1)
        self.month_title_en = format_date(first, format="LLLL yyyy", locale="en_GB")
        self.month_title_cy = format_date(first, format="LLLL yyyy", locale="cy")
        with rx.session() as session:
            found = month_occurrences(session, year, month, series_id, self.topic_filter or None)
        self.month_items = [
            {"date": to_local(o.starts_at, o.timezone).date().isoformat(),
             "href": f"{routes.EVENTS}/{o.event_id}", "title": o.title,
             "time": "" if o.all_day else format_time(to_local(o.starts_at, o.timezone),
                                                       format="HH:mm", locale="en_GB"),
             "status": o.status,
             **_when(o.starts_at, o.ends_at, o.all_day, o.timezone)}
            for o in found
        ]
        busy = {item["date"] for item in self.month_items}
        focus = today if (today.year, today.month) == (year, month) else first
        weeks = []
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            weeks.append([{
                "date": day.isoformat(), "day": str(day.day),
                "in_month": "1" if day.month == month else "",
                "today": "1" if day == today else "",
                "tab": "1" if day == focus else "",
                "busy": "1" if day.isoformat() in busy else "",
                "label_en": format_date(day, format="full", locale=BABEL_LOCALES["en"]),
                "label_cy": format_date(day, format="full", locale=BABEL_LOCALES["cy"]),
            } for day in week])
        self.weeks = weeks

    def _series_id(self) -> int | None:
        if not self.series_filter:
            return None
        with rx.session() as session:
            from sqlmodel import select

            return session.exec(select(Series.id).where(Series.slug == self.series_filter)
                                ).first()

    def _load(self, upcoming: bool, series_id: int | None = None):
        with rx.session() as session:
            page = self.upcoming_page if upcoming else self.past_page
            result = list_events(session, utc_now(), upcoming, page, series_id=series_id,
                                 topic=self.topic_filter or None)
        rows = [_row(e) for e in result.rows]
        if upcoming:
            self.upcoming, self.upcoming_page = rows, result.page
            self.upcoming_pages, self.upcoming_total = result.pages, result.total
        else:
            self.past, self.past_page = rows, result.page
            self.past_pages, self.past_total = result.pages, result.total

    @rx.event
    def set_series(self, slug: str):
        return rx.redirect(self._href(series="" if slug == "all" else slug))

    @rx.event
    def set_topic(self, topic: str):
        return rx.redirect(self._href(topic="" if topic == "all" else topic))

    @rx.event
    def upcoming_previous(self):
        self.upcoming_page -= 1
        self._load(True, self._series_id())

    @rx.event
    def upcoming_next(self):
        self.upcoming_page += 1
        self._load(True, self._series_id())

    @rx.event
    def past_previous(self):
        self.past_page -= 1
        self._load(False, self._series_id())

    @rx.event
    def past_next(self):
        self.past_page += 1
        self._load(False, self._series_id())

    @rx.event
    async def import_ics(self, files: list[rx.UploadFile]):
        """The steering group imports an .ics file (upsert by UID, all or nothing)."""
        if not files:
            self._say("Choose an .ics file to import.", error=True)
            return
        data = await files[0].read()
        result = self._change(lambda session, actor: import_calendar(
            session, actor, data, utc_now(), source_name="Calendar uploads (.ics)"))
        if result is not None:
            self._say("Imported: {added} added, {updated} updated, {unchanged} unchanged.",
                      added=result.added, updated=result.updated, unchanged=result.unchanged)
            self._load(True, self._series_id())
            self._load(False, self._series_id())


class EventState(AppState):
    """One event: /events/[event_id]."""

    found: bool = False
    # The event shown (from the route's [event_id]); handlers act on this one.
    current_id: int = 0
    event: dict[str, str] = {}
    views: list[dict[str, str]] = []
    my_status: str = ""
    signed_in_member: bool = False
    # The attendance file being imported (kept on the server only) and its preview.
    _att_data: bytes = b""
    att_file: str = ""
    att_columns: list[str] = []
    att_email_col: str = ""
    att_attended_col: str = ""
    att_mapped: bool = False
    att_accepted: int = 0
    att_rejected: list[dict[str, str]] = []
    att_rejected_total: int = 0

    @rx.event
    def load(self):
        # The last part of /events/<id> (router.page, with its params, is deprecated).
        raw = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        self.current_id = int(raw) if raw.isdigit() else 0
        self._refresh()

    def _refresh(self):
        self.found = False
        if not self.current_id:
            return
        with rx.session() as session:
            actor = self._actor(session)
            try:
                detail = event_detail(session, self.current_id, actor.member_id)
            except DomainError:
                return
            self.signed_in_member = has_role(actor, Role.MEMBER) and actor.member_id is not None
        e = detail.event
        coming = next_occurrence(e, utc_now())
        base = backend_url()
        self.found = True
        self.my_status = detail.my_status or ""
        self.event = {
            "id": str(e.id), "title": e.title, "description": e.description or "",
            **_when(e.starts_at, e.ends_at, e.all_day, e.timezone),
            "location": e.location or "", "online_url": e.online_url or "",
            "registration_url": e.registration_url or "", "speakers": e.speakers or "",
            "topic": e.topic or "", "status": e.status,
            "recurring": "1" if e.rrule else "",
            "series_en": detail.series.title_en if detail.series else "",
            "series_cy": detail.series.title_cy if detail.series else "",
            "series_href": f"/series/{detail.series.slug}" if detail.series else "",
            "capacity": f"{e.capacity:,}" if e.capacity else "",
            "registered": f"{detail.registered:,}", "waitlisted": f"{detail.waitlisted:,}",
            "attended": f"{detail.attended:,}", "full": "1" if detail.is_full else "",
            "past": "" if coming else "1",
            "next_en": when_text(coming, coming + (e.ends_at - e.starts_at), e.all_day,
                                 e.timezone, "en") if coming and e.rrule else "",
            "next_cy": when_text(coming, coming + (e.ends_at - e.starts_at), e.all_day,
                                 e.timezone, "cy") if coming and e.rrule else "",
            "recording_url": e.recording_url or "",
            "views": "" if detail.latest_views is None else f"{detail.latest_views:,}",
            "ics_url": f"{base}/calendar/event-{e.id}.ics",
            "google_url": google_link(e), "outlook_url": outlook_link(e),
            "edit_href": f"{routes.EVENT_EDITOR}?id={e.id}",
        }
        self.views = [{"en": format_date(to_local(v.read_at).date(), "d MMM yyyy", locale="en_GB"),
                       "cy": format_date(to_local(v.read_at).date(), "d MMM yyyy", locale="cy"),
                       "views": f"{v.view_count:,}", "count": str(v.view_count)}
                      for v in detail.views]

    @rx.event
    def register_me(self):
        status = self._change(lambda s, actor: register(s, actor, self.current_id, utc_now()))
        if status == "waitlisted":
            self._say("You are on the waiting list.")
        elif status is not None:
            self._say("You are registered.")
        self._refresh()

    @rx.event
    def cancel_me(self):
        done = self._change(lambda s, actor: cancel_registration(s, actor, self.current_id,
                                                                 utc_now()) or True)
        if done:
            self._say("Your registration is cancelled.")
        self._refresh()

    # --- attendance import (steering group): upload, map columns, preview, import ---------

    def _preview(self):
        from dashboard.domain.events.attendance_import import preview

        self.att_rejected, self.att_accepted = [], 0
        try:
            checked = preview(self._att_data, self.att_file, self.att_email_col or None,
                              self.att_attended_col if self.att_mapped else None)
        except DomainError as error:
            self._say(error.msgid, error=True, **error.params)
            return
        self.att_columns = checked.columns
        self.att_email_col = checked.email_column or ""
        self.att_attended_col = checked.attended_column or ""
        self.att_mapped = True
        self.att_accepted = checked.accepted
        self.att_rejected = [
            {"row": str(n), **{f"reason_{lang}": text
                               for lang, text in self._in_both(msgid, **params).items()}}
            for n, msgid, params in checked.rejected[:20]
        ]
        self.att_rejected_total = len(checked.rejected)

    @rx.event
    async def upload_attendance(self, files: list[rx.UploadFile]):
        if not self._has_role(Role.STEERING):
            self._say("You do not have permission to do that.", error=True)
            return
        if not files:
            self._say("Choose a CSV or Excel file.", error=True)
            return
        self._att_data = await files[0].read()
        self.att_file = files[0].name or "attendance.csv"
        self.att_email_col = self.att_attended_col = ""
        self.att_mapped = False
        self._preview()

    @rx.event
    def set_att_email(self, column: str):
        self.att_email_col = column
        self._preview()

    @rx.event
    def set_att_attended(self, column: str):
        self.att_attended_col = "" if column == "none" else column
        self._preview()

    @rx.event
    def import_attendance(self):
        from dashboard.domain.events.attendance_import import import_attendance

        result = self._change(lambda s, actor: import_attendance(
            s, actor, self.current_id, self._att_data, self.att_file, utc_now(),
            email_column=self.att_email_col or None,
            attended_column=self.att_attended_col or None))
        if result is not None:
            self._say("Attendance imported: {added} added, {updated} updated, {unchanged} "
                      "unchanged; {members} members and {anonymous} others.",
                      added=result.added, updated=result.updated, unchanged=result.unchanged,
                      members=result.members, anonymous=result.anonymous)
            self._att_data, self.att_file, self.att_columns = b"", "", []
            self.att_mapped = False
            self._refresh()

    @rx.event
    def cancel_event(self):
        done = self._change(lambda s, actor: cancel_event(s, actor, self.current_id, utc_now()))
        if done is not None:
            self._say("The event is cancelled. It stays in the calendar, marked as cancelled.")
        self._refresh()


class SeriesState(AppState):
    """One series: /series/[slug]."""

    found: bool = False
    title_en: str = ""
    title_cy: str = ""
    description_en: str = ""
    description_cy: str = ""
    rows: list[dict[str, str]] = []
    attendance: str = "0"
    views: str = "0"
    feed_url: str = ""

    @rx.var
    def slug_param(self) -> str:
        # The last part of /series/<slug> (router.page, with its params, is deprecated).
        return self.router.url.path.rstrip("/").rsplit("/", 1)[-1]

    @rx.event
    def load(self):
        self.found = False
        with rx.session() as session:
            try:
                stats = series_stats(session, self.slug_param)
            except DomainError:
                return
        self.found = True
        s = stats.series
        self.title_en, self.title_cy = s.title_en, s.title_cy
        self.description_en, self.description_cy = s.description_en or "", s.description_cy or ""
        self.rows = [{"href": f"{routes.EVENTS}/{r.id}", "title": r.title, "status": r.status,
                      **_when(r.starts_at, r.ends_at, False, r.timezone),
                      "attendance": f"{r.attendance:,}",
                      "views": "" if r.views is None else f"{r.views:,}"} for r in stats.events]
        self.attendance, self.views = f"{stats.attendance:,}", f"{stats.views:,}"
        self.feed_url = f"{backend_url()}/series/{s.slug}.ics"


class MyEventsState(AppState):
    """'My events': the signed-in member's registrations."""

    rows: list[dict[str, str]] = []

    @rx.event
    def load(self):
        with rx.session() as session:
            actor = self._actor(session)
            if not has_role(actor, Role.MEMBER):
                self.rows = []
                return
            mine = my_events(session, actor, utc_now())
        self.rows = [{"href": f"{routes.EVENTS}/{m.id}", "title": m.title,
                      **_when(m.starts_at, m.ends_at, False, m.timezone),
                      "status": m.status, "event_status": m.event_status} for m in mine[:100]]


FORM_FIELDS = ("title", "description", "topic", "day", "start", "end", "location", "online_url",
               "registration_url", "speakers", "capacity", "repeat", "count", "except_days",
               "recording_url")


class EventEditorState(AppState):
    """The steering group's form: /events/editor (new) or /events/editor?id=N (edit)."""

    editing_id: str = ""
    values: dict[str, str] = {}
    series_id: str = ""
    series_options: list[dict[str, str]] = []
    allowed: bool = False

    @rx.event
    def load(self):
        self.editing_id = ""
        self.values = {name: "" for name in FORM_FIELDS}
        self.series_id = ""
        with rx.session() as session:
            self.allowed = has_role(self._actor(session), Role.STEERING)
            from sqlmodel import select

            self.series_options = [{"id": str(s.id), "en": s.title_en, "cy": s.title_cy}
                                   for s in session.exec(select(Series).order_by(Series.title_en))]
            raw = self.router.url.query_parameters.get("id", "")
            if raw.isdigit():
                event = session.get(Event, int(raw))
                if event is not None:
                    form = form_for(event)
                    self.editing_id = raw
                    self.values = {name: str(getattr(form, name)) for name in FORM_FIELDS}
                    self.series_id = str(event.series_id or "")

    @rx.event
    def set_series_id(self, value: str):
        self.series_id = "" if value == "none" else value

    @rx.event
    def set_repeat(self, value: str):
        self.values = {**self.values, "repeat": "" if value == "none" else value}

    @rx.event
    def save(self, data: dict):
        values = {name: str(data.get(name, self.values.get(name, ""))) for name in FORM_FIELDS}
        values["repeat"] = self.values.get("repeat", "")
        self.values = values
        form = EventForm(series_id=int(self.series_id) if self.series_id.isdigit() else None,
                         **values)
        now = utc_now()
        if self.editing_id:
            event_id = int(self.editing_id)
            saved = self._change(lambda s, actor: update_event(s, actor, event_id, form, now).id)
        else:
            saved = self._change(lambda s, actor: create_event(s, actor, form, now).id)
        if saved is not None:
            return rx.redirect(f"{routes.EVENTS}/{saved}")
        return None
