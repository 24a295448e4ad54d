"""The member directory, engagement levels, profiles, join requests and their approval."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func
from sqlmodel import select

from dashboard.domain.auth import VISITOR, Actor
from dashboard.domain.errors import InvalidInput, NotFound, PermissionDenied
from dashboard.domain.membership.bodies import BodyQuery, bodies_with_members
from dashboard.domain.membership.directory import (
    DirectoryQuery,
    directory_total,
    search_members,
)
from dashboard.domain.membership.engagement import (
    LEVELS,
    EngagementRule,
    Level,
    engagement_rule,
    level_condition,
    level_expression,
    levels_for,
)
from dashboard.domain.membership.joining import (
    AlreadyKnown,
    JoinForm,
    decide_join,
    join_requests,
    request_to_join,
)
from dashboard.domain.membership.lifecycle import (
    ProfileChanges,
    erase_member,
    retention_review,
    update_profile,
)
from dashboard.domain.membership.profiles import member_profile
from dashboard.models import AuditEntry, Member, Organisation, Registration, Role, Setting
from tests import factories as f

NOW = f.utc(2026, 6, 15, 12)
TODAY = date(2026, 6, 15)
MEMBER = Actor(user_id=901, role=Role.MEMBER, label="member@example.org")
STEERING = Actor(user_id=902, role=Role.STEERING, label="steering@example.org")


pytestmark = pytest.mark.usefixtures("test_actors")


def names(page) -> list[str]:
    return [row.full_name for row in page.rows]


@pytest.fixture
def directory(session):
    """Five active members in two bodies, one pending and one who left."""
    north = f.organisation(session, "cyngor-ceredigion", body_type="local_authority",
                         region="north")
    south = f.organisation(session, "cardiff-health", body_type="health_board", region="south_east")
    people = [
        ("Aled Jones", north, "Data Analyst", "cy", "member", date(2025, 1, 10)),
        ("Bethan Ŵyn", north, "Head of Digital", "cy", "steering", date(2024, 3, 1)),
        ("Carys Evans", south, "AI Lead", "en", "member", date(2026, 5, 1)),
        ("Dafydd Price", south, "Data Analyst", "en", "observer", date(2023, 2, 1)),
        ("Eleri Hughes", None, "Lecturer", "en", "member", date(2025, 9, 1)),
    ]
    for name, org, job, lang, role, joined in people:
        m = f.member(session, org, joined, name=name)
        m.job_title, m.language, m.community_role = job, lang, role
        m.last_active_on = joined
        session.add(m)
    f.member(session, north, TODAY, status="pending", name="Pending Person")
    f.member(session, north, date(2024, 1, 1), status="left", name="Left Person")
    session.commit()
    return north, south


def test_a_visitor_cannot_search_the_directory(directory, session):
    with pytest.raises(PermissionDenied):
        search_members(session, VISITOR, DirectoryQuery(), NOW)


def test_directory_lists_only_active_members_sorted_by_name(directory, session):
    page = search_members(session, MEMBER, DirectoryQuery(), NOW)
    assert page.total == 5
    assert names(page) == ["Aled Jones", "Bethan Ŵyn", "Carys Evans", "Dafydd Price",
                           "Eleri Hughes"]


def test_search_matches_name_job_and_organisation_in_either_language(directory, session):
    assert names(search_members(session, MEMBER, DirectoryQuery(search="data analyst"), NOW)) == [
        "Aled Jones", "Dafydd Price"]
    assert names(search_members(session, MEMBER, DirectoryQuery(search="ŵyn"), NOW)) == [
        "Bethan Ŵyn"]
    # Organisation names: English "Cyngor-Ceredigion", Welsh "cyngor-ceredigion (cy)".
    assert search_members(session, MEMBER, DirectoryQuery(search="ceredigion (cy)"), NOW).total == 2
    # LIKE wildcards typed by a user are taken literally.
    assert search_members(session, MEMBER, DirectoryQuery(search="%"), NOW).total == 0


def test_on_sqlite_a_search_reads_the_text_indexs_matches_by_id(directory, session):
    """SQLite has no statistics: left to itself it would walk every active member of the
    status index and test each against the text index's matches (38 ms at 100,000 members
    for "jones", against 6 ms for the matches looked up by id). Only the people who left
    or have not yet joined are told apart, by status, after the lookup."""
    from sqlalchemy import event

    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        pytest.skip("SQLite's planner only (PostgreSQL plans from its statistics)")
    seen = []
    listen = lambda conn, cursor, statement, params, context, many: seen.append(  # noqa: E731
        (statement, params))
    event.listen(bind, "before_cursor_execute", listen)
    try:
        found = search_members(session, MEMBER, DirectoryQuery(search="person"), NOW)
    finally:
        event.remove(bind, "before_cursor_execute", listen)
    assert found.total == 0  # "Pending Person" and "Left Person" are not active
    # The matches' query (before it, the index counts them: few, so they are looked up).
    statement, params = next((s, p) for s, p in seen if "MATCH" in s and "UNION" in s)
    plan = [row[-1] for row in session.connection().exec_driver_sql(
        f"EXPLAIN QUERY PLAN {statement}", params)]
    assert any("member USING INTEGER PRIMARY KEY" in step for step in plan), plan


def test_search_folds_case_of_welsh_letters_and_finds_other_bodies(directory, session):
    assert names(search_members(session, MEMBER, DirectoryQuery(search="ŴYN"), NOW)) == [
        "Bethan Ŵyn"]
    assert names(search_members(session, MEMBER, DirectoryQuery(search="BETHAN ŵ"), NOW)) == [
        "Bethan Ŵyn"]
    eleri = session.exec(select(Member).where(Member.full_name == "Eleri Hughes")).one()
    eleri.organisation_other = "Prifysgol Bangor"
    session.add(eleri)
    session.commit()
    assert names(search_members(session, MEMBER, DirectoryQuery(search="prifysgol"), NOW)) == [
        "Eleri Hughes"]


def test_searches_of_one_or_two_letters_and_quotes_work(directory, session):
    # A trigram index cannot answer these: they fall back to comparing rows.
    assert names(search_members(session, MEMBER, DirectoryQuery(search="ŵ"), NOW)) == [
        "Bethan Ŵyn"]
    assert names(search_members(session, MEMBER, DirectoryQuery(search="AI"), NOW)) == [
        "Carys Evans"]
    # Quotes and the index's own syntax are taken literally, never as a query.
    for text in ('"data', 'a"b"c', "data OR evans", "{email} : x", "NEAR(a b)", "*"):
        assert search_members(session, MEMBER, DirectoryQuery(search=text), NOW).total == 0


def test_the_search_index_follows_every_change_to_a_member(directory, session):
    """Whatever writes the row, the index (triggers on SQLite, pg_trgm on PostgreSQL) sees
    the current text: new members, renamed members, erased members, deleted rows."""
    def found(text):
        return names(search_members(session, STEERING, DirectoryQuery(search=text), NOW))

    north, _ = directory
    newcomer = f.member(session, north, TODAY, name="Gwenllian Morgan")
    newcomer.job_title = "Automation Lead"
    session.add(newcomer)
    session.commit()
    assert found("gwenllian") == ["Gwenllian Morgan"]
    assert found("automation") == ["Gwenllian Morgan"]

    newcomer.full_name, newcomer.job_title = "Gwenllian Rees", None
    session.add(newcomer)
    session.commit()
    assert found("morgan") == []
    assert found("automation") == []
    assert found("llian rees") == ["Gwenllian Rees"]

    newcomer.email = "g.rees@newbody.example"
    session.add(newcomer)
    session.commit()
    assert found("newbody") == ["Gwenllian Rees"]

    session.delete(newcomer)
    session.commit()
    assert found("gwenllian") == []
    assert found("data analyst") == ["Aled Jones", "Dafydd Price"]


def test_search_ignores_accents_and_welsh_diacritics_both_ways(directory, session):
    """Through the text index (three letters or more) and without it (fewer): "Llyr" finds
    "Llŷr", "Sian" finds "Siân", and "siân" finds "Sian"."""
    north, _ = directory
    for name, job, other in (("Llŷr Prys", "Swyddog Polisi", None),
                             ("Siân Thomas", "Pennaeth Data", None),
                             ("Sian Lloyd", "Rheolwr Prosiect", None),
                             ("Zoë Hall", "Dadansoddwr", "Menter Môn")):
        m = f.member(session, None if other else north, TODAY, name=name)
        m.job_title, m.organisation_other = job, other
        session.add(m)
    tan = f.organisation(session, "tan", body_type="fire_and_rescue", region="north")
    tan.name_cy = "Awdurdod Tân ac Achub Gogledd Cymru"
    f.member(session, tan, TODAY, name="Owain Glyn")
    session.commit()

    def found(text, actor=MEMBER):
        return names(search_members(session, actor, DirectoryQuery(search=text), NOW))

    assert found("Llyr") == ["Llŷr Prys"]
    assert found("LLŶR") == ["Llŷr Prys"]
    if session.get_bind().dialect.name == "sqlite":  # answered by the FTS5 index itself
        from dashboard import search_index

        llyr = session.exec(select(Member.id).where(Member.full_name == "Llŷr Prys")).one()
        assert session.exec(search_index.sqlite_matches("Llyr", False)).all() == [(llyr,)]
    assert found("Sian") == ["Sian Lloyd", "Siân Thomas"]
    assert found("siân") == ["Sian Lloyd", "Siân Thomas"]
    assert found("an th") == ["Siân Thomas"]  # across the space, inside the words
    assert found("zoe") == ["Zoë Hall"]
    assert found("menter mon") == ["Zoë Hall"]  # an 'other' body's name
    assert found("tan ac achub") == ["Owain Glyn"]  # a registry body's Welsh name
    # Shorter than the index's three letters: the folded copies are compared instead.
    assert found("ŷr") == ["Llŷr Prys"]
    assert found("ŵy") == ["Bethan Ŵyn", "Llŷr Prys"]  # "Swyddog" too


def test_names_sort_in_welsh_and_uk_order_on_every_database(session):
    """Accents aside, Ŵ among the Ws and not after Z, lower and upper case together: the
    order PostgreSQL gives with a UK collation, on SQLite and any collation too."""
    body = f.organisation(session)
    order = ["Ângharad Hughes", "angharad Price", "Ceri Young", "Élin Ward", "Ŵyn Bowen",
             "Wyn Ellis", "Zoe Adams"]
    for name in ("Zoe Adams", "Wyn Ellis", "Ceri Young", "Ŵyn Bowen", "angharad Price",
                 "Élin Ward", "Ângharad Hughes"):
        f.member(session, body, TODAY, name=name)
    session.commit()
    assert names(search_members(session, MEMBER, DirectoryQuery(), NOW)) == order
    assert names(search_members(session, MEMBER, DirectoryQuery(descending=True),
                                NOW)) == order[::-1]
    # Within one body (its own index), and in a search's results, the same.
    assert names(search_members(session, MEMBER, DirectoryQuery(organisation=body.id),
                                NOW)) == order
    assert names(search_members(session, MEMBER, DirectoryQuery(search="ar"), NOW)) == [
        "Ângharad Hughes", "angharad Price", "Élin Ward"]
    assert names(search_members(session, MEMBER, DirectoryQuery(search="wyn"), NOW)) == [
        "Ŵyn Bowen", "Wyn Ellis"]


def test_folded_copies_are_written_by_core_inserts_too(session):
    """The benchmark's generator inserts members with SQLAlchemy Core, not the models: the
    folded copies are filled there too, so the index and the order see them."""
    from sqlalchemy import insert

    body = f.organisation(session)
    session.execute(insert(Member.__table__), [
        {"full_name": name, "job_title": job, "email": f"core{i}@example.org",
         "organisation_id": body.id, "status": "active", "language": "cy",
         "community_role": "member", "assessor": False, "is_demo": False,
         "created_at": NOW, "updated_at": NOW, "joined_on": TODAY}
        for i, (name, job) in enumerate((("Ŵyn Core", "Prif Weithredwr"),
                                         ("Aled Core", "Swyddog Ôl-raddedig")))])
    session.commit()
    assert names(search_members(session, MEMBER, DirectoryQuery(search="wyn core"), NOW)) == [
        "Ŵyn Core"]
    assert names(search_members(session, MEMBER, DirectoryQuery(search="ol-radd"), NOW)) == [
        "Aled Core"]
    assert names(search_members(session, MEMBER, DirectoryQuery(), NOW)) == [
        "Aled Core", "Ŵyn Core"]


def test_a_search_sorts_by_any_column_and_a_page_past_the_end_shows_the_last(directory, session):
    def found(**changes):
        return names(search_members(session, STEERING, DirectoryQuery(**changes), NOW))

    # Bodies: Aled's is Cyngor-Ceredigion, Dafydd's Cardiff-Health.
    assert found(search="data", sort="organisation") == ["Dafydd Price", "Aled Jones"]
    assert found(search="data", sort="organisation", descending=True) == [
        "Aled Jones", "Dafydd Price"]
    assert found(search="data", sort="joined", descending=True) == ["Aled Jones", "Dafydd Price"]
    assert found(search="cardiff", sort="job") == ["Carys Evans", "Dafydd Price"]
    # Both branches match Dafydd (job title and body): listed once.
    assert found(search="d", sort="name") == ["Aled Jones", "Bethan Ŵyn", "Carys Evans",
                                             "Dafydd Price"]
    past = search_members(session, STEERING, DirectoryQuery(search="data", page=9), NOW,
                          page_size=1)
    assert (past.page, past.total, names(past)) == (2, 2, ["Dafydd Price"])


def test_email_is_searched_and_shown_for_the_steering_group_only(directory, session):
    email = session.exec(select(Member.email).where(Member.full_name == "Carys Evans")).one()
    by_member = search_members(session, MEMBER, DirectoryQuery(search=email), NOW)
    assert by_member.total == 0
    by_steering = search_members(session, STEERING, DirectoryQuery(search=email.upper()), NOW)
    assert names(by_steering) == ["Carys Evans"]
    assert by_steering.rows[0].email == email
    everyone = search_members(session, MEMBER, DirectoryQuery(), NOW)
    assert all(row.email == "" for row in everyone.rows)


def test_a_searchs_count_is_the_pages_and_a_known_count_is_not_counted_again(directory,
                                                                              session):
    """directory_total counts what search_members counts, for each reader (emails are the
    steering group's to search); a page given the count it had uses it."""
    email = session.exec(select(Member.email).where(Member.full_name == "Carys Evans")).one()
    for actor in (MEMBER, STEERING):
        for query in (DirectoryQuery(search="d"), DirectoryQuery(search="cardiff", language="en"),
                      DirectoryQuery(search=email), DirectoryQuery(region="north")):
            page = search_members(session, actor, query, NOW, page_size=1)
            assert directory_total(session, actor, query, NOW) == page.total, (actor, query)
            known = search_members(session, actor, query.with_changes(page=2), NOW,
                                   page_size=1, known_total=page.total)
            again = search_members(session, actor, query.with_changes(page=2), NOW,
                                   page_size=1)
            assert (names(known), known.page, known.total) == (
                names(again), again.page, again.total)
    assert directory_total(session, MEMBER, DirectoryQuery(search=email), NOW) == 0
    assert directory_total(session, STEERING, DirectoryQuery(search=email), NOW) == 1
    with pytest.raises(PermissionDenied):
        directory_total(session, VISITOR, DirectoryQuery(search="d"), NOW)


def test_a_search_with_many_matches_lists_the_same_by_the_name_index(directory, session,
                                                                       monkeypatch):
    """On SQLite a search matching more than WALK_ABOVE members walks the name index for its
    page instead of sorting its matches: the same members, pages and counts either way."""
    import dashboard.domain.membership.directory as directory_module

    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("SQLite's text index only (PostgreSQL plans from its statistics)")
    email = session.exec(select(Member.email).where(Member.full_name == "Carys Evans")).one()
    # "example" is in every email (the steering group's searches read them), "cyngor" in a
    # body's name (the other branch), "data" in job titles.
    queries = [DirectoryQuery(search=text, page=page) for text in ("example", "cyngor", "data")
               for page in (1, 2, 3, 9)]
    queries += [DirectoryQuery(search="example", descending=True),
                DirectoryQuery(search="example", language="cy"), DirectoryQuery(search=email),
                DirectoryQuery(search="example", sort="joined")]
    walks = []
    decide = directory_module._walks_names
    monkeypatch.setattr(directory_module, "_walks_names",
                        lambda *args: walks.append(decide(*args)) or walks[-1])

    def listed(walk_above: int) -> list:
        monkeypatch.setattr(directory_module, "WALK_ABOVE", walk_above)
        found = []
        for actor in (MEMBER, STEERING):
            for query in queries:
                page = search_members(session, actor, query, NOW, page_size=2)
                found.append((names(page), page.page, page.total))
        return found

    walked = listed(-1)
    assert walks.count(True) == len(walks) - 2  # all but the two listed by date
    walks.clear()
    assert walked == listed(10**9) and not any(walks)
    assert (["Aled Jones", "Bethan Ŵyn"], 1, 5) in walked  # more than a page, paged


def test_filters_combine(directory, session):
    north, south = directory
    q = DirectoryQuery
    assert names(search_members(session, MEMBER, q(organisation=north.id), NOW)) == [
        "Aled Jones", "Bethan Ŵyn"]
    health_in_english = q(body_type="health_board", language="en")
    assert names(search_members(session, MEMBER, health_in_english, NOW)) == [
        "Carys Evans", "Dafydd Price"]
    assert names(search_members(session, MEMBER, q(region="north", role="steering"), NOW)) == [
        "Bethan Ŵyn"]
    assert names(search_members(session, MEMBER, q(level=Level.LEADING), NOW)) == ["Bethan Ŵyn"]
    assert search_members(session, MEMBER, q(region="mid"), NOW).total == 0


def test_sorting_and_paging(directory, session):
    page = search_members(session, MEMBER, DirectoryQuery(sort="joined", descending=True, page=2),
                          NOW, page_size=2)
    assert (page.total, page.pages, page.page) == (5, 3, 2)
    assert names(page) == ["Aled Jones", "Bethan Ŵyn"]
    # A page past the end shows the last page.
    assert search_members(session, MEMBER, DirectoryQuery(page=99), NOW, page_size=2).page == 3


def test_query_string_round_trip_ignores_junk():
    query = DirectoryQuery.from_params({"q": " wyn ", "org": "7", "type": "police", "region": "x",
                                        "level": "active", "sort": "joined", "dir": "desc",
                                        "page": "3", "language": "fr"})
    assert query == DirectoryQuery(search="wyn", organisation=7, body_type="police",
                                   level="active", sort="joined", descending=True, page=3)
    assert DirectoryQuery.from_params(query.to_params()) == query
    assert DirectoryQuery().to_params() == {}
    assert DirectoryQuery.from_params({"org": "x; drop", "page": "-2"}) == DirectoryQuery()


# --- engagement levels at their boundaries ------------------------------------------------


@pytest.fixture
def rule():
    return EngagementRule(new_days=90, window_days=365, active_events=3, inactive_days=365)


def person(session, joined: date, last_active: date | None, role: str = "member") -> Member:
    m = f.member(session, None, joined)
    m.last_active_on, m.community_role = last_active, role
    session.add(m)
    session.flush()
    return m


def attend(session, m: Member, *days_ago: int) -> None:
    for days in days_ago:
        e = f.event(session, NOW - timedelta(days=days))
        session.add(Registration(event_id=e.id, member_id=m.id, attended=True))
    session.flush()


def test_engagement_levels_at_their_boundaries(session, rule):
    old = TODAY - timedelta(days=400)
    leading = person(session, old, old - timedelta(days=100), role="chair")
    inactive = person(session, old, TODAY - timedelta(days=366))
    just_active_enough = person(session, old, TODAY - timedelta(days=365))
    new_edge = person(session, TODAY - timedelta(days=90), TODAY)
    not_new = person(session, TODAY - timedelta(days=91), TODAY)
    active = person(session, old, TODAY)
    attend(session, active, 10, 100, 365)  # the window's first day counts
    two_events = person(session, old, TODAY)
    attend(session, two_events, 10, 100, 366)  # one is outside the window
    levels = levels_for(session, [m.id for m in (leading, inactive, just_active_enough, new_edge,
                                                  not_new, active, two_events)], rule, NOW)
    assert levels == {
        leading.id: Level.LEADING,
        inactive.id: Level.INACTIVE,
        just_active_enough.id: Level.OCCASIONAL,
        new_edge.id: Level.NEW,
        not_new.id: Level.OCCASIONAL,
        active.id: Level.ACTIVE,
        two_events.id: Level.OCCASIONAL,
    }
    # The directory's filter (a different query, for speed) agrees with the CASE everywhere.
    for level in LEVELS:
        found = set(session.exec(select(Member.id).where(level_condition(level, rule, NOW))).all())
        assert found == {i for i, lvl in levels.items() if lvl == level}, level
    bulk = dict(session.exec(select(Member.id, level_expression(rule, NOW, bulk=True))).all())
    assert bulk == levels


def test_levels_are_worked_out_on_the_day_asked_though_the_statement_is_built_once(session,
                                                                                 rule):
    """``levels_for`` and the directory's rows reuse one statement per rule, its dates bound
    when it runs: asked on a later day, a member is no longer new, and an old attendance has
    left the window."""
    m = person(session, TODAY - timedelta(days=80), TODAY)
    attend(session, m, 1, 2, 350)
    later = NOW + timedelta(days=20)
    assert levels_for(session, [m.id], rule, NOW) == {m.id: Level.NEW}
    assert levels_for(session, [m.id], rule, later) == {m.id: Level.OCCASIONAL}
    steering = Actor(user_id=1, role=Role.STEERING, label="steering")
    for now, level in ((NOW, Level.NEW), (later, Level.OCCASIONAL),
                       (NOW + timedelta(days=11), Level.ACTIVE)):
        rows = search_members(session, steering, DirectoryQuery(), now, rule=rule).rows
        assert {row.id: row.level for row in rows}[m.id] == level, now


def test_absent_registrations_do_not_count_towards_active(session, rule):
    m = person(session, TODAY - timedelta(days=400), TODAY)
    attend(session, m, 1, 2)
    e = f.event(session, NOW - timedelta(days=3))
    session.add(Registration(event_id=e.id, member_id=m.id, attended=False))
    session.flush()
    assert levels_for(session, [m.id], rule, NOW) == {m.id: Level.OCCASIONAL}


def test_engagement_rule_is_read_from_settings(session):
    assert engagement_rule(session) == EngagementRule()
    session.add(Setting(key="membership.active_events", value="5"))
    session.add(Setting(key="membership.new_days", value="not a number"))
    session.commit()
    assert engagement_rule(session) == EngagementRule(active_events=5)


# --- profiles -----------------------------------------------------------------------------


def test_profile_shows_events_and_email_only_to_the_steering_group(session):
    m = person(session, date(2025, 1, 1), TODAY)
    attend(session, m, 5, 40)
    e = f.event(session, NOW - timedelta(days=20))
    cancelled = f.event(session, NOW - timedelta(days=19))
    session.add(Registration(event_id=e.id, member_id=m.id, attended=False))
    session.add(Registration(event_id=cancelled.id, member_id=m.id, attended=False,
                             status="cancelled"))
    session.commit()
    profile = member_profile(session, MEMBER, m.id, NOW)
    assert (profile.events_registered, profile.events_attended) == (3, 2)
    assert [event.attended for event in profile.events] == [True, False, True]
    assert profile.email == ""
    assert member_profile(session, STEERING, m.id, NOW).email == m.email
    with pytest.raises(PermissionDenied):
        member_profile(session, VISITOR, m.id, NOW)


def test_pending_members_are_not_in_profiles_for_members(session):
    m = f.member(session, None, TODAY, status="pending")
    erased = f.member(session, None, TODAY, status="erased")
    with pytest.raises(NotFound):
        member_profile(session, MEMBER, m.id, NOW)
    assert member_profile(session, STEERING, m.id, NOW).status == "pending"
    with pytest.raises(NotFound):
        member_profile(session, STEERING, erased.id, NOW)


# --- joining ------------------------------------------------------------------------------


def form(org, **changes) -> JoinForm:
    values = dict(full_name="  Siân  Ôwen ", email=" Sian.Owen@Example.ORG ",
                  organisation=str(org.id), job_title="Data lead", interests="Welsh-language AI",
                  language="cy", consent=True)
    values.update(changes)
    return JoinForm(**values)


def test_a_visitor_can_ask_to_join_and_it_waits_for_the_steering_group(session):
    org = f.organisation(session)
    member = request_to_join(session, VISITOR, form(org), NOW)
    session.commit()
    assert (member.full_name, member.email, member.status) == ("Siân Ôwen", "sian.owen@example.org",
                                                               "pending")
    assert member.consent_at == NOW and member.joined_on is None
    entry = session.exec(select(AuditEntry)).one()
    assert (entry.action, entry.actor, entry.entity_id) == ("request_to_join", "visitor",
                                                            str(member.id))
    # Not in the directory until approved.
    assert search_members(session, MEMBER, DirectoryQuery(), NOW).total == 0


@pytest.mark.parametrize("changes,message", [
    ({"full_name": "   "}, "Enter your full name."),
    ({"email": ""}, "Enter your work email address."),
    ({"email": "sian.owen@example"}, "Enter an email address in the correct format"),
    ({"email": "sian@@example.org"}, "Enter an email address in the correct format"),
    ({"consent": False}, "To join, agree to the community holding your details."),
    ({"organisation": ""}, "Choose your organisation from the list"),
    ({"organisation": "99999"}, "Choose your organisation from the list"),
    ({"organisation": "other", "organisation_other": " "}, "Enter the name of your organisation."),
    ({"language": "fr"}, "Choose your preferred language."),
])
def test_join_validation_names_what_is_wrong(session, changes, message):
    org = f.organisation(session)
    with pytest.raises(InvalidInput) as error:
        request_to_join(session, VISITOR, form(org, **changes), NOW)
    assert error.value.msgid.startswith(message)
    assert session.exec(select(Member)).all() == []


def test_duplicates_are_matched_ignoring_case_and_spaces(session):
    org = f.organisation(session)
    request_to_join(session, VISITOR, form(org), NOW)
    session.commit()
    with pytest.raises(AlreadyKnown) as known:
        request_to_join(session, VISITOR, form(org, email="SIAN.OWEN @example.org"), NOW)
    assert known.value.email == "sian.owen@example.org"
    assert len(session.exec(select(Member)).all()) == 1


def test_other_organisation_is_kept_by_name(session):
    org = f.organisation(session)
    member = request_to_join(session, VISITOR, form(org, organisation="other",
                                                    organisation_other="Prifysgol Bangor"), NOW)
    assert (member.organisation_id, member.organisation_other) == (None, "Prifysgol Bangor")


def test_an_other_organisation_that_is_a_registry_body_joins_as_that_body(reference):
    """Written in either language or both, by a common or former name or by its code."""
    session = reference
    ids = dict(session.exec(select(Organisation.slug, Organisation.id)).all())
    for i, (written, slug) in enumerate((("Swansea Council", "swansea"),
                                         ("Cyngor Gwynedd / Gwynedd Council", "gwynedd"),
                                         ("gwynedd council / cyngor gwynedd", "gwynedd"),
                                         ("Snowdonia National Park Authority", "eryri-npa"),
                                         ("W11000023", "betsi-cadwaladr-uhb"))):
        member = request_to_join(session, VISITOR, JoinForm(
            full_name="Nia Ben", email=f"nia{i}@example.org", organisation="other",
            organisation_other=written, language="cy", consent=True), NOW)
        assert (member.organisation_id, member.organisation_other) == (ids[slug], None), written


def test_the_body_registry_has_codes_other_names_and_the_acts_bodies(reference):
    """Every registry body keeps its names in both languages, the other names it goes by and
    its ONS/GSS code where it has one; and ``wfg_act`` marks exactly the bodies section 6(1)
    of the Well-being of Future Generations (Wales) Act 2015 names, as amended (the 2022
    Act's Medr for HEFCW; eight bodies added from 30 June 2024)."""
    import re
    from collections import Counter

    from dashboard.domain.membership.body_names import name_key

    bodies = reference.exec(select(Organisation).where(Organisation.in_registry)).all()
    by_type = Counter(b.body_type for b in bodies)
    assert all(b.name_en and b.name_cy and b.other_names is not None for b in bodies)
    prefixes = {"local_authority": "W06", "health_board": "W11", "police": "W15",
                "national_park": "W18"}
    for body in bodies:
        if body.body_type in prefixes:
            assert re.fullmatch(prefixes[body.body_type] + r"\d{6}", body.gss_code), body.slug
    assert len({b.gss_code for b in bodies if b.gss_code}) == sum(
        by_type[t] for t in prefixes) == 22 + 7 + 4 + 3
    swansea = next(b for b in bodies if b.slug == "swansea")
    assert (swansea.gss_code, "Swansea Council" in swansea.other_names) == ("W06000011", True)
    # Every name, other name, slug and code names one body only.
    keys = Counter(k for b in bodies for k in {name_key(n) for n in (
        b.name_en, b.name_cy, b.slug, b.gss_code or "", *b.other_names) if n})
    assert [k for k, n in keys.items() if n > 1] == []
    named_by_the_act = {
        "welsh-government", "velindre", "public-health-wales", "natural-resources-wales",
        "medr", "arts-council-wales", "sport-wales", "national-library-wales",
        "amgueddfa-cymru",
        # The Well-being of Future Generations (Wales) Act 2015 (Public Bodies) (Amendment)
        # Regulations 2024:
        "qualifications-wales", "social-care-wales", "heiw", "welsh-revenue-authority",
        "transport-for-wales", "cdps", "dhcw", "welsh-ambulance",
    } | {b.slug for b in bodies if b.body_type in ("local_authority", "health_board",
                                                     "national_park", "fire_and_rescue")}
    assert {b.slug for b in bodies if b.wfg_act} == named_by_the_act
    assert len(named_by_the_act) == 52  # with the four corporate joint committees, 56


def test_only_the_steering_group_sees_and_decides_requests(session):
    org = f.organisation(session)
    member = request_to_join(session, VISITOR, form(org), NOW)
    session.commit()
    for actor in (VISITOR, MEMBER):
        with pytest.raises(PermissionDenied):
            join_requests(session, actor, 1)
        with pytest.raises(PermissionDenied):
            decide_join(session, actor, member.id, True, NOW)
    assert [r.email for r in join_requests(session, STEERING, 1).rows] == ["sian.owen@example.org"]
    decide_join(session, STEERING, member.id, True, NOW)
    session.commit()
    assert (member.status, member.joined_on) == ("active", TODAY)
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "approve_join")).one()
    assert entry.before["status"] == "pending" and entry.after["status"] == "active"
    assert entry.actor == "user:902"  # by id, never by email
    with pytest.raises(NotFound):
        decide_join(session, STEERING, member.id, False, NOW)
    assert names(search_members(session, MEMBER, DirectoryQuery(), NOW)) == ["Siân Ôwen"]


