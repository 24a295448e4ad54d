"""A large synthetic dataset, for benchmarks: how the dashboard copes at many times real size.

``cymuned seed --synthetic`` and ``python -m bench`` use it. The same domain rules as the
demo hold (unique lower-case emails, one assessment per body per round, a score per
dimension, attendance only at past events...), but rows go in through SQLAlchemy core
``insert`` in chunks with ids worked out beforehand: no ORM object per row, so the default
size (about 1.6 million rows) loads in a minute or two on SQLite and PostgreSQL.

Needs a database without community data (``database_is_empty``) and the reference data
loaded; the caller commits.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Table, func, insert, text, update
from sqlmodel import Session, select

from dashboard.domain.clock import london_today
from dashboard.models import (
    ActionGoalLink,
    ActionObjectiveLink,
    ActionWayLink,
    AgendaItem,
    Assessment,
    AssessmentRound,
    AssessmentScore,
    DataSource,
    Decision,
    DecisionObjectiveLink,
    Event,
    Member,
    Objective,
    Organisation,
    RecordingViews,
    Registration,
    Series,
    Setting,
    SteeringAction,
    SteeringMeeting,
    SyncRun,
    WayOfWorking,
    WellbeingGoal,
)
from dashboard.seed.demo import (
    BODY_TYPE_BASE,
    DIMENSION_TENDENCY,
    EVIDENCE,
    GENERIC_EVIDENCE,
    INTERESTS,
    JOB_TITLES,
    OTHER_FIRST_NAMES,
    OTHER_SURNAMES,
    RETURN_COMMENT,
    WELSH_FIRST_NAMES,
    WELSH_SURNAMES,
    add_months,
    current_framework,
    database_is_empty,
    email_part,
    fake_video_id,
    london_to_utc,
    naive_utc,
    slugify,
)

EMAIL_DOMAIN = "synthetic.cymuned.example"
CHUNK = 20_000


@dataclass
class SyntheticSize:
    members: int = 100_000
    # Bodies in the registry in all: the real ones plus generated ones to make up the number.
    bodies: int = 2_000
    events: int = 5_000
    # Attended registrations; no-shows and bookings for upcoming events come on top.
    attendance: int = 1_000_000
    assessments: int = 50_000

    def label(self) -> str:
        return ", ".join(f"{key}={value:,}" for key, value in asdict(self).items())


# Places for generated bodies, with their region.
PLACES = [
    ("Aberaeron", "mid"), ("Aberdare", "south_east"), ("Abergavenny", "south_east"),
    ("Abergele", "north"), ("Aberystwyth", "mid"), ("Ammanford", "south_west"),
    ("Bala", "north"), ("Bangor", "north"), ("Barmouth", "north"), ("Barry", "south_east"),
    ("Beaumaris", "north"), ("Bethesda", "north"), ("Blaenau Ffestiniog", "north"),
    ("Brecon", "mid"), ("Bridgend", "south_east"), ("Builth Wells", "mid"),
    ("Burry Port", "south_west"), ("Caernarfon", "north"), ("Caerphilly", "south_east"),
    ("Cardigan", "south_west"), ("Carmarthen", "south_west"), ("Chepstow", "south_east"),
    ("Colwyn Bay", "north"), ("Conwy", "north"), ("Cowbridge", "south_east"),
    ("Criccieth", "north"), ("Crickhowell", "mid"), ("Cwmbrân", "south_east"),
    ("Denbigh", "north"), ("Dolgellau", "north"), ("Ebbw Vale", "south_east"),
    ("Fishguard", "south_west"), ("Flint", "north"), ("Haverfordwest", "south_west"),
    ("Hay-on-Wye", "mid"), ("Holyhead", "north"), ("Holywell", "north"),
    ("Knighton", "mid"), ("Lampeter", "mid"), ("Llandeilo", "south_west"),
    ("Llandovery", "south_west"), ("Llandrindod Wells", "mid"), ("Llandudno", "north"),
    ("Llanelli", "south_west"), ("Llangefni", "north"), ("Llangollen", "north"),
    ("Llanidloes", "mid"), ("Llantwit Major", "south_east"), ("Machynlleth", "mid"),
    ("Maesteg", "south_east"), ("Merthyr Tydfil", "south_east"), ("Milford Haven", "south_west"),
    ("Mold", "north"), ("Monmouth", "south_east"), ("Mountain Ash", "south_east"),
    ("Narberth", "south_west"), ("Neath", "south_west"), ("Newcastle Emlyn", "south_west"),
    ("Newtown", "mid"), ("Pembroke", "south_west"), ("Penarth", "south_east"),
    ("Pontypool", "south_east"), ("Pontypridd", "south_east"), ("Porthcawl", "south_east"),
    ("Porthmadog", "north"), ("Prestatyn", "north"), ("Pwllheli", "north"),
    ("Rhayader", "mid"), ("Rhyl", "north"), ("Ruthin", "north"), ("St Davids", "south_west"),
    ("Tenby", "south_west"), ("Tonypandy", "south_east"), ("Tredegar", "south_east"),
    ("Tregaron", "mid"), ("Treorchy", "south_east"), ("Tywyn", "mid"), ("Welshpool", "mid"),
    ("Whitland", "south_west"), ("Ystradgynlais", "mid"),
]
# (English pattern, Welsh pattern, body type)
BODY_KINDS = [
    ("{place} Town Council", "Cyngor Tref {place}", "local_authority"),
    ("{place} Community Council", "Cyngor Cymuned {place}", "local_authority"),
    ("{place} Housing Association", "Cymdeithas Dai {place}", "other"),
    ("Coleg {place}", "Coleg {place}", "sponsored_body"),
    ("{place} Leisure Trust", "Ymddiriedolaeth Hamdden {place}", "sponsored_body"),
    ("{place} Primary Care Cluster", "Clwstwr Gofal Sylfaenol {place}", "health_board"),
    ("{place} Community Fire Station", "Gorsaf Dân Gymunedol {place}", "fire_and_rescue"),
    ("{place} Neighbourhood Policing Team", "Tîm Plismona Bro {place}", "police"),
    ("{place} Public Services Board", "Bwrdd Gwasanaethau Cyhoeddus {place}", "other"),
]
SERIES_TOPICS = [
    ("Generative AI in practice", "Deallusrwydd artiffisial cynhyrchiol yn ymarferol"),
    ("Automation clinics", "Clinigau awtomeiddio"),
    ("Data foundations", "Sylfeini data"),
    ("Responsible AI", "Deallusrwydd artiffisial cyfrifol"),
    ("Buying AI", "Prynu deallusrwydd artiffisial"),
    ("Show and tell", "Dangos a dweud"),
    ("Digital skills", "Sgiliau digidol"),
    ("Leaders' briefings", "Briffiau i arweinwyr"),
]
ACTION_VERBS = ["Publish", "Draft", "Review", "Share", "Run", "Agree", "Collect", "Plan"]
ACTION_OBJECTS = [
    "guidance on AI procurement", "a template AI use policy", "case studies of automation",
    "a Welsh-language session on AI", "the maturity results summary", "a data quality session",
    "a supplier engagement plan", "the community terms of reference", "an RPA process library",
    "equality impact assessment guidance", "a Copilot pilot evaluation", "a regional meetup",
]


def _times(moment: datetime) -> datetime:
    """Naive UTC (for the arithmetic) to aware UTC (for the columns)."""
    return moment.replace(tzinfo=UTC)


def _next_id(session: Session, model) -> int:
    return (session.exec(select(func.max(model.id))).one() or 0) + 1


def _bulk(session: Session, table: Table, rows: Iterable[dict]) -> int:
    """Insert rows in chunks with one executemany each; returns how many."""
    count = 0
    chunk: list[dict] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            session.execute(insert(table), chunk)
            count += len(chunk)
            chunk = []
    if chunk:
        session.execute(insert(table), chunk)
        count += len(chunk)
    return count


def _reset_sequences(session: Session, tables: list[Table]) -> None:
    """PostgreSQL: move each id sequence past the ids given explicitly."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM \"{table.name}\"))"
        ))


