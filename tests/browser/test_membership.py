"""Membership in the browser: the directory's search, filters and paging (kept in the URL),
profiles, and a join request through to the steering group's approval."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlmodel import Session, select

from dashboard import routes
from dashboard.domain.clock import london_today, utc_now
from dashboard.models import Member, Organisation
from tests.browser.conftest import axe_violations, open_page, sign_in

pytestmark = pytest.mark.browser


def a_member(engine) -> Member:
    """An active demo member with a body (the first by name)."""
    with Session(engine) as session:
        return session.exec(
            select(Member).where(Member.status == "active", Member.organisation_id.is_not(None))
            .order_by(Member.full_name)
        ).first()


def rows(page):
    return page.locator("#members-list ~ div tbody tr")


def directory(page):
    """The directory's section (the bodies list above it has its own Region filter)."""
    return page.get_by_role("region", name="Members", exact=True)


def bodies(page):
    return page.get_by_role("region", name="Public bodies", exact=True)


def test_join_page_opens_in_both_languages_and_passes_axe(page):
    open_page(page, routes.JOIN)
    assert page.locator("main h1").inner_text() == "Join the community"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cymraeg").click()
    page.locator("main h1", has_text="Ymuno â’r gymuned").wait_for()
    assert page.get_by_label("Enw llawn").is_visible()
    assert axe_violations(page) == []
    assert page.watcher.errors == []


def test_search_filter_and_paging_are_kept_in_the_url(page, demo_database):
    person = a_member(demo_database)
    sign_in(page, "member")
    open_page(page, routes.MEMBERS)
    assert rows(page).count() == 25
    # No emails for a member.
    assert page.get_by_role("columnheader", name="Email").count() == 0

    page.get_by_label("Search by name, organisation or job title").fill(person.full_name)
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"q="))
    rows(page).filter(has_text=person.full_name).first.wait_for()
    assert axe_violations(page) == []

    # A shared link opens the same view.
    open_page(page, routes.MEMBERS + "?" + page.url.split("?", 1)[1])
    assert page.get_by_label("Search by name, organisation or job title").input_value() == person.full_name
    rows(page).filter(has_text=person.full_name).first.wait_for()

    page.get_by_role("button", name="Clear search and filters").click()
    page.wait_for_url(re.compile(r"/members$"))
    directory(page).get_by_label("Region").select_option("north")
    page.wait_for_url(re.compile(r"region=north"))
    pager = page.get_by_role("navigation", name="Pages of members")
    pager.get_by_role("button", name="Next").click()
    page.wait_for_url(re.compile(r"page=2"))
    pager.get_by_text(re.compile(r"Page 2 of \d+")).wait_for()

    open_page(page, routes.MEMBERS + "?region=north&page=2")
    assert directory(page).get_by_label("Region").input_value() == "north"
    pager.get_by_text(re.compile(r"Page 2 of \d+")).wait_for()
    assert page.watcher.errors == []


def test_sorting_by_a_column(page):
    sign_in(page, "member")
    open_page(page, routes.MEMBERS)
    page.get_by_role("button", name="Joined").click()
    page.wait_for_url(re.compile(r"sort=joined"))
    header = page.locator("th[aria-sort='ascending']")
    header.wait_for()
    page.get_by_role("button", name="Joined").click()
    page.wait_for_url(re.compile(r"dir=desc"))
    page.locator("th[aria-sort='descending']").wait_for()


def test_a_profile_shows_contact_details_only_to_the_steering_group(page, demo_database):
    person = a_member(demo_database)
    sign_in(page, "member")
    open_page(page, f"/members/{person.id}")
    page.get_by_role("heading", name=person.full_name).wait_for()
    assert page.get_by_text(person.email).count() == 0
    assert axe_violations(page) == []
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "steering")
    open_page(page, f"/members/{person.id}")
    page.get_by_role("link", name=person.email).wait_for()
    assert page.watcher.errors == []


