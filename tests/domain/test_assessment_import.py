"""Importing a survey export: answers as text mapped to levels, bad rows named, all or nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from dashboard.domain.auth import SYSTEM, Actor
from dashboard.domain.errors import InvalidInput, PermissionDenied
from dashboard.domain.importing import Problem, Rejected
from dashboard.domain.maturity.assessment_import import (
    answer_level,
    commit,
    default_answer_mapping,
    preview,
    read_file,
    suggest_mapping,
)
from dashboard.models import Assessment, AssessmentScore, Role
from tests import factories as f

CSV = """Body,D0,D1,D2
body-a,Level 3 - Developing,Strongly agree,N/A
Body-B,Mostly,Agree,Level 1
"""


@pytest.fixture
def setup(session):
    dims = f.framework(session, dimensions=3)
    f.assessment_round(session, "2026", date(2026, 10, 1))
    f.organisation(session, "body-a")
    f.organisation(session, "body-b")
    return dims


def rows(text):
    return read_file(text.encode("utf-8"), "export.csv")


def test_default_mapping_reads_levels_likert_and_not_applicable():
    mapping = default_answer_mapping({"2": {"en": "Emerging", "cy": "Dod i'r amlwg"}})
    assert answer_level("Level 3 - Developing", mapping) == 3
    assert answer_level("4", mapping) == 4
    assert answer_level("  strongly   AGREE ", mapping) == 5
    assert answer_level("Dod i’r amlwg", mapping) == 2
    assert answer_level("Not applicable", mapping) == "na"
    assert answer_level("Level 7", mapping) is None
    assert answer_level("Mostly", mapping) is None


def test_bad_rows_are_named_and_nothing_is_written(session, setup):
    result = preview(session, SYSTEM, rows(CSV), "2026")
    # "Mostly" maps to nothing: the row is rejected, naming the column and the answer, in the
    # shape every import shares.
    assert result.rejected == (Rejected(3, (Problem(
        "column '{column}': '{answer}' is not mapped to a level",
        {"column": "D0", "answer": "Mostly"}),)),)
    assert [p.english() for p in result.rejected[0].problems] == [
        "column 'D0': 'Mostly' is not mapped to a level"]
    assert result.accepted == 1 and not result.ok
    assert result.unmapped_answers == ("Mostly",)
    with pytest.raises(InvalidInput, match="nothing was imported"):
        commit(session, SYSTEM, result)
    assert session.exec(select(Assessment)).all() == []


def test_mapping_step_fixes_the_answers_then_commits_every_row(session, setup):
    result = preview(session, SYSTEM, rows(CSV), "2026", answer_mapping={"mostly": 2})
    assert result.ok and len(result.rows) == 2
    assert commit(session, SYSTEM, result) == 2
    levels = sorted(((s.level or 0), s.not_applicable)
                    for s in session.exec(select(AssessmentScore)))
    assert levels == [(0, True), (1, False), (2, False), (3, False), (4, False), (5, False)]
    assert {a.status for a in session.exec(select(Assessment))} == {"submitted"}


def test_unknown_and_repeated_bodies_are_rejected(session, setup):
    text = CSV.replace("Body-B,Mostly", "Nobody Council,3") + "body-a,1,1,1\n"
    result = preview(session, SYSTEM, rows(text), "2026")
    assert [(r.row, [p.english() for p in r.problems]) for r in result.rejected] == [
        (3, ["no body called 'Nobody Council'"]), (4, ["the same body as row 2"])]


def test_a_missing_dimension_column_must_be_mapped(session, setup):
    text = "Body,D0,D1,Question three\nbody-a,1,2,3\n"
    with pytest.raises(InvalidInput) as error:
        preview(session, SYSTEM, rows(text), "2026")
    assert error.value.params == {"key": "d2"}
    result = preview(session, SYSTEM, rows(text), "2026", column_mapping={"Question three": "d2"})
    assert result.ok


def test_only_the_steering_group_imports(session, setup):
    result = preview(session, SYSTEM, rows(CSV), "2026", answer_mapping={"mostly": 2})
    member = Actor(user_id=1, role=Role.MEMBER, label="m")
    with pytest.raises(PermissionDenied):
        preview(session, member, rows(CSV), "2026")
    with pytest.raises(PermissionDenied):
        commit(session, member, result)
    assert session.exec(select(Assessment)).all() == []


def test_an_accepted_assessment_is_not_overwritten(session, setup):
    commit(session, SYSTEM, preview(session, SYSTEM, rows(CSV), "2026", {"Mostly": 2}), accept=True)
    again = preview(session, SYSTEM, rows(CSV), "2026", {"Mostly": 2})
    assert [p.row for p in again.rejected] == [2, 3]


def test_an_excel_export_reads_like_the_csv(session, setup, tmp_path):
    import pandas as pd

    path = tmp_path / "forms.xlsx"
    pd.DataFrame([{"Body": "body-a", "D0": "Level 3 - Developing", "D1": "Agree", "D2": 2}]
                 ).to_excel(path, index=False)
    table = read_file(path.read_bytes(), "Forms.XLSX")
    assert table.records() == [
        {"Body": "body-a", "D0": "Level 3 - Developing", "D1": "Agree", "D2": "2"}]
    assert preview(session, SYSTEM, table, "2026").ok


def test_other_files_are_refused_with_a_clear_message(session, setup):
    with pytest.raises(InvalidInput, match="CSV or Excel"):
        read_file(b"x", "export.pdf")
    with pytest.raises(InvalidInput, match="could not be read as an Excel workbook"):
        read_file(b"not a workbook", "export.xlsx")


def test_command_line_import_is_all_or_nothing(session, setup, tmp_path, capsys):
    from dashboard.cli import main

    session.commit()
    export = tmp_path / "forms.csv"
    export.write_text(CSV, encoding="utf-8")
    assert main(["import", "assessments", str(export), "--round", "2026"]) == 1
    assert "row 3: column 'D0': 'Mostly' is not mapped to a level" in capsys.readouterr().err
    assert session.exec(select(Assessment)).all() == []
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"answers": {"Mostly": 4}}', encoding="utf-8")
    assert main(["import", "assessments", str(export), "--round", "2026",
                 "--mapping", str(mapping), "--accept"]) == 0
    assert "2 assessments imported" in capsys.readouterr().out
    session.expire_all()
    assert {a.status for a in session.exec(select(Assessment))} == {"accepted"}


def test_a_row_with_several_problems_reports_them_all(session, setup):
    text = "Body,D0,D1,D2\nNobody Council,Mostly,Agree,Somewhat\nbody-b,1,2,3\n"
    result = preview(session, SYSTEM, rows(text), "2026")
    [rejected] = result.rejected
    assert rejected.row == 2
    assert [p.english() for p in rejected.problems] == [
        "no body called 'Nobody Council'",
        "column 'D0': 'Mostly' is not mapped to a level",
        "column 'D2': 'Somewhat' is not mapped to a level",
    ]
    assert result.unmapped_answers == ("Mostly", "Somewhat")


def test_a_table_keeps_the_rows_numbers_and_the_body_column_can_be_chosen(session, setup):
    text = "Corff,D0,D1,D2\nbody-a,1,2,3\n\nNobody,1,2,3\n"
    table = read_file(text.encode(), "export.csv")
    assert suggest_mapping(table.headers) == {"body": "Corff"}
    result = preview(session, SYSTEM, table, "2026")
    assert [r.row for r in result.rejected] == [4]  # the blank line keeps its number
    with pytest.raises(InvalidInput, match="column called Body"):
        preview(session, SYSTEM, read_file(text.replace("Corff", "Who").encode(), "x.csv"),
                "2026")
    chosen = preview(session, SYSTEM, read_file(text.replace("Corff", "Who").encode(), "x.csv"),
                     "2026", body_column="Who")
    assert [r.row for r in chosen.rejected] == [4] and len(chosen.rows) == 1
