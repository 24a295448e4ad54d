"""Maturity pages in the browser: the leaders' page in both languages, the tile map's text
alternative, a body's report, and an assessor completing and submitting an assessment."""

from __future__ import annotations

import httpx
import pytest
from sqlmodel import Session, select

from dashboard import routes
from dashboard.domain.auth import create_user
from dashboard.domain.maturity.sector import sector_figures
from dashboard.models import Assessment, Member, Organisation, Role
from tests.browser.conftest import PASSWORD, axe_violations, open_page, sign_in

pytestmark = pytest.mark.browser


def test_leaders_page_in_english_and_welsh(page, demo_database):
    with Session(demo_database) as session:
        figures = sector_figures(session)
    open_page(page, routes.MATURITY)
    assert page.locator("main h1").inner_text() == "Maturity"
    readiness = figures.headline.median_level
    expected = str(int(readiness)) if readiness.is_integer() else f"{readiness:.1f}"
    assert page.get_by_test_id("maturity-readiness").inner_text() == expected
    rows = page.locator("#dimensions ~ div tbody tr")
    assert rows.count() == len(figures.dimensions) == 8
    page.locator("#dimensions ~ div .recharts-bar-rectangle").first.wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cymraeg").click()
    page.wait_for_function(
        "() => document.querySelector('main h1')?.innerText === 'Aeddfedrwydd'", timeout=10_000)
    assert page.get_by_role("heading", name="Newid ers y rownd ddiwethaf").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="English").click()
    assert page.watcher.errors == []


def test_tile_map_has_a_table_alternative(page, demo_database):
    with Session(demo_database) as session:
        figures = sector_figures(session)
    open_page(page, routes.MATURITY)
    table = page.locator("#tile-table table")
    assert table.locator("tbody tr").count() == len(figures.tiles) == 22
    cardiff = next(t for t in figures.tiles if t.slug == "cardiff")
    row = table.locator("tbody tr", has=page.locator("th", has_text="Cardiff Council"))
    status = row.locator("td").nth(1).inner_text()
    expected = {"published": None, "unpublished": "Assessed, not named",
                "none": "Not assessed"}[cardiff.status]
    if expected is None:
        assert status == (str(int(cardiff.level)) if cardiff.level.is_integer()
                          else f"{cardiff.level:.1f}")
    else:
        assert status == expected
    # The grid itself is hidden from screen readers: the table says the same.
    assert page.locator(".tile-map").get_attribute("aria-hidden") == "true"
    # The page's download link reaches the published CSV.
    href = page.get_by_role("link", name="Download the published figures (CSV)").get_attribute("href")
    response = httpx.get(href, timeout=10)
    assert response.status_code == 200 and response.text.startswith("figure,")


def test_named_body_report_opens_for_a_visitor(page, demo_database):
    with Session(demo_database) as session:
        named = sector_figures(session).named
    assert named
    open_page(page, f"/maturity/body/{named[0].slug}")
    assert page.locator("main h1").inner_text() == "Body maturity report"
    assert page.get_by_test_id("body-name").inner_text() == named[0].name_en
    assert page.locator("#levels ~ div tbody tr").count() == 8
    assert axe_violations(page) == []
    # The printed report leaves out the navigation and the print button.
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("button", name="Print this report").is_visible()
    assert page.get_by_test_id("body-name").is_visible()
    assert page.watcher.errors == []


def test_aggregates_endpoint_serves_published_figures(app):
    from reflex.config import get_config

    base = get_config().api_url
    data = httpx.get(f"{base}/api/maturity/aggregates.json", timeout=10).json()
    assert data["threshold"] == 5 and data["rows"]
    assert all(r["value"] is None for r in data["rows"] if r["suppressed"])
    csv = httpx.get(f"{base}/api/maturity/aggregates.csv", timeout=10)
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("figure,body_type,dimension,level,value")


def choose(card, value):
    """Pick a level (or 'na'): the choice is kept on the server, so wait for it to show."""
    radio = card.locator(f"button[role=radio][value='{value}']")
    radio.click()
    page_ = card.page
    page_.wait_for_function("el => el.getAttribute('aria-checked') === 'true'",
                            arg=radio.element_handle(), timeout=10_000)