def test_a_join_request_through_to_approval(page, demo_database):
    with Session(demo_database) as session:
        body = session.exec(select(Organisation).where(Organisation.in_registry)
                            .order_by(Organisation.name_en)).first()
    tag = uuid.uuid4().hex[:8]
    name, email = f"Siôn Prawf {tag}", f"sion.{tag}@example.org"

    open_page(page, routes.JOIN)
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Work email address").fill(email)
    page.get_by_label("Organisation").select_option(str(body.id))
    page.get_by_label("Job title").fill("Data lead")
    page.get_by_role("button", name="Ask to join").click()
    page.get_by_role("alert").get_by_text(
        "To join, agree to the community holding your details.").wait_for()
    page.get_by_label("I agree to the community holding these details").check()
    page.get_by_role("button", name="Ask to join").click()
    page.get_by_role("status").get_by_text("Thank you.", exact=False).wait_for()
    with Session(demo_database) as session:
        assert session.exec(select(Member.status).where(Member.email == email)).one() == "pending"

    # Not public: a visitor sees no names on the members page.
    open_page(page, routes.MEMBERS)
    assert page.get_by_text(name).count() == 0

    sign_in(page, "steering")
    open_page(page, routes.MEMBERS)
    page.get_by_role("button", name=f"Approve {name}").click()
    page.get_by_text(f"{name} is now a member.").wait_for()
    assert axe_violations(page) == []
    page.get_by_label("Search by name, organisation, job title or email").fill(email)
    page.get_by_role("button", name="Search").click()
    rows(page).filter(has_text=name).first.wait_for()
    assert page.watcher.errors == []


def test_an_import_with_a_bad_row_imports_nothing_then_a_good_one_does(page, demo_database):
    with Session(demo_database) as session:
        body = session.exec(select(Organisation).where(Organisation.in_registry)
                            .order_by(Organisation.name_en)).first()
    tag = uuid.uuid4().hex[:8]
    good_row = f"Mererid Ôl {tag},mererid.{tag}@example.org,{body.name_cy},Ydw,01/03/2025\r\n"
    bad = ("\ufeffEnw,E-bost,Sefydliad,Cytuno,Dyddiad ymuno\r\n" + good_row
           + f"Bad Row,not-an-email,{body.name_en},no,\r\n").encode()
    sign_in(page, "steering")
    open_page(page, routes.MEMBER_IMPORT)
    assert page.locator("main h1").inner_text() == "Import members"
    assert axe_violations(page) == []

    def upload(data: bytes):
        page.locator("#member-file input[type=file]").set_input_files(
            files=[{"name": "members.csv", "mimeType": "text/csv", "buffer": data}])
        page.get_by_role("button", name="Upload and map columns").click()
        page.get_by_role("heading", name="2. Match the columns").wait_for()

    upload(bad)
    assert page.get_by_label("Email").input_value() == "E-bost"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Check the rows").click()
    # Both of the row's problems, in one line of the table.
    reasons = page.get_by_role("cell", name="Row 3: 'not-an-email' is not a valid email address.")
    reasons.wait_for()
    assert "Row 3: there is no consent to hold the details." in reasons.inner_text()
    assert page.get_by_test_id("import-summary").inner_text().endswith("Rows rejected: 1.")
    assert page.get_by_role("button", name="Import 1 member").is_disabled()
    assert axe_violations(page) == []
    # Switching language afterwards translates the reasons too, not only the page around them.
    page.get_by_role("button", name="Cymraeg").click()
    page.get_by_role("cell", name="Rhes 3: nid yw 'not-an-email' yn gyfeiriad e-bost dilys.") \
        .wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="English").click()
    reasons.wait_for()
    with Session(demo_database) as session:
        assert session.exec(select(Member).where(Member.email == f"mererid.{tag}@example.org")).first() is None

    upload(("Enw,E-bost,Sefydliad,Cytuno,Dyddiad ymuno\n" + good_row).encode())
    page.get_by_role("button", name="Check the rows").click()
    page.get_by_role("button", name="Import 1 member").click()
    page.get_by_text("Members imported: 1 added, 0 updated, 0 unchanged.").wait_for()
    with Session(demo_database) as session:
        member = session.exec(select(Member).where(Member.email == f"mererid.{tag}@example.org")).one()
        assert (member.full_name, member.organisation_id) == (f"Mererid Ôl {tag}", body.id)
    assert page.watcher.errors == []


