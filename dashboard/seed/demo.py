"""The demo community: a realistic, reproducible picture of the community of practice.

``cymuned seed --demo`` loads it into an empty database so the dashboard has something true
to the case study to show: the 2024 webinar series with its 622 attendees and 4,777 YouTube
views, about 300 members across about 40 bodies, two maturity rounds, a year of steering
group meetings and the data sources the figures would come from.

Everything comes from one ``random.Random(seed)``: the same seed gives the same people.
Dates that describe fixed history (the 2024 webinars) are fixed; dates that must look
current (recent joiners, upcoming events, due dates, the open maturity round) are counted
from ``now``. The caller loads the reference data first and commits.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from dashboard.domain.clock import LONDON, london_today
from dashboard.models import (
    Assessment,
    AssessmentRound,
    AssessmentScore,
    AssessmentStatus,
    CommunityRole,
    Confidence,
    DataSource,
    Event,
    EventStatus,
    MaturityDimension,
    MaturityFramework,
    Member,
    MemberStatus,
    Organisation,
    RecordingViews,
    Registration,
    RegistrationStatus,
    Series,
    Setting,
    SourceKind,
    SteeringAction,
    SyncRun,
    SyncStatus,
)
from dashboard.seed.demo_accounts import add_demo_accounts

EMAIL_DOMAIN = "demo.cymuned.example"

# --- names ------------------------------------------------------------------------------

WELSH_FIRST_NAMES = [
    "Siân", "Rhys", "Ffion", "Dafydd", "Gwenllian", "Llŷr", "Carys", "Owain", "Catrin",
    "Gethin", "Elin", "Iestyn", "Nia", "Huw", "Megan", "Aled", "Bethan", "Emyr", "Lowri",
    "Geraint", "Angharad", "Cerys", "Dylan", "Eirlys", "Gareth", "Heledd", "Ioan", "Mali",
    "Osian", "Rhiannon", "Sioned", "Tomos", "Alys", "Bryn", "Cai", "Dewi", "Eleri",
    "Glesni", "Hywel", "Manon", "Meinir", "Mererid", "Nerys", "Rhodri", "Seren", "Siôn",
    "Trystan", "Gruffydd", "Eluned", "Branwen", "Myfanwy", "Einir", "Gwion", "Teleri",
    "Llio", "Iolo", "Rhun", "Steffan", "Elis", "Non", "Mabli", "Tegwen", "Gwawr", "Ieuan",
]
OTHER_FIRST_NAMES = [
    "James", "Sarah", "David", "Emma", "Michael", "Claire", "Paul", "Rachel", "Mark",
    "Helen", "Andrew", "Laura", "Richard", "Hannah", "Christopher", "Sophie", "Daniel",
    "Rebecca", "Matthew", "Katherine", "Thomas", "Charlotte", "Stephen", "Victoria", "Simon",
    "Joanne", "Adam", "Nicola", "Ben", "Lucy", "Priya", "Amir", "Aisha", "Mohammed",
    "Kieran", "Zofia", "Olumide", "Grace", "Liam", "Natalie", "Jonathan", "Amy", "Peter",
    "Louise", "Alex", "Kate", "Sam", "Jennifer", "Ruth", "Neil", "Fatima", "Tom", "Jess",
]
WELSH_SURNAMES = [
    "Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Hughes", "Lewis",
    "Morgan", "Griffiths", "Price", "Jenkins", "Owen", "Rees", "Powell", "Parry", "Edwards",
    "Pritchard", "Pugh", "Lloyd", "Howells", "Bowen", "Prosser", "Vaughan", "Llewellyn",
    "Meredith", "Gruffudd", "Wyn", "Rowlands", "Ellis", "Watkins", "Phillips", "Harries",
    "Probert", "Bevan", "Tudor", "Humphreys", "Gwyn", "Morris", "Prydderch", "Cadwaladr",
]
OTHER_SURNAMES = [
    "Smith", "Taylor", "Brown", "Wilson", "Johnson", "Walker", "Wright", "Robinson",
    "Thompson", "White", "Hall", "Clarke", "Khan", "Patel", "Ahmed", "Murphy", "O'Brien",
    "Kowalski", "Nowak", "Okafor", "Chen", "Singh", "Green", "Baker", "Harris", "Cooper",
    "Ward", "Turner", "Hussain", "Begum", "Mitchell", "Campbell", "Stewart", "Kelly",
]

JOB_TITLES = [
    "Head of Digital", "Digital Transformation Manager", "Data Analyst", "Senior Data Analyst",
    "Data Scientist", "RPA Developer", "Automation Lead", "Information Governance Manager",
    "Data Protection Officer", "Business Analyst", "Service Designer", "User Researcher",
    "Chief Digital Officer", "Head of ICT", "Enterprise Architect", "Solutions Architect",
    "Product Manager", "Delivery Manager", "Policy Officer (Digital and AI)",
    "Procurement Manager", "Cyber Security Manager", "Performance and Insight Officer",
    "Project Manager", "Digital Skills Lead", "Head of Data and Insight",
    "Transformation Programme Manager", "Equality and Diversity Officer",
    "Welsh Language Officer", "Knowledge and Records Manager", "Innovation Lead",
    "Head of Customer Services", "Intelligent Automation Analyst", "Data Engineer",
    "Head of Business Improvement", "Strategic Lead for Digital",
]
HEALTH_JOB_TITLES = [
    "Clinical Informatics Lead", "Chief Clinical Information Officer",
    "Digital Health Programme Manager", "Head of Health Intelligence",
]
INTERESTS = [
    "generative AI", "robotic process automation", "data ethics", "AI procurement",
    "information governance", "Microsoft Copilot", "chatbots", "machine learning",
    "data quality", "Welsh-language technology", "bias and fairness", "digital skills",
    "process mining", "document automation", "AI assurance", "open data",
]

# Bodies with members, weighted by how many: the big councils, the health boards, Welsh
# Government and CDPS. The rest of the registry has nobody yet (the outreach list).
ORGANISATION_WEIGHTS = {
    "welsh-government": 24, "cdps": 14, "cardiff": 16, "swansea": 11,
    "rhondda-cynon-taf": 10, "carmarthenshire": 9, "newport": 8, "caerphilly": 7,
    "gwynedd": 7, "bridgend": 6, "flintshire": 6, "wrexham": 5, "conwy": 5, "powys": 5,
    "vale-of-glamorgan": 5, "neath-port-talbot": 5, "pembrokeshire": 4, "monmouthshire": 4,
    "denbighshire": 4, "isle-of-anglesey": 3, "torfaen": 3, "ceredigion": 3,
    "betsi-cadwaladr-uhb": 10, "cardiff-and-vale-uhb": 10, "aneurin-bevan-uhb": 8,
    "swansea-bay-uhb": 7, "cwm-taf-morgannwg-uhb": 6, "hywel-dda-uhb": 6, "powys-thb": 2,
    "dhcw": 9, "public-health-wales": 5, "velindre": 3, "welsh-ambulance": 3,
    "wlga": 5, "audit-wales": 4, "natural-resources-wales": 5, "transport-for-wales": 4,
    "south-wales-police": 3, "north-wales-fire": 2, "welsh-revenue-authority": 3,
    "social-care-wales": 3,
}
# Where Welsh is most spoken day to day: members there more often prefer it.
WELSH_SPEAKING_BODIES = {
    "gwynedd", "isle-of-anglesey", "ceredigion", "carmarthenshire", "hywel-dda-uhb",
    "betsi-cadwaladr-uhb", "welsh-language-commissioner", "national-library-wales",
}
# Observers from outside the public bodies (no organisation in the registry).
OBSERVER_ORGANISATIONS = ["Cardiff University", "Bangor University", "Jisc"]

MEMBER_COUNT = 300
PENDING_COUNT = 6
LEFT_COUNT = 15
STEERING_COUNT = 10


# The columns take aware UTC times (SQLModel's UTCDateTime). The seeds do their date
# arithmetic in naive UTC, which keeps it simple, and attach the zone at the boundary.


def naive_utc(moment: datetime) -> datetime:
    """``now`` as given (aware, or naive meaning UTC) as naive UTC for the arithmetic."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def add_rows(session: Session, rows: list[SQLModel]) -> None:
    """Add ORM rows, their naive UTC times made aware for the columns."""
    for row in rows:
        for column in row.__table__.columns:
            value = getattr(row, column.key, None)
            if isinstance(value, datetime) and value.tzinfo is None:
                setattr(row, column.key, value.replace(tzinfo=UTC))
    session.add_all(rows)


