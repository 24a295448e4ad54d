"""Eventbrite API v3: an event's attendees (``GET /events/{id}/attendees/``), every page
followed by its continuation token, with the organiser's private token. Plain records out.

The base URL is configurable (EVENTBRITE_API_BASE_URL) so tests can point it at a local
server; the token is sent as a bearer header, never in the URL, so it is in no log.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from dashboard.connectors.fetch import FetchFailed, fetch, host_of

DEFAULT_BASE_URL = "https://www.eventbriteapi.com/v3"
MAX_PAGES = 200  # 50 attendees a page: 10,000 attendees
MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Attendee:
    email: str
    attended: bool  # checked in
    cancelled: bool


def base_url() -> str:
    return os.environ.get("EVENTBRITE_API_BASE_URL", DEFAULT_BASE_URL).rstrip("/")


def fetch_attendees(event_id: str, token: str, url: str | None = None) -> list[Attendee]:
    endpoint = f"{url or base_url()}/events/{event_id}/attendees/"
    attendees: list[Attendee] = []
    continuation = None
    for _page in range(MAX_PAGES):
        params = {"continuation": continuation} if continuation else None
        got = fetch(endpoint, params=params, headers={"Authorization": f"Bearer {token}"},
                    max_bytes=MAX_BYTES, expect_html=True)
        if got.status in (401, 403):
            raise FetchFailed("Eventbrite refused the token (HTTP {status}): check the "
                              "source's private token.", status=got.status)
        if got.status != 200:
            raise FetchFailed("The source at {host} answered with HTTP {status}.",
                              host=host_of(endpoint), status=got.status)
        try:
            page = json.loads(got.body)
            for item in page.get("attendees", []):
                profile = item.get("profile") or {}
                attendees.append(Attendee(email=str(profile.get("email") or ""),
                                          attended=bool(item.get("checked_in")),
                                          cancelled=bool(item.get("cancelled"))))
            pagination = page.get("pagination") or {}
        except (ValueError, AttributeError, TypeError) as error:
            raise FetchFailed("Eventbrite's answer could not be read ({reason}).",
                              reason=type(error).__name__) from error
        if not pagination.get("has_more_items"):
            return attendees
        continuation = pagination.get("continuation")
        if not continuation:
            raise FetchFailed("Eventbrite said there were more attendees but gave no "
                              "continuation token.")
    raise FetchFailed("Eventbrite had more than {n} pages of attendees.", n=MAX_PAGES)
