"""A body's self-assessment: its assessors fill it in for the open round, the steering group
accepts it or returns it with a comment.

Every change checks who is asking first (an assessor of that very body, or the steering
group) and writes an audit entry in the same transaction. Messages that name dimensions
carry both languages ({"en": ..., "cy": ...}) for the state to pick from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from dashboard.domain import audit
from dashboard.domain.auth import Actor, has_role, require_role
from dashboard.domain.errors import InvalidInput, NotFound, PermissionDenied
from dashboard.domain.maturity.drafts import claim_draft
from dashboard.domain.maturity.framework import newest_framework
from dashboard.domain.paging import Page, paged
from dashboard.domain.web_address import is_web_address
from dashboard.models import (
    Assessment,
    AssessmentRound,
    AssessmentScore,
    AssessmentStatus,
    Confidence,
    MaturityDimension,
    Member,
    MemberStatus,
    Organisation,
    Role,
    utcnow,
)

EDITABLE = (AssessmentStatus.DRAFT.value, AssessmentStatus.RETURNED.value)
MAX_EVIDENCE = 4000
MAX_COMMENT = 2000


@dataclass(frozen=True)
class Answer:
    level: int | None = None
    not_applicable: bool = False
    confidence: str | None = None
    evidence: str = ""
    links: str = ""

    @property
    def empty(self) -> bool:
        return (self.level is None and not self.not_applicable and not self.confidence
                and not self.evidence.strip() and not self.links.strip())

    @property
    def complete(self) -> bool:
        return self.not_applicable or self.level is not None


@dataclass(frozen=True)
class FormDimension:
    key: str
    name_en: str
    name_cy: str
    description_en: str
    description_cy: str
    levels: dict
    answer: Answer


@dataclass(frozen=True)
class AssessmentForm:
    organisation_id: int
    body_en: str
    body_cy: str
    round_name: str
    closes_on: date
    assessment_id: int | None
    status: str
    publish_named: bool
    review_comment: str | None
    dimensions: list[FormDimension]
    version: int = 0  # the assessment's (0: none yet); a save from an older one is refused

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE


def open_round(session: Session, today: date) -> AssessmentRound | None:
    """The latest round whose dates include today."""
    return session.exec(
        select(AssessmentRound)
        .where(AssessmentRound.opens_on <= today, AssessmentRound.closes_on >= today)
        .order_by(AssessmentRound.opens_on.desc(), AssessmentRound.id.desc())
    ).first()


def assessor_body(session: Session, actor: Actor) -> Organisation:
    """The body the actor may assess for; PermissionDenied unless they are its assessor."""
    require_role(actor, Role.MEMBER)
    member = session.get(Member, actor.member_id) if actor.member_id else None
    if (member is None or not member.assessor or member.organisation_id is None
            or member.status != MemberStatus.ACTIVE.value):
        raise PermissionDenied("Only your body's assessors can fill in its self-assessment.")
    return session.get(Organisation, member.organisation_id)


def is_assessor_of(session: Session, actor: Actor, organisation_id: int) -> bool:
    if not actor.member_id:
        return False
    member = session.get(Member, actor.member_id)
    return bool(member and member.assessor and member.organisation_id == organisation_id
                and member.status == MemberStatus.ACTIVE.value)


def _round_or_refuse(session: Session, today: date) -> AssessmentRound:
    round_ = open_round(session, today)
    if round_ is None:
        raise InvalidInput("No assessment round is open at the moment.")
    return round_


def _dimensions(session: Session, framework_id: int) -> list[MaturityDimension]:
    return list(session.exec(
        select(MaturityDimension).where(MaturityDimension.framework_id == framework_id)
        .order_by(MaturityDimension.position)
    ).all())


def _current(session: Session, organisation_id: int, round_id: int) -> Assessment | None:
    return session.exec(select(Assessment).where(
        Assessment.organisation_id == organisation_id, Assessment.round_id == round_id)).first()


def _scores(session: Session, assessment_id: int) -> dict[int, AssessmentScore]:
    return {s.dimension_id: s for s in session.exec(
        select(AssessmentScore).where(AssessmentScore.assessment_id == assessment_id)).all()}


def assessment_form(session: Session, actor: Actor, today: date) -> AssessmentForm:
    """The actor's body's assessment for the open round, as it stands (nothing is written)."""
    body = assessor_body(session, actor)
    round_ = _round_or_refuse(session, today)
    assessment = _current(session, body.id, round_.id)
    if assessment is not None:
        framework_id = assessment.framework_id
    else:
        framework = newest_framework(session)
        if framework is None:
            raise InvalidInput("No maturity framework has been loaded.")
        framework_id = framework.id
    scores = _scores(session, assessment.id) if assessment else {}
    dims = []
    for d in _dimensions(session, framework_id):
        s = scores.get(d.id)
        answer = Answer(
            level=s.level, not_applicable=s.not_applicable, confidence=s.confidence,
            evidence=s.evidence or "", links=s.evidence_links or "") if s else Answer()
        dims.append(FormDimension(d.key, d.name_en, d.name_cy, d.description_en,
                                  d.description_cy, d.levels, answer))
    return AssessmentForm(
        organisation_id=body.id, body_en=body.name_en, body_cy=body.name_cy,
        round_name=round_.name, closes_on=round_.closes_on,
        assessment_id=assessment.id if assessment else None,
        status=assessment.status if assessment else AssessmentStatus.DRAFT.value,
        publish_named=assessment.publish_named if assessment else False,
        review_comment=assessment.review_comment if assessment else None,
        dimensions=dims, version=assessment.version if assessment else 0,
    )


def _both(dim: MaturityDimension) -> dict[str, str]:
    return {"en": dim.name_en, "cy": dim.name_cy}


def validate_answer(dim: MaturityDimension, answer: Answer) -> Answer:
    """A clean answer, or InvalidInput naming the dimension and what is wrong."""
    if answer.not_applicable and answer.level is not None:
        raise InvalidInput("{dimension}: choose a level or 'not applicable', not both.",
                           dimension=_both(dim))
    if answer.level is not None and answer.level not in (1, 2, 3, 4, 5):
        raise InvalidInput("{dimension}: the level must be from 1 to 5.", dimension=_both(dim))
    if answer.confidence and answer.confidence not in {c.value for c in Confidence}:
        raise InvalidInput("{dimension}: the confidence must be low, medium or high.",
                           dimension=_both(dim))
    if len(answer.evidence) > MAX_EVIDENCE:
        raise InvalidInput("{dimension}: the evidence notes are longer than {n} characters.",
                           dimension=_both(dim), n=MAX_EVIDENCE)
    links = [line.strip() for line in answer.links.splitlines() if line.strip()]
    for link in links:
        if not is_web_address(link):  # http and https only: never javascript: or data:
            raise InvalidInput("{dimension}: '{link}' is not a web address (it should start "
                               "with https://).", dimension=_both(dim), link=link)
    return Answer(level=answer.level, not_applicable=answer.not_applicable,
                  confidence=answer.confidence or None, evidence=answer.evidence.strip(),
                  links="\n".join(links))


def _score_snapshot(scores: dict[int, AssessmentScore], dims: list[MaturityDimension]) -> dict:
    return {d.key: {"level": scores[d.id].level, "not_applicable": scores[d.id].not_applicable,
                    "confidence": scores[d.id].confidence}
            for d in dims if d.id in scores}


def save_draft(session: Session, actor: Actor, today: date, answers: dict[str, Answer],
               publish_named: bool, version: int | None = None) -> Assessment:
    """Save the actor's body's answers for the open round as a draft (created if need be).
    ``version``: the draft's when the form was opened (0: there was none yet); a save over
    someone else's newer one is refused (versions.StaleVersion)."""
    body = assessor_body(session, actor)
    round_ = _round_or_refuse(session, today)
    assessment = _current(session, body.id, round_.id)
    if assessment is None:
        framework = newest_framework(session)
        if framework is None:
            raise InvalidInput("No maturity framework has been loaded.")
        assessment = Assessment(organisation_id=body.id, round_id=round_.id,
                                framework_id=framework.id)
        session.add(assessment)
        session.flush()
        before = None
    else:
        if assessment.status not in EDITABLE:
            raise InvalidInput("This assessment has been submitted and can no longer be changed.")
        claim_draft(session, assessment, version, answers, publish_named,
                    _dimensions(session, assessment.framework_id),
                    lambda assessment_id: _scores(session, assessment_id))
        before = {**audit.snapshot(assessment, ("status", "publish_named")),
                  "scores": _score_snapshot(_scores(session, assessment.id),
                                            _dimensions(session, assessment.framework_id))}
    dims = _dimensions(session, assessment.framework_id)
    by_key = {d.key: d for d in dims}
    unknown = sorted(set(answers) - set(by_key))
    if unknown:
        raise InvalidInput("There is no dimension called {key}.", key=unknown[0])
    scores = _scores(session, assessment.id)
    for key, raw in answers.items():
        dim = by_key[key]
        answer = validate_answer(dim, raw)
        score = scores.get(dim.id)
        if answer.empty:
            if score is not None:
                session.delete(score)
                del scores[dim.id]
            continue
        if score is None:
            score = AssessmentScore(assessment_id=assessment.id, dimension_id=dim.id)
            scores[dim.id] = score
        score.level = answer.level
        score.not_applicable = answer.not_applicable
        score.confidence = answer.confidence
        score.evidence = answer.evidence or None
        score.evidence_links = answer.links or None
        session.add(score)
    assessment.status = AssessmentStatus.DRAFT.value
    assessment.publish_named = bool(publish_named)
    assessment.updated_at = utcnow()
    session.add(assessment)
    session.flush()
    audit.record(session, actor, "save_draft", "assessment", assessment.id, before=before,
                 after={**audit.snapshot(assessment, ("status", "publish_named")),
                        "scores": _score_snapshot(scores, dims)})
    return assessment


