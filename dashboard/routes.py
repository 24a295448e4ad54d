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
SOURCES = "/sources"
SIGN_IN = "/sign-in"

# (route, English label) in navigation order; labels are msgids for t().
NAVIGATION = (
    (OVERVIEW, "Overview"),
    (MEMBERS, "Members"),
    (EVENTS, "Events"),
    (MATURITY, "Maturity"),
    (ACTIONS, "Actions"),
    (SOURCES, "Data sources"),
)
