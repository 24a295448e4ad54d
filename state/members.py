"""Members page: one small state per concern. ``MembersState``: sector coverage (public),
growth and cohorts (members); ``BodiesState``: the public bodies and the outreach list;
``DirectoryState``: the member directory; ``JoinRequestsState`` and ``RetentionReviewState``:
the steering group's lists. The view settings of the directory, the bodies list and the
growth period are kept in the address bar, so a view can be shared."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from urllib.parse import urlencode

import reflex as rx

from dashboard import routes
from dashboard.domain.accounts.invitations import decide_join_request
from dashboard.domain.auth import has_role
from dashboard.domain.clock import london_today, utc_now
from dashboard.domain.membership import figures
from dashboard.domain.membership.bodies import (
    BodyQuery,
    bodies_with_members,
    registry_body,
)
from dashboard.domain.membership.directory import DirectoryQuery, directory_total, search_members
from dashboard.domain.membership.engagement import EngagementRule, engagement_rule
from dashboard.domain.membership.joining import join_requests
from dashboard.domain.membership.lifecycle import retention_days, retention_review
from dashboard.domain.overview import body_coverage
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page
from dashboard.models import Role
from state.account_links import LinkSharing
from state.base import AppState, show_address, site_url
from state.body_picker import BodyChoice, BodyPicker
from state.live import shared_cache
from state.membership_figures import (
    CohortItem,
    CoverageItem,
    MonthItem,
    coverage_figures,
    growth_figures,
)
from state.membership_rows import BodyItem, MemberItem, RequestItem, ReviewItem, member_item
from state.paged_list import PagedList
from state.rows import Bilingual, day

GROWTH_PERIODS = figures.GROWTH_PERIODS  # the growth periods the page offers, in months
DEFAULT_PERIOD = figures.DEFAULT_PERIOD
PERIODS_TEXT = tuple(str(months) for months in GROWTH_PERIODS)
FILTERS = ("org", "type", "region", "role", "level", "language")
BODY_FILTERS = ("btype", "bregion")


def _nothing(page: int) -> Page:  # for someone a list is not for (the page hides it)
    return Page([], 0, max(1, page), DEFAULT_PAGE_SIZE)


def _show_view_in_address_bar(state: rx.State, anchor: str = "", then: str = ""):
    """Put every view setting of the page in the address bar, so the view can be shared;
    with ``anchor``, move the view and the keyboard focus to that element too; ``then``:
    more of the page's script to run.

    ``state``'s own settings come from it, the other parts' from the address the browser
    sent with this event (which has every replaceState so far): reading their states would
    fetch and write them back on every change of a filter."""
    current = state.router.url.query_parameters
    directory = (state._query() if isinstance(state, DirectoryState)
                 else DirectoryQuery.from_params(current))
    bodies = state._query() if isinstance(state, BodiesState) else BodyQuery.from_params(current)
    params = {**directory.to_params(), **bodies.to_params()}
    months = (str(state.months) if isinstance(state, MembersState)
              else current.get("months", ""))
    if months in PERIODS_TEXT and months != str(DEFAULT_PERIOD):
        params["months"] = months
    url = routes.MEMBERS + ("?" + urlencode(params) if params else "")
    script = ""
    if anchor:
        script = (f"const target = document.getElementById({json.dumps(anchor)});"
                  " if (target) { target.setAttribute('tabindex', '-1');"
                  " target.focus({preventScroll: true});"
                  " target.scrollIntoView({block: 'start'}); }")
    return show_address(url, then="; ".join(part for part in (script, then) if part))


# --- coverage and growth ----------------------------------------------------------------------


class MembersState(AppState):
    """Sector coverage for everyone; growth and cohorts over the chosen period for members.
    Aggregates, the same for every reader: computed once per data version and shared by
    every client (``shared_cache``), and loaded after the lists, so the page shows its
    first screen first (``loaded`` says when the figures have come, so nothing shows zeros
    that look like data meanwhile)."""

    coverage_types: list[CoverageItem] = []
    coverage_regions: list[CoverageItem] = []
    growth: list[MonthItem] = []
    cohorts: list[CohortItem] = []
    months: int = DEFAULT_PERIOD
    loaded: bool = False

    @rx.event
    async def load(self):
        months = self.router.url.query_parameters.get("months", "")
        self.months = int(months) if months in PERIODS_TEXT else DEFAULT_PERIOD
        # Off the event loop: when the cache is cold the figures take a few hundred
        # milliseconds, which would hold up every other client of this worker meanwhile.
        self.coverage_types, self.coverage_regions = await asyncio.to_thread(
            shared_cache, "members-coverage", coverage_figures)
        await self._load_growth()
        self.loaded = True

    async def _load_growth(self) -> None:
        if not self._has_role(Role.MEMBER):  # checked in the database, as every read is
            self.growth, self.cohorts = [], []
            return
        months = self.months
        self.growth, self.cohorts = await asyncio.to_thread(
            shared_cache, f"members-growth-{months}", lambda: growth_figures(months))

    @rx.event
    async def set_growth_months(self, value: str):
        if value not in PERIODS_TEXT:
            return None
        self.months = int(value)
        await self._load_growth()
        return _show_view_in_address_bar(self)


# --- the public bodies and the outreach list --------------------------------------------------


def _body_coverage():
    with rx.session() as session:
        return body_coverage(session)


class BodiesState(PagedList, AppState):
    """The registry's bodies, most members first; with ``outreach`` only those with none."""

    rows: list[BodyItem] = []
    body_type: str = ""
    region: str = ""
    outreach: bool = False
    represented: int = 0  # bodies with at least one member, of all in the registry
    registry_total: int = 0

    @rx.var
    def query_string(self) -> str:
        """The filters as a query string, for the list's download links."""
        return urlencode(self._query().to_params())

    def _query(self) -> BodyQuery:
        return BodyQuery(body_type=self.body_type, region=self.region, outreach=self.outreach)

    def _fetch_page(self, page: int) -> Page[BodyItem]:
        with rx.session() as session:
            result = bodies_with_members(session, page, self._query())
        rows = [BodyItem(Bilingual(b.name_en, b.name_cy), b.body_type, b.region, b.members)
                for b in result.rows]
        return Page(rows, result.total, result.page, result.page_size)

    def _refresh(self) -> None:
        coverage = shared_cache("members-body-coverage", _body_coverage)
        self.represented, self.registry_total = coverage.represented, coverage.total
        self.show_page(self.page)

    @rx.event
    def load(self):
        query = BodyQuery.from_params(self.router.url.query_parameters)
        self.body_type, self.region, self.outreach = query.body_type, query.region, query.outreach
        self._refresh()

    async def _apply(self, query: BodyQuery, anchor: str = ""):
        self.body_type, self.region, self.outreach = query.body_type, query.region, query.outreach
        self.show_page(1)
        return _show_view_in_address_bar(self, anchor)

    @rx.event
    async def set_outreach(self, value: bool):
        return await self._apply(replace(self._query(), outreach=bool(value)))

    @rx.event
    async def set_filter(self, name: str, value: str):
        if name not in BODY_FILTERS:
            return None
        return await self._apply(BodyQuery.from_params({**self._query().to_params(),
                                                        name: str(value)}))

    @rx.event
    async def show_outreach(self, name: str, value: str):
        """From a coverage table: the bodies of one type (or in one region) with no member."""
        if name not in BODY_FILTERS:
            return None
        return await self._apply(BodyQuery.from_params({name: str(value), "outreach": "1"}),
                                 anchor="bodies")