def test_a_declined_request_stays_out_of_the_directory(session):
    org = f.organisation(session)
    member = request_to_join(session, VISITOR, form(org), NOW)
    decide_join(session, STEERING, member.id, False, NOW)
    session.commit()
    assert member.status == "declined" and member.joined_on is None
    assert join_requests(session, STEERING, 1).total == 0
    assert search_members(session, MEMBER, DirectoryQuery(), NOW).total == 0


# --- editing, erasure, retention --------------------------------------------------------------



def test_a_member_edits_only_their_own_profile_and_not_their_role(session):
    me = f.member(session, None, date(2025, 1, 1), name="Me")
    other = f.member(session, None, date(2025, 1, 1), name="Other")
    session.commit()
    actor = Actor(user_id=905, role=Role.MEMBER, label="me@example.org", member_id=me.id)
    update_profile(session, actor, me.id, ProfileChanges(full_name="Mê Newydd", language="cy"), NOW)
    session.commit()
    assert (me.full_name, me.language) == ("Mê Newydd", "cy")
    entry = session.exec(select(AuditEntry)).one()
    assert entry.before["full_name"] == "Me" and entry.after["full_name"] == "Mê Newydd"
    with pytest.raises(PermissionDenied):
        update_profile(session, actor, other.id, ProfileChanges(full_name="Hacked"), NOW)
    with pytest.raises(PermissionDenied):
        promote_myself = ProfileChanges(full_name="Me", community_role="chair")
        update_profile(session, actor, me.id, promote_myself, NOW)
    with pytest.raises(PermissionDenied):
        update_profile(session, VISITOR, me.id, ProfileChanges(full_name="x"), NOW)
    session.rollback()
    assert session.get(Member, other.id).full_name == "Other"
    assert session.get(Member, me.id).community_role == "member"


