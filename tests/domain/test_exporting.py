"""Formula injection: no text in a CSV or XLSX export can run as a spreadsheet formula
(OWASP: a single quote before a cell that begins with =, +, -, @, tab or carriage return),
and numbers stay numbers."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from dashboard.domain.auth import Actor
from dashboard.domain.exporting import spreadsheet_safe
from dashboard.domain.maturity.publishing import aggregates_csv
from dashboard.domain.maturity.sector import compute_sector_figures
from dashboard.domain.membership.bodies import BodyQuery
from dashboard.domain.membership.directory import DirectoryQuery
from dashboard.domain.membership.member_export import export_bodies, export_members
from dashboard.models import Role
from tests import factories as f
from tests.domain.test_maturity import threshold

NOW = f.utc(2026, 6, 15, 12)
STEERING = Actor(user_id=902, role=Role.STEERING, label="steering@example.org")
FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+1+2", "-2+3", "@SUM(A1)",
            "\t=1+1", "\r=1+1"]

pytestmark = pytest.mark.usefixtures("test_actors")


def test_text_that_a_spreadsheet_would_run_gets_a_quote_and_numbers_do_not():
    assert [spreadsheet_safe(v) for v in FORMULAS] == ["'" + v for v in FORMULAS]
    assert spreadsheet_safe("Ffion = Ŵyn") == "Ffion = Ŵyn"
    assert spreadsheet_safe(-1.5) == -1.5 and spreadsheet_safe(-3) == -3
    assert spreadsheet_safe(None) is None and spreadsheet_safe(date(2026, 1, 2)) == date(2026, 1, 2)


@pytest.fixture
def tricky(session):
    org = f.organisation(session, "gwynedd", region="north")
    org.name_en = "=cmd|' /C calc'!A0"
    for i, name in enumerate(FORMULAS):
        person = f.member(session, org, date(2025, 1, 2 + i), name=name)
        person.job_title = "@Head of digital"
    session.commit()


def test_the_member_export_quotes_formulas_in_csv_and_xlsx(session, tricky):
    query = DirectoryQuery(sort="joined")
    data = export_members(session, STEERING, query, NOW, "csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r[0] for r in rows[1:]] == ["'" + v for v in FORMULAS]
    assert {r[rows[0].index("Job title")] for r in rows[1:]} == {"'@Head of digital"}
    assert {r[1] for r in rows[1:]} == {"'=cmd|' /C calc'!A0"}
    sheet = load_workbook(io.BytesIO(export_members(session, STEERING, query, NOW,
                                                    "xlsx"))).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)  # no formulas
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert names == ["'" + v.replace("\r", "\n") for v in FORMULAS]  # XLSX keeps \n only


def test_the_bodies_export_quotes_formulas(session, tricky):
    rows = list(csv.reader(io.StringIO(
        export_bodies(session, BodyQuery(), "csv").decode("utf-8-sig"))))
    assert rows[1][0] == "'=cmd|' /C calc'!A0" and rows[1][-1] == str(len(FORMULAS))
    sheet = load_workbook(io.BytesIO(export_bodies(session, BodyQuery(), "xlsx"))).active
    assert sheet["A2"].value == "'=cmd|' /C calc'!A0" and sheet["A2"].data_type != "f"


def test_the_maturity_aggregates_quote_names_and_keep_numbers(session):
    dims = f.framework(session, dimensions=1)
    dims[0].name_en = "-1 + dimension"
    r1 = f.assessment_round(session, "r1", date(2025, 10, 1))
    r2 = f.assessment_round(session, "r2", date(2026, 10, 1))
    for slug, before, after in (("a", 5, 1), ("b", 5, 1)):
        org = f.organisation(session, slug)
        f.assessment(session, org, r1, dims, [before])
        f.assessment(session, org, r2, dims, [after])
    threshold(session, 1)
    lines = aggregates_csv(compute_sector_figures(session, today=date(2027, 1, 1))).splitlines()
    rows = list(csv.reader(lines))
    named = [r for r in rows[1:] if r[3] == "d0"]
    assert named and {r[4] for r in named} == {"'-1 + dimension"}
    change = next(r for r in rows if r[0] == "change_in_median_level")
    assert float(change[6]) == -4.0  # a real negative number, not quoted
