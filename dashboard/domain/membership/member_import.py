"""Importing members from a CSV or XLSX export (e.g. Microsoft Forms).

Three steps (``dashboard.domain.importing`` reads the file and shapes the preview): read the
file (UTF-8 with or without a BOM, any line endings, or an Excel workbook), map its columns
to our fields (guessed from the headings, English or Welsh, and from what the columns hold;
changeable), then preview: every row is checked and every rejected row is listed with its
row number and all of its problems. The commit writes all rows in one transaction, or none
if any row is rejected. Re-importing updates people matched by email instead of adding them
again; two rows of one file for the same email become one member (reported as merged).

A body is found by any name it goes by, in either language or both, or its code
(``body_names``). A name the registry does not know is listed with the closest registry
bodies: the person importing chooses one, or keeps the name as written (an 'other' body).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
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
from dashboard.domain.membership.body_names import BodyName, BodyNames, name_key
from dashboard.domain.membership.erasure import erased_among
from dashboard.domain.membership.joining import OTHER_BODY
from dashboard.models import Member, MemberStatus, Role

# Our fields, in form order; the first three and consent are required.
FIELDS = ("full_name", "email", "organisation", "job_title", "interests", "language",
          "joined_on", "consent")
REQUIRED = ("full_name", "email", "organisation", "consent")
# Headings each field is recognised by (compared loosely), English and Welsh, the likeliest
# first: a form's own question ("Full name", "Work email address") before the columns
# Microsoft Forms adds itself ("Name" and "Email", empty or "anonymous" for a public form).
HEADINGS = {
    "full_name": ("full name", "enw llawn", "your name", "name", "enw"),
    "email": ("work email address", "work email", "cyfeiriad e-bost gwaith", "e-bost gwaith",
              "email address", "cyfeiriad e-bost", "email", "e-mail", "e-bost"),
    "organisation": ("organisation", "organization", "sefydliad", "body", "public body",
                     "employer", "corff"),
    "job_title": ("job title", "teitl swydd", "role", "job", "swydd"),
    "interests": ("interests", "diddordebau"),
    "language": ("preferred language", "language", "dewis iaith", "iaith"),
    "joined_on": ("joined", "date joined", "joined on", "dyddiad ymuno", "ymunodd",
                  "start time", "completion time"),
    "consent": ("consent", "i agree", "agree", "caniatâd", "cytuno"),
}
# A consent question is often the sentence itself: "I agree to my details being held ...".
CONSENT_STARTS = ("i agree", "i consent", "consent", "rwy'n cytuno", "rwyn cytuno",
                  "cytuno", "caniatâd", "caniatad")
YES = {"yes", "y", "true", "1", "x", "agreed", "i agree", "ydw", "ie", "cytuno", "✓"}
LANGUAGE_VALUES = {"en": "en", "english": "en", "saesneg": "en",
                   "cy": "cy", "welsh": "cy", "cymraeg": "cy"}
MAX_ROWS = 20000
READING = FileRules(max_rows=MAX_ROWS)
SAMPLE = 200  # rows whose values are looked at to guess the columns


def read_table(data: bytes, filename: str) -> Table:
    """The headings and rows of a CSV (UTF-8, with or without BOM, CRLF or LF) or XLSX file."""
    return importing.read_table(data, filename, READING)


# --- guessing the columns -------------------------------------------------------------------


def _heading_keys(heading: str) -> list[str]:
    """A heading as it is compared: the whole, and each language of one written in both
    ("Organisation / Sefydliad"), without a question's trailing '?', ':' or '*'."""
    whole = loose(heading).strip(" ?:*.")
    parts = [p.strip(" ?:*.") for p in re.split(r"/|\|", whole)]
    return [whole, *[p for p in parts if p and p != whole]]


def _consented(value: object) -> bool:
    text = loose(value)
    return text in YES or text.startswith(CONSENT_STARTS)


