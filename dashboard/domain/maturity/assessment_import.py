"""Importing self-assessments from a survey export (CSV or XLSX, e.g. Microsoft Forms).

Two steps, as in the UI and the CLI:

1. ``preview``: read the file (CSV or XLSX), match its columns to the framework's dimensions and its
   answers ("Level 3 - Developing", "Strongly agree", "N/A") to levels through the mapping
   (the defaults plus the user's own), and list every rejected row with the reason.
2. ``commit``: write every row in one transaction, or nothing at all if any row was
   rejected.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from sqlmodel import Session, select

from dashboard.domain import audit
from dashboard.domain.auth import Actor, require_role
from dashboard.domain.errors import InvalidInput, NotFound
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


def N_(msgid: str) -> str:
    """Marks a msgid for the catalogue where it is defined apart from where it is shown."""
    return msgid


def _norm(text: str) -> str:
    return " ".join(str(text).replace("\u2019", "'").split()).strip().lower()


@dataclass(frozen=True)
class Problem:
    row: int  # the line in the file (the header is line 1)
    msgid: str
    params: dict

    def english(self) -> str:
        return f"row {self.row}: " + self.msgid.format(**self.params)


@dataclass
class ImportPreview:
    round_name: str
    columns: dict[str, str]  # file column -> dimension key
    rows: list[tuple[int, int, dict[str, int | str]]] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)
    unmapped_answers: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected and bool(self.rows)


def read_table(data: bytes, filename: str) -> list[dict[str, str]]:
    """The file's rows as dicts of text: CSV, or the first sheet of an XLSX workbook."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        import pandas as pd

        try:
            sheet = pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl").fillna("")
        except Exception as error:  # noqa: BLE001 - any unreadable workbook
            raise InvalidInput("The file {name} could not be read as an Excel workbook.",
                               name=filename) from error
        return [{str(k).strip(): str(v).strip() for k, v in row.items()}
                for row in sheet.to_dict("records")]
    if not name.endswith(".csv"):
        raise InvalidInput("Upload the survey export as a CSV or Excel (.xlsx) file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise InvalidInput("The file is empty.")
    return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]


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


def preview(session: Session, actor: Actor, rows: list[dict[str, str]], round_name: str,
            answer_mapping: dict[str, int | str] | None = None,
            column_mapping: dict[str, str] | None = None) -> ImportPreview:
    """Match the file to the framework and bodies; nothing is written (steering group)."""
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
    headers = list(rows[0].keys()) if rows else []
    columns = {}
    for header in headers:
        key = (column_mapping or {}).get(header) or names.get(_norm(header))
        if key:
            columns[header] = key
    missing = sorted({d.key for d in dims} - set(columns.values()))
    if missing:
        raise InvalidInput("The file has no column for the dimension {key}; map one to it.",
                           key=missing[0])
    body_column = next((h for h in headers if _norm(h) in BODY_COLUMNS), None)
    if body_column is None:
        raise InvalidInput("The file needs a column called Body with each body's name.")
    mapping = default_answer_mapping(framework.level_names)
    mapping.update({_norm(k): v for k, v in (answer_mapping or {}).items()})
    bodies = {}
    for org in session.exec(select(Organisation)).all():
        for label in (org.slug, org.name_en, org.name_cy):
            bodies[_norm(label)] = org.id
    existing = {a.organisation_id: a for a in session.exec(
        select(Assessment).where(Assessment.round_id == round_.id)).all()}
    result = ImportPreview(round_name=round_.name, columns=columns)
    seen: dict[int, int] = {}
    unmapped: set[str] = set()
    for number, row in enumerate(rows, start=2):
        body_text = row.get(body_column, "")
        org_id = bodies.get(_norm(body_text))
        if org_id is None:
            result.rejected.append(Problem(number, N_("no body called '{body}'"),
                                           {"body": body_text}))
            continue
        if org_id in seen:
            result.rejected.append(Problem(number, N_("the same body as row {other}"),
                                           {"other": seen[org_id]}))
            continue
        seen[org_id] = number
        current = existing.get(org_id)
        if current is not None and current.status not in (AssessmentStatus.DRAFT.value,
                                                          AssessmentStatus.RETURNED.value):
            result.rejected.append(Problem(
                number, N_("{body} already has a submitted or accepted assessment in this round"),
                {"body": body_text}))
            continue
        levels: dict[str, int | str] = {}
        problem = None
        for header, key in columns.items():
            text = row.get(header, "")
            level = answer_level(text, mapping) if text else None
            if level is None:
                unmapped.add(text)
                problem = Problem(number, N_("column '{column}': '{answer}' is not mapped to a "
                                            "level"), {"column": header, "answer": text})
                break
            levels[key] = level
        if problem:
            result.rejected.append(problem)
            continue
        result.rows.append((number, org_id, levels))
    result.unmapped_answers = sorted(unmapped)
    return result


def commit(session: Session, actor: Actor, result: ImportPreview, accept: bool = False) -> int:
    """Write every previewed row in the caller's transaction; refuse if any was rejected."""
    require_role(actor, Role.STEERING)
    if result.rejected:
        raise InvalidInput("{n} rows were rejected, so nothing was imported.",
                           n=len(result.rejected))
    if not result.rows:
        raise InvalidInput("The file has no rows to import.")
    framework = newest_framework(session)
    round_ = session.exec(select(AssessmentRound).where(
        AssessmentRound.name == result.round_name)).one()
    dims = {d.key: d for d in session.exec(select(MaturityDimension).where(
        MaturityDimension.framework_id == framework.id)).all()}
    now = utcnow()
    status = AssessmentStatus.ACCEPTED.value if accept else AssessmentStatus.SUBMITTED.value
    for _number, org_id, levels in result.rows:
        assessment = session.exec(select(Assessment).where(
            Assessment.organisation_id == org_id, Assessment.round_id == round_.id)).first()
        before = None
        if assessment is None:
            assessment = Assessment(organisation_id=org_id, round_id=round_.id,
                                    framework_id=framework.id)
        else:
            before = audit.snapshot(assessment, ("status",))
            for score in session.exec(select(AssessmentScore).where(
                    AssessmentScore.assessment_id == assessment.id)).all():
                session.delete(score)
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
        audit.record(session, actor, "import", "assessment", assessment.id, before=before,
                     after={"status": status, "levels": levels})
    session.flush()
    return len(result.rows)
