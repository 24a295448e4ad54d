"""The demo steering group's year: six meetings (and the next one, not yet held), their
agendas and minutes in English and Welsh, the decisions taken (one later superseded, one
reversed), and the actions agreed, with owners, RAG ratings, progress notes and links to
the CDPS objectives, the well-being goals and the ways of working.

The story follows the discovery: terms of reference and priorities first, then the webinar
series and the template policies, the maturity rounds, the procurement sub-group, and the
review of the year.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from babel.dates import format_date
from sqlmodel import Session, select

from dashboard.models import (
    ActionGoalLink,
    ActionNote,
    ActionObjectiveLink,
    ActionStatus,
    ActionWayLink,
    AgendaItem,
    AgendaOutcome,
    AgendaSource,
    CommunityRole,
    Decision,
    DecisionObjectiveLink,
    DecisionStatus,
    MeetingAttendance,
    Member,
    Objective,
    SteeringAction,
    SteeringMeeting,
    WayOfWorking,
    WellbeingGoal,
)

# (meeting number 0-5, topic, topic in Welsh, decision, decision in Welsh, rationale,
#  rationale in Welsh, objective codes, review after days or None)
DECISIONS = [
    (0, "Terms of reference", "Cylch gorchwyl",
     "Agreed the terms of reference for the steering group, with a review after twelve months.",
     "Cytunwyd ar gylch gorchwyl y grŵp llywio, gydag adolygiad ar ôl deuddeng mis.",
     "The discovery recommended a light, clear remit the community can see.",
     "Argymhellodd y cam darganfod gylch gwaith ysgafn a chlir y gall y gymuned ei weld.",
     ["cdps-1"], 365),
    (0, "Maturity self-assessment", "Hunanasesiad aeddfedrwydd",
     "Agreed to run the maturity self-assessment every year, opening each autumn.",
     "Cytunwyd i gynnal yr hunanasesiad aeddfedrwydd bob blwyddyn, gan agor bob hydref.",
     "A yearly round shows change over time without overloading bodies.",
     "Mae rownd flynyddol yn dangos newid dros amser heb orlwytho cyrff.",
     ["cdps-4"], None),
    (0, "Bilingual events", "Digwyddiadau dwyieithog",
     "Agreed that community events are bilingual by default, with a Welsh-language session "
     "each quarter.",
     "Cytunwyd bod digwyddiadau'r gymuned yn ddwyieithog yn ddiofyn, gyda sesiwn Gymraeg bob "
     "chwarter.",
     "The Welsh Language Standards apply, and members asked for sessions in Welsh.",
     "Mae Safonau'r Gymraeg yn berthnasol, a gofynnodd aelodau am sesiynau yn Gymraeg.",
     ["cdps-1"], None),
    (1, "Community priorities", "Blaenoriaethau'r gymuned",
     "Agreed the community's priorities for the year: responsible AI, procurement and skills.",
     "Cytunwyd ar flaenoriaethau'r gymuned ar gyfer y flwyddyn: deallusrwydd artiffisial "
     "cyfrifol, caffael a sgiliau.",
     "These were the three needs raised most often in the discovery interviews.",
     "Dyma'r tri angen a godwyd amlaf yng nghyfweliadau'r cam darganfod.",
     ["cdps-4", "cdps-5"], 180),
    (1, "Standing members", "Aelodau sefydlog",
     "Agreed to invite WLGA and NHS Wales representatives as standing members.",
     "Cytunwyd i wahodd cynrychiolwyr CLlLC a GIG Cymru yn aelodau sefydlog.",
     "Local government and health make up most of the sector.",
     "Llywodraeth leol ac iechyd yw'r rhan fwyaf o'r sector.",
     ["cdps-1"], None),
    (1, "Template AI use policy", "Templed polisi defnyddio DA",
     "Agreed to share a template AI use policy, adapted from two councils' policies.",
     "Cytunwyd i rannu templed polisi defnyddio deallusrwydd artiffisial, wedi'i addasu o "
     "bolisïau dau gyngor.",
     "Reusing tested policies saves every body writing its own.",
     "Mae ailddefnyddio polisïau a brofwyd yn arbed i bob corff ysgrifennu ei bolisi ei hun.",
     ["cdps-5"], None),
    (2, "Shared chatbot pilot", "Cynllun peilot sgwrsfot ar y cyd",
     "Agreed to pause the shared chatbot pilot until the data protection review completes.",
     "Cytunwyd i oedi'r cynllun peilot sgwrsfot ar y cyd nes i'r adolygiad diogelu data ddod "
     "i ben.",
     "The data protection impact assessment raised questions about call recordings.",
     "Cododd yr asesiad o'r effaith ar ddiogelu data gwestiynau am recordio galwadau.",
     ["cdps-5", "cdps-6"], None),
    (2, "Regional meetups", "Cyfarfodydd rhanbarthol",
     "Agreed to hold one in-person meetup a year in each region.",
     "Cytunwyd i gynnal un cyfarfod wyneb yn wyneb y flwyddyn ym mhob rhanbarth.",
     "Members outside Cardiff asked for events nearer to them.",
     "Gofynnodd aelodau y tu allan i Gaerdydd am ddigwyddiadau'n nes atynt.",
     ["cdps-4"], None),
    (2, "Algorithmic transparency", "Tryloywder algorithmig",
     "Agreed to adopt the algorithmic transparency recording standard as recommended practice.",
     "Cytunwyd i fabwysiadu'r safon cofnodi tryloywder algorithmig yn arfer a argymhellir.",
     "A common standard makes records comparable across Wales and the UK.",
     "Mae safon gyffredin yn gwneud cofnodion yn gymaradwy ar draws Cymru a'r DU.",
     ["cdps-5", "cdps-7"], 270),
    (3, "Approved generative AI tools", "Offer DA cynhyrchiol cymeradwy",
     "Agreed a shared list of approved generative AI tools to be maintained by CDPS.",
     "Cytunwyd ar restr gyffredin o offer deallusrwydd artiffisial cynhyrchiol cymeradwy i'w "
     "chynnal gan CDPS.",
     "Members were each assessing the same tools separately.",
     "Roedd yr aelodau i gyd yn asesu'r un offer ar wahân.",
     ["cdps-5"], 120),
    (3, "Equality guidance", "Canllawiau cydraddoldeb",
     "Agreed to co-produce guidance on AI and the Public Sector Equality Duty with members.",
     "Cytunwyd i gydgynhyrchu canllawiau ar ddeallusrwydd artiffisial a Dyletswydd "
     "Cydraddoldeb y Sector Cyhoeddus gyda'r aelodau.",
     "Equality impact was the risk members felt least ready for.",
     "Effaith ar gydraddoldeb oedd y risg yr oedd aelodau'n teimlo lleiaf parod ar ei chyfer.",
     ["cdps-1", "cdps-5"], None),
    (3, "Reporting to leaders", "Adrodd i arweinwyr",
     "Agreed to report progress to the Digital and Data Leaders Board each quarter.",
     "Cytunwyd i adrodd ar gynnydd i'r Bwrdd Arweinwyr Digidol a Data bob chwarter.",
     "Leaders asked to see sector readiness regularly.",
     "Gofynnodd arweinwyr am weld parodrwydd y sector yn rheolaidd.",
     ["cdps-1", "cdps-7"], None),
    (4, "Maturity framework", "Fframwaith aeddfedrwydd",
     "Agreed the version 1.0 maturity framework and its eight dimensions.",
     "Cytunwyd ar fersiwn 1.0 y fframwaith aeddfedrwydd a'i wyth dimensiwn.",
     "The pilot round showed the dimensions were understood the same way.",
     "Dangosodd y rownd beilot fod pawb yn deall y dimensiynau yn yr un ffordd.",
     ["cdps-4"], 330),
    (4, "Procurement sub-group", "Is-grŵp caffael",
     "Agreed to create a procurement sub-group led by a local authority member.",
     "Cytunwyd i greu is-grŵp caffael dan arweiniad aelod o awdurdod lleol.",
     "Procurement questions took most of the last two meetings.",
     "Cwestiynau caffael a gymerodd y rhan fwyaf o'r ddau gyfarfod diwethaf.",
     ["cdps-6"], None),
    (5, "Community channel", "Sianel y gymuned",
     "Agreed to close the Slack pilot and move discussion to the Teams community channel.",
     "Cytunwyd i gau cynllun peilot Slack a symud y drafodaeth i sianel y gymuned yn Teams.",
     "Most members can use Teams at work; few could use Slack.",
     "Gall y rhan fwyaf o aelodau ddefnyddio Teams yn y gwaith; ychydig a allai ddefnyddio "
     "Slack.",
     ["cdps-1"], None),
    (5, "Maturity round timing", "Amseru'r rownd aeddfedrwydd",
     "Agreed to open the maturity round each spring, after the budget cycle.",
     "Cytunwyd i agor y rownd aeddfedrwydd bob gwanwyn, ar ôl y cylch cyllideb.",
     "Bodies said autumn clashed with budget setting; spring gives better answers.",
     "Dywedodd cyrff fod yr hydref yn gwrthdaro â phennu cyllidebau; mae'r gwanwyn yn rhoi "
     "atebion gwell.",
     ["cdps-4"], 365),
]
SUPERSEDED = {1: 15}  # the autumn round (DEC-002) was replaced by the spring one (DEC-016)
REVERSED = (6,)  # the pause of the chatbot pilot was lifted once the review was done
WAYS = ["long-term", "integration", "involvement", "collaboration", "prevention"]
RAG_REASONS = {
    "green": "On track: the owner has what they need.",
    "amber": "At risk: waiting for replies from members.",
    "red": "Off track: no capacity until the new financial year.",
}
STANDING = [  # (title, Welsh, minutes allowed, minutes, Welsh minutes)
    ("Apologies and minutes of the last meeting",
     "Ymddiheuriadau a chofnodion y cyfarfod diwethaf", 5,
     "The minutes of the last meeting were agreed as a true record.",
     "Cytunwyd bod cofnodion y cyfarfod diwethaf yn gofnod cywir."),
    ("Review of the action log", "Adolygu'r log camau gweithredu", 20,
     "The group went through the open actions; owners of late actions gave updates.",
     "Aeth y grŵp drwy'r camau gweithredu agored; rhoddodd perchnogion camau hwyr "
     "ddiweddariadau."),
]


def _month(day: date, lang: str) -> str:
    return format_date(day, "MMMM yyyy", locale="cy" if lang == "cy" else "en_GB")


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def seed_steering(session: Session, rng: random.Random, today: date, members: list[Member],
                  actions_data: list) -> tuple[int, int, int]:
    owners = [m for m in members if m.community_role in
              (CommunityRole.STEERING.value, CommunityRole.CHAIR.value)]
    objectives = {o.code: o for o in session.exec(select(Objective)).all()}
    goals = {g.code: g for g in session.exec(select(WellbeingGoal)).all()}
    ways = {w.code: w for w in session.exec(select(WayOfWorking)).all()}

    meetings = []
    for k in range(7):  # six held over the year, and the next one
        held = today - timedelta(days=340 - k * 62) if k < 6 else today + timedelta(days=20)
        while held.weekday() != 1:  # Tuesdays
            held -= timedelta(days=1)
        online = k % 2 == 1
        meetings.append(SteeringMeeting(
            held_on=held, title=f"Steering group meeting – {_month(held, 'en')}",
            title_cy=f"Cyfarfod y grŵp llywio – {_month(held, 'cy')}",
            place=None if online else "CDPS, Cardiff / Caerdydd",
            online_url=f"https://teams.microsoft.com/l/meetup-join/cymuned-demo-{k + 1}"
            if online else None,
            notes=None, minutes_published=k < 5, is_demo=True))
    session.add_all(meetings)
    session.flush()
    for k, meeting in enumerate(meetings[:6]):
        away = set(rng.sample(range(len(owners)), k=min(2, len(owners))) if k % 2 else [])
        session.add_all([MeetingAttendance(meeting_id=meeting.id, member_id=m.id,
                                           apologies=i in away) for i, m in enumerate(owners)])

    items: dict[int, list[AgendaItem]] = {}
    for k, meeting in enumerate(meetings[:6]):
        rows = [AgendaItem(meeting_id=meeting.id, position=0, title=t, title_cy=t_cy,
                           minutes_allowed=n, minutes=m, minutes_cy=m_cy,
                           outcome=AgendaOutcome.DONE.value, is_demo=True)
                for t, t_cy, n, m, m_cy in STANDING]
        for _, topic, topic_cy, _, _, why, why_cy, *_ in [d for d in DECISIONS if d[0] == k]:
            rows.append(AgendaItem(meeting_id=meeting.id, position=0, title=topic,
                                   title_cy=topic_cy, minutes_allowed=15, minutes=why,
                                   minutes_cy=why_cy, outcome=AgendaOutcome.DONE.value,
                                   is_demo=True))
        rows.append(AgendaItem(
            meeting_id=meeting.id, position=0, title="New actions",
            title_cy="Camau gweithredu newydd", minutes_allowed=15,
            minutes="The group agreed the new actions below, each with an owner and a date.",
            minutes_cy="Cytunodd y grŵp ar y camau gweithredu newydd isod, pob un â "
                       "pherchennog a dyddiad.", outcome=AgendaOutcome.DONE.value, is_demo=True))
        if k in (2, 3):  # Welsh in AI tools: raised in one meeting, carried to the next
            rows.append(AgendaItem(
                meeting_id=meeting.id, position=0, title="Welsh-language support in AI tools",
                title_cy="Cefnogaeth i'r Gymraeg mewn offer DA", minutes_allowed=10,
                source=AgendaSource.CARRIED.value if k == 3 else AgendaSource.ADDED.value,
                minutes=("Not reached: carried to the next meeting." if k == 2 else
                         "Suppliers' answers were mixed; an action was agreed."),
                minutes_cy=("Heb ei gyrraedd: wedi'i gario i'r cyfarfod nesaf." if k == 2 else
                            "Roedd atebion y cyflenwyr yn gymysg; cytunwyd ar gam gweithredu."),
                outcome=AgendaOutcome.CARRIED.value if k == 2 else AgendaOutcome.DONE.value,
                is_demo=True))
        for position, row in enumerate(rows, start=1):
            row.position = position
        session.add_all(rows)
        session.flush()
        items[k] = rows
    items[3][-1].carried_from_id = items[2][-1].id

    decisions = []
    for n, (k, topic, _, text, text_cy, why, why_cy, _codes, review) in enumerate(DECISIONS):
        meeting = meetings[k]
        item = next(i for i in items[k] if i.title == topic)
        decisions.append(Decision(
            reference=f"DEC-{n + 1:03d}", meeting_id=meeting.id, decided_on=meeting.held_on,
            text=text, text_cy=text_cy, rationale=why, rationale_cy=why_cy,
            review_on=meeting.held_on + timedelta(days=review) if review else None,
            agenda_item_id=item.id, is_demo=True))
    session.add_all(decisions)
    session.flush()
    for n, (*_, codes, _review) in enumerate(DECISIONS):
        session.add_all([DecisionObjectiveLink(decision_id=decisions[n].id,
                                               objective_id=objectives[c].id)
                         for c in codes if c in objectives])
    for old, new in SUPERSEDED.items():
        decisions[old].status = DecisionStatus.SUPERSEDED.value
        decisions[old].superseded_by_id = decisions[new].id
    for n in REVERSED:
        decisions[n].status = DecisionStatus.REVERSED.value

    actions = _actions(session, rng, today, owners, meetings, items, actions_data)
    for action, (*_, objective_codes, goal_codes) in zip(actions, actions_data):
        session.add_all(
            [ActionObjectiveLink(action_id=action.id, objective_id=objectives[c].id)
             for c in objective_codes if c in objectives]
            + [ActionGoalLink(action_id=action.id, goal_id=goals[c].id)
               for c in goal_codes if c in goals]
            + [ActionWayLink(action_id=action.id, way_id=ways[c].id)
               for c in rng.sample(WAYS, k=rng.choice([1, 2, 2, 3])) if c in ways])
    session.flush()
    return len(meetings), len(decisions), len(actions)


def _actions(session: Session, rng: random.Random, today: date, owners: list[Member],
             meetings: list[SteeringMeeting], items: dict, actions_data: list) -> list:
    per_meeting = [5, 4, 4, 4, 4, 4]
    plan = [k for k, count in enumerate(per_meeting) for _ in range(count)]
    actions = []
    for (title, title_cy, description, description_cy, *_), k in zip(actions_data, plan):
        meeting = meetings[k]
        due = meeting.held_on + timedelta(days=rng.choice([28, 42, 56, 84, 112, 140]))
        if due < today - timedelta(days=30):
            status = rng.choices(["done", "cancelled", "in_progress", "blocked"],
                                 [75, 10, 10, 5])[0]
        elif due < today:
            status = rng.choices(["done", "in_progress", "open", "blocked"], [40, 30, 20, 10])[0]
        else:
            status = rng.choices(["open", "in_progress", "done", "blocked"], [45, 35, 10, 10])[0]
        completed = None
        if status == ActionStatus.DONE.value:
            start = meeting.held_on + timedelta(days=7)
            end = max(start, min(due + timedelta(days=14), today))
            completed = start + timedelta(days=rng.randint(0, (end - start).days))
        created = _at(meeting.held_on, 16)
        updated = _at(completed or min(today, due), 10)
        new_item = next(i for i in items[k] if i.title == "New actions")
        actions.append(SteeringAction(
            title=title, title_cy=title_cy, description=description,
            description_cy=description_cy, owner_member_id=rng.choice(owners).id,
            meeting_id=meeting.id, agenda_item_id=new_item.id, due_on=due, status=status,
            completed_on=completed, starts_on=meeting.held_on + timedelta(days=7),
            is_demo=True, created_at=created, updated_at=max(created, updated)))
    # The dashboard should show something overdue: keep at least two open past their date.
    overdue = [a for a in actions if a.status in ("open", "in_progress", "blocked")
               and a.due_on < today]
    done_late = [a for a in actions if a.due_on < today and a.status == ActionStatus.DONE.value]
    for action in done_late[: max(0, 2 - len(overdue))]:
        action.status, action.completed_on = ActionStatus.IN_PROGRESS.value, None
    for action in actions:
        if action.status == ActionStatus.BLOCKED.value:
            action.rag = "red"
        elif action.status in ("open", "in_progress"):
            action.rag = "amber" if action.due_on < today + timedelta(days=14) else "green"
        if action.rag:
            action.rag_reason = RAG_REASONS[action.rag]
    session.add_all(actions)
    session.flush()
    names = {m.id: m.full_name for m in owners}
    for action in actions:
        if action.status in ("in_progress", "blocked", "done"):
            session.add(ActionNote(
                action_id=action.id, author=names[action.owner_member_id],
                at=_at(min(today, action.created_at.date() + timedelta(days=21)), 9),
                text="First draft shared with the steering group for comment."
                if action.status != "blocked" else
                "Waiting on a decision from the members' own legal teams."))
    return actions