def submit_assessment(session: Session, actor: Actor, today: date) -> Assessment:
    """Submit the open round's draft for review once every dimension is answered."""
    body = assessor_body(session, actor)
    round_ = _round_or_refuse(session, today)
    assessment = _current(session, body.id, round_.id)
    if assessment is None:
        raise InvalidInput("Save your answers before submitting.")
    if assessment.status not in EDITABLE:
        raise InvalidInput("This assessment has been submitted and can no longer be changed.")
    dims = _dimensions(session, assessment.framework_id)
    scores = _scores(session, assessment.id)
    missing = [d for d in dims
               if d.id not in scores or (scores[d.id].level is None
                                         and not scores[d.id].not_applicable)]
    if missing:
        raise InvalidInput(
            "Answer every dimension before submitting. Still to answer: {dimensions}.",
            dimensions={"en": ", ".join(d.name_en for d in missing),
                        "cy": ", ".join(d.name_cy for d in missing)})
    before = audit.snapshot(assessment, ("status", "submitted_at"))
    assessment.status = AssessmentStatus.SUBMITTED.value
    assessment.submitted_at = utcnow()
    assessment.review_comment = None
    assessment.updated_at = utcnow()
    session.add(assessment)
    audit.record(session, actor, "submit", "assessment", assessment.id, before=before,
                 after=audit.snapshot(assessment, ("status", "submitted_at")))
    return assessment


