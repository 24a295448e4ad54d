"""Members page handlers: who sees names, emails and the steering group's lists, who may
decide join requests, and the view kept in the address bar."""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

import pytest
from sqlmodel import Session, select

from dashboard.models import AuditEntry, Member, Organisation, Role
from state.base import AppState
from state.members import (
    BodiesState,
    DirectoryState,
    JoinRequestsState,
    MembersState,
    RetentionReviewState,
)
from tests.state.helpers import run_async


@pytest.fixture(autouse=True)
def fresh_figures(monkeypatch):
    """The page's aggregates are cached per data version for 30 seconds, shared by all
    clients; each test has its own data, so its own cache."""
    import state.live

    monkeypatch.setattr(state.live, "_cache", {})


@pytest.fixture
def people(db):
    with Session(db) as session:
        org = Organisation(slug="cyngor-ceredigion", name_en="Ceredigion County Council",
                           name_cy="Cyngor Sir Ceredigion", body_type="local_authority",
                           region="mid")
        session.add(org)
        session.flush()
        active = Member(full_name="Gwenllian Ŷr", email="gwen@example.org", organisation_id=org.id,
                        joined_on=date(2025, 2, 1), last_active_on=date(2025, 2, 1))
        pending = Member(full_name="Owain Glyn", email="owain@example.org", status="pending",
                         organisation_id=org.id)
        session.add_all([active, pending])
        session.commit()
        return {"org": org.id, "active": active.id, "pending": pending.id}


def snapshot(db):
    with Session(db) as session:
        members = [(m.id, m.status, m.joined_on)
                   for m in session.exec(select(Member).order_by(Member.id))]
        return members, len(session.exec(select(AuditEntry)).all())


@dataclass
class MembersPage:
    """The page's states, in one state tree, as the browser has them."""

    figures: MembersState
    bodies: BodiesState
    directory: DirectoryState
    requests: JoinRequestsState
    review: RetentionReviewState

    def load(self, query: dict[str, str] | None = None) -> MembersPage:
        """What opening /members?<query> runs: the session, then each part's load, in the
        page's order."""
        router = type(self.figures.router)
        self.figures.router_data = {}
        self.figures.router = router(
            url=type(self.figures.router.url)(f"http://localhost/members?{urlencode(query or {})}"))
        self.figures.load_session()
        for state in (self.directory, self.bodies, self.requests, self.figures, self.review):
            loaded = state.load()
            if inspect.iscoroutine(loaded):
                run_async(loaded)
        return self


def members_page(make_state, token: str = "") -> MembersPage:
    figures = make_state(MembersState, token=token)
    others = [run_async(figures.get_state(cls)) for cls in
              (BodiesState, DirectoryState, JoinRequestsState, RetentionReviewState)]
    return MembersPage(figures, *others)


def address(event) -> str:
    """The address a handler put in the address bar (its replaceState script)."""
    script = next(arg[1]._var_value for arg in event.args if arg[0]._js_expr == "javascript_code")
    return re.search(r"replaceState\(null, '', \"([^\"]*)\"\)", script).group(1)


def test_a_visitor_sees_no_names_no_emails_and_no_requests(db, make_state, people):
    page = members_page(make_state).load()
    assert page.directory.rows == [] and page.requests.rows == [] and page.review.rows == []
    assert page.bodies.rows  # the public coverage is still there
    assert (page.bodies.represented, page.bodies.registry_total) == (1, 1)


def test_a_member_sees_names_but_no_emails(db, make_state, sign_in_as, people):
    page = members_page(make_state, token=sign_in_as(Role.MEMBER)).load()
    assert [m.name for m in page.directory.rows] == ["Gwenllian Ŷr"]
    assert all(m.email == "" for m in page.directory.rows)
    assert page.requests.rows == []
    page.load({"q": "gwen@example.org"})
    assert page.directory.rows == []


def test_the_steering_group_sees_emails_and_requests(db, make_state, sign_in_as, people):
    page = members_page(make_state, token=sign_in_as(Role.STEERING)).load({"q": "GWEN@example.org"})
    assert [m.email for m in page.directory.rows] == ["gwen@example.org"]
    assert [r.name for r in page.requests.rows] == ["Owain Glyn"]
    assert page.requests.total == 1