def london_to_utc(day: date, at: time) -> datetime:
    """A wall-clock time in Wales as naive UTC (so 12:00 in July is 11:00 UTC)."""
    return (
        datetime.combine(day, at, tzinfo=LONDON).astimezone(UTC).replace(tzinfo=None)
    )


def email_part(text: str) -> str:
    """Lower-case ASCII for an address: 'Llŷr' -> 'llyr', "O'Brien" -> 'obrien'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9-]", "", ascii_text.lower().replace(" ", "-"))


def slugify(text: str) -> str:
    return re.sub(r"-+", "-", email_part(text)).strip("-")


def fake_video_id(rng: random.Random) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "".join(rng.choice(alphabet) for _ in range(11))


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    return date(year, month % 12 + 1, 1)


def database_is_empty(session: Session) -> bool:
    """True when there is no community data yet: no members, events, assessments or actions."""
    for model in (Member, Event, Assessment, SteeringAction):
        if session.exec(select(model.id).limit(1)).first() is not None:
            return False
    return True


def current_framework(session: Session) -> tuple[MaturityFramework | None, list[MaturityDimension]]:
    """The newest framework version in the database and its dimensions, in order."""
    framework = session.exec(
        select(MaturityFramework).order_by(
            MaturityFramework.published_on.desc(), MaturityFramework.id.desc()
        )
    ).first()
    if framework is None:
        return None, []
    dimensions = session.exec(
        select(MaturityDimension)
        .where(MaturityDimension.framework_id == framework.id)
        .order_by(MaturityDimension.position)
    ).all()
    return framework, list(dimensions)


# --- the 2024 webinar series, as in the case study --------------------------------------


@dataclass(frozen=True)
class Webinar:
    day: date
    title: str
    title_cy: str
    topic: str
    description: str
    description_cy: str
    speakers: str
    attended: int
    latest_views: int


FIRST_SERIES_SLUG = "ai-webinars-2024"
WEBINARS = [
    Webinar(date(2024, 1, 25), "Should I be worried about AI?",
            "A ddylwn i boeni am ddeallusrwydd artiffisial?", "ai-basics",
            "An introduction for public servants: what AI is and is not, where it is already "
            "used in Welsh public services, and the questions to ask before using it.",
            "Cyflwyniad i weision cyhoeddus: beth yw deallusrwydd artiffisial a beth nad ydyw, "
            "ble mae'n cael ei ddefnyddio eisoes yng ngwasanaethau cyhoeddus Cymru, a'r "
            "cwestiynau i'w gofyn cyn ei ddefnyddio.",
            "Dr Eleri Pryce; Tom Ashworth", 168, 1864),
    Webinar(date(2024, 3, 21), "Managing bias in AI systems",
            "Rheoli tuedd mewn systemau deallusrwydd artiffisial", "bias",
            "Where bias comes from in data and models, how to test for it, and what good "
            "practice looks like when an automated decision affects people.",
            "O ble mae tuedd yn dod mewn data a modelau, sut i brofi amdani, a sut olwg sydd ar "
            "arfer da pan fydd penderfyniad awtomataidd yn effeithio ar bobl.",
            "Dr Aisha Rahman; Gethin Morgan", 131, 912),
    Webinar(date(2024, 5, 16), "Buying AI: procurement for the public sector",
            "Prynu deallusrwydd artiffisial: caffael yn y sector cyhoeddus", "procurement",
            "What to ask suppliers, contract clauses for data and models, and using the "
            "Procurement Act 2023 and frameworks to buy AI responsibly.",
            "Beth i'w ofyn i gyflenwyr, cymalau contract ar gyfer data a modelau, a defnyddio "
            "Deddf Caffael 2023 a fframweithiau i brynu deallusrwydd artiffisial yn gyfrifol.",
            "Catrin Howells; Mark Jennings", 104, 687),
    Webinar(date(2024, 7, 11), "AI and the Public Sector Equality Duty",
            "Deallusrwydd artiffisial a Dyletswydd Cydraddoldeb y Sector Cyhoeddus", "equality",
            "Meeting the Public Sector Equality Duty and the socio-economic duty when "
            "automating services: equality impact assessment for AI.",
            "Cyflawni Dyletswydd Cydraddoldeb y Sector Cyhoeddus a'r ddyletswydd "
            "economaidd-gymdeithasol wrth awtomeiddio gwasanaethau: asesu'r effaith ar "
            "gydraddoldeb ar gyfer deallusrwydd artiffisial.",
            "Nerys Bowen; Priya Desai", 97, 538),
    Webinar(date(2024, 10, 10), "Generative AI in practice",
            "Deallusrwydd artiffisial cynhyrchiol ar waith", "generative-ai",
            "Lessons from pilots of generative AI assistants in councils and health boards: "
            "what worked, what did not, and the guardrails that helped.",
            "Gwersi o gynlluniau peilot cynorthwywyr deallusrwydd artiffisial cynhyrchiol mewn "
            "cynghorau a byrddau iechyd: beth weithiodd, beth na weithiodd, a'r mesurau "
            "diogelu a fu o gymorth.",
            "Rhodri Evans; Sophie Clarke", 122, 776),
]
assert sum(w.attended for w in WEBINARS) == 622
assert sum(w.latest_views for w in WEBINARS) == 4777

# The meetups' (English, Welsh) titles, in date order; the description and in-person venue.
MEETUP_TITLES = [
    ("Community meetup: RPA in revenues and benefits",
     "Cyfarfod y gymuned: RPA ym maes refeniw a budd-daliadau"),
    ("Show and tell: AI note-taking pilots in social care",
     "Dangos a dweud: cynlluniau peilot cymryd nodiadau â deallusrwydd artiffisial ym maes "
     "gofal cymdeithasol"),
    ("Community meetup: evaluating Microsoft Copilot pilots",
     "Cyfarfod y gymuned: gwerthuso cynlluniau peilot Microsoft Copilot"),
    ("Cardiff meetup: data foundations for AI",
     "Cyfarfod Caerdydd: sylfeini data ar gyfer deallusrwydd artiffisial"),
    ("Community meetup: AI assurance and the transparency standard",
     "Cyfarfod y gymuned: sicrwydd deallusrwydd artiffisial a'r safon tryloywder "
     "algorithmig"),
    ("Welsh-language session: generative AI at work",
     "Sesiwn Gymraeg: deallusrwydd artiffisial cynhyrchiol yn y gwaith"),
    ("Community meetup: buying AI together",
     "Cyfarfod y gymuned: prynu deallusrwydd artiffisial gyda'n gilydd"),
]
MEETUP_DESCRIPTION = (
    "Members share what they are working on, followed by open discussion.",
    "Aelodau'n rhannu'r hyn maen nhw'n gweithio arno, ac yna trafodaeth agored.",
)
CARDIFF_VENUE = (
    "Cardiff city centre (venue details sent on registration)",
    "Canol dinas Caerdydd (anfonir manylion y lleoliad pan fyddwch yn cofrestru)",
)

# --- maturity evidence ---------------------------------------------------------------------

EVIDENCE = {
    "leadership_strategy": (
        "No corporate position on AI yet; interest comes from individual teams.",
        "Interim generative AI guidance issued; digital strategy refresh under way.",
        "AI strategy approved by cabinet with a named senior responsible owner.",
    ),
    "culture_attitudes": (
        "Staff survey shows worry about jobs; little open discussion so far.",
        "Lunch-and-learn sessions well attended; mixed views in frontline teams.",
        "Teams propose automation ideas through an internal ideas board.",
    ),
    "skills_capability": (
        "No dedicated automation or data science roles.",
        "Two analysts trained in RPA; relying on a supplier for model work.",
        "In-house automation team of six with a training pathway for staff.",
    ),
    "data_foundations": (
        "Key data held in spreadsheets and legacy line-of-business systems.",
        "Data catalogue started; quality issues known in social care records.",
        "Master data management in place for citizens and property.",
    ),
    "technology_infrastructure": (
        "On-premises estate; cloud migration not yet planned.",
        "Microsoft 365 tenant in place; Copilot licences being trialled.",
        "Cloud platform with an approved environment for AI workloads.",
    ),
    "processes_automation": (
        "Processes not yet mapped; no automation in live use.",
        "Three RPA bots live in revenues and benefits.",
        "Over 40 automations in production with monitoring and a benefits log.",
    ),
    "responsible_ai": (
        "No AI register or impact assessment process.",
        "Equality and data protection impact assessments used for AI pilots.",
        "Algorithmic transparency records published for all AI tools in use.",
    ),
    "procurement_partnerships": (
        "No AI-specific procurement guidance; buying case by case.",
        "Using a national framework; AI clauses drafted with legal services.",
        "Joint procurement with neighbouring bodies and shared supplier assurance.",
    ),
}
RETURN_COMMENT = ("Thank you. Please add evidence for the data foundations and responsible AI "
                  "scores, e.g. your data strategy or an impact assessment, and resubmit.")
GENERIC_EVIDENCE = (
    "Early discussions only; no agreed plan.",
    "Some activity in pockets of the organisation; plan in draft.",
    "Established practice with regular review by the board.",
)
# Typical strengths and gaps across the sector: data and procurement lag, leadership leads.
DIMENSION_TENDENCY = {
    "leadership_strategy": 0.3, "culture_attitudes": 0.2, "skills_capability": -0.2,
    "data_foundations": -0.3, "technology_infrastructure": 0.2, "processes_automation": 0.0,
    "responsible_ai": -0.1, "procurement_partnerships": -0.4,
}
BODY_TYPE_BASE = {
    "welsh_government": 3.0, "special_health_authority": 3.0, "health_board": 2.5,
    "nhs_trust": 2.5, "local_authority": 2.4, "sponsored_body": 2.4, "police": 2.4,
    "fire_and_rescue": 2.0, "national_park": 1.8, "other": 2.3,
}
STRONG_BODIES = {"cdps": 0.6, "dhcw": 0.4, "welsh-government": 0.3, "cardiff": 0.3}

# --- steering group ------------------------------------------------------------------------


# (title, Welsh title, description, Welsh description, objective codes, well-being goal codes)
ACTIONS = [
    ("Publish AI procurement guidance for the sector",
     "Cyhoeddi canllawiau caffael deallusrwydd artiffisial ar gyfer y sector",
     "Draft, consult on and publish guidance on buying AI products and services.",
     "Drafftio canllawiau ar brynu cynhyrchion a gwasanaethau deallusrwydd artiffisial, "
     "ymgynghori arnynt a'u cyhoeddi.",
     ["cdps-5", "cdps-6"], ["prosperous", "globally-responsible"]),
    ("Run Welsh-language session on generative AI",
     "Cynnal sesiwn Gymraeg ar ddeallusrwydd artiffisial cynhyrchiol",
     "A community session delivered in Welsh, with resources in Welsh afterwards.",
     "Sesiwn i'r gymuned a gyflwynir yn Gymraeg, gydag adnoddau Cymraeg i ddilyn.",
     ["cdps-1"], ["vibrant-culture"]),
    ("Share a template AI use policy with members",
     "Rhannu templed polisi defnyddio deallusrwydd artiffisial gyda'r aelodau",
     "Adapt two councils' policies into a template other bodies can reuse.",
     "Addasu polisïau dau gyngor yn dempled y gall cyrff eraill ei ailddefnyddio.",
     ["cdps-5"], ["resilient"]),
    ("Collect case studies of automation in social care",
     "Casglu astudiaethau achos am awtomeiddio ym maes gofal cymdeithasol",
     "Gather five case studies with outcomes and lessons for the knowledge base.",
     "Casglu pum astudiaeth achos, gyda'u canlyniadau a'u gwersi, ar gyfer y sylfaen wybodaeth.",
     ["cdps-4"], ["healthier", "more-equal"]),
    ("Open this year's maturity self-assessment round",
     "Agor rownd hunanasesu aeddfedrwydd eleni",
     "Send the survey link and guidance to every body in the registry.",
     "Anfon dolen yr arolwg a'r canllawiau at bob corff yn y gofrestr.",
     ["cdps-4"], ["prosperous"]),
    ("Write up equality impact assessment guidance for AI",
     "Ysgrifennu canllawiau ar asesu'r effaith ar gydraddoldeb ar gyfer deallusrwydd "
     "artiffisial",
     "Co-produce guidance on meeting the Public Sector Equality Duty when automating.",
     "Cydgynhyrchu canllawiau ar gyflawni Dyletswydd Cydraddoldeb y Sector Cyhoeddus wrth "
     "awtomeiddio.",
     ["cdps-1", "cdps-5"], ["more-equal"]),
    ("Set up a procurement sub-group",
     "Sefydlu is-grŵp caffael",
     "Recruit members, agree terms of reference and a first work plan.",
     "Recriwtio aelodau, cytuno ar gylch gorchwyl a llunio'r cynllun gwaith cyntaf.",
     ["cdps-6"], ["prosperous"]),
    ("Map AI skills training available to public servants",
     "Mapio'r hyfforddiant sgiliau deallusrwydd artiffisial sydd ar gael i weision cyhoeddus",
     "List free and funded courses in English and Welsh, by level.",
     "Rhestru cyrsiau am ddim a chyrsiau a ariennir, yn Gymraeg ac yn Saesneg, yn ôl lefel.",
     ["cdps-1"], ["prosperous", "more-equal"]),
    ("Brief the Digital and Data Leaders Board on community progress",
     "Briffio'r Bwrdd Arweinwyr Digidol a Data ar gynnydd y gymuned",
     "Quarterly update on membership, events and maturity results.",
     "Diweddariad chwarterol ar yr aelodaeth, y digwyddiadau a'r canlyniadau aeddfedrwydd.",
     ["cdps-1", "cdps-7"], ["resilient"]),
    ("Agree a shared list of approved generative AI tools",
     "Cytuno ar restr gyffredin o offer deallusrwydd artiffisial cynhyrchiol cymeradwy",
     "Compare the tools members allow and agree a common baseline.",
     "Cymharu'r offer y mae aelodau'n eu caniatáu a chytuno ar waelodlin gyffredin.",
     ["cdps-5"], ["resilient", "globally-responsible"]),
    ("Plan the North Wales in-person meetup",
     "Cynllunio'r cyfarfod wyneb yn wyneb yn y Gogledd",
     "Find a venue, agree the agenda and invite members from the north.",
     "Dod o hyd i leoliad, cytuno ar yr agenda a gwahodd aelodau o'r gogledd.",
     ["cdps-4"], ["cohesive-communities"]),
    ("Publish the sector summary of last year's maturity results",
     "Cyhoeddi crynodeb y sector o ganlyniadau aeddfedrwydd y llynedd",
     "Anonymised sector summary with named results where bodies consent.",
     "Crynodeb dienw o'r sector, gyda chanlyniadau wedi'u henwi lle mae cyrff yn cydsynio.",
     ["cdps-4"], ["prosperous"]),
    ("Engage suppliers on Welsh-language support in AI tools",
     "Ymgysylltu â chyflenwyr ynghylch cefnogaeth i'r Gymraeg mewn offer deallusrwydd "
     "artiffisial",
     "Ask major suppliers how their AI products handle Welsh.",
     "Gofyn i'r prif gyflenwyr sut mae eu cynhyrchion deallusrwydd artiffisial yn ymdrin â'r "
     "Gymraeg.",
     ["cdps-6", "cdps-7"], ["vibrant-culture"]),
    ("Draft algorithmic transparency guidance for Welsh bodies",
     "Drafftio canllawiau ar dryloywder algorithmig ar gyfer cyrff yng Nghymru",
     "Explain the recording standard and how to publish a record.",
     "Esbonio'r safon cofnodi a sut i gyhoeddi cofnod.",
     ["cdps-5"], ["globally-responsible", "more-equal"]),
    ("Invite health boards to share AI triage pilots",
     "Gwahodd byrddau iechyd i rannu cynlluniau peilot brysbennu â deallusrwydd artiffisial",
     "A session on AI in triage and referral management with NHS Wales colleagues.",
     "Sesiwn ar ddeallusrwydd artiffisial ym maes brysbennu a rheoli atgyfeiriadau gyda "
     "chydweithwyr yn GIG Cymru.",
     ["cdps-4"], ["healthier"]),
    ("Review the community's terms of reference",
     "Adolygu cylch gorchwyl y gymuned",
     "Twelve-month review of membership, roles and decision making.",
     "Adolygiad deuddeng mis o'r aelodaeth, y rolau a'r ffordd y gwneir penderfyniadau.",
     ["cdps-1"], ["cohesive-communities"]),
    ("Respond to the UK Government consultation on AI regulation",
     "Ymateb i ymgynghoriad Llywodraeth y DU ar reoleiddio deallusrwydd artiffisial",
     "Coordinate a response reflecting Welsh public sector views.",
     "Cydlynu ymateb sy'n adlewyrchu barn sector cyhoeddus Cymru.",
     ["cdps-7"], ["globally-responsible"]),
    ("Recruit two more steering group members from health",
     "Recriwtio dau aelod arall o'r maes iechyd i'r grŵp llywio",
     "Broaden representation across NHS Wales.",
     "Ehangu'r gynrychiolaeth ar draws GIG Cymru.",
     ["cdps-1"], ["healthier", "cohesive-communities"]),
    ("Build a shared library of RPA process definitions",
     "Creu llyfrgell gyffredin o ddiffiniadau prosesau RPA",
     "Collect reusable process designs for common council processes.",
     "Casglu cynlluniau prosesau y gellir eu hailddefnyddio ar gyfer prosesau cyffredin "
     "cynghorau.",
     ["cdps-5"], ["prosperous"]),
    ("Run a session on data quality for AI",
     "Cynnal sesiwn ar ansawdd data ar gyfer deallusrwydd artiffisial",
     "Practical session on data foundations before any AI project.",
     "Sesiwn ymarferol ar y sylfeini data sydd eu hangen cyn unrhyw brosiect deallusrwydd "
     "artiffisial.",
     ["cdps-4", "cdps-5"], ["resilient"]),
    ("Translate the maturity framework guidance into plain language",
     "Ailysgrifennu canllawiau'r fframwaith aeddfedrwydd mewn iaith glir",
     "Make the framework easier to use for smaller bodies.",
     "Gwneud y fframwaith yn haws i gyrff llai ei ddefnyddio.",
     ["cdps-1"], ["more-equal"]),
    ("Explore a joint chatbot pilot for council tax queries",
     "Ystyried cynllun peilot sgwrsfot ar y cyd ar gyfer ymholiadau am y dreth gyngor",
     "Scope a shared pilot with three councils.",
     "Cwmpasu cynllun peilot ar y cyd â thri chyngor.",
     ["cdps-5", "cdps-6"], ["prosperous"]),
    ("Evaluate Microsoft Copilot pilots across members",
     "Gwerthuso cynlluniau peilot Microsoft Copilot ar draws yr aelodau",
     "Collect benefits and risks found in pilots into one report.",
     "Casglu'r manteision a'r risgiau a welwyd yn y cynlluniau peilot mewn un adroddiad.",
     ["cdps-4"], ["prosperous", "resilient"]),
    ("Publish recordings of community sessions with Welsh captions",
     "Cyhoeddi recordiadau o sesiynau'r gymuned gyda chapsiynau Cymraeg",
     "Add Welsh and English captions to all recordings on YouTube.",
     "Ychwanegu capsiynau Cymraeg a Saesneg at bob recordiad ar YouTube.",
     ["cdps-1"], ["vibrant-culture"]),
    ("Set up a newsletter for community members",
     "Sefydlu cylchlythyr i aelodau'r gymuned",
     "Monthly bilingual newsletter with events, resources and member news.",
     "Cylchlythyr dwyieithog misol gyda digwyddiadau, adnoddau a newyddion gan aelodau.",
     ["cdps-1"], ["cohesive-communities"]),
]


def seed_demo(session: Session, now: datetime, seed: int = 2023) -> dict[str, int]:
    """Load the demo community; returns how many rows of each kind were added."""
    rng = random.Random(seed)
    now = naive_utc(now)
    today = london_today(now)
    session.merge(Setting(key="dataset", value="demo"))

    organisations = session.exec(
        select(Organisation).where(Organisation.in_registry).order_by(Organisation.slug)
    ).all()
    by_slug = {o.slug: o for o in organisations}

    sources = _data_sources(session, now)
    members = _members(session, rng, today, now, by_slug)
    events = _events(session, rng, today, now, members, sources["ics"])
    assessments, scores = _maturity(session, rng, today, now, by_slug, members)
    meetings, decisions, actions = _steering(session, rng, today, members)
    sync_runs = _sync_runs(session, now, sources)
    session.flush()
    accounts = add_demo_accounts(session, members)

    return {
        "members": len(members),
        "organisations_represented": len({m.organisation_id for m in members
                                           if m.organisation_id is not None}),
        "series": 2,
        "events": len(events),
        "registrations": session.exec(select(func.count()).select_from(Registration)).one(),
        "recording_views": session.exec(select(func.count()).select_from(RecordingViews)).one(),
        "assessments": assessments,
        "assessment_scores": scores,
        "steering_meetings": meetings,
        "decisions": decisions,
        "steering_actions": actions,
        "data_sources": len(sources),
        "sync_runs": sync_runs,
        "demo_accounts": accounts,
    }


# --- members ------------------------------------------------------------------------------


def _draw_name(rng: random.Random) -> tuple[str, str, bool]:
    welsh_first = rng.random() < 0.5
    first = rng.choice(WELSH_FIRST_NAMES if welsh_first else OTHER_FIRST_NAMES)
    last = rng.choice(WELSH_SURNAMES if rng.random() < 0.65 else OTHER_SURNAMES)
    return first, last, welsh_first


def _members(
    session: Session, rng: random.Random, today: date, now: datetime,
    by_slug: dict[str, Organisation],
) -> list[Member]:
    weights = {slug: w for slug, w in ORGANISATION_WEIGHTS.items() if slug in by_slug}
    slugs = list(weights)
    # One member in every listed body, then the rest by weight.
    placements: list[str | None] = list(slugs)
    placements += rng.choices(slugs, weights=[weights[s] for s in slugs],
                              k=MEMBER_COUNT - len(OBSERVER_ORGANISATIONS) - len(slugs))
    rng.shuffle(placements)
    placements += [None] * len(OBSERVER_ORGANISATIONS)

    emails: set[str] = set()
    people: list[dict] = []
    observers = iter(OBSERVER_ORGANISATIONS)
    for slug in placements:
        other = None if slug is not None else next(observers)
        domain_part = slug if slug is not None else slugify(other)
        while True:
            first, last, welsh_first = _draw_name(rng)
            email = f"{email_part(first)}.{email_part(last)}@{domain_part}.{EMAIL_DOMAIN}"
            if email not in emails:
                emails.add(email)
                break
        body = by_slug.get(slug) if slug else None
        titles = JOB_TITLES + (HEALTH_JOB_TITLES if body is not None and body.body_type in
                               ("health_board", "nhs_trust", "special_health_authority") else [])
        welsh_chance = (0.05 + (0.18 if welsh_first else 0)
                        + (0.3 if slug in WELSH_SPEAKING_BODIES else 0))
        people.append({
            "full_name": f"{first} {last}",
            "email": email,
            "organisation_id": body.id if body else None,
            "organisation_other": other,
            "job_title": rng.choice(titles) if slug else rng.choice(
                ["Lecturer in Data Science", "Research Fellow (AI and Society)",
                 "Senior Consultant, Digital Public Services"]),
            "interests": ", ".join(rng.sample(INTERESTS, rng.randint(1, 3))),
            "language": "cy" if rng.random() < welsh_chance else "en",
            "slug": slug,
        })

    # Dates and statuses. Everyone else joined before this month, over about 30 months.
    month_start = today.replace(day=1)
    earliest = today - timedelta(days=912)
    indices = list(range(len(people)))
    registry_indices = [i for i in indices if people[i]["slug"] is not None]
    recent = set(rng.sample(registry_indices, rng.randint(4, 7)))
    rest = [i for i in registry_indices if i not in recent]
    pending = set(rng.sample(rest, PENDING_COUNT))
    rest = [i for i in rest if i not in pending]
    left = set(rng.sample(rest, LEFT_COUNT))

    members: list[Member] = []
    for i, person in enumerate(people):
        slug = person.pop("slug")
        if i in pending:
            # A join request: consent is given on the form, the steering group has not decided.
            created = now - timedelta(days=rng.randint(1, 14), minutes=rng.randint(0, 600))
            member = Member(**person, status=MemberStatus.PENDING.value, is_demo=True,
                            consent_at=created, created_at=created, updated_at=created)
            members.append(member)
            continue
        if i in recent:
            joined = month_start + timedelta(days=rng.randint(0, (today - month_start).days))
        else:
            span = (month_start - earliest).days
            joined = earliest + timedelta(days=int(span * rng.random() ** 0.9))
            joined = min(joined, month_start - timedelta(days=1))
        # Asked to join (and consented) a few days before the steering group approved it.
        decided = min(now, datetime.combine(joined, time(rng.randint(8, 17), rng.randint(0, 59))))
        consent = decided - timedelta(days=rng.randint(0, 5), hours=rng.randint(0, 6))
        status = MemberStatus.LEFT.value if i in left else MemberStatus.ACTIVE.value
        left_on = None
        if i in left:
            first_possible = min(joined + timedelta(days=60), today - timedelta(days=1))
            left_on = first_possible + timedelta(
                days=rng.randint(0, max(0, (today - timedelta(days=1) - first_possible).days)))
            last_active = joined + timedelta(days=rng.randint(0, (left_on - joined).days))
        else:
            last_active = max(joined, today - timedelta(days=int(rng.expovariate(1 / 20))))
        updated = datetime.combine(left_on or last_active, time(12, 0))
        member = Member(
            **person, status=status, joined_on=joined, left_on=left_on,
            last_active_on=min(last_active, today), consent_at=consent, decided_at=decided,
            is_demo=True, created_at=consent, updated_at=min(max(updated, decided), now),
        )
        members.append(member)

    # Roles: observers from outside the registry and Audit Wales; a chair from CDPS; a
    # steering group of long-standing members from different bodies.
    for member in members:
        if member.organisation_other:
            member.community_role = CommunityRole.OBSERVER.value
    long_standing = [
        (people_index, m) for people_index, m in enumerate(members)
        if m.status == MemberStatus.ACTIVE.value and m.organisation_id is not None
        and m.joined_on <= today - timedelta(days=400)
    ]
    audit = by_slug.get("audit-wales")
    for _, m in long_standing:
        if audit is not None and m.organisation_id == audit.id:
            m.community_role = CommunityRole.OBSERVER.value
            break
    chosen_orgs: set[int] = set()
    cdps = by_slug.get("cdps")
    chair = next((m for _, m in long_standing if cdps and m.organisation_id == cdps.id), None)
    chair = chair or long_standing[0][1]
    chair.community_role = CommunityRole.CHAIR.value
    chosen_orgs.add(chair.organisation_id)
    candidates = [m for _, m in long_standing if m.community_role == CommunityRole.MEMBER.value]
    rng.shuffle(candidates)
    steering = 0
    for m in candidates:
        if steering == STEERING_COUNT:
            break
        if m.organisation_id in chosen_orgs:
            continue
        m.community_role = CommunityRole.STEERING.value
        chosen_orgs.add(m.organisation_id)
        steering += 1

    add_rows(session, members)
    session.flush()
    return members


# --- events -------------------------------------------------------------------------------


def _weekday_on_or_after(day: date, weekdays: tuple[int, ...] = (1, 2, 3)) -> date:
    while day.weekday() not in weekdays:
        day += timedelta(days=1)
    return day


def _events(
    session: Session, rng: random.Random, today: date, now: datetime,
    members: list[Member], calendar: DataSource,
) -> list[Event]:
    webinars = Series(
        slug=FIRST_SERIES_SLUG,
        title_en="AI knowledge-sharing webinars",
        title_cy="Gweminarau rhannu gwybodaeth am ddeallusrwydd artiffisial",
        description_en="A five-part series on AI topics for the Welsh public sector, following "
                       "the automation and AI discovery.",
        description_cy="Cyfres o bum gweminar ar bynciau deallusrwydd artiffisial i sector "
                       "cyhoeddus Cymru, yn dilyn y gwaith darganfod ar awtomeiddio a "
                       "deallusrwydd artiffisial.",
        is_demo=True,
    )
    meetups = Series(
        slug="community-meetups",
        title_en="Community of practice meetups",
        title_cy="Cyfarfodydd y gymuned ymarfer",
        description_en="Regular meetups where members share what they are trying, online and "
                       "sometimes in person.",
        description_cy="Cyfarfodydd rheolaidd lle mae aelodau'n rhannu'r hyn y maen nhw'n ei "
                       "roi ar brawf, ar-lein ac weithiau wyneb yn wyneb.",
        is_demo=True,
    )
    add_rows(session, [webinars, meetups])
    session.flush()

    joined = [m for m in members if m.status != MemberStatus.PENDING.value]  # incl. left since
    active = [m for m in members if m.status == MemberStatus.ACTIVE.value]
    events: list[Event] = []
    registrations: list[Registration] = []
    views: list[RecordingViews] = []

    for n, webinar in enumerate(WEBINARS, start=1):
        video = fake_video_id(rng)
        starts = london_to_utc(webinar.day, time(12, 0))
        event = Event(
            uid=f"{FIRST_SERIES_SLUG}-{n}@cymuned.example", series_id=webinars.id,
            title=webinar.title, title_cy=webinar.title_cy, description=webinar.description,
            description_cy=webinar.description_cy, topic=webinar.topic,
            starts_at=starts, ends_at=starts + timedelta(hours=1), timezone="Europe/London",
            online_url=f"https://events.{EMAIL_DOMAIN}/{FIRST_SERIES_SLUG}/{n}/join",
            registration_url=f"https://events.{EMAIL_DOMAIN}/{FIRST_SERIES_SLUG}/{n}/register",
            speakers=webinar.speakers, status=EventStatus.CONFIRMED.value,
            recording_url=f"https://www.youtube.com/watch?v={video}", youtube_video_id=video,
            source_id=calendar.id, is_demo=True,
            created_at=starts - timedelta(days=35), updated_at=starts + timedelta(days=3),
        )
        add_rows(session, [event])
        session.flush()
        events.append(event)

        # Most attendees were not (yet) members: they registered with just a form. Those
        # matched to a member had joined by then (the first webinars came before the
        # community, so they have few or none).
        by_then = [m for m in joined if m.joined_on <= webinar.day]
        matched = rng.sample(by_then, min(len(by_then),
                                          round(webinar.attended * rng.uniform(0.12, 0.22))))
        no_shows = round(webinar.attended * rng.uniform(0.35, 0.55))
        for k in range(webinar.attended + no_shows):
            # Imported from the registration form export: the key stands in for a hash of
            # the attendee's email, so a re-import updates rather than duplicates.
            source_key = hashlib.sha256(f"{FIRST_SERIES_SLUG}-{n}-{k}".encode()).hexdigest()
            registrations.append(Registration(
                event_id=event.id,
                member_id=matched[k].id if k < len(matched) else None,
                status=RegistrationStatus.REGISTERED.value,
                attended=k < webinar.attended,
                registered_at=starts - timedelta(days=rng.uniform(1, 21)),
                source_key=source_key,
            ))
        # View counts read now and then since the recording went up, rising to the latest.
        first_read = starts + timedelta(days=7)
        last_read = max(now - timedelta(days=1), starts + timedelta(days=200))
        offsets = [0, 23, 83, 173]
        fractions = [0.31, 0.58, 0.79, 0.92]
        for offset, fraction in zip(offsets, fractions):
            read_at = first_read + timedelta(days=offset, hours=rng.randint(0, 6))
            if read_at < last_read:
                views.append(RecordingViews(event_id=event.id, read_at=read_at,
                                            view_count=int(webinar.latest_views * fraction)))
        views.append(RecordingViews(event_id=event.id, read_at=last_read.replace(microsecond=0),
                                    view_count=webinar.latest_views))

    # Meetups: two in the past, five coming up in the next three months (one cancelled).
    meetup_plan = [
        (-56, MEETUP_TITLES[0], "automation", None, None),
        (-21, MEETUP_TITLES[1], "generative-ai", None, None),
        (9, MEETUP_TITLES[2], "generative-ai", None, 100),
        (23, MEETUP_TITLES[3], "data", CARDIFF_VENUE, 40),
        (37, MEETUP_TITLES[4], "responsible-ai", None, None),
        (58, MEETUP_TITLES[5], "generative-ai", None, 60),
        (79, MEETUP_TITLES[6], "procurement", None, 100),
    ]
    cancelled_offset = 37
    for n, (offset, (title, title_cy), topic, venue, capacity) in enumerate(meetup_plan,
                                                                          start=1):
        location, location_cy = venue or (None, None)
        day = _weekday_on_or_after(today + timedelta(days=offset))
        starts = london_to_utc(day, time(14, 0) if location is None else time(10, 0))
        ends = starts + (timedelta(hours=4) if location else timedelta(hours=1, minutes=30))
        status = (EventStatus.CANCELLED.value if offset == cancelled_offset
                  else EventStatus.CONFIRMED.value)
        event = Event(
            uid=f"community-meetups-{n}@cymuned.example", series_id=meetups.id, title=title,
            title_cy=title_cy, description=MEETUP_DESCRIPTION[0],
            description_cy=MEETUP_DESCRIPTION[1],
            topic=topic, starts_at=starts, ends_at=ends, timezone="Europe/London",
            location=location, location_cy=location_cy,
            online_url=(None if location
                        else f"https://events.{EMAIL_DOMAIN}/community-meetups/{n}/join"),
            registration_url=f"https://events.{EMAIL_DOMAIN}/community-meetups/{n}/register",
            capacity=capacity, status=status, source_id=calendar.id, is_demo=True,
            created_at=min(now, starts - timedelta(days=40)), updated_at=min(now, starts),
        )
        add_rows(session, [event])
        session.flush()
        events.append(event)
        past = starts < now
        wanted = rng.randint(25, 45) if location is None else rng.randint(38, 48)
        opened = starts - timedelta(days=30)
        members_by_then = [m for m in active if m.joined_on <= day]
        for k, member in enumerate(rng.sample(members_by_then, min(wanted, len(members_by_then)))):
            registered_at = opened + (min(now, starts) - opened) * rng.random()
            if status == EventStatus.CANCELLED.value:
                reg_status = RegistrationStatus.CANCELLED.value
            elif capacity is not None and k >= capacity:
                reg_status = RegistrationStatus.WAITLISTED.value
            else:
                reg_status = RegistrationStatus.REGISTERED.value
            registrations.append(Registration(
                event_id=event.id, member_id=member.id, status=reg_status,
                attended=past and rng.random() < 0.72, registered_at=registered_at,
            ))

    add_rows(session, registrations)
    add_rows(session, views)
    session.flush()
    return events


# --- maturity -----------------------------------------------------------------------------


def _maturity(
    session: Session, rng: random.Random, today: date, now: datetime,
    by_slug: dict[str, Organisation], members: list[Member],
) -> tuple[int, int]:
    framework, dimensions = current_framework(session)
    if framework is None or not dimensions:
        return 0, 0

    # The latest round opened in the autumn and is still open; the one before a year earlier.
    opens = (today - timedelta(days=70)).replace(day=1)
    latest = AssessmentRound(name=str(opens.year), opens_on=opens,
                             closes_on=add_months(opens, 5) - timedelta(days=1))
    previous_opens = opens.replace(year=opens.year - 1)
    previous = AssessmentRound(name=str(previous_opens.year), opens_on=previous_opens,
                               closes_on=add_months(previous_opens, 4) - timedelta(days=1))
    add_rows(session, [previous, latest])
    session.flush()

    represented = sorted({m.organisation_id for m in members if m.organisation_id})
    by_id = {o.id: o for o in by_slug.values()}
    unrepresented = sorted(o.id for o in by_slug.values() if o.id not in set(represented))
    first_round = rng.sample(represented, 28) + rng.sample(unrepresented, 2)
    second_round = rng.sample(first_round, 21) + rng.sample(
        [o for o in represented if o not in first_round], 4)
    capability = {
        org_id: BODY_TYPE_BASE.get(by_id[org_id].body_type, 2.3)
        + STRONG_BODIES.get(by_id[org_id].slug, 0.0) + rng.gauss(0, 0.35)
        for org_id in sorted(set(first_round) | set(second_round))
    }
    latest_statuses = (
        [AssessmentStatus.SUBMITTED.value] * 3 + [AssessmentStatus.DRAFT.value] * 2
        + [AssessmentStatus.RETURNED.value]
    )
    latest_statuses += ([AssessmentStatus.ACCEPTED.value]
                        * (len(second_round) - len(latest_statuses)))
    rng.shuffle(latest_statuses)

    # One or two members of each assessed body may fill in its self-assessment.
    for org_id in sorted(set(first_round) | set(second_round)):
        colleagues = [m for m in members if m.organisation_id == org_id
                      and m.status == MemberStatus.ACTIVE.value]
        for member in rng.sample(colleagues, min(len(colleagues), rng.randint(1, 2))):
            member.assessor = True

    assessments = 0
    scores: list[AssessmentScore] = []
    for round_, org_ids, statuses, bonus in (
        (previous, first_round, [AssessmentStatus.ACCEPTED.value] * len(first_round), 0.0),
        (latest, second_round, latest_statuses, 0.3),
    ):
        review_end = min(now, datetime.combine(round_.closes_on + timedelta(days=30), time(17)))
        for org_id, status in zip(org_ids, statuses):
            submitted = accepted = None
            if status != AssessmentStatus.DRAFT.value:
                window_end = min(now - timedelta(days=3),
                                 datetime.combine(round_.closes_on, time(17)))
                window_start = datetime.combine(round_.opens_on + timedelta(days=7), time(9))
                submitted = window_start + (window_end - window_start) * rng.random()
                if status == AssessmentStatus.ACCEPTED.value:
                    accepted = submitted + (review_end - submitted) * rng.uniform(0.05, 0.5)
            started = datetime.combine(round_.opens_on + timedelta(days=rng.randint(1, 6)),
                                       time(10))
            assessment = Assessment(
                organisation_id=org_id, round_id=round_.id, framework_id=framework.id,
                status=status, submitted_at=submitted, accepted_at=accepted,
                publish_named=rng.random() < 0.5, is_demo=True,
                review_comment=(RETURN_COMMENT if status == AssessmentStatus.RETURNED.value
                                else None),
                updated_at=min(now, accepted or submitted or started),
            )
            add_rows(session, [assessment])
            session.flush()
            assessments += 1
            answered = dimensions if status != AssessmentStatus.DRAFT.value else dimensions[:4]
            for dimension in answered:
                scores.append(_score(rng, assessment.id, dimension,
                                     capability[org_id] + bonus))
    add_rows(session, scores)
    session.flush()
    return assessments, len(scores)


def _score(rng: random.Random, assessment_id: int, dimension: MaturityDimension,
           capability: float) -> AssessmentScore:
    if rng.random() < 0.025:
        return AssessmentScore(assessment_id=assessment_id, dimension_id=dimension.id,
                               level=None, not_applicable=True,
                               evidence="Not applicable: handled by a partner body.")
    raw = capability + DIMENSION_TENDENCY.get(dimension.key, 0.0) + rng.gauss(0, 0.55)
    level = max(1, min(5, round(raw)))
    band = 0 if level <= 2 else (1 if level == 3 else 2)
    notes = EVIDENCE.get(dimension.key, GENERIC_EVIDENCE)
    confidence = rng.choices(
        [Confidence.LOW.value, Confidence.MEDIUM.value, Confidence.HIGH.value],
        weights=[3, 5, 2] if level <= 2 else [2, 5, 3],
    )[0]
    evidence = notes[band] if rng.random() < 0.8 else None
    links = None
    if evidence and rng.random() < 0.25:
        folder = dimension.key.replace("_", "-")
        links = f"https://intranet.{EMAIL_DOMAIN}/{folder}/evidence-{assessment_id}.pdf"
    return AssessmentScore(
        assessment_id=assessment_id, dimension_id=dimension.id, level=level,
        not_applicable=False, confidence=confidence, evidence=evidence, evidence_links=links,
    )


# --- steering group -----------------------------------------------------------------------


def _steering(
    session: Session, rng: random.Random, today: date, members: list[Member]
) -> tuple[int, int, int]:
    """The steering group's year (dashboard/seed/demo_steering.py)."""
    from dashboard.seed.demo_steering import seed_steering

    return seed_steering(session, rng, today, members, ACTIONS)


