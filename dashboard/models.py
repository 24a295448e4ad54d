"""The database tables.

SQLModel classes used directly (``rx.Model`` is deprecated in Reflex 0.10). Enumerated
values are stored as short strings, not database enums, so adding a value never needs a
migration that PostgreSQL and SQLite handle differently. Times are timezone-aware, stored in
UTC (SQLModel's UTCDateTime); an event keeps the time zone it is shown in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint, event, inspect
from sqlalchemy import text as sql_text
from sqlalchemy.orm import object_session
from sqlmodel import Field, SQLModel

from dashboard.search_index import FOLDED, fold, fold_default, fold_names, fold_names_default


def utcnow() -> datetime:
    return datetime.now(UTC)


# --- enumerations -----------------------------------------------------------------------


class BodyType(StrEnum):
    LOCAL_AUTHORITY = "local_authority"
    HEALTH_BOARD = "health_board"
    NHS_TRUST = "nhs_trust"
    SPECIAL_HEALTH_AUTHORITY = "special_health_authority"
    FIRE_AND_RESCUE = "fire_and_rescue"
    POLICE = "police"
    NATIONAL_PARK = "national_park"
    WELSH_GOVERNMENT = "welsh_government"
    SPONSORED_BODY = "sponsored_body"
    OTHER = "other"


class Region(StrEnum):
    NORTH = "north"
    MID = "mid"
    SOUTH_WEST = "south_west"
    SOUTH_EAST = "south_east"
    ALL_WALES = "all_wales"


class MemberStatus(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    DECLINED = "declined"
    LEFT = "left"
    ERASED = "erased"


class CommunityRole(StrEnum):
    MEMBER = "member"
    STEERING = "steering"
    CHAIR = "chair"
    OBSERVER = "observer"


class Role(StrEnum):
    """What a signed-in user may do. A visitor is someone not signed in."""

    VISITOR = "visitor"
    MEMBER = "member"
    STEERING = "steering"
    ADMIN = "admin"


class EventStatus(StrEnum):
    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"


class RegistrationStatus(StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class AssessmentStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ActionStatus(StrEnum):
    OPEN = "open"  # shown as "Not started"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    DONE = "done"
    CANCELLED = "cancelled"  # shown as "Dropped"


OPEN_ACTION_STATUSES = (ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value,
                        ActionStatus.BLOCKED.value)


class RagRating(StrEnum):
    """How an action is going, by the steering group's judgement (with a reason in words)."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


class DecisionStatus(StrEnum):
    ACTIVE = "active"
    SUPERSEDED = "superseded"
    REVERSED = "reversed"


class AgendaSource(StrEnum):
    """Why an item is on a meeting's agenda."""

    OVERDUE = "overdue"
    BLOCKED = "blocked"
    DUE = "due"
    REVIEW = "review"
    CARRIED = "carried"
    ADDED = "added"


class AgendaOutcome(StrEnum):
    OPEN = "open"
    DONE = "done"
    CARRIED = "carried"


class SourceKind(StrEnum):
    ICS = "ics"
    YOUTUBE = "youtube"
    REGISTRATIONS = "registrations"
    SURVEY = "survey"
    EVENTBRITE = "eventbrite"
    SPREADSHEET = "spreadsheet"


