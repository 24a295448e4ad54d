"""Display names for stored codes, beside the enums they name: English msgids, translated
by ``dashboard.i18n`` (server) or ``components.i18n.t`` (browser).

Plain Python, no Reflex, so endpoints, state and the domain can use the same names as the
pages. A test checks that every enum value has a name here.
"""

from __future__ import annotations

from dashboard.models import (
    ActionStatus,
    AgendaOutcome,
    AgendaSource,
    BodyType,
    CommunityRole,
    DecisionStatus,
    EventStatus,
    RagRating,
    Region,
    SourceKind,
    SyncStatus,
)

BODY_TYPES: dict[str, str] = {
    BodyType.LOCAL_AUTHORITY.value: "Local authority",
    BodyType.HEALTH_BOARD.value: "Health board",
    BodyType.NHS_TRUST.value: "NHS trust",
    BodyType.SPECIAL_HEALTH_AUTHORITY.value: "Special health authority",
    BodyType.FIRE_AND_RESCUE.value: "Fire and rescue",
    BodyType.POLICE.value: "Police",
    BodyType.NATIONAL_PARK.value: "National park",
    BodyType.WELSH_GOVERNMENT.value: "Welsh Government",
    BodyType.SPONSORED_BODY.value: "Sponsored body",
    BodyType.OTHER.value: "Other",
}
REGIONS: dict[str, str] = {
    Region.NORTH.value: "North Wales",
    Region.MID.value: "Mid Wales",
    Region.SOUTH_WEST.value: "South West Wales",
    Region.SOUTH_EAST.value: "South East Wales",
    Region.ALL_WALES.value: "All Wales",
}
COMMUNITY_ROLES: dict[str, str] = {
    CommunityRole.MEMBER.value: "Member",
    CommunityRole.STEERING.value: "Steering group",
    CommunityRole.CHAIR.value: "Chair",
    CommunityRole.OBSERVER.value: "Observer",
}
ACTION_STATUSES: dict[str, str] = {
    ActionStatus.OPEN.value: "Not started",
    ActionStatus.IN_PROGRESS.value: "In progress",
    ActionStatus.BLOCKED.value: "Blocked",
    ActionStatus.DONE.value: "Done",
    ActionStatus.CANCELLED.value: "Dropped",
}
# RAG: the colour is never alone; the page shows the name and a shape as well.
RAG_RATINGS: dict[str, str] = {
    RagRating.GREEN.value: "Green: on track",
    RagRating.AMBER.value: "Amber: at risk",
    RagRating.RED.value: "Red: off track",
}
DECISION_STATUSES: dict[str, str] = {
    DecisionStatus.ACTIVE.value: "Active",
    DecisionStatus.SUPERSEDED.value: "Superseded",
    DecisionStatus.REVERSED.value: "Reversed",
}
AGENDA_SOURCES: dict[str, str] = {
    AgendaSource.OVERDUE.value: "Overdue action",
    AgendaSource.BLOCKED.value: "Blocked action",
    AgendaSource.DUE.value: "Due before the next meeting",
    AgendaSource.REVIEW.value: "Decision due for review",
    AgendaSource.CARRIED.value: "Carried over",
    AgendaSource.ADDED.value: "Added by the chair",
}
AGENDA_OUTCOMES: dict[str, str] = {
    AgendaOutcome.OPEN.value: "Not yet discussed",
    AgendaOutcome.DONE.value: "Discussed",
    AgendaOutcome.CARRIED.value: "Carried to the next meeting",
}
EVENT_STATUSES: dict[str, str] = {
    EventStatus.CONFIRMED.value: "Confirmed",
    EventStatus.TENTATIVE.value: "Tentative",
    EventStatus.CANCELLED.value: "Cancelled",
}
# Event topics (Event.topic): a fixed list the event editor offers. Events imported with a
# topic not on it keep it, shown as it is.
EVENT_TOPICS: dict[str, str] = {
    "ai-basics": "AI basics",
    "generative-ai": "Generative AI",
    "responsible-ai": "Responsible AI",
    "bias": "Bias and fairness",
    "equality": "Equality",
    "automation": "Automation",
    "data": "Data",
    "procurement": "Procurement",
    "skills": "Skills and training",
}
SYNC_STATUSES: dict[str, str] = {
    SyncStatus.RUNNING.value: "Running",
    SyncStatus.SUCCEEDED.value: "Succeeded",
    SyncStatus.FAILED.value: "Failed",
}
SOURCE_KINDS: dict[str, str] = {
    SourceKind.ICS.value: "Calendar feed",
    SourceKind.YOUTUBE.value: "YouTube Data API",
    SourceKind.REGISTRATIONS.value: "Registration export",
    SourceKind.SURVEY.value: "Survey export",
    SourceKind.EVENTBRITE.value: "Eventbrite attendees",
    SourceKind.SPREADSHEET.value: "Spreadsheet at a web address",
}
# Engagement levels (dashboard.domain.membership.engagement.Level) and preferred languages.
ENGAGEMENT_LEVELS: dict[str, str] = {
    "new": "New",
    "occasional": "Occasional",
    "active": "Active",
    "leading": "Leading",
    "inactive": "Inactive",
}
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "cy": "Welsh",
}