# --- the directory ----------------------------------------------------------------------------


class DirectoryState(BodyPicker, PagedList, AppState):
    """The directory: names for signed-in members only (visitors see counts per body);
    emails for the steering group. The query it shows mirrors the address bar.

    The organisation filter is a body picker (``components.combobox``): the state holds the
    chosen body's names and the few bodies that match what is typed, never the registry's
    2,000 (which the state manager would read and write on every event)."""

    rows: list[MemberItem] = []
    search: str = ""
    filters: dict[str, str] = {name: "" for name in FILTERS}
    sort: str = "name"
    descending: bool = False
    query_string: str = ""  # the search and filters, for the export links
    my_profile: str = ""  # the reader's own profile, when their account is linked to one
    rule: EngagementRule = EngagementRule()  # its numbers, for its explanation on the page
    _total_for: str | None = None  # the query (without its page) that ``total`` counts

    @rx.var
    def filtered(self) -> bool:
        return bool(self.search) or any(self.filters.values())

    def _query(self) -> DirectoryQuery:
        params = {name: value for name, value in self.filters.items() if value}
        params.update(q=self.search, sort=self.sort, dir="desc" if self.descending else "",
                      page=str(self.page))
        return DirectoryQuery.from_params(params)

    def _show(self, query: DirectoryQuery) -> None:
        params = query.to_params()
        self.search = query.search
        self.filters = {name: params.get(name, "") for name in FILTERS}
        self.sort, self.descending, self.page = query.sort, query.descending, query.page
        self.query_string = urlencode({k: v for k, v in params.items() if k != "page"})
        if not query.organisation:
            self._show_body(None)

    def _fetch_page(self, page: int) -> Page[MemberItem]:
        query, rule, now = self._query().with_changes(page=page), self.rule, utc_now()
        # Read once per page load, not on every event: the rule (shown on the page) and the
        # count of a query whose page alone changes. A query's count is kept per data
        # version and shared (``shared_cache``): the same for every reader, except that the
        # steering group's searches read emails too. So turning a filter back and forth
        # does not count 100,000 members each time, nor a search its 15,000 matches.
        counted = self.total if self._total_for == self.query_string else None

        def fetch(session, actor):
            total = counted
            if total is None:
                reader = "steering" if query.search and has_role(actor, Role.STEERING) else ""
                key = (f"{urlencode(query.with_changes(page=1).to_params())}|{rule}|"
                       f"{london_today(now)}|{reader}")
                total = shared_cache("directory-count", lambda: directory_total(
                    session, actor, query, now, rule=rule), variant=key)
            return search_members(session, actor, query, now, rule=rule, known_total=total)

        # Names are for signed-in members only.
        result = self._read(fetch) if self.signed_in else None
        if result is None:
            return _nothing(page)
        self._total_for = self.query_string
        rows = [member_item(m) for m in result.rows]
        return Page(rows, result.total, result.page, result.page_size)

    @rx.event
    def load(self):
        query = DirectoryQuery.from_params(self.router.url.query_parameters)
        self._total_for = None  # a page load counts again
        self._show(query)
        with rx.session() as session:
            actor = self._actor(session)
            member = has_role(actor, Role.MEMBER)
            if member:
                self.rule = engagement_rule(session)
                self._show_body(registry_body(session, query.organisation))
        own = actor.member_id if member else None
        self.my_profile = routes.member_page(own) if own else ""
        self.show_page(self.page)

    async def _body_chosen(self, chosen: BodyChoice | None):
        """The organisation filter's body picker (``BodyPicker``) chose a body, or none."""
        self.filters = {**self.filters, "org": str(chosen.id) if chosen else ""}
        return await self._apply(self._query().with_changes(page=1))

    async def _apply(self, query: DirectoryQuery):
        """Show ``query`` and put it in the address bar, so the view can be shared (and the
        picker's box the chosen body, which may have changed)."""
        self._show(query)
        self.show_page(query.page)
        return _show_view_in_address_bar(self, then=self._show_chosen())

    @rx.event
    async def search_submit(self, form: dict):
        search = str(form.get("q", "")).strip()[:100]
        return await self._apply(self._query().with_changes(search=search, page=1))

    @rx.event
    async def set_filter(self, name: str, value: str):
        if name not in FILTERS:
            return None
        self.filters = {**self.filters, name: value}
        return await self._apply(self._query().with_changes(page=1))

    @rx.event
    async def clear_filters(self):
        return await self._apply(DirectoryQuery(sort=self.sort, descending=self.descending))

    @rx.event
    async def sort_by(self, column: str):
        query = self._query()
        descending = not query.descending if query.sort == column else False
        return await self._apply(query.with_changes(sort=column, descending=descending, page=1))

    @rx.event
    async def previous_page(self):
        return await self._apply(self._query().with_changes(page=max(1, self.page - 1)))

    @rx.event
    async def next_page(self):
        return await self._apply(self._query().with_changes(page=self.page + 1))


