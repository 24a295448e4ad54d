"""The members page in the browser: the directory's search, filters, sorting and paging (kept
in the URL), its export, the outreach list and the growth figures."""

from __future__ import annotations

import csv
import re
import uuid
from datetime import date

import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from dashboard import routes
from dashboard.domain.membership.bodies import find_bodies
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


def test_the_rows_are_drawn_as_radixs_table_draws_its_own(page):
    """The list's rows are plain elements with Radix's classes (components.tables.row): each
    cell has the padding and the line of the header's cells, which Radix draws itself."""
    sign_in(page, "member")
    open_page(page, routes.MEMBERS)
    rows(page).first.wait_for()
    looks = directory(page).locator("table").evaluate("""table => {
        const look = (el) => { const s = getComputedStyle(el);
            return [s.paddingLeft, s.paddingTop, s.boxShadow, s.verticalAlign]; };
        return {header: look(table.querySelector('thead th')),
                name: look(table.querySelector('tbody th')),
                cell: look(table.querySelector('tbody td'))};
    }""")
    assert looks["name"] == looks["cell"] == looks["header"], looks
    assert rows(page).first.locator("th[scope=row] a").count() == 1


def test_the_export_link_carries_the_filters_and_hides_emails_from_members(page):
    sign_in(page, "member")
    open_page(page, routes.MEMBERS + "?region=north")
    link = directory(page).get_by_role("link", name="CSV")
    assert "region=north" in link.get_attribute("href")
    with page.expect_download() as download:
        link.click()
    with open(download.value.path(), encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert header[:2] == ["Name", "Organisation"] and "Email" not in header
    region = header.index("Region")
    assert rows and [row for row in rows if row[region] != "North Wales"] == []


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
    tables.nth(0).locator("tbody tr").nth(11).wait_for()  # the figures load after the page
    assert tables.nth(0).locator("tbody tr").count() == 12
    # The charts are drawn once the page's loads are done, also when it opens again.
    for _ in range(2):
        for section, bars in (("Growth", "svg.recharts-surface .recharts-bar-rectangle"),
                              ("Sector coverage", ".hbars-track")):
            chart = page.get_by_role("region", name=section, exact=True).locator(bars)
            chart.first.wait_for()
        page.reload(wait_until="networkidle")
    # Each type of body's bar is as long as its share in the table beside it.
    coverage = page.get_by_role("region", name="Sector coverage", exact=True)
    coverage.locator(".hbars-track").first.wait_for()
    drawn = coverage.locator(".hbars-track").evaluate_all(
        "tracks => tracks.map(track => Math.round(100 * track.firstElementChild"
        ".getBoundingClientRect().width / track.clientWidth))")
    shares = coverage.locator("table").first.locator("tbody tr td:nth-of-type(2)")
    assert drawn == [int(share.rstrip("%")) for share in shares.all_inner_texts()]
    assert len(drawn) > 3
    growth.get_by_label("Period").select_option("36")
    page.wait_for_url(re.compile(r"months=36"))
    tables.nth(0).locator("tbody tr").nth(35).wait_for()
    assert tables.nth(1).locator("tbody tr").count() == 36
    # Each part of the page puts its own settings in the address and keeps the others'.
    directory(page).get_by_label("Type of body").select_option("police")
    page.wait_for_url(re.compile(r"type=police&months=36$"))
    bodies(page).get_by_label("Region").select_option("north")
    page.wait_for_url(re.compile(r"type=police&bregion=north&months=36$"))
    growth.get_by_label("Period").select_option("24")
    page.wait_for_url(re.compile(r"type=police&bregion=north&months=24$"))
    open_page(page, routes.MEMBERS + "?months=24")
    assert growth.get_by_label("Period").input_value() == "24"
    tables.nth(0).locator("tbody tr").nth(23).wait_for()
    assert tables.nth(0).locator("tbody tr").count() == 24
    assert page.watcher.errors == []


# A name of 200 letters with no space to break at: the worst case of a long name.
LONG_NAME = ("Gwenllian" + "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch" * 4)[:200]


@pytest.fixture
def long_names(demo_database):
    """A request to join, a member and a registry body, each with a 200-letter name (and
    the member's job title and 'other' body as long), removed afterwards."""
    tag = LONG_NAME[:150] + uuid.uuid4().hex[:8]
    with Session(demo_database) as session:
        body = Organisation(slug=f"long-{tag[-8:]}", name_en=LONG_NAME[:192] + tag[-8:],
                            name_cy=LONG_NAME[:192] + tag[-8:], body_type="sponsored_body",
                            region="all_wales")
        session.add(body)
        session.flush()
        pending = Member(full_name=LONG_NAME[:192] + tag[-8:], status="pending",
                         email=f"long.pending.{tag[-8:]}@example.org", organisation_id=body.id,
                         job_title=LONG_NAME, language="cy")
        active = Member(full_name=LONG_NAME[:192] + tag[-8:][::-1], status="active",
                        email=f"long.active.{tag[-8:]}@example.org", organisation_other=LONG_NAME,
                        job_title=LONG_NAME, language="cy", joined_on=date(2025, 1, 6))
        session.add_all([pending, active])
        session.commit()
        made = (pending.full_name, active.full_name, body.name_en)
        ids = (pending.id, active.id, body.id)
    yield made
    with Session(demo_database) as session:
        for model, row_id in zip((Member, Member, Organisation), ids):
            row = session.get(model, row_id)
            if row is not None:
                session.delete(row)
                session.flush()
        session.commit()


def seen_without_scrolling_sideways(locator) -> bool:
    """The element is within the screen's width and not cut off by any box that scrolls
    sideways (a table scrolled to its start): seen without scrolling anything sideways."""
    return locator.evaluate("""el => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.left < 0 || r.right > window.innerWidth) return false;
        for (let box = el.parentElement; box; box = box.parentElement) {
            if (getComputedStyle(box).overflowX === 'visible') continue;
            const b = box.getBoundingClientRect();
            if (box.scrollLeft !== 0 || r.left < b.left - 1 || r.right > b.right + 1) return false;
        }
        return true;
    }""")


def text_width(cell) -> float:
    """How wide a cell's text is laid out (the cell itself may be wider, when the table has
    room to spare)."""
    return cell.evaluate("c => c.firstElementChild.getBoundingClientRect().width")


def fits_its_box(locator) -> bool:
    """The table inside ``locator`` (a table-scroll box) is no wider than the box."""
    return locator.evaluate("box => box.scrollWidth <= box.clientWidth + 1")


@pytest.mark.parametrize("width", [390, 1280])
def test_long_names_wrap_and_keep_the_decisions_on_screen(page, long_names, width):
    """However long a name, Approve and Decline stay on screen, and the directory's and the
    bodies' names wrap rather than widen their tables; all of every name stays readable."""
    pending, active, body = long_names
    sign_in(page, "steering")
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, routes.MEMBERS)
    queue = page.get_by_role("region", name="Requests to join", exact=True)
    queue.get_by_role("heading").scroll_into_view_if_needed()  # down the page, not sideways
    for action in ("Approve", "Decline"):
        button = queue.get_by_role("button", name=f"{action} {pending}")
        assert seen_without_scrolling_sideways(button), action
    assert pending in queue.inner_text().replace("\n", "")

    search = page.get_by_label("Search by name, organisation, job title or email")
    search.fill(active[-20:])
    page.get_by_role("button", name="Search").click()
    row = rows(page).filter(has_text=active[-12:]).first
    row.wait_for()
    name = row.get_by_role("rowheader")
    assert name.inner_text().replace("\n", "") == active
    assert text_width(name) <= min(width * 0.75, 400)
    listed = bodies(page)
    listed.get_by_label("Type of body").select_option("sponsored_body")
    page.wait_for_url(re.compile(r"btype=sponsored_body"))
    cell = listed.get_by_role("rowheader").filter(has_text=body[-8:])
    cell.wait_for()
    assert cell.inner_text().replace("\n", "") == body
    assert fits_its_box(listed.locator(".table-scroll"))  # the name wraps, no sideways scroll
    if width >= 1280:  # room for every column: the directory does not scroll sideways
        assert text_width(cell) <= 480
        assert fits_its_box(directory(page).locator(".table-scroll"))
    else:  # on a phone the bodies, growth and cohort tables are cards, not tables to scroll
        assert text_width(cell) <= width - 40  # the card's width, inside the page's margins
        growth = page.get_by_role("region", name="Growth", exact=True)
        growth.locator("td[data-label]").first.wait_for()
        for box in growth.locator(".table-scroll").all():
            assert fits_its_box(box)
            assert box.evaluate("b => b.getBoundingClientRect().height") > 200  # not folded
    assert axe_violations(page) == []
    assert page.watcher.errors == []