def seed_synthetic(
    session: Session, size: SyntheticSize, now: datetime, seed: int = 2023
) -> dict[str, int]:
    """Generate ``size`` worth of community data; returns how many rows of each kind."""
    if not database_is_empty(session):
        raise ValueError("synthetic data needs a database without community data")
    rng = random.Random(seed)
    now = naive_utc(now)
    today = london_today(now)
    session.merge(Setting(key="dataset", value="synthetic"))
    session.flush()

    summary: dict[str, int] = {}
    org_ids, org_slugs, org_types, n_registry = _organisations(session, rng, size, summary)
    attendee_ids, active_ids, owners = _members(
        session, rng, size, today, now, org_ids, org_slugs, n_registry, summary)
    _events(session, rng, size, today, now, attendee_ids, active_ids, summary)
    _maturity(session, rng, size, today, now, org_ids, org_types, summary)
    _steering(session, rng, size, today, owners, summary)
    _sources(session, rng, now, summary)
    _reset_sequences(session, [
        t.__table__ for t in (Organisation, Member, Series, Event, AssessmentRound, Assessment,
                              SteeringMeeting, SteeringAction, Decision, AgendaItem,
                              DataSource)
    ])
    session.flush()
    return summary


# --- organisations ------------------------------------------------------------------------