def test_what_the_browser_claims_shows_no_steering_lists(db, make_state, sign_in_as, people):
    page = members_page(make_state, token=sign_in_as(Role.MEMBER)).load()
    page.figures.role = Role.ADMIN.value  # not trusted: the domain checks the actor
    page.requests.load()
    page.review.load()
    assert page.requests.rows == [] and page.requests.total == 0 and page.review.rows == []


def test_filters_come_from_the_url_and_junk_is_ignored(db, make_state, sign_in_as, people):
    page = members_page(make_state, token=sign_in_as(Role.MEMBER))
    page.load({"region": "north", "sort": "nonsense", "page": "abc"})
    directory = page.directory
    assert directory.filters["region"] == "north" and directory.sort == "name"
    assert directory.rows == [] and directory.total == 0
    page.load({"region": "mid", "q": "ŷr"})
    assert [m.name for m in directory.rows] == ["Gwenllian Ŷr"]
    assert directory.query_string == "q=%C5%B7r&region=mid" and directory.filtered


def test_the_directory_pages_and_keeps_its_view_in_the_address_bar(db, make_state, sign_in_as,
                                                                   people):
    with Session(db) as session:
        session.add_all([Member(full_name=f"Aelod {n:02d}", email=f"aelod{n}@example.org",
                                organisation_id=people["org"], joined_on=date(2025, 1, 1))
                         for n in range(30)])
        session.commit()
    page = members_page(make_state, token=sign_in_as(Role.MEMBER)).load({"months": "24"})
    directory = page.directory
    assert (directory.page, directory.pages, directory.total) == (1, 2, 31)
    url = address(run_async(directory.next_page()))
    assert directory.page == 2 and len(directory.rows) == 6
    assert directory.rows[-1].name == "Gwenllian Ŷr"
    assert url == "/members?page=2&months=24"
    assert address(run_async(directory.next_page())) == url  # no page past the last
    url = address(run_async(directory.set_filter("region", "mid")))
    assert directory.page == 1 and url == "/members?region=mid&months=24"
    url = address(run_async(directory.sort_by("joined")))
    assert url == "/members?region=mid&sort=joined&months=24"
    url = address(run_async(directory.search_submit({"q": " Aelod 0 "})))
    assert url == "/members?q=Aelod+0&region=mid&sort=joined&months=24"
    assert directory.total == 10
    url = address(run_async(directory.clear_filters()))
    assert url == "/members?sort=joined&months=24" and not directory.filtered
    page.load({"page": "9"})  # past the end: the last page
    assert directory.page == 2


@pytest.mark.parametrize("role", [None, Role.MEMBER])
def test_visitor_and_member_cannot_approve_a_join(db, make_state, sign_in_as, people, role):
    token = sign_in_as(role) if role else ""
    before = snapshot(db)
    state = make_state(JoinRequestsState, token=token)
    state.role = Role.ADMIN.value  # what the browser claims is not trusted
    run_async(state.decide(people["pending"], True))
    assert snapshot(db) == before
    assert state.notice == "You do not have permission to do that."


def test_the_steering_group_approves_and_it_is_audited(db, make_state, sign_in_as, people):
    page = members_page(make_state, token=sign_in_as(Role.STEERING)).load()
    assert [m.name for m in page.directory.rows] == ["Gwenllian Ŷr"]
    run_async(page.requests.decide(people["pending"], True))
    # ...and is invited (with no mail server in the tests, the link is shown to send).
    assert page.requests.notice.startswith("Owain Glyn is now a member.")
    assert "/invitation/" in page.requests.link_url
    assert page.requests.rows == [] and page.requests.total == 0
    # The bodies list and the directory show the new member at once.
    assert [m.name for m in page.directory.rows] == ["Gwenllian Ŷr", "Owain Glyn"]
    assert page.bodies.rows[0].members == 2
    with Session(db) as session:
        assert session.get(Member, people["pending"]).status == "active"
        entries = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert [(e.action, e.actor) for e in entries] == [
            ("approve_join", f"user:{entries[0].actor_user_id}"),
            ("invite", f"user:{entries[0].actor_user_id}")]