class SyncStatus(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


# --- reference data -----------------------------------------------------------------------


class Organisation(SQLModel, table=True):
    """A public body (or another organisation members work for)."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True, max_length=120)
    name_en: str = Field(max_length=200)
    name_cy: str = Field(max_length=200)
    body_type: str = Field(index=True, max_length=40)
    region: str = Field(index=True, max_length=20)
    # Subject to the Well-being of Future Generations (Wales) Act 2015.
    wfg_act: bool = False
    # Part of the reference registry (False for an 'other' body a member typed in).
    in_registry: bool = True
    website: str | None = Field(default=None, max_length=300)
    # ONS GSS code (e.g. W06000011 for Swansea) where the body has one.
    gss_code: str | None = Field(default=None, index=True, max_length=9)
    # Common and former names, in either language ("Swansea Council"), for matching.
    other_names: list[str] | None = Field(default=None, sa_column=Column(JSON))
    # Its names folded (lower case, no accents), one a line, for the directory's search;
    # kept in step with the names (see dashboard/search_index.py and the listener below).
    folded_names: str | None = Field(default=None,
                                     sa_column_kwargs={"default": fold_names_default})


def _keep_folded_names(column: str) -> None:
    @event.listens_for(getattr(Organisation, column), "set")
    def refresh(target, value, _old, _initiator):
        names = {n: getattr(target, n) for n in ("name_en", "name_cy", "other_names")}
        target.folded_names = fold_names(**{**names, column: value})


for _column in ("name_en", "name_cy", "other_names"):
    _keep_folded_names(_column)


class WellbeingGoal(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=40)
    position: int
    name_en: str = Field(max_length=200)
    name_cy: str = Field(max_length=200)


class WayOfWorking(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=40)
    position: int
    name_en: str = Field(max_length=100)
    name_cy: str = Field(max_length=100)


class Objective(SQLModel, table=True):
    """An objective a steering action serves (CDPS's, to begin with)."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=40)
    owner: str = Field(default="CDPS", max_length=40)
    number: int
    text_en: str = Field(sa_column=Column(Text, nullable=False))
    text_cy: str = Field(sa_column=Column(Text, nullable=False))


# --- people and accounts ------------------------------------------------------------------


class Member(SQLModel, table=True):
    """A person in the community (or asking to join it)."""

    id: int | None = Field(default=None, primary_key=True)
    full_name: str = Field(max_length=200)
    # Stored trimmed and lower-cased so duplicates are found however they were typed.
    email: str | None = Field(default=None, unique=True, max_length=320)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    organisation_other: str | None = Field(default=None, max_length=200)
    job_title: str | None = Field(default=None, max_length=200)
    interests: str | None = Field(default=None, sa_column=Column(Text))
    community_role: str = Field(default=CommunityRole.MEMBER.value, max_length=20)
    status: str = Field(default=MemberStatus.ACTIVE.value, index=True, max_length=20)
    language: str = Field(default="en", max_length=2)
    consent_at: datetime | None = None
    joined_on: date | None = Field(default=None, index=True)
    left_on: date | None = Field(default=None, index=True)
    last_active_on: date | None = None
    # May fill in their body's maturity self-assessment.
    assessor: bool = False
    # When the steering group approved or declined the join request.
    decided_at: datetime | None = None
    # UK GDPR erasure: personal fields are blanked, anonymous attendance is kept.
    erased_at: datetime | None = None
    is_demo: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # Goes up by one on every save: a save from a form opened at an older version is refused
    # (dashboard/domain/versions.py), so two editors never silently undo each other.
    version: int = 1
    # Folded copies (lower case, no accents) of the searchable text, for the directory's
    # text index and its order by name; kept in step with the columns they copy (see
    # dashboard/search_index.py and the listener below).
    folded_name: str | None = Field(default=None,
                                    sa_column_kwargs={"default": fold_default("full_name")})
    folded_job_title: str | None = Field(
        default=None, sa_column_kwargs={"default": fold_default("job_title")})
    folded_organisation_other: str | None = Field(
        default=None, sa_column_kwargs={"default": fold_default("organisation_other")})

    __table_args__ = (
        Index("ix_member_status_joined", "status", "joined_on"),
        # The directory's default order, by name, read in index order; and the same within
        # one body, so filtering by body does not fall back to walking the whole name index.
        Index("ix_member_status_name", "status", "full_name"),
        Index("ix_member_org_status_name", "organisation_id", "status", "full_name"),
        # The same, by the name as it sorts (folded): what the directory uses.
        Index("ix_member_status_folded_name", "status", "folded_name"),
        Index("ix_member_org_status_folded_name", "organisation_id", "status", "folded_name"),
        # The few in a community role (the steering group and its chair: the actions' owners;
        # the directory filtered by role), found without walking every active member.
        Index("ix_member_role_status_folded_name", "community_role", "status", "folded_name"),
    )


def _keep_folded_copy(column: str) -> None:
    """Assigning ``column`` on a member refreshes its folded copy, so every ORM writer keeps
    the two in step."""
    copy = FOLDED[column]

    @event.listens_for(getattr(Member, column), "set")
    def refresh(target, value, _old, _initiator):
        setattr(target, copy, fold(value))


for _column in FOLDED:
    _keep_folded_copy(_column)


class User(SQLModel, table=True):
    """An account that can sign in. A local password, or later an identity provider."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True, max_length=320)
    display_name: str = Field(max_length=200)
    role: str = Field(default=Role.MEMBER.value, max_length=20)
    password_hash: str | None = Field(default=None, max_length=300)
    member_id: int | None = Field(default=None, foreign_key="member.id", index=True)
    language: str = Field(default="en", max_length=2)
    is_active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    last_sign_in_at: datetime | None = None


class UserIdentity(SQLModel, table=True):
    """A sign-in through an organisation's own identity provider (OpenID Connect).

    One user may have several: (issuer, subject) is what the provider guarantees stable;
    Microsoft Entra ID adds the tenant, which says which organisation vouched for them.
    """

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    issuer: str = Field(max_length=300)
    subject: str = Field(max_length=300)
    tenant_id: str | None = Field(default=None, max_length=100)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    created_at: datetime = Field(default_factory=utcnow)

    __table_args__ = (UniqueConstraint("issuer", "subject"),)


class UserSession(SQLModel, table=True):
    """A signed-in browser. Only a hash of the token is stored."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, max_length=64)
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    # The idle timeout counts from here (a page opened).
    last_seen_at: datetime = Field(default_factory=utcnow)
    # "password", "organisation" (OpenID Connect) or "demo".
    method: str = Field(default="password", max_length=20)


class AuditEntry(SQLModel, table=True):
    """One change: who, when, what, and the values before and after."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_user_id: int | None = Field(default=None, foreign_key="user.id")
    actor: str = Field(max_length=320)
    action: str = Field(max_length=60)
    entity: str = Field(max_length=60)
    entity_id: str | None = Field(default=None, max_length=60)
    before: dict | None = Field(default=None, sa_column=Column(JSON))
    after: dict | None = Field(default=None, sa_column=Column(JSON))


# --- events -------------------------------------------------------------------------------


class Series(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, max_length=120)
    title_en: str = Field(max_length=200)
    title_cy: str = Field(max_length=200)
    description_en: str | None = Field(default=None, sa_column=Column(Text))
    description_cy: str | None = Field(default=None, sa_column=Column(Text))
    is_demo: bool = False


class Event(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    # RFC 5545 UID: stable across edits and re-imports.
    uid: str = Field(unique=True, max_length=300)
    sequence: int = 0
    series_id: int | None = Field(default=None, foreign_key="series.id", index=True)
    title: str = Field(max_length=300)  # English (or the only title an import gave)
    title_cy: str | None = Field(default=None, max_length=300)  # None: shown in English
    description: str | None = Field(default=None, sa_column=Column(Text))
    description_cy: str | None = Field(default=None, sa_column=Column(Text))
    topic: str | None = Field(default=None, max_length=100)
    starts_at: datetime = Field(index=True)  # UTC
    ends_at: datetime  # UTC
    timezone: str = Field(default="Europe/London", max_length=64)
    all_day: bool = False
    rrule: str | None = Field(default=None, max_length=500)
    exdates: str | None = Field(default=None, sa_column=Column(Text))
    # A moved or changed instance of a recurring event: its series' event, and which
    # occurrence (RECURRENCE-ID, UTC) it replaces.
    parent_id: int | None = Field(default=None, foreign_key="event.id", index=True)
    recurrence_id: datetime | None = None
    location: str | None = Field(default=None, max_length=300)
    location_cy: str | None = Field(default=None, max_length=300)
    online_url: str | None = Field(default=None, max_length=500)
    registration_url: str | None = Field(default=None, max_length=500)
    speakers: str | None = Field(default=None, max_length=500)
    capacity: int | None = None
    status: str = Field(default=EventStatus.CONFIRMED.value, max_length=20)
    recording_url: str | None = Field(default=None, max_length=500)
    youtube_video_id: str | None = Field(default=None, max_length=20)
    source_id: int | None = Field(default=None, foreign_key="datasource.id")
    is_demo: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = 1  # every save; see Member.version


class Registration(SQLModel, table=True):
    """A registration or attendance record. A person who matched no member still counts."""

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id")
    member_id: int | None = Field(default=None, foreign_key="member.id")
    status: str = Field(default=RegistrationStatus.REGISTERED.value, max_length=20)
    attended: bool = False
    registered_at: datetime = Field(default_factory=utcnow)
    # The occurrence of a recurring event this is for (its start, UTC); None for a one-off.
    occurs_at: datetime | None = None
    # Stable key of an imported row (e.g. a hash of the attendee's email), so re-importing an
    # export updates instead of duplicating without keeping the email itself.
    source_key: str | None = Field(default=None, max_length=64)

    __table_args__ = (
        Index("ix_registration_event_attended", "event_id", "attended"),
        # A member's registrations, covering what their engagement level reads (attended,
        # and the event for its date): each row of the directory counts its member's
        # attendance from the index alone.
        Index("ix_registration_member_attended_event", "member_id", "attended", "event_id"),
        UniqueConstraint("event_id", "source_key"),
        # One registration per member and occurrence, kept by the database itself (two
        # clicks, two tabs, two workers). NULLs are distinct in a unique index, so a one-off
        # event's (occurs_at NULL) needs its own partial index.
        Index("uq_registration_member_once", "event_id", "member_id", unique=True,
              sqlite_where=sql_text("occurs_at IS NULL AND member_id IS NOT NULL"),
              postgresql_where=sql_text("occurs_at IS NULL AND member_id IS NOT NULL")),
        Index("uq_registration_member_occurrence", "event_id", "member_id", "occurs_at",
              unique=True),
    )


class RecordingViews(SQLModel, table=True):
    """A view count read from the video platform, kept with when it was read."""

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id")
    read_at: datetime = Field(default_factory=utcnow)
    view_count: int

    __table_args__ = (Index("ix_recordingviews_event_read", "event_id", "read_at"),)


# --- maturity -----------------------------------------------------------------------------


class MaturityFramework(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    version: str = Field(unique=True, max_length=20)
    title_en: str = Field(max_length=200)
    title_cy: str = Field(max_length=200)
    published_on: date
    # "1".."5" -> {"en": "Beginning", "cy": ...}
    level_names: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class MaturityDimension(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    framework_id: int = Field(foreign_key="maturityframework.id", index=True)
    key: str = Field(max_length=60)
    position: int
    name_en: str = Field(max_length=200)
    name_cy: str = Field(max_length=200)
    description_en: str = Field(sa_column=Column(Text, nullable=False))
    description_cy: str = Field(sa_column=Column(Text, nullable=False))
    # Level descriptors, "1".."5" -> {"en": ..., "cy": ...}.
    levels: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # The key of the matching dimension in the previous version, where one maps.
    maps_to: str | None = Field(default=None, max_length=60)

    __table_args__ = (UniqueConstraint("framework_id", "key"),)


class AssessmentRound(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=60)
    opens_on: date
    closes_on: date


class Assessment(SQLModel, table=True):
    """One body's self-assessment in one round."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    round_id: int = Field(foreign_key="assessmentround.id")
    framework_id: int = Field(foreign_key="maturityframework.id")
    status: str = Field(default=AssessmentStatus.DRAFT.value, max_length=20)
    submitted_at: datetime | None = None
    accepted_at: datetime | None = None
    # The body agreed to be named in published results.
    publish_named: bool = False
    # The steering group's comment when it returns an assessment.
    review_comment: str | None = Field(default=None, sa_column=Column(Text))
    updated_at: datetime = Field(default_factory=utcnow)
    is_demo: bool = False
    version: int = 1  # every save; see Member.version

    __table_args__ = (
        UniqueConstraint("organisation_id", "round_id"),
        # Covers "latest accepted assessment per body" without reading the table (SQLite).
        Index("ix_assessment_status_org_round", "status", "organisation_id", "round_id"),
    )


class AssessmentScore(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="assessment.id", index=True)
    dimension_id: int = Field(foreign_key="maturitydimension.id")
    level: int | None = None  # None with not_applicable
    not_applicable: bool = False
    confidence: str | None = Field(default=None, max_length=10)
    evidence: str | None = Field(default=None, sa_column=Column(Text))
    # One URL a line.
    evidence_links: str | None = Field(default=None, sa_column=Column(Text))

    __table_args__ = (UniqueConstraint("assessment_id", "dimension_id"),)


# --- steering group -----------------------------------------------------------------------


class SteeringMeeting(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    held_on: date = Field(index=True)
    title: str = Field(max_length=200)
    notes: str | None = Field(default=None, sa_column=Column(Text))
    is_demo: bool = False
    title_cy: str | None = Field(default=None, max_length=200)
    place: str | None = Field(default=None, max_length=300)
    online_url: str | None = Field(default=None, max_length=500)
    # Visitors and members see the minutes only once the steering group publishes them.
    minutes_published: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class SteeringAction(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=300)  # English
    title_cy: str | None = Field(default=None, max_length=300)  # None: shown in English
    description: str | None = Field(default=None, sa_column=Column(Text))
    description_cy: str | None = Field(default=None, sa_column=Column(Text))
    owner_member_id: int | None = Field(default=None, foreign_key="member.id")
    meeting_id: int | None = Field(default=None, foreign_key="steeringmeeting.id")
    due_on: date | None = Field(default=None, index=True)
    status: str = Field(default=ActionStatus.OPEN.value, index=True, max_length=20)
    completed_on: date | None = None
    is_demo: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    starts_on: date | None = None
    rag: str | None = Field(default=None, index=True, max_length=10)
    rag_reason: str | None = Field(default=None, sa_column=Column(Text))
    # The agenda item it was agreed at (no foreign key: the item is in a later table).
    agenda_item_id: int | None = Field(default=None, index=True)
    version: int = 1  # every save; see Member.version


class ActionObjectiveLink(SQLModel, table=True):
    action_id: int = Field(foreign_key="steeringaction.id", primary_key=True)
    objective_id: int = Field(foreign_key="objective.id", primary_key=True)


class ActionGoalLink(SQLModel, table=True):
    action_id: int = Field(foreign_key="steeringaction.id", primary_key=True)
    goal_id: int = Field(foreign_key="wellbeinggoal.id", primary_key=True)


class Decision(SQLModel, table=True):
    """A decision of the steering group: never deleted, only superseded or reversed."""

    id: int | None = Field(default=None, primary_key=True)
    # None: decided by the people named in decided_by, outside a meeting.
    meeting_id: int | None = Field(default=None, foreign_key="steeringmeeting.id", index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))  # English
    is_demo: bool = False
    reference: str | None = Field(default=None, unique=True, max_length=20)  # DEC-001
    decided_on: date | None = Field(default=None, index=True)
    text_cy: str | None = Field(default=None, sa_column=Column(Text))
    rationale: str | None = Field(default=None, sa_column=Column(Text))
    rationale_cy: str | None = Field(default=None, sa_column=Column(Text))
    options: str | None = Field(default=None, sa_column=Column(Text))
    options_cy: str | None = Field(default=None, sa_column=Column(Text))
    decided_by: str | None = Field(default=None, max_length=300)
    review_on: date | None = Field(default=None, index=True)
    status: str = Field(default=DecisionStatus.ACTIVE.value, index=True, max_length=20,
                        sa_column_kwargs={"server_default": "active"})
    superseded_by_id: int | None = Field(default=None, foreign_key="decision.id")
    agenda_item_id: int | None = Field(default=None, index=True)
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


# --- data sources -------------------------------------------------------------------------


class DataSource(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=120)  # English; also the source's key
    name_cy: str | None = Field(default=None, max_length=120)  # None: shown in English
    kind: str = Field(max_length=20)
    url: str | None = Field(default=None, max_length=500)
    enabled: bool = True
    is_demo: bool = False
    # --- live ---
    # Minutes between scheduled runs; 0: only when someone asks ("sync now").
    schedule_minutes: int = 0
    # What the kind needs that is not secret (e.g. a spreadsheet's target and column mapping).
    settings: dict | None = Field(default=None, sa_column=Column(JSON))
    # The secrets (URL, key, token) as one Fernet token: never sent to the browser.
    secret: str | None = Field(default=None, sa_column=Column(Text))
    # The last good fetch's validators, for conditional requests.
    etag: str | None = Field(default=None, max_length=300)
    last_modified: str | None = Field(default=None, max_length=100)
    failures: int = 0  # failed runs in a row
    next_run_at: datetime | None = Field(default=None, index=True)
    last_success_at: datetime | None = None
    version: int = 1  # raised on every edit: a stale save is refused


class SyncRun(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="datasource.id", index=True)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    status: str = Field(default=SyncStatus.RUNNING.value, max_length=20)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    message: str | None = Field(default=None, sa_column=Column(Text))
    # --- live ---
    rejected: int = 0
    message_cy: str | None = Field(default=None, sa_column=Column(Text))
    # The runner's lease fence when it claimed the run (None: run by hand).
    fence: int | None = None


class Setting(SQLModel, table=True):
    """Small facts about this installation, e.g. that its data is demo data."""

    key: str = Field(primary_key=True, max_length=60)
    value: str = Field(max_length=500)


# --- doorsdata ---


def _count_saves(model: type[SQLModel]) -> None:
    """Every ORM save of a changed ``model`` row adds one to its version (see
    dashboard/domain/versions.py), whatever writes it."""

    @event.listens_for(model, "before_update")
    def bump(_mapper, _connection, target):
        session = object_session(target)
        changed = session is None or session.is_modified(target, include_collections=False)
        if changed and not inspect(target).attrs.version.history.has_changes():
            target.version = (target.version or 0) + 1


for _model in (Member, Event, Assessment, SteeringAction):
    _count_saves(_model)


class ErasedPerson(SQLModel, table=True):
    """A tombstone of someone whose personal data was erased (UK GDPR): a keyed hash of
    their email (dashboard.keys, purpose "erasure"), never the email, so importing an old
    member file or a join request does not bring them back."""

    id: int | None = Field(default=None, primary_key=True)
    email_hash: str = Field(unique=True, max_length=64)
    erased_at: datetime = Field(default_factory=utcnow)

# --- invitations ---


class AccountLink(SQLModel, table=True):
    """A single-use, expiring link that lets a person set a password: an invitation (after
    their request to join is approved; ``member_id`` set) or a password reset (``user_id``
    set). Only a SHA-256 of the link's random token is stored, as for sessions."""

    id: int | None = Field(default=None, primary_key=True)
    purpose: str = Field(max_length=20)  # "invitation" or "password_reset"
    token_hash: str = Field(unique=True, max_length=64)
    member_id: int | None = Field(default=None, foreign_key="member.id", index=True)
    user_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    created_by_user_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None
# --- steering ---


class ActionWayLink(SQLModel, table=True):
    action_id: int = Field(foreign_key="steeringaction.id", primary_key=True)
    way_id: int = Field(foreign_key="wayofworking.id", primary_key=True)


class ActionNote(SQLModel, table=True):
    """A progress note on an action, with its author and time."""

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="steeringaction.id", index=True)
    author: str = Field(max_length=320)
    at: datetime = Field(default_factory=utcnow)
    text: str = Field(sa_column=Column(Text, nullable=False))


class DecisionActionLink(SQLModel, table=True):
    decision_id: int = Field(foreign_key="decision.id", primary_key=True)
    action_id: int = Field(foreign_key="steeringaction.id", primary_key=True)


class DecisionObjectiveLink(SQLModel, table=True):
    decision_id: int = Field(foreign_key="decision.id", primary_key=True)
    objective_id: int = Field(foreign_key="objective.id", primary_key=True)


class MeetingAttendance(SQLModel, table=True):
    """A member expected at a meeting: present, or sent apologies."""

    meeting_id: int = Field(foreign_key="steeringmeeting.id", primary_key=True)
    member_id: int = Field(foreign_key="member.id", primary_key=True)
    apologies: bool = False


class AgendaItem(SQLModel, table=True):
    """One item of a meeting's agenda, with its time and its minutes in both languages."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="steeringmeeting.id", index=True)
    position: int
    title: str = Field(max_length=300)
    title_cy: str | None = Field(default=None, max_length=300)
    minutes_allowed: int = 10  # the time it has on the agenda, in minutes
    source: str = Field(default=AgendaSource.ADDED.value, max_length=20)
    action_id: int | None = Field(default=None, foreign_key="steeringaction.id")
    decision_id: int | None = Field(default=None, foreign_key="decision.id")
    carried_from_id: int | None = Field(default=None, foreign_key="agendaitem.id", index=True)
    minutes: str | None = Field(default=None, sa_column=Column(Text))  # what was said
    minutes_cy: str | None = Field(default=None, sa_column=Column(Text))
    outcome: str = Field(default=AgendaOutcome.OPEN.value, index=True, max_length=20)
    is_demo: bool = False
# --- live ---


class RunnerLease(SQLModel, table=True):
    """Which worker runs the scheduled syncs: the holder until ``expires_at``. Taken and
    renewed with conditional UPDATEs; ``fence`` rises with every new holder, and a runner
    writes a run's results only while the fence is still its own."""

    name: str = Field(primary_key=True, max_length=40)
    holder: str = Field(default="", max_length=200)
    fence: int = 0
    expires_at: datetime | None = None


# The directory's text index lives beside the models (created by a migration, not here); this
# import keeps `reflex db makemigrations` from proposing to drop it.
from dashboard import search_index  # noqa: E402,F401