def _organisations(session, rng, size, summary):
    existing = session.exec(
        select(Organisation.id, Organisation.slug, Organisation.body_type)
        .where(Organisation.in_registry).order_by(Organisation.id)
    ).all()
    all_slugs = set(session.exec(select(Organisation.slug)).all())
    extra = max(0, size.bodies - len(existing))
    first_id = _next_id(session, Organisation)
    rows = []
    seen: dict[str, int] = {}
    for n in range(extra):
        place, region = rng.choice(PLACES)
        name_en, name_cy, body_type = rng.choice(BODY_KINDS)
        name_en, name_cy = name_en.format(place=place), name_cy.format(place=place)
        base = slugify(name_en)
        seen[base] = seen.get(base, 0) + 1
        slug = base if seen[base] == 1 else f"{base}-{seen[base]}"
        while slug in all_slugs:
            seen[base] += 1
            slug = f"{base}-{seen[base]}"
        all_slugs.add(slug)
        rows.append({
            "id": first_id + n, "slug": slug, "name_en": name_en, "name_cy": name_cy,
            "body_type": body_type, "region": region, "wfg_act": False, "in_registry": True,
            "website": None,
        })
    summary["organisations_added"] = _bulk(session, Organisation.__table__, rows)
    org_ids = [row[0] for row in existing] + [r["id"] for r in rows]
    org_slugs = {row[0]: row[1] for row in existing} | {r["id"]: r["slug"] for r in rows}
    org_types = {row[0]: row[2] for row in existing} | {r["id"]: r["body_type"] for r in rows}
    return org_ids, org_slugs, org_types, len(existing)


# --- members ------------------------------------------------------------------------------


