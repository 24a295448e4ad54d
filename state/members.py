"""Members page: the public bodies, the member directory (one page of rows, filters in the
URL), the steering group's join-request queue, and a member's profile."""

from __future__ import annotations

import json
from dataclasses import replace
from urllib.parse import urlencode

import reflex as rx
from babel.dates import format_date

from dashboard import routes
from dashboard.domain.auth import has_role
from dashboard.domain.clock import BABEL_LOCALES, format_day, format_when, utc_now
from dashboard.domain.errors import DomainError
from dashboard.domain.membership.bodies import BodyQuery, bodies_with_members, registry_bodies
from dashboard.domain.membership.directory import DirectoryQuery, search_members
from dashboard.domain.membership.engagement import EngagementRule, engagement_rule
from dashboard.domain.membership.figures import (
    DEFAULT_PERIOD,
    GROWTH_PERIODS,
    cohort_retention,
    coverage_by,
    growth_by_month,
)
from dashboard.domain.membership.joining import decide_join, join_requests
from dashboard.domain.membership.lifecycle import (
    ProfileChanges,
    can_edit,
    erase_member,
    leave_community,
    retention_days,
    retention_review,
    update_profile,
)
from dashboard.domain.membership.profiles import member_profile
from dashboard.domain.overview import body_coverage
from dashboard.i18n import translate
from dashboard.models import Role
from state.base import AppState

FILTERS = ("org", "type", "region", "role", "level", "language")
GROWTH_PERIODS_TEXT = tuple(str(months) for months in GROWTH_PERIODS)