# --- the steering group's lists ---------------------------------------------------------------


class JoinRequestsState(LinkSharing, PagedList, AppState):
    """The steering group's queue of requests to join, oldest first."""

    rows: list[RequestItem] = []

    def _fetch_page(self, page: int) -> Page[RequestItem]:
        # For the steering group only (the domain checks the role; can_steer saves the trip).
        result = (self._read(lambda session, actor: join_requests(session, actor, page))
                  if self.can_steer else None)
        if result is None:
            return _nothing(page)
        rows = [RequestItem(r.id, r.full_name, r.email,
                            Bilingual(r.organisation_en, r.organisation_cy), r.job_title,
                            r.language, day(r.requested_at.date())) for r in result.rows]
        return Page(rows, result.total, result.page, result.page_size)

    @rx.event
    def load(self):
        self.show_page(self.page)

    @rx.event
    async def decide(self, member_id: int, approve: bool):
        """Approve (and invite: by email, or a link shown to copy) or decline."""
        if not str(member_id).isdigit():
            return
        decision = self._change(lambda session, actor: decide_join_request(
            session, actor, int(member_id), approve, utc_now(), site_url()))
        if decision is not None:
            await self._share(decision)
            self.show_page(self.page)
        # The new member counts in the bodies list and is in the directory at once.
            (await self.get_state(BodiesState))._refresh()
            directory = await self.get_state(DirectoryState)
            directory._total_for = None  # one more member: count again
            directory.show_page(directory.page)


class RetentionReviewState(PagedList, AppState):
    """The steering group's retention review: members inactive for longer than ``days``."""

    rows: list[ReviewItem] = []
    days: int = 0

    def _fetch_page(self, page: int) -> Page[ReviewItem]:
        found = (self._read(lambda session, actor: (
            retention_review(session, actor, utc_now(), page), retention_days(session)))
            if self.can_steer else None)  # as for the join requests
        if found is None:
            return _nothing(page)
        result, self.days = found
        rows = [ReviewItem(r.id, routes.member_page(r.id), r.full_name, day(r.last_seen))
                for r in result.rows]
        return Page(rows, result.total, result.page, result.page_size)

    @rx.event
    def load(self):
        self.show_page(self.page)