def _members(session, rng, size, today, now, org_ids, org_slugs, n_registry, summary):
    # Real registry bodies are bigger; about one generated body in seven has nobody yet.
    weights = [30.0] * n_registry + [
        0.0 if rng.random() < 0.15 else rng.paretovariate(1.5)
        for _ in org_ids[n_registry:]
    ]
    placements = rng.choices(org_ids, weights=weights, k=size.members)

    first_names = WELSH_FIRST_NAMES + OTHER_FIRST_NAMES
    surnames = WELSH_SURNAMES + OTHER_SURNAMES
    first_id = _next_id(session, Member)
    month_start = today.replace(day=1)
    span_days = 6 * 365
    statuses = ["active", "pending", "left", "declined", "erased"]
    status_weights = [90.5, 2.0, 6.0, 1.0, 0.5]
    status_draws = rng.choices(statuses, weights=status_weights, k=size.members)

    attendee_ids: list[int] = []  # members who could have attended past events
    active_ids: list[int] = []
    owners: list[int] = []
    chair_given = False

    def rows() -> Iterator[dict]:
        nonlocal chair_given
        for n in range(size.members):
            member_id = first_id + n
            org_id = placements[n]
            status = status_draws[n]
            first, last = rng.choice(first_names), rng.choice(surnames)
            email = (f"{email_part(first)}.{email_part(last)}.{member_id}"
                     f"@{org_slugs[org_id]}.{EMAIL_DOMAIN}")
            name = f"{first} {last}"
            joined = decided = left = last_active = None
            if status == "pending":
                created = now - timedelta(minutes=rng.randint(10, 30 * 24 * 60))
            else:
                if rng.random() < 0.01:
                    joined = month_start + timedelta(
                        days=rng.randint(0, (today - month_start).days))
                else:
                    joined = month_start - timedelta(days=1 + int(span_days * rng.random() ** 1.5))
                decided = min(now, datetime.combine(
                    joined, time(rng.randint(8, 17), rng.randint(0, 59))))
                created = decided - timedelta(days=rng.randint(0, 5))
                if status == "declined":  # the request was turned down: never joined
                    joined = None
                elif status == "left":
                    left = joined + timedelta(days=rng.randint(0, max(0, (today - joined).days)))
                    last_active = left
                elif status == "active":
                    last_active = max(joined, today - timedelta(days=int(rng.expovariate(1 / 30))))
            role = "member"
            if status == "active":
                draw = rng.random()
                if not chair_given:
                    role, chair_given = "chair", True
                elif draw < 0.005:
                    role = "steering"
                elif draw < 0.01:
                    role = "observer"
                if role in ("chair", "steering"):
                    owners.append(member_id)
            if status in ("active", "left"):
                attendee_ids.append(member_id)
            if status == "active":
                active_ids.append(member_id)
            consent = created
            erased = None
            if status == "erased":  # personal fields blanked
                name, email, consent = "", None, None
                erased = min(now, created + timedelta(days=rng.randint(30, 900)))
            yield {
                "id": member_id, "full_name": name, "email": email,
                "organisation_id": org_id, "organisation_other": None,
                "job_title": None if status == "erased" else rng.choice(JOB_TITLES),
                "interests": None if status == "erased" else rng.choice(INTERESTS),
                "community_role": role, "status": status,
                "language": "cy" if rng.random() < 0.2 else "en",
                "consent_at": _times(consent) if consent else None,
                "joined_on": joined, "left_on": left, "last_active_on": last_active,
                "assessor": status == "active" and rng.random() < 0.02,
                "decided_at": _times(decided) if decided else None,
                "erased_at": _times(erased) if erased else None,
                "is_demo": False, "created_at": _times(min(created, now)),
                "updated_at": _times(min(erased or decided or created, now)),
            }

    summary["members"] = _bulk(session, Member.__table__, rows())
    return attendee_ids, active_ids, owners


# --- events -------------------------------------------------------------------------------