def test_the_steering_group_edits_anyone_and_sets_roles(session):
    m = f.member(session, None, date(2025, 1, 1), name="Someone")
    update_profile(session, STEERING, m.id,
                   ProfileChanges(full_name="Someone", community_role="steering"), NOW)
    assert m.community_role == "steering"
    with pytest.raises(InvalidInput):
        update_profile(session, STEERING, m.id,
                       ProfileChanges(full_name="Someone", community_role="king"), NOW)
    with pytest.raises(InvalidInput):
        update_profile(session, STEERING, m.id, ProfileChanges(full_name="  "), NOW)


def test_erasure_blanks_personal_data_and_keeps_the_totals(session):
    from dashboard.domain.auth import create_user
    from dashboard.models import User

    org = f.organisation(session)
    m = request_to_join(session, VISITOR, form(org), NOW)
    decide_join(session, STEERING, m.id, True, NOW)
    user = create_user(session, email=m.email, display_name=m.full_name, role=Role.MEMBER,
                       password="a long password 123", member_id=m.id)
    e = f.event(session, NOW - timedelta(days=3))
    f.attendance(session, e, attended=3, absent=1, member_row=m)
    session.commit()
    def attendance_total():
        return session.exec(select(func.count()).select_from(Registration)
                            .where(Registration.event_id == e.id, Registration.attended)).one()

    assert attendance_total() == 3
    with pytest.raises(PermissionDenied):
        erase_member(session, MEMBER, m.id, NOW)
    erase_member(session, STEERING, m.id, NOW)
    session.commit()
    assert (m.full_name, m.email, m.job_title, m.interests, m.status) == (
        "Erased member", None, None, None, "erased")
    assert session.exec(select(Registration).where(Registration.member_id == m.id)).one().attended
    assert attendance_total() == 3  # published attendance totals do not change
    assert not session.get(User, user.id).is_active
    assert "sian" not in session.get(User, user.id).email
    # No personal data left in the audit log either.
    for entry in session.exec(select(AuditEntry)):
        assert "Siân" not in str(entry.before) + str(entry.after)
        assert "sian.owen" not in str(entry.before) + str(entry.after)
    with pytest.raises(NotFound):
        member_profile(session, STEERING, m.id, NOW)


