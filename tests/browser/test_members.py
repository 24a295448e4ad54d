"""The members page in the browser: the directory's search, filters, sorting and paging (kept
in the URL), its export, the outreach list and the growth figures."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from dashboard import routes
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
    search = page.get_by_label("Search by name, organisation or job title")
    assert search.input_value() == person.full_name
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
