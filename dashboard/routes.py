"""Every route in one place."""

OVERVIEW = "/"
MEMBERS = "/members"
# membership routes
EVENTS = "/events"
# events routes
MATURITY = "/maturity"
# maturity routes
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