def test_a_member_edits_their_own_profile_and_the_steering_group_erases(page, demo_database):
    from dashboard.models import User

    tag = uuid.uuid4().hex[:8]
    with Session(demo_database) as session:
        person = Member(full_name=f"Tomos {tag}", email=f"tomos.{tag}@example.org",
                        joined_on=london_today(utc_now()), last_active_on=london_today(utc_now()))
        session.add(person)
        session.flush()
        user = session.exec(select(User).where(User.email == "member@cymuned.example")).one()
        previous_link, user.member_id = user.member_id, person.id
        session.add(user)
        session.commit()
        person_id = person.id
    try:
        sign_in(page, "member")
        open_page(page, f"/members/{person_id}")
        page.get_by_role("button", name="Edit profile").click()
        page.get_by_label("Job title").fill("Swyddog data")
        assert page.get_by_label("Community role").count() == 0
        assert axe_violations(page) == []
        page.get_by_role("button", name="Save").click()
        page.get_by_text("The profile was saved.").wait_for()
        page.get_by_text("Swyddog data").wait_for()
    finally:
        with Session(demo_database) as session:
            user = session.exec(select(User).where(User.email == "member@cymuned.example")).one()
            user.member_id = previous_link
            session.add(user)
            session.commit()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "steering")
    open_page(page, f"/members/{person_id}")
    page.get_by_role("button", name="Erase personal data").click()
    page.get_by_role("button", name="Yes, erase this person's data").click()
    page.get_by_text("The member's personal data was erased.", exact=False).wait_for()
    with Session(demo_database) as session:
        erased = session.get(Member, person_id)
        assert (erased.status, erased.email, erased.full_name) == ("erased", None, "Erased member")
    assert page.watcher.errors == []


def test_the_export_link_carries_the_filters_and_hides_emails_from_members(page):
    sign_in(page, "member")
    open_page(page, routes.MEMBERS + "?region=north")
    link = directory(page).get_by_role("link", name="CSV")
    assert "region=north" in link.get_attribute("href")
    with page.expect_download() as download:
        link.click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    header = text.splitlines()[0]
    assert header.startswith("Name,Organisation") and "Email" not in header
    assert all(",north," in line for line in text.splitlines()[1:])
    assert len(text.splitlines()) > 1


def test_the_outreach_list_from_the_coverage_table_to_a_download(page, demo_database):
    """Visitors too: the coverage and the bodies without a member are public."""
    with Session(demo_database) as session:
        unrepresented = session.exec(
            select(Organisation.name_en, Organisation.region).where(
                Organisation.in_registry, Organisation.body_type == "police",
                ~Organisation.id.in_(select(Member.organisation_id).where(
                    Member.status == "active", Member.organisation_id.is_not(None))))
            .order_by(Organisation.name_en)
        ).all()
    assert unrepresented, "the demo leaves some police forces without a member"
    names = [name for name, _ in unrepresented]
    region = unrepresented[0][1]
    open_page(page, routes.MEMBERS)
    coverage = page.get_by_role("region", name="Sector coverage", exact=True)
    button = coverage.get_by_role("button", name=re.compile(
        rf"Show the {len(unrepresented)} bodies without a member: Police"))
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"btype=police&outreach=1"))
    # The keyboard focus follows to the list's heading.
    page.wait_for_function("document.activeElement && document.activeElement.id === 'bodies'")
    listed = bodies(page).locator("tbody tr")
    listed.first.wait_for()
    assert [listed.nth(i).locator("th").inner_text() for i in range(listed.count())] == names
    assert bodies(page).get_by_label("Type of body").input_value() == "police"
    assert bodies(page).get_by_label("Show only bodies not yet represented").is_checked()
    assert axe_violations(page) == []

    # Narrow it by region, then download what is shown.
    bodies(page).get_by_label("Region").select_option(region)
    page.wait_for_url(re.compile(rf"bregion={region}"))
    link = bodies(page).get_by_role("link", name="CSV")
    assert f"bregion={region}" in link.get_attribute("href")
    with page.expect_download() as download:
        link.click()
    lines = open(download.value.path(), encoding="utf-8-sig").read().splitlines()
    assert lines[0] == "Body,Body (Welsh),Type of body,Region,Members"
    expected = [name for name, where in unrepresented if where == region]
    assert [line.split(",")[0] for line in lines[1:]] == expected
    assert all(line.endswith(",Police," + {"mid": "Mid Wales", "north": "North Wales",
                                            "south_east": "South East Wales"}[region] + ",0")
               for line in lines[1:])
    assert page.watcher.errors == []


def test_the_growth_period_changes_the_tables_and_the_url(page):
    sign_in(page, "member")
    open_page(page, routes.MEMBERS)
    growth = page.get_by_role("region", name="Growth", exact=True)
    tables = growth.locator("table")
    assert tables.nth(0).locator("tbody tr").count() == 12
    growth.get_by_label("Period").select_option("36")
    page.wait_for_url(re.compile(r"months=36"))
    tables.nth(0).locator("tbody tr").nth(35).wait_for()
    assert tables.nth(1).locator("tbody tr").count() == 36
    open_page(page, routes.MEMBERS + "?months=24")
    assert growth.get_by_label("Period").input_value() == "24"
    assert tables.nth(0).locator("tbody tr").count() == 24
    assert page.watcher.errors == []
