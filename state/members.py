"""Members page: the public bodies and their members, one page at a time."""

from __future__ import annotations

import reflex as rx

from dashboard.domain.clock import format_day
from dashboard.domain.membership import active_members, bodies_with_members
from dashboard.domain.overview import body_coverage
from state.base import AppState


class MembersState(AppState):
    bodies: list[dict[str, str]] = []
    bodies_page: int = 1
    bodies_pages: int = 1
    bodies_total: int = 0
    unrepresented_only: bool = False
    represented: int = 0
    registry_total: int = 0
    members: list[dict[str, str]] = []
    members_page: int = 1
    members_pages: int = 1
    members_total: int = 0

    @rx.event
    def load(self):
        self._load_bodies()
        self._load_members()

    def _load_bodies(self):
        with rx.session() as session:
            result = bodies_with_members(session, self.bodies_page, self.unrepresented_only)
            coverage = body_coverage(session)
        self.represented, self.registry_total = coverage.represented, coverage.total
        self.bodies = [
            {"name_en": b.name_en, "name_cy": b.name_cy, "type": b.body_type, "region": b.region,
             "members": str(b.members)}
            for b in result.rows
        ]
        self.bodies_page, self.bodies_pages, self.bodies_total = result.page, result.pages, result.total

    def _load_members(self):
        # Names are for signed-in members only; visitors see counts per body.
        if not self.signed_in:
            self.members, self.members_total = [], 0
            return
        with rx.session() as session:
            result = active_members(session, self.members_page)
        self.members = [
            {"name": m.full_name, "org_en": m.organisation_en, "org_cy": m.organisation_cy,
             "job": m.job_title, "role": m.community_role,
             "joined_en": format_day(m.joined_on, "en"), "joined_cy": format_day(m.joined_on, "cy")}
            for m in result.rows
        ]
        self.members_page, self.members_pages, self.members_total = result.page, result.pages, result.total

    @rx.event
    def toggle_unrepresented(self, value: bool):
        self.unrepresented_only = value
        self.bodies_page = 1
        self._load_bodies()

    @rx.event
    def bodies_previous(self):
        self.bodies_page -= 1
        self._load_bodies()

    @rx.event
    def bodies_next(self):
        self.bodies_page += 1
        self._load_bodies()

    @rx.event
    def members_previous(self):
        self.members_page -= 1
        self._load_members()

    @rx.event
    def members_next(self):
        self.members_page += 1
        self._load_members()
