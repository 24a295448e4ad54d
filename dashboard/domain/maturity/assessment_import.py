"""Importing self-assessments from a survey export (CSV or XLSX, e.g. Microsoft Forms).

Two steps, as in the UI and the CLI:

1. ``preview``: read the file (CSV or XLSX, through ``dashboard.domain.importing``), match
   its columns to the framework's dimensions and its answers ("Level 3 - Developing",
   "Strongly agree", "N/A") to levels through the mapping (the defaults plus the user's
   own), and list every rejected row with all of its problems.
2. ``commit``: write every row in one transaction, or nothing at all if any row was
   rejected.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlmodel import Session, select

from dashboard.domain import audit, importing
from dashboard.domain.auth import Actor, require_role
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.domain.importing import N_, FileRules, Problem, Rejected, Table, loose
from dashboard.domain.maturity.framework import newest_framework
from dashboard.models import (
    Assessment,
    AssessmentRound,
    AssessmentScore,
    AssessmentStatus,
    MaturityDimension,
    Organisation,
    Role,
    utcnow,
)

NOT_APPLICABLE = "na"
BODY_COLUMNS = ("body", "organisation", "organization", "corff", "sefydliad")
LIKERT = {
    "strongly disagree": 1, "disagree": 2, "neither agree nor disagree": 3, "agree": 4,
    "strongly agree": 5,
    "anghytuno'n gryf": 1, "anghytuno": 2, "dim yn cytuno nac yn anghytuno": 3, "cytuno": 4,
    "cytuno'n gryf": 5,
}
NA_WORDS = {"n/a", "na", "not applicable", "amherthnasol", "dim yn berthnasol"}
LEADING_LEVEL = re.compile(r"^(?:level|lefel)?\s*([1-5])\b", re.IGNORECASE)
# Survey exports: UTF-8, or Windows-1252 from an older Excel.
READING = FileRules(fallback_encoding="cp1252")

_norm = loose  # answers, bodies and headings are all compared loosely


@dataclass(frozen=True)
class SurveyRow:
    """A body's self-assessment, ready to import."""

    row: int  # the row in the file (row 1 holds the headings)
    organisation_id: int
    levels: Mapping[str, int | str]  # dimension key -> level 1..5 or NOT_APPLICABLE


@dataclass(frozen=True)
class SurveyPreview(importing.Preview[SurveyRow]):
    """What importing the file would do: the shared preview, and the round it is for, which
    column holds which dimension and the answers no level is known for."""

    round_name: str = ""
    columns: Mapping[str, str] = field(default_factory=dict)  # heading -> dimension key
    unmapped_answers: tuple[str, ...] = ()  # sorted


def read_file(data: bytes, filename: str) -> Table:
    """The file's headings and rows: a CSV, or the first sheet of an XLSX workbook."""
    if not filename.lower().endswith((".csv", ".xlsx")):
        raise InvalidInput("Upload the survey export as a CSV or Excel (.xlsx) file.")
    return importing.read_table(data, filename, READING)


def suggest_mapping(headers: Sequence[str]) -> dict[str, str]:
    """{"body": the heading of the column naming each body}, when one is recognised."""
    return importing.suggest_mapping(headers, {"body": BODY_COLUMNS})


def default_answer_mapping(level_names: dict) -> dict[str, int | str]:
    mapping: dict[str, int | str] = dict(LIKERT)
    for level, names in level_names.items():
        for name in names.values():
            mapping[_norm(name)] = int(level)
    for word in NA_WORDS:
        mapping[word] = NOT_APPLICABLE
    return mapping


def answer_level(text: str, mapping: dict[str, int | str]) -> int | str | None:
    """A level 1..5, 'na', or None when the answer cannot be mapped."""
    key = _norm(text)
    if key in mapping:
        return mapping[key]
    match = LEADING_LEVEL.match(key)
    return int(match.group(1)) if match else None