# --- the steering group's review ---------------------------------------------------------


@dataclass(frozen=True)
class ReviewItem:
    assessment_id: int
    body_en: str
    body_cy: str
    round_name: str
    submitted_at: datetime | None
    answered: int


def review_queue(session: Session, actor: Actor, page: int = 1) -> Page:
    """Submitted assessments waiting for the steering group, oldest first."""
    require_role(actor, Role.STEERING)
    answered = (select(func.count()).select_from(AssessmentScore)
                .where(AssessmentScore.assessment_id == Assessment.id).scalar_subquery())
    query = (
        select(Assessment.id, Organisation.name_en, Organisation.name_cy, AssessmentRound.name,
               Assessment.submitted_at, answered)
        .join(Organisation, Organisation.id == Assessment.organisation_id)
        .join(AssessmentRound, AssessmentRound.id == Assessment.round_id)
        .where(Assessment.status == AssessmentStatus.SUBMITTED.value)
        .order_by(Assessment.submitted_at, Assessment.id)
    )
    result = paged(session, query, page)
    return Page(rows=[ReviewItem(*row) for row in result.rows], total=result.total,
                page=result.page, page_size=result.page_size)


@dataclass(frozen=True)
class ReviewAnswer:
    name_en: str
    name_cy: str
    level: int | None
    not_applicable: bool
    confidence: str | None
    evidence: str
    links: str