def _plausible(name: str, values: list[str]) -> bool:
    """Whether a column's values (a sample, blanks left out) can be ``name``'s: a column
    with nothing in it is nobody's, and one with no email address in it ("anonymous") is
    not the email, as one of nothing but email addresses is not the name; a language or
    date column has at least one language or date. A few wrong values do not disqualify a
    column: its rows are then rejected, each with its reason."""
    if not values:
        return False
    test = {
        "email": lambda v: bool(EMAIL_PATTERN.match(normalise_email(v))),
        "full_name": lambda v: not EMAIL_PATTERN.match(normalise_email(v)),
        "language": lambda v: loose(v) in LANGUAGE_VALUES,
        "joined_on": _is_day,
    }.get(name)
    return test is None or any(map(test, values))


def _is_day(value: str) -> bool:
    try:
        parse_day(value)
    except ValueError:
        return False
    return True


def suggest_mapping(headers: Sequence[str],
                    rows: Sequence[Sequence[object]] | None = None) -> dict[str, str]:
    """field -> heading, guessed from the headings (English or Welsh, one language or both)
    and, given the file's ``rows``, from what each column holds: of two columns headed like
    a name, the empty one is not taken; of two headed like an email, the one saying
    "anonymous" is not; a column of email addresses is the email whatever its heading.
    Without rows, from the headings alone. A heading serves one field only."""
    sample = [r for r in (rows or ()) if any(importing.cell_text(v) for v in r)][:SAMPLE]

    def values(i: int) -> list[str]:
        cells = (importing.cell_text(r[i]) if i < len(r) else "" for r in sample)
        return [c for c in cells if c]

    keys = [_heading_keys(h) for h in headers]
    taken: set[int] = set()
    mapping: dict[str, str] = {}
    for name, known in HEADINGS.items():
        ranked = []
        for i, heading_keys in enumerate(keys):
            ranks = [known.index(k) for k in heading_keys if k in known]
            if not ranks and name == "consent" and any(k.startswith(CONSENT_STARTS)
                                                       for k in heading_keys):
                ranks = [len(known)]
            if ranks:
                ranked.append((min(ranks), i))
        candidates = [i for _, i in sorted(ranked) if i not in taken]
        chosen = next((i for i in candidates if not sample or _plausible(name, values(i))),
                      None)
        if chosen is None and name == "email" and sample:  # a column of email addresses
            chosen = next((i for i in range(len(headers))
                           if i not in taken and _mostly_emails(values(i))), None)
        if chosen is not None:
            mapping[name] = headers[chosen]
            taken.add(chosen)
    return mapping


def _mostly_emails(values: list[str]) -> bool:
    emails = sum(bool(EMAIL_PATTERN.match(normalise_email(v))) for v in values)
    return bool(values) and emails * 5 >= len(values) * 4


# --- checking -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRow:
    row: int  # the first row of the file for this person
    full_name: str
    email: str
    organisation_id: int | None  # a registry body; None for an 'other' one
    job_title: str | None
    interests: str | None
    language: str
    joined_on: date | None
    existing_id: int | None  # the member this updates, when the email is known
    organisation_other: str | None = None  # the name as written, for an 'other' body
    merged_rows: tuple[int, ...] = ()  # later rows for the same email, merged into this one
    language_given: bool = True  # False: the file said nothing, English by default


@dataclass(frozen=True)
class UnmatchedBody:
    """A body name the registry does not know, the rows that give it, and the registry
    bodies most like it."""

    name: str  # as first written in the file
    key: str  # what a choice for it is keyed by (``name_key``)
    rows: tuple[int, ...]
    closest: tuple[BodyName, ...]


@dataclass(frozen=True)
class MemberPreview(Preview[ImportRow]):
    unmatched: tuple[UnmatchedBody, ...] = ()

    @property
    def merged(self) -> tuple[ImportRow, ...]:
        """The people given by more than one row of the file."""
        return tuple(r for r in self.rows if r.merged_rows)


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


def _merge(first: ImportRow, later: ImportRow) -> ImportRow:
    """One person from two rows: the later row's answers, the earlier's where the later
    left one blank, and the earlier date of joining."""
    dates = [d for d in (first.joined_on, later.joined_on) if d]
    language_row = later if later.language_given or not first.language_given else first
    return replace(
        later, row=first.row, merged_rows=(*first.merged_rows, later.row),
        job_title=later.job_title or first.job_title,
        interests=later.interests or first.interests,
        language=language_row.language, language_given=language_row.language_given,
        joined_on=min(dates) if dates else None)