def test_coverage_is_public_but_growth_is_for_members(db, make_state, sign_in_as, people):
    visitor = members_page(make_state).load()
    assert [(r.key, r.represented, r.total, r.missing, r.percent)
            for r in visitor.figures.coverage_regions] == [("mid", 1, 1, 0, 100)]
    assert visitor.figures.coverage_regions[0].label.cy == "Canolbarth Cymru"
    assert visitor.figures.growth == [] and visitor.figures.cohorts == []
    page = members_page(make_state, token=sign_in_as(Role.MEMBER)).load()
    member = page.figures
    assert len(member.growth) == 12 and len(member.cohorts) == 12
    page.load({"months": "24"})
    assert member.months == 24 and len(member.growth) == 24
    url = address(run_async(member.set_growth_months("36")))
    assert len(member.growth) == 36 and len(member.cohorts) == 36
    assert url == "/members?months=36"
    assert run_async(member.set_growth_months("1000")) is None  # not one of the periods
    assert member.months == 36 and len(member.growth) == 36
    assert address(run_async(member.set_growth_months("12"))) == "/members"
    page.load({"months": "junk"})
    assert member.months == 12


def test_the_outreach_list_filters_from_the_url_and_from_coverage(db, make_state, people):
    with Session(db) as session:
        session.add_all([
            Organisation(slug="heddlu-dyfed-powys", name_en="Dyfed-Powys Police",
                         name_cy="Heddlu Dyfed-Powys", body_type="police", region="mid"),
            Organisation(slug="heddlu-gogledd-cymru", name_en="North Wales Police",
                         name_cy="Heddlu Gogledd Cymru", body_type="police", region="north"),
        ])
        session.commit()
    page = members_page(make_state).load({"btype": "police", "outreach": "1", "region": "north"})
    bodies = page.bodies
    assert bodies.outreach and (bodies.body_type, bodies.region) == ("police", "")
    assert [b.name.en for b in bodies.rows] == ["Dyfed-Powys Police", "North Wales Police"]
    assert bodies.query_string == "btype=police&outreach=1"
    url = address(run_async(bodies.set_filter("bregion", "north")))
    assert [b.name.en for b in bodies.rows] == ["North Wales Police"]
    # The whole view: the directory's region filter (from the URL) stays in the address.
    assert url == "/members?region=north&btype=police&bregion=north&outreach=1"
    assert run_async(bodies.set_filter("nonsense", "x")) is None  # not a filter
    assert (bodies.body_type, bodies.region) == ("police", "north")
    run_async(bodies.set_filter("bregion", "atlantis"))  # not a region: the filter is cleared
    assert (bodies.body_type, bodies.region) == ("police", "")
    run_async(bodies.set_filter("bregion", "north"))
    # From the coverage table: Mid Wales has one body without a member.
    mid = next(r for r in page.figures.coverage_regions if r.key == "mid")
    assert (mid.represented, mid.total, mid.missing) == (1, 2, 1)
    event = run_async(bodies.show_outreach("bregion", "mid"))
    assert (bodies.body_type, bodies.region, bodies.outreach) == ("", "mid", True)
    assert [b.name.en for b in bodies.rows] == ["Dyfed-Powys Police"]
    assert address(event) == "/members?region=north&bregion=mid&outreach=1"
    assert "getElementById(\"bodies\")" in event.args[0][1]._var_value  # the focus follows
    run_async(bodies.set_outreach(False))
    assert [b.name.en for b in bodies.rows] == ["Ceredigion County Council",
                                                "Dyfed-Powys Police"]
    assert [(b.body_type, b.members) for b in bodies.rows] == [("local_authority", 1),
                                                                ("police", 0)]


def test_a_member_linked_to_a_record_gets_a_link_to_their_profile(db, make_state, people):
    from dashboard.domain.auth import create_user, start_session

    with Session(db) as session:
        own = create_user(session, email="gwen@example.org", display_name="Gwen", role=Role.MEMBER,
                          password="correct horse battery staple", member_id=people["active"])
        token = start_session(session, own)
        session.commit()
    page = members_page(make_state, token=token).load()
    assert page.directory.my_profile == f"/members/{people['active']}"
    assert page.directory.rule.inactive_days == 365


@pytest.fixture
def bodies(db, people):
    """Three more registry bodies (one with a Welsh name unlike its English one) and an
    'other' body, which the picker never offers."""
    with Session(db) as session:
        made = [Organisation(slug=slug, name_en=en, name_cy=cy, body_type="local_authority",
                             region="south_west", in_registry=registry)
                for slug, en, cy, registry in [
                    ("swansea", "City and County of Swansea", "Dinas a Sir Abertawe", True),
                    ("cardiff", "Cardiff Council", "Cyngor Caerdydd", True),
                    ("ceredigion-cu", "Ceredigion Credit Union", "Undeb Credyd Ceredigion",
                     False),
                    ("gwynedd", "Gwynedd Council", "Cyngor Gwynedd", True)]]
        session.add_all(made)
        session.commit()
        return {o.slug: o.id for o in made} | {"ceredigion": people["org"]}