def a_body(engine) -> Organisation:
    """The registry body of the first active member (by name) who works for one: the picker
    offers registry bodies only, and earlier tests import members of other bodies."""
    with Session(engine) as session:
        return session.exec(
            select(Organisation).join(Member, Member.organisation_id == Organisation.id)
            .where(Member.status == "active", Organisation.in_registry)
            .order_by(Member.full_name)
        ).first()


def wait_for_matches(page, engine, label: str, typed: str) -> None:
    """Wait until a body picker's list is the one for all that was typed: a search for
    part of it, sent during a pause in the typing, may come first."""
    with Session(engine) as session:
        names = [b.name_en for b in find_bodies(session, typed)]
    expect(page.get_by_role("listbox", name=label).get_by_role("option")).to_have_text(names)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_organisation_picker_by_keyboard_in_both_languages(page, demo_database, width):
    """The directory's organisation filter is a combobox: type, arrow down, Enter; Escape
    closes its list; in Welsh it finds and shows the Welsh names."""
    body = a_body(demo_database)
    sign_in(page, "member")
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, routes.MEMBERS)
    box = page.get_by_role("combobox", name="Organisation")
    options = page.get_by_role("listbox", name="Organisation").get_by_role("option")
    assert box.get_attribute("aria-expanded") == "false"

    box.focus()
    page.keyboard.type(body.name_en.upper())  # case aside
    wait_for_matches(page, demo_database, "Organisation", body.name_en.upper())
    assert box.get_attribute("aria-expanded") == "true"
    page.get_by_role("status").filter(has_text=re.compile(r"\d+ bod(y|ies) found")).wait_for()
    page.keyboard.press("ArrowDown")
    first = options.first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.inner_text() == body.name_en  # its own name begins with what was typed
    assert axe_violations(page) == []
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"org={body.id}\b"))
    rows(page).first.wait_for()
    assert box.input_value() == body.name_en
    assert box.evaluate("el => el === document.activeElement")  # the focus stays
    assert box.get_attribute("aria-expanded") == "false"
    assert all(body.name_en in rows(page).nth(i).inner_text() for i in range(rows(page).count()))

    # Nothing matches: it says so. Escape closes a list that is open.
    box.fill("")
    page.wait_for_url(re.compile(r"/members$"))  # an emptied box is no filter
    page.keyboard.type("zzqx")
    page.get_by_role("status").filter(has_text="No body's name contains “zzqx”.").wait_for()
    box.fill(body.name_en[:4])
    options.first.wait_for()
    page.keyboard.press("Escape")
    options.first.wait_for(state="hidden")
    assert box.get_attribute("aria-expanded") == "false"

    # In Welsh: the label, the hint, the names and the status line.
    open_page(page, routes.MEMBERS + f"?org={body.id}")
    page.get_by_role("button", name="Cymraeg").click()
    welsh_box = page.get_by_role("combobox", name="Sefydliad")
    page.wait_for_function(
        "([id, name]) => document.getElementById(id).value === name", arg=["filter-org",
                                                                       body.name_cy])
    welsh_box.fill(body.name_cy[:-1])  # a change: the whole name is there already
    page.get_by_role("listbox", name="Sefydliad").get_by_role(
        "option", name=body.name_cy, exact=True).wait_for()
    page.get_by_role("status").filter(has_text=re.compile(r"Daethpwyd o hyd i \d+ corff")) \
        .wait_for()
    assert page.get_by_text("Teipiwch ran o’i enw, yna dewiswch ef o’r rhestr.").is_visible()
    assert axe_violations(page) == []
    assert page.watcher.errors == []
