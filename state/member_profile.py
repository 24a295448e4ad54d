"""A member's profile: who they are and their events, for signed-in members; the member
themselves or the steering group edit it or record that they left; the steering group erases
a member's personal data."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from dashboard.domain.accounts.invitations import make_sign_in_link
from dashboard.domain.clock import format_when, utc_now
from dashboard.domain.membership.lifecycle import (
    ProfileChanges,
    erase_member,
    leave_community,
    update_profile,
)
from dashboard.domain.membership.profiles import Profile, ProfileEvent, profile_page
from dashboard.domain.versions import StaleVersion
from state.account_links import LinkSharing
from state.base import AppState, site_url
from state.rows import Bilingual, day, each_language


@dataclass(frozen=True)
class MemberProfile:
    id: int = 0
    name: str = ""
    organisation: Bilingual = Bilingual()
    job: str = ""
    role: str = ""  # a community role code
    status: str = ""
    level: str = ""  # an engagement level code
    language: str = ""
    interests: str = ""
    email: str = ""  # empty unless the steering group or an admin is reading
    joined: Bilingual = Bilingual()
    registered: int = 0
    attended: int = 0


@dataclass(frozen=True)
class ProfileEventItem:
    title: str
    when: Bilingual
    attended: bool


def member_profile_item(p: Profile) -> MemberProfile:
    return MemberProfile(
        id=p.id, name=p.full_name, organisation=Bilingual(p.organisation_en, p.organisation_cy),
        job=p.job_title, role=p.community_role, status=p.status, level=p.level,
        language=p.language, interests=p.interests, email=p.email, joined=day(p.joined_on),
        registered=p.events_registered, attended=p.events_attended)


def profile_event_item(e: ProfileEvent) -> ProfileEventItem:
    return ProfileEventItem(
        title=e.title, attended=e.attended,
        when=each_language(lambda lang: format_when(e.starts_at, None, lang, e.timezone)))


class MemberProfileState(LinkSharing, AppState):
    found: bool = False
    member_id: int = 0
    version: int = 0  # the member's as shown: a save from an older one is refused
    profile: MemberProfile = MemberProfile()
    events: list[ProfileEventItem] = []
    can_edit: bool = False
    editing: bool = False
    confirm_erase: bool = False
    confirm_leave: bool = False

    @rx.event
    def load(self):
        self.editing = self.confirm_erase = self.confirm_leave = False
        self._show(self._url_part())  # the id in /members/<id>

    def _show(self, raw_id: str) -> None:
        """Read the profile again; a visitor, or an id with no member to show, gets the
        page's problem instead."""
        self.found, self.profile, self.events, self.can_edit = False, MemberProfile(), [], False
        self.member_id = 0
        page = self._read(lambda session, actor: profile_page(session, actor, raw_id, utc_now()))
        if page is None:
            return
        self.found, self.member_id, self.can_edit = True, page.profile.id, page.can_edit
        self.version = page.profile.version
        self.profile = member_profile_item(page.profile)
        self.events = [profile_event_item(e) for e in page.profile.events]

    @rx.event
    async def make_link(self):
        """The steering group: a new link for this member to set a password (mailed, or
        shown to copy), e.g. when they lost their invitation or no mail server is set up."""
        member_id = self.member_id
        decision = self._change(lambda session, actor: make_sign_in_link(
            session, actor, member_id, utc_now(), site_url()))
        if decision is not None:
            await self._share(decision)

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
            self._show(str(member_id))
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
        member_id, version = self.member_id, self.version
        # Refused when someone saved since this page was shown: the form stays open with
        # what was typed, and the notice shows both versions.
        def update(session, actor):
            try:
                return update_profile(session, actor, member_id, changes, utc_now(), version).id
            except StaleVersion as stale:
                self.version = stale.theirs  # saving again, having seen theirs, goes over it
                raise

        done = self._change(update)
        if done is not None:
            self._show(str(member_id))
            self.editing = False
            self._say("The profile was saved.")

    @rx.event
    def erase(self):
        member_id = self.member_id
        done = self._change(lambda session, actor: erase_member(session, actor, member_id,
                                                                utc_now()).id)
        self.confirm_erase = False
        if done is not None:
            self.found, self.profile, self.events = False, MemberProfile(), []
            self.problem_text = {}
            self._say("The member's personal data was erased. Their anonymous attendance "
                      "still counts.")
