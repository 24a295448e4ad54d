"""Import a registration or attendance export (CSV, TSV or XLSX) for one event.

Works with e.g. an Eventbrite attendee export or a Microsoft Teams attendance report: the
person importing maps the file's columns (email, and optionally whether they attended); a
preview lists the rows that would be rejected and why. Attendees are matched to members by
email; people who match no member still count, anonymously: the registration keeps only a
SHA-256 of the normalised email (source_key), never the email. All or nothing: a file with any
rejected row imports nothing. ``dashboard.domain.importing`` reads the file and shapes the
preview; the rules here are attendance's own.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_
from sqlmodel import Session, select

from dashboard.domain import audit, importing
from dashboard.domain.auth import EMAIL_PATTERN, Actor, normalise_email, require_role
from dashboard.domain.clock import to_local
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.domain.importing import N_, FileRules, Problem, Rejected, Table, mapped_rows
from dashboard.models import (
    DataSource,
    Event,
    Member,
    MemberStatus,
    Registration,
    RegistrationStatus,
    Role,
    SourceKind,
    SyncRun,
    SyncStatus,
)

MAX_ROWS = 50_000
MAX_BYTES = 30 * 1024 * 1024
FIELDS = ("email", "attended")
# Header names of known exports, in order of preference: Eventbrite, Microsoft Teams,
# Microsoft Forms; and Welsh.
EMAIL_HEADERS = ("email", "email address", "e-mail", "participant id (upn)", "attendee email",
                 "e-bost", "cyfeiriad e-bost")
ATTENDED_HEADERS = ("checked in", "attended", "attendee status", "attendance")
HEADINGS = {"email": EMAIL_HEADERS, "attended": ATTENDED_HEADERS}
YES = {"yes", "y", "true", "1", "checked in", "attended", "attending", "present", "x"}
NO = {"no", "n", "false", "0", "not checked in", "absent", "did not attend", "not attending",
      ""}


@dataclass
class Preview:
    columns: list[str]
    email_column: str | None
    attended_column: str | None
    rows: int = 0
    accepted: int = 0
    # (row number, reason msgid, its params), one a problem: shown in the user's language.
    rejected: list[tuple[int, str, dict]] = field(default_factory=list)
    records: list[tuple[str, bool]] = field(default_factory=list)  # (source_key, attended)
    emails: dict[str, str] = field(default_factory=dict)  # source_key -> email (in memory)
    # The same rejected rows in the shape every import shares: a row, all of its problems.
    rejections: list[Rejected] = field(default_factory=list)

    def as_preview(self) -> importing.Preview[tuple[str, bool]]:
        """The shared shape (``dashboard.domain.importing.Preview``): what the import wizard
        shows."""
        return importing.Preview(tuple(self.records), tuple(self.rejections))


def source_key(email: str) -> str:
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()


def _participants_section(text: str) -> str:
    """A Teams attendance report (2023 onwards) has sections: '1. Summary', '2. Participants',
    '3. In-Meeting Activities'; the people are the table under '2. Participants'. Any other
    file is returned as it is."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines)
                  if line.strip().lower().startswith("2. participants")), None)
    if start is None:
        return text
    table = []
    for line in lines[start + 1:]:
        if not line.strip():
            if table:
                break
            continue
        if line.strip()[:2] in ("3.", "4.") and line.strip()[2:3] == " ":
            break
        table.append(line)
    return "\n".join(table)


# Teams reports are UTF-16 and tab-separated; other exports UTF-8 (or Windows-1252) CSV,
# as wide as an Eventbrite export.
READING = FileRules(max_rows=MAX_ROWS, max_bytes=MAX_BYTES, delimiters=",\t;",
                    fallback_encoding="cp1252", text_part=_participants_section)


def read_table(data: bytes, filename: str) -> Table:
    """The file's headings and rows; InvalidInput when it cannot be read."""
    return importing.read_table(data, filename, READING)


def suggest_mapping(headers: list[str]) -> dict[str, str]:
    """field ("email", "attended") -> heading, for the headings of known exports."""
    return importing.suggest_mapping(headers, HEADINGS)


def guess_columns(columns: list[str]) -> tuple[str | None, str | None]:
    mapping = suggest_mapping(columns)
    return mapping.get("email"), mapping.get("attended")


def preview(data: bytes, filename: str, email_column: str | None = None,
            attended_column: str | None = None) -> Preview:
    """Validate every row with the column mapping (guessed when not given)."""
    return check(read_table(data, filename), email_column, attended_column)


