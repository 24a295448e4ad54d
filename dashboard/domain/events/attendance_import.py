"""Import a registration or attendance export (CSV, TSV or XLSX) for one event.

Works with e.g. an Eventbrite attendee export or a Microsoft Teams attendance report: the
person importing maps the file's columns (email, and optionally whether they attended); a
preview lists the rows that would be rejected and why. Attendees are matched to members by
email; people who match no member still count, anonymously: the registration keeps only a
keyed hash of the normalised email (source_key: HMAC with the installation's secret,
``dashboard.keys``), never the email. All or nothing: a file with any
rejected row imports nothing. ``dashboard.domain.importing`` reads the file and shapes the
preview; the rules here are attendance's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_
from sqlmodel import Session, select

from dashboard.domain import audit, importing
from dashboard.domain.auth import EMAIL_PATTERN, Actor, normalise_email, require_role
from dashboard.domain.clock import to_local
from dashboard.domain.errors import InvalidInput, NotFound
from dashboard.domain.importing import N_, FileRules, Problem, Rejected, Table, mapped_rows
from dashboard.keys import keyed_hash
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

MAX_ROWS = importing.MAX_ROWS  # and the upload size is every import's (the setting)
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


@dataclass(frozen=True)
class Attendee:
    """One person in the file, ready to import."""

    key: str  # source_key: what the registration keeps instead of the email
    email: str  # normalised; kept in memory only, to match a member by
    attended: bool


def source_key(email: str) -> str:
    """The key a registration keeps instead of the email. Keyed (HMAC), not a plain SHA-256:
    anyone with a copy of the database could reverse a plain hash by hashing guessed
    addresses (firstname.lastname@council.gov.wales). Rows imported before this used a
    plain SHA-256; they cannot be re-keyed without the email, which was never kept, so
    migration d4e7a1c93b52 dropped those keys and they count as anonymous attendance."""
    return keyed_hash("attendance", normalise_email(email))


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
READING = FileRules(max_rows=MAX_ROWS, delimiters=",\t;",
                    fallback_encoding="cp1252", text_part=_participants_section)


def read_table(data: bytes, filename: str) -> Table:
    """The file's headings and rows; InvalidInput when it cannot be read."""
    return importing.read_table(data, filename, READING)


def suggest_mapping(headers: list[str]) -> dict[str, str]:
    """field ("email", "attended") -> heading, for the headings of known exports."""
    return importing.suggest_mapping(headers, HEADINGS)


def check(table: Table, email_column: str | None = None,
          attended_column: str | None = None) -> importing.Preview[Attendee]:
    """Check every row of a file already read; nothing is written. No email column: the
    guessed one; no attended column (None): the guessed one, "" for none (everyone
    attended). A person listed twice (Teams lists each join) is one attendee, who attended
    if any of their rows says so."""
    guessed = suggest_mapping(table.headers)
    email_column = email_column or guessed.get("email")
    if attended_column is None:
        attended_column = guessed.get("attended", "")
    if email_column is None or email_column not in table.headers:
        raise InvalidInput("Choose which column holds the email address.")
    if attended_column and attended_column not in table.headers:
        raise InvalidInput("The column {column} is not in the file.", column=attended_column)
    attendees: dict[str, Attendee] = {}  # by key, in the order of their first row
    rejected: list[Rejected] = []
    for row in mapped_rows(table, {"email": email_column, "attended": attended_column}):
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
            rejected.append(Rejected(row.number, tuple(problems)))
            continue
        key = source_key(email)
        before = attendees.get(key)
        if before is not None:
            attended = attended or before.attended
        attendees[key] = Attendee(key, email, attended)
    return importing.Preview(tuple(attendees.values()), tuple(rejected))


def preview_import(session: Session, actor: Actor, event_id: int, table: Table,
                   email_column: str | None = None,
                   attended_column: str | None = None) -> importing.Preview[Attendee]:
    """``check`` for the steering group, for an event that exists; nothing is written."""
    require_role(actor, Role.STEERING)
    _event(session, event_id)
    return check(table, email_column, attended_column)


def _event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound("There is no event {id}.", id=event_id)
    return event


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
    require_role(actor, Role.STEERING)  # before the file is read
    return import_table(session, actor, event_id, read_table(data, filename), filename, now,
                        email_column, attended_column)


def import_table(session: Session, actor: Actor, event_id: int, table: Table, filename: str,
                 now: datetime, email_column: str | None = None,
                 attended_column: str | None = None) -> AttendanceResult:
    """``import_attendance`` for a file already read (the import wizard keeps the table)."""
    checked = preview_import(session, actor, event_id, table, email_column, attended_column)
    importing.require_ok(
        checked,
        rejected=N_("{n} rows were rejected (rows {rows}), so nothing was imported."),
        empty=N_("The file has no attendees."))
    event = _event(session, event_id)
    # Matched to a member only if they were one on the day: attendance from before someone
    # joined (or after they left, or while their request waited) counts anonymously, so the
    # month's active members never outnumber its members, whenever the file is imported.
    day = to_local(event.starts_at).date()
    member_by_email = dict(session.exec(select(Member.email, Member.id).where(
        Member.email.in_([person.email for person in checked.rows]),
        Member.status.in_((MemberStatus.ACTIVE.value, MemberStatus.LEFT.value)),
        Member.joined_on <= day, or_(Member.left_on.is_(None), Member.left_on >= day))).all())
    existing = {r.source_key: r for r in session.exec(select(Registration).where(
        Registration.event_id == event_id, Registration.source_key.is_not(None))).all()}
    own = {r.member_id: r for r in session.exec(select(Registration).where(
        Registration.event_id == event_id, Registration.source_key.is_(None),
        Registration.member_id.is_not(None))).all()}
    added = updated = unchanged = members = 0
    for person in checked.rows:
        key, attended = person.key, person.attended
        member_id = member_by_email.get(person.email)
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
    result = AttendanceResult(added, updated, unchanged, members, checked.accepted - members)
    source = session.exec(select(DataSource).where(
        DataSource.kind == SourceKind.REGISTRATIONS.value, DataSource.name == "Attendance imports")
    ).first()
    if source is None:
        source = DataSource(name="Attendance imports", kind=SourceKind.REGISTRATIONS.value)
        session.add(source)
        session.flush()
    session.add(SyncRun(source_id=source.id, started_at=now, finished_at=now,
                        status=SyncStatus.SUCCEEDED.value, added=added, updated=updated,
                        # The sources page is public: the file's name (often a person's
                        # or an event's with attendees) stays in the audit log only.
                        unchanged=unchanged, message=f"Event {event_id}: {result.summary()}"))
    audit.record(session, actor, "import_attendance", "event", event_id, None,
                 {"file": filename[:200], "added": added, "updated": updated,
                  "unchanged": unchanged, "members": members,
                  "anonymous": result.anonymous})
    session.flush()
    return result