def _events(session, rng, size, today, now, member_ids, active_ids, summary):
    n_series = max(1, min(200, size.events // 25))
    first_series = _next_id(session, Series)
    series_rows = []
    for k in range(n_series):
        topic_en, topic_cy = SERIES_TOPICS[k % len(SERIES_TOPICS)]
        series_rows.append({
            "id": first_series + k, "slug": f"synthetic-series-{k + 1:03d}",
            "title_en": f"{topic_en} ({k + 1})", "title_cy": f"{topic_cy} ({k + 1})",
            "description_en": None, "description_cy": None, "is_demo": False,
        })
    summary["series"] = _bulk(session, Series.__table__, series_rows)

    # Over the last six years, a few in the next six months; cancelled ones now and then.
    first_event = _next_id(session, Event)
    events = []
    for n in range(size.events):
        upcoming = rng.random() < 0.05
        day = today + timedelta(days=rng.randint(1, 180)) if upcoming else \
            today - timedelta(days=rng.randint(1, 6 * 365))
        starts = london_to_utc(day, time(rng.choice([10, 12, 14]), rng.choice([0, 30])))
        online = rng.random() < 0.85
        cancelled = rng.random() < 0.03
        recorded = not upcoming and not cancelled and online and rng.random() < 0.4
        video = fake_video_id(rng) if recorded else None
        event_id = first_event + n
        series = rng.randrange(n_series)
        events.append({
            "id": event_id, "uid": f"synthetic-{event_id}@cymuned.example", "sequence": 0,
            "series_id": first_series + series,
            "title": f"{SERIES_TOPICS[series % len(SERIES_TOPICS)][0]}: session {n + 1}",
            "description": None,
            "topic": None, "starts_at": starts, "ends_at": starts + timedelta(minutes=90),
            "timezone": "Europe/London", "all_day": False, "rrule": None, "exdates": None,
            "location": None if online else f"{rng.choice(PLACES)[0]} (venue to be confirmed)",
            "online_url": f"https://events.{EMAIL_DOMAIN}/{event_id}/join" if online else None,
            "registration_url": None, "speakers": None,
            "capacity": rng.choice([None, None, 50, 100, 300]),
            "status": "cancelled" if cancelled else "confirmed",
            "recording_url": f"https://www.youtube.com/watch?v={video}" if video else None,
            "youtube_video_id": video, "source_id": None, "is_demo": False,
            "created_at": starts - timedelta(days=30), "updated_at": starts - timedelta(days=1),
        })
    event_rows = [
        {**e, "starts_at": _times(e["starts_at"]), "ends_at": _times(e["ends_at"]),
         "created_at": _times(min(now, e["created_at"])),
         "updated_at": _times(min(now, e["updated_at"]))}
        for e in events
    ]
    summary["events"] = _bulk(session, Event.__table__, event_rows)

    past = [e for e in events if e["starts_at"] < now and e["status"] != "cancelled"]
    upcoming = [e for e in events if e["starts_at"] >= now and e["status"] != "cancelled"]
    attended = _split(rng, size.attendance, len(past))
    pool = len(member_ids)

    def registrations() -> Iterator[dict]:
        for event, count in zip(past, attended):
            starts = event["starts_at"]
            no_shows = count // 10
            # About 60% of attendees matched to a member; the rest came through a form.
            matched = rng.sample(member_ids, min(pool, round((count + no_shows) * 0.6)))
            for k in range(count + no_shows):
                yield {
                    "event_id": event["id"],
                    "member_id": matched[k] if k < len(matched) else None,
                    "status": "registered", "attended": k < count,
                    "registered_at": _times(
                        starts - timedelta(seconds=rng.randrange(3600, 21 * 86400))),
                }
        for event in upcoming:
            starts = event["starts_at"]
            booked = rng.sample(active_ids, min(len(active_ids), rng.randint(10, 120)))
            capacity = event["capacity"]
            for k, member_id in enumerate(booked):
                registered = min(now, starts - timedelta(seconds=rng.randrange(3600, 21 * 86400)))
                yield {
                    "event_id": event["id"], "member_id": member_id,
                    "status": ("waitlisted" if capacity is not None and k >= capacity
                               else "registered"),
                    "attended": False, "registered_at": _times(registered),
                }

    summary["registrations"] = _bulk(session, Registration.__table__, registrations())
    summary["attended"] = size.attendance

    def views() -> Iterator[dict]:
        for event in past:
            if not event["youtube_video_id"]:
                continue
            latest = rng.randint(20, 5000)
            readings = rng.randint(3, 6)
            first_read = event["starts_at"] + timedelta(days=7)
            gap = max(timedelta(hours=1), (now - first_read) / readings)
            for r in range(readings):
                read_at = first_read + gap * r
                if read_at >= now:
                    break
                yield {"event_id": event["id"], "read_at": _times(read_at),
                       "view_count": int(latest * (r + 1) / readings)}

    summary["recording_views"] = _bulk(session, RecordingViews.__table__, views())


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` split over ``parts`` unevenly (a few popular events), summing exactly."""
    if parts == 0:
        if total:
            raise ValueError("attendance needs at least one past event")
        return []
    weights = [rng.lognormvariate(0, 0.8) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    # Rounding down lost fewer than ``parts``: give them out one each.
    for k in rng.sample(range(parts), min(parts, total - sum(counts))):
        counts[k] += 1
    counts[0] += total - sum(counts)
    return counts


# --- maturity -----------------------------------------------------------------------------


def _maturity(session, rng, size, today, now, org_ids, org_types, summary):
    framework, dimensions = current_framework(session)
    summary["assessments"] = summary["assessment_scores"] = 0
    if framework is None or not dimensions or size.assessments == 0:
        return
    if not org_ids:
        raise ValueError("assessments need organisations")
    # Quarterly rounds, the latest open now; each assesses every body (the last: the rest).
    n_rounds = math.ceil(size.assessments / len(org_ids))
    latest_opens = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    first_round = _next_id(session, AssessmentRound)
    rounds = []
    for r in range(n_rounds):
        opens = add_months(latest_opens, -3 * (n_rounds - 1 - r))
        rounds.append({
            "id": first_round + r, "name": f"{opens.year} Q{(opens.month - 1) // 3 + 1}",
            "opens_on": opens, "closes_on": add_months(opens, 3) - timedelta(days=1),
        })
    _bulk(session, AssessmentRound.__table__, rounds)
    summary["assessment_rounds"] = len(rounds)

    capability = {org_id: BODY_TYPE_BASE.get(org_types[org_id], 2.3) + rng.gauss(0, 0.45)
                  for org_id in org_ids}
    first_assessment = _next_id(session, Assessment)
    plan: list[tuple[int, int, float]] = []  # (assessment id, round index, capability)
    assessment_rows = []
    remaining = size.assessments
    for r, round_ in enumerate(rounds):
        latest = r == len(rounds) - 1
        chosen = rng.sample(org_ids, min(len(org_ids), remaining))
        remaining -= len(chosen)
        for org_id in chosen:
            assessment_id = first_assessment + len(assessment_rows)
            status = rng.choices(
                ["accepted", "submitted", "draft", "returned"],
                weights=[60, 25, 10, 5] if latest else [96, 0, 0, 4],
            )[0]
            opened = datetime.combine(round_["opens_on"], time(9))
            submitted = accepted = None
            end = min(now - timedelta(hours=2), opened + timedelta(days=80))
            if end <= opened:  # the round opened only just now
                status = "draft"
            if status != "draft":
                submitted = opened + (end - opened) * rng.random()
                if status == "accepted":
                    review = min(now, submitted + timedelta(days=30)) - submitted
                    accepted = submitted + review * rng.random()
            assessment_rows.append({
                "id": assessment_id, "organisation_id": org_id, "round_id": round_["id"],
                "framework_id": framework.id, "status": status,
                "submitted_at": _times(submitted) if submitted else None,
                "accepted_at": _times(accepted) if accepted else None,
                "publish_named": rng.random() < 0.5,
                "review_comment": RETURN_COMMENT if status == "returned" else None,
                "updated_at": _times(min(now, accepted or submitted or opened)),
                "is_demo": False,
            })
            plan.append((assessment_id, r, capability[org_id]))
    summary["assessments"] = _bulk(session, Assessment.__table__, assessment_rows)

    dims = [(d.id, DIMENSION_TENDENCY.get(d.key, 0.0), EVIDENCE.get(d.key, GENERIC_EVIDENCE))
            for d in dimensions]
    confidences = ["low", "medium", "high"]

    def scores() -> Iterator[dict]:
        gauss, random_ = rng.gauss, rng.random
        for assessment_id, r, base in plan:
            improvement = 0.04 * r  # the sector matures slowly, round on round
            for dimension_id, tendency, notes in dims:
                if random_() < 0.02:
                    yield {"assessment_id": assessment_id, "dimension_id": dimension_id,
                           "level": None, "not_applicable": True, "confidence": None,
                           "evidence": None}
                    continue
                level = max(1, min(5, round(base + improvement + tendency + gauss(0, 0.55))))
                yield {
                    "assessment_id": assessment_id, "dimension_id": dimension_id,
                    "level": level, "not_applicable": False,
                    "confidence": confidences[int(random_() * 3)],
                    "evidence": notes[0 if level <= 2 else (1 if level == 3 else 2)]
                    if random_() < 0.1 else None,
                }

    summary["assessment_scores"] = _bulk(session, AssessmentScore.__table__, scores())


# --- steering group -----------------------------------------------------------------------


def _steering(session, rng, size, today, owners, summary):
    """At the default size: 500 meetings (three weeks apart, the last few still to come),
    2,000 decisions (some superseded or due for review), 10,000 actions with RAG ratings
    and links, and agendas of eight items with minutes in both languages."""
    n_meetings = max(6, min(500, size.members // 200))
    first_meeting = _next_id(session, SteeringMeeting)
    meetings = [{
        "id": first_meeting + k,
        "held_on": today - timedelta(days=21 * (n_meetings - 3 - k)),
        "title": f"Steering group meeting {k + 1}", "title_cy": f"Cyfarfod y grŵp llywio {k + 1}",
        "notes": None, "is_demo": False, "minutes_published": k % 3 != 0, "version": 1,
    } for k in range(n_meetings)]
    summary["steering_meetings"] = _bulk(session, SteeringMeeting.__table__, meetings)

    first_item = _next_id(session, AgendaItem)
    items = [{
        "id": first_item + k * 8 + p, "meeting_id": m["id"], "position": p + 1,
        "title": f"Item {p + 1}", "title_cy": f"Eitem {p + 1}", "minutes_allowed": 10,
        "source": "added", "minutes": f"Discussed item {p + 1}." if m["held_on"] < today
        else None, "minutes_cy": f"Trafodwyd eitem {p + 1}." if m["held_on"] < today else None,
        "outcome": "carried" if p == 7 and m["held_on"] < today else "done"
        if m["held_on"] < today else "open", "is_demo": False,
    } for k, m in enumerate(meetings) for p in range(8)]
    _bulk(session, AgendaItem.__table__, items)

    first_decision = _next_id(session, Decision)
    objective_ids = session.exec(select(Objective.id).order_by(Objective.id)).all()
    decisions, decision_links = [], []
    for k, m in enumerate(meetings):
        for d in range(4):
            number = k * 4 + d
            decision_id = first_decision + number
            decisions.append({
                "id": decision_id, "meeting_id": m["id"], "reference": f"DEC-{number + 1:03d}",
                "decided_on": m["held_on"], "text": f"Decision {d + 1} of {m['title'].lower()}.",
                "text_cy": f"Penderfyniad {d + 1} o {m['title_cy'].lower()}.",
                "review_on": m["held_on"] + timedelta(days=rng.choice([90, 180, 365])),
                "status": "active", "superseded_by_id": None,
                "agenda_item_id": first_item + k * 8 + 2 + d, "is_demo": False, "version": 1,
            })
            decision_links.append({"decision_id": decision_id,
                                   "objective_id": rng.choice(objective_ids)})
    summary["decisions"] = _bulk(session, Decision.__table__, decisions)
    # One in ten superseded by a decision of the next meeting (set once both exist, so the
    # foreign key holds row by row on PostgreSQL).
    replaced = [d["id"] for n, d in enumerate(decisions) if n % 10 == 0 and n + 4 < len(decisions)]
    for start in range(0, len(replaced), CHUNK):
        session.execute(update(Decision).where(Decision.id.in_(replaced[start:start + CHUNK]))
                        .values(status="superseded", superseded_by_id=Decision.id + 4))
    _bulk(session, DecisionObjectiveLink.__table__, decision_links)

    n_actions = max(20, min(10_000, size.members // 10))
    first_action = _next_id(session, SteeringAction)
    goal_ids = session.exec(select(WellbeingGoal.id).order_by(WellbeingGoal.id)).all()
    way_ids = session.exec(select(WayOfWorking.id).order_by(WayOfWorking.id)).all()
    held = [m for m in meetings if m["held_on"] < today] or meetings
    actions, objective_links, goal_links, way_links = [], [], [], []
    for n in range(n_actions):
        meeting = rng.choice(held)
        due = meeting["held_on"] + timedelta(days=rng.choice([28, 42, 56, 84, 112, 140]))
        if due < today:
            status = rng.choices(["done", "cancelled", "in_progress", "open", "blocked"],
                                 [70, 8, 10, 6, 6])[0]
        else:
            status = rng.choices(["open", "in_progress", "done", "blocked"], [45, 35, 10, 10])[0]
        completed = None
        if status == "done":
            completed = min(today, meeting["held_on"] + timedelta(days=rng.randint(7, 150)))
        rag = None
        if status in ("open", "in_progress", "blocked"):
            rag = "red" if status == "blocked" else rng.choice(["green", "green", "amber", "red"])
        created = datetime.combine(meeting["held_on"], time(16, 30))
        action_id = first_action + n
        actions.append({
            "id": action_id,
            "title": f"{rng.choice(ACTION_VERBS)} {rng.choice(ACTION_OBJECTS)}",
            "description": None, "owner_member_id": rng.choice(owners) if owners else None,
            "meeting_id": meeting["id"], "due_on": due, "status": status,
            "completed_on": completed, "is_demo": False, "rag": rag,
            "rag_reason": "Synthetic reason." if rag else None, "version": 1,
            "created_at": _times(created), "updated_at": _times(created),
        })
        for objective_id in rng.sample(objective_ids, min(len(objective_ids), rng.randint(1, 2))):
            objective_links.append({"action_id": action_id, "objective_id": objective_id})
        for goal_id in rng.sample(goal_ids, min(len(goal_ids), rng.randint(1, 2))):
            goal_links.append({"action_id": action_id, "goal_id": goal_id})
        for way_id in rng.sample(way_ids, min(len(way_ids), rng.randint(1, 2))):
            way_links.append({"action_id": action_id, "way_id": way_id})
    summary["steering_actions"] = _bulk(session, SteeringAction.__table__, actions)
    _bulk(session, ActionObjectiveLink.__table__, objective_links)
    _bulk(session, ActionGoalLink.__table__, goal_links)
    _bulk(session, ActionWayLink.__table__, way_links)


# --- data sources -------------------------------------------------------------------------


def _sources(session, rng, now, summary):
    first_source = _next_id(session, DataSource)
    kinds = [("Synthetic events calendar", "ics"), ("Synthetic recordings", "youtube"),
             ("Synthetic registrations", "registrations"), ("Synthetic survey export", "survey")]
    sources = [{"id": first_source + k, "name": name, "kind": kind, "url": None,
                "enabled": True, "is_demo": False} for k, (name, kind) in enumerate(kinds)]
    summary["data_sources"] = _bulk(session, DataSource.__table__, sources)
    runs = []
    for source in sources:
        for k in range(50):
            started = now - timedelta(hours=6 * (k + 1))
            failed = rng.random() < 0.04
            runs.append({
                "source_id": source["id"], "started_at": _times(started),
                "finished_at": _times(started + timedelta(seconds=rng.randint(1, 30))),
                "status": "failed" if failed else "succeeded",
                "added": 0 if failed else rng.randint(0, 20),
                "updated": 0 if failed else rng.randint(0, 50),
                "unchanged": 0 if failed else rng.randint(0, 500),
                "message": "timed out after 30 seconds" if failed else None,
            })
    summary["sync_runs"] = _bulk(session, SyncRun.__table__, runs)