def test_retention_review_lists_long_inactive_members(session):
    session.add(Setting(key="membership.retention_days", value="100"))
    edge = person(session, date(2024, 1, 1), TODAY - timedelta(days=100))
    over = person(session, date(2024, 1, 1), TODAY - timedelta(days=101))
    left = f.member(session, None, date(2024, 1, 1), status="left")
    left.last_active_on = date(2024, 2, 1)
    session.commit()
    with pytest.raises(PermissionDenied):
        retention_review(session, MEMBER, NOW, 1)
    ids = [r.id for r in retention_review(session, STEERING, NOW, 1).rows]
    assert ids == [left.id, over.id] and edge.id not in ids


# --- leaving --------------------------------------------------------------------------------


def test_a_member_leaves_and_is_counted_among_the_months_leavers(session):
    from dashboard.domain.membership.figures import growth_by_month
    from dashboard.domain.membership.lifecycle import leave_community

    org = f.organisation(session)
    me = f.member(session, org, date(2025, 1, 10))
    other = f.member(session, org, date(2025, 1, 10))
    myself = Actor(user_id=905, role=Role.MEMBER, label="me@example.org", member_id=me.id)
    with pytest.raises(PermissionDenied):  # a member cannot make someone else leave
        leave_community(session, myself, other.id, NOW)
    assert session.get(Member, other.id).status == "active"

    leave_community(session, myself, me.id, NOW)
    assert (me.status, me.left_on) == ("left", TODAY)
    entry = session.exec(select(AuditEntry).where(AuditEntry.action == "leave")).one()
    assert (entry.before["status"], entry.after["status"]) == ("active", "left")
    june = growth_by_month(session, NOW)[-1]
    assert (june.month, june.leavers) == (date(2026, 6, 1), 1)

    with pytest.raises(InvalidInput):  # already left
        leave_community(session, myself, me.id, NOW)