class MembersState(AppState):
    bodies: list[dict[str, str]] = []
    bodies_page: int = 1
    bodies_pages: int = 1
    bodies_total: int = 0
    # The bodies list's filters (in the URL as btype, bregion, outreach); with
    # ``unrepresented_only`` it is the outreach list.
    unrepresented_only: bool = False
    body_filters: dict[str, str] = {"btype": "", "bregion": ""}
    represented: int = 0
    registry_total: int = 0
    # The directory: one page of rows; the query it shows mirrors the URL.
    members: list[dict[str, str]] = []
    members_page: int = 1
    members_pages: int = 1
    members_total: int = 0
    search: str = ""
    filters: dict[str, str] = {name: "" for name in FILTERS}
    sort: str = "name"
    descending: bool = False
    # The current filters as a query string, for the export links.
    query_string: str = ""
    # The signed-in person's own profile, when their account is linked to a member.
    my_profile: str = ""
    body_options: list[dict[str, str]] = []
    rule: dict[str, int] = {}
    # Figures (aggregates only): coverage for everyone, growth and cohorts for members.
    coverage_types: list[dict[str, str]] = []
    coverage_regions: list[dict[str, str]] = []
    coverage_chart: list[dict[str, str | int]] = []
    growth: list[dict[str, str]] = []
    growth_chart: list[dict[str, str | int]] = []
    cohorts: list[dict[str, str]] = []
    growth_months: str = str(DEFAULT_PERIOD)
    # The steering group's queue of join requests.
    requests: list[dict[str, str]] = []
    requests_page: int = 1
    requests_pages: int = 1
    requests_total: int = 0
    # The steering group's retention review: members inactive for longer than the period.
    review: list[dict[str, str]] = []
    review_page: int = 1
    review_pages: int = 1
    review_total: int = 0
    review_days: int = 0

    @rx.var
    def filtered(self) -> bool:
        return bool(self.search) or any(self.filters.values())

    @rx.event
    def load(self):
        params = self.router.url.query_parameters
        self._show_bodies(BodyQuery.from_params(params))
        months = params.get("months", "")
        self.growth_months = months if months in GROWTH_PERIODS_TEXT else str(DEFAULT_PERIOD)
        self._load_bodies()
        self._load_coverage()
        self._load_growth()
        query = DirectoryQuery.from_params(params)
        self._show(query)
        self._load_members(query)
        self._load_requests()
        self._load_review()

    @rx.var
    def bodies_query_string(self) -> str:
        """The bodies list's filters as a query string, for its download links."""
        return urlencode(self._body_query().to_params())

    def _body_query(self) -> BodyQuery:
        return BodyQuery(body_type=self.body_filters["btype"], region=self.body_filters["bregion"],
                         outreach=self.unrepresented_only)

    def _show_bodies(self, query: BodyQuery):
        self.body_filters = {"btype": query.body_type, "bregion": query.region}
        self.unrepresented_only = query.outreach

    def _load_bodies(self):
        with rx.session() as session:
            result = bodies_with_members(session, self.bodies_page, self._body_query())
            coverage = body_coverage(session)
        self.represented, self.registry_total = coverage.represented, coverage.total
        self.bodies = [
            {"name_en": b.name_en, "name_cy": b.name_cy, "type": b.body_type, "region": b.region,
             "members": str(b.members)}
            for b in result.rows
        ]
        self.bodies_page, self.bodies_pages, self.bodies_total = result.page, result.pages, result.total

    def _load_coverage(self):
        from dashboard.vocabulary import BODY_TYPES, REGIONS

        def named(rows, names):
            return [
                {"key": r.key, "label_en": names.get(r.key, r.key),
                 "label_cy": translate(names.get(r.key, r.key), "cy"),
                 "represented": str(r.represented), "total": str(r.total),
                 "missing": str(r.total - r.represented), "percent": str(r.percent)}
                for r in rows
            ]

        with rx.session() as session:
            types = coverage_by(session, "body_type")
            regions = coverage_by(session, "region")
        self.coverage_types = named(types, BODY_TYPES)
        self.coverage_regions = named(regions, REGIONS)
        self.coverage_chart = [
            {"label_en": row["label_en"], "label_cy": row["label_cy"], "percent": r.percent}
            for row, r in zip(self.coverage_types, types)
        ]

    def _load_growth(self):
        """Growth and cohorts over the chosen period: for members only."""
        now = utc_now()
        with rx.session() as session:
            signed_in = has_role(self._actor(session), Role.MEMBER)
            months = int(self.growth_months)
            growth = growth_by_month(session, now, months) if signed_in else []
            cohorts = cohort_retention(session, now, months) if signed_in else []

        def month(day, lang):
            return format_date(day, "MMM yyyy", locale=BABEL_LOCALES[lang])

        self.growth = [
            {"month_en": month(g.month, "en"), "month_cy": month(g.month, "cy"),
             "joiners": str(g.joiners), "leavers": str(g.leavers), "net": f"{g.net:+d}",
             "members": str(g.members), "active": str(g.active)}
            for g in growth
        ]
        self.growth_chart = [
            {"month_en": month(g.month, "en"), "month_cy": month(g.month, "cy"),
             "joiners": g.joiners, "leavers": g.leavers, "active": g.active}
            for g in growth
        ]
        self.cohorts = [
            {"month_en": month(c.month, "en"), "month_cy": month(c.month, "cy"),
             "joined": str(c.joined), "members": str(c.still_members),
             "active": str(c.still_active), "retention": f"{c.retention}%" if c.joined else "–"}
            for c in cohorts
        ]

    # --- the directory ----------------------------------------------------------------------

    def _query(self) -> DirectoryQuery:
        params = {name: value for name, value in self.filters.items() if value}
        params.update(q=self.search, sort=self.sort, dir="desc" if self.descending else "",
                      page=str(self.members_page))
        return DirectoryQuery.from_params(params)

    def _show(self, query: DirectoryQuery):
        params = query.to_params()
        self.search = query.search
        self.filters = {name: params.get(name, "") for name in FILTERS}
        self.sort, self.descending, self.members_page = query.sort, query.descending, query.page
        self.query_string = urlencode({k: v for k, v in params.items() if k != "page"})

    def _load_members(self, query: DirectoryQuery):
        # Names are for signed-in members only; visitors see counts per body.
        with rx.session() as session:
            actor = self._actor(session)
            if not has_role(actor, Role.MEMBER):
                self.members, self.members_total, self.members_pages = [], 0, 1
                return
            now = utc_now()
            rule = engagement_rule(session)
            result = search_members(session, actor, query, now, rule=rule)
            self.my_profile = f"{routes.MEMBERS}/{actor.member_id}" if actor.member_id else ""
            if not self.body_options:
                self.body_options = [{"id": str(b.id), "en": b.name_en, "cy": b.name_cy}
                                     for b in registry_bodies(session)]
        self.rule = {name: getattr(rule, name) for name in EngagementRule.SETTINGS}
        self.members = [
            {"id": str(m.id), "href": f"{routes.MEMBERS}/{m.id}", "name": m.full_name,
             "org_en": m.organisation_en, "org_cy": m.organisation_cy, "job": m.job_title,
             "role": m.community_role, "level": m.level, "language": m.language, "email": m.email,
             "joined_en": format_day(m.joined_on, "en"), "joined_cy": format_day(m.joined_on, "cy")}
            for m in result.rows
        ]
        self.members_page, self.members_pages, self.members_total = result.page, result.pages, result.total

    def _apply(self, query: DirectoryQuery):
        """Show ``query`` and put it in the address bar, so the view can be shared."""
        self._load_members(query)
        self._show(query.with_changes(page=self.members_page))
        return self._replace_url()

    def _replace_url(self, anchor: str = ""):
        """The address bar shows every view setting on the page: the directory's search and
        filters, the bodies list's filters and the growth period."""
        params = {**self._query().to_params(), **self._body_query().to_params()}
        if self.growth_months != str(DEFAULT_PERIOD):
            params["months"] = self.growth_months
        url = routes.MEMBERS + ("?" + urlencode(params) if params else "")
        script = f"window.history.replaceState(null, '', {json.dumps(url)})"
        if anchor:  # move the keyboard focus there too, not only the view
            script += (f"; const target = document.getElementById({json.dumps(anchor)});"
                       " if (target) { target.setAttribute('tabindex', '-1');"
                       " target.focus({preventScroll: true});"
                       " target.scrollIntoView({block: 'start'}); }")
        return rx.call_script(script)

    @rx.event
    def search_submit(self, form: dict):
        return self._apply(self._query().with_changes(search=str(form.get("q", "")).strip()[:100],
                                                      page=1))

    @rx.event
    def set_filter(self, name: str, value: str):
        if name not in FILTERS:
            return None
        self.filters = {**self.filters, name: value}
        self.members_page = 1
        return self._apply(self._query())

    @rx.event
    def clear_filters(self):
        return self._apply(DirectoryQuery(sort=self.sort, descending=self.descending))

    @rx.event
    def sort_by(self, column: str):
        query = self._query()
        descending = not query.descending if query.sort == column else False
        return self._apply(query.with_changes(sort=column, descending=descending, page=1))

    @rx.event
    def members_previous(self):
        return self._apply(self._query().with_changes(page=max(1, self.members_page - 1)))

    @rx.event
    def members_next(self):
        return self._apply(self._query().with_changes(page=self.members_page + 1))

    # --- bodies -----------------------------------------------------------------------------

    def _apply_bodies(self, query: BodyQuery, anchor: str = ""):
        self._show_bodies(query)
        self.bodies_page = 1
        self._load_bodies()
        return self._replace_url(anchor)

    @rx.event
    def toggle_unrepresented(self, value: bool):
        return self._apply_bodies(replace(self._body_query(), outreach=bool(value)))

    @rx.event
    def set_body_filter(self, name: str, value: str):
        if name not in self.body_filters:
            return None
        params = {**self._body_query().to_params(), name: str(value)}
        return self._apply_bodies(BodyQuery.from_params(params))

    @rx.event
    def show_outreach(self, name: str, value: str):
        """From a coverage table: the bodies of one type (or in one region) with no member."""
        if name not in self.body_filters:
            return None
        query = BodyQuery.from_params({name: str(value), "outreach": "1"})
        return self._apply_bodies(query, anchor="bodies")

    @rx.event
    def set_growth_months(self, value: str):
        if value not in GROWTH_PERIODS_TEXT:
            return None
        self.growth_months = value
        self._load_growth()
        return self._replace_url()

    @rx.event
    def bodies_previous(self):
        self.bodies_page -= 1
        self._load_bodies()

    @rx.event
    def bodies_next(self):
        self.bodies_page += 1
        self._load_bodies()

    # --- join requests ----------------------------------------------------------------------

    def _load_requests(self):
        with rx.session() as session:
            actor = self._actor(session)
            if not has_role(actor, Role.STEERING):
                self.requests, self.requests_total, self.requests_pages = [], 0, 1
                return
            result = join_requests(session, actor, self.requests_page)
        self.requests = [
            {"id": str(r.id), "name": r.full_name, "email": r.email, "org_en": r.organisation_en,
             "org_cy": r.organisation_cy, "job": r.job_title, "language": r.language,
             "requested_en": format_day(r.requested_at.date(), "en"),
             "requested_cy": format_day(r.requested_at.date(), "cy")}
            for r in result.rows
        ]
        self.requests_page, self.requests_pages, self.requests_total = (
            result.page, result.pages, result.total)

    @rx.event
    def decide(self, member_id: str, approve: bool):
        if not str(member_id).isdigit():
            return
        name = self._change(lambda session, actor: decide_join(
            session, actor, int(member_id), approve, utc_now()).full_name)
        if name is not None:
            if approve:
                self._say("{name} is now a member.", name=name)
            else:
                self._say("The request from {name} was declined.", name=name)
            self._load_requests()
            self._load_bodies()
            self._load_members(self._query())

    def _load_review(self):
        with rx.session() as session:
            actor = self._actor(session)
            if not has_role(actor, Role.STEERING):
                self.review, self.review_total, self.review_pages = [], 0, 1
                return
            result = retention_review(session, actor, utc_now(), self.review_page)
            self.review_days = retention_days(session)
        self.review = [
            {"id": str(r.id), "href": f"{routes.MEMBERS}/{r.id}", "name": r.full_name,
             "seen_en": format_day(r.last_seen, "en"), "seen_cy": format_day(r.last_seen, "cy")}
            for r in result.rows
        ]
        self.review_page, self.review_pages, self.review_total = result.page, result.pages, result.total

    @rx.event
    def review_previous(self):
        self.review_page -= 1
        self._load_review()

    @rx.event
    def review_next(self):
        self.review_page += 1
        self._load_review()

    @rx.event
    def requests_previous(self):
        self.requests_page -= 1
        self._load_requests()

    @rx.event
    def requests_next(self):
        self.requests_page += 1
        self._load_requests()


