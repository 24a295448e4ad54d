"""Display names for stored codes (types of body, regions, statuses), in both languages."""

from __future__ import annotations

import reflex as rx

from components.i18n import t

BODY_TYPES = {
    "local_authority": "Local authority",
    "health_board": "Health board",
    "nhs_trust": "NHS trust",
    "special_health_authority": "Special health authority",
    "fire_and_rescue": "Fire and rescue",
    "police": "Police",
    "national_park": "National park",
    "welsh_government": "Welsh Government",
    "sponsored_body": "Sponsored body",
    "other": "Other",
}
REGIONS = {
    "north": "North Wales",
    "mid": "Mid Wales",
    "south_west": "South West Wales",
    "south_east": "South East Wales",
    "all_wales": "All Wales",
}
COMMUNITY_ROLES = {
    "member": "Member",
    "steering": "Steering group",
    "chair": "Chair",
    "observer": "Observer",
}
ACTION_STATUSES = {
    "open": "Open",
    "in_progress": "In progress",
    "done": "Done",
    "cancelled": "Cancelled",
}
EVENT_STATUSES = {
    "confirmed": "Confirmed",
    "tentative": "Tentative",
    "cancelled": "Cancelled",
}
SYNC_STATUSES = {
    "running": "Running",
    "succeeded": "Succeeded",
    "failed": "Failed",
}
SOURCE_KINDS = {
    "ics": "Calendar feed",
    "youtube": "YouTube Data API",
    "registrations": "Registration export",
    "survey": "Survey export",
}


def label(value: rx.Var, names: dict[str, str]) -> rx.Component | rx.Var:
    """The display name of a stored code, or the code itself if it is unknown."""
    return rx.match(value, *[(code, t(name)) for code, name in names.items()], value)