def test_the_steering_group_records_that_someone_left(session):
    from dashboard.domain.membership.lifecycle import leave_community

    m = f.member(session, f.organisation(session), date(2025, 1, 10))
    with pytest.raises(PermissionDenied):
        leave_community(session, VISITOR, m.id, NOW)
    leave_community(session, STEERING, m.id, NOW)
    assert m.status == "left"


def test_the_bodies_list_filters_by_type_region_and_outreach(directory, session):
    north, south = directory
    f.organisation(session, "powys", body_type="local_authority", region="mid")
    session.commit()

    def listed(query):
        return [(b.name_en, b.members) for b in bodies_with_members(session, 1, query).rows]

    assert listed(BodyQuery()) == [("Cardiff-Health", 2), ("Cyngor-Ceredigion", 2), ("Powys", 0)]
    assert listed(BodyQuery(body_type="local_authority")) == [("Cyngor-Ceredigion", 2),
                                                              ("Powys", 0)]
    assert listed(BodyQuery(region="south_east")) == [("Cardiff-Health", 2)]
    assert listed(BodyQuery(outreach=True)) == [("Powys", 0)]
    assert listed(BodyQuery(body_type="health_board", outreach=True)) == []


def test_the_bodies_query_round_trips_through_the_url():
    query = BodyQuery(body_type="police", region="north", outreach=True)
    assert query.to_params() == {"btype": "police", "bregion": "north", "outreach": "1"}
    assert BodyQuery.from_params(query.to_params()) == query
    # Anything unknown is ignored, as in the directory's query.
    assert BodyQuery.from_params({"outreach": "yes", "btype": "x" * 500,
                                  "bregion": "atlantis"}) == BodyQuery()
    assert BodyQuery().to_params() == {}
