"""The Reflex app: every page registered here, from the routes in dashboard/routes.py."""

import reflex as rx

from dashboard import models  # noqa: F401  (registers the tables for migrations)
from dashboard import routes
from dashboard.api import build_api
from dashboard.i18n import translate
from dashboard.pages.actions import actions
from dashboard.pages.events import events
from dashboard.pages.event_pages import event_editor, event_page, my_events_page, series_page
from dashboard.pages.maturity import maturity
from dashboard.pages.maturity import assess as maturity_assess
from dashboard.pages.maturity import body_report as maturity_body_report
from dashboard.pages.maturity import review as maturity_review
from dashboard.pages.join import join
from dashboard.pages.member_import import member_import
from dashboard.pages.member_profile import member_profile
from dashboard.pages.members import members
from dashboard.pages.overview import overview
from dashboard.pages.sign_in import sign_in
from dashboard.pages.sources import sources
from state.actions import ActionsState
from state.base import AppState
from state.events import (
    EventEditorState,
    EventsState,
    EventState,
    MyEventsState,
    SeriesState,
)
from state.maturity import AssessState, BodyMaturityState, MaturityState, ReviewState
from state.join import JoinState
from state.member_import import MemberImportState
from state.members import MemberProfileState, MembersState
from state.overview import OverviewState
from state.sources import SourcesState

app = rx.App(
    api_transformer=build_api(),
    stylesheets=["/cymuned.css"],
    html_lang="en",
    head_components=[rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
                     rx.el.meta(name="description",
                                content="Cymuned: the Welsh public sector's automation and AI "
                                        "community of practice")],
)

# (route, page function, title msgid, on_load handler or None). Feature pages are added
# under their feature's marker.
PAGES = [
    (routes.OVERVIEW, overview, "Overview", OverviewState.load),
    (routes.MEMBERS, members, "Members", MembersState.load),
    # membership pages
    (routes.MEMBER_PROFILE, member_profile, "Member profile", MemberProfileState.load),
    (routes.JOIN, join, "Join the community", JoinState.load),
    (routes.MEMBER_IMPORT, member_import, "Import members", MemberImportState.load),
    (routes.EVENTS, events, "Events", EventsState.load),
    # events pages
    (routes.MY_EVENTS, my_events_page, "My events", MyEventsState.load),
    (routes.EVENT_EDITOR, event_editor, "Event editor", EventEditorState.load),
    (routes.EVENT, event_page, "Event", EventState.load),
    (routes.SERIES, series_page, "Series", SeriesState.load),
    (routes.MATURITY, maturity, "Maturity", MaturityState.load),
    # maturity pages
    (routes.MATURITY_BODY, maturity_body_report, "Body maturity report", BodyMaturityState.load),
    (routes.MATURITY_ASSESS, maturity_assess, "Self-assessment", AssessState.load),
    (routes.MATURITY_REVIEW, maturity_review, "Review assessments", ReviewState.load),
    (routes.ACTIONS, actions, "Actions", ActionsState.load),
    (routes.SOURCES, sources, "Data sources", SourcesState.load),
    (routes.SIGN_IN, sign_in, "Sign in", None),
]

for route, component, title, load in PAGES:
    app.add_page(
        component,
        route=route,
        # Both languages: the document title is fixed when the page is built.
        title=f"{title} | {translate(title, 'cy')} · Cymuned",
        on_load=[AppState.load_session] + ([load] if load else []),
    )