def review_answers(session: Session, actor: Actor,
                   assessment_ids: list[int]) -> dict[int, list[ReviewAnswer]]:
    """The answers of the given assessments, in dimension order (steering group)."""
    require_role(actor, Role.STEERING)
    if not assessment_ids:
        return {}
    rows = session.exec(
        select(AssessmentScore, MaturityDimension)
        .join(MaturityDimension, MaturityDimension.id == AssessmentScore.dimension_id)
        .where(AssessmentScore.assessment_id.in_(assessment_ids))
        .order_by(AssessmentScore.assessment_id, MaturityDimension.position)
    ).all()
    out: dict[int, list[ReviewAnswer]] = {i: [] for i in assessment_ids}
    for score, dim in rows:
        out[score.assessment_id].append(ReviewAnswer(
            dim.name_en, dim.name_cy, score.level, score.not_applicable, score.confidence,
            score.evidence or "", score.evidence_links or ""))
    return out


@dataclass(frozen=True)
class ReviewEntry:
    item: ReviewItem
    answers: list[ReviewAnswer]


def review_page(session: Session, actor: Actor, page: int = 1) -> Page[ReviewEntry]:
    """One page of the review queue, each assessment with its answers (steering group)."""
    result = review_queue(session, actor, page)
    answers = review_answers(session, actor, [i.assessment_id for i in result.rows])
    return Page(rows=[ReviewEntry(i, answers.get(i.assessment_id, [])) for i in result.rows],
                total=result.total, page=result.page, page_size=result.page_size)


def _submitted(session: Session, assessment_id: int) -> Assessment:
    assessment = session.get(Assessment, assessment_id)
    if assessment is None:
        raise NotFound("That assessment no longer exists.")
    if assessment.status != AssessmentStatus.SUBMITTED.value:
        raise InvalidInput("Only a submitted assessment can be accepted or returned.")
    return assessment


def accept_assessment(session: Session, actor: Actor, assessment_id: int) -> Assessment:
    require_role(actor, Role.STEERING)
    assessment = _submitted(session, assessment_id)
    before = audit.snapshot(assessment, ("status", "accepted_at"))
    assessment.status = AssessmentStatus.ACCEPTED.value
    assessment.accepted_at = utcnow()
    assessment.updated_at = utcnow()
    session.add(assessment)
    audit.record(session, actor, "accept", "assessment", assessment.id, before=before,
                 after=audit.snapshot(assessment, ("status", "accepted_at")))
    return assessment


def return_assessment(session: Session, actor: Actor, assessment_id: int,
                      comment: str) -> Assessment:
    require_role(actor, Role.STEERING)
    comment = (comment or "").strip()
    if not comment:
        raise InvalidInput("Say what the body should change: the comment is required.")
    if len(comment) > MAX_COMMENT:
        raise InvalidInput("The comment is longer than {n} characters.", n=MAX_COMMENT)
    assessment = _submitted(session, assessment_id)
    before = audit.snapshot(assessment, ("status", "review_comment"))
    assessment.status = AssessmentStatus.RETURNED.value
    assessment.review_comment = comment
    assessment.updated_at = utcnow()
    session.add(assessment)
    audit.record(session, actor, "return", "assessment", assessment.id, before=before,
                 after=audit.snapshot(assessment, ("status", "review_comment")))
    return assessment


def can_review(actor: Actor) -> bool:
    return has_role(actor, Role.STEERING)