# --- data sources -------------------------------------------------------------------------


def _data_sources(session: Session, now: datetime) -> dict[str, DataSource]:
    sources = {
        "ics": DataSource(name="Community events calendar",
                          name_cy="Calendr digwyddiadau'r gymuned", kind=SourceKind.ICS.value,
                          url=f"https://calendar.{EMAIL_DOMAIN}/community.ics", is_demo=True),
        "youtube": DataSource(name="Webinar recordings (YouTube)",
                              name_cy="Recordiadau'r gweminarau (YouTube)",
                              kind=SourceKind.YOUTUBE.value,
                              url="https://www.youtube.com/playlist?list=PLdemoCymunedWebinars2024",
                              is_demo=True),
        "registrations": DataSource(name="Webinar registrations (Microsoft Forms export)",
                                    name_cy="Cofrestriadau'r gweminarau (allforyn Microsoft "
                                            "Forms)",
                                    kind=SourceKind.REGISTRATIONS.value, is_demo=True),
        "survey": DataSource(name="Maturity survey export",
                             name_cy="Allforyn yr arolwg aeddfedrwydd",
                             kind=SourceKind.SURVEY.value, is_demo=True),
    }
    add_rows(session, list(sources.values()))
    session.flush()
    return sources


def _sync_runs(session: Session, now: datetime, sources: dict[str, DataSource]) -> int:
    def run(source: str, hours_ago: float, seconds: int,
            status: str = SyncStatus.SUCCEEDED.value, added: int = 0, updated: int = 0,
            unchanged: int = 0, message: str | None = None) -> SyncRun:
        started = (now - timedelta(hours=hours_ago)).replace(microsecond=0)
        return SyncRun(source_id=sources[source].id, started_at=started,
                       finished_at=started + timedelta(seconds=seconds), status=status,
                       added=added, updated=updated, unchanged=unchanged, message=message)

    runs = [
        run("ics", 72, 3, added=1, unchanged=11),
        run("ics", 48, 2, updated=1, unchanged=11),
        run("ics", 24, 2, unchanged=12),
        run("ics", 1, 2, unchanged=12),
        run("youtube", 49, 5, updated=5),
        run("youtube", 25, 4, updated=5),
        run("youtube", 1.5, 4, updated=5),
        run("registrations", 26, 1, SyncStatus.FAILED.value,
            message="registrations.xlsx: column 'Email address' not found; expected the "
                    "Microsoft Forms export with columns Name, Email address, Organisation, "
                    "Attended."),
        run("registrations", 25, 3, added=41, unchanged=1102),
        run("survey", 170, 6, added=9, updated=2, unchanged=14),
    ]
    add_rows(session, runs)
    return len(runs)
