"""Calendar feeds served by the backend: subscribe to /calendar.ics or /series/<slug>.ics;
/calendar/event-<id>.ics is one event for 'Add to calendar'. Each in Welsh with ?lang=cy
(routes.WELSH_FEED): the events' Welsh text where they have it, and the series' Welsh names."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from dashboard import routes as paths

ICS = "text/calendar; charset=utf-8"


def _frontend_url() -> str:
    from reflex.config import get_config

    return get_config().deploy_url or ""


def _language(request: Request) -> str:
    return "cy" if request.query_params.get(paths.FEED_LANGUAGE) == "cy" else "en"


def _respond(build, filename: str, inline: bool = True) -> Response:
    from reflex.model import get_engine
    from sqlmodel import Session

    from dashboard.domain.clock import utc_now
    from dashboard.domain.errors import NotFound

    try:
        with Session(get_engine()) as session:
            body = build(session, utc_now(), _frontend_url())
    except NotFound as error:
        return PlainTextResponse(str(error), status_code=404)
    disposition = "inline" if inline else "attachment"
    return Response(body, media_type=ICS, headers={
        "Content-Disposition": f'{disposition}; filename="{filename}"',
        "Cache-Control": "public, max-age=300",
    })


async def calendar_ics(request: Request) -> Response:
    from dashboard.domain.events.feed import calendar_feed

    lang = _language(request)
    return _respond(lambda s, now, url: calendar_feed(s, now, url, lang), "cymuned.ics")


async def series_ics(request: Request) -> Response:
    from dashboard.domain.events.feed import series_feed
    from dashboard.domain.query_text import clean_query_text

    slug, lang = clean_query_text(request.path_params["slug"]), _language(request)
    return _respond(lambda s, now, url: series_feed(s, slug, now, url, lang), f"{slug}.ics")


async def event_ics(request: Request) -> Response:
    from dashboard.domain.events.feed import event_feed

    event_id, lang = request.path_params["event_id"], _language(request)
    return _respond(lambda s, now, url: event_feed(s, event_id, now, url, lang),
                    f"event-{event_id}.ics", inline=False)


routes = [
    Route(paths.CALENDAR_FEED, calendar_ics),
    Route(paths.SERIES_FEED, series_ics),
    Route(paths.EVENT_FEED, event_ics),
]
