"""Importing members from a CSV or XLSX export (e.g. Microsoft Forms).

Three steps (``dashboard.domain.importing`` reads the file and shapes the preview): read the
file (UTF-8 with or without a BOM, any line endings, or an Excel workbook), map its columns
to our fields (guessed from the headings, English or Welsh, and changeable), then preview:
every row is checked and every rejected row is listed with its row number and all of its
problems. The commit writes all rows in one transaction, or none if any row is rejected.
Re-importing updates people matched by email instead of adding them again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from dashboard.domain import audit, importing
from dashboard.domain.auth import EMAIL_PATTERN, Actor, normalise_email, require_role
from dashboard.domain.importing import (
    N_,
    FileRules,
    Preview,
    Problem,
    Rejected,
    Table,
    loose,
    mapped_rows,
    require_columns,
    require_ok,
)
from dashboard.models import Member, MemberStatus, Organisation, Role

# Our fields, in form order; the first two and consent are required.
FIELDS = ("full_name", "email", "organisation", "job_title", "interests", "language",
          "joined_on", "consent")
REQUIRED = ("full_name", "email", "organisation", "consent")
# Headings each field is recognised by (lower case, spaces collapsed), English and Welsh.
HEADINGS = {
    "full_name": ("name", "full name", "your name", "enw", "enw llawn"),
    "email": ("email", "e-mail", "email address", "work email", "work email address", "e-bost",
              "cyfeiriad e-bost"),
    "organisation": ("organisation", "organization", "body", "public body", "employer",
                     "sefydliad", "corff"),
    "job_title": ("job title", "role", "job", "teitl swydd", "swydd"),
    "interests": ("interests", "diddordebau"),
    "language": ("language", "preferred language", "iaith", "dewis iaith"),
    "joined_on": ("joined", "date joined", "joined on", "start time", "completion time",
                  "dyddiad ymuno", "ymunodd"),
    "consent": ("consent", "i agree", "agree", "caniatâd", "cytuno"),
}
YES = {"yes", "y", "true", "1", "x", "agreed", "i agree", "ydw", "ie", "cytuno", "✓"}
LANGUAGE_VALUES = {"en": "en", "english": "en", "saesneg": "en", "": "en",
                   "cy": "cy", "welsh": "cy", "cymraeg": "cy"}
MAX_ROWS = 20000
READING = FileRules(max_rows=MAX_ROWS)


def read_table(data: bytes, filename: str) -> Table:
    """The headings and rows of a CSV (UTF-8, with or without BOM, CRLF or LF) or XLSX file."""
    return importing.read_table(data, filename, READING)


def suggest_mapping(headers: list[str]) -> dict[str, str]:
    """field -> heading, for the headings we recognise (English or Welsh)."""
    return importing.suggest_mapping(headers, HEADINGS)


@dataclass(frozen=True)
class ImportRow:
    row: int
    full_name: str
    email: str
    organisation_id: int
    job_title: str | None
    interests: str | None
    language: str
    joined_on: date | None
    existing_id: int | None  # the member this updates, when the email is known


def parse_day(value: object) -> date | None:
    """A date from a cell: an Excel date, dd/mm/yyyy (UK), dd-mm-yyyy, dd.mm.yyyy or ISO."""
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().split(" ")[0]
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(text)


def _body_index(session: Session) -> dict[str, int]:
    """Registry bodies by English name, Welsh name and slug, compared loosely."""
    index: dict[str, int] = {}
    for org in session.exec(select(Organisation).where(Organisation.in_registry)):
        for name in (org.name_en, org.name_cy, org.slug):
            index.setdefault(loose(name), org.id)
    return index


def preview_import(session: Session, actor: Actor, table: Table,
                   mapping: dict[str, str]) -> Preview[ImportRow]:
    """Check every row; nothing is written. The steering group only."""
    require_role(actor, Role.STEERING)
    require_columns(mapping, REQUIRED)
    rows = mapped_rows(table, mapping)  # refuses a heading the file does not have
    bodies = _body_index(session)
    known = dict(session.exec(
        select(Member.email, Member.id).where(Member.email.is_not(None))).all())
    seen: dict[str, int] = {}
    accepted: list[ImportRow] = []
    rejected: list[Rejected] = []
    for values in rows:
        row = values.number
        name = values.text("full_name")[:200]
        raw_email = values.text("email")
        email = normalise_email(raw_email)
        organisation = values.text("organisation")
        consent = loose(values.text("consent"))
        language = LANGUAGE_VALUES.get(loose(values.text("language")))
        body_id = bodies.get(loose(organisation))
        # Every problem of the row, so a person correcting the file fixes it in one go.
        problems: list[tuple[str, dict]] = []
        if not name:
            problems.append((N_("Row {row}: the name is missing."), {}))
        if not email:
            problems.append((N_("Row {row}: the email address is missing."), {}))
        elif not EMAIL_PATTERN.match(email) or len(email) > 320:
            problems.append((N_("Row {row}: '{email}' is not a valid email address."),
                             {"email": raw_email}))
        elif email in seen:
            problems.append((N_("Row {row}: {email} is already in row {first} of this file."),
                             {"email": email, "first": seen[email]}))
        if consent not in YES:
            problems.append((N_("Row {row}: there is no consent to hold the details."), {}))
        if body_id is None:
            problems.append((N_("Row {row}: '{body}' is not a body in the registry."),
                             {"body": organisation}))
        if language is None:
            problems.append((N_("Row {row}: the language '{value}' is not English or Welsh."),
                             {"value": values.text("language")}))
        joined = None
        try:
            joined = parse_day(values.value("joined_on"))
        except ValueError:
            problems.append((N_("Row {row}: '{value}' is not a date; use dd/mm/yyyy."),
                             {"value": values.text("joined_on")}))
        if email and EMAIL_PATTERN.match(email):
            seen.setdefault(email, row)
        if problems:
            rejected.append(Rejected(row, tuple(Problem(msgid, {"row": row, **params})
                                                for msgid, params in problems)))
            continue
        accepted.append(ImportRow(
            row=row, full_name=name, email=email, organisation_id=body_id,
            job_title=values.text("job_title")[:200] or None,
            interests=values.text("interests")[:2000] or None, language=language,
            joined_on=joined, existing_id=known.get(email),
        ))
    updating = sum(1 for r in accepted if r.existing_id is not None)
    return Preview(tuple(accepted), tuple(rejected), to_add=len(accepted) - updating,
                   to_update=updating)


IMPORTED_FIELDS = ("full_name", "organisation_id", "job_title", "interests", "language",
                   "joined_on", "status")


def commit_import(session: Session, actor: Actor, preview: Preview[ImportRow],
                  now: datetime) -> tuple[int, int, int]:
    """Write every accepted row (added, updated, unchanged), or nothing if any row was
    rejected.

    The caller's transaction holds it all; one audit entry per member changed.
    """
    require_role(actor, Role.STEERING)
    require_ok(preview)
    added = updated = unchanged = 0
    for row in preview.rows:
        member = session.get(Member, row.existing_id) if row.existing_id else None
        if member is not None and member.status == MemberStatus.ERASED.value:
            continue  # never bring back someone's erased data
        before = audit.snapshot(member, IMPORTED_FIELDS) if member else None
        if member is None:
            member = Member(email=row.email, status=MemberStatus.ACTIVE.value, consent_at=now,
                            created_at=now, decided_at=now, full_name=row.full_name)
            added += 1
        member.full_name = row.full_name
        member.organisation_id = row.organisation_id
        member.organisation_other = None
        member.job_title = row.job_title or member.job_title
        member.interests = row.interests or member.interests
        member.language = row.language
        member.joined_on = row.joined_on or member.joined_on or now.date()
        if member.status == MemberStatus.PENDING.value:
            member.status = MemberStatus.ACTIVE.value
        member.updated_at = now
        session.add(member)
        session.flush()
        after = audit.snapshot(member, IMPORTED_FIELDS)
        if after == before:
            unchanged += 1
            continue
        if before is not None:
            updated += 1
        audit.record(session, actor, "import_member", "member", member.id, before, after)
    return added, updated, unchanged
