"""The steering group's review page in the browser: previewing a survey export, with its
rejected rows named and unknown answers mapped to levels."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from dashboard import routes
from tests.browser.conftest import axe_violations, open_page, sign_in
from tests.browser.test_maturity_assess import add_assessor_body

pytestmark = pytest.mark.browser


@pytest.fixture
def assessor(demo_database):
    return add_assessor_body(demo_database)


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