@pytest.fixture
def assessor(demo_database):
    """A body of its own with an assessor account, so shared demo data stays as it was."""
    with Session(demo_database) as session:
        org = session.exec(select(Organisation).where(Organisation.slug == "browser-test-body")).first()
        if org is None:
            org = Organisation(slug="browser-test-body", name_en="Browser Test Body",
                               name_cy="Corff Prawf Porwr", body_type="other", region="mid",
                               in_registry=False)
            session.add(org)
            session.flush()
            member = Member(full_name="Ada Assessor", email="ada.assessor@example.org",
                            organisation_id=org.id, assessor=True)
            session.add(member)
            session.flush()
            create_user(session, email="assessor@cymuned.example", display_name="Ada Assessor",
                        role=Role.MEMBER, password=PASSWORD, member_id=member.id)
            session.commit()
        return org.id


def test_assessor_completes_and_submits_then_steering_returns_it(page, browser, app, assessor,
                                                                 demo_database):
    sign_in(page, "assessor")
    open_page(page, routes.MATURITY_ASSESS)
    cards = page.locator("[data-testid^=dimension-]")
    assert cards.count() == 8
    # Answer half, save a draft, then try to submit: the missing ones are named.
    for i in range(4):
        choose(cards.nth(i), 3)
    cards.nth(0).get_by_label("How confident are you?").select_option("high")
    cards.nth(0).get_by_label("Evidence notes").fill("Strategy approved by cabinet in 2025.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("status").get_by_text("Draft saved.").wait_for()
    page.get_by_role("button", name="Submit to the steering group").click()
    page.get_by_role("alert").get_by_text("Still to answer", exact=False).wait_for()
    for i in range(4, 8):
        choose(cards.nth(i), "na" if i == 7 else 2)
    page.get_by_role("button", name="Submit to the steering group").click()
    page.get_by_text("Assessment submitted to the steering group.").wait_for()
    assert axe_violations(page) == []
    assert page.get_by_test_id("assessment-status").inner_text() == "Submitted"
    with Session(demo_database) as session:
        assessment = session.exec(select(Assessment).where(
            Assessment.organisation_id == assessor)).one()
        assert assessment.status == "submitted"
    assert page.watcher.errors == []

    # The steering group returns it with a comment (accepting would change shared figures).
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  base_url=app.frontend_url)
    steering = context.new_page()
    sign_in(steering, "steering")
    open_page(steering, routes.MATURITY_REVIEW)
    row = steering.locator("tbody tr", has=steering.locator("th", has_text="Browser Test Body"))
    row.get_by_label("Comment for the body").fill("Please add evidence for data foundations.")
    row.get_by_role("button", name="Return with this comment").click()
    steering.get_by_text("Assessment returned to the body with your comment.").wait_for()
    assert axe_violations(steering) == []
    context.close()
    with Session(demo_database) as session:
        assert session.get(Assessment, assessment.id).status == "returned"


def test_steering_previews_a_survey_export_with_rejected_rows(page, demo_database, tmp_path,
                                                              assessor):
    from dashboard.domain.maturity.framework import framework_view

    with Session(demo_database) as session:
        names = [d.name_en for d in framework_view(session).dimensions]
    header = "Body," + ",".join(f'"{n}"' for n in names)
    export = tmp_path / "forms.csv"
    export.write_text("\n".join([
        header,
        "Nowhere Borough Council," + ",".join(["Level 2 - Emerging"] * len(names)),
        "Browser Test Body," + ",".join(["Mostly"] + ["Agree"] * (len(names) - 1)),
    ]) + "\n", encoding="utf-8")
    sign_in(page, "steering")
    open_page(page, routes.MATURITY_REVIEW)
    page.locator("#survey input[type=file]").set_input_files(str(export))
    page.get_by_role("button", name="Preview the import").click()
    rejected = page.get_by_test_id("import-rejected")
    rejected.get_by_text("Row 2: no body called 'Nowhere Borough Council'").wait_for()
    assert "'Mostly' is not mapped to a level" in rejected.inner_text()
    page.get_by_label("Level for this answer").select_option("4")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=import-rejected]').innerText"
        ".includes('Mostly')", timeout=10_000)
    # One row is still wrong: nothing can be imported.
    assert page.get_by_role("button", name="Import every row").is_disabled()
    assert axe_violations(page) == []
    assert page.watcher.errors == []