class MemberProfileState(AppState):
    found: bool = False
    member_id: int = 0
    profile: dict[str, str] = {}
    events: list[dict[str, str]] = []
    can_edit: bool = False
    editing: bool = False
    confirm_erase: bool = False
    confirm_leave: bool = False

    @rx.event
    def ask_to_leave(self, value: bool):
        self.confirm_leave = value

    @rx.event
    def leave(self):
        member_id = self.member_id
        done = self._change(lambda session, actor: leave_community(session, actor, member_id,
                                                                   utc_now()).id)
        self.confirm_leave = False
        if done is not None:
            self._show(member_id)
            self._say("Recorded as having left the community today.")

    @rx.event
    def start_editing(self):
        self.editing = True

    @rx.event
    def stop_editing(self):
        self.editing = False

    @rx.event
    def ask_to_erase(self, value: bool):
        self.confirm_erase = value

    @rx.event
    def save(self, form: dict):
        role = str(form.get("community_role", "")) or None
        changes = ProfileChanges(
            full_name=str(form.get("full_name", "")), job_title=str(form.get("job_title", "")),
            interests=str(form.get("interests", "")), language=str(form.get("language", "en")),
            community_role=role)
        member_id = self.member_id
        done = self._change(lambda session, actor: update_profile(
            session, actor, member_id, changes, utc_now()).id)
        if done is not None:
            self._show(member_id)
            self.editing = False
            self._say("The profile was saved.")

    @rx.event
    def erase(self):
        member_id = self.member_id
        done = self._change(lambda session, actor: erase_member(session, actor, member_id,
                                                                utc_now()).id)
        self.confirm_erase = False
        if done is not None:
            self.found, self.profile, self.events = False, {}, []
            self.problem_text = {}
            self._say("The member's personal data was erased. Their anonymous attendance "
                      "still counts.")

    @rx.event
    def load(self):
        # The last part of /members/<id> (read from the URL: router.page is deprecated).
        raw = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        self.editing = self.confirm_erase = self.confirm_leave = False
        self._show(int(raw) if raw.isdigit() else 0)

    def _show(self, member_id: int):
        self.found, self.profile, self.events, self.problem_text = False, {}, [], {}
        self.member_id, self.can_edit = member_id, False
        with rx.session() as session:
            actor = self._actor(session)
            if not actor.signed_in:
                self.problem_text = self._in_both(
                    "Members' profiles are shown to signed-in members only.")
                return
            try:
                if not member_id:
                    raise DomainError("There is no member with that number.")
                p = member_profile(session, actor, member_id, utc_now())
            except DomainError as error:
                self.problem_text = self._in_both(error.msgid, **error.params)
                return
            self.can_edit = can_edit(actor, member_id)
        self.found = True
        self.profile = {
            "name": p.full_name, "org_en": p.organisation_en, "org_cy": p.organisation_cy,
            "job": p.job_title, "role": p.community_role, "status": p.status, "level": p.level,
            "language": p.language, "interests": p.interests, "email": p.email,
            "id": str(p.id),
            "joined_en": format_day(p.joined_on, "en"), "joined_cy": format_day(p.joined_on, "cy"),
            "registered": str(p.events_registered), "attended": str(p.events_attended),
        }
        self.events = [
            {"title": e.title, "when_en": format_when(e.starts_at, None, "en", e.timezone),
             "when_cy": format_when(e.starts_at, None, "cy", e.timezone),
             "attended": "1" if e.attended else ""}
            for e in p.events
        ]