def picker_script(event) -> str:
    return event.args[0][1]._var_value


def test_the_body_picker_offers_a_few_matches_not_the_registry(db, make_state, sign_in_as,
                                                                bodies):
    page = members_page(make_state, token=sign_in_as(Role.MEMBER)).load()
    directory = page.directory
    assert directory.body_matches == [] and not directory.body_listing  # nothing held
    run_async(directory.search_bodies("  cyngor "))  # Welsh names too, registry only
    assert [b.name.en for b in directory.body_matches] == [
        "Cardiff Council", "Ceredigion County Council", "Gwynedd Council"]
    assert directory.body_listing and directory.body_searched == "cyngor"
    run_async(directory.search_bodies("ABERTAWE"))  # case aside
    assert [b.name.cy for b in directory.body_matches] == ["Dinas a Sir Abertawe"]
    run_async(directory.search_bodies("atlantis"))
    assert directory.body_matches == [] and directory.body_listing  # "No body's name..."
    run_async(directory.search_bodies("cer"))  # a name that begins with it first
    assert [b.name.en for b in directory.body_matches] == ["Ceredigion County Council"]

    events = run_async(directory.choose_body(bodies["ceredigion"]))
    assert address(events) == f"/members?org={bodies['ceredigion']}"
    assert '"Ceredigion County Council"' in picker_script(events)  # the box shows it
    assert directory.filters["org"] == str(bodies["ceredigion"])
    assert [m.name for m in directory.rows] == ["Gwenllian Ŷr"]
    assert directory.body_matches == [] and not directory.body_listing
    assert directory.body_chosen.cy == "Cyngor Sir Ceredigion"

    # Only a body the picker offered: not one typed into the event by hand.
    assert run_async(directory.choose_body(bodies["gwynedd"])) is None
    assert run_async(directory.choose_body("x")) is None
    assert directory.filters["org"] == str(bodies["ceredigion"])

    # Typed, then left without choosing: the list closes and the box shows the choice again.
    run_async(directory.search_bodies("gwyn"))
    assert directory.body_listing
    assert '"Ceredigion County Council"' in picker_script(directory.leave_bodies("gwyn"))
    assert not directory.body_listing and directory.body_matches == []
    run_async(directory.search_bodies("gwyn"))  # its search, arriving late: stays closed
    assert not directory.body_listing

    # Escape closes the list; emptying the box clears the filter.
    run_async(directory.search_bodies("swan"))
    directory.close_bodies()
    assert not directory.body_listing
    events = run_async(directory.search_bodies(""))
    assert address(events) == "/members" and directory.filters["org"] == ""
    assert directory.body_chosen.en == "" and directory.total == 1


def test_a_shared_link_shows_the_chosen_body_by_name(db, make_state, sign_in_as, bodies):
    page = members_page(make_state, token=sign_in_as(Role.MEMBER))
    page.directory.lang = "cy"
    page.load({"org": str(bodies["cardiff"])})
    assert page.directory._body_text() == "Cyngor Caerdydd"
    assert page.directory.total == 0  # nobody there yet
    events = run_async(page.directory.clear_filters())
    assert page.directory._body_text() == "" and 'box.value = ""' in picker_script(events)
    page.load({"org": str(bodies["ceredigion-cu"])})  # not a registry body: no name
    assert page.directory._body_text() == ""


def test_new_data_reloading_the_page_keeps_what_is_being_typed(db, make_state, sign_in_as,
                                                               bodies):
    page = members_page(make_state, token=sign_in_as(Role.MEMBER))
    page.load({"org": str(bodies["cardiff"])})
    run_async(page.directory.search_bodies("cer"))
    drawn = page.directory.body_drawn
    page.load({"org": str(bodies["cardiff"])})  # a live refresh runs the loads again
    assert page.directory.body_listing and page.directory.body_searched == "cer"
    assert [b.name.en for b in page.directory.body_matches] == ["Ceredigion County Council"]
    assert page.directory.body_drawn == drawn  # the box is not drawn again
    page.load({})  # the address changed (no body): the box follows it
    assert not page.directory.body_listing and page.directory.body_chosen.en == ""