def preview(session: Session, actor: Actor, table: Table, round_name: str,
            answer_mapping: Mapping[str, int | str] | None = None,
            column_mapping: Mapping[str, str] | None = None,
            body_column: str | None = None) -> SurveyPreview:
    """Match the file (``read_file``) to the framework and bodies; nothing is written
    (steering group).

    ``answer_mapping``: answer -> level (1..5 or "na"), for answers the defaults do not know.
    ``column_mapping``: file column -> dimension key, for columns not named after one.
    ``body_column``: the column naming each body (default: guessed from its heading).
    """
    require_role(actor, Role.STEERING)
    framework = newest_framework(session)
    if framework is None:
        raise InvalidInput("No maturity framework has been loaded.")
    round_ = session.exec(select(AssessmentRound).where(AssessmentRound.name == round_name)).first()
    if round_ is None:
        raise NotFound("There is no assessment round called {name}.", name=round_name)
    dims = session.exec(select(MaturityDimension).where(
        MaturityDimension.framework_id == framework.id)).all()
    names = {}
    for d in dims:
        for label in (d.key, d.name_en, d.name_cy):
            names[_norm(label)] = d.key
    headers = list(table.headers)
    columns = {}
    for header in headers:
        key = (column_mapping or {}).get(header) or names.get(_norm(header))
        if key:
            columns[header] = key
    missing = sorted({d.key for d in dims} - set(columns.values()))
    if missing:
        raise InvalidInput("The file has no column for the dimension {key}; map one to it.",
                           key=missing[0])
    body_column = body_column or suggest_mapping(headers).get("body")
    if body_column is None or body_column not in headers:
        raise InvalidInput("The file needs a column called Body with each body's name.")
    mapping = default_answer_mapping(framework.level_names)
    mapping.update({_norm(k): v for k, v in (answer_mapping or {}).items()})
    bodies = {}
    for org in session.exec(select(Organisation)).all():
        for label in (org.slug, org.name_en, org.name_cy):
            bodies[_norm(label)] = org.id
    existing = {a.organisation_id: a for a in session.exec(
        select(Assessment).where(Assessment.round_id == round_.id)).all()}
    rows: list[SurveyRow] = []
    rejected: list[Rejected] = []
    seen: dict[int, int] = {}
    unmapped: set[str] = set()
    read = {"body": body_column, **{f"column {h}": h for h in columns}}  # field -> heading
    for row in importing.mapped_rows(table, read):
        number = row.number
        # Every problem of the row, so a person correcting the file fixes it in one go.
        problems: list[Problem] = []
        body_text = _text(row.value("body"))
        org_id = bodies.get(_norm(body_text))
        if org_id is None:
            problems.append(Problem(N_("no body called '{body}'"), {"body": body_text}))
        elif org_id in seen:
            problems.append(Problem(N_("the same body as row {other}"), {"other": seen[org_id]}))
        else:
            seen[org_id] = number
            current = existing.get(org_id)
            if current is not None and current.status in (AssessmentStatus.DRAFT.value,
                                                          AssessmentStatus.RETURNED.value):
                # An assessor's work in progress is theirs: the file never overwrites it.
                problems.append(Problem(
                    N_("{body} has a draft its assessor is working on in this round: they "
                       "submit it, or the steering group imports this body another round"),
                    {"body": body_text}))
            elif current is not None:
                problems.append(Problem(
                    N_("{body} already has a submitted or accepted assessment in this round"),
                    {"body": body_text}))
        levels: dict[str, int | str] = {}
        for header, key in columns.items():
            text = _text(row.value(f"column {header}"))
            level = answer_level(text, mapping) if text else None
            if level is None:
                unmapped.add(text)
                problems.append(Problem(N_("column '{column}': '{answer}' is not mapped to a "
                                           "level"), {"column": header, "answer": text}))
            levels[key] = level
        if problems:
            rejected.append(Rejected(number, tuple(problems)))
            continue
        rows.append(SurveyRow(number, org_id, levels))
    return SurveyPreview(tuple(rows), tuple(rejected), round_name=round_.name, columns=columns,
                         unmapped_answers=tuple(sorted(unmapped)))


def _text(value: object) -> str:
    """A cell's text, spaces at either end removed (an empty cell: "")."""
    return "" if value is None else str(value).strip()


def commit(session: Session, actor: Actor, result: SurveyPreview, accept: bool = False) -> int:
    """Write every previewed row in the caller's transaction; refuse if any was rejected."""
    require_role(actor, Role.STEERING)
    importing.require_ok(result,
                         rejected=N_("{n} rows were rejected, so nothing was imported."),
                         empty=N_("The file has no rows to import."))
    framework = newest_framework(session)
    round_ = session.exec(select(AssessmentRound).where(
        AssessmentRound.name == result.round_name)).one()
    dims = {d.key: d for d in session.exec(select(MaturityDimension).where(
        MaturityDimension.framework_id == framework.id)).all()}
    now = utcnow()
    status = AssessmentStatus.ACCEPTED.value if accept else AssessmentStatus.SUBMITTED.value
    for row in result.rows:
        org_id, levels = row.organisation_id, dict(row.levels)
        assessment = session.exec(select(Assessment).where(
            Assessment.organisation_id == org_id, Assessment.round_id == round_.id)).first()
        if assessment is not None:
            # Started (a draft) or submitted since the preview: never overwritten.
            body = session.get(Organisation, org_id)
            raise InvalidInput("Row {row}: {body} has had a self-assessment started since the "
                               "preview, so nothing was imported. Check the file again.",
                               row=row.row, body={"en": body.name_en, "cy": body.name_cy})
        assessment = Assessment(organisation_id=org_id, round_id=round_.id,
                                framework_id=framework.id)
        assessment.status = status
        assessment.submitted_at = now
        assessment.accepted_at = now if accept else None
        assessment.updated_at = now
        session.add(assessment)
        session.flush()
        for key, level in levels.items():
            session.add(AssessmentScore(
                assessment_id=assessment.id, dimension_id=dims[key].id,
                level=None if level == NOT_APPLICABLE else int(level),
                not_applicable=level == NOT_APPLICABLE))
        audit.record(session, actor, "import", "assessment", assessment.id, before=None,
                     after={"status": status, "levels": levels})
    session.flush()
    return len(result.rows)
