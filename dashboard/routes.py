"""Every route in one place."""

OVERVIEW = "/"
MEMBERS = "/members"
# membership routes
MEMBER_PROFILE = "/members/[member_id]"
MEMBER_IMPORT = "/members/import"
JOIN = "/join"
EVENTS = "/events"
# events routes
EVENT = "/events/[event_id]"
MY_EVENTS = "/events/mine"
EVENT_EDITOR = "/events/editor"
SERIES = "/series/[slug]"
MATURITY = "/maturity"
# maturity routes
MATURITY_BODY = "/maturity/body/[slug]"
MATURITY_ASSESS = "/maturity/assess"
MATURITY_REVIEW = "/maturity/review"
ACTIONS = "/actions"
# steering routes
ACTION = "/actions/[action_id]"  # "new" for a new action
DECISIONS = "/decisions"
MEETINGS = "/meetings"
MEETING = "/meetings/[meeting_id]"
PROGRESS = "/progress"
SOURCES = "/sources"
SIGN_IN = "/sign-in"
# invitations routes: accounts, and the public-sector statements every footer links to
INVITATION = "/invitation/[link_token]"
FORGOT_PASSWORD = "/forgot-password"
RESET_PASSWORD = "/reset-password/[link_token]"
ACCESSIBILITY = "/accessibility"
PRIVACY = "/privacy"

# (route, English label) in navigation order; labels are msgids for t().
NAVIGATION = (
    (OVERVIEW, "Overview"),
    (MEMBERS, "Members"),
    (EVENTS, "Events"),
    (MATURITY, "Maturity"),
    (ACTIONS, "Actions"),
    (MEETINGS, "Meetings"),
    (PROGRESS, "Progress"),
    (SOURCES, "Data sources"),
)

# The backend's own routes (dashboard/endpoints/), in Starlette's path syntax, and the links
# that reach them. The frontend's pages link to these through the backend's URL.
HEALTH = "/healthz"
READY = "/readyz"
METRICS = "/metrics"
CALENDAR_FEED = "/calendar.ics"
SERIES_FEED = "/series/{slug:str}.ics"
EVENT_FEED = "/calendar/event-{event_id:int}.ics"
# Any of the three feeds in Welsh: its address followed by WELSH_FEED (FEED_LANGUAGE=cy).
FEED_LANGUAGE = "lang"
WELSH_FEED = "?lang=cy"
WELSH_CALENDAR_FEED = CALENDAR_FEED + WELSH_FEED
MATURITY_AGGREGATES_JSON = "/api/maturity/aggregates.json"
MATURITY_AGGREGATES_CSV = "/api/maturity/aggregates.csv"
MEMBER_EXPORT = "/api/members/export.{fmt:str}"
BODIES_EXPORT = "/api/members/bodies.{fmt:str}"
# Signing in and out (dashboard/endpoints/signing_in.py, organisation_sign_in.py): the
# browser posts to these and is sent back to a page, with the HttpOnly cookie set or cleared.
SIGN_IN_FORM = "/auth/sign-in"
SIGN_OUT = "/auth/sign-out"
SIGN_OUT_EVERYWHERE = "/auth/sign-out-everywhere"
DEMO_SIGN_IN = "/auth/demo"
ORGANISATION_SIGN_IN = "/auth/organisation"
ORGANISATION_CALLBACK = "/auth/organisation/callback"
MEETING_PACK = "/api/steering/meetings/{meeting_id:int}/{document:str}.pdf"


def event_page(event_id: int) -> str:
    return f"/events/{event_id}"


def series_page(slug: str) -> str:
    return f"/series/{slug}"


def invitation_page(token: str) -> str:
    return f"/invitation/{token}"


def reset_password_page(token: str) -> str:
    return f"/reset-password/{token}"


def member_page(member_id: int) -> str:
    return f"/members/{member_id}"


def maturity_body_page(slug: str) -> str:
    return f"/maturity/body/{slug}"


def series_feed(slug: str) -> str:
    return f"/series/{slug}.ics"


def event_feed(event_id: int) -> str:
    return f"/calendar/event-{event_id}.ics"


def member_export(fmt: str) -> str:
    """fmt: "csv" or "xlsx"; the directory's query string follows."""
    return f"/api/members/export.{fmt}"


def bodies_export(fmt: str) -> str:
    return f"/api/members/bodies.{fmt}"


def action_page(action_id: int | str) -> str:
    return f"/actions/{action_id}"


def meeting_page(meeting_id: int) -> str:
    return f"/meetings/{meeting_id}"


def meeting_pdf(meeting_id: int, document: str) -> str:
    """document: "pack" (agenda, action log extract, last minutes) or "minutes"."""
    return f"/api/steering/meetings/{meeting_id}/{document}.pdf"
