"""The steering group's review: submitted self-assessments, a page at a time, each accepted
or returned to its body with a comment (the domain checks the role and audits)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import reflex as rx

from dashboard.domain.maturity.self_assessment import (
    ReviewAnswer,
    ReviewEntry,
    accept_assessment,
    return_assessment,
    review_page,
)
from dashboard.domain.paging import DEFAULT_PAGE_SIZE, Page
from state.base import AppState
from state.paged_list import PagedList
from state.rows import Bilingual, day
from state.survey_import import SurveyImportState


@dataclass(frozen=True)
class AnswerRow:
    name: Bilingual  # the dimension
    level: int | None
    not_applicable: bool
    confidence: str  # "", "low", "medium" or "high"
    evidence: str
    links: str


def answer_row(a: ReviewAnswer) -> AnswerRow:
    return AnswerRow(Bilingual(a.name_en, a.name_cy), a.level, a.not_applicable,
                     a.confidence or "", a.evidence, a.links)


@dataclass(frozen=True)
class ReviewRow:
    id: int
    body: Bilingual
    round_name: str
    submitted: Bilingual
    answers: list[AnswerRow]
    comment: str = ""  # the steering group's comment, as it is being written


def review_row(entry: ReviewEntry) -> ReviewRow:
    item = entry.item
    return ReviewRow(id=item.assessment_id, body=Bilingual(item.body_en, item.body_cy),
                     round_name=item.round_name,
                     submitted=day(item.submitted_at.date() if item.submitted_at else None),
                     answers=[answer_row(a) for a in entry.answers])


class ReviewState(PagedList, AppState):
    """Submitted assessments for the steering group to accept or return."""

    allowed: bool = False
    rows: list[ReviewRow] = []

    def _fetch_page(self, page: int) -> Page[ReviewRow]:
        result = self._read(lambda session, actor: review_page(session, actor, page))
        self.allowed = result is not None
        if result is None:  # not the steering group: the page's problem says so
            return Page([], 0, 1, DEFAULT_PAGE_SIZE)
        return Page([review_row(e) for e in result.rows], result.total, result.page,
                    result.page_size)

    @rx.event
    def load(self):
        self.show_page(self.page)
        if self.allowed:
            return SurveyImportState.load

    @rx.event
    def set_comment(self, assessment_id: int, value: str):
        self.rows = [replace(row, comment=value) if row.id == int(assessment_id) else row
                     for row in self.rows]

    @rx.event
    def accept(self, assessment_id: int):
        if self._change(lambda s, a: accept_assessment(s, a, int(assessment_id))) is not None:
            self._say("Assessment accepted.")
        self.show_page(self.page)

    @rx.event
    def send_back(self, assessment_id: int):
        comment = next((row.comment for row in self.rows if row.id == int(assessment_id)), "")
        if self._change(lambda s, a: return_assessment(s, a, int(assessment_id),
                                                           comment)) is not None:
            self._say("Assessment returned to the body with your comment.")
            self.show_page(self.page)