def preview_import(session: Session, actor: Actor, table: Table, mapping: dict[str, str],
                   bodies: Mapping[str, str] | None = None) -> MemberPreview:
    """Check every row; nothing is written. The steering group only.

    ``bodies`` says what to do with body names the registry does not know (``name_key``
    of the name -> a registry body's id, or OTHER_BODY to keep the name as written); a row
    with a name that has no such choice is rejected. Every such name is listed in
    ``unmatched`` with its rows and the closest registry bodies.
    """
    require_role(actor, Role.STEERING)
    require_columns(mapping, REQUIRED)
    rows = list(mapped_rows(table, mapping))  # refuses a heading the file does not have
    names = BodyNames.of(session)
    bodies = bodies or {}
    known = dict(session.exec(
        select(Member.email, Member.id).where(Member.email.is_not(None))).all())
    # People erased at their request (UK GDPR) are never brought back by an old file.
    erased = erased_among(session, [normalise_email(v.text("email")) for v in rows])
    people: dict[str, ImportRow] = {}
    rejected: list[Rejected] = []
    unmatched: dict[str, tuple[str, list[int]]] = {}
    for values in rows:
        row = values.number
        name = values.text("full_name")[:200]
        raw_email = values.text("email")
        email = normalise_email(raw_email)
        organisation = values.text("organisation")
        written_language = loose(values.text("language"))
        language = LANGUAGE_VALUES.get(written_language or "en")
        body_id, other = names.find(organisation), None
        if body_id is None and organisation:  # listed, with the choice made for it if any
            unmatched.setdefault(name_key(organisation), (organisation, []))[1].append(row)
            choice = bodies.get(name_key(organisation), "")
            if choice == OTHER_BODY:
                other = organisation[:200]
            elif choice.isdigit() and int(choice) in names.bodies:
                body_id = int(choice)
        # Every problem of the row, so a person correcting the file fixes it in one go.
        problems: list[tuple[str, dict]] = []
        if not name:
            problems.append((N_("Row {row}: the name is missing."), {}))
        if not email:
            problems.append((N_("Row {row}: the email address is missing."), {}))
        elif not EMAIL_PATTERN.match(email) or len(email) > 320:
            problems.append((N_("Row {row}: '{email}' is not a valid email address."),
                             {"email": raw_email}))
        elif email in erased:
            problems.append((N_("Row {row}: this person's data was erased at their request "
                                "(UK GDPR), so they cannot be imported again. Remove the "
                                "row."), {}))
        if not _consented(values.text("consent")):
            problems.append((N_("Row {row}: there is no consent to hold the details."), {}))
        if not organisation:
            problems.append((N_("Row {row}: the organisation is missing."), {}))
        elif body_id is None and other is None:
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
        if problems:
            rejected.append(Rejected(row, tuple(Problem(msgid, {"row": row, **params})
                                                for msgid, params in problems)))
            continue
        person = ImportRow(
            row=row, full_name=name, email=email, organisation_id=body_id,
            organisation_other=other, job_title=values.text("job_title")[:200] or None,
            interests=values.text("interests")[:2000] or None, language=language,
            language_given=bool(written_language), joined_on=joined,
            existing_id=known.get(email))
        people[email] = _merge(people[email], person) if email in people else person
    accepted = sorted(people.values(), key=lambda r: r.row)
    updating = sum(1 for r in accepted if r.existing_id is not None)
    return MemberPreview(
        tuple(accepted), tuple(rejected), to_add=len(accepted) - updating, to_update=updating,
        unmatched=tuple(UnmatchedBody(written, key, tuple(numbers),
                                      tuple(names.closest(written)))
                        for key, (written, numbers) in unmatched.items()))


# --- writing --------------------------------------------------------------------------------

IMPORTED_FIELDS = ("full_name", "organisation_id", "organisation_other", "job_title",
                   "interests", "language", "joined_on", "status")


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
        member.organisation_other = row.organisation_other
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