def check(table: Table, email_column: str | None = None,
          attended_column: str | None = None) -> Preview:
    """Validate every row of a file already read. No email column: the guessed one; no
    attended column (None): the guessed one, "" for none (everyone attended)."""
    columns = list(table.headers)
    guessed_email, guessed_attended = guess_columns(columns)
    email_column = email_column or guessed_email
    attended_column = attended_column if attended_column is not None else guessed_attended
    result = Preview(columns, email_column, attended_column or None)
    if email_column is None or email_column not in columns:
        raise InvalidInput("Choose which column holds the email address.")
    if attended_column and attended_column not in columns:
        raise InvalidInput("The column {column} is not in the file.", column=attended_column)
    seen: dict[str, int] = {}
    for row in mapped_rows(table, {"email": email_column, "attended": attended_column or ""}):
        result.rows += 1
        # Every problem of the row, so a person correcting the file fixes it in one go.
        problems: list[Problem] = []
        email = normalise_email(row.text("email"))
        if not email:
            problems.append(Problem(N_("No email address.")))
        elif not EMAIL_PATTERN.match(email):
            problems.append(Problem(N_("{value} is not an email address."), {"value": email}))
        attended = True
        if attended_column:
            raw = row.text("attended").lower()
            if raw in YES:
                attended = True
            elif raw in NO:
                attended = False
            else:
                problems.append(Problem(N_("{value} in {column} is not yes or no."),
                                        {"value": raw, "column": attended_column}))
        if problems:
            result.rejections.append(Rejected(row.number, tuple(problems)))
            result.rejected.extend((row.number, p.msgid, dict(p.params)) for p in problems)
            continue
        key = source_key(email)
        if key in seen:
            # The same person twice (e.g. Teams lists each join): attended if any row says so.
            index = seen[key]
            result.records[index] = (key, result.records[index][1] or attended)
            continue
        seen[key] = len(result.records)
        result.records.append((key, attended))
        result.emails[key] = email
    result.accepted = len(result.records)
    return result


@dataclass(frozen=True)
class AttendanceResult:
    added: int
    updated: int
    unchanged: int
    members: int  # of the people in the file, how many matched a member
    anonymous: int

    def summary(self) -> str:
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged "
                f"({self.members} members, {self.anonymous} not members)")


def import_attendance(session: Session, actor: Actor, event_id: int, data: bytes,
                      filename: str, now: datetime, email_column: str | None = None,
                      attended_column: str | None = None) -> AttendanceResult:
    """Upsert the file's registrations for the event (steering group). All or nothing."""
    require_role(actor, Role.STEERING)
    if session.get(Event, event_id) is None:
        raise NotFound("There is no event {id}.", id=event_id)
    return import_table(session, actor, event_id, read_table(data, filename), filename, now,
                        email_column, attended_column)


def import_table(session: Session, actor: Actor, event_id: int, table: Table, filename: str,
                 now: datetime, email_column: str | None = None,
                 attended_column: str | None = None) -> AttendanceResult:
    """``import_attendance`` for a file already read (the import wizard keeps the table)."""
    require_role(actor, Role.STEERING)
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("There is no event {id}.", id=event_id)
    checked = check(table, email_column, attended_column)
    importing.require_ok(
        checked.as_preview(),
        rejected=N_("{n} rows were rejected (rows {rows}), so nothing was imported."),
        empty=N_("The file has no attendees."))
    # Matched to a member only if they were one on the day: attendance from before someone
    # joined (or after they left, or while their request waited) counts anonymously, so the
    # month's active members never outnumber its members, whenever the file is imported.
    day = to_local(event.starts_at).date()
    member_by_email = dict(session.exec(select(Member.email, Member.id).where(
        Member.email.in_(list(checked.emails.values())),
        Member.status.in_((MemberStatus.ACTIVE.value, MemberStatus.LEFT.value)),
        Member.joined_on <= day, or_(Member.left_on.is_(None), Member.left_on >= day))).all())
    existing = {r.source_key: r for r in session.exec(select(Registration).where(
        Registration.event_id == event_id, Registration.source_key.is_not(None))).all()}
    own = {r.member_id: r for r in session.exec(select(Registration).where(
        Registration.event_id == event_id, Registration.source_key.is_(None),
        Registration.member_id.is_not(None))).all()}
    added = updated = unchanged = members = 0
    for key, attended in checked.records:
        member_id = member_by_email.get(checked.emails[key])
        members += member_id is not None
        row = existing.get(key) or (own.get(member_id) if member_id else None)
        if row is None:
            session.add(Registration(event_id=event_id, member_id=member_id, attended=attended,
                                     status=RegistrationStatus.REGISTERED.value,
                                     registered_at=now, source_key=key))
            added += 1
        elif (row.attended, row.member_id, row.source_key) == (attended, member_id, key):
            unchanged += 1
        else:
            row.attended, row.member_id, row.source_key = attended, member_id, key
            session.add(row)
            updated += 1
    result = AttendanceResult(added, updated, unchanged, members,
                              len(checked.records) - members)
    source = session.exec(select(DataSource).where(
        DataSource.kind == SourceKind.REGISTRATIONS.value, DataSource.name == "Attendance imports")
    ).first()
    if source is None:
        source = DataSource(name="Attendance imports", kind=SourceKind.REGISTRATIONS.value)
        session.add(source)
        session.flush()
    session.add(SyncRun(source_id=source.id, started_at=now, finished_at=now,
                        status=SyncStatus.SUCCEEDED.value, added=added, updated=updated,
                        unchanged=unchanged, message=f"{filename}: {result.summary()}"[:2000]))
    audit.record(session, actor, "import_attendance", "event", event_id, None,
                 {"file": filename[:200], "added": added, "updated": updated,
                  "unchanged": unchanged, "members": members,
                  "anonymous": result.anonymous})
    session.flush()
    return result