def test_the_page_says_it_is_loading_until_each_part_has_come(db, make_state, sign_in_as,
                                                               people):
    page = members_page(make_state, token=sign_in_as(Role.MEMBER))
    assert not (page.directory.loaded or page.bodies.loaded or page.figures.loaded)
    page.load()
    assert page.directory.loaded and page.bodies.loaded and page.figures.loaded


def test_turning_a_page_does_not_count_the_directory_again(db, make_state, sign_in_as, people):
    def add(names):
        with Session(db) as session:
            session.add_all([Member(full_name=name, email=f"{name.lower()}@example.org",
                                    organisation_id=people["org"], joined_on=date(2025, 1, 1))
                             for name in names])
            session.commit()

    add([f"Aelod{n:02d}" for n in range(30)])
    page = members_page(make_state, token=sign_in_as(Role.MEMBER)).load()
    directory = page.directory
    assert directory.total == 31
    add(["Aelod99"])  # while the page is open
    run_async(directory.next_page())
    assert directory.page == 2 and directory.total == 31  # the count of this page load
    run_async(directory.set_filter("region", "mid"))  # a new query is counted
    assert directory.total == 32


def test_turning_a_page_changes_the_directory_alone(db, make_state, sign_in_as, people):
    """What the state manager writes back and sends is what an event changed: a page turn
    leaves AppState (the session, the messages) as it was."""
    page = members_page(make_state, token=sign_in_as(Role.MEMBER)).load()
    app = run_async(page.directory.get_state(AppState))
    app._clean()
    run_async(page.directory.next_page())
    assert not app.dirty_vars


def test_a_searchs_count_is_kept_for_its_pages_and_for_each_kind_of_reader(
        db, make_state, sign_in_as, people, monkeypatch):
    """Paging through a search counts its matches once; the same search by another member
    uses that count, the steering group's (which reads emails too) has its own."""
    import state.members

    counted = []
    real = state.members.directory_total

    def counting(session, actor, query, now, rule=None):
        counted.append((query.search, actor.role.value))
        return real(session, actor, query, now, rule=rule)

    with Session(db) as session:
        session.add_all([Member(full_name=f"Aelod {n:02d}", email=f"aelod{n}@example.org",
                                organisation_id=people["org"], joined_on=date(2025, 1, 1))
                         for n in range(30)])
        session.commit()
    monkeypatch.setattr(state.members, "directory_total", counting)
    first = members_page(make_state, token=sign_in_as(Role.MEMBER, "a@example.org")).load()
    run_async(first.directory.search_submit({"q": "aelod"}))
    run_async(first.directory.next_page())
    assert (first.directory.page, first.directory.total, len(first.directory.rows)) == (
        2, 30, 5)
    other = members_page(make_state, token=sign_in_as(Role.MEMBER, "b@example.org")).load()
    run_async(other.directory.search_submit({"q": "aelod"}))
    steering = members_page(make_state, token=sign_in_as(Role.STEERING)).load()
    run_async(steering.directory.search_submit({"q": "aelod"}))
    assert [c for c in counted if c[0]] == [("aelod", "member"), ("aelod", "steering")]
    assert other.directory.total == steering.directory.total == 30


def test_a_filters_count_is_kept_and_shared_until_the_data_changes(db, make_state, sign_in_as,
                                                                   people, monkeypatch):
    """Turning a filter back and forth counts each query once, for every reader of this
    worker; a change made by hand (here, approving a request to join) counts afresh."""
    import state.members

    counted = []
    real = state.members.directory_total

    def counting(session, actor, query, now, rule=None):
        counted.append(query.body_type or query.region or "all")
        return real(session, actor, query, now, rule=rule)

    monkeypatch.setattr(state.members, "directory_total", counting)
    steering = members_page(make_state, token=sign_in_as(Role.STEERING)).load()
    member = members_page(make_state, token=sign_in_as(Role.MEMBER)).load()
    assert counted == ["all"] and steering.directory.total == member.directory.total == 1
    for value in ("mid", "north", "mid", ""):
        run_async(steering.directory.set_filter("region", value))
    run_async(member.directory.set_filter("region", "mid"))
    assert counted == ["all", "mid", "north"] and member.directory.total == 1
    run_async(steering.requests.decide(people["pending"], True))
    run_async(member.directory.set_filter("region", ""))
    run_async(member.directory.set_filter("region", "mid"))
    assert counted[-1] == "mid" and member.directory.total == 2
