"""The survey import on the review page in the browser, through the import wizard: a survey
export's rejected rows named, and unknown answers mapped to levels."""

from __future__ import annotations

import pytest
from sqlmodel import Session, delete, select

from dashboard import routes
from dashboard.models import Assessment, AssessmentScore
from tests.browser.conftest import axe_violations, open_page, sign_in
from tests.browser.test_maturity_assess import add_assessor_body

pytestmark = pytest.mark.browser


@pytest.fixture
def assessor(demo_database):
    """The assessor's body with no assessment: the import never overwrites a draft, and the
    assessor's own browser test may have left one (returned to them) in the open round."""
    body = add_assessor_body(demo_database)
    with Session(demo_database) as session:
        ids = select(Assessment.id).where(Assessment.organisation_id == body)
        session.exec(delete(AssessmentScore).where(AssessmentScore.assessment_id.in_(ids)))
        session.exec(delete(Assessment).where(Assessment.organisation_id == body))
        session.commit()
    return body


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
    assert page.get_by_label("Assessment round").input_value() != ""  # the open round
    page.locator("#survey input[type=file]").set_input_files(str(export))
    page.get_by_text("forms.csv").wait_for()
    page.get_by_role("button", name="Upload and map columns").click()
    page.get_by_role("heading", name="2. Match the columns").wait_for()
    assert page.locator("#map-body").input_value() == "Body"
    page.get_by_role("button", name="Check the rows").click()
    page.get_by_role("cell", name="no body called 'Nowhere Borough Council'").wait_for()
    mostly = page.get_by_role("cell", name="'Mostly' is not mapped to a level")
    assert page.get_by_role("row").filter(has=mostly).get_by_role("rowheader") \
        .inner_text() == "3"
    assert axe_violations(page) == []
    page.get_by_label("Level for this answer").select_option("4")
    mostly.wait_for(state="detached", timeout=10_000)
    page.get_by_text("Rows ready to import: 1.").wait_for()
    # One row is still wrong: nothing can be imported.
    assert page.get_by_role("cell", name="no body called 'Nowhere Borough Council'").is_visible()
    assert page.get_by_role("button", name="Import every row").is_disabled()
    assert axe_violations(page) == []
    # Cancelling drops the file on the server and starts again.
    page.get_by_test_id("import-cancel").click()
    page.get_by_role("heading", name="3. Check and import").wait_for(state="detached")
    assert page.get_by_role("heading", name="2. Match the columns").count() == 0
    assert page.watcher.errors == []
